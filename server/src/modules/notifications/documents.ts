import type { EmailChoice, FollowKind, NotificationKind } from '@dialogforum/contracts';

/**
 * A person follows a dialogue, a thread or an arena. Stopping keeps the document with `following: false`,
 * so writing in the thread again does not make them follow it behind their back.
 */
export type FollowDocument = {
  _id: string; // followId(userId, kind, targetId)
  userId: string;
  kind: FollowKind;
  targetId: string;
  /** The dialogue followed or holding the thread; null for an arena. */
  dialogueId: string | null;
  following: boolean;
  /** Followed because they asked, answered or commented, not by pressing the button. */
  auto: boolean;
  since: string;
};

/** One notification: an event told to one person. Its id makes the notifier idempotent. */
export type NotificationDocument = {
  _id: string; // notificationId(seq, userId)
  userId: string;
  /** The sequence of the event it tells of: orders the list, and finds a batch to push. */
  seq: number;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  dialogueId: string | null;
  threadId: string | null;
  organisationId: string | null;
  /** The followed arena of a new dialogue or library item (absent in notifications made before arenas were followed). */
  arenaId?: string | null;
  libraryItemId?: string | null;
  /** The relay project whose handover was published in a followed arena. */
  relayProjectId?: string | null;
  /** The buyers' network an invitation, a join request or its answer is about. */
  networkId?: string | null;
  /** The consortium an invitation, or a member's answer or leaving, is about. */
  consortiumId?: string | null;
  /** The opportunity an edit or a withdrawal is about. */
  opportunityId?: string | null;
  /** What the event itself carries that the person may read: a redaction note, a rejection's reason. */
  note: string | null;
  deadline: { from: string; to: string } | null;
  /** The session it is about (absent on notifications from before sessions). */
  sessionId?: string | null;
  /** Waiting for the person's next daily digest (their choice was `daily` when it was made). */
  awaitingDigest: boolean;
  /** A saved search's new results (saved-search-notices.ts): its id, its name then, how many so far. */
  savedSearch?: { id: string; name: string; matches: number } | null;
  /** False for a saved search told by e-mail only: kept for the digest, never listed, counted or pushed. */
  inApp?: boolean;
};

/** Notifications the person sees in the app (all but a saved search's e-mail-only ones). */
export const SHOWN_IN_APP = { inApp: { $ne: false } };

/** A person's e-mail choice; absent means the default. */
export type NotificationSettingsDocument = { _id: string; email: EmailChoice; updatedAt: string };

/** One daily digest run: its id is the local date, so a day is scheduled once across restarts and nodes. */
export type DigestRunDocument = { _id: string; dueAt: string; scheduledAt: string };

/** The key that signs unsubscribe links, made once and kept in the store (so every node shares it). */
export type SigningKeyDocument = { _id: string; key: string; createdAt: string };

export const FOLLOWS = 'follows';
export const NOTIFICATIONS = 'notifications';
export const NOTIFICATION_SETTINGS = 'notificationSettings';
export const DIGEST_RUNS = 'digestRuns';
export const SIGNING_KEYS = 'signingKeys';

/** What a person gets when they have not chosen: one mail a day, never a stream of them. */
export const DEFAULT_EMAIL_CHOICE: EmailChoice = 'daily';

export function followId(userId: string, kind: FollowKind, targetId: string): string {
  return `${userId}:${kind}:${targetId}`;
}

export function notificationId(seq: number, userId: string): string {
  return `${seq}:${userId}`;
}
