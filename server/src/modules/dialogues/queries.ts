import { supplementaryInformationCutoff, type DialogueHistoryEntryView, type DialogueOutcome, type DialogueSummary, type DialogueView } from '@dialogforum/contracts';
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
  mayEditDialogue,
  visibleDialogueVisibilities,
  type DialogueAccessFacts,
} from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { ORGANISATIONS, type OrganisationDocument } from '../organisations/documents.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { dialogueFacts } from './dialogue-facts.ts';
import { DIALOGUE_HISTORY, DIALOGUES, type DialogueDocument, type DialogueHistoryDocument } from './documents.ts';
import { keptDialogue, type KeptDialogues } from './kept-dialogues.ts';

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
  return visibleTo(actor, dialogue, notFoundMessage);
}

/**
 * visibleDialogue for the hottest reads (a thread page): the dialogue as this node keeps it while
 * nothing wrote to the dialogues (kept-dialogues.ts), checked against the actor on every call.
 * Frozen and shared: for reading only.
 */
export async function visibleKeptDialogue(store: DocumentStore, kept: KeptDialogues, actor: Actor | null, dialogueId: string): Promise<DialogueDocument> {
  return visibleTo(actor, await keptDialogue(store, kept, dialogueId), 'No such dialogue');
}

function visibleTo(actor: Actor | null, dialogue: DialogueDocument | null, notFoundMessage: string): DialogueDocument {
  if (!dialogue || !canViewDialogue(actor, dialogue)) throw new AppError('NOT_FOUND', notFoundMessage);
  return dialogue;
}

/** What the policy needs to decide who sees a dialogue and who sees its askers; null when there is none. */
export async function dialogueAccessFacts(store: Pick<DocumentStore, 'collection'>, dialogueId: string): Promise<DialogueAccessFacts | null> {
  const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: dialogueId });
  if (!dialogue) return null;
  return { visibility: dialogue.visibility, ownerOrganisationIds: dialogue.ownerOrganisationIds, questionDeadline: dialogue.questionDeadline };
}

/** The current dialogues, or the archive; `archivedAt: null` also matches dialogues stored before archiving existed. */
export async function listDialogues(
  store: DocumentStore,
  actor: Actor | null,
  { arenaId, archived }: { arenaId?: string | undefined; archived: boolean },
): Promise<DialogueSummary[]> {
  const filter: Record<string, unknown> = { visibility: { $in: visibleDialogueVisibilities(actor) }, archivedAt: archived ? { $ne: null } : null };
  if (arenaId) filter.arenaId = arenaId;
  const dialogues = await store.collection<DialogueDocument>(DIALOGUES).find(filter, { sort: { createdAt: -1 }, limit: 200 });
  const owners = await ownerNames(store, dialogues);
  return dialogues.map((dialogue) => toSummary(dialogue, owners));
}

/**
 * A page of public dialogues, newest first, for the open data API: what anyone may read, whoever
 * asks. Pages continue after the (createdAt, id) of the last dialogue of the page before.
 */
export async function publicDialoguePage(
  store: DocumentStore,
  { arenaId, archived, after, limit }: { arenaId?: string | undefined; archived: boolean; after?: { createdAt: string; id: string } | undefined; limit: number },
): Promise<{ dialogues: DialogueSummary[]; more: boolean }> {
  const filter: Record<string, unknown> = { visibility: { $in: visibleDialogueVisibilities(null) }, archivedAt: archived ? { $ne: null } : null };
  if (arenaId) filter.arenaId = arenaId;
  if (after) filter.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }];
  const found = await store.collection<DialogueDocument>(DIALOGUES).find(filter, { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 });
  const page = found.slice(0, limit);
  const owners = await ownerNames(store, page);
  return { dialogues: page.map((dialogue) => toSummary(dialogue, owners)), more: found.length > limit };
}

/** Every dialogue of an arena the actor may see, current and archived, newest first (an arena's page and figures). */
export async function dialoguesInArena(store: DocumentStore, actor: Actor | null, arenaId: string): Promise<DialogueSummary[]> {
  const dialogues = await store
    .collection<DialogueDocument>(DIALOGUES)
    .find({ arenaId, visibility: { $in: visibleDialogueVisibilities(actor) } }, { sort: { createdAt: -1 } });
  const owners = await ownerNames(store, dialogues);
  return dialogues.map((dialogue) => toSummary(dialogue, owners));
}

export async function getDialogue(store: DocumentStore, clock: Clock, actor: Actor | null, dialogueId: string): Promise<DialogueView> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const owners = await ownerNames(store, [dialogue]);
  const now = clock.now();
  const archived = Boolean(dialogue.archivedAt);
  const deadlinePassed = isPastQuestionDeadline(dialogue, now);
  const facts = dialogueFacts(dialogue);
  const cutoff = facts.tenderDeadline === null ? null : supplementaryInformationCutoff(facts.tenderDeadline, facts.accelerated);
  return {
    ...toSummary(dialogue, owners),
    description: dialogue.description,
    visibility: dialogue.visibility,
    qaMode: dialogue.qaMode,
    deadlinePassed,
    referenceNumber: facts.referenceNumber,
    cpvCodes: facts.cpvCodes,
    contact: facts.contact,
    milestones: facts.milestones,
    tenderDeadline: facts.tenderDeadline,
    accelerated: facts.accelerated,
    supplementaryCutoff: cutoff,
    pastSupplementaryCutoff: cutoff !== null && now.getTime() >= Date.parse(cutoff),
    change: dialogue.change,
    outcome: dialogue.outcome ? publicOutcome(dialogue.outcome) : null,
    viewer: {
      canAsk: !archived && mayAskNow(actor, dialogue, now),
      canAnswer: mayAnswerOfficially(actor, dialogue),
      isOwner: isDialogueOwner(actor, dialogue),
      canComment:
        actor !== null &&
        hasVerifiedEmail(actor) &&
        mayCommentIn(actor, dialogue, dialogue.qaMode) &&
        (isDialogueOwner(actor, dialogue) || (!deadlinePassed && !archived)),
      canVote: actor !== null && hasVerifiedEmail(actor) && mayVote(actor, dialogue),
      canEdit: actor !== null && hasVerifiedEmail(actor) && mayEditDialogue(actor, dialogue),
    },
  };
}

/** The dialogue's recorded edits, newest first, for everyone who may see the dialogue. */
export async function dialogueHistory(store: DocumentStore, actor: Actor | null, dialogueId: string): Promise<DialogueHistoryEntryView[]> {
  await visibleDialogue(store, actor, dialogueId);
  const entries = await store
    .collection<DialogueHistoryDocument>(DIALOGUE_HISTORY)
    .find({ dialogueId }, { sort: { at: -1 }, limit: HISTORY_LIMIT });
  // The buyers act in office: their names and organisations are on the record, as on their answers.
  const [people, organisations] = await Promise.all([
    personNames(store, entries.map((entry) => entry.by)),
    organisationSummaries(store, entries.flatMap((entry) => (entry.organisationId ? [entry.organisationId] : []))),
  ]);
  return entries.map((entry) => ({
    id: entry._id,
    at: entry.at,
    by: people.has(entry.by)
      ? { name: people.get(entry.by) ?? '', organisation: entry.organisationId ? (organisations.get(entry.organisationId)?.name ?? null) : null }
      : null,
    changes: entry.changes,
  }));
}

const HISTORY_LIMIT = 200;

/** The outcome as everyone reads it: what was recorded and when, not by whom. */
function publicOutcome({ procuredInnovation, newToMarket, contractValueBand, recordedAt }: DialogueOutcome): DialogueOutcome {
  return { procuredInnovation, newToMarket, contractValueBand, recordedAt };
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
    archivedAt: dialogue.archivedAt ?? null,
  };
}

async function ownerNames(store: DocumentStore, dialogues: DialogueDocument[]): Promise<Map<string, string>> {
  const ids = [...new Set(dialogues.flatMap((dialogue) => dialogue.ownerOrganisationIds))];
  if (ids.length === 0) return new Map();
  const organisations = await store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: ids } });
  return new Map(organisations.map((organisation) => [organisation._id, organisation.name]));
}

/** Dialogues' titles by id, for naming where a person's own posts stand (their data export). */
export async function dialogueTitles(store: DocumentStore, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const dialogues = await store.collection<DialogueDocument>(DIALOGUES).find({ _id: { $in: ids } });
  return new Map(dialogues.map((dialogue) => [dialogue._id, dialogue.title]));
}

/** Of these dialogues, those the actor may see, by id (for views that gather several, as calendars do). */
export async function visibleDialogues(store: Pick<DocumentStore, 'collection'>, actor: Actor | null, ids: string[]): Promise<Map<string, DialogueDocument>> {
  if (ids.length === 0) return new Map();
  const dialogues = await store.collection<DialogueDocument>(DIALOGUES).find({ _id: { $in: [...new Set(ids)] } });
  return new Map(dialogues.filter((dialogue) => canViewDialogue(actor, dialogue)).map((dialogue) => [dialogue._id, dialogue]));
}

/** The statutory clock's facts of a dialogue as they stand: its tender deadline and whether it is accelerated. */
export async function tenderClockFacts(store: Pick<DocumentStore, 'collection'>, dialogueId: string): Promise<{ tenderDeadline: string | null; accelerated: boolean } | null> {
  const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: dialogueId });
  if (!dialogue) return null;
  const { tenderDeadline, accelerated } = dialogueFacts(dialogue);
  return { tenderDeadline, accelerated };
}

/** Every dialogue the actor may see, oldest first, unpaged (the innovation metrics count them all). */
export async function everyVisibleDialogue(store: DocumentStore, actor: Actor | null): Promise<DialogueSummary[]> {
  const dialogues = await store.collection<DialogueDocument>(DIALOGUES).find({ visibility: { $in: visibleDialogueVisibilities(actor) } }, { sort: { createdAt: 1 } });
  const owners = await ownerNames(store, dialogues);
  return dialogues.map((dialogue) => toSummary(dialogue, owners));
}
