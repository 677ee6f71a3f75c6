// Buyers' networks (issue 11 §4), over the real server with @trpc/client and socket.io-client:
// verified buyers form a network, invite and accept, discuss among themselves and own a dialogue
// jointly; a supplier (and a researcher, another buyer, a moderator, a visitor) probing every
// procedure and room of the network finds nothing — each answer byte for byte the answer about a
// network that does not exist; a socket leaves the network's room on every path by which
// membership is lost (leaving, removal, the organisation losing its verification, logout); and
// leaving, removal and dissolving stay on the record.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventsAfter } from '../../src/platform/events/event-log.ts';
import { mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { organisationOf, rawCall, signUpPeople } from '../support/people.ts';
import { nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
/** Signs up one of this file's people (their addresses at networks.example). */
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'networks.example', PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, who forms the network
let bengt: Visitor; // Kommun Syd, invited
let olle: Visitor; // Stad Väst, asks to join an open network
let sune: Visitor; // a supplier
let rut: Visitor; // a buyer outside the network
let anonymous: Visitor;
const org = { norr: '', syd: '', vast: '', rut: '' };
const PASSWORD = 'nätverket förbereder tillsammans';
const SECRET = 'Kravställningsutkastet';

/** A raw call, so a hidden thing's answer and a missing one's compare byte for byte. */
const raw = (visitor: Visitor, procedure: string, kind: 'query' | 'mutation', input: unknown) => rawCall(server, visitor, procedure, kind, input);

/** How long a push may take on a loaded machine (2 shared cores); other tests here allow as much. */
const PUSH_WAIT = 20_000;

/**
 * Every `network.changed` the socket receives until one for `marker` arrives, in order. Pushes are
 * sent in log order on one connection, so an event logged before the marker's and sent to this
 * socket would be in the list: a check for "nothing of that network" then proves something, however
 * slow the machine, instead of passing because a fixed window closed too soon.
 */
function changesUntil(socket: LiveSocket, marker: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(() => {
      socket.off('network.changed', listener);
      reject(new Error(`no network.changed for ${marker} within ${PUSH_WAIT} ms (saw ${seen.join(', ') || 'nothing'})`));
    }, PUSH_WAIT);
    function listener(push: { networkId: string }): void {
      seen.push(push.networkId);
      if (push.networkId !== marker) return;
      clearTimeout(timer);
      socket.off('network.changed', listener);
      resolve(seen);
    }
    socket.on('network.changed', listener);
  });
}

let closedNetwork = ''; // invitation only: Norr and Syd
let openNetwork = ''; // on request: Norr, and Väst once accepted
let discussionId = '';

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  olle = await person('Olle', 'buyer', 'Stad Väst');
  rut = await person('Rut', 'buyer', 'Landstinget Öst');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  org.norr = await organisationOf(anna);
  org.syd = await organisationOf(bengt);
  org.vast = await organisationOf(olle);
  org.rut = await organisationOf(rut);
  for (const id of Object.values(org)) await moderator.api.organisations.verify.mutate({ organisationId: id });
});

afterAll(async () => {
  await server?.stop();
});

describe('forming a network', () => {
  it('keeps an invitation-only network from every outsider until its admin invites and the invited accept', async () => {
    ({ networkId: closedNetwork } = await anna.api.networks.create.mutate({ name: 'Vårdens sensornätverk', purpose: 'Gemensamma krav.', arenaId: 'healthcare', joining: 'invitation' }));
    expect((await refusal(bengt.api.networks.get.query({ networkId: closedNetwork })))?.appCode).toBe('NOT_FOUND');
    expect((await bengt.api.networks.inArena.query({ arenaId: 'healthcare' })).networks).toEqual([]);
    // An unverified buyer forms none; a supplier neither.
    expect((await refusal(sune.api.networks.create.mutate({ name: 'Leverantörsnätverk', arenaId: 'healthcare', joining: 'invitation' })))?.appCode).toBe('FORBIDDEN');
    // A supplier cannot be invited: networks are verified buyers'.
    const supplierOrganisation = await organisationOf(sune);
    expect((await refusal(anna.api.networks.invite.mutate({ networkId: closedNetwork, organisationId: supplierOrganisation })))?.appCode).toBe('NOT_A_VERIFIED_BUYER');

    await anna.api.networks.invite.mutate({ networkId: closedNetwork, organisationId: org.syd });
    const invited = await bengt.api.networks.get.query({ networkId: closedNetwork });
    // The invited see its name and can answer, but not its members or discussions yet.
    expect(invited).toMatchObject({ name: 'Vårdens sensornätverk', standing: 'invited', members: [], discussions: [], viewer: { isMember: false, mayAnswerInvitation: true } });
    await bengt.api.networks.answerInvitation.mutate({ networkId: closedNetwork, accept: true });
    const joined = await bengt.api.networks.get.query({ networkId: closedNetwork });
    expect(joined.members.map((member) => [member.name, member.role])).toEqual([
      ['Kommun Syd', 'member'],
      ['Region Norr', 'admin'],
    ]);
    expect((await bengt.api.networks.mine.query()).map((network) => network.id)).toEqual([closedNetwork]);
  });

  it('lets a verified buyer ask to join an open network, which an admin accepts', async () => {
    ({ networkId: openNetwork } = await anna.api.networks.create.mutate({ name: 'Öppna vårdnätverket', arenaId: 'healthcare', joining: 'on-request' }));
    const listed = await olle.api.networks.inArena.query({ arenaId: 'healthcare' });
    expect(listed.networks.map((network) => network.name)).toEqual(['Öppna vårdnätverket']);
    const seen = await olle.api.networks.get.query({ networkId: openNetwork });
    expect(seen).toMatchObject({ members: [{ name: 'Region Norr' }], discussions: [], record: [], viewer: { mayRequest: true, isMember: false } });
    await olle.api.networks.requestToJoin.mutate({ networkId: openNetwork });
    expect((await anna.api.networks.get.query({ networkId: openNetwork })).requests.map((request) => request.name)).toEqual(['Stad Väst']);
    await anna.api.networks.decideRequest.mutate({ networkId: openNetwork, organisationId: org.vast, accept: true });
    expect((await olle.api.networks.get.query({ networkId: openNetwork })).viewer.isMember).toBe(true);
    // Olle joins the closed network too, by invitation, for the room tests below.
    await anna.api.networks.invite.mutate({ networkId: closedNetwork, organisationId: org.vast });
    await olle.api.networks.answerInvitation.mutate({ networkId: closedNetwork, accept: true });
  });
});

describe('discussions', () => {
  it('are the members’ alone, with no supplier participant and no event for any dialogue’s rooms', async () => {
    const before = (await readEventsAfter(server.app.services.store, 0, 100_000)).length;
    ({ discussionId } = await anna.api.networks.startDiscussion.mutate({ networkId: closedNetwork, title: `${SECRET} för sensorer`, body: `Vårt ${SECRET} inför upphandlingen.` }));
    await bengt.api.networks.post.mutate({ discussionId, body: 'Vi vill ha med driftkraven.' });
    const discussion = await olle.api.networks.discussion.query({ discussionId });
    expect(discussion.posts.map((post) => post.organisationName)).toEqual(['Region Norr', 'Kommun Syd']);
    expect(discussion.mayPost).toBe(true);
    const events = (await readEventsAfter(server.app.services.store, 0, 100_000)).slice(before);
    expect(events.map((event) => event.type)).toEqual(['network.post_published', 'network.post_published']);
    // Nothing of a network is addressed to a dialogue: a dialogue's rooms (where suppliers are) never hear of it.
    expect(events.every((event) => event.dialogueId === null)).toBe(true);
  });
});

describe('a supplier probing the network', () => {
  it('finds every procedure answering as about a network that does not exist, nothing in lists or search, and no room', async () => {
    await server.settled();
    const missing = randomBytes(12).toString('hex');
    const missingDiscussion = randomBytes(12).toString('hex');
    const probes: [string, 'query' | 'mutation', (network: string, discussion: string) => unknown][] = [
      ['networks.get', 'query', (n) => ({ networkId: n })],
      ['networks.discussion', 'query', (_, d) => ({ discussionId: d })],
      ['networks.requestToJoin', 'mutation', (n) => ({ networkId: n })],
      ['networks.decideRequest', 'mutation', (n) => ({ networkId: n, organisationId: org.syd, accept: true })],
      ['networks.invite', 'mutation', (n) => ({ networkId: n, organisationId: org.rut })],
      ['networks.answerInvitation', 'mutation', (n) => ({ networkId: n, accept: true })],
      ['networks.leave', 'mutation', (n) => ({ networkId: n, reason: '' })],
      ['networks.remove', 'mutation', (n) => ({ networkId: n, organisationId: org.syd, reason: 'Försök.' })],
      ['networks.dissolve', 'mutation', (n) => ({ networkId: n, reason: 'Försök.' })],
      ['networks.linkDialogue', 'mutation', (n) => ({ networkId: n, dialogueId: missing })],
      ['networks.startDiscussion', 'mutation', (n) => ({ networkId: n, title: 'Hej', body: 'Får jag vara med?' })],
      ['networks.post', 'mutation', (_, d) => ({ discussionId: d, body: 'Får jag läsa?' })],
    ];
    // A supplier, a buyer outside, a moderator and a visitor: none may learn the network exists.
    for (const [label, prober] of [['supplier', sune], ['other buyer', rut], ['moderator', moderator], ['anonymous', anonymous]] as const) {
      for (const [procedure, kind, input] of probes) {
        const hidden = await raw(prober, procedure, kind, input(closedNetwork, discussionId));
        const absent = await raw(prober, procedure, kind, input(missing, missingDiscussion));
        const asMissing = hidden.body.replaceAll(closedNetwork, missing).replaceAll(discussionId, missingDiscussion);
        expect({ label, procedure, status: hidden.status, body: asMissing }).toEqual({ label, procedure, status: absent.status, body: absent.body });
        expect(hidden.status, `${label} ${procedure}`).not.toBe(200);
      }
      if (prober !== anonymous) {
        // A verified buyer outside sees the open network (to ask to join), never the invitation-only one.
        const listed = (await prober.api.networks.inArena.query({ arenaId: 'healthcare' })).networks.map((network) => network.id);
        expect(listed).toEqual(prober === rut ? [openNetwork] : []);
        expect(await prober.api.networks.mine.query()).toEqual([]);
      }
      expect((await prober.api.search.query.query({ q: SECRET })).total).toBe(0);
      const socket = await prober.connect();
      expect(await socket.emitWithAck('network.subscribe', { networkId: closedNetwork })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
      expect(await socket.emitWithAck('network.subscribe', { networkId: openNetwork })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
      socket.disconnect();
    }
    // The open network is seen by verified buyers (to ask to join), but its discussions never.
    expect((await rut.api.networks.get.query({ networkId: closedNetwork }).catch(() => null))).toBeNull();
    expect((await rut.api.networks.get.query({ networkId: openNetwork })).discussions).toEqual([]);
    expect((await refusal(sune.api.networks.get.query({ networkId: openNetwork })))?.appCode).toBe('NOT_FOUND');
  });
});

describe('losing membership closes the room', () => {
  async function subscribed(visitor: Visitor): Promise<LiveSocket> {
    const socket = await visitor.connect();
    expect(await socket.emitWithAck('network.subscribe', { networkId: closedNetwork })).toEqual({ ok: true });
    return socket;
  }

  it('takes a removed organisation’s sockets out, and keeps the removal with its reason', async () => {
    const olles = await subscribed(olle);
    const changed = nextEvent(olles, 'network.changed', PUSH_WAIT);
    await anna.api.networks.post.mutate({ discussionId, body: 'Möte på torsdag.' });
    expect((await changed).networkId).toBe(closedNetwork);

    // Only an admin organisation removes: a member that is not one cannot.
    expect((await refusal(bengt.api.networks.remove.mutate({ networkId: closedNetwork, organisationId: org.vast, reason: 'Försök.' })))?.appCode).toBe('FORBIDDEN');
    const out = nextEvent(olles, 'network.access_changed', PUSH_WAIT);
    await anna.api.networks.remove.mutate({ networkId: closedNetwork, organisationId: org.vast, reason: 'Har gått vidare med en egen upphandling.' });
    expect((await out).networkId).toBe(closedNetwork);
    // Väst is still in the open network: a change there, logged after the post in the closed one,
    // must reach the same socket, and nothing of the closed network may have come before it.
    expect(await olles.emitWithAck('network.subscribe', { networkId: openNetwork })).toEqual({ ok: true });
    const changes = changesUntil(olles, openNetwork);
    await anna.api.networks.post.mutate({ discussionId, body: 'Efter Väst.' });
    await anna.api.networks.startDiscussion.mutate({ networkId: openNetwork, title: 'Gemensam tidplan', body: 'När kan vi annonsera?' });
    expect(await changes).toEqual([openNetwork]);
    expect((await refusal(olle.api.networks.discussion.query({ discussionId })))?.appCode).toBe('NOT_FOUND');
    const record = (await anna.api.networks.get.query({ networkId: closedNetwork })).record;
    expect(record.filter((entry) => entry.name === 'Stad Väst').map((entry) => [entry.what, entry.reason])).toEqual([
      ['invited', ''],
      ['joined', ''],
      ['removed', 'Har gått vidare med en egen upphandling.'],
    ]);
    olles.disconnect();
  });

  it('closes the room to an organisation that loses its verification, and opens it again when verified', async () => {
    const bengts = await subscribed(bengt);
    const closed = new Promise<void>((resolve) => bengts.once('disconnect', () => resolve()));
    await moderator.api.organisations.rejectVerification.mutate({ organisationId: org.syd, reason: 'Organisationsnumret stämmer inte.' });
    await closed;
    expect((await refusal(bengt.api.networks.discussion.query({ discussionId })))?.appCode).toBe('NOT_FOUND');
    const again = await bengt.connect();
    expect(await again.emitWithAck('network.subscribe', { networkId: closedNetwork })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    again.disconnect();
    // Its membership was never touched: verified again, it is back.
    await moderator.api.organisations.verify.mutate({ organisationId: org.syd });
    expect((await bengt.api.networks.discussion.query({ discussionId })).posts.length).toBeGreaterThan(0);
  });

  it('closes the room on logout', async () => {
    const bengts = await subscribed(bengt);
    const closed = new Promise<void>((resolve) => bengts.once('disconnect', () => resolve()));
    await bengt.api.accounts.logout.mutate();
    await closed;
    await bengt.api.accounts.login.mutate({ email: 'bengt@networks.example', password: PASSWORD });
  });

  it('takes a leaving organisation’s sockets out, and keeps a dissolved network readable to its members only, with no new posts', async () => {
    const bengts = await subscribed(bengt);
    const out = nextEvent(bengts, 'network.access_changed', PUSH_WAIT);
    await bengt.api.networks.leave.mutate({ networkId: closedNetwork, reason: 'Vi avvaktar budgeten.' });
    expect((await out).networkId).toBe(closedNetwork);
    bengts.disconnect();
    expect((await refusal(bengt.api.networks.get.query({ networkId: closedNetwork })))?.appCode).toBe('NOT_FOUND');

    // The last admin organisation does not leave: it dissolves, with a reason on record.
    expect((await refusal(anna.api.networks.leave.mutate({ networkId: openNetwork, reason: '' })))?.appCode).toBe('FORBIDDEN');
    await anna.api.networks.dissolve.mutate({ networkId: closedNetwork, reason: 'Upphandlingen är gjord.' });
    const dissolved = await anna.api.networks.get.query({ networkId: closedNetwork });
    expect(dissolved.dissolution?.reason).toBe('Upphandlingen är gjord.');
    expect(dissolved.record.at(-1)).toMatchObject({ what: 'dissolved', reason: 'Upphandlingen är gjord.' });
    expect(dissolved.record.some((entry) => entry.what === 'left' && entry.reason === 'Vi avvaktar budgeten.')).toBe(true);
    expect((await anna.api.networks.discussion.query({ discussionId })).mayPost).toBe(false);
    expect((await refusal(anna.api.networks.post.mutate({ discussionId, body: 'Efteråt.' })))?.appCode).toBe('FORBIDDEN');
  });
});

describe('joint ownership of a dialogue', () => {
  it('lets the network own a member’s dialogue whose every co-owner is a member, and nothing else', async () => {
    const { dialogueId } = await anna.api.dialogues.create.mutate({
      title: 'Sensorer i hemsjukvården',
      description: 'Vi söker lösningar.',
      arenaId: 'healthcare',
      phase: 'market-dialogue',
      questionDeadline: new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString(),
      visibility: 'public',
    });
    // Rut's organisation co-owns it but is no member: the network cannot own it.
    await anna.api.dialogues.addOwner.mutate({ dialogueId, organisationId: org.rut });
    expect((await refusal(anna.api.networks.linkDialogue.mutate({ networkId: openNetwork, dialogueId })))?.appCode).toBe('FORBIDDEN');
    await rut.api.networks.requestToJoin.mutate({ networkId: openNetwork });
    await anna.api.networks.decideRequest.mutate({ networkId: openNetwork, organisationId: org.rut, accept: true });
    // A member that does not own the dialogue cannot hand it to the network.
    expect((await refusal(olle.api.networks.linkDialogue.mutate({ networkId: openNetwork, dialogueId })))?.appCode).toBe('FORBIDDEN');
    await anna.api.networks.linkDialogue.mutate({ networkId: openNetwork, dialogueId });
    expect((await rut.api.networks.get.query({ networkId: openNetwork })).dialogues).toEqual([{ id: dialogueId, title: 'Sensorer i hemsjukvården' }]);
  });
});

describe('notifications of invitations and requests', () => {
  type Told = { kind: string; network: { id: string; name: string } | null };
  /** The network notifications a person has, once the notifier has caught up, newest first. */
  async function told(visitor: Visitor): Promise<Told[]> {
    await server.settled();
    return (await visitor.api.notifications.list.query({ limit: 50 })).items
      .filter((item) => item.kind.startsWith('network-'))
      .map((item) => ({ kind: item.kind, network: item.network }));
  }
  /** Those told since `before` of them were there. */
  async function toldSince(visitor: Visitor, before: number): Promise<Told[]> {
    const all = await told(visitor);
    return all.slice(0, all.length - before);
  }

  it('tells an invited organisation, the admins of a request and the asking organisation of the answer, and nobody else', async () => {
    await olle.api.notifications.setEmail.mutate({ email: 'immediately' });
    const before = { anna: (await told(anna)).length, bengt: (await told(bengt)).length, olle: (await told(olle)).length, rut: (await told(rut)).length };
    const secret = (await anna.api.networks.create.mutate({ name: 'Slutna larmnätverket', arenaId: 'healthcare', joining: 'invitation' })).networkId;
    await anna.api.networks.invite.mutate({ networkId: secret, organisationId: org.syd });
    expect(await toldSince(bengt, before.bengt)).toEqual([{ kind: 'network-invited', network: { id: secret, name: 'Slutna larmnätverket' } }]);

    const open = (await anna.api.networks.create.mutate({ name: 'Öppna larmnätverket', arenaId: 'healthcare', joining: 'on-request' })).networkId;
    const openOne = { id: open, name: 'Öppna larmnätverket' };
    await rut.api.networks.requestToJoin.mutate({ networkId: open });
    await anna.api.networks.decideRequest.mutate({ networkId: open, organisationId: org.rut, accept: true });
    // Landstinget Öst is a member now but no admin: a later request is for the admins alone.
    await olle.api.networks.requestToJoin.mutate({ networkId: open });
    await anna.api.networks.decideRequest.mutate({ networkId: open, organisationId: org.vast, accept: false });
    expect(await toldSince(anna, before.anna)).toEqual([
      { kind: 'network-join-requested', network: openOne },
      { kind: 'network-join-requested', network: openOne },
    ]);
    expect(await toldSince(rut, before.rut)).toEqual([{ kind: 'network-request-accepted', network: openOne }]);
    expect(await toldSince(olle, before.olle)).toEqual([{ kind: 'network-request-declined', network: openOne }]);
    expect(await told(sune)).toEqual([]);
    // Mailed at once as Stad Väst's buyer chose, in Swedish, naming the network and linking to it.
    const [mail] = await mailTo(server.dataDir, 'olle@networks.example', /Beställarnätverket tackade nej/, 20_000);
    expect(mail?.subject).toBe('Beställarnätverket tackade nej till er förfrågan – Dialogforum');
    expect(mail?.text).toContain('«Öppna larmnätverket»');
    expect(mail?.text).toContain(`/networks/${open}`);

    // Having declined, Kommun Syd no longer sees the invitation-only network, and its notification
    // no longer names it: it is told only what it may see now. Region Norr is not told of the decline.
    await bengt.api.networks.answerInvitation.mutate({ networkId: secret, accept: false });
    expect(await toldSince(bengt, before.bengt)).toEqual([{ kind: 'network-invited', network: null }]);
    expect(await toldSince(anna, before.anna)).toHaveLength(2);
  });
});

describe('the audit log', () => {
  type Entry = { seq: number; action: string; actor: { name: string } | null; subject: Record<string, string> };
  /** Every network entry of the audit log, oldest first, once the audit processor has caught up. */
  async function networkEntries(): Promise<Entry[]> {
    await server.settled();
    const actions = [
      'network.created',
      'network.join_requested',
      'network.invited',
      'network.member_joined',
      'network.request_declined',
      'network.invitation_declined',
      'network.member_left',
      'network.member_removed',
      'network.dissolved',
      'network.dialogue_linked',
      'network.post_published',
    ] as const;
    const entries: Entry[] = [];
    for (const action of actions) entries.push(...(await moderator.api.audit.list.query({ action, limit: 200 })));
    return entries.sort((a, b) => a.seq - b.seq);
  }

  it('records a network’s forming, every coming and going, its posts and its dissolving, with who did them', async () => {
    const entries = await networkEntries();
    const closed = entries.filter((entry) => entry.subject.networkId === closedNetwork);
    expect(closed.map((entry) => [entry.action, entry.actor?.name, entry.subject.organisationId ?? ''])).toEqual([
      ['network.created', 'Anna', org.norr],
      ['network.invited', 'Anna', org.syd],
      ['network.member_joined', 'Bengt', org.syd],
      ['network.invited', 'Anna', org.vast],
      ['network.member_joined', 'Olle', org.vast],
      ['network.post_published', 'Anna', ''],
      ['network.post_published', 'Bengt', ''],
      ['network.post_published', 'Anna', ''],
      ['network.member_removed', 'Anna', org.vast],
      ['network.post_published', 'Anna', ''],
      ['network.member_left', 'Bengt', org.syd],
      ['network.dissolved', 'Anna', ''],
    ]);
    const open = entries.filter((entry) => entry.subject.networkId === openNetwork).map((entry) => [entry.action, entry.actor?.name]);
    expect(open).toContainEqual(['network.join_requested', 'Olle']);
    expect(open).toContainEqual(['network.dialogue_linked', 'Anna']);
    expect(entries.map((entry) => [entry.action, entry.actor?.name])).toContainEqual(['network.request_declined', 'Anna']);
    expect(entries.map((entry) => [entry.action, entry.actor?.name])).toContainEqual(['network.invitation_declined', 'Bengt']);
    // Ids and who did it only: never a network's name, what was said in it, or a reason given.
    const text = JSON.stringify(entries);
    for (const words of ['Vårdens sensornätverk', SECRET, 'Möte på torsdag', 'Har gått vidare med en egen upphandling', 'Upphandlingen är gjord']) expect(text).not.toContain(words);
  });

  it('is not open to a buyer or a supplier', async () => {
    expect((await refusal(anna.api.audit.list.query({ action: 'network.created' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(sune.api.audit.list.query({ action: 'network.created' })))?.appCode).toBe('FORBIDDEN');
  });
});
