// The index's documents for what is said outside a dialogue's threads: sessions' minutes and live
// questions, one-to-one meetings' minutes, library items and relay handovers. Each is read through
// its own module's searchable content (the part everyone who may see it reads, by that module's
// rules) and written again whole after any event that changes it; whatever is no longer searchable
// (hidden, withdrawn, not yet public) is removed by id. Both are idempotent, so an event handled
// twice changes nothing.
import { ARENA_IDS } from '@dialogforum/contracts';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { SearchDocument } from '../../platform/search/search-index.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { everyLibraryItemId, searchableLibraryItem } from '../library/searchable-content.ts';
import { everyRoundId, roundIdsOfDialogue, searchableRoundContent } from '../meetings/searchable-content.ts';
import { everyRelayProjectId, searchableHandover } from '../relay/searchable-content.ts';
import { everySessionId, searchableSessionContent, sessionIdsOfDialogue } from '../sessions/searchable-content.ts';
import { handoverSearchDocument, librarySearchDocuments, liveQuestionSearchDocument, meetingMinutesSearchDocument, sessionMinutesSearchDocument } from './search-documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type ContentChange = { upsert: SearchDocument[]; remove: string[] };

const LIBRARY_EVENTS = new Set<EventType>(['library.item_published', 'library.item_revised', 'library.item_file_added', 'library.item_withdrawn', 'library.item_publisher_merged']);
const HANDOVER_EVENTS = new Set<EventType>(['relay.handover_published', 'relay.handover_revised', 'relay.handover_withdrawn', 'relay.project_owner_merged']);
const SESSION_EVENTS = new Set<EventType>([
  'session.minutes_published',
  'session.cancelled',
  'live.question_submitted',
  'live.question_approved',
  'live.question_hidden',
  'live.question_answered',
]);
// A merge moves a round's bookings to the surviving organisation: its minutes' reader lists follow.
const ROUND_EVENTS = new Set<EventType>(['meeting.minutes_recorded', 'meeting.round_closed', 'meeting.booking_cancelled', 'meeting.bookings_merged']);

/** Whether the event is one `contentChange` handles (events of a dialogue then need it loaded). */
export function changesContent(event: DomainEvent): boolean {
  return LIBRARY_EVENTS.has(event.type) || HANDOVER_EVENTS.has(event.type) || SESSION_EVENTS.has(event.type) || ROUND_EVENTS.has(event.type);
}

/** What the event changes in the index; `dialogue` is the event's dialogue (null for the library's and the relay's events). */
export async function contentChange(store: Readable, event: DomainEvent, dialogue: DialogueDocument | null): Promise<ContentChange> {
  const { itemId, projectId, sessionId, roundId } = event.subject;
  if (LIBRARY_EVENTS.has(event.type) && itemId) return libraryChange(store, itemId);
  if (HANDOVER_EVENTS.has(event.type) && projectId) return handoverChange(store, projectId);
  if (SESSION_EVENTS.has(event.type) && sessionId && dialogue) return sessionChange(store, sessionId, dialogue);
  if (ROUND_EVENTS.has(event.type) && roundId && dialogue) return roundChange(store, roundId, dialogue);
  return { upsert: [], remove: [] };
}

/**
 * Every session's and round's documents of a dialogue, one session or round at a time (a dialogue
 * with many live sessions is thousands of documents: built at once, they held the event loop):
 * written again when who may find them or their facets change.
 */
export async function* dialogueContentChanges(store: Readable, dialogue: DialogueDocument): AsyncGenerator<ContentChange> {
  const [sessionIds, roundIds] = await Promise.all([sessionIdsOfDialogue(store, dialogue._id), roundIdsOfDialogue(store, dialogue._id)]);
  for (const id of sessionIds) yield await sessionChange(store, id, dialogue);
  for (const id of roundIds) yield await roundChange(store, id, dialogue);
}

/** Everything searchable outside threads (`pnpm reindex`); `dialogues` by id. */
export async function everyContentDocument(store: Readable, dialogues: Map<string, DialogueDocument>): Promise<SearchDocument[]> {
  const [sessionIds, roundIds, itemIds, projectIds] = await Promise.all([everySessionId(store), everyRoundId(store), everyLibraryItemId(store), everyRelayProjectId(store)]);
  const changes: ContentChange[] = [];
  for (const id of sessionIds) {
    const content = await searchableSessionContent(store, id);
    const dialogue = content && dialogues.get(content.minutes?.dialogueId ?? content.liveQuestions[0]?.dialogueId ?? '');
    if (dialogue) changes.push(await sessionChange(store, id, dialogue));
  }
  for (const id of roundIds) {
    const content = await searchableRoundContent(store, id);
    const dialogue = content && dialogues.get(content.minutes[0]?.dialogueId ?? '');
    if (dialogue) changes.push(await roundChange(store, id, dialogue));
  }
  for (const id of itemIds) changes.push(await libraryChange(store, id));
  for (const id of projectIds) changes.push(await handoverChange(store, id));
  return merged(changes).upsert;
}

/**
 * What the event adds to search that was not there before (saved searches' alerts): an item or a
 * handover published, minutes published, a question the room now sees, a round's minutes made
 * public by its closing. An edit, an answer or a withdrawal adds nothing new.
 */
export async function newContentDocuments(store: Readable, event: DomainEvent, dialogue: DialogueDocument | null): Promise<SearchDocument[]> {
  const { upsert } = await contentChange(store, event, dialogue);
  switch (event.type) {
    case 'library.item_published':
    case 'relay.handover_published':
    case 'meeting.round_closed':
      return upsert;
    case 'session.minutes_published':
      return upsert.filter((doc) => doc.kind === 'session-minutes');
    case 'live.question_submitted':
    case 'live.question_approved':
      return upsert.filter((doc) => doc.id === `live:${event.subject.questionId ?? ''}`);
    default:
      return [];
  }
}

async function libraryChange(store: Readable, itemId: string): Promise<ContentChange> {
  const item = await searchableLibraryItem(store, itemId);
  const upsert = item ? librarySearchDocuments(item) : [];
  const kept = new Set(upsert.map((doc) => doc.id));
  // An arena taken off in a revision, or every arena of a withdrawn item, leaves the index.
  return { upsert, remove: ARENA_IDS.map((arenaId) => `library:${itemId}:${arenaId}`).filter((id) => !kept.has(id)) };
}

async function handoverChange(store: Readable, projectId: string): Promise<ContentChange> {
  const handover = await searchableHandover(store, projectId);
  return handover ? { upsert: [handoverSearchDocument(handover)], remove: [] } : { upsert: [], remove: [`handover:${projectId}`] };
}

async function sessionChange(store: Readable, sessionId: string, dialogue: DialogueDocument): Promise<ContentChange> {
  const content = await searchableSessionContent(store, sessionId);
  if (!content) return { upsert: [], remove: [] };
  const upsert = [
    ...(content.minutes ? [sessionMinutesSearchDocument(content.minutes, dialogue)] : []),
    ...content.liveQuestions.map((question) => liveQuestionSearchDocument(question, dialogue)),
  ];
  const kept = new Set(upsert.map((doc) => doc.id));
  const remove = [`minutes:${sessionId}`, ...content.allLiveQuestionIds.map((id) => `live:${id}`)].filter((id) => !kept.has(id));
  return { upsert, remove };
}

async function roundChange(store: Readable, roundId: string, dialogue: DialogueDocument): Promise<ContentChange> {
  const content = await searchableRoundContent(store, roundId);
  if (!content) return { upsert: [], remove: [] };
  const upsert = content.minutes.map((minutes) => meetingMinutesSearchDocument(minutes, dialogue));
  const kept = new Set(upsert.map((doc) => doc.id));
  return { upsert, remove: content.allSlotIds.map((id) => `meeting:${id}`).filter((id) => !kept.has(id)) };
}

function merged(changes: ContentChange[]): ContentChange {
  return { upsert: changes.flatMap((change) => change.upsert), remove: changes.flatMap((change) => change.remove) };
}
