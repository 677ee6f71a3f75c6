// Personal data in the event log (issue 7, §4): a failed sign-in kept the e-mail address typed, in an
// event that is never deleted. Now no event carries an e-mail address or a person's name: the account
// when the address names one, else a keyed hash (HMAC) of the address, so a moderator still sees
// attempts at one unknown address together. Tried by doing everything that involves an address or a
// name, then searching every event and audit line — and the raw bytes of the data directory for the
// addresses that never had an account.
import { createHash, createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_KEY_FILE } from '../../src/platform/events/identifier-hash.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
const PASSWORD = 'ett långt lösenord för loggen';
const UNKNOWN = 'okand.person@konkurrent.example';
const OTHER_UNKNOWN = 'annan.person@konkurrent.example';
const PEOPLE = [
  { name: 'Ingrid Inköpare', email: 'ingrid@region.example', organisationName: 'Region Loggland', representation: 'buyer' as const },
  { name: 'Per Leverantör', email: 'per@bolag.example', organisationName: 'Perssons Bolag AB', representation: 'supplier' as const },
  { name: 'Erik Raderad', email: 'erik@radera.example', organisationName: 'Raderingen AB', representation: 'supplier' as const },
];
const INVITED = 'inbjuden@bolag.example';

type StoredEvent = { _id: string; type: string; subject: Record<string, string> };

async function settled() {
  await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(path.join(directory, entry.name)) : Promise.resolve([path.join(directory, entry.name)]))),
  );
  return nested.flat();
}

beforeAll(async () => {
  server = await startTestServer();
  const [ingrid, per, erik] = PEOPLE.map(() => server.visitor());
  for (const [index, person] of PEOPLE.entries()) await [ingrid, per, erik][index]!.registerVerified({ ...person, password: PASSWORD });
  const stranger = server.visitor();
  // Failed sign-ins: a wrong password for an account, and addresses that have none.
  for (const email of [PEOPLE[1]!.email, PEOPLE[1]!.email, UNKNOWN, UNKNOWN, OTHER_UNKNOWN]) {
    await refusal(stranger.api.accounts.login.mutate({ email, password: 'inte lösenordet' }));
  }
  // A registration of a taken address, reset requests for a known and an unknown address.
  await stranger.api.accounts.register.mutate({ email: PEOPLE[1]!.email, representation: PEOPLE[1]!.representation, name: 'Någon Annan', password: PASSWORD });
  await stranger.api.accounts.requestPasswordReset.mutate({ email: PEOPLE[1]!.email, language: 'sv' });
  await stranger.api.accounts.requestPasswordReset.mutate({ email: UNKNOWN, language: 'sv' });
  // An invitation by address, a join request, a moderator appointed by address, an erasure.
  const ingridsOrganisation = (await ingrid!.api.accounts.me.query())?.organisation?.id ?? '';
  await ingrid!.api.organisations.invite.mutate({ organisationId: ingridsOrganisation, email: INVITED });
  await per!.api.organisations.requestToJoin.mutate({ organisationId: ingridsOrganisation });
  await (await server.moderator()).api.accounts.setModerator.mutate({ email: PEOPLE[1]!.email, moderator: true });
  await erik!.api.accounts.erase.mutate({ password: PASSWORD });
  await settled();
});
afterAll(async () => {
  await server?.stop();
});

describe('events and the audit log', () => {
  it('carry no e-mail address and no person’s or organisation’s name', async () => {
    const store = server.app.services.store;
    const events = JSON.stringify(await store.collection('events').find({}));
    const audit = JSON.stringify(await store.collection('auditLog').find({}));
    const addresses = [...PEOPLE.map((person) => person.email), UNKNOWN, OTHER_UNKNOWN, INVITED, 'moderator@dialogforum.test'];
    const names = [...PEOPLE.flatMap((person) => [person.name, person.organisationName]), 'Mona Moderator', 'Någon Annan'];
    for (const text of [...addresses, ...names]) {
      expect(events, `events hold ${text}`).not.toContain(text);
      expect(audit, `audit log holds ${text}`).not.toContain(text);
    }
    expect(events).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/);
  });

  it('name the account a failed sign-in tried, or a keyed hash of an address that has none', async () => {
    const failures = (await server.app.services.store.collection<StoredEvent>('events').find({ type: 'account.sign_in_failed' })).map(
      (event) => event.subject,
    );
    const per = (await server.app.services.store.collection<{ _id: string; email: string }>('users').findOne({ email: PEOPLE[1]!.email }))?._id;
    expect(failures.filter((subject) => subject.userId === per)).toEqual([
      { userId: per, address: expect.any(String) },
      { userId: per, address: expect.any(String) },
    ]);
    const hashed = failures.filter((subject) => subject.emailHash !== undefined).map((subject) => subject.emailHash);
    expect(hashed).toHaveLength(3);
    // The same address gives the same value, another address another.
    expect(hashed[0]).toBe(hashed[1]);
    expect(hashed[2]).not.toBe(hashed[0]);
    // Keyed: not a plain hash anyone could compute from a list of addresses, but the HMAC under the
    // key generated into DATA_DIR.
    expect(hashed[0]).not.toBe(createHash('sha256').update(UNKNOWN).digest('hex').slice(0, 32));
    const key = (await readFile(path.join(server.dataDir, GENERATED_KEY_FILE), 'utf8')).trim();
    expect(hashed[0]).toBe(createHmac('sha256', key).update(UNKNOWN).digest('hex').slice(0, 32));
  });

  it('shows moderators the account by name, or the hash', async () => {
    const entries = await (await server.moderator()).api.audit.list.query({ action: 'account.sign_in_failed', limit: 10 });
    expect(entries.filter((entry) => entry.subjectUser?.name === PEOPLE[1]!.name)).toHaveLength(2);
    expect(entries.filter((entry) => entry.subjectUser === null && /^[0-9a-f]{32}$/.test(entry.subject.emailHash ?? ''))).toHaveLength(3);
  });
});

describe('the data directory', () => {
  it('holds no byte of an address that never had an account, typed at sign-in or reset', async () => {
    await settled();
    for (const file of await filesUnder(server.dataDir)) {
      const bytes = await readFile(file);
      for (const address of [UNKNOWN, OTHER_UNKNOWN]) {
        expect(bytes.includes(Buffer.from(address)), `${path.relative(server.dataDir, file)} holds ${address}`).toBe(false);
      }
    }
  });
});

describe('the key', () => {
  it('comes from AUDIT_HASH_KEY when it is set, and nothing is generated', async () => {
    const key = 'en-delad-nyckel-for-alla-noder-0123456789abcdef';
    const shared = await startTestServer({ AUDIT_HASH_KEY: key });
    try {
      await refusal(shared.visitor().api.accounts.login.mutate({ email: UNKNOWN, password: 'inte lösenordet' }));
      const [event] = await shared.app.services.store.collection<StoredEvent>('events').find({ type: 'account.sign_in_failed' });
      expect(event?.subject.emailHash).toBe(createHmac('sha256', key).update(UNKNOWN).digest('hex').slice(0, 32));
      await expect(readFile(path.join(shared.dataDir, GENERATED_KEY_FILE))).rejects.toThrow(/ENOENT/);
    } finally {
      await shared.stop();
    }
  });
});
