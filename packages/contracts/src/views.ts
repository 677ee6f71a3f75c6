// What the API answers with. A view is already filtered by policy for the person asking: the
// asker of a question appears by name only to the dialogue's buyers (DESIGN.md §3, rule 1).
import type { ArenaId } from './arenas.ts';
import type { Phase, Representation } from './inputs.ts';

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

/** Who wrote a post, as the viewer may see it. */
export type AuthorView =
  | { kind: 'pseudonym'; label: string } // "A", "B", … — rendered as "Leverantör A" / "Supplier A"
  | { kind: 'person'; name: string; organisationName: string; organisationKind: OrganisationKind; pseudonym: string | null };

export type PostView = {
  id: string;
  threadId: string;
  kind: 'question' | 'answer';
  body: string;
  official: boolean;
  author: AuthorView;
  /** True when the viewer wrote it. */
  mine: boolean;
  createdAt: string;
};

export type ThreadView = {
  id: string;
  dialogueId: string;
  title: string;
  question: PostView;
  answers: PostView[];
  createdAt: string;
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
};

export type DialogueView = DialogueSummary & {
  description: string;
  visibility: 'public' | 'registered';
  deadlinePassed: boolean;
  /** What the viewer may do here; the server checks again on every call. */
  viewer: { canAsk: boolean; canAnswer: boolean; isOwner: boolean };
};

export type SearchHitView = {
  id: string;
  kind: 'dialogue' | 'question' | 'answer';
  dialogueId: string;
  threadId: string | null;
  title: string;
  snippet: string;
};
