// A dialogue's page of published threads: sorted, filtered and paginated, built for the viewer's
// audience with the viewer's own questions and marks beside it. The audience part is the same for
// everyone in the audience, so it is built once per order, filter and page and kept, as an object
// and as JSON text, while the dialogue's change counter stays the same (every change to its threads
// moves it). The JSON lets the page be answered without tRPC (platform/http/fast-query.ts).
import { listThreadsInput, type ListThreadsInput, type ThreadPage } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { ViewCache, ViewCaches } from '../../platform/cache/view-cache.ts';
import type { FastQuery, WireEnvelope } from '../../platform/http/fast-query.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { audienceOf, audienceViewer, viewerFor } from '../../platform/policy/viewer.ts';
import type { DocumentStore, Filter, Sort } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { keptDialogues } from '../dialogues/kept-dialogues.ts';
import { visibleKeptDialogue } from '../dialogues/queries.ts';
import { THREADS, type ThreadDocument } from './documents.ts';
import { viewerMarks } from './queries.ts';
import { buildThreadViews } from './thread-views.ts';

const SORTS: Record<ListThreadsInput['sort'], Sort> = {
  newest: { publishedAt: -1, _id: -1 },
  'most-wanted': { voteCount: -1, publishedAt: -1, _id: -1 },
  'unanswered-first': { answered: 1, publishedAt: -1, _id: -1 },
};

/** The part of a thread page everyone in one audience shares. */
type AudiencePage = Pick<ThreadPage, 'threads' | 'nextOffset' | 'total' | 'change'>;
/**
 * `jsonHead`: the page's JSON as UTF-8 bytes without its closing brace, ready for the viewer's own
 * part to follow. Bytes, because a socket writes a string of Swedish text only after encoding it
 * again, which cost more per request than the rest of the fast path.
 */
type CachedPage = {
  page: AudiencePage;
  jsonHead: Buffer;
  /** The whole response for a visitor who is not signed in (whose own part is empty), per wire envelope. */
  anonymousBodies: Map<WireEnvelope, Buffer>;
};

/** What a signed-out visitor sees as their own part of the page. */
const NO_OWN_PART: Pick<ThreadPage, 'ownUnpublished' | 'marks'> = { ownUnpublished: [], marks: { threads: [], posts: [], votes: [] } };

export type ThreadPageCache = ViewCache<CachedPage>;

export function threadPageCache(caches: ViewCaches): ThreadPageCache {
  return caches.named<CachedPage>('thread-pages');
}

export async function listThreads(store: DocumentStore, caches: ViewCaches, actor: Actor | null, input: ListThreadsInput): Promise<ThreadPage> {
  const cache = threadPageCache(caches);
  const dialogue = await visibleKeptDialogue(store, keptDialogues(caches), actor, input.dialogueId);
  const [shared, own] = await Promise.all([audiencePage(store, cache, actor, dialogue, input), ownPart(store, actor, dialogue)]);
  return { ...shared.page, ...own };
}

/**
 * The same page as a whole response body inside tRPC's `envelope`, spliced from the audience's
 * cached bytes and the viewer's own part, so the shared part is not serialised again for every
 * visitor; a signed-out visitor gets bytes kept whole. Null when the dialogue is not there for
 * the viewer: then tRPC answers, with its own error, exactly as for anyone else.
 */
export async function threadPageBody(store: DocumentStore, caches: ViewCaches, actor: Actor | null, input: ListThreadsInput, envelope: WireEnvelope): Promise<Buffer | null> {
  const cache = threadPageCache(caches);
  let dialogue: DialogueDocument;
  try {
    dialogue = await visibleKeptDialogue(store, keptDialogues(caches), actor, input.dialogueId);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  if (!actor) {
    const shared = await audiencePage(store, cache, actor, dialogue, input);
    let body = shared.anonymousBodies.get(envelope);
    if (body === undefined) shared.anonymousBodies.set(envelope, (body = pageBody(envelope, shared.jsonHead, NO_OWN_PART)));
    return body;
  }
  const [shared, own] = await Promise.all([audiencePage(store, cache, actor, dialogue, input), ownPart(store, actor, dialogue)]);
  return pageBody(envelope, shared.jsonHead, own);
}

/** `{…shared…,"ownUnpublished":…,"marks":…}` in the envelope: the key order JSON.stringify gives the object form. */
function pageBody(envelope: WireEnvelope, jsonHead: Buffer, own: Pick<ThreadPage, 'ownUnpublished' | 'marks'>): Buffer {
  const ownPartJson = Buffer.from(`,"ownUnpublished":${JSON.stringify(own.ownUnpublished)},"marks":${JSON.stringify(own.marks)}}`);
  return Buffer.concat([envelope.head, jsonHead, ownPartJson, envelope.tail]);
}

/** What only this viewer sees on the page: their questions not yet published, and their marks. */
async function ownPart(store: DocumentStore, actor: Actor | null, dialogue: DialogueDocument): Promise<Pick<ThreadPage, 'ownUnpublished' | 'marks'>> {
  if (!actor) return NO_OWN_PART;
  const own = await store
    .collection<ThreadDocument>(THREADS)
    .find({ dialogueId: dialogue._id, askerId: actor.userId, status: { $ne: 'published' } }, { sort: { createdAt: -1 } });
  const [ownUnpublished, marks] = await Promise.all([
    buildThreadViews(store, viewerFor(actor, dialogue), dialogue, own),
    viewerMarks(store, actor, dialogue._id),
  ]);
  return { ownUnpublished, marks };
}

/** 'mine' is the viewer's own and never shared. */
async function audiencePage(
  store: DocumentStore,
  cache: ThreadPageCache,
  actor: Actor | null,
  dialogue: DialogueDocument,
  input: ListThreadsInput,
): Promise<CachedPage> {
  const audience = audienceOf(actor, dialogue);
  const shared = input.filter !== 'mine';
  const key = `${dialogue._id}|${audience}|${input.sort}|${input.filter}|${input.offset}|${input.limit}`;
  const cached = shared ? cache.get(key, dialogue.change) : undefined;
  if (cached) return cached;
  const filter: Filter = { dialogueId: dialogue._id, status: 'published' };
  if (input.filter === 'answered') filter.answered = true;
  if (input.filter === 'unanswered') filter.answered = false;
  if (input.filter === 'mine') filter.askerId = actor?.userId ?? '';
  const threads = store.collection<ThreadDocument>(THREADS);
  const [page, total] = await Promise.all([
    threads.find(filter, { sort: SORTS[input.sort], skip: input.offset, limit: input.limit }),
    threads.countDocuments(filter),
  ]);
  const next = input.offset + page.length;
  const built: AudiencePage = {
    threads: await buildThreadViews(store, audienceViewer(audience), dialogue, page),
    nextOffset: next < total ? next : null,
    total,
    change: dialogue.change,
  };
  const entry: CachedPage = { page: built, jsonHead: Buffer.from(JSON.stringify(built).slice(0, -1)), anonymousBodies: new Map() };
  if (shared) cache.set(key, dialogue.change, entry);
  return entry;
}

/** `threads.list` answered without tRPC when asked alone (platform/http/fast-query.ts); an input it does not take goes to tRPC. */
export function threadPageQuery(store: DocumentStore, caches: ViewCaches): FastQuery {
  return {
    path: 'threads.list',
    prepare(rawInput) {
      const parsed = listThreadsInput.safeParse(rawInput);
      if (!parsed.success) return null;
      // Kept for every request with the same query string: nobody may change it.
      const input = Object.freeze(parsed.data);
      return (actor, envelope) => threadPageBody(store, caches, actor, input, envelope);
    },
  };
}
