// Composition: engines, routers, processors and socket.io on one HTTP server and one port.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createServer, type Server as HttpServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { trpcServer } from '@hono/trpc-server';
import { Hono, type Context } from 'hono';
import { serialize as serializeCookie } from 'cookie';
import { getCookie } from 'hono/cookie';
import type { ServerOptions } from 'socket.io';
import { appRouter } from './app-router.ts';
import type { Config } from './config.ts';
import { ensureAccountIndexes } from './modules/accounts/commands.ts';
import { auditProcessor, ensureAuditIndexes } from './modules/audit/audit-processor.ts';
import { releaseErasedAddresses } from './modules/accounts/personal-data.ts';
import { erasureProcessor } from './modules/accounts/erasure-processor.ts';
import { pruneExpiredAccountRecords } from './modules/accounts/retention.ts';
import { actorForToken } from './modules/accounts/queries.ts';
import { SESSION_COOKIE, sessionIdOf } from './modules/accounts/session-token.ts';
import { startBlobSweep } from './modules/attachments/blob-sweep.ts';
import { ensureAttachmentIndexes } from './modules/attachments/commands.ts';
import { downloadRoute } from './modules/attachments/download-route.ts';
import { uploadRoutes } from './modules/attachments/upload-routes.ts';
import { networkFileRoutes } from './modules/networks/library-file-routes.ts';
import { libraryFileRoutes } from './modules/library/file-routes.ts';
import { ensureDialogueIndexes } from './modules/dialogues/commands.ts';
import { exportRoutes } from './modules/exports/export-routes.ts';
import { archivePackageRoute } from './modules/archive-package/package-route.ts';
import { openDataRoutes } from './modules/open-data/routes.ts';
import { liveAccess, roomKinds } from './modules/live/live-access.ts';
import { LiveRoomPushes, type LiveRoomTiming } from './modules/live/live-room-pushes.ts';
import { realtimeProcessor } from './modules/live/realtime-processor.ts';
import { viewCacheProcessor } from './modules/live/view-cache-processor.ts';
import { startDigestScheduler } from './modules/notifications/digest-schedule.ts';
import { ensureLibraryIndexes } from './modules/library/commands.ts';
import { ensureRelayIndexes } from './modules/relay/commands.ts';
import { ensureNetworkIndexes } from './modules/networks/commands.ts';
import { ensureConsortiaIndexes } from './modules/consortia/commands.ts';
import { ensureNotificationIndexes } from './modules/notifications/notification-indexes.ts';
import { notifierProcessor } from './modules/notifications/notifier-processor.ts';
import { metricsProcessor } from './modules/metrics/metrics-processor.ts';
import { meetingsMergeProcessor } from './modules/meetings/merge-processor.ts';
import { relayMergeProcessor } from './modules/relay/merge-processor.ts';
import { libraryMergeProcessor } from './modules/library/merge-processor.ts';
import { networksMergeProcessor } from './modules/networks/merge-processor.ts';
import { networkPlacesOfLeaversProcessor } from './modules/networks/member-left-processor.ts';
import { consortiaMergeProcessor } from './modules/consortia/merge-processor.ts';
import { oneClickUnsubscribe } from './modules/notifications/one-click-unsubscribe.ts';
import { unsubscribeSigner } from './modules/notifications/unsubscribe-token.ts';
import { ensureOrganisationIndexes } from './modules/organisations/commands.ts';
import { FEEDBACK_KEPT_DAYS } from './modules/public-service/feedback-documents.ts';
import { pruneOldFeedback } from './modules/public-service/feedback-commands.ts';
import { ensureFeedbackIndexes } from './modules/public-service/feedback-queries.ts';
import { operatorLogoRoute, operatorMailFooter } from './modules/public-service/operator.ts';
import { ensureServicePages } from './modules/public-service/service-pages.ts';
import { searchIndexerProcessor } from './modules/search/indexer-processor.ts';
import { ensureSavedSearchIndexes } from './modules/saved-searches/saved-search-indexes.ts';
import { ensureThreadIndexes } from './modules/threads/thread-indexes.ts';
import { threadPageQuery } from './modules/threads/thread-page.ts';
import { ensureSessionIndexes } from './modules/sessions/commands.ts';
import { SESSION_CLOCK, startSessionClock } from './modules/sessions/session-clock.ts';
import { calendarRoutes } from './modules/calendar/calendar-routes.ts';
import { ensureCalendarIndexes } from './modules/calendar/feed-commands.ts';
import { ensureMeetingIndexes } from './modules/meetings/round-commands.ts';
import { FastQueryCalls, fastQueries } from './platform/http/fast-query.ts';
import { upgradeThreadDocuments } from './modules/threads/upgrade-documents.ts';
import { openBlobs } from './platform/blobs/open-blobs.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { ensureDeadLetterIndexes, openDeadLettersByProcessor } from './platform/events/dead-letters.ts';
import { EventDispatcher, newNodeId, type DispatcherOptions } from './platform/events/dispatcher.ts';
import { DEFAULT_LEASE_TIMING, ProcessorLease, type LeaseTiming } from './platform/events/processor-lease.ts';
import { ensureEventIndexes, lastEventSeq } from './platform/events/event-log.ts';
import { apiLimits } from './platform/http/api-limits.ts';
import { clientAddress } from './platform/http/client-address.ts';
import { FairQueue } from './platform/http/fair-queue.ts';
import { InFlightLimit, MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS } from './platform/http/in-flight-limit.ts';
import type { RequestContext } from './platform/http/request-context.ts';
import { apiRequestGuard } from './platform/http/request-guard.ts';
import { requestAnswered, requestLog } from './platform/http/request-log.ts';
import { signedOutFrontDoor } from './platform/http/signed-out-front-door.ts';
import { originPolicyFor } from './platform/http/same-origin.ts';
import { requestScheme } from './platform/http/request-scheme.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { staticClient } from './platform/http/static-client.ts';
import { createLogger, type Logger } from './platform/logging/logger.ts';
import { mailProcessor } from './platform/mail/mail-processor.ts';
import { pruneSentMail } from './platform/mail/outbox.ts';
import { openMailer } from './platform/mail/open-mailer.ts';
import { openIdentifierHash } from './platform/events/identifier-hash.ts';
import { directoryBytes } from './platform/operations/directory-size.ts';
import { Metrics } from './platform/operations/metrics.ts';
import { operationsEndpoints } from './platform/operations/operations-endpoints.ts';
import { operatorCheck } from './platform/operations/operator-access.ts';
import { readinessCheck } from './platform/operations/readiness.ts';
import { createRateLimiters } from './platform/rate-limit/rate-limits.ts';
import { openStoreRateLimits } from './platform/rate-limit/store-rate-limits.ts';
import { openMongoCluster } from './platform/realtime/mongo-cluster.ts';
import { createLiveServer, type LiveServer, type RealtimeServer } from './platform/realtime/socket-server.ts';
import { openSearch } from './platform/search/open-search.ts';
import type { SearchIndex } from './platform/search/search-index.ts';
import type { Services } from './platform/services.ts';
import type { DocumentStore } from './platform/store/document-store.ts';
import { openStore } from './platform/store/open-store.ts';
import { ViewCaches } from './platform/cache/view-cache.ts';

/** How often expired sessions, tokens and sent mail are pruned. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export type RunningApp = {
  url: string;
  services: Services;
  dispatcher: EventDispatcher;
  io: RealtimeServer;
  close(): Promise<void>;
};

export type AppOptions = {
  clock?: Clock;
  /** Where the app logs; by default JSON lines on stdout at LOG_LEVEL. */
  logger?: Logger;
  /** Retry timing of the event processors; tests shorten it. */
  dispatcher?: Pick<DispatcherOptions, 'firstRetryMs' | 'maxRetryMs' | 'pollMs'>;
  /** Lease timing behind several nodes; tests of handovers shorten it. */
  leaseTiming?: Partial<LeaseTiming>;
  /**
   * Tests of several nodes: a store that other apps in this process use too. This app neither
   * opens nor closes it, and behaves as one node of several (as every node on MongoDB does).
   */
  sharedStore?: DocumentStore;
  /** Tests of several nodes: how their socket.io servers reach each other (on MongoDB: mongo-cluster.ts). */
  socketAdapter?: ServerOptions['adapter'];
  /** How often the daily digest's time is checked (a minute); tests that move the clock shorten it. */
  digestCheckMs?: number;
  /** How often the sessions' clock looks for due reminders and transitions (5 s); tests shorten it. */
  sessionClockMs?: number;
  /** How long live-room votes wait to share a push, and how often participant counts go out. */
  liveRoomTiming?: LiveRoomTiming;
  /** Fault-injection tests: wraps the search engine the app opened (an outage around the real engine). */
  wrapSearch?: (search: SearchIndex) => SearchIndex;
};

export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const store = options.sharedStore ?? (await openStore({ mongodbUrl: config.mongodbUrl, mongodbDb: config.mongodbDb, dataDir: config.dataDir }));
  // Other nodes may share the store on MongoDB; the embedded store locks its directory to one process.
  const severalNodes = store.engine === 'mongodb' || options.sharedStore !== undefined;
  const opened = await openSearch({
    meilisearchUrl: config.meilisearchUrl,
    meilisearchKey: config.meilisearchKey,
    dataDir: config.dataDir,
    onWarning: (message) => logger.warn(message),
  });
  await ensureLibraryIndexes(store);
  await ensureRelayIndexes(store);
  await ensureNetworkIndexes(store);
  await ensureConsortiaIndexes(store);
  const search = options.wrapSearch ? options.wrapSearch(opened) : opened;
  const mailer = await openMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.mailFrom });
  const blobs = await openBlobs({ mongodbUrl: config.mongodbUrl, mongodbDb: config.mongodbDb, dataDir: config.dataDir });
  await ensureEventIndexes(store);
  await ensureDeadLetterIndexes(store);
  await ensureAccountIndexes(store);
  await releaseErasedAddresses(store);
  await ensureOrganisationIndexes(store);
  await ensureAuditIndexes(store);
  await ensureDialogueIndexes(store);
  await ensureThreadIndexes(store);
  await ensureAttachmentIndexes(store);
  await upgradeThreadDocuments(store);
  await ensureNotificationIndexes(store);
  await ensureSavedSearchIndexes(store);
  await ensureSessionIndexes(store);
  await ensureCalendarIndexes(store);
  await ensureMeetingIndexes(store);
  await ensureFeedbackIndexes(store);
  await ensureServicePages(config.dataDir);

  // Behind several nodes the limits are counted in the store, so that they hold for the service.
  const sharedLimits = severalNodes ? await openStoreRateLimits(store, (error) => logger.error({ err: error }, 'pruning rate-limit counts failed')) : null;
  let dispatcher: EventDispatcher | null = null;
  let live: LiveServer | null = null;
  const services: Services = {
    config,
    store,
    search,
    mailer,
    blobs,
    clock: options.clock ?? systemClock,
    rateLimiters: createRateLimiters(config.rateLimitScale, sharedLimits?.engine),
    logger,
    metrics,
    viewCaches: new ViewCaches(),
    identifierHash: await openIdentifierHash({ key: config.auditHashKey, dataDir: config.dataDir }),
    onCommit: () => {
      dispatcher?.notify();
      live?.tellOtherNodes();
    },
  };

  const sessionRules = { idleMinutes: config.sessionIdleMinutes };
  const http = new Hono();
  const answered = requestAnswered(logger, metrics);
  http.use(requestLog(answered));
  http.use(securityHeaders);
  // Liveness only: it is public, so it tells nothing but that the process answers.
  http.get('/healthz', (c) => c.json({ ok: true }));
  operationsEndpoints(http, {
    isOperator: operatorCheck(config.operatorToken, async (c) => {
      const actor = await actorForToken(store, services.clock, sessionRules, getCookie(c, SESSION_COOKIE));
      return actor?.platformRole === 'admin';
    }),
    readiness: readinessCheck({ store, search, dispatcher: () => dispatcher }),
    metrics,
  });
  http.post('/unsubscribe', oneClickUnsubscribe(services, (c) => clientAddress(c, config.trustProxy)));
  const inFlight = new InFlightLimit(MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS * config.rateLimitScale);
  http.use(
    '/trpc/*',
    apiLimits({
      guard: apiRequestGuard(config),
      actorOf: (c) => actorForToken(store, services.clock, sessionRules, getCookie(c, SESSION_COOKIE)),
      addressOf: (c) => clientAddress(c, config.trustProxy),
      inFlight,
      rateLimiters: services.rateLimiters,
      bodyLimitBytes: config.bodyLimitBytes,
    }),
  );
  const callQueue = new FairQueue();
  const fastQueryCalls = new FastQueryCalls([threadPageQuery(store, services.viewCaches)]);
  http.use('/trpc/*', fastQueries(fastQueryCalls, { callQueue, rateLimiters: services.rateLimiters, metrics }));
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
          requestId: c.get('requestId'),
          actor: c.get('actor'),
          services,
          clientAddress: c.get('clientAddress'),
          responseHeaders: resHeaders,
          callQueue,
          session: {
            start: (token) => setSessionCookie(token, config.sessionTtlHours * 3600),
            end: () => setSessionCookie('', 0),
          },
        };
      },
      onError: ({ error, path, ctx }) => {
        // A failing engine behind a refusal the user understands (SEARCH_UNAVAILABLE) is still the operator's to see.
        if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
          logger.error({ requestId: ctx?.requestId, err: error.cause ?? error, procedure: path ?? '?' }, 'tRPC call failed');
        }
      },
    }),
  );
  // Routes that send or take files rather than JSON: who asks, and from where.
  const fileRouteDeps = {
    services,
    actorOf: (c: Context) => actorForToken(store, services.clock, sessionRules, getCookie(c, SESSION_COOKIE)),
    addressOf: (c: Context) => clientAddress(c, config.trustProxy),
  };
  exportRoutes(http, fileRouteDeps);
  archivePackageRoute(http, fileRouteDeps);
  await operatorLogoRoute(http, config.operator);
  calendarRoutes(http, fileRouteDeps);
  uploadRoutes(http, fileRouteDeps);
  downloadRoute(http, fileRouteDeps);
  networkFileRoutes(http, fileRouteDeps);
  libraryFileRoutes(http, fileRouteDeps);
  openDataRoutes(http, { services, addressOf: (c) => clientAddress(c, config.trustProxy) });
  http.get('*', staticClient(config.clientDist));
  http.notFound((c) => c.json({ error: 'Not found' }, 404));
  http.onError((error, c) => {
    logger.error({ requestId: c.var.requestId, err: error }, 'request failed');
    return c.json({ error: 'Internal error' }, 500);
  });

  // Signed-out visitors' pages asked for before are answered in front of the chain (signed-out-front-door.ts).
  const frontDoor = signedOutFrontDoor({
    calls: fastQueryCalls,
    sessionCookie: SESSION_COOKIE,
    originPolicy: originPolicyFor(config),
    trustProxy: config.trustProxy,
    inFlight,
    rateLimiters: services.rateLimiters,
    callQueue,
    metrics,
    answered,
    onError: (error) => logger.error({ err: error }, 'answering at the front door failed'),
  });
  // What @hono/node-server's serve() does, with the door in front of its listener.
  const server: HttpServer = createServer(frontDoor(getRequestListener(http.fetch, { hostname: config.host })));
  // An idle kept-alive connection is closed by the proxy or client in front, never first by the
  // server: a server closing one just as the next request goes out on it fails that request ("other
  // side closed"; Node's 5 s did so to a test client on a loaded machine). 65 s outlasts the 60 s
  // idle timeout common to proxies and load balancers.
  server.keepAliveTimeout = 65_000;
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Behind several nodes on MongoDB, socket.io's nodes talk through the database too.
  const socketCluster = !options.socketAdapter && severalNodes && config.mongodbUrl ? await openMongoCluster(config.mongodbUrl, config.mongodbDb) : null;
  const socketAdapter = options.socketAdapter ?? socketCluster?.adapter;
  let liveRooms: LiveRoomPushes | null = null;
  live = createLiveServer(server, {
    ...(socketAdapter ? { adapter: socketAdapter } : {}),
    onLiveMembership: (sessionId) => liveRooms?.presenceChanged(sessionId),
    config,
    clock: services.clock,
    access: liveAccess(services),
    roomKinds: roomKinds(services),
    sessionCookie: SESSION_COOKIE,
    sessionIdOf,
    onError: (message, error) => logger.error({ err: error }, message),
  });
  const io = live.io;
  // An event committed through another node: this node's processors look at the log at once.
  live.onOtherNodesCommitted(() => dispatcher?.notify());
  const runningLive = live;
  const nodeId = newNodeId();
  const runningLiveRooms = new LiveRoomPushes(
    store,
    services.clock,
    live.localRooms,
    live.rights,
    live.socketsIn,
    live.roomMembers,
    (message, error) => logger.error({ err: error }, message),
    options.liveRoomTiming,
  );
  liveRooms = runningLiveRooms;
  dispatcher = new EventDispatcher(
    store,
    [
      realtimeProcessor(store, services.clock, live.localRooms, live.rights, runningLiveRooms),
      viewCacheProcessor(services.viewCaches),
      searchIndexerProcessor(store, search),
      mailProcessor(store, mailer, operatorMailFooter(config.operator, config.publicUrl)),
      auditProcessor(store),
      erasureProcessor(store, mailer),
      metricsProcessor(store),
      meetingsMergeProcessor({ store, clock: services.clock, onCommit: services.onCommit }),
      relayMergeProcessor({ store, clock: services.clock, onCommit: services.onCommit }),
      libraryMergeProcessor({ store, clock: services.clock, onCommit: services.onCommit }),
      networksMergeProcessor({ store, clock: services.clock, onCommit: services.onCommit }),
      networkPlacesOfLeaversProcessor({ store, clock: services.clock, onCommit: services.onCommit }),
      consortiaMergeProcessor({ store, clock: services.clock, onCommit: services.onCommit }),
      notifierProcessor({
        store,
        clock: services.clock,
        signer: await unsubscribeSigner(store, services.clock.now()),
        publicUrl: config.publicUrl,
        digestTimeZone: config.digestTimeZone,
        onCommit: services.onCommit,
      }),
    ],
    {
      ...options.dispatcher,
      ...(severalNodes ? { leases: { nodeId, ...(options.leaseTiming ? { timing: options.leaseTiming } : {}) } } : {}),
      maxAttempts: config.eventMaxAttempts,
      onError: (processor, event, error, attempt) => logger.warn({ err: error, processor, event, attempt }, 'event processor failed'),
      onDeadLetter: (processor, event, error) =>
        logger.error({ err: error, processor, event }, 'event processor gave up; the event is on the dead-letter list'),
    },
  );
  dispatcher.start();
  const runningDispatcher = dispatcher;
  const digests = startDigestScheduler(store, services.clock, { time: config.digestTime, timeZone: config.digestTimeZone }, {
    everyMs: options.digestCheckMs ?? 60_000,
    onScheduled: services.onCommit,
    onError: (error) => logger.error({ err: error }, 'scheduling the daily digest failed'),
  });
  const sessionClock = startSessionClock(store, services.clock, {
    everyMs: options.sessionClockMs ?? 5_000,
    lease: severalNodes
      ? new ProcessorLease(store, SESSION_CLOCK, nodeId, { ...DEFAULT_LEASE_TIMING, ...options.leaseTiming }, (error) => logger.warn({ err: error }, 'renewing the session clock lease failed'))
      : null,
    onFired: services.onCommit,
    onError: (error) => logger.error({ err: error }, 'the sessions’ clock failed'),
  });
  const blobSweep = startBlobSweep(store, blobs, services.clock, logger);
  metrics.observe({
    socketConnections: () => io.of('/').sockets.size,
    lastEventSeq: () => lastEventSeq(store),
    processors: async () => {
      const last = await lastEventSeq(store);
      // A processor another node holds the lease of is that node's to report.
      return runningDispatcher.status().filter((processor) => processor.runsHere).map((processor) => ({
        name: processor.name,
        lag: Math.max(0, last - processor.handledThrough),
        retryingAttempts: processor.retrying?.attempts ?? 0,
      }));
    },
    openDeadLetters: () => openDeadLettersByProcessor(store),
    // The embedded store's files live in DATA_DIR/store (README, configuration).
    storeBytes: async () => (store.engine === 'embedded' ? directoryBytes(path.join(config.dataDir, 'store')) : null),
  });
  // Ended logins, expired link tokens and sent mail are deleted hourly (and once now).
  const prune = () =>
    Promise.all([
      pruneExpiredAccountRecords(store, services.clock.now(), config.sessionIdleMinutes),
      pruneSentMail(store, services.clock.now()),
      pruneOldFeedback(store, services.clock.now(), FEEDBACK_KEPT_DAYS),
    ]).catch((error: unknown) => logger.error({ err: error }, 'pruning expired records failed'));
  const pruning = setInterval(prune, PRUNE_EVERY_MS);
  pruning.unref();
  const firstPrune = prune();

  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info(`Dialogforum listening on ${url} (store: ${store.engine}, search: ${search.engine}, mail: ${mailer.engine})`);

  let closing: Promise<void> | null = null;
  return {
    url,
    services,
    dispatcher: runningDispatcher,
    io,
    close: () => {
      closing ??= (async () => {
        // A closing server keeps no connection alive: closing waits for every connection to end, and
        // one whose request was still being answered would otherwise stay open its whole 65 s.
        server.keepAliveTimeout = 1;
        clearInterval(pruning);
        await firstPrune;
        await digests.stop();
        await sessionClock.stop();
        runningLiveRooms.close();
        await runningLive.close();
        await socketCluster?.close();
        server.closeAllConnections?.();
        await runningDispatcher.stop();
        sharedLimits?.close();
        await blobSweep.stop();
        await search.close();
        await mailer.close();
        await blobs.close();
        if (!options.sharedStore) await store.close();
        await new Promise<void>((resolve) => logger.flush(() => resolve()));
      })();
      return closing;
    },
  };
}
