// GET /exports/dialogues/:dialogueId/qa.{pdf,csv,json}?language=sv|en — a dialogue's published
// questions and answers as a download, for whoever may see the dialogue (the session cookie says
// who; a dialogue they may not see answers exactly as one that does not exist). Plain GET routes
// rather than tRPC, so the browser saves a file with the right name and type. Each export counts
// against a budget per person and per address, a PDF more than the others: it costs CPU. A HEAD
// would spend it too, so it is refused (get-only.ts).
import { EXPORT_FORMATS, idSchema, qaExportQuery, type AppErrorCode, type ExportFormat, type Language } from '@dialogforum/contracts';
import type { Context, Hono } from 'hono';
import { AppError } from '../../platform/app-error.ts';
import { attachmentDisposition } from '../../platform/http/content-disposition.ts';
import { refusalResponse } from '../../platform/http/error-shape.ts';
import { getOnly } from '../../platform/http/get-only.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { RateLimitVerdict } from '../../platform/rate-limit/rate-limit-counter.ts';
import type { Services } from '../../platform/services.ts';
import { downloadName } from './download-name.ts';
import { qaCsv } from './qa-csv.ts';
import { qaOcdsRelease, qaOcdsReleasePackage } from './qa-ocds.ts';
import { qaPdf } from './qa-pdf.ts';
import { readQaRecord, type QaRecord } from './qa-record.ts';
import { RECORD_TEXTS, type RecordTexts } from './record-texts.ts';

type Format = { contentType: string; cost: number; render: (record: QaRecord, texts: RecordTexts, services: Services) => Promise<Uint8Array<ArrayBuffer> | string> };

/** Where the JSON of a dialogue's record in a language is published: its release package's `uri`. */
const jsonUri = (services: Services, record: QaRecord, texts: RecordTexts) =>
  `${services.config.publicUrl}/exports/dialogues/${record.dialogue.id}/qa.json?language=${texts.language}`;

const FORMATS: Record<ExportFormat, Format> = {
  pdf: { contentType: 'application/pdf', cost: 5, render: async (record, texts, services) => new Uint8Array(await qaPdf(record, texts, services.config.operator)) },
  csv: { contentType: 'text/csv; charset=utf-8; header=present', cost: 1, render: async (record, texts, services) => qaCsv(record, texts, services.config.operator) },
  json: {
    contentType: 'application/json; charset=utf-8',
    cost: 1,
    render: async (record, texts, services) => {
      const release = qaOcdsRelease(record, texts, services.config.ocdsOcidPrefix);
      const releasePackage = qaOcdsReleasePackage(release, services.config.operator, jsonUri(services, record, texts), record.exportedAt);
      return `${JSON.stringify(releasePackage, null, 2)}\n`;
    },
  },
};

export type ExportRouteDeps = { services: Services; actorOf: (c: Context) => Promise<Actor | null>; addressOf: (c: Context) => string };

/** Every route this module serves, by format (the authorisation matrix has a row for each). */
export const QA_EXPORT_ROUTES = Object.fromEntries(EXPORT_FORMATS.map((format) => [format, `/exports/dialogues/:dialogueId/qa.${format}`])) as Record<
  ExportFormat,
  string
>;

export function exportRoutes(http: Hono, deps: ExportRouteDeps): void {
  for (const format of EXPORT_FORMATS) http.get(QA_EXPORT_ROUTES[format], getOnly((c) => exportResponse(c, format, deps)));
}

async function exportResponse(c: Context, format: ExportFormat, { services, actorOf, addressOf }: ExportRouteDeps): Promise<Response> {
  const query = qaExportQuery.safeParse(c.req.query());
  if (!query.success) return refusalResponse('VALIDATION', 'Invalid export query: language is sv or en');
  const actor = await actorOf(c);
  const spent = await spend(services, actor, addressOf(c), FORMATS[format].cost);
  if (!spent.allowed) return refusalResponse('RATE_LIMITED', 'Too many exports; try again later', spent.retryAfterSeconds);

  // An id of the wrong shape names no dialogue: it answers as a missing one does.
  const dialogueId = c.req.param('dialogueId') ?? '';
  let record: QaRecord;
  try {
    if (!idSchema.safeParse(dialogueId).success) throw new AppError('NOT_FOUND', 'No such dialogue');
    record = await readQaRecord(services.store, services.clock, actor, dialogueId);
  } catch (error) {
    if (error instanceof AppError) return refusalResponse(error.appCode, error.message);
    throw error;
  }

  const texts = RECORD_TEXTS[query.data.language ?? preferredLanguage(c.req.header('accept-language'))];
  const body = await FORMATS[format].render(record, texts, services);
  const name = downloadName([texts.title, record.dialogue.title, texts.day(record.exportedAt)], format);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': FORMATS[format].contentType,
      'Content-Disposition': attachmentDisposition(name),
      'X-Content-Type-Options': 'nosniff',
      // A registered-only dialogue's record stays out of shared and disk caches; a public one is the
      // same for everyone, but always asked for again, since it changes with every answer.
      'Cache-Control': record.dialogue.visibility === 'registered' ? 'private, no-store' : 'no-cache',
    },
  });
}

/** Charges the export to the person (when signed in) and to the address; refused if either is spent. */
async function spend(services: Services, actor: Actor | null, address: string, cost: number): Promise<RateLimitVerdict> {
  if (actor) {
    const person = await services.rateLimiters.exportsPerPerson.take(`user:${actor.userId}`, cost);
    if (!person.allowed) return person;
  }
  return services.rateLimiters.exportsPerAddress.take(`address:${address}`, cost);
}

/** Without a `language` in the query: the browser's preferred one of ours, else Swedish. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
      const q = Number(parameters.find((parameter) => parameter.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { primary: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const match = ranked.find((entry) => entry.primary === 'sv' || entry.primary === 'en');
  return match?.primary === 'en' ? 'en' : 'sv';
}
