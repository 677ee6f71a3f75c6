// GET /calendar/sessions/:sessionId.ics?language=sv|en — one session as an iCalendar file, for
// whoever may see its dialogue (the session cookie says who; the meeting link only if they are
// registered or host it). GET /calendar/feeds/:token.ics — a subscribed feed, reached by its secret
// token alone: calendar apps send no cookie. Plain GET routes, so a browser saves a file and a
// calendar app can poll; each is charged to the caller's address, a download to the person too,
// a feed to itself (a leaked URL cannot be used to hammer the server).
import { CALENDAR_FEED_TOKEN, idSchema, languageSchema, type AppErrorCode, type Language } from '@dialogforum/contracts';
import type { Context, Hono } from 'hono';
import { AppError } from '../../platform/app-error.ts';
import { apiError } from '../../platform/http/error-shape.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { Services } from '../../platform/services.ts';
import { sessionCalendarEntry } from '../sessions/calendar-entries.ts';
import { attachmentDisposition } from '../../platform/http/content-disposition.ts';
import { downloadName } from '../exports/download-name.ts';
import { feedContent } from './queries.ts';
import { sessionCalendar } from './session-calendar.ts';

export type CalendarRouteDeps = { services: Services; actorOf: (c: Context) => Promise<Actor | null>; addressOf: (c: Context) => string };

/** Every route this module serves (the authorisation matrix has a row for each). */
export const CALENDAR_ROUTES = { session: '/calendar/sessions/:file', feed: '/calendar/feeds/:file' } as const;

const FEED_NAMES: Record<Language, { person: string; dialogue: (title: string) => string }> = {
  sv: { person: 'Mina dialogmöten – Dialogforum', dialogue: (title) => `Dialogmöten: ${title} – Dialogforum` },
  en: { person: 'My dialogue sessions – Dialogforum', dialogue: (title) => `Dialogue sessions: ${title} – Dialogforum` },
};

export function calendarRoutes(http: Hono, deps: CalendarRouteDeps): void {
  http.get(CALENDAR_ROUTES.session, (c) => answering(() => sessionFile(c, deps)));
  http.get(CALENDAR_ROUTES.feed, (c) => answering(() => feedFile(c, deps)));
}

async function sessionFile(c: Context, { services, actorOf, addressOf }: CalendarRouteDeps): Promise<Response> {
  const language = languageSchema.safeParse(c.req.query('language') ?? 'sv');
  if (!language.success) throw new AppError('VALIDATION', 'Invalid calendar query: language is sv or en');
  const actor = await actorOf(c);
  if (actor) await spend(services, 'calendarPerPerson', `user:${actor.userId}`);
  await spend(services, 'calendarPerAddress', `address:${addressOf(c)}`);
  const sessionId = idOf(c.req.param('file'), idSchema) ?? '';
  if (!sessionId) throw new AppError('NOT_FOUND', 'No such session');
  const entry = await sessionCalendarEntry(services.store, actor, sessionId);
  const body = sessionCalendar([entry], { publicUrl: services.config.publicUrl, language: language.data });
  return calendarResponse(body, attachmentDisposition(downloadName([entry.title], 'ics')));
}

async function feedFile(c: Context, { services, addressOf }: CalendarRouteDeps): Promise<Response> {
  await spend(services, 'calendarPerAddress', `address:${addressOf(c)}`);
  const token = idOf(c.req.param('file'), { safeParse: (value: string) => ({ success: CALENDAR_FEED_TOKEN.test(value) }) });
  if (!token) throw new AppError('NOT_FOUND', 'No such calendar');
  const feed = await feedContent(services.store, token);
  await spend(services, 'calendarPerFeed', `feed:${feed.feedId}`);
  const names = FEED_NAMES[feed.language];
  const name = feed.scope === 'person' ? names.person : names.dialogue(feed.dialogueTitle ?? '');
  return calendarResponse(sessionCalendar(feed.entries, { publicUrl: services.config.publicUrl, language: feed.language }, { name }), 'inline');
}

/** `<id>.ics` → the id, when it has the right shape; anything else names nothing. */
function idOf(file: string | undefined, schema: { safeParse: (value: string) => { success: boolean } }): string | null {
  const match = /^(.+)\.ics$/.exec(file ?? '');
  return match?.[1] && schema.safeParse(match[1]).success ? match[1] : null;
}

async function spend(services: Services, limit: 'calendarPerPerson' | 'calendarPerAddress' | 'calendarPerFeed', key: string): Promise<void> {
  const verdict = await services.rateLimiters[limit].take(key, 1);
  if (!verdict.allowed) throw new RateLimited(verdict.retryAfterSeconds);
}

class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', 'Too many calendar requests; try again later');
  }
}

function calendarResponse(body: string, disposition: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': disposition,
      'X-Content-Type-Options': 'nosniff',
      // A calendar may carry a meeting link for this person alone: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
      'X-Robots-Tag': 'noindex',
    },
  });
}

async function answering(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) return refusal(error.appCode, error.message, error instanceof RateLimited ? error.retryAfterSeconds : undefined);
    throw error;
  }
}

function refusal(appCode: AppErrorCode, message: string, retryAfterSeconds?: number): Response {
  const body = apiError(appCode, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: body.error.data.httpStatus, headers });
}
