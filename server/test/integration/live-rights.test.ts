// The socket dimension of the authorisation matrix. For every way a person's right to see who asked
// can be lost (logout, idle and absolute expiry, password change, block, erasure, demotion from
// moderator, removal from the buying organisation, acting for another organisation) or changed
// (membership role, verification, a co-owner added, the dialogue's visibility), what a socket that stayed open receives
// afterwards, and what a socket that dropped during the change and came back receives — with its
// old cookie and whatever recovery state socket.io gave it, as a revived tab (or an attacker
// replaying one) would. The question asked right after the change, before anyone waited for the
// change to reach the live layer, is the race an attacker would use.
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorView } from '@dialogforum/contracts';
import { dropConnection, reviveConnection } from '../support/dropped-socket.ts';
import { startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'ett långt och hemligt lösenord';

type Person = { visitor: Visitor; userId: string; email: string };

/** A socket of the person, subscribed to the dialogue, recording every question's author it is sent. */
type Watcher = {
  socket: LiveSocket;
  authors: Map<string, AuthorView['kind']>;
  closedByServer: boolean;
};

let server: TestServer;
let owner: Person; // owner of the buying organisation B
let asker: Person; // a supplier who asks
let B: string;
let dialogueId: string;
let registeredId: string;
let counter = 0;

async function register(visitor: Visitor, label: string, representation: 'buyer' | 'supplier' = 'supplier'): Promise<Person> {
  counter += 1;
  const email = `person${counter}@live.example`;
  await visitor.registerVerified({ name: `${label} ${counter}`, email, password: PASSWORD, representation, organisationName: `${label} AB ${counter}` });
  const me = await visitor.api.accounts.me.query();
  return { visitor, userId: me?.id ?? '', email };
}

async function joinOrganisation(person: Person, organisationId: string, organisationOwner: Person): Promise<void> {
  await person.visitor.api.organisations.requestToJoin.mutate({ organisationId });
  const view = await organisationOwner.visitor.api.organisations.get.query({ organisationId });
  const request = view.joinRequests?.find((candidate) => candidate.userId === person.userId);
  await organisationOwner.visitor.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true });
  await person.visitor.api.organisations.actFor.mutate({ organisationId });
}

async function colleagueInB(): Promise<Person> {
  const person = await register(server.visitor(), 'Kollega');
  await joinOrganisation(person, B, owner);
  return person;
}

/** Connects with `cookie` (the one the person had then) and subscribes to the dialogue. */
async function watch(cookie: string, dialogue = dialogueId): Promise<Watcher> {
  const socket: LiveSocket = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
  });
  const watcher: Watcher = { socket, authors: new Map(), closedByServer: false };
  socket.on('thread.changed', (event) => {
    if (event.what === 'asked') watcher.authors.set(event.thread.title ?? '', event.thread.question.author.kind);
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') watcher.closedByServer = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  // Like the real client: subscribe at every connection.
  socket.on('connect', () => void socket.emitWithAck('dialogue.subscribe', { dialogueId: dialogue }).catch(() => {}));
  expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId: dialogue })).toEqual({ ok: true });
  return watcher;
}

const drop = (watcher: Watcher) => dropConnection(watcher.socket);
const revive = (watcher: Watcher) => reviveConnection(watcher.socket);

async function ask(title: string, dialogue = dialogueId): Promise<void> {
  await asker.visitor.api.threads.ask.mutate({ dialogueId: dialogue, title, body: 'Hur ska leveransen gå till?' });
}

/** Waits until every watcher that is still connected has been sent `title` (or 3 s passed), and a little longer. */
async function settle(title: string, watchers: Watcher[]): Promise<void> {
  const deadline = Date.now() + 3000;
  while (watchers.some((w) => w.socket.connected && !w.authors.has(title)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
}

async function closedByServer(watcher: Watcher, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!watcher.closedByServer && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return watcher.closedByServer;
}

type Path = {
  name: string;
  person: () => Promise<Person>;
  change: (person: Person) => Promise<void>;
  /** Whether the open socket is closed by the server (its session ended or its standing changed). */
  closes: boolean;
  /** What the person may see of askers afterwards. */
  afterwards: AuthorView['kind'];
};

/**
 * Both sockets first prove they had the buyers' view; then one drops, the change is made, a
 * question is asked at once, the dropped one comes back, and another question is asked. Neither
 * socket may be sent an asker's name it may no longer see, for either question.
 */
async function replay(path: Path, options: { before: AuthorView['kind'] } = { before: 'person' }): Promise<void> {
  // A new asker for each replay keeps every question within the posting limit.
  asker = await register(server.visitor(), 'Frågare');
  const person = await path.person();
  const cookie = person.visitor.cookie();
  const open = await watch(cookie);
  const revived = await watch(cookie);
  const tag = `${path.name} ${counter}`;
  await ask(`${tag}: före`);
  await settle(`${tag}: före`, [open, revived]);
  expect({ open: open.authors.get(`${tag}: före`), revived: revived.authors.get(`${tag}: före`) }).toEqual({
    open: options.before,
    revived: options.before,
  });

  await drop(revived);
  await path.change(person);
  await ask(`${tag}: direkt efter`);
  expect(await closedByServer(open, path.closes ? 3000 : 300), 'the open socket is closed by the server').toBe(path.closes);
  await revive(revived);
  // The revived socket subscribes again on connect, as the real client does; give it its answer.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await ask(`${tag}: senare`);
  await settle(`${tag}: senare`, [open, revived]);

  for (const [label, watcher] of [
    ['open', open],
    ['revived', revived],
  ] as const) {
    const sent = [...watcher.authors].filter(([title]) => title !== `${tag}: före`);
    expect({ socket: label, names: sent.filter(([, kind]) => kind === 'person' && path.afterwards !== 'person') }).toEqual({ socket: label, names: [] });
  }
  expect(revived.authors.get(`${tag}: senare`), 'the revived socket, subscribed again, gets what the person may see now').toBe(path.afterwards);
  if (!path.closes) expect(open.authors.get(`${tag}: senare`), 'the open socket keeps working with the right view').toBe(path.afterwards);
  open.socket.disconnect();
  revived.socket.disconnect();
}

describe('what an open and a revived socket receive after a change of rights', () => {
  beforeAll(async () => {
    server = await startTestServer();
    owner = await register(server.visitor(), 'Ägare', 'buyer');
    B = (await owner.visitor.api.accounts.me.query())?.organisation?.id ?? '';
    asker = await register(server.visitor(), 'Frågare');
    const dialogue = {
      title: 'Fjärrvärme i glesbygd',
      description: 'Vi söker lösningar.',
      arenaId: 'energy-environment' as const,
      phase: 'market-dialogue' as const,
      questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    };
    ({ dialogueId } = await owner.visitor.api.dialogues.create.mutate({ ...dialogue, visibility: 'public' }));
    ({ dialogueId: registeredId } = await owner.visitor.api.dialogues.create.mutate({ ...dialogue, visibility: 'registered' }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const admin = async () => server.moderator();

  const paths: Path[] = [
    { name: 'logout', person: colleagueInB, change: (p) => p.visitor.api.accounts.logout.mutate().then(() => {}), closes: true, afterwards: 'pseudonym' },
    {
      name: 'password change',
      person: colleagueInB,
      change: (p) => p.visitor.api.accounts.changePassword.mutate({ currentPassword: PASSWORD, newPassword: 'ett nytt och ännu längre lösenord' }).then(() => {}),
      closes: true,
      afterwards: 'pseudonym',
    },
    {
      name: 'block',
      person: colleagueInB,
      change: async (p) => void (await (await admin()).api.accounts.block.mutate({ userId: p.userId })),
      closes: true,
      afterwards: 'pseudonym',
    },
    {
      name: 'erasure',
      person: colleagueInB,
      change: (p) => p.visitor.api.accounts.erase.mutate({ password: PASSWORD }).then(() => {}),
      closes: true,
      afterwards: 'pseudonym',
    },
    {
      name: 'removal from the organisation',
      person: colleagueInB,
      change: (p) => owner.visitor.api.organisations.removeMember.mutate({ organisationId: B, userId: p.userId }).then(() => {}),
      closes: true,
      afterwards: 'pseudonym',
    },
    {
      name: 'leaving the organisation',
      person: colleagueInB,
      change: (p) => p.visitor.api.organisations.removeMember.mutate({ organisationId: B, userId: p.userId }).then(() => {}),
      closes: true,
      afterwards: 'pseudonym',
    },
    {
      name: 'acting for another organisation',
      person: colleagueInB,
      change: async (p) => {
        const { organisationId } = await p.visitor.api.organisations.create.mutate({ name: `Sidobolag ${counter}`, kind: 'supplier' });
        await p.visitor.api.organisations.actFor.mutate({ organisationId });
      },
      closes: true,
      afterwards: 'pseudonym',
    },
    {
      name: 'demotion from moderator',
      person: async () => {
        const moderator = await register(server.visitor(), 'Moderator');
        await (await admin()).api.accounts.setModerator.mutate({ email: moderator.email, moderator: true });
        // The role is read at every request, but a socket's at connection: connect after the grant.
        return moderator;
      },
      change: async (p) => void (await (await admin()).api.accounts.setModerator.mutate({ email: p.email, moderator: false })),
      closes: true,
      afterwards: 'pseudonym',
    },
    {
      name: 'membership role change (still a member)',
      person: colleagueInB,
      change: (p) => owner.visitor.api.organisations.setMemberRole.mutate({ organisationId: B, userId: p.userId, role: 'owner' }).then(() => {}),
      closes: false,
      afterwards: 'person',
    },
  ];

  for (const path of paths) {
    it(`after ${path.name}`, async () => {
      await replay(path);
    });
  }

  it('after a co-owner is added, its members get the buyers’ view on the sockets they have open', async () => {
    // A verified buyer organisation C that does not own the dialogue yet: its members see pseudonyms.
    const colleague = await register(server.visitor(), 'Medägare', 'buyer');
    const C = (await colleague.visitor.api.accounts.me.query())?.organisation?.id ?? '';
    await replay(
      {
        name: 'co-owner added',
        person: async () => colleague,
        change: async () => {
          await owner.visitor.api.dialogues.addOwner.mutate({ dialogueId, organisationId: C });
        },
        closes: false,
        afterwards: 'person',
      },
      { before: 'pseudonym' },
    );
  });

  it('after an organisation is verified, its members’ sockets still see only what they may', async () => {
    // Someone who set up a buyer organisation that no moderator has verified yet.
    const person = await register(server.visitor(), 'Kommunanställd');
    const { organisationId } = await person.visitor.api.organisations.create.mutate({ name: `Ny kommun ${counter}`, kind: 'buyer' });
    await person.visitor.api.organisations.actFor.mutate({ organisationId });
    await replay(
      {
        name: 'verification',
        person: async () => person,
        change: async () => void (await (await admin()).api.organisations.verify.mutate({ organisationId })),
        closes: true,
        afterwards: 'pseudonym',
      },
      { before: 'pseudonym' },
    );
  });

  it('moves a socket out of a dialogue that became registered-only: told once, then sent nothing of it, open or revived', async () => {
    asker = await register(server.visitor(), 'Frågare');
    const { dialogueId: turning } = await owner.visitor.api.dialogues.create.mutate({
      title: 'Synligheten ändras',
      description: 'Först öppen för alla.',
      arenaId: 'energy-environment',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
      visibility: 'public',
    });
    // Signed out: sees public dialogues only. A registered supplier keeps seeing it.
    const open = await watch('', turning);
    const revived = await watch('', turning);
    const member = await watch(asker.visitor.cookie(), turning);
    const told: string[] = [];
    open.socket.on('dialogue.access_changed', (event) => told.push(event.dialogueId));
    await ask('synlig: före', turning);
    await settle('synlig: före', [open, revived, member]);
    expect(open.authors.get('synlig: före')).toBe('pseudonym');

    await drop(revived);
    await owner.visitor.api.dialogues.update.mutate({ dialogueId: turning, visibility: 'registered' });
    await ask('synlig: direkt efter', turning);
    await revive(revived);
    expect(await revived.socket.emitWithAck('dialogue.subscribe', { dialogueId: turning })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    await ask('synlig: senare', turning);
    await settle('synlig: senare', [member]);

    expect(told).toEqual([turning]);
    expect(open.socket.connected, 'only the dialogue is out of reach: the socket stays open').toBe(true);
    expect([...open.authors.keys()]).toEqual(['synlig: före']);
    expect([...revived.authors.keys()]).toEqual(['synlig: före']);
    expect(member.authors.get('synlig: senare'), 'someone who may still see it keeps getting it').toBe('pseudonym');
    for (const watcher of [open, revived, member]) watcher.socket.disconnect();
  });

  it('sends a signed-out socket nothing of a registered-only dialogue, open or revived', async () => {
    const person = await colleagueInB();
    const cookie = person.visitor.cookie();
    const open = await watch(cookie, registeredId);
    const revived = await watch(cookie, registeredId);
    await drop(revived);
    await person.visitor.api.accounts.logout.mutate();
    await ask('registrerad: direkt efter', registeredId);
    expect(await closedByServer(open)).toBe(true);
    await revive(revived);
    expect(await revived.socket.emitWithAck('dialogue.subscribe', { dialogueId: registeredId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    await ask('registrerad: senare', registeredId);
    await settle('registrerad: senare', [revived]);
    expect([...open.authors.keys(), ...revived.authors.keys()]).toEqual([]);
    revived.socket.disconnect();
  });

  it('does not restore rooms to a reconnect that presents another connection’s recovery state without a cookie', async () => {
    asker = await register(server.visitor(), 'Frågare');
    const person = await colleagueInB();
    const victim = await watch(person.visitor.cookie());
    await ask('före kapningen');
    await settle('före kapningen', [victim]);
    expect(victim.authors.get('före kapningen')).toBe('person');
    // The buyer's connection drops; whatever recovery state it was given is replayed by someone else.
    await drop(victim);
    const state = victim.socket as unknown as { _pid?: string; _lastOffset?: string };
    const attacker: LiveSocket = connectSocket(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { pid: state._pid ?? 'guessed-pid', offset: state._lastOffset ?? 'guessed-offset' },
    });
    const names: string[] = [];
    attacker.on('thread.changed', (event) => names.push(event.thread.question.author.kind));
    await new Promise<void>((resolve) => attacker.once('connect', () => resolve()));
    expect(attacker.recovered ?? false).toBe(false);
    await ask('kapning');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(names).toEqual([]);
    attacker.disconnect();
  });
});

describe('sessions that expire by themselves close their sockets', () => {
  beforeAll(async () => {
    server = await startTestServer({ SESSION_TTL_HOURS: '3' });
    owner = await register(server.visitor(), 'Ägare', 'buyer');
    B = (await owner.visitor.api.accounts.me.query())?.organisation?.id ?? '';
    asker = await register(server.visitor(), 'Frågare');
    ({ dialogueId } = await owner.visitor.api.dialogues.create.mutate({
      title: 'Snöröjning med drönare',
      description: 'Vi söker lösningar.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
      visibility: 'public',
    }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Time moves for everyone: the owner and the asker sign in again afterwards, as people would. */
  async function signInAgain(person: Person): Promise<void> {
    await person.visitor.api.accounts.login.mutate({ email: person.email, password: PASSWORD });
  }

  it('after two idle hours', async () => {
    const person = await colleagueInB();
    await replay({
      name: 'idle expiry',
      person: async () => person,
      change: async () => {
        server.clock.advance(121 * 60_000);
        await signInAgain(asker);
      },
      closes: true,
      afterwards: 'pseudonym',
    });
  });

  it('closes an idle socket within seconds even when nothing is sent to it', async () => {
    await signInAgain(owner);
    const person = await colleagueInB();
    const open = await watch(person.visitor.cookie());
    server.clock.advance(121 * 60_000);
    expect(await closedByServer(open, 2500)).toBe(true);
    await signInAgain(owner);
  });

  it('after the absolute lifetime, however active the person is over HTTP', async () => {
    await signInAgain(owner);
    await signInAgain(asker);
    const person = await colleagueInB();
    await replay({
      name: 'absolute expiry',
      person: async () => person,
      change: async () => {
        for (let step = 0; step < 2; step += 1) {
          server.clock.advance(95 * 60_000);
          await person.visitor.api.accounts.me.query(); // active: the idle timer never runs out
        }
        await signInAgain(asker);
        expect(await person.visitor.api.accounts.me.query(), 'over HTTP the session has ended').toBeNull();
      },
      closes: true,
      afterwards: 'pseudonym',
    });
  });
});
