// Buyers' networks (beställarnätverk, issue 11 §4). Verified buyer organisations form a network in an
// arena to prepare procurements together. A network is joined on request (an admin organisation of
// the network accepts) or by invitation only. Its discussions are for its members' people alone: a
// network discussion has no supplier participants, so nothing said there about a procurement can
// reach one supplier without the others (what the buyers decide to tell the market goes to the
// dialogue's public Q&A, for everyone). Joining, leaving, removal and dissolving are recorded.
import { z } from 'zod';
import { ARENA_IDS, type ArenaId } from './arenas.ts';
import { idSchema, lineOfText, longText } from './inputs.ts';
import type { NetworkItemFileView } from './network-files.ts';
import type { NetworkSessionSummary } from './network-sessions.ts';

/** How an organisation comes in: it asks and an admin accepts, or an admin invites it and it accepts. */
export const NETWORK_JOINING = ['on-request', 'invitation'] as const;
export type NetworkJoining = (typeof NETWORK_JOINING)[number];

export const createNetworkInput = z.strictObject({
  name: lineOfText(3, 120),
  purpose: longText(0, 4000).default(''),
  arenaId: z.enum(ARENA_IDS),
  joining: z.enum(NETWORK_JOINING),
});
export type CreateNetworkInput = z.infer<typeof createNetworkInput>;

export const networkRef = z.strictObject({ networkId: idSchema });
export const networksInArenaInput = z.strictObject({ arenaId: z.enum(ARENA_IDS) });
/** An admin invites a (verified buyer) organisation, or removes a member with the reason on record. */
export const inviteToNetworkInput = z.strictObject({ networkId: idSchema, organisationId: idSchema });
export const decideNetworkRequestInput = z.strictObject({ networkId: idSchema, organisationId: idSchema, accept: z.boolean() });
export const answerNetworkInvitationInput = z.strictObject({ networkId: idSchema, accept: z.boolean() });
export const removeFromNetworkInput = z.strictObject({ networkId: idSchema, organisationId: idSchema, reason: longText(3, 2000) });
export const leaveNetworkInput = z.strictObject({ networkId: idSchema, reason: longText(0, 2000).default('') });
export const dissolveNetworkInput = z.strictObject({ networkId: idSchema, reason: longText(3, 2000) });
/** The network owns one of its members' dialogues jointly: every owner of it is a member organisation. */
export const linkNetworkDialogueInput = z.strictObject({ networkId: idSchema, dialogueId: idSchema });

export const startNetworkDiscussionInput = z.strictObject({ networkId: idSchema, title: lineOfText(3, 200), body: longText(3, 10_000) });
export const networkDiscussionRef = z.strictObject({ discussionId: idSchema });
export const networkPostInput = z.strictObject({ discussionId: idSchema, body: longText(3, 10_000) });
/** Its author edits a post; the text it replaces stays on record for the members to read. */
export const editNetworkPostInput = z.strictObject({ postId: idSchema, body: longText(3, 10_000) });
/** An admin organisation's person or a moderator hides a post: it stays on record, hidden, with the reason. */
export const hideNetworkPostInput = z.strictObject({ postId: idSchema, reason: longText(3, 2000) });

/** The network's own library: material for its members alone, each revision a new version. */
export const publishNetworkItemInput = z.strictObject({ networkId: idSchema, title: lineOfText(3, 200), body: longText(10, 50_000) });
export const reviseNetworkItemInput = z.strictObject({ itemId: idSchema, title: lineOfText(3, 200), body: longText(10, 50_000), note: lineOfText(3, 300) });
export const networkItemRef = z.strictObject({ itemId: idSchema });

/** The viewer's organisation's standing in a network. */
export type NetworkStanding = 'admin' | 'member' | 'requested' | 'invited' | null;

export type NetworkSummary = {
  id: string;
  name: string;
  arenaId: ArenaId;
  joining: NetworkJoining;
  memberCount: number;
  dissolved: boolean;
  standing: NetworkStanding;
};

export type NetworkMemberView = { organisationId: string; name: string; role: 'admin' | 'member'; since: string };
/** One step in the record of who came and went: never removed. */
export type NetworkRecordEntry = {
  organisationId: string;
  name: string;
  what: 'created' | 'requested' | 'invited' | 'joined' | 'declined' | 'left' | 'removed' | 'dissolved';
  at: string;
  reason: string;
};
export type NetworkDiscussionSummary = { id: string; title: string; startedAt: string; lastPostAt: string; postCount: number };
export type NetworkDialogueView = { id: string; title: string };
export type NetworkItemSummary = { id: string; title: string; updatedAt: string; version: number };
export type NetworkItemView = {
  id: string;
  networkId: string;
  networkName: string;
  organisationName: string;
  publishedAt: string;
  /** Newest first: the first is the current one. */
  versions: { version: number; title: string; body: string; at: string; authorName: string; note: string }[];
  /** Every file attached to any version, oldest first: none is ever removed. */
  files: NetworkItemFileView[];
  viewer: { mayRevise: boolean; mayAttach: boolean };
};

export type NetworkView = NetworkSummary & {
  purpose: string;
  createdAt: string;
  dissolution: { at: string; reason: string } | null;
  /** Shown to members, and to verified buyers who may ask to join an open network; never for an invitation-only one to outsiders. */
  members: NetworkMemberView[];
  /** Members only: the network's own discussions, its joint dialogues, and the record of who came and went. */
  discussions: NetworkDiscussionSummary[];
  dialogues: NetworkDialogueView[];
  /** Members only: the network's own library. */
  library: NetworkItemSummary[];
  /** Members only: the network's own sessions, upcoming (soonest first) and past (latest first). */
  sessions: { upcoming: NetworkSessionSummary[]; past: NetworkSessionSummary[] };
  record: NetworkRecordEntry[];
  /** Admins only: requests waiting for an answer, and invitations not yet answered. */
  requests: { organisationId: string; name: string; at: string }[];
  invitations: { organisationId: string; name: string; at: string }[];
  viewer: { isMember: boolean; isAdmin: boolean; mayRequest: boolean; mayAnswerInvitation: boolean };
};

export type NetworkPostView = {
  id: string;
  authorName: string;
  organisationName: string;
  /** Null once hidden: members see that and why, not what (nor its earlier texts). */
  body: string | null;
  at: string;
  /** When the current text replaced an earlier one; null if never edited. */
  editedAt: string | null;
  /** The texts it had before, oldest first, each with when it was written. */
  earlier: { body: string; at: string }[];
  hidden: { at: string; reason: string } | null;
  viewer: { mayEdit: boolean; mayHide: boolean };
};
export type NetworkDiscussionView = { id: string; networkId: string; networkName: string; title: string; posts: NetworkPostView[]; mayPost: boolean };

export type NetworksInArenaView = { networks: NetworkSummary[]; viewer: { canCreate: boolean } };
