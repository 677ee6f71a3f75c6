// socket.io on the same HTTP server as the API. The handshake's session cookie names the session;
// what the socket may receive is derived from that session's *current* standing by socket-rights.ts
// at connection, at every subscription, when the session would expire, and after every event that
// may change it.
//
// socket.io's connection-state recovery is off on purpose: a recovered socket gets its old rooms
// and the packets it missed in the Socket constructor, before any middleware can ask who it is now,
// so a revived socket of a signed-out buyer would be sent askers' names. A reconnecting client
// subscribes again and refetches instead (client/src/realtime.ts), which never shows a gap.
import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server, type ServerOptions } from 'socket.io';
import { consortiumSubscribeInput, libraryItemSubscribeInput, liveSubscribeInput, networkLiveSubscribeInput, networkSubscribeInput, opportunitySubscribeInput, subscribeInput, type ClientToServerEvents, type ServerToClientEvents, type SubscribeAck } from '@dialogforum/contracts';
import type { Clock } from '../clock.ts';
import type { Config } from '../../config.ts';
import { requestScheme } from '../http/request-scheme.ts';
import { isSameOriginRequest, originPolicyFor } from '../http/same-origin.ts';
import type { Actor } from '../policy/actor.ts';
import type { RoomKindName, RoomKinds } from './room-kinds.ts';
import { parseLiveRoom } from './rooms.ts';
import { SocketRights, type LiveAccess, type LiveRoomMembership, type LiveSocket, type SocketData } from './socket-rights.ts';

/** What nodes tell each other through the cluster adapter (mongo-cluster.ts). */
export type NodeToNodeEvents = {
  /** An event was committed through the sender: look at the log now rather than at the next poll. */
  'events.committed': () => void;
  /** Someone entered or left the session's live room on the sender: the room's count changed. */
  'live.presence_changed': (sessionId: string) => void;
};

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, NodeToNodeEvents, SocketData>;

/**
 * This node's sockets only. Live pushes go through it and never through the cluster adapter:
 * every node runs its own realtime processor for its own sockets, in log order, so a socket's
 * rights are re-derived on its node before anything later is sent to it (docs/architecture.md,
 * "More than one node"). A push through the adapter would reach other nodes' sockets ahead of
 * their re-derivation, and each node would send it again.
 */
export type LocalRooms = Pick<RealtimeServer, 'to'>;

export type LiveServer = {
  io: RealtimeServer;
  localRooms: LocalRooms;
  rights: SocketRights;
  /** This node's sockets in a room. */
  socketsIn(room: string): LiveSocket[];
  /**
   * Who is in any of these rooms on every node (through the cluster adapter behind several nodes):
   * the person of each socket, null for an anonymous one. Rejects when a node does not answer in time.
   */
  roomMembers(rooms: string[]): Promise<(Actor | null)[]>;
  /** Tells the other nodes that an event was committed here (a burst of commits sends one). */
  tellOtherNodes(): void;
  /** Called when another node says it committed an event. */
  onOtherNodesCommitted(handler: () => void): void;
  close(): Promise<void>;
};

export type LiveServerOptions = {
  config: Pick<Config, 'env' | 'publicUrl' | 'allowedOrigins' | 'trustProxy'>;
  clock: Clock;
  access: LiveAccess;
  /** How each kind of a thing's own room (a network's, a consortium's, ...) is checked, as its module says. */
  roomKinds: RoomKinds;
  /** The name of the session cookie and how a token in it names a session (the accounts module's). */
  sessionCookie: string;
  sessionIdOf: (token: string) => string;
  /** Where a failure of a socket's rights check is reported (the app's logger). */
  onError: (message: string, error: unknown) => void;
  /** Behind several nodes, how this node's socket.io reaches the others' (mongo-cluster.ts). */
  adapter?: ServerOptions['adapter'];
  /**
   * Told when a socket enters or leaves a session's live room (the room's participant count), on
   * this node or, behind several nodes, on another.
   */
  onLiveMembership?: LiveRoomMembership;
};

/** How long a node waits for the others to say who is in a room. */
const ROOM_MEMBERS_TIMEOUT_MS = 2000;

/** How often sockets are checked for a session that expired by itself (idle or absolute). */
const EXPIRY_SWEEP_MS = 1000;

export function createLiveServer(httpServer: HttpServer, options: LiveServerOptions): LiveServer {
  const { config, clock } = options;
  const io: RealtimeServer = new Server(httpServer, {
    ...(options.adapter ? { adapter: options.adapter } : {}),
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    // Another site's page must not open a socket with our visitor's cookie (cross-site websocket hijacking).
    allowRequest: (request, callback) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const allowed = isSameOriginRequest(
        {
          origin: header('origin'),
          secFetchSite: header('sec-fetch-site'),
          host: header('host'),
          scheme: requestScheme(
            (request.socket as { encrypted?: boolean }).encrypted ? 'https:' : 'http:',
            header('x-forwarded-proto'),
            config.trustProxy,
          ),
        },
        originPolicyFor(config),
      );
      callback(allowed ? null : 'cross-site connection refused', allowed);
    },
  });

  const sockets = io.of('/').sockets;
  // Called for every room of a dialogue before each push to it: a plain loop, no copies of the room.
  const socketsIn = (room: string): LiveSocket[] => {
    const found: LiveSocket[] = [];
    for (const id of io.of('/').adapter.rooms.get(room) ?? []) {
      const socket = sockets.get(id);
      if (socket !== undefined) found.push(socket);
    }
    return found;
  };
  // A room's count is the room's on every node: the other nodes hear of a change here, and count again.
  const liveMembershipChanged: LiveRoomMembership = (sessionId) => {
    options.onLiveMembership?.(sessionId);
    if (options.adapter) io.serverSideEmit('live.presence_changed', sessionId);
  };
  io.on('live.presence_changed', (sessionId) => {
    if (typeof sessionId === 'string') options.onLiveMembership?.(sessionId);
  });
  const rights = new SocketRights(
    options.access,
    socketsIn,
    options.onError,
    liveMembershipChanged,
    options.roomKinds,
  );

  io.use((socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[options.sessionCookie];
    socket.data = {
      sessionId: token && token.length <= 100 ? options.sessionIdOf(token) : null,
      actor: null,
      validUntil: Infinity,
      derived: false,
    };
    next();
  });

  io.on('connection', (socket) => {
    void rights.admit(socket).catch(() => {});
    socket.on('dialogue.subscribe', (input, ack) => {
      handle(ack, () => {
        const parsed = subscribeInput.safeParse(input);
        if (!parsed.success) return Promise.resolve({ ok: false, appCode: 'VALIDATION' });
        return rights.subscribe(socket, parsed.data.dialogueId, parsed.data.topic ?? 'all');
      });
    });
    socket.on('live.subscribe', (input, ack) => {
      handle(ack, () => {
        const parsed = liveSubscribeInput.safeParse(input);
        if (!parsed.success) return Promise.resolve({ ok: false, appCode: 'VALIDATION' });
        return rights.subscribeLive(socket, parsed.data.sessionId);
      });
    });
    socket.on('live.unsubscribe', (input, ack) => {
      handle(ack, async () => {
        const parsed = liveSubscribeInput.safeParse(input);
        if (!parsed.success) return { ok: false, appCode: 'VALIDATION' };
        await rights.unsubscribeLive(socket, parsed.data.sessionId);
        return { ok: true };
      });
    });
    // A thing's own room of each kind: `<kind>.subscribe` and `<kind>.unsubscribe` with the thing's id.
    for (const kind of ROOM_KIND_NAMES) {
      socket.on(`${kind}.subscribe`, (input, ack) => {
        handle(ack, () => {
          const id = OWN_ROOM_IDS[kind](input);
          return id === null ? Promise.resolve(invalid) : rights.subscribeTo(socket, kind, id);
        });
      });
      socket.on(`${kind}.unsubscribe`, (input, ack) => {
        handle(ack, async () => {
          const id = OWN_ROOM_IDS[kind](input);
          if (id === null) return invalid;
          await rights.unsubscribeFrom(socket, kind, id);
          return { ok: true };
        });
      });
    }
    // A closing socket leaves its live rooms: their participant counts change.
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        const live = parseLiveRoom(room);
        if (live) liveMembershipChanged(live.sessionId);
      }
    });
    socket.on('dialogue.unsubscribe', (input, ack) => {
      handle(ack, async () => {
        const parsed = subscribeInput.safeParse(input);
        if (!parsed.success) return { ok: false, appCode: 'VALIDATION' };
        await rights.unsubscribe(socket, parsed.data.dialogueId, parsed.data.topic ?? 'all');
        return { ok: true };
      });
    });
  });

  const sweep = setInterval(() => {
    void rights.expireDue(sockets.values() as Iterable<LiveSocket>, clock.now().getTime()).catch(() => {});
  }, EXPIRY_SWEEP_MS);
  sweep.unref();

  let telling = false;
  return {
    io,
    localRooms: io.local,
    rights,
    socketsIn,
    roomMembers: async (rooms) => (await io.in(rooms).timeout(ROOM_MEMBERS_TIMEOUT_MS).fetchSockets()).map((socket) => socket.data.actor ?? null),
    tellOtherNodes: () => {
      if (!options.adapter || telling) return;
      telling = true;
      setImmediate(() => {
        telling = false;
        io.serverSideEmit('events.committed');
      });
    },
    onOtherNodesCommitted: (handler) => {
      io.on('events.committed', handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        io.close(() => resolve());
      }),
  };
}

/** Input from a socket is untrusted: a missing ack or a throwing handler must not take the server down. */
const invalid: SubscribeAck = { ok: false, appCode: 'VALIDATION' };

/** How a subscription to each kind of a thing's own room names the thing (contracts' realtime.ts); null when it does not. */
const OWN_ROOM_IDS: Record<RoomKindName, (input: unknown) => string | null> = {
  network: idFrom(networkSubscribeInput, (input) => input.networkId),
  networkLive: idFrom(networkLiveSubscribeInput, (input) => input.sessionId),
  consortium: idFrom(consortiumSubscribeInput, (input) => input.consortiumId),
  opportunity: idFrom(opportunitySubscribeInput, (input) => input.opportunityId),
  libraryItem: idFrom(libraryItemSubscribeInput, (input) => input.itemId),
};
const ROOM_KIND_NAMES = Object.keys(OWN_ROOM_IDS) as RoomKindName[];

function idFrom<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false } }, id: (input: T) => string): (input: unknown) => string | null {
  return (input) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? id(parsed.data) : null;
  };
}

function handle(ack: unknown, work: () => Promise<SubscribeAck>): void {
  const reply = typeof ack === 'function' ? (ack as (result: SubscribeAck) => void) : () => {};
  work().then(reply, () => reply({ ok: false, appCode: 'NOT_FOUND' }));
}
