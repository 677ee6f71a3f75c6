// The pioneer relay (issue 11 §3), over the real server: a buyer hands over the baton, a second
// buyer's starting project takes it, asks in the relay thread and the first buyer answers; a
// supplier and an anonymous visitor read the public handover but neither edit nor take it; a
// withdrawal keeps the record; contacts are only people who offered help themselves, and an
// e-mail address only as far as its person chose; the arena shows each relay as a chain in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishHandoverInput } from '@dialogforum/contracts';
import { lastEventSeq, readEventsAfter } from '../../src/platform/events/event-log.ts';
import { mailedToken } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let moderator: Visitor;
let anna: Visitor; // buyer of the project that hands over (Region Norr)
let bengt: Visitor; // buyer of the project that starts (Kommun Syd)
let cecilia: Visitor; // Anna's colleague, who offers help as a contact
let sune: Visitor; // a supplier
let anonymous: Visitor;
const PASSWORD = 'stafetten går vidare till nästa';
const HOUR = 3_600_000;
const future = () => new Date(server.clock.now().getTime() + 200 * 24 * HOUR).toISOString();

async function person(name: string, representation: 'buyer' | 'supplier', organisationName?: string): Promise<Visitor> {
  const visitor = server.visitor();
  await visitor.registerVerified({ name, email: `${name.toLowerCase()}@relay.example`, password: PASSWORD, representation, ...(organisationName ? { organisationName } : {}) });
  return visitor;
}

async function dialogueOf(buyer: Visitor, title: string, arenaId: 'transport' | 'space' = 'transport', visibility: 'public' | 'registered' = 'public'): Promise<string> {
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title,
    description: 'Vi söker lösningar.',
    arenaId,
    phase: 'market-dialogue',
    questionDeadline: future(),
    visibility,
  });
  return dialogueId;
}

const handover = (projectId: string, over: Partial<PublishHandoverInput> = {}): PublishHandoverInput => ({
  projectId,
  stage: 'Marknadsdialog genomförd',
  procured: 'Självkörande snöröjning på gång- och cykelbanor, för att klara vintrarna med färre förare.',
  dialogue: 'Två dialogmöten och tolv enskilda möten.',
  worked: 'Att publicera behovet tidigt.',
  didNotWork: 'För kort tid mellan mötena.',
  risks: 'Teknisk risk delades genom en pilotfas med avbrottsrätt.',
  financing: 'Halva kostnaden från en innovationsutlysning.',
  ...over,
});

/** A raw GET of a query, so answers can be compared byte for byte. */
async function rawQuery(visitor: Visitor | null, procedure: string, input: unknown): Promise<{ status: number; body: string }> {
  const cookie = visitor?.cookie();
  const response = await fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: await response.text() };
}

/** Project ids by name, made in the order of the tests below. */
const projects = { norr: '', syd: '' };
let norrDialogue = '';
let sydDialogue = '';

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  sune = await person('Sune', 'supplier', 'Snöbolaget AB');
  anonymous = server.visitor();
  // Cecilia joins Region Norr and acts for it, as a colleague of Anna's does.
  cecilia = server.visitor();
  await cecilia.api.accounts.register.mutate({ name: 'Cecilia', email: 'cecilia@relay.example', password: PASSWORD, representation: 'buyer' });
  await cecilia.api.accounts.login.mutate({ email: 'cecilia@relay.example', password: PASSWORD });
  await cecilia.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'cecilia@relay.example', 'verify-email') });
  const norr = (await anna.api.accounts.me.query())?.organisation?.id ?? '';
  await cecilia.api.organisations.requestToJoin.mutate({ organisationId: norr });
  const request = (await anna.api.organisations.get.query({ organisationId: norr })).joinRequests?.[0];
  await anna.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true });
  await cecilia.api.organisations.actFor.mutate({ organisationId: norr });
  norrDialogue = await dialogueOf(anna, 'Autonom snöröjning');
  sydDialogue = await dialogueOf(bengt, 'Snöfria cykelstråk');
});

afterAll(async () => {
  await server?.stop();
});

describe('handing over the baton', () => {
  it('lets a buyer start a project of their own dialogues and publish its handover to the arena', async () => {
    // Another buyer's dialogue cannot be claimed for a project.
    expect((await refusal(bengt.api.relay.create.mutate({ title: 'Lånad', arenaId: 'transport', dialogueIds: [norrDialogue] })))?.appCode).toBe('FORBIDDEN');
    const { projectId } = await anna.api.relay.create.mutate({ title: 'Snöröjning 2.0', arenaId: 'transport', dialogueIds: [norrDialogue] });
    projects.norr = projectId;
    await anna.api.relay.publishHandover.mutate(handover(projectId));
    expect((await refusal(anna.api.relay.publishHandover.mutate(handover(projectId))))?.appCode).toBe('HANDOVER_EXISTS');

    const own = await anna.api.relay.get.query({ projectId });
    expect(own.organisation.name).toBe('Region Norr');
    expect(own.dialogues).toEqual([{ id: norrDialogue, title: 'Autonom snöröjning' }]);
    expect(own.handoverView).toMatchObject({ stage: 'Marknadsdialog genomförd', version: 1, withdrawal: null });
    expect(own.viewer).toMatchObject({ canManage: true, canRevise: true, canWithdraw: true, canTakeBaton: false });
  });

  it('shows the public handover to a supplier and to anonymous visitors, who neither edit nor take it', async () => {
    const projectId = projects.norr;
    for (const reader of [sune, anonymous]) {
      const view = await reader.api.relay.get.query({ projectId });
      expect(view.handoverView?.procured).toContain('Självkörande snöröjning');
      expect(view.viewer).toMatchObject({ canManage: false, canPublish: false, canRevise: false, canWithdraw: false, canTakeBaton: false, canAsk: false });
    }
    const supplierCalls = [
      sune.api.relay.reviseHandover.mutate({ ...handover(projectId), note: 'Ändrat av fel person.' }),
      sune.api.relay.withdrawHandover.mutate({ projectId, reason: 'Fel person.' }),
      sune.api.relay.create.mutate({ title: 'Leverantörens', arenaId: 'transport', dialogueIds: [norrDialogue] }),
      sune.api.relay.post.mutate({ projectId, body: 'En fråga från en leverantör.' }),
      sune.api.relay.setContact.mutate({ projectId, offering: true }),
    ];
    for (const call of supplierCalls) expect((await refusal(call))?.appCode).toBe('FORBIDDEN');
    const anonymousCalls = [
      anonymous.api.relay.reviseHandover.mutate({ ...handover(projectId), note: 'Ändrat av fel person.' }),
      anonymous.api.relay.takeBaton.mutate({ projectId, fromProjectIds: [projectId] }),
      anonymous.api.relay.post.mutate({ projectId, body: 'En anonym fråga.' }),
    ];
    for (const call of anonymousCalls) expect((await refusal(call))?.appCode).toBe('UNAUTHENTICATED');
    // Another buyer may take it (from a project of their own), but never edit it.
    expect((await bengt.api.relay.get.query({ projectId })).viewer).toMatchObject({ canTakeBaton: true, canRevise: false, canAsk: true });
    expect((await refusal(bengt.api.relay.reviseHandover.mutate({ ...handover(projectId), note: 'Inte min.' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(bengt.api.relay.withdrawHandover.mutate({ projectId, reason: 'Inte min.' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(bengt.api.relay.takeBaton.mutate({ projectId, fromProjectIds: [projectId] })))?.appCode).toBe('FORBIDDEN');
    expect((await anna.api.relay.get.query({ projectId })).handoverView?.version).toBe(1);
  });

  it('keeps every version: a revision is a new version with a note, the first stays readable', async () => {
    const version = await anna.api.relay.reviseHandover.mutate({ ...handover(projects.norr), stage: 'Upphandling genomförd', note: 'Efter upphandlingen.' });
    expect(version).toEqual({ version: 2 });
    const current = await anonymous.api.relay.get.query({ projectId: projects.norr });
    expect(current.handoverView?.stage).toBe('Upphandling genomförd');
    expect(current.handoverView?.versions.map((entry) => [entry.version, entry.note])).toEqual([
      [2, 'Efter upphandlingen.'],
      [1, null],
    ]);
    const first = await anonymous.api.relay.get.query({ projectId: projects.norr, version: 1 });
    expect(first.handoverView?.stage).toBe('Marknadsdialog genomförd');
    expect(first.handoverView?.shown.version).toBe(1);
  });

  it('refuses bad input with the field and writes nothing', async () => {
    const before = await lastEventSeq(server.app.services.store);
    const cases: unknown[] = [
      { ...handover(projects.norr), stage: '' },
      { ...handover(projects.norr), procured: 'kort' },
      { ...handover(projects.norr), projectId: { $ne: null } },
      { ...handover(projects.norr), extra: 1 },
    ];
    for (const input of cases) {
      const data = await refusal(anna.api.relay.reviseHandover.mutate({ ...(input as PublishHandoverInput), note: 'Ogiltigt.' }));
      expect(data?.appCode).toBe('VALIDATION');
    }
    expect((await refusal(anna.api.relay.create.mutate({ title: 'Dubbel', arenaId: 'transport', dialogueIds: [norrDialogue, norrDialogue] })))?.appCode).toBe('VALIDATION');
    expect(await lastEventSeq(server.app.services.store)).toBe(before);
  });
});

describe('taking the baton', () => {
  it('links a starting project to the handover; its buyer asks in the relay thread and the first buyer answers', async () => {
    const { projectId } = await bengt.api.relay.create.mutate({ title: 'Cykelstråk utan snö', arenaId: 'transport', dialogueIds: [sydDialogue] });
    projects.syd = projectId;
    // A project without a handover has no baton to take.
    expect((await refusal(anna.api.relay.takeBaton.mutate({ projectId: projects.norr, fromProjectIds: [projectId] })))?.appCode).toBe('NOT_FOUND');
    await bengt.api.relay.takeBaton.mutate({ projectId, fromProjectIds: [projects.norr] });
    await bengt.api.relay.takeBaton.mutate({ projectId, fromProjectIds: [projects.norr] }); // again: nothing new
    const syd = await sune.api.relay.get.query({ projectId });
    expect(syd.takenFrom).toEqual([projects.norr]);
    expect(syd.earlier.map((project) => project.id)).toEqual([projects.norr]);
    expect((await sune.api.relay.get.query({ projectId: projects.norr })).later.map((project) => project.id)).toEqual([projectId]);

    const { postId: question } = await bengt.api.relay.post.mutate({ projectId: projects.norr, body: 'Hur lång var pilotfasen, och vem bar risken för driftstopp?' });
    const { postId: answer } = await anna.api.relay.post.mutate({ projectId: projects.norr, replyTo: question, body: 'Sex månader; leverantören bar driftrisken.' });
    // The thread is one level deep: a reply answers a question, not another reply.
    expect((await refusal(bengt.api.relay.post.mutate({ projectId: projects.norr, replyTo: answer, body: 'Ett svar på svaret.' })))?.appCode).toBe('NOT_FOUND');
    await anna.api.relay.editPost.mutate({ postId: answer, body: 'Sex månader; leverantören bar driftrisken upp till ett tak.', note: 'Taket saknades.' });
    const thread = (await sune.api.relay.get.query({ projectId: projects.norr })).posts;
    expect(thread.map((post) => [post.author?.organisation, post.replyTo, post.body])).toEqual([
      ['Kommun Syd', null, 'Hur lång var pilotfasen, och vem bar risken för driftstopp?'],
      ['Region Norr', question, 'Sex månader; leverantören bar driftrisken upp till ett tak.'],
    ]);
    expect(thread[1]).toMatchObject({ versions: 2, edited: { note: 'Taket saknades.' } });
    // Only its author edits a post; a moderator hides one with a reason, and the record stays.
    expect((await refusal(bengt.api.relay.editPost.mutate({ postId: answer, body: 'Omskrivet av någon annan.' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(anna.api.relay.hidePost.mutate({ postId: question, reason: 'Olämpligt.' })))?.appCode).toBe('FORBIDDEN');
    const { postId: offTopic } = await bengt.api.relay.post.mutate({ projectId: projects.norr, body: 'Köp våra snöskyfflar!' });
    await moderator.api.relay.hidePost.mutate({ postId: offTopic, reason: 'Reklam hör inte hemma här.' });
    const hidden = (await anonymous.api.relay.get.query({ projectId: projects.norr })).posts.find((post) => post.id === offTopic);
    expect(hidden).toMatchObject({ body: null, author: null, hidden: { reason: 'Reklam hör inte hemma här.' } });
  });

  it('books a relay meeting: a session of the starting project’s own dialogue, from the sessions module', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const { sessionId } = await bengt.api.sessions.create.mutate({
      dialogueId: sydDialogue,
      title: 'Stafettmöte med Region Norr',
      startsAt: `${year}-02-03T10:00`,
      endsAt: `${year}-02-03T11:00`,
      format: 'online',
      meetingLink: 'https://meet.example/stafett',
      capacity: 20,
    });
    await bengt.api.relay.linkMeeting.mutate({ projectId: projects.syd, sessionId });
    expect((await anonymous.api.relay.get.query({ projectId: projects.syd })).meetings).toEqual([
      expect.objectContaining({ sessionId, dialogueId: sydDialogue, title: 'Stafettmöte med Region Norr', cancelled: false }),
    ]);
    // A session of another buyer's dialogue is no meeting of this project; nor may anyone else link one.
    const { sessionId: norrSession } = await anna.api.sessions.create.mutate({
      dialogueId: norrDialogue,
      title: 'Norrs möte',
      startsAt: `${year}-02-04T10:00`,
      endsAt: `${year}-02-04T11:00`,
      format: 'online',
      meetingLink: 'https://meet.example/norr',
      capacity: 20,
    });
    expect((await refusal(bengt.api.relay.linkMeeting.mutate({ projectId: projects.syd, sessionId: norrSession })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(anna.api.relay.linkMeeting.mutate({ projectId: projects.syd, sessionId })))?.appCode).toBe('FORBIDDEN');
  });
});

describe('contacts', () => {
  const everything = async (visitor: Visitor) =>
    JSON.stringify([
      await visitor.api.relay.get.query({ projectId: projects.norr }),
      await visitor.api.relay.chains.query({ arenaId: 'transport' }),
      await (await fetch(`${server.url}/api/open/v1/relays`)).json(),
    ]);

  it('names only people of the organisation who offered help themselves, and their address only as they chose', async () => {
    // Nobody has offered yet: Cecilia is named to nobody, and no address is shown. (Anna is named as
    // the author of her answer in the relay thread, in office, but never as a contact.)
    for (const reader of [anonymous, sune, bengt]) {
      const seen = await everything(reader);
      for (const secret of ['anna@relay.example', 'Cecilia', 'cecilia@relay.example']) expect(seen).not.toContain(secret);
      expect((await reader.api.relay.get.query({ projectId: projects.norr })).contacts).toEqual([]);
    }
    await cecilia.api.relay.setContact.mutate({ projectId: projects.norr, offering: true, role: 'Projektledare', emailShownTo: 'confirmed' });
    expect((await anonymous.api.relay.get.query({ projectId: projects.norr })).contacts).toEqual([
      expect.objectContaining({ name: 'Cecilia', role: 'Projektledare', email: null }),
    ]);
    expect((await sune.api.relay.get.query({ projectId: projects.norr })).contacts).toEqual([
      expect.objectContaining({ name: 'Cecilia', email: 'cecilia@relay.example' }),
    ]);
    // Open data names no contact person at all.
    expect(JSON.stringify(await (await fetch(`${server.url}/api/open/v1/relays`)).json())).not.toContain('Cecilia');
    // Anna still never offered: she is no contact, and her address is nowhere.
    for (const reader of [anonymous, sune, bengt]) {
      expect((await reader.api.relay.get.query({ projectId: projects.norr })).contacts.map((contact) => contact.name)).toEqual(['Cecilia']);
      expect(await everything(reader)).not.toContain('anna@relay.example');
    }

    await cecilia.api.relay.setContact.mutate({ projectId: projects.norr, offering: true, role: 'Projektledare', emailShownTo: 'everyone' });
    expect((await anonymous.api.relay.get.query({ projectId: projects.norr })).contacts[0]?.email).toBe('cecilia@relay.example');
    expect((await cecilia.api.relay.get.query({ projectId: projects.norr })).viewer.myContact).toEqual({ offering: true, role: 'Projektledare', emailShownTo: 'everyone' });

    // Stopping ends it everywhere.
    await cecilia.api.relay.setContact.mutate({ projectId: projects.norr, offering: false });
    for (const reader of [anonymous, sune, bengt]) {
      const seen = await everything(reader);
      expect(seen).not.toContain('Cecilia');
      expect(seen).not.toContain('cecilia@relay.example');
    }
    // Nobody offers help for another organisation's project.
    expect((await refusal(bengt.api.relay.setContact.mutate({ projectId: projects.norr, offering: true })))?.appCode).toBe('FORBIDDEN');
  });

  it('lists a person’s handover versions, posts and offers in their data export', async () => {
    const exported = await cecilia.api.accounts.exportMyData.query();
    expect(exported.relayContactOffers).toEqual([expect.objectContaining({ projectId: projects.norr, offering: false })]);
    const annas = await anna.api.accounts.exportMyData.query();
    expect(annas.relayHandoverVersions.map((version) => version.version)).toEqual([1, 2]);
    expect(annas.relayPosts).toHaveLength(1);
  });
});

describe('the arena’s chains', () => {
  it('shows each relay as a chain of projects, oldest first, and an unrelated project as a chain of its own', async () => {
    const dora = await person('Dora', 'buyer', 'Kommun Väst');
    const vastDialogue = await dialogueOf(dora, 'Uppvärmda hållplatser');
    await bengt.api.relay.publishHandover.mutate(handover(projects.syd, { stage: 'Behovsanalys klar' }));
    const { projectId: vast } = await dora.api.relay.create.mutate({ title: 'Varma hållplatser', arenaId: 'transport', dialogueIds: [vastDialogue] });
    await dora.api.relay.takeBaton.mutate({ projectId: vast, fromProjectIds: [projects.syd] });
    const alone = await dialogueOf(dora, 'Elbussar');
    const { projectId: lone } = await dora.api.relay.create.mutate({ title: 'Elbussar', arenaId: 'transport', dialogueIds: [alone] });
    // A project in another arena is on that arena's page only.
    const spaceDialogue = await dialogueOf(dora, 'Satellitdata', 'space');
    await dora.api.relay.create.mutate({ title: 'Satellitdata', arenaId: 'space', dialogueIds: [spaceDialogue] });

    const { chains } = await anonymous.api.relay.chains.query({ arenaId: 'transport' });
    // The newest chain first; each chain from its first project to its latest.
    expect(chains.map((chain) => chain.projects.map((project) => project.id))).toEqual([[lone], [projects.norr, projects.syd, vast]]);
    expect(chains[1]?.projects.map((project) => project.handover?.stage ?? null)).toEqual(['Upphandling genomförd', 'Behovsanalys klar', null]);
    expect((await bengt.api.relay.chains.query({ arenaId: 'transport' })).viewer.canStart).toBe(true);
    expect((await sune.api.relay.chains.query({ arenaId: 'transport' })).viewer.canStart).toBe(false);
  });

  it('answers about a registered-only project to anonymous visitors as about a missing one, and leaves it out of chains', async () => {
    const hiddenDialogue = await dialogueOf(anna, 'Intern förstudie', 'transport', 'registered');
    const { projectId } = await anna.api.relay.create.mutate({ title: 'Intern förstudie', arenaId: 'transport', dialogueIds: [hiddenDialogue], visibility: 'registered' });
    await anna.api.relay.publishHandover.mutate(handover(projectId));
    const hidden = await rawQuery(anonymous, 'relay.get', { projectId });
    const missing = await rawQuery(anonymous, 'relay.get', { projectId: 'aaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect(JSON.stringify(await anonymous.api.relay.chains.query({ arenaId: 'transport' }))).not.toContain(projectId);
    expect(JSON.stringify(await (await fetch(`${server.url}/api/open/v1/relays`)).json())).not.toContain(projectId);
    expect((await sune.api.relay.get.query({ projectId })).title).toBe('Intern förstudie');
  });
});

describe('withdrawal, audit, events and notifications', () => {
  it('tells an arena’s followers of a new handover they may see, and not the buyer who published it', async () => {
    const follower = await person('Frida', 'supplier');
    await follower.api.notifications.follow.mutate({ kind: 'arena', id: 'space' });
    await anna.api.notifications.follow.mutate({ kind: 'arena', id: 'space' });
    const spaceDialogue = await dialogueOf(anna, 'Rymdlägesbild', 'space');
    const { projectId } = await anna.api.relay.create.mutate({ title: 'Rymdlägesbild', arenaId: 'space', dialogueIds: [spaceDialogue] });
    await anna.api.relay.publishHandover.mutate(handover(projectId));
    await server.settled();
    const told = (await follower.api.notifications.list.query({})).items.filter((item) => item.kind === 'relay-handover-published');
    expect(told).toEqual([expect.objectContaining({ relayProject: { id: projectId, title: 'Rymdlägesbild' }, arena: { id: 'space' } })]);
    expect((await anna.api.notifications.list.query({})).items.filter((item) => item.kind === 'relay-handover-published')).toEqual([]);
  });

  it('tells the handing-over organisation’s people of a question in its relay thread, not of a reply, and not the one who asked', async () => {
    const asked = async (visitor: Visitor) => {
      await server.settled();
      return (await visitor.api.notifications.list.query({ limit: 50 })).items.filter((item) => item.kind === 'relay-question-asked');
    };
    const [annaBefore, ceciliaBefore] = [(await asked(anna)).length, (await asked(cecilia)).length];
    const { postId } = await bengt.api.relay.post.mutate({ projectId: projects.norr, body: 'Hur fick ni med driften i pilotfasen?' });
    const toldAnna = await asked(anna);
    expect(toldAnna).toHaveLength(annaBefore + 1);
    expect(toldAnna[0]).toMatchObject({ relayProject: { id: projects.norr, title: 'Snöröjning 2.0' } });
    expect(await asked(cecilia)).toHaveLength(ceciliaBefore + 1);
    expect(await asked(bengt)).toEqual([]);
    await anna.api.relay.post.mutate({ projectId: projects.norr, replyTo: postId, body: 'Driften var med från första dagen.' });
    expect(await asked(bengt)).toEqual([]);
    expect(await asked(cecilia)).toHaveLength(ceciliaBefore + 1);
  });

  it('withdraws a handover with a reason and keeps the record: readable, in its chain, but no longer taken or listed as open data', async () => {
    const openBefore = (await (await fetch(`${server.url}/api/open/v1/relays?arena=transport`)).json()) as { data: { id: string }[] };
    expect(openBefore.data.map((entry) => entry.id)).toContain(projects.norr);
    await anna.api.relay.withdrawHandover.mutate({ projectId: projects.norr, reason: 'Uppgifterna om finansiering var fel.' });
    await anna.api.relay.withdrawHandover.mutate({ projectId: projects.norr, reason: 'En andra gång.' }); // changes nothing
    const view = await anonymous.api.relay.get.query({ projectId: projects.norr });
    expect(view.handoverView?.withdrawal?.reason).toBe('Uppgifterna om finansiering var fel.');
    expect(view.handoverView?.versions).toHaveLength(2);
    expect(view.handoverView?.procured).toContain('Självkörande snöröjning');
    expect((await anonymous.api.relay.get.query({ projectId: projects.norr, version: 1 })).handoverView?.stage).toBe('Marknadsdialog genomförd');
    expect((await refusal(anna.api.relay.reviseHandover.mutate({ ...handover(projects.norr), note: 'Efter återkallelsen.' })))?.appCode).toBe('HANDOVER_WITHDRAWN');
    const late = await person('Erik', 'buyer', 'Kommun Öst');
    const { projectId: ost } = await late.api.relay.create.mutate({ title: 'Sent', arenaId: 'transport', dialogueIds: [await dialogueOf(late, 'Sen start')] });
    expect((await refusal(late.api.relay.takeBaton.mutate({ projectId: ost, fromProjectIds: [projects.norr] })))?.appCode).toBe('HANDOVER_WITHDRAWN');
    const chain = (await anonymous.api.relay.chains.query({ arenaId: 'transport' })).chains.find((candidate) => candidate.projects.some((project) => project.id === projects.norr));
    expect(chain?.projects[0]?.handover?.withdrawn).toBe(true);
    const openAfter = (await (await fetch(`${server.url}/api/open/v1/relays?arena=transport`)).json()) as { data: { id: string }[] };
    expect(openAfter.data.map((entry) => entry.id)).not.toContain(projects.norr);
    expect(openAfter.data.map((entry) => entry.id)).toContain(projects.syd);
  });

  it('audits the relay’s acts, and its events carry ids only', async () => {
    await server.settled();
    const audit = await moderator.api.audit.list.query({ limit: 200 });
    const actions = new Set(audit.map((entry) => entry.action));
    for (const action of ['relay.handover_published', 'relay.handover_revised', 'relay.handover_withdrawn', 'relay.baton_taken', 'relay.post_hidden']) {
      expect(actions, action).toContain(action);
    }
    const events = (await readEventsAfter(server.app.services.store, 0, 100_000)).filter((event) => event.type.startsWith('relay.'));
    expect(events.length).toBeGreaterThan(10);
    for (const event of events) {
      for (const value of Object.values(event.subject)) expect(value, `${event.type} carries only ids`).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    }
  });
});
