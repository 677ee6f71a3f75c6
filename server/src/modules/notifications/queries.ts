// Reading one's own notifications, follows and e-mail choice. Everything here is the caller's own;
// views come from notification-views.ts under the policy, for the caller's standing now.
import type { FollowState, FollowView, ListNotificationsInput, NotificationPage, NotificationSettings, NotificationView, UnsubscribeView } from '@dialogforum/contracts';
import { ARENA_IDS, type ArenaId } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { savedSearchesOf } from '../saved-searches/queries.ts';
import { FOLLOWS, followId, NOTIFICATIONS, SHOWN_IN_APP, type FollowDocument, type NotificationDocument } from './documents.ts';
import { buildNotificationViews, visibleToPerson } from './notification-views.ts';
import { emailChoiceOf } from './email-choice.ts';
import { unsubscribingPerson } from './notification-commands.ts';
import type { UnsubscribeSigner } from './unsubscribe-token.ts';

export async function listNotifications(store: DocumentStore, actor: Actor, input: ListNotificationsInput): Promise<NotificationPage> {
  const filter = { userId: actor.userId, ...SHOWN_IN_APP, ...(input.before === undefined ? {} : { seq: { $lt: input.before } }) };
  const found = await store.collection<NotificationDocument>(NOTIFICATIONS).find(filter, { sort: { seq: -1 }, limit: input.limit + 1 });
  const page = found.slice(0, input.limit);
  return {
    items: await buildNotificationViews(store, actor, page),
    unread: await unreadCount(store, actor.userId),
    next: found.length > input.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

export function unreadCount(store: Pick<DocumentStore, 'collection'>, userId: string): Promise<number> {
  return store.collection<NotificationDocument>(NOTIFICATIONS).countDocuments({ userId, readAt: null, ...SHOWN_IN_APP });
}

/** One notification as its person sees it now, for a live push; null when it is gone. */
export async function notificationView(store: DocumentStore, actor: Actor, notification: NotificationDocument): Promise<NotificationView | null> {
  const [view] = await buildNotificationViews(store, actor, [notification]);
  return view ?? null;
}

/** What the caller follows in one dialogue (for its page's buttons); a hidden dialogue is a missing one. */
export async function followState(store: DocumentStore, actor: Actor, dialogueId: string): Promise<FollowState> {
  await visibleDialogue(store, actor, dialogueId);
  const follows = await store.collection<FollowDocument>(FOLLOWS).find({ userId: actor.userId, dialogueId, following: true });
  return {
    dialogue: follows.some((follow) => follow.kind === 'dialogue'),
    threads: follows.filter((follow) => follow.kind === 'thread').map((follow) => follow.targetId),
  };
}

/** Whether the person follows the arena (its page's button). */
export async function followsArena(store: Pick<DocumentStore, 'collection'>, userId: string, arenaId: string): Promise<boolean> {
  const follow = await store.collection<FollowDocument>(FOLLOWS).findOne({ _id: followId(userId, 'arena', arenaId) });
  return follow?.following === true;
}

export async function notificationSettings(
  store: DocumentStore,
  actor: Actor,
  digest: { time: string; timeZone: string },
): Promise<NotificationSettings> {
  const follows = await store.collection<FollowDocument>(FOLLOWS).find({ userId: actor.userId, following: true }, { sort: { since: -1 } });
  const visible = await visibleToPerson(
    store,
    actor,
    follows.flatMap((follow) => (follow.dialogueId ? [follow.dialogueId] : [])),
    follows.filter((follow) => follow.kind === 'thread').map((follow) => follow.targetId),
  );
  // What the person can no longer see is not listed (nor named): following it tells them nothing.
  const views: FollowView[] = follows.flatMap((follow): FollowView[] => {
    if (follow.kind === 'arena') return isArenaId(follow.targetId) ? [{ kind: 'arena', id: follow.targetId, since: follow.since }] : [];
    const dialogue = follow.dialogueId ? visible.dialogues.get(follow.dialogueId) : undefined;
    if (!dialogue || (follow.kind === 'thread' && !visible.threadTitles.has(follow.targetId))) return [];
    return [
      {
        kind: follow.kind,
        id: follow.targetId,
        title: follow.kind === 'thread' ? (visible.threadTitles.get(follow.targetId) ?? null) : dialogue.title,
        dialogueId: dialogue._id,
        dialogueTitle: dialogue.title,
        since: follow.since,
      },
    ];
  });
  return { email: await emailChoiceOf(store, actor.userId), digestTime: digest.time, digestTimeZone: digest.timeZone, follows: views };
}

/** What an unsubscribe link would turn off. Reading it changes nothing. */
export async function unsubscribeView(store: DocumentStore, signer: UnsubscribeSigner, token: string): Promise<UnsubscribeView> {
  const { userId, savedSearchId } = unsubscribingPerson(signer, token);
  const savedSearch = savedSearchId ? (await savedSearchesOf(store, userId, [savedSearchId])).get(savedSearchId) : undefined;
  return {
    email: await emailChoiceOf(store, userId),
    stops: savedSearchId ? 'saved-search' : 'notifications',
    savedSearch: savedSearch ? { name: savedSearch.name, email: savedSearch.email } : null,
  };
}

function isArenaId(id: string): id is ArenaId {
  return (ARENA_IDS as string[]).includes(id);
}
