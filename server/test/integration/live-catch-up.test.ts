// Live without gaps and without refetch storms, run with the real client's thread store
// (client/src/threads/dialogue-threads.ts) wired as the dialogue page wires it: subscribe at every
// connection, catch up on what changed after the last change seen, apply pushes that are newer.
// While people ask, answer, comment, vote, edit, correct and hide, watchers' connections are
// dropped and the server is restarted. Afterwards every watcher shows exactly what the server has,
// no thread ever went back to an older copy, no push was applied twice, and no watcher loaded the
// page again: pushes and catch-ups were enough.
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadView } from '@dialogforum/contracts';
import { DialogueThreads, type ThreadsApi } from '../../../client/src/threads/dialogue-threads.ts';
import { startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'ingen lucka i flödet';

type Watcher = {
  socket: LiveSocket;
  store: DialogueThreads;
  /** Pushes applied, per thread and change: each at most once. */
  applied: Map<string, number>;
  /** Copies that went back to an older change than the watcher had shown. */
  regressions: string[];
  pageLoads: number;
};

let server: TestServer;
let buyer: Visitor;
let moderator: Visitor;
const suppliers: Visitor[] = [];
let dialogueId: string;

function apiOf(visitor: Visitor, counted: { pageLoads: number }): ThreadsApi {
  return {
    list: (input) => {
      counted.pageLoads += 1;
      return visitor.api.threads.list.query(input);
    },
    inbox: (input) => visitor.api.threads.inbox.query(input),
    changes: (input) => visitor.api.threads.changes.query(input),
  };
}

async function watch(visitor: Visitor): Promise<Watcher> {
  const socket: LiveSocket = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: visitor.cookie() ? { cookie: visitor.cookie() } : {},
    reconnectionDelay: 50,
    reconnectionDelayMax: 300,
    forceNew: true,
  });
  const counted = { pageLoads: 0 };
  const watcher: Watcher = {
    socket,
    store: new DialogueThreads(apiOf(visitor, counted), dialogueId, 'newest', 'all', false),
    applied: new Map(),
    regressions: [],
    get pageLoads() {
      return counted.pageLoads;
    },
  };
  const shown = new Map<string, number>();
  watcher.store.subscribe(() => {
    for (const thread of watcher.store.getSnapshot().list) {
      if ((shown.get(thread.id) ?? -1) > thread.change) watcher.regressions.push(`${thread.id}: ${shown.get(thread.id)} → ${thread.change}`);
      shown.set(thread.id, thread.change);
    }
  });
  socket.on('connect', () => {
    socket.emit('dialogue.subscribe', { dialogueId }, (ack) => {
      // As the page does: catch up, and load the page again only if catching up keeps failing.
      if (ack?.ok) void watcher.store.catchUp().catch(() => watcher.store.load());
    });
  });
  socket.on('thread.changed', (event) => {
    if (event.dialogueId !== dialogueId) return;
    if (watcher.store.apply(event.thread)) {
      const key = `${event.thread.id}@${event.thread.change}`;
      watcher.applied.set(key, (watcher.applied.get(key) ?? 0) + 1);
    }
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return watcher;
}

/** The page as the server has it now, for a viewer of the public audience. */
async function truth(): Promise<ThreadView[]> {
  return (await server.visitor().api.threads.list.query({ dialogueId, limit: 50 })).threads;
}

const normalise = (threads: ThreadView[]) => JSON.stringify([...threads].sort((a, b) => a.id.localeCompare(b.id)));

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '100' });
  buyer = server.visitor();
  await buyer.registerVerified({ name: 'Berit', email: 'berit@flode.example', password: PASSWORD, representation: 'buyer', organisationName: 'Flödeskommunen' });
  for (let i = 0; i < 3; i += 1) {
    const supplier = server.visitor();
    await supplier.registerVerified({ name: `Leverantör ${i}`, email: `lev${i}@flode.example`, password: PASSWORD, representation: 'supplier', organisationName: `Bolag ${i} AB` });
    suppliers.push(supplier);
  }
  moderator = await server.moderator();
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Kollektivtrafik i realtid',
    description: 'Vi söker lösningar.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
});

afterAll(async () => {
  await server?.stop();
});

describe('live threads across dropped connections and a server restart', () => {
  it('ends with every change on every watcher, once and in order, without loading the page again', async () => {
    const watchers = [await watch(server.visitor()), await watch(suppliers[0]!), await watch(server.visitor()), await watch(suppliers[2]!)];
    await expect.poll(() => watchers.every((w) => w.store.getSnapshot().status === 'ready')).toBe(true);

    const threads: string[] = [];
    const answers: string[] = [];
    const comments: string[] = [];
    let step = 0;
    /** Every few acts one watcher's connection drops (it comes back by itself); once, the server restarts. */
    const disturb = async () => {
      step += 1;
      if (step === 14) {
        await server.restart();
        return;
      }
      if (step % 3 === 0) watchers[step % watchers.length]!.socket.io.engine.close();
    };

    for (let i = 0; i < 8; i += 1) {
      const asker = suppliers[i % suppliers.length]!;
      threads.push((await asker.api.threads.ask.mutate({ dialogueId, title: `Fråga ${i + 1}`, body: `Hur fungerar del ${i + 1}?` })).threadId);
      await disturb();
    }
    for (let i = 0; i < 4; i += 1) {
      answers.push((await buyer.api.threads.answer.mutate({ threadId: threads[i]!, body: `Svar på fråga ${i + 1}.` })).postId);
      await disturb();
    }
    for (let i = 0; i < 6; i += 1) {
      const commenter = suppliers[(i + 1) % suppliers.length]!;
      comments.push((await commenter.api.threads.comment.mutate({ threadId: threads[i % 5]!, body: `Följdfråga ${i + 1}` })).postId);
      await disturb();
    }
    for (let i = 0; i < 9; i += 1) {
      const voter = suppliers[i % suppliers.length]!;
      const threadId = threads[(i + 1) % threads.length]!;
      const own = (await voter.api.threads.get.query({ threadId })).marks.threads.includes(threadId);
      if (!own) await voter.api.threads.vote.mutate({ threadId, wants: i % 4 !== 3 });
      await disturb();
    }
    for (const i of [5, 6, 7]) {
      const asker = suppliers[i % suppliers.length]!;
      const question = (await asker.api.threads.get.query({ threadId: threads[i]! })).thread.question.id;
      await asker.api.threads.edit.mutate({ postId: question, body: `Hur fungerar del ${i + 1}, ändrad?` });
      await disturb();
    }
    await buyer.api.threads.correct.mutate({ postId: answers[0]!, body: 'Rättat svar på fråga 1.', note: 'Fel i första svaret.' });
    await disturb();
    await moderator.api.threads.hide.mutate({ postId: comments[1]!, reason: 'Utanför ämnet.' });
    await disturb();
    await moderator.api.threads.lock.mutate({ threadId: threads[2]!, reason: 'Utrett.' });

    const expected = normalise(await truth());
    // Correctness, not speed, is what this test is about: on a busy machine the pushes take a while.
    await expect
      .poll(() => watchers.map((w) => normalise(w.store.getSnapshot().list) === expected), { timeout: 45_000, interval: 100 })
      .toEqual(watchers.map(() => true));
    for (const [index, watcher] of watchers.entries()) {
      expect({ watcher: index, regressions: watcher.regressions }).toEqual({ watcher: index, regressions: [] });
      expect({ watcher: index, twice: [...watcher.applied].filter(([, count]) => count > 1) }).toEqual({ watcher: index, twice: [] });
      // One page load when the page opened; everything after came by push or catch-up.
      expect({ watcher: index, pageLoads: watcher.pageLoads }).toEqual({ watcher: index, pageLoads: 1 });
      expect(watcher.applied.size).toBeGreaterThan(0);
    }
    for (const watcher of watchers) watcher.socket.disconnect();
  }, 120_000);
});
