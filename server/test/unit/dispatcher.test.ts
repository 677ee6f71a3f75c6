// The event backbone on the embedded store: gap-free sequences committed with their state, ordered
// at-least-once delivery, per-processor checkpoints, and a failing processor that neither blocks
// the others nor loses an event, and a poisoned event that goes to the dead-letter list.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventDispatcher } from '../../src/platform/events/dispatcher.ts';
import { DEAD_LETTERS, deadLetterId, type DeadLetterDocument } from '../../src/platform/events/dead-letters.ts';
import { appendEvent, ensureEventIndexes, lastEventSeq, readEventsAfter, type DomainEvent } from '../../src/platform/events/event-log.ts';
import type { EventProcessor } from '../../src/platform/events/processor.ts';
import type { DocumentStore } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { SharedEventReads } from '../../src/platform/events/shared-event-reads.ts';

let dir: string;
let store: DocumentStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dispatcher-'));
  store = await openEmbeddedStore(dir);
  await ensureEventIndexes(store);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function commit(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await store.withTransaction(async (scope) => {
      await scope.collection('notes').insertOne({ _id: `note-${i}-${Math.random()}`, i });
      await appendEvent(scope, 'dialogue.created', `d${i}`, { i: String(i) }, new Date().toISOString());
    });
  }
}

/** Until every processor of the dispatcher has found where it starts. */
async function running(dispatcher: EventDispatcher): Promise<void> {
  while (!dispatcher.status().every((processor) => processor.runsHere)) await new Promise((resolve) => setTimeout(resolve, 5));
}

function recorder(name: string, seen: number[], fail?: (event: DomainEvent, attempt: number) => boolean): EventProcessor {
  const attempts = new Map<number, number>();
  return {
    name,
    async handle(event) {
      const attempt = (attempts.get(event.seq) ?? 0) + 1;
      attempts.set(event.seq, attempt);
      if (fail?.(event, attempt)) throw new Error(`${name} fails on ${event.seq}`);
      seen.push(event.seq);
    },
  };
}

describe('event log', () => {
  it('numbers events without gaps, also when transactions roll back or run concurrently', async () => {
    await commit(3);
    await expect(
      store.withTransaction(async (scope) => {
        await appendEvent(scope, 'dialogue.created', 'x', {}, new Date().toISOString());
        throw new Error('command refused after appending');
      }),
    ).rejects.toThrow('command refused');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.withTransaction((scope) => appendEvent(scope, 'thread.created', 'd', { i: String(i) }, new Date().toISOString())),
      ),
    );
    const seqs = (await store.collection<DomainEvent>('events').find({}, { sort: { seq: 1 } })).map((event) => event.seq);
    expect(seqs).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(await lastEventSeq(store)).toBe(23);
    expect(await store.collection('notes').countDocuments({})).toBe(3);
  });
});

describe('reading the event log', () => {
  it('reads the next events in order, however many there are and wherever the read starts', async () => {
    await commit(20);
    const seqs = async (after: number, limit: number) => (await readEventsAfter(store, after, limit)).map((event) => event.seq);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    expect(await seqs(0, 200)).toEqual(range(1, 20));
    expect(await seqs(3, 10)).toEqual(range(4, 13));
    expect(await seqs(12, 8)).toEqual(range(13, 20));
    expect(await seqs(11, 200)).toEqual(range(12, 20));
    expect(await seqs(19, 200)).toEqual([20]);
    expect(await seqs(20, 200)).toEqual([]);
    expect(await seqs(0, 1)).toEqual([1]);
  });
});

describe('dispatcher', () => {
  it('delivers every event in order to every processor and checkpoints each', async () => {
    await commit(5);
    const a: number[] = [];
    const b: number[] = [];
    const dispatcher = new EventDispatcher(store, [recorder('a', a), recorder('b', b)], { pollMs: 20 });
    dispatcher.start();
    await dispatcher.drained(5);
    await commit(3);
    dispatcher.notify();
    await dispatcher.drained(8);
    await dispatcher.stop();
    expect(a).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(b).toEqual(a);
    const checkpoints = await store.collection('checkpoints').find({}, { sort: { _id: 1 } });
    expect(checkpoints.map((c) => [c._id, c.seq])).toEqual([
      ['a', 8],
      ['b', 8],
    ]);
  });

  it('retries a failing processor with backoff without blocking the others or skipping the event', async () => {
    await commit(4);
    const healthy: number[] = [];
    const flaky: number[] = [];
    const errors: number[] = [];
    // Event 2 fails three times, then succeeds.
    const dispatcher = new EventDispatcher(
      store,
      [recorder('healthy', healthy), recorder('flaky', flaky, (event, attempt) => event.seq === 2 && attempt <= 3)],
      { pollMs: 20, firstRetryMs: 20, maxAttempts: 4, onError: (_name, seq) => errors.push(seq) },
    );
    const started = Date.now();
    dispatcher.start();
    await dispatcher.drained(4);
    await dispatcher.stop();
    expect(healthy).toEqual([1, 2, 3, 4]);
    expect(flaky).toEqual([1, 2, 3, 4]);
    expect(errors).toEqual([2, 2, 2]);
    // Backoff doubles: 20 + 40 + 80 ms at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('resumes after the checkpoint when restarted', async () => {
    await commit(3);
    const first: number[] = [];
    const one = new EventDispatcher(store, [recorder('p', first)], { pollMs: 20 });
    one.start();
    await one.drained(3);
    await one.stop();
    await commit(2);
    const second: number[] = [];
    const two = new EventDispatcher(store, [recorder('p', second)], { pollMs: 20 });
    two.start();
    await two.drained(5);
    await two.stop();
    expect(first).toEqual([1, 2, 3]);
    expect(second).toEqual([4, 5]);
  });

  it('runs a processor for connected clients only from the end of the log, with no checkpoint to write or wait for', async () => {
    await commit(3);
    const seen: number[] = [];
    /** Starts the processor, then commits `events` more, and stops once it has handled them. */
    const runWhileCommitting = async (events: number) => {
      const dispatcher = new EventDispatcher(store, [{ ...recorder('live', seen), placement: 'every-node', forConnectedOnly: true }], { pollMs: 20, checkpointEveryMs: 0 });
      dispatcher.start();
      await running(dispatcher);
      await commit(events);
      dispatcher.notify();
      await dispatcher.drained(await lastEventSeq(store));
      await dispatcher.stop();
    };
    await runWhileCommitting(2);
    // Events before its start are for nobody connected now; after it, each one in order.
    expect(seen).toEqual([4, 5]);
    // No durable write on its path: a checkpoint's commit once a second held every live push.
    expect(await store.collection('checkpoints').findOne({ _id: 'live' })).toBeNull();
    await commit(1);
    await runWhileCommitting(1);
    expect(seen).toEqual([4, 5, 7]);
  });

  it('lets a processor resume earlier than its checkpoint, for an index that lost writes', async () => {
    await commit(4);
    const seen: number[] = [];
    const warmup = new EventDispatcher(store, [recorder('index', [])], { pollMs: 20 });
    warmup.start();
    await warmup.drained(4);
    await warmup.stop();
    const replaying = new EventDispatcher(store, [{ ...recorder('index', seen), resumeFrom: async () => 2 }], { pollMs: 20 });
    replaying.start();
    await replaying.drained(4);
    await replaying.stop();
    expect(seen).toEqual([3, 4]);
  });

  it('releases no one waiting for an event while a processor has yet to say where it resumes', async () => {
    await commit(4);
    const warmup = new EventDispatcher(store, [recorder('index', [])], { pollMs: 20 });
    warmup.start();
    await warmup.drained(4);
    await warmup.stop();
    const seen: number[] = [];
    let resume: (seq: number) => void = () => undefined;
    const replaying = new EventDispatcher(store, [{ ...recorder('index', seen), resumeFrom: () => new Promise<number>((resolve) => (resume = resolve)) }], { pollMs: 20 });
    replaying.start();
    await running(replaying);
    // Asked while the index is still finding what it holds: events 3 and 4 are to be handled again first.
    const drained = replaying.drained(4).then(() => [...seen]);
    resume(2);
    expect(await drained).toEqual([3, 4]);
    await replaying.stop();
  });

  it('gives up on an event after maxAttempts: a dead letter with its error, and the processor moves on', async () => {
    await commit(4);
    const seen: number[] = [];
    const deadLetters: number[] = [];
    const started = Date.now();
    const dispatcher = new EventDispatcher(
      store,
      [
        {
          name: 'mail',
          async handle(event) {
            if (event.seq === 2) throw Object.assign(new Error('550 5.1.1 <gone@example.se>: mailbox unavailable'), { code: 'EENVELOPE' });
            seen.push(event.seq);
          },
        },
      ],
      { pollMs: 20, firstRetryMs: 10, maxAttempts: 3, onDeadLetter: (_name, seq) => deadLetters.push(seq) },
    );
    dispatcher.start();
    await dispatcher.drained(4);
    await dispatcher.stop();
    expect(seen).toEqual([1, 3, 4]);
    expect(deadLetters).toEqual([2]);
    const letter = await store.collection<DeadLetterDocument>(DEAD_LETTERS).findOne({ _id: deadLetterId('mail', 2) });
    expect(letter).toMatchObject({
      processor: 'mail',
      eventSeq: 2,
      eventType: 'dialogue.created',
      attempts: 3,
      status: 'dead',
      // The code and first line, with the address masked: the dead letter holds no one's address.
      error: 'EENVELOPE: 550 5.1.1 <[e-mail]>: mailbox unavailable',
    });
    expect(Date.parse(letter?.firstFailedAt ?? '')).toBeGreaterThanOrEqual(started);
    expect(Date.parse(letter?.lastFailedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(letter?.firstFailedAt ?? ''));
    // The checkpoint moved past the dead event.
    expect((await store.collection('checkpoints').findOne({ _id: 'mail' }))?.seq).toBe(4);
  });

  it('tries a dead event again when a dead_letter.retried event names it: dead again while it fails, resolved once it succeeds', async () => {
    await commit(2);
    let broken = true;
    const seen: number[] = [];
    const processor: EventProcessor = {
      name: 'indexer',
      async handle(event) {
        if (event.seq === 1 && broken) throw new Error('index unreachable');
        seen.push(event.seq);
      },
    };
    const dispatcher = new EventDispatcher(store, [processor], { pollMs: 20, firstRetryMs: 5, maxAttempts: 2 });
    dispatcher.start();
    await dispatcher.drained(2);
    const letters = store.collection<DeadLetterDocument>(DEAD_LETTERS);
    const id = deadLetterId('indexer', 1);
    expect((await letters.findOne({ _id: id }))?.status).toBe('dead');

    const requestRetry = async () => {
      const event = await store.withTransaction(async (scope) => {
        await scope.collection<DeadLetterDocument>(DEAD_LETTERS).updateOne({ _id: id }, { $set: { status: 'retrying' } });
        return appendEvent(scope, 'dead_letter.retried', null, { deadLetterId: id, processor: 'indexer', by: 'admin' }, new Date().toISOString());
      });
      dispatcher.notify();
      await dispatcher.drained(event.seq);
    };
    // Still broken: dead again, with the attempts of both rounds.
    await requestRetry();
    expect(await letters.findOne({ _id: id })).toMatchObject({ status: 'dead', attempts: 4, resolvedAt: null });
    broken = false;
    await requestRetry();
    await dispatcher.stop();
    expect(await letters.findOne({ _id: id })).toMatchObject({ status: 'resolved', attempts: 4 });
    // The retry requests (3 and 4) are events the processor sees too; event 1 went through after the second.
    expect(seen).toEqual([2, 3, 4, 1]);
  });

  it('does not try a dead event again for a retry event that names another processor or a settled dead letter', async () => {
    await commit(1);
    const calls: number[] = [];
    const dispatcher = new EventDispatcher(
      store,
      [{ name: 'p', handle: async (event) => void calls.push(event.seq) }],
      { pollMs: 20 },
    );
    await store.collection<DeadLetterDocument>(DEAD_LETTERS).insertOne({
      _id: deadLetterId('p', 1),
      processor: 'p',
      eventSeq: 1,
      eventType: 'dialogue.created',
      error: 'x',
      attempts: 10,
      firstFailedAt: new Date().toISOString(),
      lastFailedAt: new Date().toISOString(),
      status: 'dismissed',
      actedBy: null,
      actedAt: null,
      resolvedAt: null,
    });
    await store.withTransaction(async (scope) => {
      await appendEvent(scope, 'dead_letter.retried', null, { deadLetterId: deadLetterId('p', 1), processor: 'p', by: 'a' }, new Date().toISOString());
      await appendEvent(scope, 'dead_letter.retried', null, { deadLetterId: deadLetterId('q', 1), processor: 'q', by: 'a' }, new Date().toISOString());
    });
    dispatcher.start();
    await dispatcher.drained(3);
    await dispatcher.stop();
    expect(calls).toEqual([1, 2, 3]);
  });

  it("keeps going after the store refuses the dispatcher's own read for a while", async () => {
    await commit(2);
    const seen: number[] = [];
    const collection = store.collection.bind(store);
    let refusals = 2;
    const flakyStore: DocumentStore = Object.assign(Object.create(store) as DocumentStore, {
      collection: (name: string) => {
        if (name === 'events' && refusals-- > 0) throw new Error('store unreachable');
        return collection(name);
      },
    });
    const errors: number[] = [];
    const dispatcher = new EventDispatcher(flakyStore, [recorder('p', seen)], { pollMs: 20, firstRetryMs: 5, onError: (_n, seq) => errors.push(seq) });
    dispatcher.start();
    await dispatcher.drained(2);
    await dispatcher.stop();
    expect(seen).toEqual([1, 2]);
    expect(errors).toEqual([1, 1]);
  });
});

/** The store, with every read of the event log counted and, while `held`, answered only once released. */
function watchedStore(): { store: DocumentStore; reads: () => number; hold: () => void; release: () => void } {
  const collection = store.collection.bind(store);
  let reads = 0;
  let gate: Promise<void> | null = null;
  let open = () => {};
  const watched: DocumentStore = Object.assign(Object.create(store) as DocumentStore, {
    collection: (name: string) => {
      const real = collection(name);
      if (name !== 'events') return real;
      return Object.assign(Object.create(real) as typeof real, {
        find: async (...args: Parameters<typeof real.find>) => {
          reads += 1;
          // Read now, answer later: what comes back is the log as it was when the read began.
          const found = await real.find(...args);
          if (gate) await gate;
          return found;
        },
      });
    },
  });
  return {
    store: watched,
    reads: () => reads,
    hold: () => {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => {
      gate = null;
      open();
    },
  };
}

describe('shared reads of the event log', () => {
  it('reads the log once for all the processors a commit wakes, not once per processor', async () => {
    const watched = watchedStore();
    const seen = Array.from({ length: 8 }, () => [] as number[]);
    const dispatcher = new EventDispatcher(
      watched.store,
      seen.map((into, i) => recorder(`p${i}`, into)),
      { pollMs: 60_000 },
    );
    dispatcher.start();
    await dispatcher.drained(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = watched.reads();
    await commit(1);
    dispatcher.notify();
    await dispatcher.drained(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.stop();
    for (const into of seen) expect(into).toEqual([1]);
    // One read finds the event for all eight; at most one more finds nothing after it.
    expect(watched.reads() - before).toBeLessThanOrEqual(2);
  });

  it('never hands a loop woken by a commit a read that began before the commit', async () => {
    const watched = watchedStore();
    const reads = new SharedEventReads(watched.store);
    watched.hold();
    const early = reads.after(0, 10);
    await commit(1);
    reads.committed();
    const late = reads.after(0, 10);
    watched.release();
    expect((await early).map((event) => event.seq)).toEqual([]);
    expect((await late).map((event) => event.seq)).toEqual([1]);
  });

  it('shares a read between loops that ask for the same events with no commit in between, and hands them frozen events', async () => {
    await commit(2);
    const watched = watchedStore();
    const reads = new SharedEventReads(watched.store);
    const [first, second] = await Promise.all([reads.after(0, 10), reads.after(0, 10)]);
    expect(watched.reads()).toBe(1);
    expect(second).toBe(first);
    expect(first.map((event) => event.seq)).toEqual([1, 2]);
    expect(Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.subject)).toBe(true);
    // Finished reads are not kept: asking again reads the log again.
    await reads.after(0, 10);
    expect(watched.reads()).toBe(2);
  });
});

