// Editing and withdrawing a research facility's opportunity (issue 11 §5). An edit is a new
// version: the opportunity holds the text as it is now, and a revision beside it records each
// changed field as it was and became, with the editor's note, so readers see it was revised and
// what changed. A withdrawal keeps everything readable and the consortia formed for it on record;
// it only stops new interest and new consortia. Both are told to the interested organisations and
// the consortia's leads (the notifier finds them from the event).
import type { EditOpportunityInput, OpportunityField, OpportunityRevision } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayManageOpportunity } from '../../platform/policy/consortia-policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import type { ConsortiaDeps } from './commands.ts';
import { OPPORTUNITIES, OPPORTUNITY_REVISIONS, opportunityRevisionId, type OpportunityDocument, type OpportunityRevisionDocument } from './documents.ts';
import { visibleOpportunity } from './queries.ts';

const FIELDS: OpportunityField[] = ['title', 'facility', 'arenaId', 'expectedAt', 'description'];

export const OPPORTUNITY_WITHDRAWN = 'The opportunity was withdrawn; it changes no more';

/** The opportunity, if the actor may see it and manage it and it is still open. */
async function managed(scope: TransactionScope, actor: Actor | null, opportunityId: string): Promise<{ opportunity: OpportunityDocument; manager: Actor }> {
  const opportunity = await visibleOpportunity(scope, actor, opportunityId);
  if (!mayManageOpportunity(actor, opportunity)) throw new AppError('FORBIDDEN', 'Only the publishing buyer (or a moderator, for one a moderator published) edits or withdraws an opportunity');
  if (opportunity.withdrawal) throw new AppError('OPPORTUNITY_WITHDRAWN', OPPORTUNITY_WITHDRAWN);
  return { opportunity, manager: actor };
}

/** Each field the edit changes, as it was and as it becomes. */
function changesOf(current: OpportunityDocument, input: EditOpportunityInput): OpportunityRevision['changes'] {
  return FIELDS.flatMap((field) => {
    const before = current[field];
    const after = input[field];
    return before === after ? [] : [{ field, before, after }];
  });
}

/** Returns the version now shown; an edit that changes nothing makes no version. */
export async function editOpportunity(deps: ConsortiaDeps, actor: Actor | null, input: EditOpportunityInput): Promise<number> {
  const at = deps.clock.now().toISOString();
  let shown = 0;
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { opportunity, manager } = await managed(scope, actor, input.opportunityId);
    const current = opportunity.version ?? 1;
    shown = current;
    const changes = changesOf(opportunity, input);
    if (changes.length === 0) return;
    const version = current + 1;
    // The version is in the filter, so two edits made at once cannot both become n + 1.
    const updated = await scope.collection<OpportunityDocument>(OPPORTUNITIES).updateOne(
      // null also matches one published before versions were kept, which has no version field.
      { _id: opportunity._id, version: opportunity.version ?? null },
      { $set: { title: input.title, facility: input.facility, arenaId: input.arenaId, expectedAt: input.expectedAt, description: input.description, version } },
    );
    if (updated.matchedCount !== 1) throw new Error('opportunity changed during its edit');
    await scope.collection<OpportunityRevisionDocument>(OPPORTUNITY_REVISIONS).insertOne({
      _id: opportunityRevisionId(opportunity._id, version),
      opportunityId: opportunity._id,
      version,
      at,
      by: manager.userId,
      note: input.note,
      changes,
    });
    await appendEvent(scope, 'consortium.opportunity_revised', null, { opportunityId: opportunity._id, version: String(version), by: manager.userId }, at);
    shown = version;
    changed = true;
  });
  if (changed) deps.onCommit();
  return shown;
}

export async function withdrawOpportunity(deps: ConsortiaDeps, actor: Actor | null, opportunityId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const { opportunity, manager } = await managed(scope, actor, opportunityId);
    // Asked for in the filter, so of two withdrawals made at once only one is recorded and told.
    const updated = await scope
      .collection<OpportunityDocument>(OPPORTUNITIES)
      .updateOne({ _id: opportunity._id, withdrawal: null }, { $set: { withdrawal: { at, by: manager.userId, reason } } });
    if (updated.matchedCount !== 1) throw new AppError('OPPORTUNITY_WITHDRAWN', OPPORTUNITY_WITHDRAWN);
    await appendEvent(scope, 'consortium.opportunity_withdrawn', null, { opportunityId: opportunity._id, by: manager.userId }, at);
  });
  deps.onCommit();
}

/** New interest and new consortia are for open opportunities only. */
export function requireOpen(opportunity: OpportunityDocument): void {
  if (opportunity.withdrawal) throw new AppError('OPPORTUNITY_WITHDRAWN', OPPORTUNITY_WITHDRAWN);
}
