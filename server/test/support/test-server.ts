// Starts the real server on an ephemeral port, on embedded engines in a fresh data directory, and
// hands out clients that talk to it as a browser does: tRPC over HTTP with a cookie jar, and
// socket.io carrying the same cookie.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, RegisterInput, ServerToClientEvents } from '@dialogforum/contracts';
import type { AppRouter } from '../../src/app-router.ts';
import { startApp, type AppOptions, type RunningApp } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { freePort } from './free-port.ts';
import { mailedToken } from './mailbox.ts';

export const MODERATOR_EMAIL = 'moderator@dialogforum.test';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A clock the test can move forward, to cross a deadline without waiting for it. */
export class TestClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** One line the server logged, parsed (pino's JSON). */
export type LogLine = { level: string; msg: string; requestId?: string } & Record<string, unknown>;

export type TestServer = {
  readonly app: RunningApp;
  /** Stops the app and starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Every line the server has logged so far (at LOG_LEVEL, `info` unless the test sets it), raw. */
  logText(): string;
  logs(): LogLine[];
  url: string;
  clock: TestClock;
  dataDir: string;
  /** A browser-like visitor: its own cookie jar, a tRPC client and socket.io connections. */
  visitor(): Visitor;
  /** The platform's moderator (an admin by ADMIN_EMAILS), signed in. */
  moderator(): Promise<Visitor>;
  /**
   * Resolves once every event processor has handled everything committed so far, including the
   * events processors append themselves (the notifier's): an absence is then not a delay.
   */
  settled(): Promise<void>;
  stop(): Promise<void>;
};

export type Visitor = {
  api: TRPCClient<AppRouter>;
  cookie(): string;
  connect(): Promise<LiveSocket>;
  /**
   * Registers and confirms the e-mail address through the link in the mail, as a person would (the
   * link signs them in), then creates `organisationName` (by default "<name>s organisation") as the
   * newcomer does on "find your organisation or create one" (a buyer organisation for a buyer, else a
   * supplier), and acts for it; a buyer's organisation is then verified by a moderator, as it must be before it publishes.
   */
  registerVerified(input: Omit<RegisterInput, 'language'> & { language?: RegisterInput['language']; organisationName?: string }): Promise<void>;
};

/** `sharedStore`, `socketAdapter` and `leaseTiming` start one node of several (integration/two-nodes.test.ts). */
export async function startTestServer(
  env: Record<string, string> = {},
  options: Pick<AppOptions, 'dispatcher' | 'sharedStore' | 'socketAdapter' | 'leaseTiming' | 'digestCheckMs' | 'sessionClockMs' | 'wrapSearch' | 'liveRoomTiming'> = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-test-'));
  // In production mode only PUBLIC_URL's host is trusted, so it must name the port the server gets.
  const named = env.NODE_ENV === 'production' && env.PUBLIC_URL === undefined ? await freePort() : null;
  const address = named === null ? { PORT: '0' } : { PORT: String(named), PUBLIC_URL: `http://127.0.0.1:${named}` };
  const config = readConfig(
    { NODE_ENV: 'test', ...address, HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_EMAILS: MODERATOR_EMAIL, ...env },
    { clientDist: path.resolve(import.meta.dirname, '../../../client/dist') },
  );
  const clock = new TestClock();
  // The server's log is kept for the test to read; errors are also shown, to explain a failure.
  const logged: string[] = [];
  const logger = createLogger(config.logLevel, {
    write(line: string) {
      logged.push(line);
      if (/"level":"(error|fatal)"/.test(line)) process.stderr.write(line);
    },
  });
  let app = await startApp(config, { ...options, clock, logger });
  const sockets: LiveSocket[] = [];
  let moderator: Promise<Visitor> | null = null;
  /** The platform's moderator (an admin by ADMIN_EMAILS), signed in once and reused. */
  function theModerator(): Promise<Visitor> {
    moderator ??= (async () => {
      const admin = visitor();
      const credentials = { email: MODERATOR_EMAIL, password: 'moderatorns långa lösenord' };
      await admin.api.accounts.register.mutate({ ...credentials, name: 'Mona Moderator', representation: 'supplier' });
      await admin.api.accounts.verifyEmail.mutate({ token: await mailedToken(dataDir, MODERATOR_EMAIL, 'verify-email') });
      // The admin role is granted at the first sign-in after the address is confirmed.
      await admin.api.accounts.login.mutate(credentials);
      return admin;
    })();
    return moderator;
  }

  function visitor(): Visitor {
    let cookie = '';
    const jarFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(input, { ...init, headers });
      const setCookie = response.headers.getSetCookie();
      for (const line of setCookie) {
        const [pair] = line.split(';');
        if (!pair) continue;
        const [name, value] = pair.split('=');
        cookie = value && !/max-age=0/i.test(line) && !/expires=Thu, 01 Jan 1970/i.test(line) ? `${name}=${value}` : '';
      }
      return response;
    };
    const api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${app.url}/trpc`, fetch: jarFetch })] });
    return {
      api,
      cookie: () => cookie,
      registerVerified: async ({ organisationName, ...input }) => {
        // Registration signs nobody in; the mailed confirmation link does, in a browser signed in as nobody.
        await api.accounts.register.mutate(input);
        await api.accounts.verifyEmail.mutate({ token: await mailedToken(dataDir, input.email, 'verify-email') });
        const me = await api.accounts.me.query();
        if (me?.email !== input.email) throw new Error(`registerVerified: not signed in as ${input.email} after confirming`);
        // Someone without an organisation acts for the first one they create.
        const kind = input.representation === 'buyer' ? 'buyer' : 'supplier';
        const { organisationId } = await api.organisations.create.mutate({ name: organisationName ?? `${input.name}s organisation`, kind });
        if (kind === 'buyer') await (await theModerator()).api.organisations.verify.mutate({ organisationId });
      },
      connect: () =>
        new Promise((resolve, reject) => {
          const socket: LiveSocket = connectSocket(app.url, {
            transports: ['websocket'],
            extraHeaders: cookie ? { cookie } : {},
            reconnection: false,
          });
          sockets.push(socket);
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    };
  }

  return {
    get app() {
      return app;
    },
    restart: async () => {
      // The same port and data directory, as after a deploy or a crash: clients reconnect by themselves.
      const port = Number(new URL(app.url).port);
      await app.close();
      app = await startApp({ ...config, port }, { ...options, clock, logger });
    },
    logText: () => logged.join(''),
    logs: () => logged.map((line) => JSON.parse(line) as LogLine),
    url: app.url,
    clock,
    dataDir,
    visitor,
    moderator: theModerator,
    settled: async () => {
      const store = app.services.store;
      for (let last = -1, now = await lastEventSeq(store); now !== last; last = now, now = await lastEventSeq(store)) {
        await app.dispatcher.drained(now);
      }
    },
    stop: async () => {
      for (const socket of sockets) socket.disconnect();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the next event of that name, or fails after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: LiveSocket,
  event: E,
  ms = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    // socket.io-client's typed `once` cannot express the generic listener; the payload type is E's.
    (socket.once as (name: string, listener: (payload: never) => void) => void)(event, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
