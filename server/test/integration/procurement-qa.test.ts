// Procurement-grade questions and answers over the real server: moderated Q&A (the buyers' inbox,
// redaction, publishing a question with its answer at one moment), confidential questions and the
// equal-treatment gate on private answers, corrections as versions, comments, votes, sorting and
// filters, moderation (flags, hiding, locking) and catching up on what changed. Throughout, a second
// supplier (Bob) tries to learn what he may not: over the API, the socket and search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadView } from '@dialogforum/contracts';
import { refusal } from '../support/refusal.ts';
import { nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let alice: Visitor; // asks
let bob: Visitor; // another supplier, watching and probing
let moderator: Visitor;
const PASSWORD = 'frågor och svar i upphandlingen';

const inADay = () => new Date(server.clock.now().getTime() + 24 * 3_600_000).toISOString();

async function dialogue(phase: 'market-dialogue' | 'tender', title: string): Promise<string> {
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title,
    description: 'Vi söker lösningar.',
    arenaId: 'transport',
    phase,
    questionDeadline: inADay(),
    // The tender phase needs a tender deadline (the statutory clock counts back from it).
    ...(phase === 'tender' ? { tenderDeadline: new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString() } : {}),
    visibility: 'public',
  });
  return dialogueId;
}

/** Every event of a kind a socket is sent, from now on. */
function record(socket: LiveSocket): { threads: { what: string; thread: ThreadView }[] } {
  const seen = { threads: [] as { what: string; thread: ThreadView }[] };
  socket.on('thread.changed', (event) => seen.threads.push({ what: event.what, thread: event.thread }));
  return seen;
}

async function watching(visitor: Visitor, dialogueId: string): Promise<LiveSocket> {
  const socket = await visitor.connect();
  expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
  return socket;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@trafikverket.example', password: PASSWORD, representation: 'buyer', organisationName: 'Trafikverket Exempel' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: 'alice@vagteknik.example', password: PASSWORD, representation: 'supplier', organisationName: 'Vägteknik AB' });
  await bob.registerVerified({ name: 'Bob Konkurrent', email: 'bob@konkurrent.example', password: PASSWORD, representation: 'supplier', organisationName: 'Konkurrent AB' });
  moderator = await server.moderator();
});

afterAll(async () => {
  await server?.stop();
});

describe('moderated Q&A', () => {
  it('is the default in the tender phase: a question waits in the buyers’ inbox, seen by nobody else', async () => {
    const dialogueId = await dialogue('tender', 'Vinterväghållning med sensorer');
    expect((await bob.api.dialogues.get.query({ dialogueId })).qaMode).toBe('moderated');
    const buyerSocket = await watching(buyer, dialogueId);
    const bobSocket = await watching(bob, dialogueId);
    const aliceSocket = await alice.connect(); // not subscribed: her own sockets hear about her question anyway
    const bobSees = record(bobSocket);
    const aliceHears = record(aliceSocket);
    const buyerSees = nextEvent(buyerSocket, 'thread.changed');

    const { threadId } = await alice.api.threads.ask.mutate({
      dialogueId,
      title: 'Sensorer från Vägteknik AB?',
      body: 'Får vi använda våra egna sensorer av typ VT-9000 som bara Vägteknik AB tillverkar?',
    });
    const submitted = await buyerSees;
    expect({ what: submitted.what, status: submitted.thread.status }).toEqual({ what: 'submitted', status: 'pending' });
    expect(submitted.thread.question.author).toMatchObject({ kind: 'person', name: 'Alice Leverantör' });

    const inbox = await buyer.api.threads.inbox.query({ dialogueId });
    expect(inbox.pending.map((thread) => thread.id)).toEqual([threadId]);
    const alicePage = await alice.api.threads.list.query({ dialogueId });
    expect(alicePage.threads).toEqual([]);
    expect(alicePage.ownUnpublished.map((thread) => [thread.id, thread.status])).toEqual([[threadId, 'pending']]);

    // Bob: nothing on the page, in what changed, in search, by id, or on his socket.
    const bobPage = await bob.api.threads.list.query({ dialogueId });
    expect([...bobPage.threads, ...bobPage.ownUnpublished]).toEqual([]);
    expect((await bob.api.threads.changes.query({ dialogueId, afterChange: 0 })).threads).toEqual([]);
    expect((await refusal(bob.api.threads.get.query({ threadId })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(bob.api.threads.inbox.query({ dialogueId })))?.appCode).toBe('NOT_FOUND');
    await settle();
    expect((await bob.api.search.query.query({ q: 'VT-9000' })).hits).toEqual([]);
    expect(bobSees.threads).toEqual([]);
    expect(aliceHears.threads.map((event) => event.what)).toEqual(['submitted']);
    expect((await bob.api.dialogues.get.query({ dialogueId })).threadCount).toBe(0);

    // The buyers redact the question (a product name that points to one supplier); Alice is told.
    await buyer.api.threads.redact.mutate({
      threadId,
      title: 'Egna sensorer?',
      body: 'Får vi använda egna sensorer av en viss typ?',
      note: 'Produkt- och företagsnamn borttagna.',
    });
    await settle();
    expect(aliceHears.threads.map((event) => event.what)).toEqual(['submitted', 'redacted']);
    expect(aliceHears.threads[1]?.thread.question.body).toBe('Får vi använda egna sensorer av en viss typ?');
    const history = await alice.api.threads.history.query({ postId: submitted.thread.question.id });
    expect(history.map((version) => [version.note, version.byBuyer])).toEqual([
      [null, false],
      ['Produkt- och företagsnamn borttagna.', true],
    ]);

    // Published with its answer: Bob learns both at the same moment, and only the redacted text.
    const bobGetsIt = nextEvent(bobSocket, 'thread.changed');
    await buyer.api.threads.publish.mutate({ threadId, answer: 'Ja, om de uppfyller kraven i bilaga 3.' });
    const published = await bobGetsIt;
    expect(published.what).toBe('published');
    expect(published.thread).toMatchObject({ status: 'published', answered: true, title: 'Egna sensorer?' });
    expect(published.thread.answers.map((answer) => answer.body)).toEqual(['Ja, om de uppfyller kraven i bilaga 3.']);
    expect(published.thread.question.author).toEqual({ kind: 'pseudonym', label: 'A' });
    expect(JSON.stringify(published)).not.toMatch(/Vägteknik|VT-9000|Alice/);
    // The earlier versions are what the redaction took out: not for Bob.
    expect((await refusal(bob.api.threads.history.query({ postId: published.thread.question.id })))?.appCode).toBe('NOT_FOUND');
    expect(published.thread.question.versionCount).toBe(2);
    expect((await bob.api.dialogues.get.query({ dialogueId })).threadCount).toBe(1);
    expect((await refusal(buyer.api.threads.publish.mutate({ threadId, answer: 'Igen.' })))?.appCode).toBe('QUESTION_NOT_PENDING');
    for (const socket of [buyerSocket, bobSocket, aliceSocket]) socket.disconnect();
  });

  it('never exposes a waiting question when the buyers switch to open discussion', async () => {
    const dialogueId = await dialogue('tender', 'Laddplatser vid rastplatser');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Hur många laddplatser?', body: 'Hur många per rastplats?' });
    await buyer.api.dialogues.setQaMode.mutate({ dialogueId, qaMode: 'open' });
    expect((await bob.api.dialogues.get.query({ dialogueId })).qaMode).toBe('open');
    expect((await bob.api.threads.list.query({ dialogueId })).threads).toEqual([]);
    expect((await refusal(bob.api.threads.get.query({ threadId })))?.appCode).toBe('NOT_FOUND');
    // A question asked now is public at once.
    await alice.api.threads.ask.mutate({ dialogueId, title: 'Effekt per plats?', body: 'Vilken effekt krävs?' });
    expect((await bob.api.threads.list.query({ dialogueId })).threads.map((thread) => thread.title)).toEqual(['Effekt per plats?']);
    // Answering a waiting question directly would skip the gate: refused with its own code.
    expect((await refusal(buyer.api.threads.answer.mutate({ threadId, body: 'Fyra.' })))?.appCode).toBe('QUESTION_PENDING');
  });
});

describe('confidential questions and the equal-treatment gate', () => {
  it('answers privately only with a recorded reason, and only what was asked in confidence', async () => {
    const dialogueId = await dialogue('market-dialogue', 'Belysning i tunnlar');
    const { threadId } = await alice.api.threads.ask.mutate({
      dialogueId,
      title: 'Vår egen tunnel',
      body: 'Gäller kraven även vår privata tunnel vid fabriken?',
      confidential: true,
    });
    expect((await bob.api.threads.list.query({ dialogueId })).threads).toEqual([]);
    const noReason = await refusal(buyer.api.threads.answerPrivately.mutate({ threadId, body: 'Nej.', reason: '' }));
    expect(noReason?.appCode).toBe('VALIDATION');
    expect(noReason?.fieldIssues.map((issue) => issue.path)).toEqual(['reason']);
    expect((await buyer.api.threads.inbox.query({ dialogueId })).pending.map((thread) => thread.id)).toEqual([threadId]);

    await buyer.api.threads.answerPrivately.mutate({ threadId, body: 'Nej, bara allmänna vägar.', reason: 'Frågan gäller enbart leverantörens egen anläggning.' });
    const own = (await alice.api.threads.list.query({ dialogueId })).ownUnpublished[0];
    expect(own).toMatchObject({ status: 'answered-privately', privateAnswerReason: 'Frågan gäller enbart leverantörens egen anläggning.' });
    expect(own?.answers.map((answer) => [answer.body, answer.private])).toEqual([['Nej, bara allmänna vägar.', true]]);
    expect((await buyer.api.threads.inbox.query({ dialogueId })).answeredPrivately.map((thread) => thread.id)).toEqual([threadId]);
    expect((await refusal(bob.api.threads.get.query({ threadId })))?.appCode).toBe('NOT_FOUND');
    // An edit of the question afterwards writes the thread to the search index again: still not public.
    await buyer.api.threads.redact.mutate({ threadId, title: 'Vår egen tunnel', body: 'Gäller kraven en privat tunnel?', note: 'Platsen borttagen.' });
    await settle();
    expect((await bob.api.search.query.query({ q: 'tunnel' })).hits.filter((hit) => hit.threadId === threadId)).toEqual([]);
    expect((await refusal(buyer.api.threads.publish.mutate({ threadId, answer: 'Ändå.' })))?.appCode).toBe('QUESTION_NOT_PENDING');

    // In moderated Q&A a question not asked in confidence is for everyone: no private answer.
    const moderated = await dialogue('tender', 'Tunnelbelysning, anbud');
    const { threadId: ordinary } = await alice.api.threads.ask.mutate({ dialogueId: moderated, title: 'Ljusnivå?', body: 'Vilken ljusnivå?' });
    const gate = await refusal(buyer.api.threads.answerPrivately.mutate({ threadId: ordinary, body: 'Hög.', reason: 'Bara för er, tänkte vi.' }));
    expect(gate?.appCode).toBe('NOT_CONFIDENTIAL');
  });
});

describe('the thread', () => {
  let dialogueId: string;
  let threadId: string;
  let answerId: string;

  beforeAll(async () => {
    dialogueId = await dialogue('market-dialogue', 'Elbussar i länstrafiken');
    ({ threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Räckvidd vintertid?', body: 'Vilken räckvidd krävs vid -20 °C?' }));
  });

  it('lets the asker edit an unanswered question; after the answer it is fixed', async () => {
    const questionId = (await alice.api.threads.get.query({ threadId })).thread.question.id;
    await alice.api.threads.edit.mutate({ postId: questionId, title: 'Räckvidd vid kyla?', body: 'Vilken räckvidd krävs vid -25 °C?' });
    const edited = (await bob.api.threads.get.query({ threadId })).thread;
    expect(edited).toMatchObject({ title: 'Räckvidd vid kyla?' });
    expect(edited.question).toMatchObject({ body: 'Vilken räckvidd krävs vid -25 °C?', versionCount: 2 });
    expect(edited.question.editedAt).not.toBeNull();
    expect((await refusal(bob.api.threads.edit.mutate({ postId: questionId, body: 'Bobs version' })))?.appCode).toBe('FORBIDDEN');
    ({ postId: answerId } = await buyer.api.threads.answer.mutate({ threadId, body: 'Minst 250 km.' }));
    expect((await refusal(alice.api.threads.edit.mutate({ postId: questionId, body: 'Efteråt' })))?.appCode).toBe('FORBIDDEN');
  });

  it('corrects an official answer by a new version that every reader sees as a correction', async () => {
    const bobSocket = await watching(bob, dialogueId);
    const corrected = nextEvent(bobSocket, 'thread.changed');
    await buyer.api.threads.correct.mutate({ postId: answerId, body: 'Minst 300 km.', note: 'Fel siffra i första svaret.' });
    const event = await corrected;
    expect(event.what).toBe('corrected');
    expect(event.thread.answers[0]).toMatchObject({ body: 'Minst 300 km.', corrected: true, versionCount: 2 });
    const history = await bob.api.threads.history.query({ postId: answerId });
    expect(history.map((version) => [version.body, version.note])).toEqual([
      ['Minst 250 km.', null],
      ['Minst 300 km.', 'Fel siffra i första svaret.'],
    ]);
    expect((await refusal(alice.api.threads.correct.mutate({ postId: answerId, body: 'x', note: 'y z' })))?.appCode).toBe('FORBIDDEN');
    bobSocket.disconnect();
  });

  it('takes follow-up comments, pseudonymous for suppliers, named for the buyers', async () => {
    await bob.api.threads.comment.mutate({ threadId, body: 'Gäller det även ledbussar?' });
    await buyer.api.threads.comment.mutate({ threadId, body: 'Ja, även ledbussar.' });
    const { thread } = await server.visitor().api.threads.get.query({ threadId });
    expect(thread.comments.map((comment) => [comment.body, comment.author.kind])).toEqual([
      ['Gäller det även ledbussar?', 'pseudonym'],
      ['Ja, även ledbussar.', 'person'],
    ]);
    expect(thread.comments[0]?.author).toEqual({ kind: 'pseudonym', label: 'B' });
    expect(JSON.stringify(thread)).not.toContain('Bob');
  });

  it('counts "I want to know too" once per person, sorts by it and filters', async () => {
    const { threadId: second } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Laddning i depå?', body: 'Ska depåladdning ingå?' });
    const carol = server.visitor();
    await carol.registerVerified({ name: 'Carol', email: 'carol@tredje.example', password: PASSWORD, representation: 'supplier', organisationName: 'Tredje AB' });
    await bob.api.threads.vote.mutate({ threadId: second, wants: true });
    await bob.api.threads.vote.mutate({ threadId: second, wants: true });
    await carol.api.threads.vote.mutate({ threadId: second, wants: true });
    expect((await bob.api.threads.get.query({ threadId: second })).thread.voteCount).toBe(2);
    expect((await refusal(alice.api.threads.vote.mutate({ threadId: second, wants: true })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(buyer.api.threads.vote.mutate({ threadId: second, wants: true })))?.appCode).toBe('FORBIDDEN');
    await carol.api.threads.vote.mutate({ threadId: second, wants: false });
    const page = await bob.api.threads.list.query({ dialogueId, sort: 'most-wanted' });
    expect(page.threads.map((thread) => [thread.id, thread.voteCount])).toEqual([
      [second, 1],
      [threadId, 0],
    ]);
    expect(page.marks.votes).toEqual([second]);
    expect((await bob.api.threads.list.query({ dialogueId, sort: 'unanswered-first' })).threads.map((thread) => thread.id)).toEqual([second, threadId]);
    expect((await bob.api.threads.list.query({ dialogueId, filter: 'answered' })).threads.map((thread) => thread.id)).toEqual([threadId]);
    expect((await bob.api.threads.list.query({ dialogueId, filter: 'unanswered' })).threads.map((thread) => thread.id)).toEqual([second]);
    expect((await alice.api.threads.list.query({ dialogueId, filter: 'mine' })).total).toBe(2);
    expect((await bob.api.threads.list.query({ dialogueId, filter: 'mine' })).total).toBe(0);
    const first = await bob.api.threads.list.query({ dialogueId, limit: 1 });
    expect({ count: first.threads.length, next: first.nextOffset, total: first.total }).toEqual({ count: 1, next: 1, total: 2 });
    const rest = await bob.api.threads.list.query({ dialogueId, limit: 1, offset: 1 });
    expect(rest.nextOffset).toBeNull();
    expect(new Set([...first.threads, ...rest.threads].map((thread) => thread.id))).toEqual(new Set([threadId, second]));
  });

  it('hands a client that was away exactly the threads that changed after the last change it saw', async () => {
    const before = await bob.api.threads.list.query({ dialogueId });
    expect((await bob.api.threads.changes.query({ dialogueId, afterChange: before.change })).threads).toEqual([]);
    await carolVotes();
    const changes = await bob.api.threads.changes.query({ dialogueId, afterChange: before.change });
    expect(changes.threads.map((thread) => thread.id)).toEqual([threadId]);
    expect(changes.change).toBeGreaterThan(before.change);
    expect(changes.complete).toBe(true);
  });

  async function carolVotes(): Promise<void> {
    const dave = server.visitor();
    await dave.registerVerified({ name: 'Dave', email: 'dave@fjarde.example', password: PASSWORD, representation: 'supplier', organisationName: 'Fjärde AB' });
    await dave.api.threads.vote.mutate({ threadId, wants: true });
  }
});

describe('comments by suppliers follow the mode and the deadline', () => {
  it('refuses suppliers’ comments in moderated Q&A and after the deadline; the buyers write on', async () => {
    const dialogueId = await dialogue('market-dialogue', 'Cykelvägar i staden');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Belysning?', body: 'Ska cykelvägarna belysas?' });
    await buyer.api.dialogues.setQaMode.mutate({ dialogueId, qaMode: 'moderated' });
    expect((await refusal(bob.api.threads.comment.mutate({ threadId, body: 'Och snöröjning?' })))?.appCode).toBe('FORBIDDEN');
    expect((await bob.api.dialogues.get.query({ dialogueId })).viewer.canComment).toBe(false);
    await buyer.api.threads.comment.mutate({ threadId, body: 'Förtydligande: alla nya sträckor.' });
    await buyer.api.dialogues.setQaMode.mutate({ dialogueId, qaMode: 'open' });
    server.clock.advance(25 * 3_600_000);
    try {
      // A day passes: everyone signs in again.
      for (const [visitor, email] of [
        [bob, 'bob@konkurrent.example'],
        [buyer, 'berit@trafikverket.example'],
      ] as const) {
        await visitor.api.accounts.login.mutate({ email, password: PASSWORD });
      }
      expect((await refusal(bob.api.threads.comment.mutate({ threadId, body: 'För sent?' })))?.appCode).toBe('DEADLINE_PASSED');
      await buyer.api.threads.comment.mutate({ threadId, body: 'Buyers write after the deadline.' });
    } finally {
      server.clock.advance(-25 * 3_600_000);
      // Sessions begun in the future would count as idle for hours: begin them again now.
      await bob.api.accounts.login.mutate({ email: 'bob@konkurrent.example', password: PASSWORD });
      await buyer.api.accounts.login.mutate({ email: 'berit@trafikverket.example', password: PASSWORD });
    }
  });
});

describe('moderation', () => {
  it('flags, hides with a recorded reason (readers see that and why), and locks', async () => {
    const dialogueId = await dialogue('market-dialogue', 'Gatubelysning med LED');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Armaturer?', body: 'Vilka armaturer?' });
    const { postId } = await bob.api.threads.comment.mutate({ threadId, body: 'Köp hos oss, bäst pris: konkurrent.example' });
    await alice.api.threads.flag.mutate({ postId, reason: 'Reklam för ett företag.' });
    await alice.api.threads.flag.mutate({ postId, reason: 'Reklam igen.' }); // one open flag per person
    await buyer.api.threads.flag.mutate({ postId, reason: 'Reklam.' });
    expect((await refusal(bob.api.threads.flags.query()))?.appCode).toBe('FORBIDDEN');
    const queue = await moderator.api.threads.flags.query();
    const flag = queue.find((candidate) => candidate.postId === postId);
    expect(flag).toMatchObject({ flagCount: 2, body: 'Köp hos oss, bäst pris: konkurrent.example', author: { name: 'Bob Konkurrent', organisationName: 'Konkurrent AB' } });

    await moderator.api.threads.hide.mutate({ postId, reason: 'Marknadsföring är inte tillåten.' });
    const { thread } = await server.visitor().api.threads.get.query({ threadId });
    expect(thread.comments[0]).toMatchObject({ body: null, hidden: { reason: 'Marknadsföring är inte tillåten.' } });
    expect(JSON.stringify(thread)).not.toContain('konkurrent.example');
    expect((await moderator.api.threads.flags.query()).some((candidate) => candidate.postId === postId)).toBe(false);
    expect((await refusal(bob.api.threads.history.query({ postId })))?.appCode).toBe('NOT_FOUND');
    await settle();
    expect((await server.visitor().api.search.query.query({ q: 'konkurrent' })).hits.filter((hit) => hit.threadId === threadId)).toEqual([]);

    await moderator.api.threads.lock.mutate({ threadId, reason: 'Frågan är utredd.' });
    expect((await refusal(alice.api.threads.comment.mutate({ threadId, body: 'En till?' })))?.appCode).toBe('THREAD_LOCKED');
    expect((await bob.api.threads.get.query({ threadId })).thread.locked).toMatchObject({ reason: 'Frågan är utredd.' });
    // Official answers stay possible: equal treatment may need them.
    await buyer.api.threads.answer.mutate({ threadId, body: 'Armaturer enligt bilaga 2.' });
    await moderator.api.threads.unlock.mutate({ threadId });
    await alice.api.threads.comment.mutate({ threadId, body: 'Tack!' });

    const entries = await moderator.api.audit.list.query({ action: 'post.hidden' });
    expect(entries.some((entry) => entry.subject.postId === postId)).toBe(true);
  });

  it('hides a question’s title and text, and search forgets the whole thread', async () => {
    const dialogueId = await dialogue('market-dialogue', 'Parkeringsautomater');
    const { threadId } = await bob.api.threads.ask.mutate({ dialogueId, title: 'Olämplig rubrik med namnet Kalle Anka', body: 'Olämplig text.' });
    await buyer.api.threads.answer.mutate({ threadId, body: 'Svar som nämner rubriken.' });
    const questionId = (await moderator.api.threads.get.query({ threadId })).thread.question.id;
    await moderator.api.threads.hide.mutate({ postId: questionId, reason: 'Personuppgifter i rubriken.' });
    const { thread } = await alice.api.threads.get.query({ threadId });
    expect(thread.title).toBeNull();
    expect(thread.question.body).toBeNull();
    expect(JSON.stringify(thread)).not.toContain('Kalle Anka');
    await settle();
    expect((await alice.api.search.query.query({ q: 'Kalle Anka' })).hits).toEqual([]);
  });
});
