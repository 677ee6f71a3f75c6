import type { CreateDialogueInput, Phase, QaMode } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import {
  canCreateDialogue,
  hasVerifiedEmail,
  mayAddDialogueOwner,
  mayAnswerOfficially,
  mayChangeQuestionDeadline,
  mayOwnDialogues,
} from '../../platform/policy/policy.ts';
import { ORGANISATIONS, type OrganisationDocument } from '../organisations/documents.ts';
import { visibleDialogue } from './queries.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { changesBetween, dialogueFacts, editedFacts, refuseInvalidFacts } from './dialogue-facts.ts';
import { recordDialogueChanges } from './dialogue-history.ts';
import { DIALOGUE_HISTORY, DIALOGUES, type DialogueDocument } from './documents.ts';

export type DialogueDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function createDialogue(deps: DialogueDeps, actor: Actor | null, input: CreateDialogueInput): Promise<string> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in to publish a dialogue');
  if (!hasVerifiedEmail(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address before publishing');
  if (!canCreateDialogue(actor)) throw new AppError('FORBIDDEN', 'Only members of verified buyer organisations publish dialogues');
  const clock = deps.clock.now();
  const now = clock.toISOString();
  const dialogueId = newId();
  const facts = editedFacts(NO_FACTS, { ...input, qaMode: input.qaMode ?? defaultQaMode(input.phase) });
  // Everything is new, so everything is held to the rules (no deadline in the past, ...).
  refuseInvalidFacts(facts, new Set(Object.keys(facts)), clock);
  await deps.store.withTransaction(async (scope) => {
    await scope.collection<DialogueDocument>(DIALOGUES).insertOne({
      _id: dialogueId,
      ...facts,
      arenaId: input.arenaId,
      ownerOrganisationIds: [actor.organisationId],
      createdBy: actor.userId,
      createdAt: now,
      threadCount: 0,
      pseudonymCount: 0,
      change: 0,
      archivedAt: null,
      archivedBy: null,
    });
    await recordDialogueChanges(scope, dialogueId, actor, [{ field: 'created', from: null, to: facts.title }], now);
  });
  deps.onCommit();
  return dialogueId;
}

export async function setQuestionDeadline(
  deps: DialogueDeps,
  actor: Actor | null,
  dialogueId: string,
  questionDeadline: string,
): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!hasVerifiedEmail(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address before changing a deadline');
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, dialogueId);
    if (!mayChangeQuestionDeadline(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue change its deadline');
    const before = dialogueFacts(dialogue);
    const after = editedFacts(before, { questionDeadline });
    // The same deadline again changes nothing, so it records nothing (no event, no audit line).
    const changes = changesBetween(before, after);
    if (changes.length === 0) return;
    refuseInvalidFacts(after, new Set(['questionDeadline']), now);
    await scope.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogueId }, { $set: { questionDeadline: after.questionDeadline } });
    await recordDialogueChanges(scope, dialogueId, actor, changes, now.toISOString());
  });
  deps.onCommit();
}

export async function addDialogueOwner(deps: DialogueDeps, actor: Actor | null, dialogueId: string, organisationId: string): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!hasVerifiedEmail(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address first');
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, dialogueId);
    if (!mayAddDialogueOwner(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue add co-owners');
    const organisation = await scope.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: organisationId });
    if (!organisation) throw new AppError('NOT_FOUND', 'No such organisation');
    if (!mayOwnDialogues(organisation)) throw new AppError('NOT_A_VERIFIED_BUYER', 'Only verified buyer organisations own dialogues');
    if (dialogue.ownerOrganisationIds.includes(organisationId)) return;
    await scope.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogueId }, { $addToSet: { ownerOrganisationIds: organisationId } });
    const change = { field: 'owners' as const, from: [], to: [organisation.name] };
    await recordDialogueChanges(scope, dialogueId, actor, [change], at, { organisationId });
  });
  deps.onCommit();
}

/** In the tender phase what one supplier is told must reach all at once: moderated Q&A by default. */
export function defaultQaMode(phase: Phase): QaMode {
  return phase === 'tender' || phase === 'evaluation' ? 'moderated' : 'open';
}

/**
 * The buyers choose open discussion or moderated Q&A. Switching never publishes anything: a
 * question waiting in the inbox stays there until the buyers publish or answer it.
 */
export async function setQaMode(deps: DialogueDeps, actor: Actor, dialogueId: string, qaMode: QaMode): Promise<void> {
  let changed = false;
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, dialogueId);
    if (!mayAnswerOfficially(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue choose how questions are handled');
    if (dialogue.qaMode === qaMode) return;
    await scope.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogueId }, { $set: { qaMode }, $inc: { change: 1 } });
    await recordDialogueChanges(scope, dialogueId, actor, [{ field: 'qaMode', from: dialogue.qaMode, to: qaMode }], at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

/** A dialogue before it is published: what `createDialogue` fills in from its input. */
const NO_FACTS = {
  title: '',
  description: '',
  phase: 'needs-analysis',
  questionDeadline: '',
  visibility: 'public',
  qaMode: 'open',
  referenceNumber: null,
  cpvCodes: [],
  contact: null,
  milestones: [],
  tenderDeadline: null,
  accelerated: false,
} satisfies ReturnType<typeof dialogueFacts>;

export async function ensureDialogueIndexes(store: DocumentStore): Promise<void> {
  // Both serve the newest-first list (with and without an arena) without reading every dialogue.
  await store.ensureIndexes(DIALOGUES, [
    { keys: { arenaId: 1, createdAt: -1 }, name: 'arena' },
    { keys: { createdAt: -1 }, name: 'newest' },
  ]);
  await store.ensureIndexes(DIALOGUE_HISTORY, [{ keys: { dialogueId: 1, at: -1 }, name: 'dialogue' }]);
}
