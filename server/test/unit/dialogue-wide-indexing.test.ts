// A dialogue-wide change (modules/search/indexer-processor.ts) reads the dialogue's threads a chunk at
// a time from the real embedded store, each page starting at the last one's time. Threads asked at
// the same instant (a session's questions published together carry their asking times, which can
// coincide) must neither be skipped nor written twice across pages. The index here only records
// what it is sent: what is tested is which documents the indexer sends, in which chunks, with which seq,
// and that within a chunk the event loop turns once the indexer's turn budget is spent.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DIALOGUES, type DialogueDocument } from '../../src/modules/dialogues/documents.ts';
import { searchIndexerProcessor, THREADS_PER_CHUNK } from '../../src/modules/search/indexer-processor.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../../src/modules/threads/documents.ts';
import { ensureThreadIndexes } from '../../src/modules/threads/thread-indexes.ts';
import type { DomainEvent } from '../../src/platform/events/event-log.ts';
import type { SearchDocument, SearchIndex } from '../../src/platform/search/search-index.ts';
import type { DocumentStore } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';

let dir: string;
let store: DocumentStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dialogue-wide-'));
  store = await openEmbeddedStore(dir);
  await ensureThreadIndexes(store);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 9, minute)).toISOString();
const phaseChanged: DomainEvent = { _id: 'e1', seq: 7, type: 'dialogue.phase_changed', at: at(40), dialogueId: 'd1', subject: {} };

function thread(id: string, createdAt: string): ThreadDocument {
  return {
    _id: id,
    dialogueId: 'd1',
    title: `Fråga ${id}`,
    askerId: 'u1',
    status: 'published',
    confidential: false,
    askedIn: 'open',
    createdAt,
    publishedAt: createdAt,
    answered: false,
    answeredAt: null,
    privateAnswer: null,
    locked: null,
    voteCount: 0,
    change: 0,
  };
}

function question(threadId: string, createdAt: string): PostDocument {
  return {
    _id: `q-${threadId}`,
    threadId,
    dialogueId: 'd1',
    kind: 'question',
    body: 'Hur mycket vägsalt krävs?',
    authorId: 'u1',
    authorOrganisationId: 'o1',
    official: false,
    private: false,
    createdAt,
    versions: [{ title: `Fråga ${threadId}`, body: 'Hur mycket vägsalt krävs?', at: createdAt, by: 'u1', note: null }],
    hidden: null,
  };
}

it('writes every thread once, in chunks recorded through the event before, when many were asked at the same instant', async () => {
  // 10 threads at 9:00, 60 at 9:01 (across three pages), 5 at 9:02.
  const threads = [
    ...Array.from({ length: 10 }, (_, i) => thread(`a${i}`, at(0))),
    ...Array.from({ length: 60 }, (_, i) => thread(`b${String(i).padStart(2, '0')}`, at(1))),
    ...Array.from({ length: 5 }, (_, i) => thread(`c${i}`, at(2))),
  ];
  await store.collection<ThreadDocument>(THREADS).insertMany(threads);
  await store.collection<PostDocument>(POSTS).insertMany(threads.map((t) => question(t._id, t.createdAt)));
  await store.collection<DialogueDocument>(DIALOGUES).insertOne(dialogueOf(threads.length));

  const writes: { ids: string[]; seq: number }[] = [];
  await searchIndexerProcessor(store, recordingIndex(writes)).handle(phaseChanged);

  const written = writes.flatMap((write) => write.ids);
  expect(written.filter((id) => id.startsWith('post:')).sort()).toEqual(threads.map((t) => `post:q-${t._id}`).sort());
  expect(new Set(written).size).toBe(written.length);
  // Every chunk but the last is recorded through the event before; the last, with the dialogue's own document, through the event.
  const last = writes.at(-1)!;
  expect(last).toEqual({ ids: ['dialogue:d1'], seq: 7 });
  const chunks = writes.slice(0, -1);
  expect(chunks.length).toBe(Math.ceil(threads.length / THREADS_PER_CHUNK));
  for (const chunk of chunks) {
    expect(chunk.seq).toBe(6);
    expect(chunk.ids.length).toBeLessThanOrEqual(THREADS_PER_CHUNK);
  }
});

it("lets the event loop turn within a chunk once its turn's budget is spent, and writes the same chunks", async () => {
  const threads = Array.from({ length: 30 }, (_, i) => thread(`t${String(i).padStart(2, '0')}`, at(i)));
  await store.collection<ThreadDocument>(THREADS).insertMany(threads);
  await store.collection<PostDocument>(POSTS).insertMany(threads.map((t) => question(t._id, t.createdAt)));
  await store.collection<DialogueDocument>(DIALOGUES).insertOne(dialogueOf(threads.length));
  // A turn of the loop is counted by an immediate that queues itself again: work that yields sees it grow.
  let turns = 0;
  let counting = true;
  const count = () => {
    turns += 1;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  /** The turn each thread's posts were read in, by budget. */
  const readIn = async (turnBudgetMs: number) => {
    const turnsOfReads: number[] = [];
    const posts = store.collection(POSTS);
    const observedPosts = Object.assign(Object.create(posts) as typeof posts, {
      find: (...args: Parameters<typeof posts.find>) => {
        turnsOfReads.push(turns);
        return posts.find(...args);
      },
    });
    const observed = Object.assign(Object.create(store) as DocumentStore, { collection: (name: string) => (name === POSTS ? observedPosts : store.collection(name)) });
    const writes: { ids: string[]; seq: number }[] = [];
    await searchIndexerProcessor(observed, recordingIndex(writes), { turnBudgetMs }).handle(phaseChanged);
    return { turnsOfReads, writes };
  };
  try {
    // Spent at once: the loop turns before every thread's read.
    const spent = await readIn(0);
    expect(spent.turnsOfReads).toHaveLength(threads.length);
    for (let i = 1; i < spent.turnsOfReads.length; i++) expect(spent.turnsOfReads[i]).toBeGreaterThan(spent.turnsOfReads[i - 1]!);
    // Never spent: a chunk's reads run in one turn (what the budget is there to prevent in a large dialogue).
    const unspent = await readIn(60_000);
    expect(new Set(unspent.turnsOfReads.slice(0, THREADS_PER_CHUNK)).size).toBe(1);
    // Where the loop turns changes nothing written: the same chunks, through the same seqs.
    expect(spent.writes).toEqual(unspent.writes);
    expect(spent.writes.map((write) => write.ids.length)).toEqual([THREADS_PER_CHUNK, threads.length - THREADS_PER_CHUNK, 1]);
  } finally {
    counting = false;
  }
});

/** An index that only records what it is sent. */
function recordingIndex(writes: { ids: string[]; seq: number }[]): SearchIndex {
  return {
    engine: 'embedded',
    upsert: async (docs: SearchDocument[], seq: number) => void writes.push({ ids: docs.map((doc) => doc.id), seq }),
    remove: async () => undefined,
    search: async () => ({ hits: [], total: 0 }),
    clear: async () => undefined,
    durableThroughSeq: async () => null,
    close: async () => undefined,
  };
}

function dialogueOf(threadCount: number): DialogueDocument {
  return {
    _id: 'd1',
    title: 'Vinterväghållning',
    description: 'Vägsalt och plogning.',
    arenaId: 'transport',
    phase: 'tender',
    questionDeadline: at(30),
    visibility: 'public',
    qaMode: 'open',
    ownerOrganisationIds: ['o2'],
    createdBy: 'u2',
    createdAt: at(0),
    threadCount,
    pseudonymCount: 1,
    change: 0,
  } as DialogueDocument;
}

