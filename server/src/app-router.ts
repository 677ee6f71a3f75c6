import { accountsRouter } from './modules/accounts/router.ts';
import { attachmentsRouter } from './modules/attachments/router.ts';
import { auditRouter } from './modules/audit/router.ts';
import { deadLettersRouter } from './modules/dead-letters/router.ts';
import { arenasRouter } from './modules/arenas/router.ts';
import { libraryRouter } from './modules/library/router.ts';
import { relayRouter } from './modules/relay/router.ts';
import { networksRouter } from './modules/networks/router.ts';
import { networkLiveRouter } from './modules/networks/live-router.ts';
import { consortiaRouter } from './modules/consortia/router.ts';
import { dialoguesRouter } from './modules/dialogues/router.ts';
import { notificationsRouter } from './modules/notifications/router.ts';
import { organisationsRouter } from './modules/organisations/router.ts';
import { publicServiceRouter } from './modules/public-service/router.ts';
import { searchRouter } from './modules/search/router.ts';
import { savedSearchesRouter } from './modules/saved-searches/router.ts';
import { liveRoomRouter } from './modules/sessions/live-router.ts';
import { sessionsRouter } from './modules/sessions/router.ts';
import { calendarRouter } from './modules/calendar/router.ts';
import { meetingsRouter } from './modules/meetings/router.ts';
import { metricsRouter } from './modules/metrics/router.ts';
import { threadsRouter } from './modules/threads/router.ts';
import { router } from './platform/http/trpc.ts';

export const appRouter = router({
  accounts: accountsRouter,
  arenas: arenasRouter,
  organisations: organisationsRouter,
  dialogues: dialoguesRouter,
  threads: threadsRouter,
  sessions: sessionsRouter,
  calendar: calendarRouter,
  attachments: attachmentsRouter,
  meetings: meetingsRouter,
  liveRoom: liveRoomRouter,
  search: searchRouter,
  publicService: publicServiceRouter,
  audit: auditRouter,
  deadLetters: deadLettersRouter,
  notifications: notificationsRouter,
  library: libraryRouter,
  metrics: metricsRouter,
  savedSearches: savedSearchesRouter,
  relay: relayRouter,
  networks: networksRouter,
  networkLive: networkLiveRouter,
  consortia: consortiaRouter,
});

export type AppRouter = typeof appRouter;
