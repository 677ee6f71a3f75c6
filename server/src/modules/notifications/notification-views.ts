// Notifications as their person may see them *now*. Titles come from the thread views built for
// that person (viewerFor + buildThreadViews, the same code the dialogue page uses), so a hidden
// question shows no title and nothing names who asked or wrote. A notification about something
// the person can no longer see keeps only its kind and time.
import { ARENA_IDS, type ArenaId, type NotificationView, type SavedSearchView } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import { canViewDialogue } from '../../platform/policy/policy.ts';
import { canViewThread } from '../../platform/policy/thread-policy.ts';
import { viewerFor } from '../../platform/policy/viewer.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { readableLibraryTitles } from '../library/queries.ts';
import { savedSearchesOf } from '../saved-searches/queries.ts';
import { readableRelayTitles } from '../relay/queries.ts';
import { visibleNetworkNames } from '../networks/queries.ts';
import { visibleConsortiumNames, visibleOpportunityTitles } from '../consortia/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { sessionNoticeFacts } from '../sessions/session-audience.ts';
import { THREADS, type ThreadDocument } from '../threads/documents.ts';
import { threadFacts } from '../threads/thread-access.ts';
import { buildThreadViews } from '../threads/thread-views.ts';
import type { NotificationDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** What of dialogues and threads the person may see, with titles as their views show them. */
export type Visible = { dialogues: Map<string, DialogueDocument>; threadTitles: Map<string, string | null> };

export async function visibleToPerson(store: Readable, actor: Actor, dialogueIds: string[], threadIds: string[]): Promise<Visible> {
  const unique = (ids: string[]) => [...new Set(ids)];
  const [dialogues, threads] = await Promise.all([
    dialogueIds.length ? store.collection<DialogueDocument>(DIALOGUES).find({ _id: { $in: unique(dialogueIds) } }) : [],
    threadIds.length ? store.collection<ThreadDocument>(THREADS).find({ _id: { $in: unique(threadIds) } }) : [],
  ]);
  const visible: Visible = { dialogues: new Map(), threadTitles: new Map() };
  for (const dialogue of dialogues) {
    if (!canViewDialogue(actor, dialogue)) continue;
    visible.dialogues.set(dialogue._id, dialogue);
    const mine = threads.filter((thread) => thread.dialogueId === dialogue._id && canViewThread(actor, dialogue, threadFacts(thread)));
    for (const view of await buildThreadViews(store, viewerFor(actor, dialogue), dialogue, mine)) visible.threadTitles.set(view.id, view.title);
  }
  return visible;
}

export async function buildNotificationViews(store: Readable, actor: Actor, notifications: NotificationDocument[]): Promise<NotificationView[]> {
  const visible = await visibleToPerson(
    store,
    actor,
    notifications.flatMap((notification) => (notification.dialogueId ? [notification.dialogueId] : [])),
    notifications.flatMap((notification) => (notification.threadId ? [notification.threadId] : [])),
  );
  const organisations = await organisationSummaries(
    store,
    notifications.flatMap((notification) => (notification.organisationId ? [notification.organisationId] : [])),
  );
  const sessions = await sessionNoticeFacts(
    store,
    notifications.flatMap((notification) => (notification.sessionId ? [notification.sessionId] : [])),
  );
  const libraryTitles = await readableLibraryTitles(
    store,
    actor,
    notifications.flatMap((notification) => (notification.libraryItemId ? [notification.libraryItemId] : [])),
  );
  const savedSearches = await savedSearchesOf(
    store,
    actor.userId,
    notifications.flatMap((notification) => (notification.savedSearch ? [notification.savedSearch.id] : [])),
  );
  const relayTitles = await readableRelayTitles(
    store,
    actor,
    notifications.flatMap((notification) => (notification.relayProjectId ? [notification.relayProjectId] : [])),
  );
  const networkNames = await visibleNetworkNames(
    store,
    actor,
    notifications.flatMap((notification) => (notification.networkId ? [notification.networkId] : [])),
  );
  const consortiumNames = await visibleConsortiumNames(
    store,
    actor,
    notifications.flatMap((notification) => (notification.consortiumId ? [notification.consortiumId] : [])),
  );
  const opportunityTitles = await visibleOpportunityTitles(
    store,
    actor,
    notifications.flatMap((notification) => (notification.opportunityId ? [notification.opportunityId] : [])),
  );
  return notifications.map((notification) => {
    const opportunityTitle = notification.opportunityId ? opportunityTitles.get(notification.opportunityId) : undefined;
    const consortiumName = notification.consortiumId ? consortiumNames.get(notification.consortiumId) : undefined;
    const networkName = notification.networkId ? networkNames.get(notification.networkId) : undefined;
    const relayTitle = notification.relayProjectId ? relayTitles.get(notification.relayProjectId) : undefined;
    const libraryTitle = notification.libraryItemId ? libraryTitles.get(notification.libraryItemId) : undefined;
    const arenaId = ARENA_IDS.find((id): id is ArenaId => id === notification.arenaId);
    const dialogue = notification.dialogueId ? visible.dialogues.get(notification.dialogueId) : undefined;
    const threadSeen = notification.threadId !== null && visible.threadTitles.has(notification.threadId);
    const organisation = notification.organisationId ? organisations.get(notification.organisationId) : undefined;
    const session = notification.sessionId ? sessions.get(notification.sessionId) : undefined;
    // A note belongs to a thread (a redaction), a session, an opportunity, a network (its session's cancellation) or the organisation (a rejection): shown only with it.
    const noteSeen = notification.threadId
      ? threadSeen
      : notification.sessionId
        ? dialogue !== undefined
        : notification.opportunityId
          ? opportunityTitle !== undefined
          : notification.networkId
            ? networkName !== undefined
            : organisation !== undefined;
    return {
      id: notification._id,
      order: notification.seq,
      kind: notification.kind,
      at: notification.createdAt,
      read: notification.readAt !== null,
      dialogue: dialogue ? { id: dialogue._id, title: dialogue.title } : null,
      thread: threadSeen && notification.threadId ? { id: notification.threadId, title: visible.threadTitles.get(notification.threadId) ?? null } : null,
      organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
      arena: arenaId ? { id: arenaId } : null,
      libraryItem: notification.libraryItemId && libraryTitle !== undefined ? { id: notification.libraryItemId, title: libraryTitle } : null,
      relayProject: notification.relayProjectId && relayTitle !== undefined ? { id: notification.relayProjectId, title: relayTitle } : null,
      network: notification.networkId && networkName !== undefined ? { id: notification.networkId, name: networkName } : null,
      consortium: notification.consortiumId && consortiumName !== undefined ? { id: notification.consortiumId, name: consortiumName } : null,
      opportunity: notification.opportunityId && opportunityTitle !== undefined ? { id: notification.opportunityId, title: opportunityTitle } : null,
      note: noteSeen ? notification.note : null,
      deadline: dialogue ? notification.deadline : null,
      // A session is seen with its dialogue.
      session: dialogue && session && session.dialogueId === dialogue._id ? { id: session.id, title: session.title, startsAt: session.startsAt, timeZone: session.timeZone } : null,
      // Named as it is called now; a deleted one keeps the name it had, and no search to open.
      savedSearch: notification.savedSearch ? savedSearchNotice(notification.savedSearch, savedSearches.get(notification.savedSearch.id)) : null,
    };
  });
}

function savedSearchNotice(told: { id: string; name: string; matches: number }, now: SavedSearchView | undefined): NotificationView['savedSearch'] {
  return { id: told.id, name: now?.name ?? told.name, matches: told.matches, query: now?.query ?? null };
}
