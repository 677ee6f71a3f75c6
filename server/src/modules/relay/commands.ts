// Starting a relay project, handing over the baton and taking it. Each command checks the policy,
// writes its state and appends its event (ids only) in one transaction. Nothing is deleted: a
// revision is a new version beside the earlier ones, a withdrawal keeps every version readable.
import type { CreateRelayProjectInput, HandoverContent, PublishHandoverInput, ReviseHandoverInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { isDialogueOwner } from '../../platform/policy/policy.ts';
import { mayManageRelayProject, mayStartRelayProject, mayWithdrawHandover } from '../../platform/policy/relay-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { visibleSession } from '../sessions/queries.ts';
import { HANDOVER_VERSIONS, handoverVersionId, RELAY_CONTACTS, RELAY_POSTS, RELAY_PROJECTS, type HandoverVersionDocument, type RelayProjectDocument } from './documents.ts';
import { visibleRelayProject } from './queries.ts';

export type RelayDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

function contentOf(input: PublishHandoverInput): HandoverContent {
  const { stage, procured, dialogue, worked, didNotWork, risks, financing } = input;
  return { stage, procured, dialogue, worked, didNotWork, risks, financing };
}

const NOT_YOURS = 'Only the project’s own buyers do this';

export async function createRelayProject(deps: RelayDeps, actor: Actor | null, input: CreateRelayProjectInput): Promise<string> {
  if (!mayStartRelayProject(actor)) throw new AppError('FORBIDDEN', 'Only verified buyers start relay projects');
  const projectId = newId();
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    // A project is made of the organisation's own dialogues: another buyer's cannot be claimed.
    for (const dialogueId of input.dialogueIds) {
      const dialogue = await visibleDialogue(scope, actor, dialogueId);
      if (!isDialogueOwner(actor, dialogue)) throw new AppError('FORBIDDEN', 'A relay project is made of your organisation’s own dialogues');
    }
    await scope.collection<RelayProjectDocument>(RELAY_PROJECTS).insertOne({
      _id: projectId,
      title: input.title,
      arenaId: input.arenaId,
      visibility: input.visibility,
      organisationId: actor.organisationId,
      dialogueIds: input.dialogueIds,
      createdBy: actor.userId,
      createdAt: at,
      takenFrom: [],
      meetingSessionIds: [],
      handover: null,
      withdrawal: null,
    });
    await appendEvent(scope, 'relay.project_created', null, { projectId, organisationId: actor.organisationId, by: actor.userId }, at);
  });
  deps.onCommit();
  return projectId;
}

export async function publishHandover(deps: RelayDeps, actor: Actor | null, input: PublishHandoverInput): Promise<void> {
  const at = deps.clock.now().toISOString();
  const content = contentOf(input);
  await deps.store.withTransaction(async (scope) => {
    const project = await visibleRelayProject(scope, actor, input.projectId);
    if (!mayManageRelayProject(actor, project)) throw new AppError('FORBIDDEN', NOT_YOURS);
    if (project.withdrawal) throw new AppError('HANDOVER_WITHDRAWN', 'The handover was withdrawn; it changes no more');
    if (project.handover) throw new AppError('HANDOVER_EXISTS', 'The handover is published; a later stage is a new version of it');
    // `handover: null` in the filter: two publications made at once cannot both be version 1.
    const updated = await scope
      .collection<RelayProjectDocument>(RELAY_PROJECTS)
      .updateOne({ _id: project._id, handover: null }, { $set: { handover: { ...content, version: 1, publishedAt: at, updatedAt: at } } });
    if (updated.matchedCount !== 1) throw new Error('relay project changed during its handover');
    await scope
      .collection<HandoverVersionDocument>(HANDOVER_VERSIONS)
      .insertOne({ _id: handoverVersionId(project._id, 1), projectId: project._id, version: 1, ...content, at, by: actor.userId, note: null });
    await appendEvent(scope, 'relay.handover_published', null, { projectId: project._id, by: actor.userId }, at);
  });
  deps.onCommit();
}

export async function reviseHandover(deps: RelayDeps, actor: Actor | null, input: ReviseHandoverInput): Promise<number> {
  const at = deps.clock.now().toISOString();
  const content = contentOf(input);
  let version = 0;
  await deps.store.withTransaction(async (scope) => {
    const project = await visibleRelayProject(scope, actor, input.projectId);
    if (!mayManageRelayProject(actor, project)) throw new AppError('FORBIDDEN', NOT_YOURS);
    if (project.withdrawal) throw new AppError('HANDOVER_WITHDRAWN', 'The handover was withdrawn; it changes no more');
    if (!project.handover) throw new AppError('NOT_FOUND', 'No handover to revise');
    version = project.handover.version + 1;
    // The version number is in the filter, so two revisions made at once cannot both become n + 1.
    const updated = await scope
      .collection<RelayProjectDocument>(RELAY_PROJECTS)
      .updateOne(
        { _id: project._id, 'handover.version': project.handover.version },
        { $set: { handover: { ...content, version, publishedAt: project.handover.publishedAt, updatedAt: at } } },
      );
    if (updated.matchedCount !== 1) throw new Error('relay handover changed during its revision');
    await scope
      .collection<HandoverVersionDocument>(HANDOVER_VERSIONS)
      .insertOne({ _id: handoverVersionId(project._id, version), projectId: project._id, version, ...content, at, by: actor.userId, note: input.note });
    await appendEvent(scope, 'relay.handover_revised', null, { projectId: project._id, by: actor.userId, version: String(version) }, at);
  });
  deps.onCommit();
  return version;
}

export async function withdrawHandover(deps: RelayDeps, actor: Actor | null, projectId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let withdrawn = false;
  await deps.store.withTransaction(async (scope) => {
    const project = await visibleRelayProject(scope, actor, projectId);
    if (!mayWithdrawHandover(actor, project)) throw new AppError('FORBIDDEN', 'Only the project’s buyers and moderators withdraw its handover');
    if (!project.handover) throw new AppError('NOT_FOUND', 'No handover to withdraw');
    // Withdrawing twice changes nothing and records nothing: the first reason stands.
    if (project.withdrawal) return;
    await scope.collection<RelayProjectDocument>(RELAY_PROJECTS).updateOne({ _id: project._id }, { $set: { withdrawal: { at, by: actor.userId, reason } } });
    await appendEvent(scope, 'relay.handover_withdrawn', null, { projectId: project._id, by: actor.userId }, at);
    withdrawn = true;
  });
  if (withdrawn) deps.onCommit();
}

/** The starting project links itself to earlier projects' published handovers; taking one again changes nothing. */
export async function takeBaton(deps: RelayDeps, actor: Actor | null, projectId: string, fromProjectIds: string[]): Promise<void> {
  const at = deps.clock.now().toISOString();
  let taken = false;
  await deps.store.withTransaction(async (scope) => {
    const project = await visibleRelayProject(scope, actor, projectId);
    if (!mayManageRelayProject(actor, project)) throw new AppError('FORBIDDEN', NOT_YOURS);
    const fresh = fromProjectIds.filter((fromId) => !project.takenFrom.includes(fromId));
    for (const fromId of fresh) {
      if (fromId === project._id) throw new AppError('FORBIDDEN', 'A project does not take its own baton');
      const earlier = await visibleRelayProject(scope, actor, fromId);
      if (!earlier.handover) throw new AppError('NOT_FOUND', 'No such relay project');
      if (earlier.withdrawal) throw new AppError('HANDOVER_WITHDRAWN', 'That handover was withdrawn');
    }
    if (fresh.length === 0) return;
    await scope.collection<RelayProjectDocument>(RELAY_PROJECTS).updateOne({ _id: project._id }, { $set: { takenFrom: [...project.takenFrom, ...fresh] } });
    for (const fromId of fresh) {
      await appendEvent(scope, 'relay.baton_taken', null, { projectId: project._id, fromProjectId: fromId, by: actor.userId }, at);
    }
    taken = true;
  });
  if (taken) deps.onCommit();
}

/** A relay meeting is a session of one of the project's own dialogues, scheduled in the sessions module. */
export async function linkRelayMeeting(deps: RelayDeps, actor: Actor | null, projectId: string, sessionId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let linked = false;
  await deps.store.withTransaction(async (scope) => {
    const project = await visibleRelayProject(scope, actor, projectId);
    if (!mayManageRelayProject(actor, project)) throw new AppError('FORBIDDEN', NOT_YOURS);
    const { session } = await visibleSession(scope, actor, sessionId);
    if (!project.dialogueIds.includes(session.dialogueId)) throw new AppError('NOT_FOUND', 'No such session');
    if (project.meetingSessionIds.includes(session._id)) return;
    await scope
      .collection<RelayProjectDocument>(RELAY_PROJECTS)
      .updateOne({ _id: project._id }, { $set: { meetingSessionIds: [...project.meetingSessionIds, session._id] } });
    await appendEvent(scope, 'relay.meeting_linked', null, { projectId: project._id, sessionId: session._id, dialogueId: session.dialogueId, by: actor.userId }, at);
    linked = true;
  });
  if (linked) deps.onCommit();
}

export async function ensureRelayIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(RELAY_PROJECTS, [
    { keys: { arenaId: 1, createdAt: 1 }, name: 'arena' },
    { keys: { dialogueIds: 1 }, name: 'dialogue' },
    { keys: { organisationId: 1, createdAt: -1 }, name: 'organisation' },
    // The projects that took a project's baton (its page lists them).
    { keys: { takenFrom: 1 }, name: 'taken-from' },
    { keys: { 'handover.publishedAt': -1 }, name: 'handovers' },
  ]);
  await store.ensureIndexes(HANDOVER_VERSIONS, [{ keys: { projectId: 1, version: -1 }, name: 'project' }]);
  await store.ensureIndexes(RELAY_CONTACTS, [{ keys: { projectId: 1 }, name: 'project' }, { keys: { userId: 1 }, name: 'person' }]);
  await store.ensureIndexes(RELAY_POSTS, [{ keys: { projectId: 1, createdAt: 1 }, name: 'thread' }, { keys: { authorId: 1 }, name: 'author' }]);
}
