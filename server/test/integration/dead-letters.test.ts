// A poisoned event cannot stop a processor. The real server sends mail to a real SMTP server
// (smtp-server on 127.0.0.1) that permanently rejects some recipients. The mail processor gives up
// on such a message after EVENT_MAX_ATTEMPTS, puts it on the dead-letter list and delivers the mail
// queued after it; an admin sees the dead letter through the API, retries it once the cause is fixed
// (the mail then arrives), or dismisses it; both are in the audit log, and no one else gets near.
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetterView } from '@dialogforum/contracts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

const ADMIN = 'admin@postverket.example';
const PASSWORD = 'ett långt lösenord för testet';
const MAX_ATTEMPTS = 3;

type Delivered = { to: string[]; subject: string; text: string };

/** An SMTP server that refuses the addresses in `rejected` with a permanent 550. */
function rejectingSmtpServer() {
  const rejected = new Set<string>();
  const delivered: Delivered[] = [];
  const attemptsFor = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      attemptsFor.set(address.address, (attemptsFor.get(address.address) ?? 0) + 1);
      if (rejected.has(address.address)) callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: mailbox unavailable`), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void PostalMime.parse(Buffer.concat(chunks)).then((email) => {
          delivered.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject: email.subject ?? '', text: email.text ?? '' });
          callback();
        });
      });
    },
  });
  return { server, rejected, delivered, attemptsFor };
}

const smtp = rejectingSmtpServer();
let app: TestServer;
let admin: Visitor;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const mailTo = (address: string) => until(`mail to ${address}`, () => smtp.delivered.find((mail) => mail.to.includes(address)));

async function register(email: string): Promise<Visitor> {
  const visitor = app.visitor();
  await visitor.api.accounts.register.mutate({ name: 'Per Son', email, password: PASSWORD, representation: 'supplier' });
  // Registration signs nobody in; the password does.
  await visitor.api.accounts.login.mutate({ email, password: PASSWORD });
  return visitor;
}

const openLetters = () => admin.api.deadLetters.list.query({});
const letterFor = (eventType: string, predicate: (letter: DeadLetterView) => boolean = () => true) =>
  until('a dead letter', async () => (await openLetters()).find((letter) => letter.eventType === eventType && predicate(letter)));

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.server.address() as AddressInfo).port;
  app = await startTestServer(
    { SMTP_URL: `smtp://127.0.0.1:${port}`, ADMIN_EMAILS: ADMIN, EVENT_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
    { dispatcher: { firstRetryMs: 20, pollMs: 50 } },
  );
  admin = await register(ADMIN);
  const token = /verify-email\?token=([A-Za-z0-9_-]{43})/.exec((await mailTo(ADMIN)).text)?.[1];
  await admin.api.accounts.verifyEmail.mutate({ token: token ?? '' });
  await admin.api.accounts.login.mutate({ email: ADMIN, password: PASSWORD });
});

afterAll(async () => {
  await app?.stop();
  await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
});

describe('a poisoned event', () => {
  const poisoned = 'finns-inte@avvisande.example';
  let letter: DeadLetterView;

  it('is given up after EVENT_MAX_ATTEMPTS and put on the dead-letter list; mail queued after it is delivered', async () => {
    smtp.rejected.add(poisoned);
    await register(poisoned);
    await register('kommer-fram@postverket.example');
    // The later mail is not held up by the one that cannot go.
    expect((await mailTo('kommer-fram@postverket.example')).subject).toMatch(/e-post/i);
    letter = await letterFor('mail.queued');
    expect(letter).toMatchObject({ processor: 'mail', eventType: 'mail.queued', attempts: MAX_ATTEMPTS, status: 'dead' });
    expect(smtp.attemptsFor.get(poisoned)).toBe(MAX_ATTEMPTS);
    expect(Object.keys(letter.subject)).toEqual(['mailId']);
    expect(letter.error).toMatch(/550/);
    expect(Date.parse(letter.lastFailedAt)).toBeGreaterThanOrEqual(Date.parse(letter.firstFailedAt));
    // The SMTP server's message quoted the address: the dead letter does not.
    expect(JSON.stringify(await openLetters())).not.toContain(poisoned);
    // Nor does the log, where every failed attempt was written with its error.
    expect(app.logs().filter((line) => line.msg === 'event processor failed')).toHaveLength(MAX_ATTEMPTS);
    expect(app.logText()).toContain('550');
    expect(app.logText()).not.toContain(poisoned);
    expect(smtp.delivered.some((mail) => mail.to.includes(poisoned))).toBe(false);
  });

  it('is refused to everyone but admins', async () => {
    const supplier = await register('nyfiken@postverket.example');
    expect((await refusal(supplier.api.deadLetters.list.query({})))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(supplier.api.deadLetters.retry.mutate({ deadLetterId: letter.id })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(supplier.api.deadLetters.dismiss.mutate({ deadLetterId: letter.id })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(app.visitor().api.deadLetters.list.query({})))?.appCode).toBe('UNAUTHENTICATED');
    expect((await openLetters()).map((open) => [open.id, open.status])).toEqual([[letter.id, 'dead']]);
  });

  it('goes back on the list with the new error when a retry fails too', async () => {
    await admin.api.deadLetters.retry.mutate({ deadLetterId: letter.id });
    const again = await letterFor('mail.queued', (open) => open.status === 'dead' && open.attempts === 2 * MAX_ATTEMPTS);
    expect(again.id).toBe(letter.id);
    expect(smtp.attemptsFor.get(poisoned)).toBe(2 * MAX_ATTEMPTS);
  });

  it('is delivered by a retry once the cause is fixed, and the retry is in the audit log', async () => {
    smtp.rejected.delete(poisoned);
    await admin.api.deadLetters.retry.mutate({ deadLetterId: letter.id });
    expect((await mailTo(poisoned)).text).toMatch(/verify-email\?token=/);
    await until('the dead letter to be resolved', async () => ((await openLetters()).length === 0 ? true : undefined));
    // Settled: a second retry or a dismissal finds nothing waiting.
    expect((await refusal(admin.api.deadLetters.retry.mutate({ deadLetterId: letter.id })))?.appCode).toBe('NOT_FOUND');
    const me = await admin.api.accounts.me.query();
    const audit = await until('the audit entry', async () =>
      (await admin.api.audit.list.query({ action: 'dead_letter.retried' })).find((entry) => entry.subject.deadLetterId === letter.id),
    );
    expect(audit).toMatchObject({ actor: { id: me?.id }, subject: { processor: 'mail', eventSeq: String(letter.eventSeq) } });
  });

  it('is dismissed by an admin: off the list, recorded, and not retried', async () => {
    const bounced = 'studsar@avvisande.example';
    smtp.rejected.add(bounced);
    await register(bounced);
    const dead = await letterFor('mail.queued');
    await admin.api.deadLetters.dismiss.mutate({ deadLetterId: dead.id });
    expect(await openLetters()).toEqual([]);
    expect((await refusal(admin.api.deadLetters.retry.mutate({ deadLetterId: dead.id })))?.appCode).toBe('NOT_FOUND');
    const audit = await until('the audit entry', async () =>
      (await admin.api.audit.list.query({ action: 'dead_letter.dismissed' })).find((entry) => entry.subject.deadLetterId === dead.id),
    );
    expect(audit.subject).toMatchObject({ processor: 'mail' });
    expect(smtp.attemptsFor.get(bounced)).toBe(MAX_ATTEMPTS);
  });

  it('refuses ids that are not dead-letter ids, and ones that name nothing', async () => {
    expect((await refusal(admin.api.deadLetters.retry.mutate({ deadLetterId: '{"$ne":null}' })))?.appCode).toBe('VALIDATION');
    expect((await refusal(admin.api.deadLetters.dismiss.mutate({ deadLetterId: 'dead-mail-999999' })))?.appCode).toBe('NOT_FOUND');
  });
});
