import type { DialogueSummary, DialogueView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayCommentIn, mayVote } from '../../platform/policy/thread-policy.ts';
import {
  canViewDialogue,
  hasVerifiedEmail,
  isDialogueOwner,
  isPastQuestionDeadline,
  mayAnswerOfficially,
  mayAskNow,
  visibleDialogueVisibilities,
  type DialogueAccessFacts,
} from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { ORGANISATIONS, type OrganisationDocument } from '../organisations/documents.ts';
import { DIALOGUES, type DialogueDocument } from './documents.ts';

/**
 * The dialogue if the actor may see it; otherwise NOT_FOUND, exactly as if it did not exist. Takes
 * the store or a transaction scope, which offer the same collections. A caller that reached the
 * dialogue through something inside it (a question) passes that thing's not-found message, so a
 * question in a hidden dialogue answers exactly as a question that does not exist.
 */
export async function visibleDialogue(
  store: Pick<DocumentStore, 'collection'>,
  actor: Actor | null,
  dialogueId: string,
  notFoundMessage = 'No such dialogue',
): Promise<DialogueDocument> {
  const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: dialogueId });
  if (!dialogue || !canViewDialogue(actor, dialogue)) throw new AppError('NOT_FOUND', notFoundMessage);
  return dialogue;
}

/** What the policy needs to decide who sees a dialogue and who sees its askers; null when there is none. */
export async function dialogueAccessFacts(store: Pick<DocumentStore, 'collection'>, dialogueId: string): Promise<DialogueAccessFacts | null> {
  const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: dialogueId });
  if (!dialogue) return null;
  return { visibility: dialogue.visibility, ownerOrganisationIds: dialogue.ownerOrganisationIds, questionDeadline: dialogue.questionDeadline };
}

export async function listDialogues(store: DocumentStore, actor: Actor | null, arenaId: string | undefined): Promise<DialogueSummary[]> {
  const filter: Record<string, unknown> = { visibility: { $in: visibleDialogueVisibilities(actor) } };
  if (arenaId) filter.arenaId = arenaId;
  const dialogues = await store.collection<DialogueDocument>(DIALOGUES).find(filter, { sort: { createdAt: -1 }, limit: 200 });
  const owners = await ownerNames(store, dialogues);
  return dialogues.map((dialogue) => toSummary(dialogue, owners));
}

export async function getDialogue(store: DocumentStore, clock: Clock, actor: Actor | null, dialogueId: string): Promise<DialogueView> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const owners = await ownerNames(store, [dialogue]);
  const now = clock.now();
  const deadlinePassed = isPastQuestionDeadline(dialogue, now);
  return {
    ...toSummary(dialogue, owners),
    description: dialogue.description,
    visibility: dialogue.visibility,
    qaMode: dialogue.qaMode,
    deadlinePassed,
    change: dialogue.change,
    viewer: {
      canAsk: mayAskNow(actor, dialogue, now),
      canAnswer: mayAnswerOfficially(actor, dialogue),
      isOwner: isDialogueOwner(actor, dialogue),
      canComment:
        actor !== null &&
        hasVerifiedEmail(actor) &&
        mayCommentIn(actor, dialogue, dialogue.qaMode) &&
        (isDialogueOwner(actor, dialogue) || !deadlinePassed),
      canVote: actor !== null && hasVerifiedEmail(actor) && mayVote(actor, dialogue),
    },
  };
}

function toSummary(dialogue: DialogueDocument, owners: Map<string, string>): DialogueSummary {
  return {
    id: dialogue._id,
    title: dialogue.title,
    arenaId: dialogue.arenaId,
    phase: dialogue.phase,
    questionDeadline: dialogue.questionDeadline,
    owners: dialogue.ownerOrganisationIds.map((id) => ({ id, name: owners.get(id) ?? '' })),
    threadCount: dialogue.threadCount,
    createdAt: dialogue.createdAt,
  };
}

async function ownerNames(store: DocumentStore, dialogues: DialogueDocument[]): Promise<Map<string, string>> {
  const ids = [...new Set(dialogues.flatMap((dialogue) => dialogue.ownerOrganisationIds))];
  if (ids.length === 0) return new Map();
  const organisations = await store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: ids } });
  return new Map(organisations.map((organisation) => [organisation._id, organisation.name]));
}
