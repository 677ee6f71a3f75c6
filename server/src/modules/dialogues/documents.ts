import type { ArenaId, ContactPerson, DialogueOutcome, DialogueFieldChange, Milestone, Phase, QaMode } from '@dialogforum/contracts';

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
  // Added after the first release: a dialogue stored before has none of these (see dialogueFacts).
  /** The buyer's reference (diarienummer). */
  referenceNumber?: string | null;
  cpvCodes?: string[];
  contact?: ContactPerson | null;
  /** ISO 8601 in UTC, earliest first. */
  milestones?: Milestone[];
  /** ISO 8601 in UTC; required in the tender phase (the statutory clock counts back from it). */
  tenderDeadline?: string | null;
  /** An accelerated procedure: supplementary information 4 days before the tender deadline, not 6. */
  accelerated?: boolean;
  /** Archived by its buyers: no new questions, listed apart. */
  archivedAt?: string | null;
  archivedBy?: string | null;
  /** How the procurement ended, as its buyers recorded it (innovation metrics); the last record counts. */
  outcome?: (DialogueOutcome & { recordedBy: string }) | null;
};

export const DIALOGUES = 'dialogues';

/** One recorded edit of a dialogue: who changed what, from what, to what. Never changed or deleted. */
export type DialogueHistoryDocument = {
  _id: string;
  dialogueId: string;
  at: string;
  by: string;
  /** The organisation the buyer acted for. */
  organisationId: string | null;
  changes: DialogueFieldChange[];
};

export const DIALOGUE_HISTORY = 'dialogueHistory';
