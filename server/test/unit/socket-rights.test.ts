// The races behind a socket's rights, made to happen on purpose: store reads are held open while a
// change is committed and announced, then released with what they read before the change. And the
// realtime processor's order: nothing is sent for a later event before a change's sockets are
// re-derived.
import { describe, expect, it } from 'vitest';
import type { Actor, SessionStanding } from '../../src/platform/policy/actor.ts';
import type { DialogueAccessFacts } from '../../src/platform/policy/policy.ts';
import { SocketRights, type LiveAccess, type LiveSessionFacts, type LiveSocket } from '../../src/platform/realtime/socket-rights.ts';
import { LiveRoomPushes } from '../../src/modules/live/live-room-pushes.ts';
import { realtimeProcessor } from '../../src/modules/live/realtime-processor.ts';
import type { RealtimeServer } from '../../src/platform/realtime/socket-server.ts';
import type { DocumentStore } from '../../src/platform/store/document-store.ts';

const buyer: Actor = {
  userId: 'u1',
  name: 'Berit',
  representation: 'buyer',
  organisationId: 'org-b',
  organisationKind: 'buyer',
  organisationVerified: true,
  emailVerified: true,
  platformRole: null,
  sessionId: 's1',
};
const dialogue: DialogueAccessFacts = { visibility: 'public', ownerOrganisationIds: ['org-b'], questionDeadline: '2100-01-01T00:00:00Z' };

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void };
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The store as the live layer reads it, where the test decides when each read answers and with what. */
class HeldAccess implements LiveAccess {
  current: SessionStanding | null = { actor: buyer, validUntil: Date.now() + 3_600_000 };
  held: Deferred<void> | null = null;
  async standing(): Promise<SessionStanding | null> {
    const answer = this.current; // what the store holds when the read starts
    if (this.held) await this.held.promise;
    return answer;
  }
  async dialogue(): Promise<DialogueAccessFacts | null> {
    return dialogue;
  }
  async liveSession(): Promise<LiveSessionFacts | null> {
    return { dialogueId: 'd1', cancelled: false, dialogue };
  }
}

/** Just enough of a socket.io socket and its adapter's rooms. */
class Registry {
  readonly rooms = new Map<string, Set<FakeSocket>>();
  socketsIn = (room: string): LiveSocket[] => [...(this.rooms.get(room) ?? [])] as unknown as LiveSocket[];
  socket(): FakeSocket {
    return new FakeSocket(this);
  }
}

class FakeSocket {
  connected = true;
  rooms = new Set<string>();
  emitted: string[] = [];
  data = { sessionId: 's1' as string | null, actor: null as Actor | null, validUntil: Infinity, derived: false };
  constructor(private readonly registry: Registry) {}
  join(room: string): void {
    this.rooms.add(room);
    let members = this.registry.rooms.get(room);
    if (!members) this.registry.rooms.set(room, (members = new Set()));
    members.add(this);
  }
  leave(room: string): void {
    this.rooms.delete(room);
    this.registry.rooms.get(room)?.delete(this);
  }
  disconnect(): void {
    for (const room of [...this.rooms]) this.leave(room);
    this.connected = false;
  }
  emit(event: string): void {
    this.emitted.push(event);
  }
  get live(): LiveSocket {
    return this as unknown as LiveSocket;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('socket rights under races', () => {
  it('a first derivation that read a session before it ended reads again, even though the change could not find the socket', async () => {
    const access = new HeldAccess();
    const registry = new Registry();
    const rights = new SocketRights(access, registry.socketsIn, () => {});
    const socket = registry.socket();

    access.held = deferred();
    const admitted = rights.admit(socket.live); // reads the live session…
    await tick();
    access.current = null; // …the person logs out…
    await rights.refresh({ userId: buyer.userId }); // …and the change finds no socket in their room yet
    access.held.resolve();
    access.held = null;
    await admitted;

    expect(socket.data.actor).toBeNull();
    expect([...socket.rooms]).toEqual([]);
  });

  for (const topic of ['all', 'rounds'] as const) {
    it(`a subscription (${topic}) that read before a demotion does not leave the socket in the buyers’ room`, async () => {
      const access = new HeldAccess();
      const registry = new Registry();
      const rights = new SocketRights(access, registry.socketsIn, () => {});
      const socket = registry.socket();
      await rights.admit(socket.live);

      access.held = deferred();
      const subscribed = rights.subscribe(socket.live, 'd1', topic);
      await tick();
      access.current = { actor: { ...buyer, organisationId: 'org-other' }, validUntil: Date.now() + 3_600_000 };
      const refreshed = rights.refresh({ userId: buyer.userId });
      access.held.resolve();
      access.held = null;
      await Promise.all([subscribed, refreshed]);

      // The person now acts for another organisation: the socket is closed and in no room.
      expect(socket.connected).toBe(false);
      expect([...socket.rooms]).toEqual([]);
    });
  }

  it('applies one socket’s subscribe and unsubscribe in the order they were asked for', async () => {
    const access = new HeldAccess();
    const registry = new Registry();
    const rights = new SocketRights(access, registry.socketsIn, () => {});
    const socket = registry.socket();
    await rights.admit(socket.live);

    access.held = deferred();
    const subscribed = rights.subscribe(socket.live, 'd1'); // the page opens…
    const unsubscribed = rights.unsubscribe(socket.live, 'd1'); // …and is left before the answer
    access.held.resolve();
    access.held = null;
    await Promise.all([subscribed, unsubscribed]);
    expect([...socket.rooms].filter((room) => room.startsWith('dialogue:'))).toEqual([]);
  });

  it('moves a socket between a dialogue’s rooms in place when the dialogue’s access changes, and says so', async () => {
    const access = new HeldAccess();
    const registry = new Registry();
    const rights = new SocketRights(access, registry.socketsIn, () => {});
    const socket = registry.socket();
    await rights.admit(socket.live);
    expect(await rights.subscribe(socket.live, 'd1')).toEqual({ ok: true });
    expect(socket.rooms.has('dialogue:d1:buyers')).toBe(true);

    dialogue.ownerOrganisationIds = ['org-c'];
    try {
      await rights.refresh({ dialogueId: 'd1' });
    } finally {
      dialogue.ownerOrganisationIds = ['org-b'];
    }
    expect(socket.rooms.has('dialogue:d1:buyers')).toBe(false);
    expect(socket.rooms.has('dialogue:d1:public')).toBe(true);
    expect(socket.emitted).toEqual(['dialogue.access_changed']);
    expect(socket.connected).toBe(true);
  });

  it('moves a round page’s rounds room with the dialogue’s room, leaves each alone on the other’s unsubscribe, and tells the socket once', async () => {
    const access = new HeldAccess();
    const registry = new Registry();
    const rights = new SocketRights(access, registry.socketsIn, () => {});
    const socket = registry.socket();
    await rights.admit(socket.live);
    expect(await rights.subscribe(socket.live, 'd1')).toEqual({ ok: true });
    expect(await rights.subscribe(socket.live, 'd1', 'rounds')).toEqual({ ok: true });
    expect([...socket.rooms].filter((room) => room.startsWith('dialogue:')).sort()).toEqual(['dialogue:d1:buyers', 'dialogue:d1:buyers:rounds']);

    dialogue.ownerOrganisationIds = ['org-c'];
    try {
      await rights.refresh({ dialogueId: 'd1' });
    } finally {
      dialogue.ownerOrganisationIds = ['org-b'];
    }
    expect([...socket.rooms].filter((room) => room.startsWith('dialogue:')).sort()).toEqual(['dialogue:d1:public', 'dialogue:d1:public:rounds']);
    expect(socket.emitted).toEqual(['dialogue.access_changed']);

    await rights.unsubscribe(socket.live, 'd1');
    expect([...socket.rooms].filter((room) => room.startsWith('dialogue:'))).toEqual(['dialogue:d1:public:rounds']);
    await rights.unsubscribe(socket.live, 'd1', 'rounds');
    expect([...socket.rooms].filter((room) => room.startsWith('dialogue:'))).toEqual([]);
  });
});

describe('the realtime processor', () => {
  it('sends nothing for later events until a change’s sockets are re-derived', async () => {
    const refreshed = deferred<void>();
    const rights = {
      refresh: () => refreshed.promise,
      beforeSending: async () => {},
    } as unknown as SocketRights;
    const store = { collection: () => ({ findOne: async () => null, find: async () => [] }) } as unknown as DocumentStore;
    const io = { to: () => ({ emit: () => {} }) } as unknown as RealtimeServer;
    const clock = { now: () => new Date() };
    const liveRooms = new LiveRoomPushes(store, clock, io, rights, () => [], async () => [], () => {});
    const processor = realtimeProcessor(store, clock, io, rights, liveRooms);

    let handled = false;
    const handling = processor
      .handle({ _id: 'evt-1', seq: 1, type: 'account.sessions_ended', at: '', dialogueId: null, subject: { userId: 'u1' } })
      .then(() => (handled = true));
    await tick();
    expect(handled, 'the dispatcher hands over the next event only after this one is handled').toBe(false);
    refreshed.resolve();
    await handling;
    expect(handled).toBe(true);
  });
});
