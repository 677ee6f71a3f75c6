// Personal data leaves the disk too (issue 7 §4): after an erasure the person's old name and address
// are not in any byte of the data directory (store log, search segments, mail), in any encoding the
// v8 serializer or a mail file could hold them in. And records that are only needed for a while
// (ended logins, expired link tokens, sent mail) are pruned.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneExpiredAccountRecords } from '../../src/modules/accounts/retention.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { MAIL_OUTBOX, pruneSentMail } from '../../src/platform/mail/outbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const NAME = 'Åsa Öberg-Ängström';
const SURNAME = 'Öberg-Ängström';
const EMAIL = 'asa.oberg@matteknik.example';
const PASSWORD = 'åsas mycket hemliga fras';

/** Every file under `dir`, with its bytes. */
async function filesUnder(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
  const found: { file: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(file)));
    else found.push({ file, bytes: await readFile(file) });
  }
  return found;
}

/** Files holding any of `texts` in UTF-8, Latin-1 (v8's one-byte strings) or UTF-16 (its two-byte strings). */
async function filesMentioning(dir: string, texts: string[]): Promise<string[]> {
  const needles = texts.flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')]);
  const files = await filesUnder(dir);
  return files.filter(({ bytes }) => needles.some((needle) => bytes.includes(needle))).map(({ file }) => path.relative(dir, file));
}

describe('an erasure', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('leaves no byte of the old name or address anywhere in the data directory', async () => {
    const buyer = server.visitor();
    const person = server.visitor();
    await buyer.registerVerified({ name: 'Vera Vägverket', email: 'vera@trafik.example', password: 'upphandlarens hemliga fras', representation: 'buyer', organisationName: 'Trafikmyndigheten' });
    await person.registerVerified({ name: NAME, email: EMAIL, password: PASSWORD, representation: 'supplier', organisationName: 'Mätteknik i Norr AB' });
    const { dialogueId } = await buyer.api.dialogues.create.mutate({
      title: 'Sensorer i broar',
      description: 'Vi vill mäta broars hälsa.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 3_600_000).toISOString(),
      visibility: 'public',
    });
    await person.api.threads.ask.mutate({ dialogueId, title: 'Vilka broar mäts?', body: 'Gäller det alla broar i regionen?' });
    const settled = async () => server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
    await settled();
    // The search must not be a way to the person at all, erased or not.
    expect((await person.api.search.query.query({ q: 'Öberg' })).total).toBe(0);

    // Before: the name and address are on disk (the log holds the name as Latin-1), so the search
    // below can find them.
    const before = await filesMentioning(server.dataDir, [NAME, SURNAME, EMAIL]);
    expect(before).toContain(path.join('store', 'store.log'));
    expect(before.some((file) => file.startsWith('mail'))).toBe(true);

    await person.api.accounts.erase.mutate({ password: PASSWORD });
    await settled();
    // Their question stays on the record under the pseudonym.
    const [thread] = (await buyer.api.threads.list.query({ dialogueId })).threads;
    expect(thread?.question.body).toBe('Gäller det alla broar i regionen?');
    expect(thread?.question.author).toMatchObject({ kind: 'person', name: expect.stringMatching(/^Removed user \d+$/) });

    expect(await filesMentioning(server.dataDir, [NAME, SURNAME, EMAIL])).toEqual([]);
    // Also once the server has stopped and written its search segments and checkpoints.
    await server.app.close();
    const after = await filesUnder(server.dataDir);
    expect(after.map(({ file }) => path.relative(server.dataDir, file))).toContain(path.join('search', 'segment-000001.log'));
    expect(await filesMentioning(server.dataDir, [NAME, SURNAME, EMAIL])).toEqual([]);
  });
});

describe('pruning', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('deletes ended logins, expired link tokens and sent mail, and keeps what is still needed', async () => {
    const person = server.visitor();
    await person.registerVerified({ name: 'Per Persson', email: 'per@example.se', password: 'pers mycket hemliga fras', representation: 'supplier', organisationName: 'Per AB' });
    await person.api.accounts.requestPasswordReset.mutate({ email: 'per@example.se', language: 'sv' });
    await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
    const store = server.app.services.store;
    const count = (name: string, filter: Record<string, unknown> = {}) => store.collection(name).countDocuments(filter);
    expect(await count('authSessions')).toBe(1);
    expect(await count('accountTokens')).toBe(2);
    expect(await count(MAIL_OUTBOX, { sentAt: { $ne: null } })).toBe(2);

    // Nothing is due yet.
    const now = server.clock.now();
    expect(await pruneExpiredAccountRecords(store, now, server.app.services.config.sessionIdleMinutes)).toBe(0);
    expect(await pruneSentMail(store, now)).toBe(0);

    // Two hours on: the reset link (one hour) and the idle login (SESSION_IDLE_MINUTES, 120) have
    // ended, sent mail is an hour old; the confirmation link is used but valid for 48 hours.
    server.clock.advance(2 * 3_600_000 + 60_000);
    const later = server.clock.now();
    expect(await pruneExpiredAccountRecords(store, later, server.app.services.config.sessionIdleMinutes)).toBe(2);
    expect(await pruneSentMail(store, later)).toBe(2);
    expect(await count('authSessions')).toBe(0);
    expect(await count('accountTokens', { purpose: 'verify-email' })).toBe(1);
    expect(await count(MAIL_OUTBOX)).toBe(0);
  });
});
