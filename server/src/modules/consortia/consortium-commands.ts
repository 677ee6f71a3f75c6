// Forming a consortium and every change to who is in it. The lead organisation invites; only the
// invited organisation's own admin confirms (an invitation is never counted until then); a member
// leaves, the lead removes. Each change is kept in the consortium's history and as an event:
// nobody is ever silently dropped. The visibility is recomputed from the members' choices on every
// change, so it is public only while every confirmed member chose public.
import type { ConsortiumVisibility, FormConsortiumInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent, type EventType } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { isPartnerKind, mayAnswerInvitation, mayChooseConsortiumVisibility, mayLeadConsortium, mayLeaveConsortium } from '../../platform/policy/consortia-policy.ts';
import { actsForOrganisation, type MemberActor } from '../../platform/policy/policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { liveOrganisationSummaries, membershipOf } from '../organisations/queries.ts';
import { requirePartnerAdmin, type ConsortiaDeps } from './commands.ts';
import { CONSORTIA, visibilityOf, type ConsortiumDocument, type ConsortiumHistoryRecord, type ConsortiumMember } from './documents.ts';
import { requireOpen } from './opportunity-commands.ts';
import { visibleConsortium, visibleOpportunity } from './queries.ts';

const MAX_MEMBERS = 40;

/** Invitees must be live supplier or research organisations other than the lead; anything else is missing. */
async function requireInvitable(scope: Pick<TransactionScope, 'collection'>, organisationIds: string[], leadOrganisationId: string): Promise<void> {
  const found = await liveOrganisationSummaries(scope, organisationIds);
  for (const id of organisationIds) {
    const organisation = found.get(id);
    if (!organisation || !isPartnerKind(organisation.kind) || id === leadOrganisationId) throw new AppError('NOT_FOUND', 'No such organisation to invite');
  }
}

/**
 * Writes the changed members and history, with the visibility they now give, guarded by the
 * revision (and the lead, when an organisation merge moves it).
 */
export async function change(
  scope: TransactionScope,
  consortium: ConsortiumDocument,
  members: ConsortiumMember[],
  records: [ConsortiumHistoryRecord, ...ConsortiumHistoryRecord[]],
  type: EventType,
  subject: Record<string, string>,
  leadOrganisationId = consortium.leadOrganisationId,
): Promise<void> {
  if (members.length > MAX_MEMBERS) throw new AppError('VALIDATION', 'A consortium has at most 40 organisations');
  const updated = await scope.collection<ConsortiumDocument>(CONSORTIA).updateOne(
    { _id: consortium._id, revision: consortium.revision },
    { $set: { members, leadOrganisationId, history: [...consortium.history, ...records], visibility: visibilityOf(members), revision: consortium.revision + 1 } },
  );
  if (updated.matchedCount !== 1) throw new Error('consortium changed during the change');
  // Whether it was public before: a change that kept it from everyone else must still reach the
  // opportunity's page of everyone who saw it there (the realtime push reads this).
  const was: Record<string, string> = consortium.visibility === 'public' ? { wasPublic: 'true' } : {};
  await appendEvent(scope, type, null, { consortiumId: consortium._id, opportunityId: consortium.opportunityId, ...was, ...subject }, records[0].at);
}

function invited(organisationId: string, by: string, at: string): ConsortiumMember {
  return { organisationId, role: 'member', status: 'invited', choice: null, invitedAt: at, invitedBy: by, decidedAt: null };
}

/** Invitations to organisations already in (invited or confirmed) change nothing; a former member may be invited again. */
function withInvitations(members: ConsortiumMember[], organisationIds: string[], by: string, at: string): { members: ConsortiumMember[]; fresh: string[] } {
  const fresh: string[] = [];
  let next = [...members];
  for (const id of organisationIds) {
    const current = next.find((member) => member.organisationId === id);
    if (current && (current.status === 'invited' || current.status === 'confirmed')) continue;
    next = current ? next.map((member) => (member.organisationId === id ? invited(id, by, at) : member)) : [...next, invited(id, by, at)];
    fresh.push(id);
  }
  return { members: next, fresh };
}

export async function formConsortium(deps: ConsortiaDeps, actor: Actor | null, input: FormConsortiumInput): Promise<string> {
  const at = deps.clock.now().toISOString();
  const consortiumId = newId();
  await deps.store.withTransaction(async (scope) => {
    const opportunity = await visibleOpportunity(scope, actor, input.opportunityId);
    const lead = await requirePartnerAdmin(scope, actor);
    requireOpen(opportunity);
    await requireInvitable(scope, input.invite, lead.organisationId);
    const leadMember: ConsortiumMember = {
      organisationId: lead.organisationId,
      role: 'lead',
      status: 'confirmed',
      choice: input.visibility,
      invitedAt: at,
      invitedBy: lead.userId,
      decidedAt: at,
    };
    const { members } = withInvitations([leadMember], input.invite, lead.userId, at);
    const history: ConsortiumHistoryRecord[] = [
      { at, by: lead.userId, organisationId: lead.organisationId, action: 'formed', detail: input.visibility },
      ...input.invite.map((id) => ({ at, by: lead.userId, organisationId: id, action: 'invited' as const, detail: '' })),
    ];
    await scope.collection<ConsortiumDocument>(CONSORTIA).insertOne({
      _id: consortiumId,
      opportunityId: opportunity._id,
      arenaId: opportunity.arenaId,
      name: input.name,
      leadOrganisationId: lead.organisationId,
      visibility: visibilityOf(members),
      members,
      history,
      createdBy: lead.userId,
      createdAt: at,
      revision: 1,
    });
    // The invited are named as for a later invitation, so they are told of it alike.
    const subject: Record<string, string> = { consortiumId, opportunityId: opportunity._id, organisationId: lead.organisationId, by: lead.userId };
    if (input.invite.length > 0) subject.organisationIds = input.invite.join(',');
    await appendEvent(scope, 'consortium.formed', null, subject, at);
  });
  deps.onCommit();
  return consortiumId;
}

/** The consortium as the caller may see it, with the caller's membership of the organisation they act for. */
async function loaded(scope: TransactionScope, actor: Actor | null, consortiumId: string) {
  const { consortium } = await visibleConsortium(scope, actor, consortiumId);
  const membership = actsForOrganisation(actor) ? await membershipOf(scope, actor.organisationId, actor.userId) : null;
  return { consortium, membership };
}

export async function inviteToConsortium(deps: ConsortiaDeps, actor: Actor | null, consortiumId: string, organisationIds: string[]): Promise<void> {
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { consortium, membership } = await loaded(scope, actor, consortiumId);
    if (!mayLeadConsortium(actor, membership, consortium)) throw new AppError('FORBIDDEN', 'Only the lead organisation invites');
    await requireInvitable(scope, organisationIds, consortium.leadOrganisationId);
    const { members, fresh } = withInvitations(consortium.members, organisationIds, actor.userId, at);
    const [first, ...rest] = fresh.map((id): ConsortiumHistoryRecord => ({ at, by: actor.userId, organisationId: id, action: 'invited', detail: '' }));
    if (!first) return;
    await change(scope, consortium, members, [first, ...rest], 'consortium.member_invited', { organisationIds: fresh.join(','), by: actor.userId });
    changed = true;
  });
  if (changed) deps.onCommit();
}

/** The organisation's own answer to its invitation: confirming (with the visibility it agrees to) or declining. */
export async function answerInvitation(deps: ConsortiaDeps, actor: Actor | null, consortiumId: string, answer: { confirm: true; visibility: ConsortiumVisibility } | { confirm: false }): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const { consortium, membership } = await loaded(scope, actor, consortiumId);
    if (!mayAnswerInvitation(actor, membership, consortium)) throw new AppError('FORBIDDEN', 'Only the invited organisation answers its invitation');
    const status: 'confirmed' | 'declined' = answer.confirm ? 'confirmed' : 'declined';
    const members = consortium.members.map((member) =>
      member.organisationId === actor.organisationId ? { ...member, status, choice: answer.confirm ? answer.visibility : null, decidedAt: at } : member,
    );
    const record: ConsortiumHistoryRecord = { at, by: actor.userId, organisationId: actor.organisationId, action: status, detail: answer.confirm ? answer.visibility : '' };
    await change(scope, consortium, members, [record], answer.confirm ? 'consortium.member_confirmed' : 'consortium.member_declined', { organisationId: actor.organisationId, by: actor.userId });
  });
  deps.onCommit();
}

/** Ends one member's part, on record: by its own admin (left) or by the lead (removed). */
function ending(consortium: ConsortiumDocument, organisationId: string, status: 'left' | 'removed', at: string): ConsortiumMember[] {
  return consortium.members.map((member) => (member.organisationId === organisationId ? { ...member, status, choice: null, decidedAt: at } : member));
}

export async function leaveConsortium(deps: ConsortiaDeps, actor: Actor | null, consortiumId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const { consortium, membership } = await loaded(scope, actor, consortiumId);
    if (actsForOrganisation(actor) && actor.organisationId === consortium.leadOrganisationId) throw new AppError('CONSORTIUM_LEAD', 'The lead organisation does not leave its consortium');
    if (!mayLeaveConsortium(actor, membership, consortium)) throw new AppError('FORBIDDEN', 'Only a confirmed member leaves, by its own admin');
    const record: ConsortiumHistoryRecord = { at, by: actor.userId, organisationId: actor.organisationId, action: 'left', detail: reason };
    await change(scope, consortium, ending(consortium, actor.organisationId, 'left', at), [record], 'consortium.member_left', { organisationId: actor.organisationId, by: actor.userId });
  });
  deps.onCommit();
}

export async function removeFromConsortium(deps: ConsortiaDeps, actor: Actor | null, consortiumId: string, organisationId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const { consortium, membership } = await loaded(scope, actor, consortiumId);
    if (!mayLeadConsortium(actor, membership, consortium)) throw new AppError('FORBIDDEN', 'Only the lead organisation removes members');
    if (organisationId === consortium.leadOrganisationId) throw new AppError('CONSORTIUM_LEAD', 'The lead organisation is not removed');
    const member = consortium.members.find((candidate) => candidate.organisationId === organisationId);
    // An invitation not yet answered is withdrawn the same way: on record as removed.
    if (!member || (member.status !== 'confirmed' && member.status !== 'invited')) throw new AppError('NOT_FOUND', 'No such member');
    const record: ConsortiumHistoryRecord = { at, by: actor.userId, organisationId, action: 'removed', detail: reason };
    await change(scope, consortium, ending(consortium, organisationId, 'removed', at), [record], 'consortium.member_removed', { organisationId, by: actor.userId });
  });
  deps.onCommit();
}

export async function chooseConsortiumVisibility(deps: ConsortiaDeps, actor: Actor | null, consortiumId: string, visibility: ConsortiumVisibility): Promise<void> {
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { consortium, membership } = await loaded(scope, actor, consortiumId);
    if (!mayChooseConsortiumVisibility(actor, membership, consortium)) throw new AppError('FORBIDDEN', 'Only the lead and confirmed members choose the visibility');
    const self: MemberActor = actor;
    if (consortium.members.some((member) => member.organisationId === self.organisationId && member.choice === visibility)) return;
    const members = consortium.members.map((member) => (member.organisationId === self.organisationId ? { ...member, choice: visibility } : member));
    const record: ConsortiumHistoryRecord = { at, by: self.userId, organisationId: self.organisationId, action: 'visibility-chosen', detail: visibility };
    await change(scope, consortium, members, [record], 'consortium.visibility_chosen', { organisationId: self.organisationId, by: self.userId });
    changed = true;
  });
  if (changed) deps.onCommit();
}
