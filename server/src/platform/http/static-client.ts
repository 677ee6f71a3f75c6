// Serves the built React app. Hashed assets are cached for a year; every page route gets
// index.html, and a path that is no page gets index.html with status 404 so the app can say so.
import { readFile, stat } from 'node:fs/promises';
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
  /^\/search$/,
  /^\/login$/,
  /^\/register$/,
  /^\/verify-email$/,
  /^\/forgot-password$/,
  /^\/reset-password$/,
  /^\/account$/,
  /^\/organisations$/,
  /^\/organisations\/[A-Za-z0-9_-]{8,40}$/,
  /^\/invitations\/accept$/,
  /^\/moderation$/,
];

export function staticClient(clientDist: string) {
  const root = path.resolve(clientDist);
  return async (c: Context): Promise<Response> => {
    const urlPath = decodeURIComponentSafe(new URL(c.req.url).pathname);
    if (urlPath !== null && urlPath !== '/' && !urlPath.endsWith('/')) {
      const file = path.resolve(root, `.${urlPath}`);
      if (file.startsWith(root + path.sep) && (await isFile(file))) {
        const body = new Uint8Array(await readFile(file));
        const immutable = urlPath.startsWith('/assets/');
        return c.body(body, 200, {
          'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
      }
    }
    const index = path.join(root, 'index.html');
    if (!(await isFile(index))) {
      return c.text('The client is not built. Run `pnpm build` (or `pnpm start`, which builds first).', 503);
    }
    const isPage = urlPath !== null && PAGE_ROUTES.some((route) => route.test(urlPath));
    return c.body(new Uint8Array(await readFile(index)), isPage ? 200 : 404, {
      'Content-Type': CONTENT_TYPES['.html'] ?? 'text/html',
      'Cache-Control': 'no-cache',
    });
  };
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
