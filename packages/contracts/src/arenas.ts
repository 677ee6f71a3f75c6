import { z } from 'zod';
import type { SessionSummary } from './sessions.ts';
import type { DialogueSummary } from './views.ts';

// Sector arenas (sektoriella arenor) that exist from the first start. Their ids are stable slugs so
// links and search filters survive a rebuild of the store.
export const ARENAS = [
  { id: 'healthcare', name: { sv: 'Hälsa och vård', en: 'Healthcare' } },
  { id: 'transport', name: { sv: 'Transport', en: 'Transport' } },
  { id: 'energy-environment', name: { sv: 'Energi och miljö', en: 'Energy and environment' } },
  { id: 'ict', name: { sv: 'IKT', en: 'ICT' } },
  { id: 'space', name: { sv: 'Rymd', en: 'Space' } },
  { id: 'big-science', name: { sv: 'Big Science', en: 'Big Science' } },
] as const;

export type ArenaId = (typeof ARENAS)[number]['id'];
export const ARENA_IDS = ARENAS.map((arena) => arena.id) as [ArenaId, ...ArenaId[]];

export const arenaRef = z.strictObject({ arenaId: z.enum(ARENA_IDS) });

/** A past dialogue and what it left behind: its published questions and how many were answered officially. */
export type ArenaPastDialogue = DialogueSummary & { publishedQuestions: number; answeredQuestions: number };

export type ArenaUpcomingSession = SessionSummary & { dialogueTitle: string };

/**
 * Figures over the dialogues the viewer may see in the arena, counted from the store when asked:
 * published questions only (never one waiting in an inbox or answered privately).
 */
export type ArenaFigures = {
  dialogues: number;
  openDialogues: number;
  publishedQuestions: number;
  answeredQuestions: number;
  /** answered / published, 0–1; null with no published question. */
  answeredShare: number | null;
  libraryItems: number;
};

export type ArenaView = {
  id: ArenaId;
  name: { sv: string; en: string };
  /** Not archived and still taking questions, newest first. */
  openDialogues: DialogueSummary[];
  /** Scheduled sessions that have not ended, soonest first. */
  upcomingSessions: ArenaUpcomingSession[];
  /** Archived, or past their question deadline, newest first. */
  pastDialogues: ArenaPastDialogue[];
  figures: ArenaFigures;
  viewer: { following: boolean | null; canPublishLibrary: boolean };
};
