// Search shows each person only what they may see — as a hit, in a snippet, in a facet count — over
// a corpus that mixes what they may not: a registered-only dialogue, a question waiting in the
// buyers' inbox, a private answer, a hidden comment. Tried as anonymous, a supplier and a buyer.
// Results carry context (dialogue, buyers, arena, phase, answered), a question comes with its
// answer as one result, and no person's name or address appears anywhere in what is answered.
import type { SearchResultsView } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let alice: Visitor;
let bob: Visitor;
let anonymous: Visitor;
const PASSWORD = 'snöröjning med behörighet';
const ids: Record<string, string> = {};
/** Words only in what must stay unseen: none may reach a hit, a snippet or a count. */
const SECRETS = ['väntandefråga', 'enskiltsvar', 'doldkommentar', 'medlemsdialog'];

const inDays = (days: number) => new Date(server.clock.now().getTime() + days * 86_400_000).toISOString();

async function createDialogue(title: string, phase: 'market-dialogue' | 'tender', visibility: 'public' | 'registered'): Promise<string> {
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title,
    description: 'Vi söker lösningar för vinterväghållning.',
    arenaId: 'transport',
    phase,
    questionDeadline: inDays(1),
    ...(phase === 'tender' ? { tenderDeadline: inDays(30) } : {}),
    visibility,
  });
  return dialogueId;
}

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  anonymous = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@vagverket.example', password: PASSWORD, representation: 'buyer', organisationName: 'Vägverket Exempel' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: 'alice@plog.example', password: PASSWORD, representation: 'supplier', organisationName: 'Plogbolaget AB' });
  await bob.registerVerified({ name: 'Bob Konkurrent', email: 'bob@konkurrent.example', password: PASSWORD, representation: 'supplier', organisationName: 'Konkurrent AB' });
  const moderator = await server.moderator();

  // Public, open discussion: a question with its official answer, and a comment that is hidden.
  ids.open = await createDialogue('Snöröjning med drönare', 'market-dialogue', 'public');
  ids.thread = (await alice.api.threads.ask.mutate({ dialogueId: ids.open, title: 'Snöröjning i backar', body: 'Hur hanteras snöröjning i branta backar?' })).threadId;
  await buyer.api.threads.answer.mutate({ threadId: ids.thread, body: 'Backar plogas först, med sandning efter snöröjning.' });
  const hidden = await bob.api.threads.comment.mutate({ threadId: ids.thread, body: 'Snöröjning doldkommentar med kontaktuppgifter.' });
  await moderator.api.threads.hide.mutate({ postId: hidden.postId, reason: 'Personuppgifter' });
  ids.hiddenComment = hidden.postId;
  // Registered users only.
  ids.registered = await createDialogue('Snöröjning medlemsdialog', 'market-dialogue', 'registered');
  // Moderated (tender): one question waiting in the inbox, one confidential answered privately.
  ids.moderated = await createDialogue('Halkbekämpning', 'tender', 'public');
  const waiting = await alice.api.threads.ask.mutate({ dialogueId: ids.moderated, title: 'Fråga om snöröjning', body: 'Snöröjning väntandefråga om fordon.' });
  // Redacted while it waits: an event that writes the thread to the index again, still unpublished.
  await buyer.api.threads.redact.mutate({ threadId: waiting.threadId, title: 'Fråga om snöröjning', body: 'Snöröjning väntandefråga om fordonen.', note: 'Modellnamn borttaget.' });
  const confidential = await alice.api.threads.ask.mutate({ dialogueId: ids.moderated, title: 'Vår egen snöröjning', body: 'Gäller vår snöröjning?', confidential: true });
  await buyer.api.threads.answerPrivately.mutate({
    threadId: confidential.threadId,
    body: 'Snöröjning enskiltsvar för er anläggning.',
    reason: 'Frågan gäller enbart leverantörens egen anläggning.',
  });
  await server.settled();
});

afterAll(async () => {
  await server?.stop();
});

async function search(visitor: Visitor, q = 'snöröjning'): Promise<SearchResultsView> {
  return visitor.api.search.query.query({ q, facets: true, limit: 50 });
}

function sum(values: { count: number }[]): number {
  return values.reduce((total, value) => total + value.count, 0);
}

describe.each([
  ['anonymous', () => anonymous, ['open']],
  ['a supplier', () => bob, ['open', 'registered']],
  ['the buyer', () => buyer, ['open', 'registered']],
] as const)('search as %s', (_, who, visible) => {
  it('finds only what they may see, and counts only that', async () => {
    const result = await search(who());
    const dialogues = new Set(result.hits.map((hit) => hit.dialogueId));
    expect([...dialogues].sort()).toEqual(visible.map((name) => ids[name]).sort());
    expect(result.facets?.dialogueId.map((facet) => facet.value).sort()).toEqual(visible.map((name) => ids[name]).sort());
    expect(sum(result.facets!.kind)).toBe(result.total);
    expect(sum(result.facets!.arenaId)).toBe(result.total);
    expect(result.total).toBe(result.hits.length);
    const text = JSON.stringify(result);
    for (const secret of SECRETS.filter((word) => word !== 'medlemsdialog' || !visible.includes('registered' as never))) expect(text).not.toContain(secret);
    // No person: neither names nor addresses of the askers, answerers or commenters.
    for (const person of ['Alice', 'Bob', 'Berit', '@']) expect(text).not.toContain(person);
  });

  it('finds nothing of a hidden, waiting or private post even by its own words', async () => {
    for (const word of ['väntandefråga', 'enskiltsvar', 'doldkommentar']) {
      const result = await search(who(), word);
      expect(result.hits).toEqual([]);
      expect(result.total).toBe(0);
      expect(sum(result.facets!.kind)).toBe(0);
    }
  });
});

describe('a result', () => {
  it('has its context, the question with its answer as one result, and highlighted words', async () => {
    const result = await search(anonymous, 'branta backar');
    expect(result.total).toBe(1);
    const [hit] = result.hits;
    expect(hit).toMatchObject({
      kind: 'question',
      dialogueId: ids.open,
      threadId: ids.thread,
      answered: true,
      dialogue: { title: 'Snöröjning med drönare', arenaId: 'transport', phase: 'market-dialogue', buyers: [{ name: 'Vägverket Exempel' }] },
    });
    expect(hit!.snippet.filter((piece) => piece.match).map((piece) => piece.text)).toEqual(['branta', 'backar']);
    expect(hit!.answer?.snippet.map((piece) => piece.text).join('')).toContain('Backar plogas först');
    expect(hit!.title.map((piece) => piece.text).join('')).toBe('Snöröjning i backar');
  });

  it('is found with a typo, by Swedish letters typed plainly, and filtered by facet values', async () => {
    expect((await search(anonymous, 'snörojnig')).total).toBeGreaterThan(0);
    const filtered = await anonymous.api.search.query.query({ q: 'snöröjning', kinds: ['dialogue'], facets: true });
    expect(filtered.hits.map((hit) => hit.id)).toEqual([`dialogue:${ids.open}`]);
    const answered = await anonymous.api.search.query.query({ q: 'snöröjning', answered: true });
    expect(answered.hits.map((hit) => hit.threadId)).toEqual([ids.thread]);
    const future = await anonymous.api.search.query.query({ q: 'snöröjning', from: inDays(2).slice(0, 10) });
    expect(future.total).toBe(0);
  });
});

describe('a hit the index still holds', () => {
  /**
   * As if the indexer were a moment behind a hide: the post's document is back in the index. The
   * engine finds it for `word` (so the store's answer is what keeps it out), and nobody is shown it
   * or any of its `text`.
   */
  async function staleHitNotShown(post: { postId: string; kind: 'comment' | 'answer'; threadId: string; title: string; body: string }, word: string, text: string) {
    const index = server.app.services.search;
    const id = `post:${post.postId}`;
    const facts = { kind: post.kind, group: id, threadId: post.threadId, dialogueId: ids.open!, arenaId: 'transport', visibility: 'public', phase: 'market-dialogue' } as const;
    await index.upsert([{ id, ...facts, readers: [], buyerOrganisationIds: [], answered: post.kind === 'answer', title: post.title, body: post.body, createdAt: server.clock.now().toISOString() }], 0);
    try {
      for (const who of [anonymous, bob, buyer]) {
        const result = await search(who, word);
        expect(result.total).toBe(1);
        expect(result.hits).toEqual([]);
        expect(JSON.stringify(result)).not.toContain(text);
      }
    } finally {
      await index.remove([id], 0);
    }
  }

  it('is read again for its viewer: a comment hidden before the indexer caught up is not shown', async () => {
    const comment = { postId: ids.hiddenComment!, kind: 'comment', threadId: ids.thread!, title: 'Snöröjning i backar', body: 'Snöröjning doldkommentar med kontaktuppgifter.' } as const;
    await staleHitNotShown(comment, 'doldkommentar', 'kontaktuppgifter');
  });

  it('is read again for its viewer: an answer whose question was hidden before the indexer caught up is not shown', async () => {
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId: ids.open!, title: 'Halka vid busshållplatser', body: 'Hur sandas busshållplatserna?' });
    const body = 'Hållplatserna sandas med grusblandning före sjutiden.';
    const { postId } = await buyer.api.threads.answer.mutate({ threadId, body });
    const [question] = await server.app.services.store.collection<{ _id: string }>('posts').find({ threadId, kind: 'question' });
    await (await server.moderator()).api.threads.hide.mutate({ postId: question!._id, reason: 'Personuppgifter' });
    await server.settled();
    // The answer itself is not hidden: the question's hide, read from the store, keeps it out.
    await staleHitNotShown({ postId, kind: 'answer', threadId, title: 'Halka vid busshållplatser', body }, 'grusblandning', 'sjutiden');
  });
});

describe("a dialogue's change", () => {
  it("writes every thread's posts again with the dialogue's new facts: found by the new phase, not the old", async () => {
    const dialogueId = await createDialogue('Saltlager inför vintern', 'market-dialogue', 'public');
    const asked = await alice.api.threads.ask.mutate({ dialogueId, title: 'Saltlagrets storlek', body: 'Hur stort saltlagerförråd krävs?' });
    const other = await alice.api.threads.ask.mutate({ dialogueId, title: 'Saltlagrets placering', body: 'Var ska saltlagerförrådet stå?' });
    await buyer.api.threads.answer.mutate({ threadId: asked.threadId, body: 'Ett saltlagerförråd för en vinter.' });
    await buyer.api.dialogues.update.mutate({ dialogueId, phase: 'tender', tenderDeadline: inDays(30), qaMode: 'open' });
    await server.settled();
    const inTender = await anonymous.api.search.query.query({ q: 'saltlagerförråd', phases: ['tender'] });
    expect(inTender.hits.map((hit) => hit.threadId).sort()).toEqual([asked.threadId, other.threadId].sort());
    expect((await anonymous.api.search.query.query({ q: 'saltlagerförråd', phases: ['market-dialogue'] })).total).toBe(0);
  });
});
