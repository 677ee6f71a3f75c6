// Two app nodes on one store, as behind the load balancer of infra/docker-compose.yml. In this
// process they share one embedded store (the only thing between them, as MongoDB is between real
// nodes); with MONGODB_URL set the same suite runs again with each node on its own connection to
// MongoDB. Each node has its own port, data directory (search index, mail files) and sockets.
//
// What must hold: a processor that must run once runs on exactly one node, and another takes it
// over within a bounded time when that node stops, with every mail sent once; every node runs the
// live layer for its own sockets, so a revocation made through one node closes the person's socket
// on the other before the next live message goes out there; and the rate limits count for both.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { MongoClient } from 'mongodb';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorView, LivePresence } from '@dialogforum/contracts';
import type { AppRouter } from '../../src/app-router.ts';
import type { AppOptions } from '../../src/app.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';
import type { DocumentStore } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { inProcessCluster } from '../support/in-process-cluster.ts';
import { mailTo } from '../support/mailbox.ts';
import { startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'ett långt och hemligt lösenord';
/** Short leases so that a handover is quick to watch; a stopped holder releases at once anyway. */
const LEASE_TIMING = { ttlMs: 3000, renewEveryMs: 200, marginMs: 1000 };
/** Processors that must run once, and those every node runs for what it holds itself. */
const LEASED = ['audit', 'mail'];
const EVERY_NODE = ['realtime', 'search-indexer', 'view-cache'];

type Cluster = { a: TestServer; b: TestServer; dispose(): Promise<void> };
type Engine = { name: string; start(): Promise<Cluster> };

/**
 * A node looks at the log by itself only this seldom here: events committed through the other node
 * reach it in time only because that node tells it through socket.io's cluster adapter.
 */
const POLL_MS = 60_000;

async function startNodes(env: Record<string, string>, inProcess?: { sharedStore: DocumentStore; socketAdapter: AppOptions['socketAdapter'] }): Promise<Pick<Cluster, 'a' | 'b'>> {
  const options = { leaseTiming: LEASE_TIMING, dispatcher: { pollMs: POLL_MS }, ...inProcess };
  // The real limits: every request of this file comes from 127.0.0.1, and the nodes share the count.
  const a = await startTestServer(env, options);
  // A takes every lease before B starts, so the mail of the people registered through A is in A's files.
  await until(() => LEASED.every((name) => a.app.dispatcher.status().find((s) => s.name === name)?.runsHere));
  const b = await startTestServer(env, options);
  return { a, b };
}

const embedded: Engine = {
  name: 'one embedded store shared in this process',
  async start() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-two-nodes-'));
    const store = await openEmbeddedStore(dir);
    const { a, b } = await startNodes({}, { sharedStore: store, socketAdapter: inProcessCluster() });
    return {
      a,
      b,
      async dispose() {
        await Promise.all([a.stop(), b.stop()]);
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const mongodbUrl = process.env['MONGODB_URL'];
const mongo: Engine = {
  name: 'MongoDB, a connection per node',
  async start() {
    const db = `dialogforum_nodes_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const { a, b } = await startNodes({ MONGODB_URL: mongodbUrl!, MONGODB_DB: db });
    return {
      a,
      b,
      async dispose() {
        await Promise.all([a.stop(), b.stop()]);
        const client = await MongoClient.connect(mongodbUrl!);
        try {
          await client.db(db).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  },
};

async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function runsHere(node: TestServer, processor: string): boolean {
  return node.app.dispatcher.status().find((s) => s.name === processor)?.runsHere ?? false;
}

/** A socket on one node, subscribed to a dialogue, keeping every question's author it is sent and how often. */
type Watcher = { socket: LiveSocket; authors: Map<string, AuthorView['kind']>; times: Map<string, number>; closedByServer: boolean };

async function watch(node: TestServer, cookie: string, dialogueId: string): Promise<Watcher> {
  const socket: LiveSocket = connectSocket(node.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  const watcher: Watcher = { socket, authors: new Map(), times: new Map(), closedByServer: false };
  socket.on('thread.changed', (event) => {
    if (event.what !== 'asked') return;
    const title = event.thread.title ?? '';
    watcher.authors.set(title, event.thread.question.author.kind);
    watcher.times.set(title, (watcher.times.get(title) ?? 0) + 1);
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') watcher.closedByServer = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
  return watcher;
}

/** The same person (their cookie) calling one node's API, as the load balancer may send them. */
function apiOn(node: TestServer, cookie: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${node.url}/trpc`,
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          headers.set('cookie', cookie);
          return fetch(input, { ...init, headers });
        },
      }),
    ],
  });
}

const engines = mongodbUrl ? [embedded, mongo] : [embedded];

describe.each(engines)('two nodes on $name', (engine) => {
  let cluster: Cluster;
  let counter = 0;

  async function register(visitor: Visitor, label: string, representation: 'buyer' | 'supplier' = 'supplier') {
    counter += 1;
    const email = `person${counter}@nodes.example`;
    await visitor.registerVerified({ name: `${label} ${counter}`, email, password: PASSWORD, representation, organisationName: `${label} AB ${counter}` });
    const me = await visitor.api.accounts.me.query();
    return { visitor, userId: me?.id ?? '', email, organisationId: me?.organisation?.id ?? '' };
  }

  beforeAll(async () => {
    cluster = await engine.start();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('runs each processor that must run once on exactly one node, and the live layer on both', async () => {
    const { a, b } = cluster;
    // Give B a few looks at the leases: it must keep finding them taken.
    await new Promise((resolve) => setTimeout(resolve, 3 * LEASE_TIMING.renewEveryMs));
    for (const name of LEASED) expect({ name, a: runsHere(a, name), b: runsHere(b, name) }).toEqual({ name, a: true, b: false });
    for (const name of EVERY_NODE) expect({ name, a: runsHere(a, name), b: runsHere(b, name) }).toEqual({ name, a: true, b: true });
  });

  it('closes a revoked person’s socket on node B, after a revocation made on node A, before the next live message goes out', async () => {
    const { a, b } = cluster;
    const owner = await register(a.visitor(), 'Ägare', 'buyer');
    const asker = await register(a.visitor(), 'Frågare');
    const colleague = await register(a.visitor(), 'Kollega');
    await colleague.visitor.api.organisations.requestToJoin.mutate({ organisationId: owner.organisationId });
    const view = await owner.visitor.api.organisations.get.query({ organisationId: owner.organisationId });
    const request = view.joinRequests?.find((candidate) => candidate.userId === colleague.userId);
    await owner.visitor.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true });
    await colleague.visitor.api.organisations.actFor.mutate({ organisationId: owner.organisationId });
    const { dialogueId } = await owner.visitor.api.dialogues.create.mutate({
      title: 'Fjärrvärme i glesbygd',
      description: 'Vi söker lösningar.',
      arenaId: 'energy-environment',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
      visibility: 'public',
    });
    // The colleague watches on node B, as does the owner; a supplier watches on node A.
    const colleagueOnB = await watch(b, colleague.visitor.cookie(), dialogueId);
    const ownerOnB = await watch(b, owner.visitor.cookie(), dialogueId);
    const supplierOnA = await watch(a, asker.visitor.cookie(), dialogueId);
    const ask = (title: string) => asker.visitor.api.threads.ask.mutate({ dialogueId, title, body: 'Hur ska leveransen gå till?' });

    // Through node A; node B's sockets are sent it by node B.
    await ask('Före');
    await until(() => colleagueOnB.authors.has('Före') && ownerOnB.authors.has('Före') && supplierOnA.authors.has('Före'));
    expect(colleagueOnB.authors.get('Före')).toBe('person');
    expect(supplierOnA.authors.get('Före')).toBe('pseudonym');
    // Each socket is sent it once, by its own node: the adapter carries no live push.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([colleagueOnB, ownerOnB, supplierOnA].map((watcher) => watcher.times.get('Före'))).toEqual([1, 1, 1]);

    // The owner removes the colleague through node A, and the next question follows at once.
    await owner.visitor.api.organisations.removeMember.mutate({ organisationId: owner.organisationId, userId: colleague.userId });
    await ask('Direkt efter');
    await until(() => ownerOnB.authors.has('Direkt efter'));
    // By the time node B sent the next message, it had closed the colleague's socket, unsent.
    expect(colleagueOnB.closedByServer).toBe(true);
    expect(colleagueOnB.authors.has('Direkt efter')).toBe(false);
    expect(ownerOnB.authors.get('Direkt efter')).toBe('person');
    for (const watcher of [colleagueOnB, ownerOnB, supplierOnA]) watcher.socket.disconnect();
  });

  it('counts a rate limit once for both nodes: what one allowed, the other does not allow again', async () => {
    const { a, b } = cluster;
    const person = await register(a.visitor(), 'Grundare');
    const onA = apiOn(a, person.visitor.cookie());
    const onB = apiOn(b, person.visitor.cookie());
    const found = (api: typeof onA, i: number) => api.organisations.create.mutate({ name: `Grundarbolag ${i}`, kind: 'supplier' });
    // Signing up created the person's organisation, which came out of the same allowance.
    const limit = RATE_LIMIT_RULES.postingPerUser.limit - 1;
    // Half of the person's allowance through each node: all allowed.
    for (let i = 0; i < limit; i++) await found(i % 2 === 0 ? onA : onB, i);
    // The next one is refused by either node, which it would not be if each counted its own half.
    for (const [node, api] of [
      ['A', onA],
      ['B', onB],
    ] as const) {
      const refusal = await found(api, limit).then(
        () => null,
        (error: unknown) => error,
      );
      expect({ node, status: refusal instanceof TRPCClientError ? (refusal.data as { httpStatus?: number }).httpStatus : 'allowed' }).toEqual({ node, status: 429 });
    }
  });

  it('shows a live room’s host everyone in the room, on both nodes, and each node’s participants the same count', async () => {
    const { a, b } = cluster;
    const host = await register(a.visitor(), 'Värd', 'buyer');
    const hostName = `Värd ${counter}`;
    const guest = await register(a.visitor(), 'Gäst');
    const guestName = `Gäst ${counter}`;
    const { dialogueId } = await host.visitor.api.dialogues.create.mutate({
      title: 'Laddinfrastruktur på landsbygden',
      description: 'Vi söker lösningar.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
      visibility: 'public',
    });
    const day = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString().slice(0, 10);
    const { sessionId } = await host.visitor.api.sessions.create.mutate({
      dialogueId,
      title: 'Dialogmöte på två noder',
      startsAt: `${day}T10:00`,
      endsAt: `${day}T11:00`,
      format: 'online',
      meetingLink: 'https://meet.example/noder',
      capacity: 50,
      questionsNeedApproval: false,
    });
    /** A socket in the live room on one node, keeping the participant counts it is sent. */
    const enter = async (node: TestServer, cookie: string) => {
      const socket: LiveSocket = connectSocket(node.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
      const presence: LivePresence[] = [];
      socket.on('live.presence', (event) => presence.push(event));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(await socket.emitWithAck('live.subscribe', { sessionId })).toEqual({ ok: true });
      return { socket, presence, last: () => presence.at(-1) };
    };
    const hostOnA = await enter(a, host.visitor.cookie());
    await until(() => hostOnA.last()?.count === 1);
    // The guest enters on node B: node A's host is told, and counts both.
    const guestOnB = await enter(b, guest.visitor.cookie());
    await until(() => hostOnA.last()?.count === 2 && guestOnB.last()?.count === 2);
    expect(hostOnA.last()?.people?.map((person) => person.name).sort()).toEqual([guestName, hostName].sort());
    expect(guestOnB.last()?.people, 'names are for the hosts').toBeNull();
    // The guest leaves on node B: node A's host is told that too.
    guestOnB.socket.disconnect();
    await until(() => hostOnA.last()?.count === 1);
    hostOnA.socket.disconnect();
  });

  it('hands mail and audit over to node B within a bounded time when node A stops, with every mail sent once', async () => {
    const { a, b } = cluster;
    // Within the 30 registrations an hour that 127.0.0.1 has, shared by both nodes, with the five above.
    const newcomers = Array.from({ length: 20 }, (_, i) => `newcomer${i}-${engine.name.length}@nodes.example`);
    // Registrations keep coming through node B while node A, which sends the mail, stops.
    let stoppedAt = 0;
    const registering = (async () => {
      for (const [i, email] of newcomers.entries()) {
        await b.visitor().api.accounts.register.mutate({ name: `Ny ${i}`, email, password: PASSWORD, representation: 'supplier' });
        if (i === 8) {
          stoppedAt = Date.now();
          // Stopped, not removed: its mail files are read below.
          await a.app.close();
        }
      }
    })();
    await until(() => stoppedAt > 0);
    await until(() => LEASED.every((name) => runsHere(b, name)));
    // A released its leases as it stopped: B needed at most one look (renewEveryMs) to take them.
    expect(Date.now() - stoppedAt).toBeLessThan(LEASE_TIMING.renewEveryMs + 2000);
    await registering;
    await b.app.dispatcher.drained(await lastEventSeq(b.app.services.store));

    // Every confirmation mail went out once: those before the handover from A, the rest from B.
    for (const email of newcomers) {
      const sent = [
        ...(await mailTo(a.dataDir, email, /e-post|e-mail/i, 0)),
        ...(await mailTo(b.dataDir, email, /e-post|e-mail/i, 0)),
      ];
      expect({ email, sent: sent.length }).toEqual({ email, sent: 1 });
    }
    const fromA = (await readdir(path.join(a.dataDir, 'mail'))).length;
    const fromB = (await readdir(path.join(b.dataDir, 'mail'))).length;
    expect(fromA).toBeGreaterThan(0);
    expect(fromB).toBeGreaterThan(0);
    // And the audit log, now kept by B, has every registration in it.
    const audited = await b.app.services.store.collection('auditLog').countDocuments({ action: 'account.registered' });
    expect(audited).toBeGreaterThanOrEqual(newcomers.length);
  });
});
