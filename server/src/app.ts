// Composition: engines, routers, processors and socket.io on one HTTP server and one port.
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serialize as serializeCookie } from 'cookie';
import { getCookie } from 'hono/cookie';
import { appRouter } from './app-router.ts';
import type { Config } from './config.ts';
import { ensureAccountIndexes } from './modules/accounts/commands.ts';
import { auditProcessor, ensureAuditIndexes } from './modules/audit/audit-processor.ts';
import { releaseErasedAddresses } from './modules/accounts/personal-data.ts';
import { actorForToken } from './modules/accounts/queries.ts';
import { SESSION_COOKIE, sessionIdOf } from './modules/accounts/session-token.ts';
import { ensureDialogueIndexes } from './modules/dialogues/commands.ts';
import { liveAccess } from './modules/live/live-access.ts';
import { realtimeProcessor } from './modules/live/realtime-processor.ts';
import { ensureOrganisationIndexes } from './modules/organisations/commands.ts';
import { searchIndexerProcessor } from './modules/search/indexer-processor.ts';
import { ensureThreadIndexes } from './modules/threads/commands.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { ensureDeadLetterIndexes } from './platform/events/dead-letters.ts';
import { EventDispatcher, type DispatcherOptions } from './platform/events/dispatcher.ts';
import { ensureEventIndexes } from './platform/events/event-log.ts';
import { batchLimit } from './platform/http/batch-limit.ts';
import { clientAddress } from './platform/http/client-address.ts';
import { apiError } from './platform/http/error-shape.ts';
import type { RequestContext } from './platform/http/request-context.ts';
import { apiRequestGuard } from './platform/http/request-guard.ts';
import { requestScheme } from './platform/http/request-scheme.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { staticClient } from './platform/http/static-client.ts';
import { mailProcessor } from './platform/mail/mail-processor.ts';
import { openMailer } from './platform/mail/open-mailer.ts';
import { createRateLimiters } from './platform/rate-limit/rate-limits.ts';
import { createLiveServer, type RealtimeServer } from './platform/realtime/socket-server.ts';
import { openSearch } from './platform/search/open-search.ts';
import type { Services } from './platform/services.ts';
import { openStore } from './platform/store/open-store.ts';

export type RunningApp = {
  url: string;
  services: Services;
  dispatcher: EventDispatcher;
  io: RealtimeServer;
  close(): Promise<void>;
};

export type AppOptions = {
  clock?: Clock;
  log?: (line: string) => void;
  /** Retry timing of the event processors; tests shorten it. */
  dispatcher?: Pick<DispatcherOptions, 'firstRetryMs' | 'maxRetryMs' | 'pollMs'>;
};

export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? ((line: string) => console.log(line));
  const store = await openStore({ mongodbUrl: config.mongodbUrl, mongodbDb: config.mongodbDb, dataDir: config.dataDir });
  const search = await openSearch({ meilisearchUrl: config.meilisearchUrl, meilisearchKey: config.meilisearchKey, dataDir: config.dataDir });
  const mailer = await openMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.mailFrom });
  await ensureEventIndexes(store);
  await ensureDeadLetterIndexes(store);
  await ensureAccountIndexes(store);
  await releaseErasedAddresses(store);
  await ensureOrganisationIndexes(store);
  await ensureAuditIndexes(store);
  await ensureDialogueIndexes(store);
  await ensureThreadIndexes(store);

  let dispatcher: EventDispatcher | null = null;
  const services: Services = {
    config,
    store,
    search,
    mailer,
    clock: options.clock ?? systemClock,
    rateLimiters: createRateLimiters(config.rateLimitScale),
    onCommit: () => dispatcher?.notify(),
  };

  const sessionRules = { idleMinutes: config.sessionIdleMinutes };
  const http = new Hono();
  http.use(securityHeaders);
  // Liveness only: it is public, so it tells nothing but that the process answers.
  http.get('/healthz', (c) => c.json({ ok: true }));
  http.use('/trpc/*', apiRequestGuard(config));
  http.use('/trpc/*', batchLimit);
  const limitBody = bodyLimit({
    maxSize: config.bodyLimitBytes,
    // The rest of the body is not read, so the connection cannot carry another request: say so,
    // rather than have the client's next request on it fail as a network error.
    onError: (c) => c.json(apiError('PAYLOAD_TOO_LARGE', 'Request body too large'), 413, { Connection: 'close' }),
  });
  // Queries come as GET without a body; checking one would make the adapter build a full Request.
  http.use('/trpc/*', (c, next) => (c.req.method === 'GET' ? next() : limitBody(c, next)));
  http.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      createContext: async ({ resHeaders }, c): Promise<RequestContext> => {
        const secure = requestScheme(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy) === 'https';
        // tRPC builds its own Response, so the cookie goes on the headers it is handed.
        const setSessionCookie = (value: string, maxAge: number) =>
          resHeaders.append(
            'Set-Cookie',
            serializeCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge }),
          );
        return {
          actor: await actorForToken(store, services.clock, sessionRules, getCookie(c, SESSION_COOKIE)),
          services,
          clientAddress: clientAddress(c, config.trustProxy),
          responseHeaders: resHeaders,
          session: {
            start: (token) => setSessionCookie(token, config.sessionTtlHours * 3600),
            end: () => setSessionCookie('', 0),
          },
        };
      },
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed`, error.cause ?? error);
      },
    }),
  );
  http.get('*', staticClient(config.clientDist));
  http.notFound((c) => c.json({ error: 'Not found' }, 404));
  http.onError((error, c) => {
    console.error('request failed', error);
    return c.json({ error: 'Internal error' }, 500);
  });

  const server = serve({ fetch: http.fetch, port: config.port, hostname: config.host }) as HttpServer;
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const live = createLiveServer(server, {
    config,
    clock: services.clock,
    access: liveAccess(services),
    sessionCookie: SESSION_COOKIE,
    sessionIdOf,
  });
  const io = live.io;
  dispatcher = new EventDispatcher(
    store,
    [realtimeProcessor(store, services.clock, io, live.rights), searchIndexerProcessor(store, search), mailProcessor(store, mailer), auditProcessor(store)],
    {
      ...options.dispatcher,
      maxAttempts: config.eventMaxAttempts,
      onError: (processor, seq, error) => console.error(`processor ${processor} failed on event ${seq}; retrying`, error),
      onDeadLetter: (processor, seq) => console.error(`processor ${processor} gave up on event ${seq}: it is on the dead-letter list`),
    },
  );
  dispatcher.start();

  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log(`Dialogforum listening on ${url} (store: ${store.engine}, search: ${search.engine}, mail: ${mailer.engine})`);

  let closing: Promise<void> | null = null;
  const runningDispatcher = dispatcher;
  return {
    url,
    services,
    dispatcher: runningDispatcher,
    io,
    close: () => {
      closing ??= (async () => {
        await live.close();
        server.closeAllConnections?.();
        await runningDispatcher.stop();
        await search.close();
        await mailer.close();
        await store.close();
      })();
      return closing;
    },
  };
}
