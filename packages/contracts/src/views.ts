// What the API answers with. A view is already filtered by policy for the person asking: the
// asker of a question appears by name only to the dialogue's buyers (DESIGN.md §3, rule 1).
import type { ArenaId } from './arenas.ts';
import type { Phase, Representation } from './inputs.ts';
import type { ContactPerson, Milestone, Visibility } from './dialogues.ts';
import type { QaMode } from './threads.ts';
import type { DialogueOutcome } from './metrics.ts';

export type OrganisationKind = 'buyer' | 'supplier' | 'research' | 'facilitator';

export type PlatformRole = 'moderator' | 'admin';

export type Me = {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  platformRole: PlatformRole | null;
  representation: Representation;
  /** The organisation this person acts for; null when they belong to none. */
  organisation: { id: string; name: string; kind: OrganisationKind; verified: boolean } | null;
};

export type DialogueSummary = {
  id: string;
  title: string;
  arenaId: ArenaId;
  phase: Phase;
  questionDeadline: string;
  owners: { id: string; name: string }[];
  threadCount: number;
  createdAt: string;
  /** When its buyers archived it: it takes no new questions and is listed apart. */
  archivedAt: string | null;
};

export type DialogueView = DialogueSummary & {
  description: string;
  visibility: Visibility;
  qaMode: QaMode;
  deadlinePassed: boolean;
  /** The buyer's reference (diarienummer). */
  referenceNumber: string | null;
  cpvCodes: string[];
  contact: ContactPerson | null;
  /** The timeline besides the deadlines, earliest first. */
  milestones: Milestone[];
  tenderDeadline: string | null;
  accelerated: boolean;
  /**
   * The statutory clock (statutory-clock.ts): the last moment supplementary information reaches
   * suppliers in time, with a tender deadline; and whether it has passed as the server reads now.
   */
  supplementaryCutoff: string | null;
  pastSupplementaryCutoff: boolean;
  /** The dialogue's change counter when read (see ThreadView.change). */
  change: number;
  /** How the procurement ended, as its buyers recorded it (public: it is what the metrics count). */
  outcome: DialogueOutcome | null;
  /** What the viewer may do here; the server checks again on every call. */
  viewer: {
    canAsk: boolean;
    canAnswer: boolean;
    isOwner: boolean;
    /** May comment on published threads (open discussion: anyone who may ask; moderated: the buyers). */
    canComment: boolean;
    /** May say "I want to know too". */
    canVote: boolean;
    /** May edit the dialogue, move it through its phases and archive it (its buyers). */
    canEdit: boolean;
  };
};

