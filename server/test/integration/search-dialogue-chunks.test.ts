// A change that reaches every document of a dialogue (its visibility, phase or buyers) is indexed in
// chunks of threads, so that a large dialogue never holds the event loop in one block
// (modules/search/indexer-processor.ts). What must hold: every thread's documents are written with
// the dialogue's new facts, and a crash between two chunks leaves no document missing and none
// twice: the event is handled again after the restart, because no chunk but the last recorded it.
//
// The server runs as one of several nodes here (the store is passed in): then the indexer keeps no
// checkpoint in the store and resumes from what its embedded index holds durably (processor-tenure.ts),
// so the index's own record is all that brings the event back after a crash. The restart closes the
// index cleanly, which keeps every chunk written before the crash: the hardest case, since a real
// crash can only lose the latest writes and so resume earlier.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THREADS_PER_CHUNK } from '../../src/modules/search/indexer-processor.ts';
import type { SearchDocument } from '../../src/platform/search/search-index.ts';
import type { DocumentStore } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { FaultySearch, type SearchCall } from '../support/faulty-search.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

/** More than two chunks, the last one partial. */
const THREADS = THREADS_PER_CHUNK * 2 + 10;
const PASSWORD = 'sökindex i delar efter krasch';

/**
 * Once `armed`, the process "dies" before the second write of questions in the armed phase (a
 * dialogue-wide change's second chunk): that write and every later one fail, as calls to a process
 * that is gone would, until the test restarts the server. Searches still answer, to see the index
 * as the crash left it.
 */
const crash = { armed: null as { phase: string } | null, chunks: 0, crashed: false };
function crashBeforeSecondChunk({ operation, docs }: SearchCall): Error | null {
  const chunk = docs.some((doc) => doc.kind === 'question' && doc.phase === crash.armed?.phase);
  if (!crash.crashed && chunk && ++crash.chunks === 2) crash.crashed = true;
  return crash.crashed && operation !== 'search' ? new Error('the search index is closed (injected crash between chunks)') : null;
}

let storeDir: string;
let store: DocumentStore;
let server: TestServer;
let buyer: Visitor;
let dialogueId: string;
const threadIds: string[] = [];
const inDays = (days: number) => new Date(server.clock.now().getTime() + days * 86_400_000).toISOString();

beforeAll(async () => {
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-chunks-'));
  store = await openEmbeddedStore(storeDir);
  server = await startTestServer(
    // Sixty questions from one supplier, more than the real posting limit allows in ten minutes.
    { RATE_LIMIT_SCALE: '20' },
    {
      sharedStore: store,
      leaseTiming: { ttlMs: 3000, renewEveryMs: 200, marginMs: 1000 },
      dispatcher: { firstRetryMs: 20, maxRetryMs: 200 },
      wrapSearch: (inner) => (crash.crashed ? inner : new FaultySearch(inner, crashBeforeSecondChunk)),
    },
  );
  buyer = server.visitor();
  const supplier = server.visitor();
  await buyer.registerVerified({ name: 'Vera Väg', email: 'vera@kommun.example', password: PASSWORD, representation: 'buyer', organisationName: 'Vägkommunen' });
  await supplier.registerVerified({ name: 'Sam Salt', email: 'sam@salt.example', password: PASSWORD, representation: 'supplier', organisationName: 'Saltbolaget AB' });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Vinterväghållning med vägsalt',
    description: 'Vi vill höra hur vägsalt lagras och sprids.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: inDays(1),
    visibility: 'public',
  }));
  for (let i = 0; i < THREADS; i++) {
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: `Fråga ${i} om saltlagret`, body: `Hur mycket vägsalt krävs i område ${i}?` });
    threadIds.push(threadId);
  }
  await server.settled();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await store?.close();
  if (storeDir) await rm(storeDir, { recursive: true, force: true });
});

/** The engine's own answer (not the route's re-read): which questions of the dialogue it holds with these facts. */
async function indexed(filters: { phases?: string[] }, visibilities: SearchDocument['visibility'][] = ['public', 'registered']): Promise<string[]> {
  const result = await server.app.services.search.search({ text: 'vägsalt', visibilities, filters: { dialogueIds: [dialogueId], kinds: ['question'], ...filters }, limit: 200 });
  expect(result.total).toBe(result.hits.length);
  return result.hits.map((hit) => hit.threadId ?? '');
}

describe('a change to every document of a large dialogue', () => {
  it('writes every thread again, chunk after chunk', async () => {
    expect((await indexed({}, ['public'])).sort()).toEqual([...threadIds].sort());
    await buyer.api.dialogues.update.mutate({ dialogueId, visibility: 'registered' });
    await server.settled();
    const found = await indexed({}, ['registered']);
    expect(found.sort()).toEqual([...threadIds].sort());
    expect(await indexed({}, ['public'])).toEqual([]);
  });

  it('loses no thread and writes none twice when the server crashes between two chunks', async () => {
    crash.armed = { phase: 'tender' };
    await buyer.api.dialogues.update.mutate({ dialogueId, phase: 'tender', tenderDeadline: inDays(30), qaMode: 'open' });
    await expect.poll(() => crash.crashed, { timeout: 10_000, interval: 20 }).toBe(true);
    // The crash came between chunks: one chunk has the new phase, the rest the old.
    expect(await indexed({ phases: ['tender'] })).toHaveLength(THREADS_PER_CHUNK);
    expect(await indexed({ phases: ['market-dialogue'] })).toHaveLength(THREADS - THREADS_PER_CHUNK);

    await server.restart();
    await server.settled();
    const inTender = await indexed({ phases: ['tender'] });
    expect(new Set(inTender).size).toBe(inTender.length);
    expect(inTender.sort()).toEqual([...threadIds].sort());
    expect(await indexed({ phases: ['market-dialogue'] })).toEqual([]);
    // As a reader finds them: every question once, under the new phase.
    const reader = server.visitor();
    await reader.registerVerified({ name: 'Rut Läsare', email: 'rut@lasare.example', password: PASSWORD, representation: 'supplier' });
    const page = await reader.api.search.query.query({ q: 'vägsalt', phases: ['tender'], kinds: ['question'], limit: 50 });
    expect(page.total).toBe(THREADS);
  });
});
