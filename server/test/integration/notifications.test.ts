// Following and notifications over the real server: follows refused as NOT_FOUND where the person
// may not see the thing, following what one asked, answered or commented on (and stopping for good),
// notifications pushed live to the person's own sockets, read marks, and which events tell whom.
// Throughout, Bob (a hostile supplier who follows everything he can) tries to learn what he may
// not: who asked, a question still in the buyers' inbox, what Alice was told privately.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationView } from '@dialogforum/contracts';
import { mailedToken } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let alice: Visitor; // asks
let bob: Visitor; // follows everything, probes everything
const PASSWORD = 'notiser om frågor och svar';
const SECRET_TITLE = 'Sensorer av typ VT-9000 från Vägteknik AB?';
const PRIVATE_ANSWER = 'Er VT-9000 uppfyller kravet, enligt vår bedömning av er anläggning.';

const inADay = () => new Date(server.clock.now().getTime() + 24 * 3_600_000).toISOString();

async function dialogue(phase: 'market-dialogue' | 'tender', title: string, visibility: 'public' | 'registered' = 'public'): Promise<string> {
  // A dialogue in its tender phase has a tender deadline, after the question deadline.
  const tenderDeadline = phase === 'tender' ? { tenderDeadline: new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString() } : {};
  const input = { title, description: 'Vi söker lösningar.', arenaId: 'transport' as const, phase, questionDeadline: inADay(), visibility, ...tenderDeadline };
  return (await buyer.api.dialogues.create.mutate(input)).dialogueId;
}

/** Every notification a socket is pushed, from now on. */
function pushed(socket: LiveSocket): { views: NotificationView[]; unread: number[] } {
  const seen = { views: [] as NotificationView[], unread: [] as number[] };
  socket.on('notification.created', (event) => {
    seen.views.push(event.notification);
    seen.unread.push(event.unread);
  });
  return seen;
}

/** Waits until the person's notifications satisfy `done` (processors run after commit). */
async function notificationsOf(visitor: Visitor, done: (items: NotificationView[]) => boolean = (items) => items.length > 0): Promise<NotificationView[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { items } = await visitor.api.notifications.list.query({});
    if (done(items) || Date.now() > deadline) return items;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@trafikverket.example', password: PASSWORD, representation: 'buyer', organisationName: 'Trafikverket Exempel' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: 'alice@vagteknik.example', password: PASSWORD, representation: 'supplier', organisationName: 'Vägteknik AB' });
  await bob.registerVerified({ name: 'Bob Konkurrent', email: 'bob@konkurrent.example', password: PASSWORD, representation: 'supplier', organisationName: 'Konkurrent AB' });
});

afterAll(async () => {
  await server?.stop();
});

describe('following', () => {
  it('is refused as NOT_FOUND for what the person may not see, as for a missing id', async () => {
    const registeredOnly = await dialogue('market-dialogue', 'Bara för registrerade', 'registered');
    const unconfirmed = server.visitor();
    await unconfirmed.api.accounts.register.mutate({ name: 'Otto Obekräftad', email: 'otto@exempel.example', password: PASSWORD, representation: 'supplier', language: 'sv' });
    await unconfirmed.api.accounts.login.mutate({ email: 'otto@exempel.example', password: PASSWORD });
    const hidden = await refusal(unconfirmed.api.notifications.follow.mutate({ kind: 'dialogue', id: registeredOnly }));
    const missing = await refusal(unconfirmed.api.notifications.follow.mutate({ kind: 'dialogue', id: 'a'.repeat(24) }));
    expect(hidden?.appCode).toBe('NOT_FOUND');
    expect({ ...hidden, path: null }).toEqual({ ...missing, path: null });
    expect((await refusal(unconfirmed.api.notifications.followState.query({ dialogueId: registeredOnly })))?.appCode).toBe('NOT_FOUND');
    // A confirmed person sees it, and follows it.
    await bob.api.notifications.follow.mutate({ kind: 'dialogue', id: registeredOnly });
    expect(await bob.api.notifications.followState.query({ dialogueId: registeredOnly })).toEqual({ dialogue: true, threads: [] });
    // Anonymous: signed-in only.
    expect((await refusal(server.visitor().api.notifications.follow.mutate({ kind: 'dialogue', id: registeredOnly })))?.appCode).toBe('UNAUTHENTICATED');
  });

  it('of a question waiting in someone else’s inbox is refused; the asker follows it without asking', async () => {
    const dialogueId = await dialogue('tender', 'Väglag i realtid');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Får vi fråga?', body: 'En fråga i inkorgen.' });
    expect((await refusal(bob.api.notifications.follow.mutate({ kind: 'thread', id: threadId })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(bob.api.notifications.follow.mutate({ kind: 'thread', id: 'b'.repeat(24) })))?.appCode).toBe('NOT_FOUND');
    await server.settled();
    expect(await alice.api.notifications.followState.query({ dialogueId })).toEqual({ dialogue: false, threads: [threadId] });
    expect(await bob.api.notifications.followState.query({ dialogueId })).toEqual({ dialogue: false, threads: [] });
    // Listed on the settings page with the title the asker sees; nothing of it on Bob's.
    const settings = await alice.api.notifications.settings.query();
    expect(settings.follows).toContainEqual(expect.objectContaining({ kind: 'thread', id: threadId, title: 'Får vi fråga?', dialogueId }));
    expect(JSON.stringify(await bob.api.notifications.settings.query())).not.toContain('Får vi fråga?');
  });

  it('stops when asked to, and writing in the thread again does not start it again', async () => {
    const dialogueId = await dialogue('market-dialogue', 'Öppen diskussion om laddning');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Hur många laddare?', body: 'Hur många laddare behövs?' });
    await bob.api.threads.comment.mutate({ threadId, body: 'Vi undrar också.' });
    await server.settled();
    expect((await bob.api.notifications.followState.query({ dialogueId })).threads).toEqual([threadId]);
    await bob.api.notifications.unfollow.mutate({ kind: 'thread', id: threadId });
    await bob.api.threads.comment.mutate({ threadId, body: 'Och en sak till.' });
    await server.settled();
    expect((await bob.api.notifications.followState.query({ dialogueId })).threads).toEqual([]);
    // Unfollowing what one never followed, or what does not exist, answers the same.
    await bob.api.notifications.unfollow.mutate({ kind: 'dialogue', id: 'c'.repeat(24) });
  });
});

describe('notifications', () => {
  it('arrive live on the person’s own sockets, with the unread count, and are marked read', async () => {
    const dialogueId = await dialogue('market-dialogue', 'Snöröjning med drönare');
    await bob.api.notifications.follow.mutate({ kind: 'dialogue', id: dialogueId });
    const bobSocket = await bob.connect(); // subscribed to nothing: notifications come to his own sockets
    const aliceSocket = await alice.connect();
    const bobHears = pushed(bobSocket);
    const aliceHears = pushed(aliceSocket);
    const before = (await bob.api.notifications.unreadCount.query()).unread;

    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Hur högt får drönarna flyga?', body: 'Finns det en höjdgräns?' });
    const asked = await nextEvent(bobSocket, 'notification.created');
    expect(asked.notification).toMatchObject({
      kind: 'question-published',
      read: false,
      dialogue: { id: dialogueId, title: 'Snöröjning med drönare' },
      thread: { id: threadId, title: 'Hur högt får drönarna flyga?' },
    });
    expect(asked.unread).toBe(before + 1);

    const answered = nextEvent(aliceSocket, 'notification.created');
    const bobAnswered = nextEvent(bobSocket, 'notification.created');
    await buyer.api.threads.answer.mutate({ threadId, body: 'Högst 120 meter.' });
    expect((await answered).notification).toMatchObject({ kind: 'my-question-answered', thread: { id: threadId } });
    expect((await bobAnswered).notification).toMatchObject({ kind: 'answer-published', thread: { id: threadId } });
    await server.settled();
    // Nobody is told of their own act: Alice was not told of her own question.
    expect(aliceHears.views.map((view) => view.kind)).toEqual(['my-question-answered']);
    expect(bobHears.views.map((view) => view.kind)).toEqual(['question-published', 'answer-published']);

    const page = await bob.api.notifications.list.query({});
    expect(page.items.slice(0, 2).map((item) => item.kind)).toEqual(['answer-published', 'question-published']);
    expect(page.unread).toBe(before + 2);
    // Someone else's notification id is ignored, not refused.
    const aliceItem = (await alice.api.notifications.list.query({})).items[0]!;
    expect(await bob.api.notifications.markRead.mutate({ ids: [aliceItem.id] })).toEqual({ unread: before + 2 });
    expect((await alice.api.notifications.list.query({})).items[0]?.read).toBe(false);
    expect(await bob.api.notifications.markRead.mutate({ ids: [page.items[0]!.id] })).toEqual({ unread: before + 1 });
    expect(await bob.api.notifications.markAllRead.mutate()).toEqual({ unread: 0 });
    expect((await bob.api.notifications.list.query({})).items.every((item) => item.read)).toBe(true);

    // Paging: newest first, continuing before the last one seen.
    const first = await bob.api.notifications.list.query({ limit: 1 });
    const second = await bob.api.notifications.list.query({ limit: 1, before: first.next! });
    expect([first.items[0]?.kind, second.items[0]?.kind]).toEqual(['answer-published', 'question-published']);
  });

  it('tell a hostile supplier nothing of a question in the inbox, of who asked, or of a private answer', async () => {
    const dialogueId = await dialogue('tender', 'Vinterväghållning med sensorer');
    await bob.api.notifications.follow.mutate({ kind: 'dialogue', id: dialogueId });
    await bob.api.notifications.markAllRead.mutate();
    const bobSocket = await bob.connect();
    const bobHears = pushed(bobSocket);
    const buyerSocket = await buyer.connect();
    const aliceSocket = await alice.connect();

    // A confidential question: into the inbox. The buyers are told; Bob is not.
    const inInbox = nextEvent(buyerSocket, 'notification.created');
    const { threadId: secretThread } = await alice.api.threads.ask.mutate({ dialogueId, title: SECRET_TITLE, body: 'Gäller det vår VT-9000?', confidential: true });
    expect((await inInbox).notification).toMatchObject({ kind: 'question-in-inbox', thread: { id: secretThread, title: SECRET_TITLE } });

    // Answered privately: Alice is told; Bob is not, and cannot follow the thread either.
    const privately = nextEvent(aliceSocket, 'notification.created');
    await buyer.api.threads.answerPrivately.mutate({ threadId: secretThread, body: PRIVATE_ANSWER, reason: 'Gäller bara deras egen anläggning.' });
    expect((await privately).notification).toMatchObject({ kind: 'my-question-answered-privately', thread: { id: secretThread } });
    expect((await refusal(bob.api.notifications.follow.mutate({ kind: 'thread', id: secretThread })))?.appCode).toBe('NOT_FOUND');

    // A second question, redacted (Alice is told, with the note), then published with its answer.
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Egna sensorer från Vägteknik AB?', body: 'Får vi använda VT-9000?' });
    const redacted = nextEvent(aliceSocket, 'notification.created');
    await buyer.api.threads.redact.mutate({ threadId, title: 'Egna sensorer?', body: 'Får vi använda egna sensorer?', note: 'Produkt- och företagsnamn borttagna.' });
    expect((await redacted).notification).toMatchObject({ kind: 'my-question-redacted', note: 'Produkt- och företagsnamn borttagna.', thread: { title: 'Egna sensorer?' } });
    const published = nextEvent(bobSocket, 'notification.created');
    await buyer.api.threads.publish.mutate({ threadId, answer: 'Ja, om de uppfyller kraven i bilaga 3.' });
    expect((await published).notification).toMatchObject({ kind: 'question-published', thread: { id: threadId, title: 'Egna sensorer?' } });
    await server.settled();

    // What Bob got, over the socket and the API, holds nothing of the inbox, the asker or the private answer.
    expect(bobHears.views.map((view) => [view.kind, view.thread?.id])).toEqual([['question-published', threadId]]);
    const everything = JSON.stringify([bobHears.views, await bob.api.notifications.list.query({ limit: 50 }), await bob.api.notifications.settings.query()]);
    for (const secret of [SECRET_TITLE, 'VT-9000', 'Vägteknik', 'Alice', PRIVATE_ANSWER, 'Produkt- och företagsnamn', secretThread]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('never reach a socket whose person signed out: the server closes it', async () => {
    const carol = server.visitor();
    await carol.registerVerified({ name: 'Carol Utloggad', email: 'carol@utloggad.example', password: PASSWORD, representation: 'supplier', organisationName: 'Utloggad AB' });
    const dialogueId = await dialogue('market-dialogue', 'Laddinfrastruktur i hamnar');
    await carol.api.notifications.follow.mutate({ kind: 'dialogue', id: dialogueId });
    const socket = await carol.connect();
    const heard = pushed(socket);
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    await carol.api.accounts.logout.mutate();
    await closed;
    await alice.api.threads.ask.mutate({ dialogueId, title: 'Hur många laddpunkter?', body: 'Hur många behövs?' });
    await server.settled();
    expect(heard.views).toEqual([]);
    // The notification waits for her in the app.
    await carol.api.accounts.login.mutate({ email: 'carol@utloggad.example', password: PASSWORD });
    expect((await carol.api.notifications.list.query({})).items.map((item) => item.kind)).toEqual(['question-published']);
  });

  it('tell followers of a correction and of a moved deadline; tell an organisation’s members it was verified', async () => {
    const dialogueId = await dialogue('market-dialogue', 'Belysning längs cykelvägar');
    await bob.api.notifications.follow.mutate({ kind: 'dialogue', id: dialogueId });
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Vilken ljusstyrka?', body: 'Hur många lux?' });
    const { postId } = await buyer.api.threads.answer.mutate({ threadId, body: 'Minst 10 lux.' });
    await buyer.api.threads.correct.mutate({ postId, body: 'Minst 15 lux.', note: 'Fel siffra.' });
    const to = new Date(server.clock.now().getTime() + 48 * 3_600_000).toISOString();
    const from = (await buyer.api.dialogues.get.query({ dialogueId })).questionDeadline;
    await buyer.api.dialogues.setQuestionDeadline.mutate({ dialogueId, questionDeadline: to });
    const bobs = await notificationsOf(bob, (items) => items.some((item) => item.kind === 'deadline-changed' && item.dialogue?.id === dialogueId));
    expect(bobs.find((item) => item.kind === 'deadline-changed' && item.dialogue?.id === dialogueId)?.deadline).toEqual({ from, to });
    expect(bobs.some((item) => item.kind === 'answer-corrected' && item.thread?.id === threadId)).toBe(true);
    // Alice follows her own thread: told of the correction too.
    const alices = await notificationsOf(alice, (items) => items.some((item) => item.kind === 'answer-corrected' && item.thread?.id === threadId));
    expect(alices.some((item) => item.kind === 'answer-corrected' && item.thread?.id === threadId)).toBe(true);

    const newBuyer = server.visitor();
    await newBuyer.api.accounts.register.mutate({ name: 'Nils Nybeställare', email: 'nils@kommun.example', password: PASSWORD, representation: 'buyer', language: 'sv' });
    await newBuyer.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'nils@kommun.example', 'verify-email') });
    const { organisationId } = await newBuyer.api.organisations.create.mutate({ name: 'Nybygge kommun', kind: 'buyer' });
    await (await server.moderator()).api.organisations.verify.mutate({ organisationId });
    const nils = await notificationsOf(newBuyer);
    expect(nils.map((item) => [item.kind, item.organisation?.id])).toEqual([['organisation-verified', organisationId]]);
  });
});
