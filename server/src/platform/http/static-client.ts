// Serves the built React app. Scripts and styles go out compressed: the build writes a brotli and
// a gzip copy of each (client/scripts/precompress.mjs) and the smallest one the browser accepts is
// sent, with `Vary: Accept-Encoding`. Hashed assets (/assets/*) are cached for a year as immutable;
// everything else, index.html above all, is revalidated each time with its ETag (304 when
// unchanged), so a new release is seen at once. Every page route gets index.html, and a path that
// is no page gets index.html with status 404 so the app can say so. Source maps are not public.
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Client routes (see client/src/routes.ts); anything else is a 404 page. */
const PAGE_ROUTES = [
  /^\/$/,
  /^\/dialogues\/new$/,
  /^\/dialogues\/[A-Za-z0-9_-]{8,40}$/,
  /^\/dialogues\/[A-Za-z0-9_-]{8,40}\/edit$/,
  /^\/dialogues\/[A-Za-z0-9_-]{8,40}\/sessions\/new$/,
  /^\/sessions\/[A-Za-z0-9_-]{8,40}$/,
  /^\/dialogues\/[A-Za-z0-9_-]{8,40}\/rounds\/new$/,
  /^\/rounds\/[A-Za-z0-9_-]{8,40}$/,
  /^\/sessions\/[A-Za-z0-9_-]{8,40}\/live$/,
  /^\/search$/,
  /^\/statistics$/,
  /^\/arenas\/[a-z-]{2,40}$/,
  /^\/library\/new$/,
  /^\/library\/[A-Za-z0-9_-]{8,40}$/,
  /^\/library\/[A-Za-z0-9_-]{8,40}\/edit$/,
  /^\/consortia$/,
  /^\/consortia\/profile$/,
  /^\/consortia\/profiles\/[A-Za-z0-9_-]{8,40}$/,
  /^\/consortia\/opportunities\/new$/,
  /^\/consortia\/opportunities\/[A-Za-z0-9_-]{8,40}$/,
  /^\/consortium\/[A-Za-z0-9_-]{8,40}$/,
  /^\/relay\/new$/,
  /^\/relay\/[A-Za-z0-9_-]{8,40}$/,
  /^\/relay\/[A-Za-z0-9_-]{8,40}\/handover$/,
  /^\/networks$/,
  /^\/networks\/[A-Za-z0-9_-]{8,40}$/,
  /^\/networks\/discussions\/[A-Za-z0-9_-]{8,40}$/,
  /^\/networks\/library\/[A-Za-z0-9_-]{8,40}$/,
  /^\/networks\/sessions\/[A-Za-z0-9_-]{8,40}$/,
  /^\/networks\/sessions\/[A-Za-z0-9_-]{8,40}\/live$/,
  /^\/networks\/[A-Za-z0-9_-]{8,40}\/sessions\/new$/,
  /^\/get-started$/,
  /^\/login$/,
  /^\/register$/,
  /^\/verify-email$/,
  /^\/forgot-password$/,
  /^\/reset-password$/,
  /^\/account$/,
  /^\/account\/saved-searches$/,
  /^\/organisations$/,
  /^\/organisations\/[A-Za-z0-9_-]{8,40}$/,
  /^\/invitations\/accept$/,
  /^\/moderation$/,
  /^\/notifications$/,
  /^\/unsubscribe$/,
  /^\/(accessibility|privacy|terms|about)$/,
];

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Build artefacts that are not for the public: source maps, and the compressed copies by name. */
const NOT_PUBLIC = /\.(map|br|gz)$/;

/** Precompressed copies, best first: file suffix and Content-Encoding. */
const ENCODINGS = [
  { suffix: '.br', encoding: 'br' },
  { suffix: '.gz', encoding: 'gzip' },
] as const;

export function staticClient(clientDist: string) {
  const root = path.resolve(clientDist);
  return async (c: Context): Promise<Response> => {
    const urlPath = decodeURIComponentSafe(new URL(c.req.url).pathname);
    if (urlPath !== null && urlPath !== '/' && !urlPath.endsWith('/') && !NOT_PUBLIC.test(urlPath)) {
      const file = path.resolve(root, `.${urlPath}`);
      if (file.startsWith(root + path.sep) && (await isFile(file))) {
        return serveFile(c, file, urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE, 200);
      }
    }
    const index = path.join(root, 'index.html');
    if (!(await isFile(index))) {
      return c.text('The client is not built. Run `pnpm build` (or `pnpm start`, which builds first).', 503);
    }
    const isPage = urlPath !== null && PAGE_ROUTES.some((route) => route.test(urlPath));
    return serveFile(c, index, REVALIDATE, isPage ? 200 : 404);
  };
}

async function serveFile(c: Context, file: string, cacheControl: string, status: 200 | 404): Promise<Response> {
  const accepted = acceptedEncodings(c.req.header('accept-encoding'));
  let chosen: { file: string; encoding: string | null } = { file, encoding: null };
  let hasVariants = false;
  for (const { suffix, encoding } of ENCODINGS) {
    if (!(await isFile(file + suffix))) continue;
    hasVariants = true;
    if (chosen.encoding === null && accepted.has(encoding)) chosen = { file: file + suffix, encoding };
  }
  const info = await stat(chosen.file);
  // Size and modification time name the content (as nginx does); each encoding is its own file.
  const etag = `"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}${chosen.encoding ? `-${chosen.encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    ...(hasVariants ? { Vary: 'Accept-Encoding' } : {}),
    ...(status === 200 ? { ETag: etag } : {}),
  };
  if (status === 200 && matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  if (chosen.encoding) headers['Content-Encoding'] = chosen.encoding;
  return c.body(new Uint8Array(await readFile(chosen.file)), status, headers);
}

/** The content codings the request accepts (q > 0), of those we have copies in. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  let wildcard = false;
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    const ok = q === undefined || Number(q) > 0;
    if (name === '*') wildcard = ok;
    else if (ok) accepted.add(name);
    else refused.add(name);
  }
  if (wildcard) for (const { encoding } of ENCODINGS) if (!refused.has(encoding)) accepted.add(encoding);
  return accepted;
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
