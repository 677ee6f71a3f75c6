// When a moderator merges a duplicate buyer organisation into the one it duplicates
// (organisations/merge-command.ts), the relay projects the duplicate ran are the survivor's: its
// people (members of the survivor now) keep managing them, and the survivor's people may too. The
// project and the help its people offer name the survivor from then on; its handover's versions and
// the posts of its thread keep who wrote them for whom, as history does. Each move is recorded as an
// event of the project, which the search indexer writes the handover's document again from.
// Each project moves in one transaction that finds it only while it still names the duplicate.
import { appendEvent } from '../../platform/events/event-log.ts';
import { organisationMergeReaction, type OrganisationMerge } from '../../platform/events/merge-reaction.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { RelayDeps } from './commands.ts';
import { RELAY_CONTACTS, RELAY_PROJECTS, type RelayContactDocument, type RelayProjectDocument } from './documents.ts';

export const RELAY_MERGE = 'relay-merge';

export function relayMergeProcessor(deps: RelayDeps): EventProcessor {
  return organisationMergeReaction(RELAY_MERGE, (merge) => moveProjects(deps, merge), deps.onCommit);
}

async function moveProjects(deps: RelayDeps, merge: OrganisationMerge): Promise<boolean> {
  let moved = false;
  for (const project of await deps.store.collection<RelayProjectDocument>(RELAY_PROJECTS).find({ organisationId: merge.from })) {
    if (await moveProject(deps, project._id, merge)) moved = true;
  }
  return moved;
}

async function moveProject(deps: RelayDeps, projectId: string, { from, into }: OrganisationMerge): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  return deps.store.withTransaction(async (scope) => {
    const { matchedCount } = await scope.collection<RelayProjectDocument>(RELAY_PROJECTS).updateOne({ _id: projectId, organisationId: from }, { $set: { organisationId: into } });
    if (matchedCount === 0) return false;
    const contacts = scope.collection<RelayContactDocument>(RELAY_CONTACTS);
    for (const contact of await contacts.find({ projectId, organisationId: from })) {
      await contacts.updateOne({ _id: contact._id }, { $set: { organisationId: into } });
    }
    await appendEvent(scope, 'relay.project_owner_merged', null, { projectId, organisationId: from, intoOrganisationId: into }, at);
    return true;
  });
}
