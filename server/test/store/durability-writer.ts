// Child process of durability.test.ts: writes to an embedded store until it is killed, printing a
// line for every write only after the store acknowledged it.
//   single <id>          one insertOne
//   batch <batchId>      one transaction: <batchSize> inserts and an $inc of the batch counter
//   compacted <n>        (with `compacting`) the store finished its n-th online compaction
// Usage: node --import tsx durability-writer.ts <dir> <batchSize> [compacting]
// In `compacting` mode every write also bumps a heartbeat document, so the log fills with dead
// images and the store compacts it online again and again while the writes go on.

import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';

const WRITERS = 8;

const [dir, batchSizeArgument, mode] = process.argv.slice(2);
const batchSize = Number(batchSizeArgument);
if (dir === undefined || !(batchSize > 0)) throw new Error('usage: durability-writer.ts <dir> <batchSize> [compacting]');
const compacting = mode === 'compacting';
const store = await openEmbeddedStore(dir, compacting ? { compaction: { minDeadImages: 300, ratio: 1.2 } } : {});
if (compacting) {
  let reported = 0;
  setInterval(() => {
    while (reported < store.stats.compactions) process.stdout.write(`compacted ${++reported}\n`);
  }, 5);
}

async function write(writer: number): Promise<never> {
  for (let i = 0; ; i += 1) {
    if (i % 2 === 0) {
      const id = `single-${writer}-${i}`;
      await store.collection('singles').insertOne({ _id: id, writer, payload: 'x'.repeat(i % 300) });
      if (compacting) {
        for (const beat of [1, 2]) {
          await store.collection('heartbeats').updateOne({ _id: `writer-${writer}` }, { $set: { i, beat, pad: 'y'.repeat(200) } }, { upsert: true });
        }
      }
      process.stdout.write(`single ${id}\n`);
    } else {
      const batch = `batch-${writer}-${i}`;
      await store.withTransaction(async (scope) => {
        for (let part = 0; part < batchSize; part += 1) {
          await scope.collection('parts').insertOne({ _id: `${batch}-${part}`, batch });
        }
        await scope.collection('counters').updateOne({ _id: 'batches' }, { $inc: { value: 1 } }, { upsert: true });
      });
      process.stdout.write(`batch ${batch}\n`);
    }
  }
}

await Promise.all(Array.from({ length: WRITERS }, (_, writer) => write(writer)));
