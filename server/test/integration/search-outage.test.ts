// The search index follows the event log through an outage of its engine: while the engine fails
// (every call refused, around the real embedded engine), questions, answers and comments are still
// accepted; search says it is unavailable; when the engine is back the indexer catches up with no
// document missing and none twice, gives nothing up as a dead letter, and a restart resumes from
// its checkpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultySearch } from '../support/faulty-search.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

/** While the engine is `down`, every call fails as a lost connection would. */
const outage = { down: false };
const refuseWhileDown = () => (outage.down ? new Error('connect ECONNREFUSED (injected search outage)') : null);

let server: TestServer;
let faulty: FaultySearch | null = null;
let buyer: Visitor;
let supplier: Visitor;
let dialogueId: string;
const PASSWORD = 'sökindex under avbrott';

beforeAll(async () => {
  server = await startTestServer(
    {},
    {
      dispatcher: { firstRetryMs: 20, maxRetryMs: 200 },
      wrapSearch: (search) => (faulty = new FaultySearch(search, refuseWhileDown)),
    },
  );
  buyer = server.visitor();
  supplier = server.visitor();
  await buyer.registerVerified({ name: 'Olle Ort', email: 'olle@kommun.example', password: PASSWORD, representation: 'buyer', organisationName: 'Ortens kommun' });
  await supplier.registerVerified({ name: 'Sara Säljare', email: 'sara@lev.example', password: PASSWORD, representation: 'supplier', organisationName: 'Leverantören AB' });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Belysning längs cykelvägar',
    description: 'Vi vill höra om armaturer och styrning.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
    visibility: 'public',
  }));
  await server.settled();
});

afterAll(async () => {
  await server?.stop();
});

async function found(visitor: Visitor, q: string): Promise<string[]> {
  return (await visitor.api.search.query.query({ q, limit: 50 })).hits.map((hit) => hit.id);
}

describe('an outage of the search engine', () => {
  it('loses no write, and the indexer catches up with every document exactly once', async () => {
    const posts: { word: string; threadId: string }[] = [];
    const ask = async (i: number) => {
      // Words more than one typo apart, so each finds only its own thread.
      const word = ['kobolt', 'mangan', 'litium', 'zirkon', 'volfram'][i]!;
      const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: `Fråga ${i} om armaturer`, body: `Gäller kravet ${word}?` });
      await buyer.api.threads.answer.mutate({ threadId, body: `Svar: ${word} ska uppfylla kraven.` });
      await supplier.api.threads.comment.mutate({ threadId, body: `Tack, ${word} är tydligt.` });
      posts.push({ word, threadId });
    };
    await ask(0);
    await server.settled();

    outage.down = true;
    for (let i = 1; i <= 4; i++) await ask(i);
    // Search says so, in the reader's words, instead of answering from a stale index.
    expect(await refusal(supplier.api.search.query.query({ q: 'armaturer' }))).toMatchObject({ appCode: 'SEARCH_UNAVAILABLE' });
    // Longer than the dispatcher's ten attempts before a dead letter (with these short retries).
    await expect.poll(() => faulty!.refused, { timeout: 15_000, interval: 100 }).toBeGreaterThan(14);

    outage.down = false;
    await server.settled();
    for (const { word, threadId } of posts) {
      const hits = await supplier.api.search.query.query({ q: word, limit: 50 });
      // The question and its answer are one result; the comment another: nothing missing, nothing twice.
      const kinds = hits.hits.filter((hit) => hit.threadId === threadId).map((hit) => hit.kind);
      expect(kinds).toHaveLength(2);
      expect(kinds).toContain('comment');
      const ids = hits.hits.map((hit) => hit.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(hits.total).toBe(2);
    }
    const dead = await server.app.services.store.collection('deadLetters').find({ processor: 'search-indexer' });
    expect(dead).toEqual([]);
  });

  it('resumes from its checkpoint after a restart', async () => {
    await server.restart();
    await server.settled();
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Efter omstart', body: 'Gäller omstartsordet ljusstyrning?' });
    await server.settled();
    expect(await found(server.visitor(), 'ljusstyrning')).toEqual([expect.stringMatching(/^post:/)]);
    expect((await supplier.api.search.query.query({ q: 'ljusstyrning' })).hits[0]?.threadId).toBe(threadId);
    // Documents indexed before the restart are still found, once each.
    expect((await supplier.api.search.query.query({ q: 'kobolt' })).total).toBe(2);
  });
});
