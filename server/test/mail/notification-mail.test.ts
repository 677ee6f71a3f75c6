// Notification mail end to end: the real server delivers to a real SMTP server (smtp-server) that
// this test starts on 127.0.0.1, and every message is read back with an independent MIME parser.
// An immediate mail and a daily digest (the test clock moved across the digest time), each with a
// plain-text and an HTML part, in the person's language, with a question title that is an XSS
// payload; the unsubscribe link used without a session, and RFC 8058 one-click unsubscribing.
import type { Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alteredToken } from '../support/altered-token.ts';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.ts';
import { MODERATOR_EMAIL, startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { lastEventSeq, readEventsAfter } from '../../src/platform/events/event-log.ts';
import { scheduleDueDigest } from '../../src/modules/notifications/digest-schedule.ts';
import { notifierProcessor } from '../../src/modules/notifications/notifier-processor.ts';
import { unsubscribeSigner } from '../../src/modules/notifications/unsubscribe-token.ts';

const PASSWORD = 'notiser per e-post varje dag';
const XSS_TITLE = '<img src=x onerror=alert(1)> & "citat" <script>alert(2)</script>';
const DIGEST_ZONE = 'Europe/Stockholm';

let smtp: SmtpInbox;
let server: TestServer;
let buyer: Visitor;
let alice: Visitor; // chooses mail immediately, in English
let bob: Visitor; // keeps the daily digest, in Swedish
let digestTime = '';

/** The local time in Stockholm two hours from now, as HH:MM: the digest time the server is started with. */
function stockholmTimeIn(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: DIGEST_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + ms));
}

const mailTo = (address: string, subject: RegExp, count = 1, timeoutMs = 5000) => smtp.mailTo(address, subject, count, timeoutMs);

/** Registers and confirms through the link in the mail the SMTP server received, as a person would. */
async function signUp(visitor: Visitor, input: { name: string; email: string; representation: 'buyer' | 'supplier'; organisationName: string; language: 'sv' | 'en' }) {
  const { organisationName, ...registration } = input;
  await visitor.api.accounts.register.mutate({ ...registration, password: PASSWORD });
  const [mail] = await mailTo(input.email, /e-post|e-mail/i);
  const token = /\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${input.email}`);
  await visitor.api.accounts.verifyEmail.mutate({ token });
  // After confirming, the newcomer creates the organisation they act for.
  await visitor.api.organisations.create.mutate({ name: organisationName, kind: input.representation === 'buyer' ? 'buyer' : 'supplier' });
}

const header = (mail: Email, name: string) => mail.headers.find((candidate) => candidate.key === name)?.value ?? null;
const unsubscribeToken = (mail: Email) => /\/unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(mail.text ?? '')?.[1] ?? '';

beforeAll(async () => {
  smtp = await startSmtpInbox();
  digestTime = stockholmTimeIn(2 * 3_600_000);
  server = await startTestServer(
    {
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://dialogforum.example',
      DIGEST_TIME: digestTime,
      DIGEST_TIME_ZONE: DIGEST_ZONE,
      // The clock moves over two hours: sessions must outlive it.
      SESSION_IDLE_MINUTES: '600',
    },
    { digestCheckMs: 100 },
  );
  buyer = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  const moderator = server.visitor();
  await signUp(moderator, { name: 'Mona Moderator', email: MODERATOR_EMAIL, representation: 'supplier', organisationName: 'Dialogforum', language: 'sv' });
  await moderator.api.accounts.login.mutate({ email: MODERATOR_EMAIL, password: PASSWORD }); // admin from the first sign-in after confirming
  await signUp(buyer, { name: 'Berit Beställare', email: 'berit@kommun.example', representation: 'buyer', organisationName: 'Kommunen', language: 'sv' });
  await moderator.api.organisations.verify.mutate({ organisationId: (await buyer.api.accounts.me.query())!.organisation!.id });
  await signUp(alice, { name: 'Alice <b>Supplier</b>', email: 'alice@supplier.example', representation: 'supplier', organisationName: 'Supplier Ltd', language: 'en' });
  await signUp(bob, { name: 'Bob Leverantör', email: 'bob@leverantor.example', representation: 'supplier', organisationName: 'Leverantören AB', language: 'sv' });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('notification mail', () => {
  let dialogueId = '';
  let threadId = '';

  it('goes out at once to whoever chose it: text and HTML parts in their language, everything escaped, List-Unsubscribe', async () => {
    expect((await alice.api.notifications.settings.query()).email).toBe('daily');
    await alice.api.notifications.setEmail.mutate({ email: 'immediately' });
    const deadline = new Date(server.clock.now().getTime() + 3 * 24 * 3_600_000).toISOString();
    ({ dialogueId } = await buyer.api.dialogues.create.mutate({ title: 'Färjor & <i>fartyg</i>', description: 'Vi söker lösningar.', arenaId: 'transport', phase: 'market-dialogue', questionDeadline: deadline, visibility: 'public' }));
    await bob.api.notifications.follow.mutate({ kind: 'dialogue', id: dialogueId });
    ({ threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: XSS_TITLE, body: 'Hur laddas färjorna?' }));
    await buyer.api.threads.answer.mutate({ threadId, body: 'Vid kaj, över natten.' });

    const [mail] = await mailTo('alice@supplier.example', /answered/);
    expect(mail?.subject).toBe('Your question was answered – Dialogforum');
    // Plain text: the title as written, the link to the thread, the unsubscribe link.
    expect(mail?.text).toContain('Hello Alice <b>Supplier</b>,');
    expect(mail?.text).toContain(`«${XSS_TITLE}» in the dialogue «Färjor & <i>fartyg</i>»`);
    expect(mail?.text).toContain(`https://dialogforum.example/dialogues/${dialogueId}#thread-${threadId}`);
    // HTML: the same words, every one of them escaped; no markup from anyone but us.
    const html = mail?.html ?? '';
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;citat&#34; &#60;script&#62;alert(2)&#60;/script&#62;');
    expect(html).toContain('Alice &#60;b&#62;Supplier&#60;/b&#62;');
    expect(html).not.toMatch(/<img|<script|<i>|<b>Supplier/);
    expect(html).toContain(`href="https://dialogforum.example/dialogues/${dialogueId}#thread-${threadId}"`);
    const token = unsubscribeToken(mail!);
    expect(header(mail!, 'list-unsubscribe')).toBe(`<https://dialogforum.example/unsubscribe?token=${token}>`);
    expect(header(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // Bob chose nothing: the digest, not a mail now.
    await server.settled();
    expect(await mailTo('bob@leverantor.example', /Dialogforum/, 1, 0)).toEqual([
      expect.objectContaining({ subject: expect.stringMatching(/Bekräfta/) }),
    ]);
  });

  it('stops with the link from the mail, without signing in; opening the link changes nothing', async () => {
    const [mail] = await mailTo('alice@supplier.example', /answered/);
    const token = unsubscribeToken(mail!);
    const stranger = server.visitor();
    // Opening the link is a GET of the web app's page, which asks what it would turn off.
    const page = await fetch(`${server.url}/unsubscribe?token=${token}`);
    expect(page.status).toBe(200);
    expect(await stranger.api.notifications.unsubscribeView.query({ token })).toEqual({ email: 'immediately', stops: 'notifications', savedSearch: null });
    expect((await alice.api.notifications.settings.query()).email).toBe('immediately');
    // A forged or altered token opens nothing.
    const forged = alteredToken(token);
    const { refusal } = await import('../support/refusal.ts');
    expect((await refusal(stranger.api.notifications.unsubscribe.mutate({ token: forged })))?.appCode).toBe('INVALID_TOKEN');
    // The button.
    await stranger.api.notifications.unsubscribe.mutate({ token });
    expect((await alice.api.notifications.settings.query()).email).toBe('off');
    const before = (await mailTo('alice@supplier.example', /Dialogforum/, 1, 0)).length;
    await buyer.api.threads.answer.mutate({ threadId, body: 'Och ett förtydligande.' });
    await server.settled();
    expect((await mailTo('alice@supplier.example', /Dialogforum/, 1, 0)).length).toBe(before);
    // She is still told in the app.
    expect((await alice.api.notifications.list.query({})).items.filter((item) => item.kind === 'my-question-answered')).toHaveLength(2);
  });

  it('sends the daily digest once, at the digest time in Stockholm, with what the person has not read', async () => {
    await server.settled();
    expect(await mailTo('bob@leverantor.example', /sammanfattning/, 1, 300)).toEqual([]);
    // Read notifications leave the digest: Bob reads the oldest one in the app.
    const { items } = await bob.api.notifications.list.query({});
    expect(items.map((item) => item.kind)).toEqual(['answer-published', 'answer-published', 'question-published']);
    await bob.api.notifications.markRead.mutate({ ids: [items[2]!.id] });

    // Across the digest time.
    server.clock.advance(2 * 3_600_000 + 60_000);
    const [digest] = await mailTo('bob@leverantor.example', /sammanfattning/);
    expect(digest?.subject).toBe('Dagens sammanfattning: 2 notiser – Dialogforum');
    expect(digest?.text).toContain('Hej Bob Leverantör!');
    expect(digest?.text?.match(/Nytt svar i något du följer/g)).toHaveLength(2);
    expect(digest?.text).not.toContain('Ny fråga i en dialog du följer');
    expect(digest?.text).toContain(`«${XSS_TITLE}» i dialogen «Färjor & <i>fartyg</i>»`);
    expect(digest?.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(digest?.html).not.toMatch(/<img|<script/);
    expect(header(digest!, 'list-unsubscribe')).toContain('https://dialogforum.example/unsubscribe?token=');

    // Once: the day's run is recorded, and the notifier handling its event again mails nobody.
    expect(await scheduleDueDigest(server.app.services.store, server.clock, { time: digestTime, timeZone: DIGEST_ZONE })).toBe(false);
    const events = await readEventsAfter(server.app.services.store, 0, await lastEventSeq(server.app.services.store));
    const again = notifierProcessor({
      store: server.app.services.store,
      clock: server.clock,
      signer: await unsubscribeSigner(server.app.services.store, server.clock.now()),
      publicUrl: 'https://dialogforum.example',
      digestTimeZone: DIGEST_ZONE,
      onCommit: server.app.services.onCommit,
    });
    for (const event of events) await again.handle(event);
    await server.settled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailTo('bob@leverantor.example', /sammanfattning/, 2, 0)).toHaveLength(1);
    expect(await mailTo('alice@supplier.example', /answered/, 2, 0)).toHaveLength(1);
    expect((await bob.api.notifications.list.query({})).items).toHaveLength(3);
  });

  it('is turned off by a mail client’s one-click POST to the List-Unsubscribe address', async () => {
    const [digest] = await mailTo('bob@leverantor.example', /sammanfattning/);
    const address = /<([^>]+)>/.exec(header(digest!, 'list-unsubscribe') ?? '')?.[1] ?? '';
    const local = address.replace('https://dialogforum.example', server.url);
    expect((await bob.api.notifications.settings.query()).email).toBe('daily');
    const tampered = await fetch(alteredToken(local), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(tampered.status).toBe(400);
    expect((await bob.api.notifications.settings.query()).email).toBe('daily');
    const answer = await fetch(local, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(200);
    expect((await bob.api.notifications.settings.query()).email).toBe('off');
  });
});
