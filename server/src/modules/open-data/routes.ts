// GET /api/open/v1/… — the open data API (issue 11 §7): read-only, anonymous (no cookie is read,
// so every answer is what anyone may see), JSON, paged with opaque cursors (`next` in the body and
// a Link header), counted per address, and described by the OpenAPI document it serves. Plain Hono
// routes rather than tRPC: integrators expect REST paths, query strings and HTTP caching semantics.
import {
  ARENAS,
  idSchema,
  openDialoguesQuery,
  openLibraryQuery,
  openMetricsCsvQuery,
  openMetricsDialoguesQuery,
  openMetricsQuery,
  openNoQuery,
  openConsortiaQuery,
  openOpportunitiesQuery,
  openOcdsQuery,
  openPageQuery,
  openRelaysQuery,
  type AppErrorCode,
  type ArenaId,
} from '@dialogforum/contracts';
import type { Context, Hono } from 'hono';
import { z, ZodError } from 'zod';
import { AppError } from '../../platform/app-error.ts';
import { apiError } from '../../platform/http/error-shape.ts';
import { fieldIssuesOf } from '../../platform/http/trpc.ts';
import type { Services } from '../../platform/services.ts';
import { arenaView } from '../arenas/queries.ts';
import { openOpportunityPage, publicConsortiumPage } from '../consortia/public-pages.ts';
import { getDialogue, publicDialoguePage } from '../dialogues/queries.ts';
import { qaOcdsRelease } from '../exports/qa-ocds.ts';
import { readQaRecord } from '../exports/qa-record.ts';
import { RECORD_TEXTS } from '../exports/record-texts.ts';
import { filesOfLibraryItems } from '../library/files.ts';
import { getLibraryItem, listLibrary } from '../library/queries.ts';
import { exportPublisher, type ExportPublisher } from '../exports/export-publisher.ts';
import { metricsCsv } from '../metrics/metrics-csv.ts';
import { metricsView } from '../metrics/queries.ts';
import { publicHandoverPage } from '../relay/queries.ts';
import { listSessions } from '../sessions/queries.ts';
import { openApiDocument } from './openapi.ts';
import { openConsortium, openDialogue, openDialogueSummary, openLibraryItem, openOpportunity, openQuestion, openRelayHandover, openSession } from './open-data-views.ts';

export const OPEN_DATA_BASE = '/api/open/v1';

/** Every route the API serves (the OpenAPI document and its test are checked against this list). */
export const OPEN_DATA_ROUTES = {
  openapi: '/openapi.json',
  dialogues: '/dialogues',
  dialogue: '/dialogues/:dialogueId',
  questions: '/dialogues/:dialogueId/questions',
  sessions: '/dialogues/:dialogueId/sessions',
  ocds: '/dialogues/:dialogueId/ocds',
  arenas: '/arenas',
  arena: '/arenas/:arenaId',
  library: '/library',
  libraryItem: '/library/:itemId',
  metrics: '/metrics',
  metricsDialogues: '/metrics/dialogues',
  metricsCsv: '/metrics.csv',
  relays: '/relays',
  consortia: '/consortia',
  opportunities: '/opportunities',
} as const;

export type OpenDataDeps = { services: Services; addressOf: (c: Context) => string };

/** JSON (with `next` for a page of a list), or a download of another type. */
type Answer = { body: unknown; next?: string | null; publisher?: ExportPublisher } | { download: { contentType: string; fileName: string; text: string } };

export function openDataRoutes(http: Hono, deps: OpenDataDeps): void {
  const { store, clock } = deps.services;
  const route = (path: string, answer: (c: Context, base: string) => Promise<Answer>) =>
    http.get(`${OPEN_DATA_BASE}${path}`, (c) => respond(c, deps, answer));

  route(OPEN_DATA_ROUTES.openapi, async (c) => ({ body: openApiDocument(apiBase(c), exportPublisher(deps.services.config.operator)) }));

  route(OPEN_DATA_ROUTES.dialogues, async (c, base) => {
    const query = openDialoguesQuery.parse(c.req.query());
    const after = decodeCursor(query.cursor, z.strictObject({ createdAt: z.iso.datetime(), id: idSchema }));
    const page = await publicDialoguePage(store, { arenaId: query.arena, archived: query.archived, after, limit: query.limit });
    const last = page.dialogues.at(-1);
    return {
      body: page.dialogues.map((dialogue) => openDialogueSummary(dialogue, base)),
      next: page.more && last ? nextUrl(c, encodeCursor({ createdAt: last.createdAt, id: last.id })) : null,
    };
  });

  route(OPEN_DATA_ROUTES.dialogue, async (c, base) => {
    openNoQuery.parse(c.req.query());
    return { body: openDialogue(await getDialogue(store, clock, null, dialogueIdOf(c)), base) };
  });

  route(OPEN_DATA_ROUTES.questions, async (c) => {
    const query = openPageQuery.parse(c.req.query());
    const offset = decodeCursor(query.cursor, z.strictObject({ offset: z.number().int().min(0) }))?.offset ?? 0;
    const record = await readQaRecord(store, clock, null, dialogueIdOf(c));
    // Numbered in publication order, as in every export, so a question keeps its number across pages.
    const page = record.threads.slice(offset, offset + query.limit).map((thread, index) => openQuestion(thread, offset + index + 1));
    const more = offset + query.limit < record.threads.length;
    return { body: page, next: more ? nextUrl(c, encodeCursor({ offset: offset + query.limit })) : null };
  });

  route(OPEN_DATA_ROUTES.sessions, async (c) => {
    openNoQuery.parse(c.req.query());
    return { body: (await listSessions(store, null, dialogueIdOf(c))).map(openSession), next: null };
  });

  route(OPEN_DATA_ROUTES.ocds, async (c) => {
    const query = openOcdsQuery.parse(c.req.query());
    const record = await readQaRecord(store, clock, null, dialogueIdOf(c));
    return { body: qaOcdsRelease(record, RECORD_TEXTS[query.language ?? 'sv'], deps.services.config.ocdsOcidPrefix) };
  });

  route(OPEN_DATA_ROUTES.arenas, async (c) => {
    openNoQuery.parse(c.req.query());
    const views = await Promise.all(ARENAS.map((arena) => arenaView(store, clock, null, arena.id)));
    return { body: views.map((view) => ({ id: view.id, name: view.name, figures: view.figures })), next: null };
  });

  route(OPEN_DATA_ROUTES.arena, async (c, base) => {
    openNoQuery.parse(c.req.query());
    const arenaId = ARENAS.find((arena) => arena.id === c.req.param('arenaId'))?.id;
    if (!arenaId) throw new AppError('NOT_FOUND', 'No such arena');
    const view = await arenaView(store, clock, null, arenaId as ArenaId);
    return {
      body: {
        id: view.id,
        name: view.name,
        figures: view.figures,
        currentDialogues: view.openDialogues.map((dialogue) => openDialogueSummary(dialogue, base)),
        pastDialogues: view.pastDialogues.map((dialogue) => ({
          ...openDialogueSummary(dialogue, base),
          publishedQuestions: dialogue.publishedQuestions,
          answeredQuestions: dialogue.answeredQuestions,
        })),
        upcomingSessions: view.upcomingSessions.map(openSession),
      },
    };
  });

  route(OPEN_DATA_ROUTES.library, async (c, base) => {
    const query = openLibraryQuery.parse(c.req.query());
    const cursor = decodeCursor(query.cursor, z.strictObject({ publishedAt: z.iso.datetime(), id: idSchema }));
    const page = await listLibrary(store, null, {
      arenaId: query.arena,
      kind: query.kind,
      audience: query.audience,
      language: query.language,
      withdrawn: false,
      cursor,
      limit: query.limit,
    });
    const files = await filesOfLibraryItems(store, page.items.map((item) => item.id));
    return { body: page.items.map((item) => openLibraryItem(item, files.get(item.id) ?? [], base)), next: page.next ? nextUrl(c, encodeCursor(page.next)) : null };
  });

  route(OPEN_DATA_ROUTES.libraryItem, async (c, base) => {
    openNoQuery.parse(c.req.query());
    const itemId = c.req.param('itemId') ?? '';
    if (!idSchema.safeParse(itemId).success) throw new AppError('NOT_FOUND', 'No such library item');
    const item = await getLibraryItem(store, null, itemId);
    return { body: { ...openLibraryItem(item, item.files, base), body: item.shown.body, versions: item.versions } };
  });

  route(OPEN_DATA_ROUTES.metrics, async (c) => {
    const query = openMetricsQuery.parse(c.req.query());
    const { dialogues: _rows, ...view } = await metricsView(store, metricsFilterOf(query));
    // A download of the dashboard: it names the agency that publishes the figures (export-publisher.ts).
    return { body: { ...view, publisher: exportPublisher(deps.services.config.operator) } };
  });

  route(OPEN_DATA_ROUTES.metricsDialogues, async (c) => {
    const query = openMetricsDialoguesQuery.parse(c.req.query());
    const offset = decodeCursor(query.cursor, z.strictObject({ offset: z.number().int().min(0) }))?.offset ?? 0;
    const { dialogues } = await metricsView(store, metricsFilterOf(query));
    const more = offset + query.limit < dialogues.length;
    return {
      body: dialogues.slice(offset, offset + query.limit),
      next: more ? nextUrl(c, encodeCursor({ offset: offset + query.limit })) : null,
      publisher: exportPublisher(deps.services.config.operator),
    };
  });

  route(OPEN_DATA_ROUTES.metricsCsv, async (c) => {
    const query = openMetricsCsvQuery.parse(c.req.query());
    const view = await metricsView(store, metricsFilterOf(query));
    return { download: { contentType: 'text/csv; charset=utf-8; header=present', fileName: `dialogforum-metrics-${query.table}.csv`, text: metricsCsv(view, query.table, deps.services.config.operator) } };
  });

  route(OPEN_DATA_ROUTES.relays, async (c, base) => {
    const query = openRelaysQuery.parse(c.req.query());
    const after = decodeCursor(query.cursor, z.strictObject({ publishedAt: z.iso.datetime(), id: idSchema }));
    const page = await publicHandoverPage(store, { arenaId: query.arena, after, limit: query.limit });
    const last = page.projects.at(-1);
    return {
      body: page.projects.map((project) => openRelayHandover(project, base)),
      next: page.more && last?.handoverView ? nextUrl(c, encodeCursor({ publishedAt: last.handoverView.publishedAt, id: last.id })) : null,
    };
  });

  consortiaRoutes(route, store);
}

/** A page of public consortia or open opportunities, with the cursor after its last entry. */
function consortiaRoutes(route: (path: string, answer: (c: Context, base: string) => Promise<Answer>) => unknown, store: Services['store']): void {
  const cursorOf = (cursor: string | undefined) => decodeCursor(cursor, z.strictObject({ at: z.iso.datetime(), id: idSchema }));
  route(OPEN_DATA_ROUTES.consortia, async (c) => {
    const query = openConsortiaQuery.parse(c.req.query());
    const page = await publicConsortiumPage(store, { arenaId: query.arena, after: cursorOf(query.cursor), limit: query.limit });
    return { body: page.entries.map(openConsortium), next: page.more && page.last ? nextUrl(c, encodeCursor(page.last)) : null };
  });
  route(OPEN_DATA_ROUTES.opportunities, async (c, base) => {
    const query = openOpportunitiesQuery.parse(c.req.query());
    const page = await openOpportunityPage(store, { arenaId: query.arena, after: cursorOf(query.cursor), limit: query.limit });
    return { body: page.entries.map((opportunity) => openOpportunity(opportunity, base)), next: page.more && page.last ? nextUrl(c, encodeCursor(page.last)) : null };
  });
}

/** The API's query names (short, as in its other lists) for the metrics' filter. */
function metricsFilterOf(query: { arena?: ArenaId | undefined; buyer?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  return {
    ...(query.arena ? { arenaId: query.arena } : {}),
    ...(query.buyer ? { buyerId: query.buyer } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  };
}

/** An id of the wrong shape names no dialogue: it answers as a missing one does. */
function dialogueIdOf(c: Context): string {
  const dialogueId = c.req.param('dialogueId') ?? '';
  if (!idSchema.safeParse(dialogueId).success) throw new AppError('NOT_FOUND', 'No such dialogue');
  return dialogueId;
}

function apiBase(c: Context): string {
  return `${new URL(c.req.url).origin}${OPEN_DATA_BASE}`;
}

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A cursor this API handed out, or VALIDATION for anything else (never an exception from JSON.parse). */
function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('VALIDATION', 'Invalid cursor');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('VALIDATION', 'Invalid cursor');
  return parsed.data;
}

function nextUrl(c: Context, cursor: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('cursor', cursor);
  return url.toString();
}

const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  // Anyone's scripts may read open data from any origin; no cookie is ever read or set here.
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};

async function respond(c: Context, { services, addressOf }: OpenDataDeps, answer: (c: Context, base: string) => Promise<Answer>): Promise<Response> {
  const verdict = await services.rateLimiters.openDataPerAddress.take(`address:${addressOf(c)}`);
  if (!verdict.allowed) return refusal('RATE_LIMITED', 'Too many requests; try again later', [], verdict.retryAfterSeconds);
  try {
    const answered = await answer(c, apiBase(c));
    if ('download' in answered) {
      const { contentType, fileName, text } = answered.download;
      const headers = { ...HEADERS, 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-cache' };
      return new Response(text, { status: 200, headers });
    }
    const { body, next, publisher } = answered;
    const headers: Record<string, string> = { ...HEADERS, 'Cache-Control': 'no-cache' };
    if (next) headers.Link = `<${next}>; rel="next"`;
    const payload = next === undefined ? body : { data: body, next, ...(publisher ? { publisher } : {}) };
    return new Response(`${JSON.stringify(payload)}\n`, { status: 200, headers });
  } catch (error) {
    if (error instanceof ZodError) return refusal('VALIDATION', 'Invalid query', fieldIssuesOf(error));
    if (error instanceof AppError) return refusal(error.appCode, error.message);
    throw error;
  }
}

function refusal(appCode: AppErrorCode, message: string, fieldIssues: ReturnType<typeof fieldIssuesOf> = [], retryAfterSeconds?: number): Response {
  const shaped = apiError(appCode, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  const body = { error: { ...shaped.error, data: { ...shaped.error.data, fieldIssues } } };
  const headers: Record<string, string> = { ...HEADERS, 'Cache-Control': 'no-store' };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: body.error.data.httpStatus, headers });
}
