// Saved searches ("bevakning") over the real server, with mail delivered to a real SMTP server
// (smtp-server on 127.0.0.1) and read back with an independent MIME parser. A person saves a search,
// lists, renames, changes and deletes it; new content it finds and that they may see is told once
// per saved search and result — in the app (pushed live) and by mail with a link that stops that
// search's mail without signing in — and a burst is one notification and one mail. Content the
// person may not see never alerts them: a registered-only dialogue for someone whose address is not
// confirmed, a private answer, a question waiting in the inbox, posts under a hidden question. Told
// exactly once across restarts around the event, including the notifier handling it again.
import type { Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVED_SEARCH_MAX, type NotificationView } from '@dialogforum/contracts';
import { CHECKPOINTS, type CheckpointDocument } from '../../src/platform/events/checkpoints.ts';
import { EVENTS, type DomainEvent } from '../../src/platform/events/event-log.ts';
import { openStore } from '../../src/platform/store/open-store.ts';
import { alteredToken } from '../support/altered-token.ts';
import { refusal } from '../support/refusal.ts';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.ts';
import { MODERATOR_EMAIL, nextEvent, startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'bevakningar av sökningar';
const PUBLIC_URL = 'https://dialogforum.example';
const DIGEST_ZONE = 'Europe/Stockholm';

let smtp: SmtpInbox;
let server: TestServer;
let buyer: Visitor;
let moderator: Visitor;
let alice: Visitor; // confirmed supplier: mail at once
let bob: Visitor; // confirmed supplier who asks; keeps the daily digest
let otto: Visitor; // signed in, address never confirmed: may not see registered-only dialogues

/** The local time in Stockholm `ms` from now, as HH:MM: the digest time the server is started with. */
function stockholmTimeIn(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: DIGEST_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + ms));
}

const mailTo = (address: string, subject: RegExp, count = 1, timeoutMs = 5000) => smtp.mailTo(address, subject, count, timeoutMs);

async function signUp(visitor: Visitor, input: { name: string; email: string; representation: 'buyer' | 'supplier'; organisationName: string }, confirm = true) {
  const { organisationName, ...registration } = input;
  await visitor.api.accounts.register.mutate({ ...registration, password: PASSWORD, language: 'sv' });
  if (!confirm) {
    await visitor.api.accounts.login.mutate({ email: input.email, password: PASSWORD });
    return;
  }
  const [mail] = await mailTo(input.email, /e-post|e-mail/i);
  const token = /\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${input.email}`);
  await visitor.api.accounts.verifyEmail.mutate({ token });
  await visitor.api.organisations.create.mutate({ name: organisationName, kind: input.representation === 'buyer' ? 'buyer' : 'supplier' });
}

const inAWeek = () => new Date(server.clock.now().getTime() + 7 * 24 * 3_600_000).toISOString();

async function dialogue(title: string, options: { visibility?: 'public' | 'registered'; phase?: 'market-dialogue' | 'tender' } = {}): Promise<string> {
  const phase = options.phase ?? 'market-dialogue';
  const tender = phase === 'tender' ? { tenderDeadline: new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString() } : {};
  const input = { title, description: 'Vi söker lösningar.', arenaId: 'transport' as const, phase, questionDeadline: inAWeek(), visibility: options.visibility ?? 'public', ...tender };
  return (await buyer.api.dialogues.create.mutate(input)).dialogueId;
}

/** The person's notifications from the saved search, once every processor has handled everything. */
async function toldBy(visitor: Visitor, savedSearchId: string): Promise<NotificationView[]> {
  await server.settled();
  const { items } = await visitor.api.notifications.list.query({ limit: 50 });
  return items.filter((item) => item.savedSearch?.id === savedSearchId);
}

async function save(visitor: Visitor, name: string, q: string, alerts: { inApp?: boolean; email?: 'off' | 'immediately' | 'daily' } = {}): Promise<string> {
  const { savedSearchId } = await visitor.api.savedSearches.save.mutate({ name, query: { q }, inApp: alerts.inApp ?? true, email: alerts.email ?? 'off' });
  return savedSearchId;
}

const header = (mail: Email, name: string) => mail.headers.find((candidate) => candidate.key === name)?.value ?? null;
const unsubscribeToken = (mail: Email) => /\/unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(mail.text ?? '')?.[1] ?? '';

beforeAll(async () => {
  smtp = await startSmtpInbox();
  server = await startTestServer(
    {
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      DIGEST_TIME: stockholmTimeIn(2 * 3_600_000),
      DIGEST_TIME_ZONE: DIGEST_ZONE,
      SESSION_IDLE_MINUTES: '600',
    },
    { digestCheckMs: 100 },
  );
  buyer = server.visitor();
  moderator = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  otto = server.visitor();
  await signUp(moderator, { name: 'Mona Moderator', email: MODERATOR_EMAIL, representation: 'supplier', organisationName: 'Dialogforum' });
  await moderator.api.accounts.login.mutate({ email: MODERATOR_EMAIL, password: PASSWORD }); // admin from the first sign-in after confirming
  await signUp(buyer, { name: 'Berit Beställare', email: 'berit@kommun.example', representation: 'buyer', organisationName: 'Kommunen' });
  await moderator.api.organisations.verify.mutate({ organisationId: (await buyer.api.accounts.me.query())!.organisation!.id });
  await signUp(alice, { name: 'Alice Leverantör', email: 'alice@leverantor.example', representation: 'supplier', organisationName: 'Alice AB' });
  await signUp(bob, { name: 'Bob Frågare', email: 'bob@fragare.example', representation: 'supplier', organisationName: 'Bob AB' });
  await signUp(otto, { name: 'Otto Obekräftad', email: 'otto@obekraftad.example', representation: 'supplier', organisationName: '' }, false);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('saved searches', () => {
  it('are saved, listed, renamed, changed and deleted by their person only, up to the limit, with input checked', async () => {
    const query = { q: 'laddinfrastruktur', arenaIds: ['transport' as const], answered: true, from: '2026-01-01' };
    const { savedSearchId } = await alice.api.savedSearches.save.mutate({ name: 'Laddning', query, inApp: true, email: 'daily' });
    expect((await alice.api.savedSearches.list.query()).items).toEqual([
      expect.objectContaining({ id: savedSearchId, name: 'Laddning', query, inApp: true, email: 'daily' }),
    ]);
    await alice.api.savedSearches.change.mutate({ savedSearchId, name: 'Laddstolpar', email: 'immediately' });
    expect((await alice.api.savedSearches.list.query()).items[0]).toMatchObject({ name: 'Laddstolpar', inApp: true, email: 'immediately' });

    // Someone else's is a missing one: not listed, not changed, not deleted.
    expect((await bob.api.savedSearches.list.query()).items).toEqual([]);
    const changedByBob = await refusal(bob.api.savedSearches.change.mutate({ savedSearchId, name: 'Kapad' }));
    const missing = await refusal(bob.api.savedSearches.change.mutate({ savedSearchId: 'a'.repeat(24), name: 'Kapad' }));
    expect(changedByBob?.appCode).toBe('NOT_FOUND');
    expect({ ...changedByBob, path: null }).toEqual({ ...missing, path: null });
    await bob.api.savedSearches.remove.mutate({ savedSearchId });
    expect((await alice.api.savedSearches.list.query()).items[0]).toMatchObject({ id: savedSearchId, name: 'Laddstolpar' });
    expect((await refusal(server.visitor().api.savedSearches.list.query()))?.appCode).toBe('UNAUTHENTICATED');

    // Bad input changes nothing: an operator for a query, script in a name, a date range backwards.
    for (const input of [
      { name: 'Ok', query: { q: { $gt: '' } }, inApp: true, email: 'off' },
      { name: '', query: { q: 'ok' }, inApp: true, email: 'off' },
      { name: 'Ok', query: { q: 'ok', from: '2026-02-01', to: '2026-01-01' }, inApp: true, email: 'off' },
      { name: 'Ok', query: { q: 'ok', $where: 'sleep(1)' }, inApp: true, email: 'off' },
      { name: 'Ok', query: { q: 'ok' }, inApp: 'yes', email: 'weekly' },
    ]) {
      expect((await refusal(alice.api.savedSearches.save.mutate(input as never)))?.appCode).toBe('VALIDATION');
    }
    expect((await alice.api.savedSearches.list.query()).items).toHaveLength(1);

    // The limit, then deleting makes room again.
    const more: string[] = [];
    for (let i = 1; i < SAVED_SEARCH_MAX; i += 1) more.push(await save(alice, `Sökning ${i}`, `ord${i}`));
    expect((await refusal(save(alice, 'En för mycket', 'ord')))?.appCode).toBe('TOO_MANY_SAVED_SEARCHES');
    await alice.api.savedSearches.remove.mutate({ savedSearchId });
    for (const id of more) await alice.api.savedSearches.remove.mutate({ savedSearchId: id });
    expect((await alice.api.savedSearches.list.query()).items).toEqual([]);
  });

  it('tell of matching content the person may see, in the app (live) and by mail, once per result; a burst is one notification and one mail', async () => {
    const dialogueId = await dialogue('Broar i inlandet');
    const savedSearchId = await save(alice, 'Isbildning på broar', 'isbildning', { email: 'immediately' });
    const socket = await alice.connect();
    const pushed = nextEvent(socket, 'notification.created');
    // "isbildningen" is found by "isbildning", as the search page finds it.
    const { threadId } = await bob.api.threads.ask.mutate({ dialogueId, title: 'Hur mäts isbildningen på bron?', body: 'Vi har sensorer för detta.' });
    const live = await pushed;
    expect(live.notification).toMatchObject({ kind: 'saved-search-matched', savedSearch: { id: savedSearchId, name: 'Isbildning på broar', matches: 1, query: { q: 'isbildning' } } });

    const [mail] = await mailTo('alice@leverantor.example', /bevakning/);
    expect(mail?.subject).toBe('Nya träffar för din bevakning – Dialogforum');
    expect(mail?.text).toContain('«Isbildning på broar»');
    expect(mail?.text).toContain('1 ny träff');
    expect(mail?.text).toContain(`${PUBLIC_URL}/search?q=isbildning&sort=newest`);
    expect(mail?.text).toContain('Sluta få e-post för den här bevakningen');
    const token = unsubscribeToken(mail!);
    expect(header(mail!, 'list-unsubscribe')).toBe(`<${PUBLIC_URL}/unsubscribe?token=${token}>`);
    // The mail names nobody and quotes nothing of the question.
    expect(mail?.text).not.toContain('Bob');
    expect(mail?.text).not.toContain('sensorer');

    // A burst: three comments and an answer, in quick succession (every post of the thread is found by its title too).
    for (const body of ['Isbildning syns tidigt på morgonen.', 'Isbildningen varierar.', 'Mer om isbildning.']) await bob.api.threads.comment.mutate({ threadId, body });
    await buyer.api.threads.answer.mutate({ threadId, body: 'Isbildning mäts med ytsensorer.' });
    const told = await toldBy(alice, savedSearchId);
    expect(told).toHaveLength(1);
    expect(told[0]?.savedSearch?.matches).toBe(5);
    expect(await mailTo('alice@leverantor.example', /bevakning/, 2, 300)).toHaveLength(1);
    // Bob wrote them: his own search would not tell him of his own posts.
    const bobsSearch = await save(bob, 'Mina broar', 'isbildning');
    await bob.api.threads.comment.mutate({ threadId, body: 'Isbildning igen.' });
    expect(await toldBy(bob, bobsSearch)).toEqual([]);
    expect((await toldBy(alice, savedSearchId))[0]?.savedSearch?.matches).toBe(6);

    // Read, the next match is a new notification (and a new mail).
    await alice.api.notifications.markAllRead.mutate();
    await buyer.api.threads.comment.mutate({ threadId, body: 'Isbildning: se bilagan.' });
    expect((await toldBy(alice, savedSearchId)).map((item) => [item.read, item.savedSearch?.matches])).toEqual([
      [false, 1],
      [true, 6],
    ]);
    expect(await mailTo('alice@leverantor.example', /bevakning/, 2)).toHaveLength(2);
    await bob.api.savedSearches.remove.mutate({ savedSearchId: bobsSearch });
  });

  it('never tell of what the person may not see: registered-only, a private answer, the inbox, posts under a hidden question', async () => {
    const alices = await save(alice, 'Kvarnar', 'kvarnhjul');
    const ottos = await save(otto, 'Kvarnar', 'kvarnhjul');
    // Registered-only: Alice (confirmed) is told, Otto (unconfirmed) is not; in public both are.
    const registered = await dialogue('Kvarnhjul för registrerade', { visibility: 'registered' });
    await bob.api.threads.ask.mutate({ dialogueId: registered, title: 'Hur stora kvarnhjul?', body: 'Storleken på kvarnhjul.' });
    expect((await toldBy(alice, alices))[0]?.savedSearch?.matches).toBe(2);
    expect(await toldBy(otto, ottos)).toEqual([]);
    await alice.api.notifications.markAllRead.mutate();
    const open = await dialogue('Kvarnhjul för alla');
    expect((await toldBy(otto, ottos))[0]?.savedSearch?.matches).toBe(1);
    await otto.api.notifications.markAllRead.mutate();
    await alice.api.notifications.markAllRead.mutate();

    // A confidential question waits in the inbox, then is answered privately: nobody else is told.
    const tender = await dialogue('Upphandling av dammluckor', { phase: 'tender' });
    const { threadId: secret } = await bob.api.threads.ask.mutate({ dialogueId: tender, title: 'Vår kvarnhjulslösning?', body: 'Gäller vårt kvarnhjul.', confidential: true });
    await buyer.api.threads.answerPrivately.mutate({ threadId: secret, body: 'Ert kvarnhjul uppfyller kravet.', reason: 'Gäller bara deras egen lösning.' });
    // A question a moderator hid: what is written under it afterwards is hidden with it.
    const { threadId: hiddenThread } = await bob.api.threads.ask.mutate({ dialogueId: open, title: 'En fråga som döljs', body: 'Om dammar.' });
    const { thread } = await moderator.api.threads.get.query({ threadId: hiddenThread });
    await moderator.api.threads.hide.mutate({ postId: thread.question.id, reason: 'Personuppgifter.' });
    await buyer.api.threads.answer.mutate({ threadId: hiddenThread, body: 'Kvarnhjul används inte här.' });
    await bob.api.threads.comment.mutate({ threadId: hiddenThread, body: 'Kvarnhjul var det.' });

    const aliceTold = await toldBy(alice, alices);
    expect(aliceTold.filter((item) => !item.read)).toEqual([]);
    expect((await toldBy(otto, ottos)).filter((item) => !item.read)).toEqual([]);
    // The search page agrees: none of it is a result for Alice.
    const results = await alice.api.search.query.query({ q: 'kvarnhjul', limit: 50 });
    expect(results.hits.map((hit) => hit.threadId)).not.toContain(secret);
    expect(results.hits.map((hit) => hit.threadId)).not.toContain(hiddenThread);
  });

  it('tell exactly once across restarts around the event, also when the notifier handles it again', async () => {
    const dialogueId = await dialogue('Brounderhåll');
    const savedSearchId = await save(alice, 'Bropelare', 'bropelare', { email: 'immediately' });
    const aliceMails = () => mailTo('alice@leverantor.example', /bevakning/, 99, 0).then((mails) => mails.filter((mail) => mail.text?.includes('«Bropelare»')));

    // Restarted at once after the question: told once.
    await bob.api.threads.ask.mutate({ dialogueId, title: 'Bropelare i vatten?', body: 'Hur inspekteras de?' });
    await server.restart();
    expect((await toldBy(alice, savedSearchId)).map((item) => item.savedSearch?.matches)).toEqual([1]);
    await mailTo('alice@leverantor.example', /bevakning/, 99, 300);
    expect(await aliceMails()).toHaveLength(1);

    // Told, then the server stops as a crash would leave it: the notifier's checkpoint before the
    // event (it is saved at most once a second). It handles the event again at start.
    await alice.api.notifications.markAllRead.mutate();
    const { threadId } = await bob.api.threads.ask.mutate({ dialogueId, title: 'Bropelare av trä?', body: 'Finns sådana kvar?' });
    expect((await toldBy(alice, savedSearchId)).map((item) => [item.read, item.savedSearch?.matches])).toEqual([
      [false, 1],
      [true, 1],
    ]);
    await mailTo('alice@leverantor.example', /bevakning/, 99, 300);
    expect(await aliceMails()).toHaveLength(2);
    const [asked] = await server.app.services.store.collection<DomainEvent>(EVENTS).find({ type: 'thread.created', 'subject.threadId': threadId });
    await server.app.close();
    const store = await openStore({ dataDir: server.dataDir });
    await store.collection<CheckpointDocument>(CHECKPOINTS).updateOne({ _id: 'notifier' }, { $set: { seq: asked!.seq - 1 } });
    await store.close();
    await server.restart();
    await server.settled();
    expect((await server.app.services.store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'notifier' }))?.seq ?? 0).toBeGreaterThanOrEqual(asked!.seq);
    expect((await toldBy(alice, savedSearchId)).map((item) => [item.read, item.savedSearch?.matches])).toEqual([
      [false, 1],
      [true, 1],
    ]);
    await mailTo('alice@leverantor.example', /bevakning/, 99, 500);
    expect(await aliceMails()).toHaveLength(2);
  });

  it('stop mailing with the link from their mail, without signing in, and by one-click POST; the app still tells', async () => {
    const dialogueId = await dialogue('Ljus under jord');
    const savedSearchId = await save(alice, 'Tunnlar', 'tunnelljus', { email: 'immediately' });
    await bob.api.threads.ask.mutate({ dialogueId, title: 'Vilket tunnelljus?', body: 'LED?' });
    const [mail] = (await mailTo('alice@leverantor.example', /bevakning/, 99, 2000)).filter((candidate) => candidate.text?.includes('«Tunnlar»'));
    const token = unsubscribeToken(mail!);
    const stranger = server.visitor();
    expect((await fetch(`${server.url}/unsubscribe?token=${token}`)).status).toBe(200);
    expect(await stranger.api.notifications.unsubscribeView.query({ token })).toEqual({ email: 'daily', stops: 'saved-search', savedSearch: { name: 'Tunnlar', email: 'immediately' } });
    const forged = alteredToken(token);
    expect((await refusal(stranger.api.notifications.unsubscribe.mutate({ token: forged })))?.appCode).toBe('INVALID_TOKEN');
    await stranger.api.notifications.unsubscribe.mutate({ token });
    // That search's mail only: its in-app alerts and the person's other mail are as they were.
    expect((await alice.api.savedSearches.list.query()).items.find((item) => item.id === savedSearchId)).toMatchObject({ inApp: true, email: 'off' });
    expect((await alice.api.notifications.settings.query()).email).toBe('daily');
    await alice.api.notifications.markAllRead.mutate();
    const before = (await mailTo('alice@leverantor.example', /bevakning/, 99, 0)).length;
    await bob.api.threads.ask.mutate({ dialogueId, title: 'Tunnelljus och energi?', body: 'Hur mycket?' });
    expect((await toldBy(alice, savedSearchId)).filter((item) => !item.read)).toHaveLength(1);
    await mailTo('alice@leverantor.example', /bevakning/, 99, 300);
    expect((await mailTo('alice@leverantor.example', /bevakning/, 99, 0)).length).toBe(before);

    // A mail client's one-click POST to the List-Unsubscribe address does the same.
    const other = await save(alice, 'Belysning', 'tunnelbelysning', { email: 'immediately' });
    await bob.api.threads.ask.mutate({ dialogueId, title: 'Tunnelbelysning nattetid?', body: 'Dimmas den?' });
    const [second] = (await mailTo('alice@leverantor.example', /bevakning/, 99, 2000)).filter((candidate) => candidate.text?.includes('«Belysning»'));
    const address = (/<([^>]+)>/.exec(header(second!, 'list-unsubscribe') ?? '')?.[1] ?? '').replace(PUBLIC_URL, server.url);
    const answer = await fetch(address, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('saved search');
    expect((await alice.api.savedSearches.list.query()).items.find((item) => item.id === other)).toMatchObject({ email: 'off' });
  });

  it('mail in the daily digest when chosen, told by e-mail only when the app is left out', async () => {
    const dialogueId = await dialogue('Vinterunderhåll av vägar');
    await bob.api.notifications.markAllRead.mutate(); // what earlier tests told him stays out of this digest
    const savedSearchId = await save(bob, 'Vägsalt', 'vägsalt', { inApp: false, email: 'daily' });
    await alice.api.threads.ask.mutate({ dialogueId, title: 'Hur mycket vägsalt?', body: 'Per kilometer.' });
    await alice.api.threads.ask.mutate({ dialogueId, title: 'Vägsalt i grundvatten?', body: 'Mäts det?' });
    // Not in Bob's notifications, not mailed now.
    expect(await toldBy(bob, savedSearchId)).toEqual([]);
    expect((await bob.api.notifications.unreadCount.query()).unread).toBe(0);
    expect(await mailTo('bob@fragare.example', /bevakning|sammanfattning/, 1, 300)).toEqual([]);
    // Marking everything read in the app leaves what waits for the digest.
    await bob.api.notifications.markAllRead.mutate();

    server.clock.advance(2 * 3_600_000 + 60_000);
    const [digest] = await mailTo('bob@fragare.example', /sammanfattning/);
    expect(digest?.text).toContain('Nya träffar för din bevakning');
    expect(digest?.text).toContain('«Vägsalt»');
    expect(digest?.text).toContain('2 nya träffar');
    expect(digest?.text).toContain(`${PUBLIC_URL}/search?q=v%C3%A4gsalt&sort=newest`);
  });

  it('are in the person’s data export and go with an erasure', async () => {
    const savedSearchId = await save(otto, 'Att exportera', 'export');
    const exported = await otto.api.accounts.exportMyData.query();
    expect(exported.savedSearches).toContainEqual(expect.objectContaining({ id: savedSearchId, name: 'Att exportera', query: { q: 'export' } }));
    expect(exported.savedSearches.find((search) => search.name === 'Kvarnar')?.toldOf.length).toBe(1);
    await otto.api.accounts.erase.mutate({ password: PASSWORD });
    const store = server.app.services.store;
    expect(await store.collection('savedSearches').find({ name: 'Att exportera' })).toEqual([]);
    expect(await store.collection('savedSearchMarks').find({ savedSearchId })).toEqual([]);
    expect(await store.collection('savedSearches').countDocuments({ name: 'Kvarnar' })).toBe(1); // Alice's stays
  });
});
