// The open data API (issue 11 §7): read-only, anonymous, for public dialogues, their published
// questions and answers, sessions, arenas' figures and the public library. Query strings are
// checked with these schemas; an unknown parameter is refused, so a typo never silently widens a
// result.
import { z } from 'zod';
import { ARENA_IDS } from './arenas.ts';
import { AUDIENCES, LIBRARY_KINDS } from './library.ts';
import { idSchema, LANGUAGES } from './inputs.ts';
import { monthSchema } from './metrics.ts';

/** An opaque page cursor the API handed out (url-safe base64 of JSON). */
export const openDataCursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);

const limit = z.coerce.number().int().min(1).max(100).default(50);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const openDialoguesQuery = z.strictObject({
  arena: z.enum(ARENA_IDS).optional(),
  /** The archive instead of the current dialogues. */
  archived: flag.default(false),
  cursor: openDataCursor.optional(),
  limit,
});

/** Routes that take no parameters refuse any. */
export const openNoQuery = z.strictObject({});

export const openPageQuery = z.strictObject({ cursor: openDataCursor.optional(), limit });

export const openOcdsQuery = z.strictObject({ language: z.enum(LANGUAGES).optional() });

/** Public relay handovers (issue 11 §3), newest first; optionally of one arena. */
export const openRelaysQuery = z.strictObject({ arena: z.enum(ARENA_IDS).optional(), cursor: openDataCursor.optional(), limit });

/** Public consortia (issue 11 §5), newest first; optionally of one arena. Never one kept to the buyer. */
export const openConsortiaQuery = z.strictObject({ arena: z.enum(ARENA_IDS).optional(), cursor: openDataCursor.optional(), limit });

/** Open opportunities (not withdrawn) anyone may see, newest first; optionally of one arena. */
export const openOpportunitiesQuery = openConsortiaQuery;

export const openLibraryQuery = z.strictObject({
  arena: z.enum(ARENA_IDS).optional(),
  kind: z.enum(LIBRARY_KINDS).optional(),
  audience: z.enum(AUDIENCES).optional(),
  language: z.enum(LANGUAGES).optional(),
  cursor: openDataCursor.optional(),
  limit,
});

/** Innovation metrics: the same filters as the dashboard (arena, buyer organisation, months). */
const metricsFilters = {
  arena: z.enum(ARENA_IDS).optional(),
  buyer: idSchema.optional(),
  from: monthSchema.optional(),
  to: monthSchema.optional(),
};
export const openMetricsQuery = z.strictObject(metricsFilters);
export const openMetricsDialoguesQuery = z.strictObject({ ...metricsFilters, cursor: openDataCursor.optional(), limit });
/** The figures as CSV, one table at a time: by month, arena, buyer or dialogue. */
export const METRICS_TABLES = ['months', 'arenas', 'buyers', 'dialogues'] as const;
export const openMetricsCsvQuery = z.strictObject({ ...metricsFilters, table: z.enum(METRICS_TABLES).default('months') });
