import type { ArenaId, Phase, QaMode } from '@dialogforum/contracts';

export type DialogueDocument = {
  _id: string;
  title: string;
  description: string;
  arenaId: ArenaId;
  phase: Phase;
  /** ISO 8601 in UTC; the moment after which no question is accepted. */
  questionDeadline: string;
  visibility: 'public' | 'registered';
  /** Open discussion or moderated Q&A (questions go to the buyers' inbox first). */
  qaMode: QaMode;
  /** Buyer organisations that own it (several for a joint procurement). */
  ownerOrganisationIds: string[];
  createdBy: string;
  createdAt: string;
  threadCount: number;
  /** How many askers have a pseudonym here; the next one gets the next letter. */
  pseudonymCount: number;
  /**
   * Counts every change to the dialogue and its threads. Each thread keeps the value of its last
   * change, so a client that saw change n asks for the threads changed after n (change-counter.ts).
   */
  change: number;
};

export const DIALOGUES = 'dialogues';
