// Environment → typed configuration. A wrong value stops the start with one line that names the
// variable and what is wrong with it, before anything is opened or listened on.
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './platform/logging/logger.ts';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine(
      (value) => {
        if (value === undefined) return true;
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** A secret: long and random enough to be one, printable, no spaces; unset is allowed. */
const secretSetting = z
  .string()
  .optional()
  .transform((value) => value || undefined)
  .refine((value) => value === undefined || /^[\x21-\x7e]{32,512}$/.test(value), {
    message: 'must be 32 to 512 printable characters without spaces (e.g. `openssl rand -hex 32`)',
  });

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATA_DIR: z.string().trim().min(1).default('data'),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  MONGODB_URL: optionalUrl(['mongodb:', 'mongodb+srv:']),
  MONGODB_DB: z.string().trim().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1–63 letters, digits, _ or -').default('dialogforum'),
  MEILISEARCH_URL: optionalUrl(['http:', 'https:']),
  MEILISEARCH_KEY: z.string().optional(),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().trim().min(3).default('Dialogforum <no-reply@dialogforum.local>'),
  TRUST_PROXY: booleanFlag,
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(20 * 1024 * 1024),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  ADMIN_EMAILS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((email) => email.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.email({ message: 'must be a comma-separated list of e-mail addresses' }))),
  CLIENT_DIST: z.string().trim().min(1).optional(),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isOrigin, { message: 'must be a comma-separated list of origins such as https://dialogforum.example (scheme, host and port only)' }))),
  RATE_LIMIT_SCALE: z.coerce.number().min(1).max(1_000_000).default(1),
  EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  OPERATOR_TOKEN: secretSetting,
  AUDIT_HASH_KEY: secretSetting,
  DIGEST_TIME: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 07:00')
    .default('07:00'),
  DIGEST_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Stockholm' })
    .default('Europe/Stockholm'),
  OCDS_OCID_PREFIX: z
    .string()
    .trim()
    .regex(/^ocds-[a-z0-9]{6}$/, 'must be the prefix the Open Contracting Partnership registered for you: ocds- and six letters or digits')
    .optional(),
});

/** `https://host[:port]` and nothing more: an origin, as browsers send it in `Origin`. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && value.replace(/\/$/, '').toLowerCase() === url.origin;
  } catch {
    return false;
  }
}

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  publicUrl: string;
  mongodbUrl: string | undefined;
  mongodbDb: string;
  meilisearchUrl: string | undefined;
  meilisearchKey: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** Largest attachment accepted (the upload's body). */
  attachmentMaxBytes: number;
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  /** People who become admins once they have verified this e-mail address. */
  adminEmails: string[];
  /** Origins trusted besides PUBLIC_URL's (other names of the same site); in production the only others. */
  allowedOrigins: string[];
  /** Multiplies every rate limit; only load benchmarks raise it. */
  rateLimitScale: number;
  /** The built client; served when it exists. */
  clientDist: string;
  /** Attempts at one event before a processor puts it on the dead-letter list and moves on. */
  eventMaxAttempts: number;
  logLevel: LogLevel;
  /** Sent as `Authorization: Bearer …`, it opens /readyz's details and /metrics. */
  operatorToken: string | undefined;
  /** Starts every OCDS `ocid` in the JSON export: the publisher's registered prefix. */
  ocdsOcidPrefix: string;
  /**
   * Key of the keyed hash that stands for typed e-mail addresses in events (failed sign-ins); unset:
   * a key generated once into DATA_DIR (platform/events/identifier-hash.ts).
   */
  auditHashKey: string | undefined;
  /** When the daily digest mails go out: a local time of day (HH:MM) in `digestTimeZone`. */
  digestTime: string;
  digestTimeZone: string;
};

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set(['OPERATOR_TOKEN', 'MEILISEARCH_KEY', 'AUDIT_HASH_KEY']);

export function readConfig(env: NodeJS.ProcessEnv, defaults: { clientDist: string }): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    // A secret is not repeated on the terminal (or in the log that collects it); a URL's password neither.
    const got = SECRET_VARIABLES.has(variable) ? undefined : env[variable]?.replace(/(:\/\/)[^\s/@]+@/, '$1[credentials]@');
    throw new ConfigError(
      `Invalid configuration: ${variable} ${describeIssue(issue)}${got === undefined ? '' : ` (got "${got}")`}`,
    );
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    dataDir: path.resolve(c.DATA_DIR),
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    mongodbUrl: c.MONGODB_URL,
    mongodbDb: c.MONGODB_DB,
    meilisearchUrl: c.MEILISEARCH_URL,
    meilisearchKey: c.MEILISEARCH_KEY || undefined,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    trustProxy: c.TRUST_PROXY,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    adminEmails: c.ADMIN_EMAILS,
    allowedOrigins: c.ALLOWED_ORIGINS.map((origin) => new URL(origin).origin),
    rateLimitScale: c.RATE_LIMIT_SCALE,
    clientDist: path.resolve(c.CLIENT_DIST ?? defaults.clientDist),
    eventMaxAttempts: c.EVENT_MAX_ATTEMPTS,
    logLevel: c.LOG_LEVEL,
    operatorToken: c.OPERATOR_TOKEN,
    // Unregistered, and unlike any registered prefix (those have six characters), until one is set.
    ocdsOcidPrefix: c.OCDS_OCID_PREFIX ?? 'ocds-dialogforum',
    auditHashKey: c.AUDIT_HASH_KEY,
    digestTime: c.DIGEST_TIME,
    digestTimeZone: c.DIGEST_TIME_ZONE,
  };
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is invalid';
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'number' ? 'a number' : `of type ${issue.expected}`}`;
    default:
      return issue.message;
  }
}
