// Environment → typed configuration. A wrong value stops the start with one line that names the
// variable and what is wrong with it, before anything is opened or listened on.
import { statSync } from 'node:fs';
import path from 'node:path';
import { emailSchema, formatOrgNumber, orgNumberSchema } from '@dialogforum/contracts';
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

/** An optional setting: unset and empty are the same. */
const optionalSetting = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined))
    .pipe(schema.optional());

/** One line an agency writes: no control characters, not a novel. */
const operatorLine = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).regex(/^[^\u0000-\u001f\u007f<>]+$/, 'must be one line of text without < or >');

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
  // The operating agency (README, "Operator identity"): shown in the header, footer, mail and exports.
  OPERATOR_NAME: optionalSetting(operatorLine(120)),
  OPERATOR_ORGANISATION_NUMBER: optionalSetting(
    z
      .string()
      .pipe(orgNumberSchema)
      .catch(() => 'invalid')
      .refine((digits) => digits !== 'invalid', { message: 'must be a Swedish organisation number, NNNNNN-NNNN, with a valid check digit' }),
  ),
  OPERATOR_EMAIL: optionalSetting(z.string().pipe(emailSchema).catch('invalid').refine((v) => v !== 'invalid', { message: 'must be an e-mail address' })),
  OPERATOR_POSTAL_ADDRESS: optionalSetting(operatorLine(200)),
  OPERATOR_PHONE: optionalSetting(z.string().regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'must be a phone number, e.g. +46 8 123 456 78')),
  OPERATOR_WEBSITE: optionalUrl(['https:', 'http:']),
  OPERATOR_DPO_EMAIL: optionalSetting(z.string().pipe(emailSchema).catch('invalid').refine((v) => v !== 'invalid', { message: 'must be an e-mail address' })),
  OPERATOR_LOGO: optionalSetting(operatorLine(300)),
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
  /** The agency that runs this service (README, "Operator identity"). */
  operator: OperatorConfig;
};

export type OperatorConfig = {
  name: string;
  /** Formatted NNNNNN-NNNN, Luhn-checked. */
  organisationNumber: string | undefined;
  email: string | undefined;
  postalAddress: string | undefined;
  phone: string | undefined;
  website: string | undefined;
  dpoEmail: string | undefined;
  /** The logo: a file under DATA_DIR (served at /operator/logo) or a path this site serves. */
  logo: { file: string } | { path: string } | undefined;
};

/** Logo files the browser shows and the server serves with a known type; larger ones are refused. */
export const LOGO_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };
const LOGO_MAX_BYTES = 512 * 1024;

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
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    dataDir,
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
    operator: {
      name: c.OPERATOR_NAME ?? 'Dialogforum',
      organisationNumber: c.OPERATOR_ORGANISATION_NUMBER && formatOrgNumber(c.OPERATOR_ORGANISATION_NUMBER),
      email: c.OPERATOR_EMAIL,
      postalAddress: c.OPERATOR_POSTAL_ADDRESS,
      phone: c.OPERATOR_PHONE,
      website: c.OPERATOR_WEBSITE,
      dpoEmail: c.OPERATOR_DPO_EMAIL,
      logo: c.OPERATOR_LOGO === undefined ? undefined : operatorLogo(c.OPERATOR_LOGO, dataDir),
    },
  };
}

/**
 * OPERATOR_LOGO is a file inside DATA_DIR (a relative path), or a path this site serves (`/…`). A
 * logo on another site is refused: every visitor's browser would fetch it, telling that site who
 * reads the service (the privacy notice promises no third party), and the CSP forbids it anyway.
 */
function operatorLogo(value: string, dataDir: string): OperatorConfig['logo'] {
  const fail = (why: string) => {
    throw new ConfigError(`Invalid configuration: OPERATOR_LOGO ${why} (got "${value}")`);
  };
  if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) {
    if (!/^\/[A-Za-z0-9._~/-]+$/.test(value)) fail('must be a path on this site such as /logo.svg, or a file in DATA_DIR');
    return { path: value };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) fail('must be a file in DATA_DIR or a path on this site (/…): a logo on another site would tell it who visits');
  const file = path.resolve(dataDir, value);
  if (!file.startsWith(dataDir + path.sep)) fail('must be a file inside DATA_DIR');
  if (!(path.extname(file).toLowerCase() in LOGO_TYPES)) fail(`must be a ${Object.keys(LOGO_TYPES).join(', ')} file`);
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) fail('must be a file');
    size = stats.size;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    return fail(`names no readable file in DATA_DIR (${file})`);
  }
  if (size > LOGO_MAX_BYTES) fail(`must be at most ${LOGO_MAX_BYTES / 1024} kB`);
  return { file };
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
