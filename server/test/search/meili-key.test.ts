// The Meilisearch engine never runs with a key that can manage keys (issue 10 §5). No Meilisearch
// runs on the development machines, so a small HTTP server stands in for it here (it is outside the
// product): it answers GET /keys as Meilisearch does — the list for the master key (or an admin
// key), 403 `invalid_api_key` for a key without `keys.get` — and accepts the index's creation and
// settings as enqueued tasks that have succeeded. The real client talks to it over HTTP.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMeiliSearch, SearchKeyRefused } from '../../src/platform/search/meili-search.ts';
import { openSearch } from '../../src/platform/search/open-search.ts';

const MASTER_KEY = 'the-master-key-of-this-instance';
const LIMITED_KEY = 'a-key-for-search-and-documents';

const requests: string[] = [];
let taskUid = 0;
const fake = createServer((request: IncomingMessage, response: ServerResponse) => {
  const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  const url = new URL(request.url ?? '/', 'http://meilisearch');
  requests.push(`${request.method} ${url.pathname} ${key === MASTER_KEY ? 'master' : key === LIMITED_KEY ? 'limited' : 'none'}`);
  const json = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (key !== MASTER_KEY && key !== LIMITED_KEY) return json(401, { message: 'The Authorization header is missing.', code: 'missing_authorization_header', type: 'auth', link: '' });
  if (url.pathname === '/keys') {
    if (key !== MASTER_KEY) return json(403, { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth', link: '' });
    return json(200, { results: [], offset: 0, limit: Number(url.searchParams.get('limit') ?? 20), total: 0 });
  }
  const now = new Date().toISOString();
  const task = (uid: number) => ({ taskUid: uid, uid, indexUid: 'dialogforum', status: 'succeeded', type: 'indexCreation', details: {}, error: null, duration: 'PT0S', enqueuedAt: now, startedAt: now, finishedAt: now });
  const taskPath = /^\/tasks\/(\d+)$/.exec(url.pathname);
  if (request.method === 'GET' && taskPath) return json(200, task(Number(taskPath[1])));
  if ((request.method === 'POST' && url.pathname === '/indexes') || (request.method === 'PATCH' && url.pathname === '/indexes/dialogforum/settings')) {
    request.resume();
    return json(202, { ...task((taskUid += 1)), status: 'enqueued' });
  }
  return json(404, { message: 'not here', code: 'not_found', type: 'invalid_request', link: '' });
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => fake.close(() => resolve()));
});

describe('the Meilisearch key', () => {
  it('is refused at start when it can manage keys (the master key), before anything is written', async () => {
    requests.length = 0;
    const refused = await openSearch({ meilisearchUrl: url, meilisearchKey: MASTER_KEY, dataDir: '/nonexistent' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SearchKeyRefused);
    expect((refused as Error).message).toMatch(/^Refusing to start: MEILISEARCH_KEY can manage Meilisearch API keys .* set MEILISEARCH_KEY to it\.$/);
    expect((refused as Error).message).toContain('search, documents.add, documents.delete');
    // One look at the keys, and nothing after it: no index made, no settings changed.
    expect(requests).toEqual(['GET /keys master']);
  });

  it('is used when it is limited: the index and its settings are made at start', async () => {
    requests.length = 0;
    const search = await openMeiliSearch(url, LIMITED_KEY);
    expect(search.engine).toBe('meilisearch');
    expect(requests[0]).toBe('GET /keys limited');
    expect(requests).toContain('POST /indexes limited');
    expect(requests).toContain('PATCH /indexes/dialogforum/settings limited');
    expect(requests.some((line) => line.endsWith('master'))).toBe(false);
    await search.close();
  });
});
