// A person's calendar feeds, and what a feed URL answers: the feed's sessions as its person may see
// them now. A revoked token, a person who is blocked or erased, or a dialogue they may no longer see
// answer NOT_FOUND, exactly as a token that never existed. A person's own feed also carries the
// sessions of the buyers' networks their organisation is a member of at the moment of the fetch.
import type { CalendarFeedView, Language } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personStanding } from '../accounts/queries.ts';
import { visibleDialogues } from '../dialogues/queries.ts';
import { networkSessionCalendarEntries } from '../networks/network-session-calendar.ts';
import { dialogueCalendarEntries, personCalendarEntries, type CalendarEntry } from '../sessions/calendar-entries.ts';
import { CALENDAR_FEEDS, type CalendarFeedDocument } from './documents.ts';
import { feedTokenHash } from './feed-token.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export async function listFeeds(store: Readable, actor: Actor): Promise<CalendarFeedView[]> {
  const feeds = await store.collection<CalendarFeedDocument>(CALENDAR_FEEDS).find({ userId: actor.userId }, { sort: { createdAt: 1 } });
  const dialogueIds = feeds.flatMap((feed) => (feed.dialogueId ? [feed.dialogueId] : []));
  const dialogues = await visibleDialogues(store, actor, dialogueIds);
  return feeds.flatMap((feed): CalendarFeedView[] => {
    if (feed.scope === 'person') return [{ id: feed._id, scope: feed.scope, dialogue: null, createdAt: feed.createdAt }];
    const dialogue = feed.dialogueId ? dialogues.get(feed.dialogueId) : undefined;
    return dialogue ? [{ id: feed._id, scope: feed.scope, dialogue: { id: dialogue._id, title: dialogue.title }, createdAt: feed.createdAt }] : [];
  });
}

export type FeedContent = { feedId: string; language: Language; scope: CalendarFeedDocument['scope']; dialogueTitle: string | null; entries: CalendarEntry[] };

/** A person's own sessions: the dialogues' and their networks' (each asked again now), soonest first. */
async function personEntries(store: Readable, actor: Actor): Promise<CalendarEntry[]> {
  const [dialogueEntries, networkEntries] = await Promise.all([personCalendarEntries(store, actor), networkSessionCalendarEntries(store, actor)]);
  return [...dialogueEntries, ...networkEntries].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export async function feedContent(store: Readable, token: string): Promise<FeedContent> {
  const feed = await store.collection<CalendarFeedDocument>(CALENDAR_FEEDS).findOne({ tokenHash: feedTokenHash(token) });
  if (!feed) throw new AppError('NOT_FOUND', 'No such calendar');
  const person = await personStanding(store, feed.userId);
  if (!person) throw new AppError('NOT_FOUND', 'No such calendar');
  const base = { feedId: feed._id, language: person.language, scope: feed.scope };
  if (feed.scope === 'person') return { ...base, dialogueTitle: null, entries: await personEntries(store, person.actor) };
  const { dialogueTitle, entries } = await dialogueCalendarEntries(store, person.actor, feed.dialogueId ?? '').catch((error: unknown) => {
    throw error instanceof AppError ? new AppError('NOT_FOUND', 'No such calendar') : error;
  });
  return { ...base, dialogueTitle, entries };
}
