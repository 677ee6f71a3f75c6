// Following dialogues and threads, in-app notifications and the e-mail a person chose to get about
// them. Inputs are enforced by the server and checked by the client's forms; views are built by the
// server for one person, under the same policy as the dialogue and thread views.
import { z } from 'zod';
import { ARENA_IDS, type ArenaId } from './arenas.ts';
import { idSchema } from './inputs.ts';
import type { SearchQueryInput } from './search.ts';

/**
 * What a person follows: a whole dialogue (every published question and answer), one thread, or a
 * sector arena (its new dialogues and library items).
 */
export const FOLLOW_KINDS = ['dialogue', 'thread', 'arena'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

export const followRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dialogue'), id: idSchema }),
  z.strictObject({ kind: z.literal('thread'), id: idSchema }),
  z.strictObject({ kind: z.literal('arena'), id: z.enum(ARENA_IDS) }),
]);
export type FollowRef = z.infer<typeof followRef>;

/** Off, a mail for every notification, or one mail a day with what the person has not read. */
export const EMAIL_CHOICES = ['off', 'immediately', 'daily'] as const;
export const emailChoiceSchema = z.enum(EMAIL_CHOICES);
export type EmailChoice = z.infer<typeof emailChoiceSchema>;

export const notificationSettingsInput = z.strictObject({ email: emailChoiceSchema });

export const listNotificationsInput = z.strictObject({
  /** The `order` of the last notification seen; absent for the newest page. */
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListNotificationsInput = z.infer<typeof listNotificationsInput>;

export const notificationIdSchema = z.string().regex(/^[A-Za-z0-9_:-]{3,100}$/);
export const markNotificationsReadInput = z.strictObject({ ids: z.array(notificationIdSchema).min(1).max(100) });

/** An unsubscribe link's token: signed by the server, for one person and one purpose. */
export const unsubscribeInput = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,400}\.[A-Za-z0-9_-]{43}$/) });

/** What the dialogue page needs to show its follow buttons: the dialogue's and its threads'. */
export const followStateInput = z.strictObject({ dialogueId: idSchema });
export type FollowState = { dialogue: boolean; threads: string[] };

export const NOTIFICATION_KINDS = [
  /** An official answer was published to the person's question (also when published with it). */
  'my-question-answered',
  /** The buyers answered the person's confidential question to them alone. */
  'my-question-answered-privately',
  /** The buyers redacted the person's question; `note` says why. */
  'my-question-redacted',
  /** A question was published in a followed dialogue. */
  'question-published',
  /** An official answer in a followed dialogue or thread. */
  'answer-published',
  /** A comment in a followed thread. */
  'comment-published',
  /** An official answer in a followed dialogue or thread was corrected. */
  'answer-corrected',
  /** A question is waiting in the inbox of a dialogue the person's organisation owns. */
  'question-in-inbox',
  /** The question deadline of a followed dialogue moved; `deadline` says from when to when. */
  'deadline-changed',
  /** The minutes of a session the person registered for, or of a followed dialogue's session, were published with its Q&A. */
  'session-minutes-published',
  /** A moderator verified the organisation the person belongs to. */
  'organisation-verified',
  /** A dialogue was published in a followed arena. */
  'arena-dialogue-published',
  /** A library item was published to a followed arena. */
  'library-item-published',
  /** A relay project in a followed arena handed over its baton (published its handover). */
  'relay-handover-published',
  /** A moderator rejected the organisation's verification; `note` holds the reason. */
  'organisation-rejected',
  /** A session the person is registered for starts in 24 hours / in 15 minutes. */
  'session-reminder-24h',
  'session-reminder-15m',
  /** A session the person registered for (or waits for) was moved to another time. */
  'session-rescheduled',
  /** A session the person registered for (or waits for) was cancelled; `note` holds the reason. */
  'session-cancelled',
  /** A place freed up: the person moved from the waitlist to registered. */
  'session-promoted',
  /** A round of one-to-one meetings opened for booking in a followed dialogue. */
  'meeting-round-opened',
  /** A round closed: the minutes of all its meetings are published (to followers and those who met). */
  'meeting-minutes-published',
  /** New content a saved search of the person finds; `savedSearch.matches` counts it (a burst is one notification). */
  'saved-search-matched',
  /** Someone asked a question in the relay thread of a project of the person's organisation (a handover they may answer). */
  'relay-question-asked',
  /** The person's organisation is invited to a buyers' network. */
  'network-invited',
  /** An organisation asks to join a buyers' network the person's organisation is an admin of. */
  'network-join-requested',
  /** A buyers' network accepted the request of the person's organisation to join it. */
  'network-request-accepted',
  /** A buyers' network declined the request of the person's organisation to join it. */
  'network-request-declined',
  /** A buyers' network's session the person registered for was cancelled; `note` holds the reason. */
  'network-session-cancelled',
  /** A buyers' network's session the person registered for moved to another time or place. */
  'network-session-changed',
  /** The person's organisation is invited into a consortium. */
  'consortium-invited',
  /** An invited organisation confirmed its place in a consortium the person's organisation leads. */
  'consortium-member-confirmed',
  /** An invited organisation declined its place in a consortium the person's organisation leads. */
  'consortium-member-declined',
  /** A member left a consortium the person's organisation leads. */
  'consortium-member-left',
  /** An opportunity the person's organisation declared interest in, or leads a consortium for, was edited. */
  'opportunity-revised',
  /** An opportunity the person's organisation declared interest in, or leads a consortium for, was withdrawn. */
  'opportunity-withdrawn',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One notification as its person may see it now: titles as the thread view shows them to that
 * person (null for a hidden question), never who asked or wrote, never another person's private
 * text.
 */
export type NotificationView = {
  id: string;
  /** Newest is highest: the event's sequence (a page continues `before` the last one's). */
  order: number;
  kind: NotificationKind;
  at: string;
  read: boolean;
  dialogue: { id: string; title: string } | null;
  thread: { id: string; title: string | null } | null;
  organisation: { id: string; name: string } | null;
  /** The followed arena a new dialogue or library item was published in. */
  arena: { id: ArenaId } | null;
  /** A library item the person may see now. */
  libraryItem: { id: string; title: string } | null;
  /** A relay project the person may see now (its handover was published). */
  relayProject: { id: string; title: string } | null;
  /** A buyers' network the person's organisation may see now (as a member, invited, or as a verified buyer for an open one). */
  network: { id: string; name: string } | null;
  /** A consortium the person's organisation may see now (public, or kept to the buyer and it is in it or is the buyer). */
  consortium: { id: string; name: string } | null;
  /** An opportunity the person may see now (edited or withdrawn). */
  opportunity: { id: string; title: string } | null;
  /** The redaction note told to the asker, or a rejection's reason. */
  note: string | null;
  deadline: { from: string; to: string } | null;
  /** The session it is about, as the person may see it now. */
  session: { id: string; title: string; startsAt: string; timeZone: string } | null;
  /** The saved search that found new content, with how many new results; `query` is null once it is deleted. */
  savedSearch: { id: string; name: string; matches: number; query: SearchQueryInput | null } | null;
};

/** Newest first; `next` is the `before` of the following page, null after the last. */
export type NotificationPage = { items: NotificationView[]; unread: number; next: number | null };

export type FollowView =
  | { kind: 'dialogue' | 'thread'; id: string; title: string | null; dialogueId: string; dialogueTitle: string; since: string }
  | { kind: 'arena'; id: ArenaId; since: string };

export type NotificationSettings = { email: EmailChoice; digestTime: string; digestTimeZone: string; follows: FollowView[] };

/** What an unsubscribe link would turn off, shown before the person clicks the button. */
export type UnsubscribeView = {
  email: EmailChoice;
  /** What the link turns off: all notification mail, or one saved search's mail. */
  stops: 'notifications' | 'saved-search';
  /** The saved search's name and e-mail now (null for the other links, and once it is deleted). */
  savedSearch: { name: string; email: EmailChoice } | null;
};
