// The pioneer relay (pionjärstafett, issue 11 §3). A relay project is one procurement project of a
// buyer organisation: one or more of its dialogues. A project that has passed a stage hands over the
// baton — a structured handover published to its arena — and a project that is starting takes it:
// it links itself to earlier projects' handovers, asks them questions in the handover's relay
// thread and books a relay meeting (a session of one of its own dialogues). Handovers are versioned
// and withdrawn with a reason, never deleted. Contacts are people of the buyer organisation who
// opted in themselves, and choose who may see their e-mail address.
import { z } from 'zod';
import { ARENA_IDS, type ArenaId } from './arenas.ts';
import { VISIBILITIES, type Visibility } from './dialogues.ts';
import { idSchema, lineOfText, longText } from './inputs.ts';

const arenaIdSchema = z.enum(ARENA_IDS);
const distinct = <T>(values: T[]) => new Set(values).size === values.length;
const distinctIds = (max: number) => z.array(idSchema).min(1).max(max).refine(distinct, { error: 'duplicates' });

export const createRelayProjectInput = z.strictObject({
  title: lineOfText(3, 200),
  arenaId: arenaIdSchema,
  /** Dialogues of the buyer's organisation that make up the project. */
  dialogueIds: distinctIds(20),
  /** Public, or for people with a confirmed address (as dialogues); its handover and thread follow it. */
  visibility: z.enum(VISIBILITIES).default('public'),
});
export type CreateRelayProjectInput = z.infer<typeof createRelayProjectInput>;

/** The handover's sections (stafettpinnen): each is markdown; what a project has not met may stay short. */
export const HANDOVER_SECTIONS = ['procured', 'dialogue', 'worked', 'didNotWork', 'risks', 'financing'] as const;
export type HandoverSection = (typeof HANDOVER_SECTIONS)[number];

const section = longText(0, 20_000);
const handoverFields = {
  /** The stage the project has passed (e.g. "Marknadsdialog genomförd"). */
  stage: lineOfText(3, 200),
  /** What was procured and why. */
  procured: longText(10, 20_000),
  /** How the dialogue was run. */
  dialogue: section.default(''),
  worked: section.default(''),
  didNotWork: section.default(''),
  /** Risks met and how they were carried. */
  risks: section.default(''),
  financing: section.default(''),
};

export const publishHandoverInput = z.strictObject({ projectId: idSchema, ...handoverFields });
export type PublishHandoverInput = z.infer<typeof publishHandoverInput>;

/** An edit is a new version of the whole handover, with a note saying what changed. */
export const reviseHandoverInput = z.strictObject({ projectId: idSchema, ...handoverFields, note: lineOfText(3, 300) });
export type ReviseHandoverInput = z.infer<typeof reviseHandoverInput>;

export const withdrawHandoverInput = z.strictObject({ projectId: idSchema, reason: longText(3, 2000) });

/** One project, with its handover at the current version or at an earlier one. */
export const relayProjectInput = z.strictObject({ projectId: idSchema, version: z.number().int().min(1).max(10_000).optional() });
export const relayProjectRef = z.strictObject({ projectId: idSchema });

/** The starting project takes the baton from earlier projects' published handovers. */
export const takeBatonInput = z.strictObject({ projectId: idSchema, fromProjectIds: distinctIds(10) });

/** A relay meeting: a session of one of the taking project's dialogues (scheduled in the sessions module). */
export const linkRelayMeetingInput = z.strictObject({ projectId: idSchema, sessionId: idSchema });

/** Who sees a contact's e-mail address: nobody (name only), people signed in with a confirmed address, or everyone. */
export const CONTACT_EMAIL_VISIBILITIES = ['nobody', 'confirmed', 'everyone'] as const;
export type ContactEmailVisibility = (typeof CONTACT_EMAIL_VISIBILITIES)[number];

/** A person of the project's organisation offers (or stops offering) to help those who take the baton. */
export const setRelayContactInput = z.strictObject({
  projectId: idSchema,
  offering: z.boolean(),
  /** What the person did in the project, e.g. "Projektledare". */
  role: lineOfText(0, 120).default(''),
  emailShownTo: z.enum(CONTACT_EMAIL_VISIBILITIES).default('nobody'),
});
export type SetRelayContactInput = z.infer<typeof setRelayContactInput>;

/** A question to the project that handed over, or a reply in its relay thread. */
export const relayPostInput = z.strictObject({ projectId: idSchema, replyTo: idSchema.nullish(), body: longText(3, 10_000) });
export type RelayPostInput = z.infer<typeof relayPostInput>;
export const editRelayPostInput = z.strictObject({ postId: idSchema, body: longText(3, 10_000), note: lineOfText(0, 300).default('') });
export const hideRelayPostInput = z.strictObject({ postId: idSchema, reason: longText(3, 2000) });

export const relayChainsInput = z.strictObject({ arenaId: arenaIdSchema });
export const myRelayProjectsInput = z.strictObject({ dialogueId: idSchema.optional() });

export type HandoverContent = { stage: string } & Record<HandoverSection, string>;

export type HandoverView = HandoverContent & {
  version: number;
  publishedAt: string;
  updatedAt: string;
  /** The version shown (the current one unless an earlier one was asked for), and its note. */
  shown: { version: number; at: string; note: string | null };
  versions: { version: number; at: string; stage: string; note: string | null }[];
  withdrawal: { at: string; reason: string } | null;
};

/** A project as lists and chains show it. */
export type RelayProjectSummary = {
  id: string;
  title: string;
  arenaId: ArenaId;
  visibility: Visibility;
  organisation: { id: string; name: string };
  createdAt: string;
  /** The stage its handover says it passed; null before it hands over. */
  handover: { stage: string; publishedAt: string; version: number; withdrawn: boolean } | null;
  /** The earlier projects it took the baton from (those the viewer may see). */
  takenFrom: string[];
};

export type RelayContactView = {
  userId: string;
  name: string;
  role: string;
  /** Only when the person chose to show it to this viewer. */
  email: string | null;
};

export type RelayPostView = {
  id: string;
  replyTo: string | null;
  /** Buyers in office, by name and organisation (as on a dialogue's history). */
  author: { name: string; organisation: string | null } | null;
  body: string | null;
  createdAt: string;
  edited: { at: string; note: string } | null;
  versions: number;
  hidden: { at: string; reason: string } | null;
  viewer: { canEdit: boolean; canHide: boolean; canReply: boolean };
};

export type RelayMeetingView = { sessionId: string; dialogueId: string; title: string; startsAt: string; timeZone: string; cancelled: boolean };

export type RelayProjectView = RelayProjectSummary & {
  dialogues: { id: string; title: string }[];
  handoverView: HandoverView | null;
  /** Projects it took the baton from, and projects that took it from this one. */
  earlier: RelayProjectSummary[];
  later: RelayProjectSummary[];
  contacts: RelayContactView[];
  posts: RelayPostView[];
  meetings: RelayMeetingView[];
  viewer: {
    canManage: boolean;
    canPublish: boolean;
    canRevise: boolean;
    canWithdraw: boolean;
    canAsk: boolean;
    canTakeBaton: boolean;
    canOfferHelp: boolean;
    /** The viewer's own contact offer, when there is one. */
    myContact: { offering: boolean; role: string; emailShownTo: ContactEmailVisibility } | null;
  };
};

/** A relay as the arena shows it: projects linked by taking the baton, oldest first. */
export type RelayChain = { projects: RelayProjectSummary[] };
export type RelayChainsView = { chains: RelayChain[]; viewer: { canStart: boolean } };
