// `pnpm reindex` rebuilds a lost search index from the store — dialogues, and what sessions, the
// library and the relay hold — shows progress, and leaves the indexer's checkpoint where the rebuild
// ended.
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { startApp } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let dataDir: string;
let lastSeq: number;
let libraryItemId: string;

beforeAll(async () => {
  server = await startTestServer();
  dataDir = server.dataDir;
  const buyer = server.visitor();
  await buyer.registerVerified({
    name: 'Rut Rymd',
    email: 'rut@rymd.example',
    password: 'long enough password',
    representation: 'buyer',
    organisationName: 'Rymdstyrelsen',
  });
  for (let i = 0; i < 3; i++) {
    await buyer.api.dialogues.create.mutate({
      title: `Satellitdata för klimatuppföljning ${i}`,
      description: 'Vi söker tjänster för jordobservation.',
      arenaId: 'space',
      phase: 'needs-analysis',
      questionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      visibility: 'public',
    });
  }
  const moderator = await server.moderator();
  const { itemId } = await moderator.api.library.publish.mutate({
    kind: 'guide',
    arenaIds: ['space', 'ict'],
    audiences: ['buyers'],
    language: 'sv',
    visibility: 'public',
    title: 'Vägledning om jordobservation',
    summary: '',
    body: 'Så köper ni jordobservation som tjänst.',
  });
  const withdrawn = await moderator.api.library.publish.mutate({
    kind: 'guide',
    arenaIds: ['space'],
    audiences: ['buyers'],
    language: 'sv',
    visibility: 'public',
    title: 'Äldre vägledning om jordobservation',
    summary: '',
    body: 'Ersatt av en nyare vägledning.',
  });
  await moderator.api.library.withdraw.mutate({ itemId: withdrawn.itemId, reason: 'Ersatt av en nyare.' });
  libraryItemId = itemId;
  lastSeq = await lastEventSeq(server.app.services.store);
  await server.app.dispatcher.drained(lastSeq);
  // Stop without removing the data directory, then lose the search index.
  await server.app.close();
  await rm(path.join(dataDir, 'search'), { recursive: true, force: true });
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm reindex', () => {
  it('rebuilds the index from the store with a progress bar', async () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../src/reindex.ts')], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    // The library item is one document in each of its two arenas; the withdrawn one is not indexed.
    expect(result.stderr).toMatch(/Reindexing \[#+\] 100% 5\/5/);
    expect(result.stdout).toContain(`Indexed 5 documents (3 dialogues, 0 posts, 2 of sessions, meetings, the library and the relay) through event ${lastSeq}.`);
    expect(result.status).toBe(0);

    const config = readConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir }, { clientDist: dataDir });
    const app = await startApp(config, { logger: createLogger('silent') });
    try {
      const hits = await app.services.search.search({ text: 'jordobservation', limit: 10, visibilities: ['public'] });
      expect(hits.total).toBe(4);
      expect(hits.hits.filter((hit) => hit.kind === 'library-item').map((hit) => hit.group)).toEqual([`library:${libraryItemId}`]);
      const checkpoint = await app.services.store.collection('checkpoints').findOne({ _id: 'search-indexer' });
      expect(checkpoint?.seq).toBe(lastSeq);
    } finally {
      await app.close();
    }
  });
});
