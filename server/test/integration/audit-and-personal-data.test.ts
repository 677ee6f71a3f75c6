// The audit log records who did what and when, for moderators' eyes only, and never a secret; a
// person can export their data and be erased while their contributions stay on the record.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { mailedToken } from '../support/mailbox.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { refusal } from '../support/refusal.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
let dialogueId: string;
let sessionId = '';
let threadId: string;
const BUYER_PASSWORD = 'upphandlarens hemliga fras';
const SUPPLIER_PASSWORD = 'leverantörens hemliga fras';

async function settled() {
  await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
}

beforeAll(async () => {
  server = await startTestServer({
    OPERATOR_NAME: 'Myndigheten för personuppgifter',
    OPERATOR_ORGANISATION_NUMBER: '202100-5489',
    OPERATOR_EMAIL: 'registrator@pu.example',
    OPERATOR_DPO_EMAIL: 'dso@pu.example',
  });
  buyer = server.visitor();
  supplier = server.visitor();
  await buyer.registerVerified({
    name: 'Vera Vägverket',
    email: 'vera@trafik.example',
    password: BUYER_PASSWORD,
    representation: 'buyer',
    organisationName: 'Trafikmyndigheten',
  });
  await supplier.registerVerified({
    name: 'Erik Entreprenör',
    email: 'erik@bro.example',
    password: SUPPLIER_PASSWORD,
    representation: 'supplier',
    organisationName: 'Bro & Väg AB',
  });
  await supplier.api.accounts.login.mutate({ email: 'erik@bro.example', password: 'fel lösenord igen' }).catch(() => {});
  await supplier.api.accounts.login.mutate({ email: 'erik@bro.example', password: SUPPLIER_PASSWORD });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Sensorer i broar',
    description: 'Vi vill mäta broars hälsa.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 3_600_000).toISOString(),
    visibility: 'public',
  }));
  ({ threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Vilka broar?', body: 'Gäller det alla broar i regionen?' }));
  await buyer.api.threads.answer.mutate({ threadId, body: 'Nej, fem utvalda broar.' });
  await buyer.api.dialogues.setQuestionDeadline.mutate({ dialogueId, questionDeadline: new Date(Date.now() + 7_200_000).toISOString() });
  // The supplier also follows the dialogue and registers for a session of it.
  await supplier.api.notifications.follow.mutate({ kind: 'dialogue', id: dialogueId });
  const year = new Date().getUTCFullYear() + 1;
  ({ sessionId } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title: 'Informationsmöte om broarna',
    agenda: 'Behovet och frågor.',
    startsAt: `${year}-05-12T10:00`,
    endsAt: `${year}-05-12T11:00`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/broar',
    capacity: 20,
    questionsNeedApproval: false,
  }));
  await supplier.api.sessions.register.mutate({ sessionId });
  await settled();
});

afterAll(async () => {
  await server?.stop();
});

describe('audit log', () => {
  it('records sign-ins, failures, verification, publication, answers and deadline changes with who and when', async () => {
    const moderator = await server.moderator();
    await settled();
    const entries = await moderator.api.audit.list.query({ limit: 200 });
    const actions = new Set(entries.map((entry) => entry.action));
    for (const action of [
      'account.registered',
      'account.email_verified',
      'account.sign_in_failed',
      'account.signed_in',
      'organisation.verified',
      'dialogue.created',
      'post.published',
      'dialogue.deadline_changed',
    ]) {
      expect(actions, action).toContain(action);
    }
    const change = entries.find((entry) => entry.action === 'dialogue.deadline_changed');
    expect(change?.actor?.name).toBe('Vera Vägverket');
    expect(change?.subject).toMatchObject({ dialogueId });
    expect(change?.subject.from).not.toBe(change?.subject.to);
    expect(Date.parse(change?.at ?? '')).toBeGreaterThan(0);
    // The account the failed sign-in named, by name; the address typed is in no event.
    const failed = entries.find((entry) => entry.action === 'account.sign_in_failed');
    const erik = (await supplier.api.accounts.me.query())?.id;
    expect(failed?.subject).toEqual({ userId: erik, address: expect.any(String) });
    expect(failed?.subjectUser).toEqual({ id: erik, name: 'Erik Entreprenör' });
  });

  it('filters by action and by person, newest first, and pages backwards', async () => {
    const moderator = await server.moderator();
    const supplierId = (await supplier.api.accounts.me.query())?.id;
    const signIns = await moderator.api.audit.list.query({ action: 'account.signed_in', userId: supplierId, limit: 50 });
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((entry) => entry.action === 'account.signed_in' && entry.subject.userId === supplierId)).toBe(true);
    const all = await moderator.api.audit.list.query({ limit: 200 });
    expect(all.map((entry) => entry.seq)).toEqual([...all.map((entry) => entry.seq)].sort((a, b) => b - a));
    const older = await moderator.api.audit.list.query({ before: all[2]?.seq ?? 1, limit: 2 });
    expect(older.map((entry) => entry.seq)).toEqual(all.slice(3, 5).map((entry) => entry.seq));
  });

  it('is for moderators and admins only', async () => {
    expect((await refusal(supplier.api.audit.list.query({ limit: 10 })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(buyer.api.audit.list.query({ limit: 10 })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(server.visitor().api.audit.list.query({ limit: 10 })))?.appCode).toBe('UNAUTHENTICATED');
  });

  it('never holds a password, token or cookie', async () => {
    // Reset a password so a reset token exists too, then look for every secret we know of.
    await server.visitor().api.accounts.requestPasswordReset.mutate({ email: 'vera@trafik.example', language: 'sv' });
    const resetToken = await mailedToken(server.dataDir, 'vera@trafik.example', 'reset-password');
    const verifyToken = await mailedToken(server.dataDir, 'erik@bro.example', 'verify-email');
    await settled();
    const entries = await (await server.moderator()).api.audit.list.query({ limit: 200 });
    const everything = JSON.stringify(entries);
    const cookieValue = supplier.cookie().split('=')[1] ?? '';
    for (const secret of [BUYER_PASSWORD, SUPPLIER_PASSWORD, 'fel lösenord igen', resetToken, verifyToken, cookieValue]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(everything).not.toContain(secret);
    }
    const raw = JSON.stringify(await server.app.services.store.collection('auditLog').find({}));
    expect(raw).not.toContain(SUPPLIER_PASSWORD);
    expect(raw).not.toContain(cookieValue);
  });
});

describe('personal data', () => {
  it('exports everything about the person as JSON, without secrets', async () => {
    const data = await supplier.api.accounts.exportMyData.query();
    expect(data.profile).toMatchObject({ name: 'Erik Entreprenör', email: 'erik@bro.example' });
    // The controller (GDPR art. 13–15): the operating agency from OPERATOR_*, with its DPO.
    expect(data.controller).toEqual({
      name: 'Myndigheten för personuppgifter',
      organisationNumber: '202100-5489',
      email: 'registrator@pu.example',
      postalAddress: null,
      website: null,
      dataProtectionOfficerEmail: 'dso@pu.example',
    });
    expect(data.organisations).toEqual([expect.objectContaining({ name: 'Bro & Väg AB', role: 'owner' })]);
    expect(data.posts).toEqual([expect.objectContaining({ kind: 'question', body: 'Gäller det alla broar i regionen?', dialogue: 'Sensorer i broar' })]);
    expect(data.pseudonyms).toEqual([{ dialogue: 'Sensorer i broar', label: 'A' }]);
    expect(data.questions).toEqual([expect.objectContaining({ title: 'Vilka broar?', dialogue: 'Sensorer i broar' })]);
    // Every module that keeps something about the person gives its part: follows, notifications,
    // the e-mail choice, session registrations.
    expect(data.follows).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'dialogue', id: dialogueId, following: true, automatic: false })]),
    );
    expect(data.notifications).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'my-question-answered', threadId })]));
    expect(data.emailChoice).toBe('daily');
    expect(data.sessionRegistrations).toEqual([expect.objectContaining({ session: 'Informationsmöte om broarna', state: 'registered' })]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.auditLog.some((entry) => entry.action === 'account.signed_in')).toBe(true);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/passwordHash|argon2/);
    expect(text).not.toContain(supplier.cookie().split('=')[1] ?? 'x');
  });

  it('erases the person into "Removed user N" while their question stays on the record', async () => {
    expect((await refusal(supplier.api.accounts.erase.mutate({ password: 'inte rätt lösenord' })))?.appCode).toBe('INVALID_CREDENTIALS');
    const socket = await supplier.connect();
    const erasedId = (await supplier.api.accounts.me.query())?.id ?? '';
    await supplier.api.accounts.erase.mutate({ password: SUPPLIER_PASSWORD });
    expect(await supplier.api.accounts.me.query()).toBeNull();
    await new Promise<void>((resolve) => (socket.disconnected ? resolve() : socket.once('disconnect', () => resolve())));

    const [thread] = (await buyer.api.threads.list.query({ dialogueId })).threads;
    expect(thread?.question.body).toBe('Gäller det alla broar i regionen?');
    expect(thread?.question.author).toMatchObject({ kind: 'person', name: 'Removed user 1', pseudonym: 'A' });
    const [forOthers] = (await server.visitor().api.threads.list.query({ dialogueId })).threads;
    expect(forOthers?.question.author).toEqual({ kind: 'pseudonym', label: 'A' });
    expect((await refusal(supplier.api.accounts.login.mutate({ email: 'erik@bro.example', password: SUPPLIER_PASSWORD })))?.appCode).toBe(
      'INVALID_CREDENTIALS',
    );
    // What they followed and were told is forgotten; their place at the session stays on the record.
    const theirs = async (collection: string) => server.app.services.store.collection(collection).countDocuments({ userId: erasedId });
    expect({ follows: await theirs('follows'), notifications: await theirs('notifications') }).toEqual({ follows: 0, notifications: 0 });
    expect(await theirs('sessionRegistrations')).toBe(1);
    const stored = JSON.stringify(await server.app.services.store.collection('users').find({}));
    expect(stored).not.toContain('erik@bro.example');
    expect(stored).not.toContain('Erik Entreprenör');
    await settled();
    const erasure = (await (await server.moderator()).api.audit.list.query({ action: 'account.erased', limit: 5 }))[0];
    expect(erasure?.actor?.name).toBe('Removed user 1');
  });
});

describe('mail files', () => {
  it('are the only place a link token was written, and the outbox forgets it once sent', async () => {
    const outbox = await server.app.services.store.collection('mailOutbox').find({});
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.every((mail) => mail.sentAt && mail.text === '')).toBe(true);
    const files = await readdir(path.join(server.dataDir, 'mail'));
    expect(files.length).toBe(outbox.length);
    expect((await readFile(path.join(server.dataDir, 'mail', files[0] ?? ''), 'utf8')).length).toBeGreaterThan(0);
  });
});
