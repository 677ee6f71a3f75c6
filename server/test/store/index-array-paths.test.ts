// An index on a path through an array of objects (`members.organisationId`, the consortia's
// members; `history.by`, whose entries a person's data export finds) holds a key per element.
// An update that changes those elements must move the document's keys: a consortium that invites
// an organisation, or an organisation merge that re-points a member, must be found by the new id
// and no longer by the old one, exactly as a scan without the index finds it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore, type EmbeddedDocumentStore } from '../../src/platform/store/embedded-store.ts';
import { OrderedIndex } from '../../src/platform/store/ordered-index.ts';

type Consortium = StoredDocument & { members: { organisationId: string }[]; revision: number };

describe('an index on a path through an array', () => {
  let dir = '';
  let store: EmbeddedDocumentStore | null = null;
  afterEach(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const inTransaction of [false, true]) {
    it(`follows an update of the array's elements${inTransaction ? ' in a transaction' : ''}`, async () => {
      dir = await mkdtemp(join(tmpdir(), 'dialogforum-array-index-'));
      store = await openEmbeddedStore(dir);
      await store.ensureIndexes('consortia', [{ keys: { 'members.organisationId': 1 }, name: 'member' }]);
      const consortia = store.collection<Consortium>('consortia');
      await consortia.insertOne({ _id: 'k', members: [{ organisationId: 'lead' }, { organisationId: 'duplicate' }], revision: 1 });
      const update = { $set: { members: [{ organisationId: 'lead' }, { organisationId: 'survivor' }], revision: 2 } };
      if (inTransaction) await store.withTransaction((scope) => scope.collection<Consortium>('consortia').updateOne({ _id: 'k' }, update));
      else await consortia.updateOne({ _id: 'k' }, update);
      const found = async (organisationId: string) => (await consortia.find({ 'members.organisationId': organisationId })).map((doc) => doc._id);
      expect(await found('survivor')).toEqual(['k']);
      expect(await found('duplicate')).toEqual([]);
      expect(await found('lead')).toEqual(['k']);
      // A change elsewhere in the document keeps the keys as they are.
      await consortia.updateOne({ _id: 'k' }, { $set: { revision: 3 } });
      expect(await found('survivor')).toEqual(['k']);
    });
  }

  it('is built from the documents, not loaded, from keys saved under the earlier rule', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dialogforum-array-index-'));
    const declare = (opened: EmbeddedDocumentStore) => opened.ensureIndexes('consortia', [{ keys: { 'members.organisationId': 1 }, name: 'member' }]);
    // A store compacted by the earlier code: its saved keys name the declaration as it was then.
    const current = Object.getOwnPropertyDescriptor(OrderedIndex.prototype, 'declaration')!;
    Object.defineProperty(OrderedIndex.prototype, 'declaration', {
      configurable: true,
      get(this: OrderedIndex) {
        return JSON.stringify({ keys: this.fields.map((field, i) => [field, this.directions[i]]), unique: this.unique });
      },
    });
    try {
      store = await openEmbeddedStore(dir);
      await declare(store);
      await store.collection<Consortium>('consortia').insertOne({ _id: 'k', members: [{ organisationId: 'lead' }], revision: 1 });
      await store.compact();
      await store.close();
    } finally {
      Object.defineProperty(OrderedIndex.prototype, 'declaration', current);
    }
    store = await openEmbeddedStore(dir);
    await declare(store);
    expect(store.stats).toMatchObject({ indexesFromSavedKeys: 0, indexesBuilt: 1 });
    expect((await store.collection<Consortium>('consortia').find({ 'members.organisationId': 'lead' })).map((doc) => doc._id)).toEqual(['k']);
    // Saved again under the rule now, they are loaded.
    await store.compact();
    await store.close();
    store = await openEmbeddedStore(dir);
    await declare(store);
    expect(store.stats).toMatchObject({ indexesFromSavedKeys: 1, indexesBuilt: 0 });
  });
});
