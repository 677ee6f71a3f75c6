import type { ArenaId, NetworkJoining } from '@dialogforum/contracts';
import type { StoredFileFields } from '../../platform/files/receive-file.ts';

/** A buyers' network. Dissolving keeps it, with who dissolved it, when and why. */
export type NetworkDocument = {
  _id: string;
  name: string;
  purpose: string;
  arenaId: ArenaId;
  joining: NetworkJoining;
  createdBy: string;
  createdAt: string;
  /** Dialogues the network owns jointly (every owner of each a member organisation when linked). */
  dialogueIds: string[];
  dissolved: { at: string; by: string; reason: string } | null;
};

export type NetworkMembershipStatus = 'requested' | 'invited' | 'member' | 'declined' | 'left' | 'removed';

/**
 * One organisation's standing in one network, and every step that led there. A step is appended,
 * never rewritten: who asked, who invited, who accepted, who left or removed, when and why.
 */
export type NetworkMembershipDocument = {
  _id: string; // networkMembershipId(networkId, organisationId)
  networkId: string;
  organisationId: string;
  status: NetworkMembershipStatus;
  role: 'admin' | 'member';
  /** When it last became a member. */
  since: string | null;
  steps: { status: NetworkMembershipStatus; at: string; by: string; reason: string }[];
};

/** A discussion of the network's members: no supplier ever takes part in one. */
export type NetworkDiscussionDocument = {
  _id: string;
  networkId: string;
  title: string;
  startedBy: string;
  organisationId: string;
  startedAt: string;
  lastPostAt: string;
  postCount: number;
};

export type NetworkPostDocument = {
  _id: string;
  discussionId: string;
  networkId: string;
  authorId: string;
  organisationId: string;
  /** The current text. */
  body: string;
  at: string;
  /** When the current text replaced an earlier one; null (absent on posts from before editing) if never edited. */
  editedAt?: string | null;
  /** Every earlier text, oldest first, with when it was written: an edit loses nothing. */
  earlier?: { body: string; at: string }[];
  /** Hidden by an admin organisation's person or a moderator: kept, with who, when and why. */
  hidden?: { at: string; by: string; reason: string } | null;
};

/**
 * An item of the network's own library: material its members share (a draft requirement, a
 * template), for its members alone. It lives here, not in the public library, so no reader of that
 * (search, open data, arena pages, notifications to an arena's followers) can ever reach it. Each
 * revision is a new version beside the earlier ones; none is changed or deleted.
 */
export type NetworkLibraryItemDocument = {
  _id: string;
  networkId: string;
  organisationId: string;
  publishedBy: string;
  publishedAt: string;
  /** Oldest first; the last is the current one. */
  versions: { title: string; body: string; at: string; by: string; note: string }[];
};

/**
 * A file attached to a network library item. Its bytes are in the blob store under `blobId`,
 * written before this record. Never changed or removed: a later version of the item keeps it.
 */
export type NetworkItemFileDocument = StoredFileFields & {
  _id: string;
  itemId: string;
  networkId: string;
  /** The item's version that was current when it was attached (the first is 1). */
  version: number;
  addedBy: string;
  organisationId: string;
  addedAt: string;
};

/**
 * A session of the network, for its members alone. It lives here, not among the dialogues'
 * sessions, so nothing that reads those (search, open data, calendar feeds, arena pages, metrics,
 * relay, notifications, the live room) can reach it.
 */
export type NetworkSessionDocument = {
  _id: string;
  networkId: string;
  title: string;
  agenda: string;
  /** UTC, ISO 8601; registration closes when it starts. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: 'online' | 'onsite' | 'hybrid';
  meetingLink: string | null;
  address: string | null;
  capacity: number;
  /** Kept below capacity by a conditional increment, so the last place is never taken twice. */
  registeredCount: number;
  organisationId: string;
  scheduledBy: string;
  scheduledAt: string;
  /** Set once cancelled (absent before): nothing is deleted, registrations stay as who was told. */
  cancelled?: { at: string; by: string; reason: string } | null;
  /** Raised with every change a calendar shows (cancelling, editing), so subscribed calendars take it; absent means 0. */
  sequence?: number;
  /** When last changed; absent means `scheduledAt`. */
  updatedAt?: string;
};

/** One person's registration for a network session. */
export type NetworkSessionRegistrationDocument = {
  _id: string; // networkSessionRegistrationId(sessionId, userId)
  sessionId: string;
  networkId: string;
  userId: string;
  organisationId: string;
  at: string;
};

export const NETWORKS = 'networks';
export const NETWORK_MEMBERSHIPS = 'networkMemberships';
export const NETWORK_DISCUSSIONS = 'networkDiscussions';
export const NETWORK_POSTS = 'networkPosts';
export const NETWORK_LIBRARY = 'networkLibraryItems';
export const NETWORK_LIBRARY_FILES = 'networkLibraryFiles';
export const NETWORK_SESSIONS = 'networkSessions';
export const NETWORK_SESSION_REGISTRATIONS = 'networkSessionRegistrations';

export function networkSessionRegistrationId(sessionId: string, userId: string): string {
  return `${sessionId}:${userId}`;
}

export function networkMembershipId(networkId: string, organisationId: string): string {
  return `${networkId}:${organisationId}`;
}
