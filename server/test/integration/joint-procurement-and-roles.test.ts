// Joint procurement (several buyer organisations own one dialogue) and admins appointing moderators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let region: Visitor;
let municipality: Visitor;
let supplier: Visitor;
let dialogueId: string;
let municipalityId: string;

const person = (name: string, email: string, representation: 'buyer' | 'supplier', organisationName: string) => ({
  name,
  email,
  password: 'gemensam upphandling pågår',
  representation,
  organisationName,
});

beforeAll(async () => {
  server = await startTestServer();
  region = server.visitor();
  municipality = server.visitor();
  supplier = server.visitor();
  await region.registerVerified(person('Rita Region', 'rita@region.example', 'buyer', 'Region Mitt'));
  await municipality.registerVerified(person('Kalle Kommun', 'kalle@kommun.example', 'buyer', 'Mittkommunen'));
  await supplier.registerVerified(person('Stina Säljare', 'stina@firma.example', 'supplier', 'Firma AB'));
  municipalityId = (await municipality.api.accounts.me.query())?.organisation?.id ?? '';
  ({ dialogueId } = await region.api.dialogues.create.mutate({
    title: 'Gemensam upphandling av trygghetslarm',
    description: 'Region och kommun upphandlar tillsammans.',
    arenaId: 'healthcare',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 3_600_000).toISOString(),
    visibility: 'public',
  }));
});

afterAll(async () => {
  await server?.stop();
});

describe('joint procurement', () => {
  it('lets an owning buyer add another verified buyer organisation, which then answers officially', async () => {
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Vem tecknar avtalet?', body: 'Region eller kommun?' });
    expect((await refusal(municipality.api.threads.answer.mutate({ threadId, body: 'Båda.' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(municipality.api.dialogues.addOwner.mutate({ dialogueId, organisationId: municipalityId })))?.appCode).toBe('FORBIDDEN');

    await region.api.dialogues.addOwner.mutate({ dialogueId, organisationId: municipalityId });
    const view = await server.visitor().api.dialogues.get.query({ dialogueId });
    expect(view.owners.map((owner) => owner.name)).toEqual(['Region Mitt', 'Mittkommunen']);
    expect((await municipality.api.dialogues.get.query({ dialogueId })).viewer).toMatchObject({ isOwner: true, canAnswer: true });
    await municipality.api.threads.answer.mutate({ threadId, body: 'Båda, var för sig.' });
    // The new co-owner's buyers see who asked, like the original owner's.
    const [thread] = (await municipality.api.threads.list.query({ dialogueId })).threads;
    expect(thread?.question.author).toMatchObject({ kind: 'person', name: 'Stina Säljare' });
  });

  it('refuses a supplier organisation or an unverified buyer as co-owner', async () => {
    const supplierOrganisation = (await supplier.api.accounts.me.query())?.organisation?.id ?? '';
    expect((await refusal(region.api.dialogues.addOwner.mutate({ dialogueId, organisationId: supplierOrganisation })))?.appCode).toBe(
      'NOT_A_VERIFIED_BUYER',
    );
    const { organisationId: unverified } = await region.api.organisations.create.mutate({ name: 'Ny kommun', kind: 'buyer' });
    expect((await refusal(region.api.dialogues.addOwner.mutate({ dialogueId, organisationId: unverified })))?.appCode).toBe('NOT_A_VERIFIED_BUYER');
    expect((await server.visitor().api.dialogues.get.query({ dialogueId })).owners).toHaveLength(2);
  });

  it('is in the audit log', async () => {
    await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
    const [entry] = await (await server.moderator()).api.audit.list.query({ action: 'dialogue.owner_added', limit: 5 });
    expect(entry?.actor?.name).toBe('Rita Region');
    expect(entry?.subject).toMatchObject({ dialogueId, organisationId: municipalityId });
  });
});

describe('moderators', () => {
  it('are appointed and dismissed by admins only, by e-mail address', async () => {
    const admin = await server.moderator(); // an admin by ADMIN_EMAILS
    expect((await refusal(region.api.accounts.setModerator.mutate({ email: 'stina@firma.example', moderator: true })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(admin.api.accounts.setModerator.mutate({ email: 'ingen@example.se', moderator: true })))?.appCode).toBe('NOT_FOUND');

    await admin.api.accounts.setModerator.mutate({ email: 'stina@firma.example', moderator: true });
    expect((await supplier.api.accounts.me.query())?.platformRole).toBe('moderator');
    expect(Array.isArray(await supplier.api.organisations.verificationQueue.query())).toBe(true);
    // A moderator is not an admin: no blocking, no appointing.
    expect((await refusal(supplier.api.accounts.setModerator.mutate({ email: 'rita@region.example', moderator: true })))?.appCode).toBe('FORBIDDEN');

    await admin.api.accounts.setModerator.mutate({ email: 'stina@firma.example', moderator: false });
    expect((await supplier.api.accounts.me.query())?.platformRole).toBeNull();
    expect((await refusal(supplier.api.audit.list.query({ limit: 5 })))?.appCode).toBe('FORBIDDEN');
    await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
    const actions = (await admin.api.audit.list.query({ userId: (await supplier.api.accounts.me.query())?.id, limit: 20 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.role_granted', 'account.role_revoked']));
  });
});
