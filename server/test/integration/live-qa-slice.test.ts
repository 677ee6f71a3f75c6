// The live Q&A slice end to end over the real server: a buyer publishes a dialogue, suppliers ask,
// the buyer answers, everyone watching sees it live under the identity rules, search finds it, and
// the question deadline holds.
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/app-router.ts';
import { nextEvent, startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let alice: Visitor; // supplier who asks
let bob: Visitor; // another supplier, watching
let dialogueId: string;

// An hour ahead: crossing it must not also cross the sessions' idle expiry (two hours).
const deadline = () => new Date(server.clock.now().getTime() + 60 * 60_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  await buyer.registerVerified({
    name: 'Berit Beställare',
    email: 'berit@region.example',
    password: 'correct horse battery',
    representation: 'buyer',
    organisationName: 'Region Exempel',
  });
  await alice.registerVerified({
    name: 'Alice Leverantör',
    email: 'alice@startup.example',
    password: 'another long password',
    representation: 'supplier',
    organisationName: 'Startup AB',
  });
  await bob.registerVerified({
    name: 'Bob Bolag',
    email: 'bob@bolag.example',
    password: 'yet another password',
    representation: 'supplier',
    organisationName: 'Bolag AB',
  });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Digitala vårdplatser i hemmet',
    description: '# Behov\nVi söker **lösningar** för vård i hemmet.',
    arenaId: 'healthcare',
    phase: 'market-dialogue',
    questionDeadline: deadline(),
    visibility: 'public',
  }));
});

afterAll(async () => {
  await server?.stop();
});

describe('live Q&A slice', () => {
  it('lists the new dialogue with its owner and arena for anyone', async () => {
    const anonymous = server.visitor();
    const list = await anonymous.api.dialogues.list.query({});
    expect(list.map((d) => d.id)).toContain(dialogueId);
    const view = await anonymous.api.dialogues.get.query({ dialogueId });
    expect(view.owners.map((o) => o.name)).toEqual(['Region Exempel']);
    expect(view.arenaId).toBe('healthcare');
    expect(view.qaMode).toBe('open');
    expect(view.viewer).toEqual({ canAsk: false, canAnswer: false, isOwner: false, canComment: false, canVote: false, canEdit: false });
    expect((await buyer.api.dialogues.get.query({ dialogueId })).viewer).toEqual({
      canAsk: false,
      canAnswer: true,
      isOwner: true,
      canComment: true,
      canVote: false,
      canEdit: true,
    });
    expect((await alice.api.dialogues.get.query({ dialogueId })).viewer).toEqual({
      canAsk: true,
      canAnswer: false,
      isOwner: false,
      canComment: true,
      canVote: true,
      canEdit: false,
    });
  });

  it('pushes a question and its official answer live, pseudonymous to suppliers and named to the buyer', async () => {
    const buyerSocket = await buyer.connect();
    const bobSocket = await bob.connect();
    expect(await buyerSocket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
    expect(await bobSocket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });

    const buyerSees = nextEvent(buyerSocket, 'thread.changed');
    const bobSees = nextEvent(bobSocket, 'thread.changed');
    const { threadId } = await alice.api.threads.ask.mutate({
      dialogueId,
      title: 'Vilka journalsystem ska integreras?',
      body: 'Behöver lösningen integreras med befintliga journalsystem?',
    });
    const [forBuyer, forBob] = await Promise.all([buyerSees, bobSees]);
    expect(forBuyer.what).toBe('asked');
    expect(forBuyer.thread.id).toBe(threadId);
    expect(forBuyer.thread.question.author).toEqual({
      kind: 'person',
      name: 'Alice Leverantör',
      organisationName: 'Startup AB',
      organisationKind: 'supplier',
      pseudonym: 'A',
    });
    expect(forBob.thread.question.author).toEqual({ kind: 'pseudonym', label: 'A' });
    expect(JSON.stringify(forBob)).not.toContain('Alice');
    expect(JSON.stringify(forBob)).not.toContain('Startup AB');

    const buyerSeesAnswer = nextEvent(buyerSocket, 'thread.changed');
    const bobSeesAnswer = nextEvent(bobSocket, 'thread.changed');
    const { postId } = await buyer.api.threads.answer.mutate({ threadId, body: 'Ja, med Cosmic och Millennium.' });
    const [answerForBuyer, answerForBob] = await Promise.all([buyerSeesAnswer, bobSeesAnswer]);
    expect({ what: answerForBob.what, postId: answerForBob.postId, answered: answerForBob.thread.answered }).toEqual({ what: 'answered', postId, answered: true });
    expect(answerForBob.thread.answers[0]).toMatchObject({ id: postId, kind: 'answer', official: true, body: 'Ja, med Cosmic och Millennium.' });
    expect(answerForBob.thread.answers[0]?.author).toMatchObject({ kind: 'person', organisationName: 'Region Exempel' });
    expect(answerForBob.thread.question.author).toEqual({ kind: 'pseudonym', label: 'A' });
    expect(answerForBob.thread.change).toBeGreaterThan(forBob.thread.change);
    expect(answerForBuyer.seq).toBe(answerForBob.seq);
    expect(answerForBob.seq).toBeGreaterThan(forBob.seq);
  });

  it('shows the same questions and answers to every viewer, with identity only where allowed', async () => {
    const [bobPage, buyerPage, alicePage, anonymousPage] = await Promise.all([
      bob.api.threads.list.query({ dialogueId }),
      buyer.api.threads.list.query({ dialogueId }),
      alice.api.threads.list.query({ dialogueId }),
      server.visitor().api.threads.list.query({ dialogueId }),
    ]);
    const [forBob, forBuyer, forAlice, forAnonymous] = [bobPage.threads, buyerPage.threads, alicePage.threads, anonymousPage.threads];
    const content = (threads: typeof forBob) => threads.map((t) => [t.title, t.question.body, t.answers.map((a) => a.body)]);
    expect(content(forBob)).toEqual(content(forBuyer));
    expect(content(forAnonymous)).toEqual(content(forBuyer));
    expect(forBob[0]?.question.author).toEqual({ kind: 'pseudonym', label: 'A' });
    expect(forAnonymous[0]?.question.author).toEqual({ kind: 'pseudonym', label: 'A' });
    expect(forBuyer[0]?.question.author).toMatchObject({ kind: 'person', name: 'Alice Leverantör' });
    // Alice recognises her own question by the marks beside the views, which are the same for all suppliers.
    expect(forAlice[0]?.question.author).toEqual({ kind: 'pseudonym', label: 'A' });
    expect(alicePage.marks.threads).toContain(forAlice[0]?.id);
    expect(alicePage.marks.posts).toContain(forAlice[0]?.question.id);
    expect(bobPage.marks.threads).not.toContain(forAlice[0]?.id);
    expect(JSON.stringify(forBob)).toBe(JSON.stringify(forAnonymous));
  });

  it('keeps each asker on one pseudonym within the dialogue', async () => {
    await bob.api.threads.ask.mutate({ dialogueId, title: 'Hur många patienter?', body: 'Hur många patienter omfattas av piloten?' });
    await alice.api.threads.ask.mutate({ dialogueId, title: 'Finns det en budget?', body: 'Vilken budgetram gäller?' });
    const { threads } = await server.visitor().api.threads.list.query({ dialogueId });
    // Newest first.
    expect(threads.map((t) => t.question.author)).toEqual([
      { kind: 'pseudonym', label: 'A' },
      { kind: 'pseudonym', label: 'B' },
      { kind: 'pseudonym', label: 'A' },
    ]);
  });

  it('finds a question and its answer by search within a second of posting', async () => {
    const posted = Date.now();
    const { threadId } = await alice.api.threads.ask.mutate({
      dialogueId,
      title: 'Krav på tillgänglighet',
      body: 'Gäller WCAG-kraven även patientens surfplatta?',
    });
    const searcher = server.visitor();
    let found = false;
    while (!found && Date.now() - posted < 1000) {
      const result = await searcher.api.search.query.query({ q: 'surfplatta', limit: 10 });
      found = result.hits.some((hit) => hit.threadId === threadId && hit.kind === 'question');
      if (!found) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(found, 'question searchable within 1 s').toBe(true);
    const result = await searcher.api.search.query.query({ q: 'Millennium', limit: 10 });
    expect(result.hits.some((hit) => hit.kind === 'answer' && hit.dialogueId === dialogueId)).toBe(true);
    // Search shows content, never the asker.
    expect(JSON.stringify(result)).not.toContain('Alice');
  });

  it('refuses a question after the deadline with DEADLINE_PASSED and writes nothing', async () => {
    const before = await bob.api.threads.list.query({ dialogueId });
    server.clock.advance(61 * 60_000);
    try {
      const error = await bob.api.threads.ask
        .mutate({ dialogueId, title: 'För sent?', body: 'Kommer den här frågan med?' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      const data = (error as TRPCClientError<AppRouter>).data;
      expect(data?.appCode).toBe('DEADLINE_PASSED');
      expect(data?.httpStatus).toBe(412);
      expect(await bob.api.threads.list.query({ dialogueId })).toEqual(before);
      expect((await bob.api.dialogues.get.query({ dialogueId })).viewer.canAsk).toBe(false);
      expect((await bob.api.dialogues.get.query({ dialogueId })).deadlinePassed).toBe(true);
    } finally {
      server.clock.advance(-61 * 60_000);
    }
  });
});
