// A dialogue's thread page is built once per audience and kept while nothing in it changed: a second
// visitor of the same audience is served without reading a thread, a change of any thread (even a
// vote) is seen by the next reader, and a name that changes without touching the threads (an
// erasure) empties the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedDocumentStore } from '../../src/platform/store/embedded-store.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let asker: Visitor;
let voter: Visitor;
let dialogueId: string;
let threadId: string;
const PASSWORD = 'sidan byggs en gång';

const examined = () => (server.app.services.store as EmbeddedDocumentStore).stats.documentsExamined;

async function examinedBy(read: () => Promise<unknown>): Promise<number> {
  const before = examined();
  await read();
  return examined() - before;
}

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  asker = server.visitor();
  voter = server.visitor();
  await buyer.registerVerified({ name: 'Berit', email: 'berit@cache.example', password: PASSWORD, representation: 'buyer', organisationName: 'Cachekommunen' });
  await asker.registerVerified({ name: 'Anna Frågvis', email: 'anna@cache.example', password: PASSWORD, representation: 'supplier', organisationName: 'Frågvis AB' });
  await voter.registerVerified({ name: 'Viktor', email: 'viktor@cache.example', password: PASSWORD, representation: 'supplier', organisationName: 'Röst AB' });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Gatubelysning',
    description: 'Vi söker lösningar.',
    arenaId: 'energy-environment',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
  for (let i = 0; i < 5; i += 1) {
    ({ threadId } = await asker.api.threads.ask.mutate({ dialogueId, title: `Fråga ${i + 1}`, body: 'Hur?' }));
    await buyer.api.threads.answer.mutate({ threadId, body: 'Så här.' });
  }
  // The store's counter counts every read in the process: the event processors (the notifier tells
  // the asker of each answer) finish with what was written above first, so what is counted below
  // is the measured calls' own reading.
  await server.settled();
});

afterAll(async () => {
  await server?.stop();
});

describe('the thread page cache', () => {
  it('serves a second visitor of the same audience without reading a thread, and sees every change', async () => {
    const first = await server.visitor().api.threads.list.query({ dialogueId });
    let second: typeof first | undefined;
    // The dialogue itself is still looked up (visibility, change counter): a handful of documents.
    expect(await examinedBy(async () => (second = await server.visitor().api.threads.list.query({ dialogueId })))).toBeLessThan(5);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));

    await voter.api.threads.vote.mutate({ threadId, wants: true });
    const after = await server.visitor().api.threads.list.query({ dialogueId });
    expect(after.threads.find((thread) => thread.id === threadId)?.voteCount).toBe(1);
    expect(after.change).toBeGreaterThan(first.change);
  });

  it('keeps the audiences apart: the buyers’ page names the asker, the public one does not', async () => {
    const publicPage = await server.visitor().api.threads.list.query({ dialogueId });
    const buyersPage = await buyer.api.threads.list.query({ dialogueId });
    expect(JSON.stringify(publicPage)).not.toContain('Anna Frågvis');
    expect(JSON.stringify(buyersPage)).toContain('Anna Frågvis');
    expect(JSON.stringify((await server.visitor().api.threads.list.query({ dialogueId })).threads)).not.toContain('Anna Frågvis');
  });

  it('refuses the page at the very next request to a visitor who lost the right to see the dialogue', async () => {
    // The page as the browser asks for it (alone, answered without tRPC) and in a batch with
    // another call (answered by tRPC): both read the dialogue the node keeps (kept-dialogues.ts).
    const input = encodeURIComponent(JSON.stringify({ 0: { dialogueId } }));
    const alone = async () => (await fetch(`${server.url}/trpc/threads.list?batch=1&input=${input}`)).status;
    const inBatch = async () =>
      (await fetch(`${server.url}/trpc/threads.list,arenas.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { dialogueId }, 1: null }))}`)).json() as Promise<
        [{ error?: { data: { httpStatus: number } } }]
      >;
    expect(await alone()).toBe(200);
    expect((await inBatch())[0].error).toBeUndefined();

    await buyer.api.dialogues.update.mutate({ dialogueId, visibility: 'registered' });
    expect(await alone()).toBe(404);
    expect((await inBatch())[0].error?.data.httpStatus).toBe(404);
    await expect(server.visitor().api.threads.list.query({ dialogueId })).rejects.toThrow(/No such dialogue/);
    // A signed-in supplier keeps the right, and reads the dialogue as it is now.
    expect((await voter.api.threads.list.query({ dialogueId })).threads).toHaveLength(5);

    await buyer.api.dialogues.update.mutate({ dialogueId, visibility: 'public' });
    expect(await alone()).toBe(200);
  });

  it('forgets a name that an erasure changed, though no thread changed', async () => {
    expect(JSON.stringify(await buyer.api.threads.list.query({ dialogueId }))).toContain('Anna Frågvis');
    await asker.api.accounts.erase.mutate({ password: PASSWORD });
    await expect.poll(async () => JSON.stringify(await buyer.api.threads.list.query({ dialogueId })), { timeout: 3000 }).not.toContain('Anna Frågvis');
  });
});
