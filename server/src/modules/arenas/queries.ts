// An arena's page (issue 11 §1): what is going on there, what was learned, and its figures, for one
// viewer. Everything is read through the owning modules' queries over the dialogues the viewer may
// see, so an arena never shows (or counts) a dialogue, question or session its viewer could not open.
import { ARENAS, type ArenaId, type ArenaPastDialogue, type ArenaView, type DialogueSummary } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayPublishLibraryItems } from '../../platform/policy/library-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { dialoguesInArena } from '../dialogues/queries.ts';
import { countLibraryItems } from '../library/queries.ts';
import { followsArena } from '../notifications/queries.ts';
import { upcomingSessions } from '../sessions/queries.ts';
import { publishedQuestionCounts } from '../threads/queries.ts';

/** How many of each list the page shows; the figures count them all. */
const SHOWN = 50;

/**
 * A dialogue is past when its buyers archived it or it reached contract and follow-up: the
 * procurement is done, and what it leaves is what others can learn from.
 */
export function isPastDialogue(dialogue: Pick<DialogueSummary, 'archivedAt' | 'phase'>): boolean {
  return dialogue.archivedAt !== null || dialogue.phase === 'contract';
}

export async function arenaView(store: DocumentStore, clock: Clock, actor: Actor | null, arenaId: ArenaId): Promise<ArenaView> {
  const arena = ARENAS.find((candidate) => candidate.id === arenaId);
  if (!arena) throw new Error(`unknown arena ${arenaId}`);
  const now = clock.now();
  const dialogues = await dialoguesInArena(store, actor, arenaId);
  const current = dialogues.filter((dialogue) => !isPastDialogue(dialogue));
  const past = dialogues.filter(isPastDialogue);
  const [counts, sessions, libraryItems, following] = await Promise.all([
    publishedQuestionCounts(store, dialogues.map((dialogue) => dialogue.id)),
    upcomingSessions(store, current.map((dialogue) => dialogue.id), now, SHOWN),
    countLibraryItems(store, actor, arenaId),
    actor ? followsArena(store, actor.userId, arenaId) : Promise.resolve(null),
  ]);
  const titles = new Map(dialogues.map((dialogue) => [dialogue.id, dialogue.title]));
  let publishedQuestions = 0;
  let answeredQuestions = 0;
  for (const count of counts.values()) {
    publishedQuestions += count.published;
    answeredQuestions += count.answered;
  }
  const pastDialogues: ArenaPastDialogue[] = past.slice(0, SHOWN).map((dialogue) => ({
    ...dialogue,
    publishedQuestions: counts.get(dialogue.id)?.published ?? 0,
    answeredQuestions: counts.get(dialogue.id)?.answered ?? 0,
  }));
  return {
    id: arena.id,
    name: { ...arena.name },
    openDialogues: current.slice(0, SHOWN),
    upcomingSessions: sessions.map((session) => ({ ...session, dialogueTitle: titles.get(session.dialogueId) ?? '' })),
    pastDialogues,
    figures: {
      dialogues: dialogues.length,
      openDialogues: current.filter((dialogue) => Date.parse(dialogue.questionDeadline) > now.getTime()).length,
      publishedQuestions,
      answeredQuestions,
      answeredShare: publishedQuestions === 0 ? null : answeredQuestions / publishedQuestions,
      libraryItems,
    },
    viewer: { following, canPublishLibrary: mayPublishLibraryItems(actor) },
  };
}
