// The first load over HTTP, against the real server serving the built client: "/" and every script
// and stylesheet it references, fetched as a browser does (`Accept-Encoding: br, gzip`) with a raw
// HTTP client that does not decompress, so the bytes counted are the bytes on the wire. Checks the
// encodings, the caching headers (immutable hashed assets, revalidated index.html, ETags and 304s)
// and that source maps and compressed copies are not public.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { FIRST_LOAD_JS_BUDGET_BYTES, scriptsNamedBy, staticClosure, stylesheetsNamedBy } from './first-load-scripts.ts';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

let server: TestServer;

function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(raw: Raw): string {
  const encoding = raw.headers['content-encoding'];
  const body = encoding === 'br' ? brotliDecompressSync(raw.body) : encoding === 'gzip' ? gunzipSync(raw.body) : raw.body;
  return body.toString('utf8');
}

const BROWSER = { 'accept-encoding': 'br, gzip' };

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('"/" and what it loads', () => {
  it('sends index.html compressed, revalidated every time by its ETag', async () => {
    const page = await get('/', BROWSER);
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.vary).toBe('Accept-Encoding');
    expect(decoded(page)).toContain('<div id="root"></div>');
    const etag = String(page.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get('/', { ...BROWSER, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // A page route is the same document.
    expect(decoded(await get('/search', BROWSER))).toBe(decoded(page));
  });

  it(`sends every script brotli-compressed, cached as immutable, within ${FIRST_LOAD_JS_BUDGET_BYTES / 1000} kB on the wire`, async () => {
    const indexHtml = decoded(await get('/', BROWSER));
    const fetched = new Map<string, Raw>();
    const fetchScript = async (path: string) => {
      const raw = await get(path, BROWSER);
      fetched.set(path, raw);
      return decoded(raw);
    };
    const scripts = await staticClosure(scriptsNamedBy(indexHtml), fetchScript);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    let wire = 0;
    for (const script of scripts) {
      const raw = fetched.get(script);
      expect({ script, status: raw?.status, encoding: raw?.headers['content-encoding'] }).toEqual({ script, status: 200, encoding: 'br' });
      expect(raw?.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(raw?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(raw?.headers.vary).toBe('Accept-Encoding');
      expect(raw?.headers.etag).toMatch(/^"[^"]+-br"$/);
      wire += raw?.body.length ?? 0;
    }
    console.info(`first-load JS on the wire (brotli): ${(wire / 1000).toFixed(1)} kB in ${scripts.length} files`);
    expect(wire).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET_BYTES);

    const [stylesheet] = stylesheetsNamedBy(indexHtml);
    const css = await get(stylesheet ?? '', BROWSER);
    expect({ status: css.status, encoding: css.headers['content-encoding'], cache: css.headers['cache-control'] }).toEqual({
      status: 200,
      encoding: 'br',
      cache: 'public, max-age=31536000, immutable',
    });
  });

  it('sends gzip to a browser without brotli, and the file itself to one that takes neither', async () => {
    const [script] = scriptsNamedBy(decoded(await get('/', BROWSER)));
    const plain = await get(script ?? '');
    const gzip = await get(script ?? '', { 'accept-encoding': 'gzip, deflate' });
    const brRefused = await get(script ?? '', { 'accept-encoding': 'br;q=0, gzip;q=0.8' });
    const anything = await get(script ?? '', { 'accept-encoding': '*' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brRefused.headers['content-encoding']).toBe('gzip');
    expect(anything.headers['content-encoding']).toBe('br');
    expect(decoded(gzip)).toBe(plain.body.toString('utf8'));
    expect(decoded(brRefused)).toBe(plain.body.toString('utf8'));
    expect(gzip.body.length).toBeLessThan(plain.body.length / 2);
    // Each encoding has its own ETag: a cache never answers one with the other.
    expect(new Set([plain.headers.etag, gzip.headers.etag, anything.headers.etag]).size).toBe(3);
    expect((await get(script ?? '', { 'accept-encoding': 'gzip', 'if-none-match': String(gzip.headers.etag) })).status).toBe(304);
    expect((await get(script ?? '', { 'accept-encoding': 'br', 'if-none-match': String(gzip.headers.etag) })).status).toBe(200);
  });

  it('keeps source maps and the compressed copies private', async () => {
    const [script] = scriptsNamedBy(decoded(await get('/', BROWSER)));
    expect(decoded(await get(script ?? '', BROWSER))).not.toContain('sourceMappingURL');
    for (const path of [`${script}.map`, `${script}.br`, `${script}.gz`, '/index.html.br']) {
      const answer = await get(path, BROWSER);
      expect({ path, status: answer.status, type: answer.headers['content-type'] }).toEqual({ path, status: 404, type: 'text/html; charset=utf-8' });
    }
  });
});
