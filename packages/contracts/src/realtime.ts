// socket.io events between server and browser. A client subscribes to a dialogue room; the server
// decides which variant of the room it joins (buyers see askers' names, others see pseudonyms).
import type { LivePresence, LiveRoomChanges } from './live-room.ts';
import type { NotificationView } from './notifications.ts';
import type { ThreadView } from './threads.ts';
import { z } from 'zod';
import { idSchema } from './inputs.ts';

/** What happened to a thread, in the order of a thread's life. */
export const THREAD_CHANGES = [
  'asked',
  'submitted',
  'published',
  'answered',
  'answered-privately',
  'commented',
  'edited',
  'redacted',
  'corrected',
  'voted',
  'hidden',
  'locked',
  'unlocked',
  'attached',
  'attachment-removed',
] as const;
export type ThreadChange = (typeof THREAD_CHANGES)[number];

/**
 * What of a dialogue a socket subscribes to: without a topic, everything its room is sent; with
 * `rounds`, the news of its rounds of one-to-one meetings alone (a round's page needs no thread).
 */
export const DIALOGUE_TOPICS = ['rounds'] as const;
export type DialogueTopic = (typeof DIALOGUE_TOPICS)[number];
export const subscribeInput = z.strictObject({ dialogueId: idSchema, topic: z.enum(DIALOGUE_TOPICS).optional() });
export const liveSubscribeInput = z.strictObject({ sessionId: idSchema });
/** A buyers' network's room: its members' people alone (issue 11 §4). */
export const networkSubscribeInput = z.strictObject({ networkId: idSchema });
/** A network session's live room: its network's members' people alone, while it is not cancelled. */
export const networkLiveSubscribeInput = z.strictObject({ sessionId: idSchema });
/** A consortium's room: whoever may see the consortium now (issue 11 §5). */
export const consortiumSubscribeInput = z.strictObject({ consortiumId: idSchema });
/** An opportunity's room: whoever may see the opportunity now. */
export const opportunitySubscribeInput = z.strictObject({ opportunityId: idSchema });
/** An arena library item's room: whoever may read the item now (issue 11 §2). */
export const libraryItemSubscribeInput = z.strictObject({ itemId: idSchema });

export type SubscribeAck = { ok: true } | { ok: false; appCode: 'NOT_FOUND' | 'VALIDATION' };

export type ServerToClientEvents = {
  /**
   * A thread the socket may see changed, and this is how it is now: replace any older copy (lower
   * `thread.change`). `what` says what happened, for announcing it; `postId` names the post it
   * concerns (an answer, a comment, a correction). Sent to a dialogue's room for published threads
   * (and to its buyers' room for those in their inbox), and to the asker's own sockets for their
   * question while it is not published.
   */
  'thread.changed': (event: { seq: number; dialogueId: string; what: ThreadChange; postId: string | null; thread: ThreadView }) => void;
  /** A session of the dialogue was scheduled, changed, cancelled, or someone registered: refetch the sessions. */
  'session.changed': (event: { seq: number; dialogueId: string; sessionId: string }) => void;
  /**
   * A round of the dialogue's one-to-one meetings was opened, booked, given back or closed (sent to
   * the dialogue's rooms, and their `rounds` rooms), or a meeting's minutes were recorded (sent to
   * the buyers' rooms and the meeting's organisation): refetch the round. It names the round only;
   * who booked what comes with the refetch, as the viewer may see it.
   */
  'round.changed': (event: { seq: number; dialogueId: string; roundId: string }) => void;
  /** The dialogue itself changed (e.g. its question deadline): refetch it. */
  'dialogue.changed': (event: { seq: number; dialogueId: string }) => void;
  /**
   * What this socket may see of the dialogue changed (a co-owner added, the visibility changed):
   * the server moved it to the room it may be in now, or out of both. Refetch the dialogue.
   */
  'dialogue.access_changed': (event: { dialogueId: string }) => void;
  /**
   * A session's live room changed: everything whose room change number is in (from, to], as the
   * socket's audience may see it. A client that has seen up to `from` applies it and has seen up
   * to `to`; one that has seen less asks `liveRoom.changes` for what it missed; one that has seen
   * `to` already ignores it. Votes and poll answers are coalesced: a burst arrives as one push.
   */
  'live.changed': (event: LiveRoomChanges) => void;
  /** Who is in the live room now (a count; names for the hosts), at most about once a second. */
  'live.presence': (event: LivePresence) => void;
  /** The socket may no longer be in the session's live room (cancelled, the dialogue hidden): it was taken out. */
  'live.access_changed': (event: { sessionId: string }) => void;
  /** A notification for the person this socket is signed in as, with their unread count now. */
  'notification.created': (event: { notification: NotificationView; unread: number }) => void;
  /** Something in a buyers' network the socket's organisation belongs to changed (a post, a member): refetch it. */
  'network.changed': (event: { seq: number; networkId: string }) => void;
  /** The socket may no longer be in the network's room (its organisation left or was removed, the network dissolved): it was taken out. */
  'network.access_changed': (event: { networkId: string }) => void;
  /** A network session's live room changed (started, ended, a question asked or hidden): refetch it. */
  'networkLive.changed': (event: { seq: number; sessionId: string }) => void;
  /** The socket may no longer be in the network session's live room (left, removed, dissolved, cancelled): it was taken out. */
  'networkLive.access_changed': (event: { sessionId: string }) => void;
  /** Something of a consortium the socket may see changed (a member, an answer, a visibility): refetch it. */
  'consortium.changed': (event: { seq: number; consortiumId: string }) => void;
  /** The socket may no longer see the consortium (its organisation left, was removed, or it turned buyer-only): it was taken out. */
  'consortium.access_changed': (event: { consortiumId: string }) => void;
  /** An opportunity changed (edited, withdrawn, interest declared, a consortium the socket may see): refetch it. */
  'opportunity.changed': (event: { seq: number; opportunityId: string }) => void;
  /** The socket may no longer see the opportunity (its dialogue was hidden from it): it was taken out. */
  'opportunity.access_changed': (event: { opportunityId: string }) => void;
  /** A library item the socket may read changed (a file added, revised, withdrawn): refetch it. */
  'libraryItem.changed': (event: { seq: number; itemId: string }) => void;
  /** The socket may no longer read the library item (it was made registered-only, or the session ended): it was taken out. */
  'libraryItem.access_changed': (event: { itemId: string }) => void;
};

export type ClientToServerEvents = {
  'dialogue.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'dialogue.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'live.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'live.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'network.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'network.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'networkLive.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'networkLive.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'consortium.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'consortium.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'opportunity.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'opportunity.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'libraryItem.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'libraryItem.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
};
