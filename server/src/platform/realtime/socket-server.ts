// socket.io on the same HTTP server as the API. The connection is authenticated by the same session
// cookie, and joining a dialogue's room asks the policy module, which also decides the audience.
import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server, type Socket } from 'socket.io';
import { subscribeInput, type ClientToServerEvents, type ServerToClientEvents, type SubscribeAck } from '@dialogforum/contracts';
import { actorForToken } from '../../modules/accounts/queries.ts';
import { SESSION_COOKIE } from '../../modules/accounts/session-token.ts';
import { DIALOGUES, type DialogueDocument } from '../../modules/dialogues/documents.ts';
import type { Actor } from '../policy/actor.ts';
import { canViewDialogue } from '../policy/policy.ts';
import { audienceOf } from '../policy/viewer.ts';
import { requestScheme } from '../http/request-scheme.ts';
import { isSameOriginRequest } from '../http/same-origin.ts';
import type { Services } from '../services.ts';
import { dialogueRoom, userRoom } from './rooms.ts';

type SocketData = { actor: Actor | null };
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function createSocketServer(httpServer: HttpServer, services: Services): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    // Short gaps (a train tunnel, a laptop lid) are replayed by socket.io; longer ones resync.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
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
            services.config.trustProxy,
          ),
        },
        new URL(services.config.publicUrl).origin,
      );
      callback(allowed ? null : 'cross-site connection refused', allowed);
    },
  });

  io.use((socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
    actorForToken(services.store, services.clock, { idleMinutes: services.config.sessionIdleMinutes }, token).then(
      (actor) => {
        socket.data.actor = actor;
        if (actor) void socket.join(userRoom(actor.userId));
        next();
      },
      () => next(new Error('session lookup failed')),
    );
  });

  io.on('connection', (socket) => {
    socket.on('dialogue.subscribe', (input, ack) => {
      handle(ack, () => subscribe(services, socket, input));
    });
    socket.on('dialogue.unsubscribe', (input, ack) => {
      handle(ack, async () => {
        const parsed = subscribeInput.safeParse(input);
        if (!parsed.success) return { ok: false, appCode: 'VALIDATION' };
        await socket.leave(dialogueRoom(parsed.data.dialogueId, 'buyers'));
        await socket.leave(dialogueRoom(parsed.data.dialogueId, 'public'));
        return { ok: true };
      });
    });
  });
  return io;
}

async function subscribe(services: Services, socket: RealtimeSocket, input: unknown): Promise<SubscribeAck> {
  const parsed = subscribeInput.safeParse(input);
  if (!parsed.success) return { ok: false, appCode: 'VALIDATION' };
  const dialogue = await services.store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: parsed.data.dialogueId });
  if (!dialogue || !canViewDialogue(socket.data.actor, dialogue)) return { ok: false, appCode: 'NOT_FOUND' };
  await socket.join(dialogueRoom(dialogue._id, audienceOf(socket.data.actor, dialogue)));
  return { ok: true };
}

/** Input from a socket is untrusted: a missing ack or a throwing handler must not take the server down. */
function handle(ack: unknown, work: () => Promise<SubscribeAck>): void {
  const reply = typeof ack === 'function' ? (ack as (result: SubscribeAck) => void) : () => {};
  work().then(reply, (error: unknown) => {
    console.error('socket handler failed', error);
    reply({ ok: false, appCode: 'NOT_FOUND' });
  });
}
