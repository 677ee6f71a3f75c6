// Engine choice (DESIGN.md §4): no MongoDB URL means the embedded engine under DATA_DIR/store.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../../src/platform/store/open-store.ts';

it('opens the embedded engine in its own folder of the data directory when no MongoDB URL is set', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dialogforum-open-store-'));
  try {
    for (const mongodbUrl of [undefined, '']) {
      const store = await openStore({ mongodbUrl, dataDir });
      expect(store.engine).toBe('embedded');
      await store.collection('notes').insertOne({ _id: `n${mongodbUrl ?? 'none'}` });
      await store.close();
    }
    expect(await readdir(dataDir)).toEqual(['store']);
    expect(await readdir(join(dataDir, 'store'))).toEqual(['store.log']);
    const reopened = await openStore({ dataDir });
    expect(await reopened.collection('notes').countDocuments({})).toBe(2);
    await reopened.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
