import type { ArenaId, Phase } from '@dialogforum/contracts';

export type DialogueDocument = {
  _id: string;
  title: string;
  description: string;
  arenaId: ArenaId;
  phase: Phase;
  /** ISO 8601 in UTC; the moment after which no question is accepted. */
  questionDeadline: string;
  visibility: 'public' | 'registered';
  /** Buyer organisations that own it (several for a joint procurement). */
  ownerOrganisationIds: string[];
  createdBy: string;
  createdAt: string;
  threadCount: number;
  /** How many askers have a pseudonym here; the next one gets the next letter. */
  pseudonymCount: number;
};

export const DIALOGUES = 'dialogues';
