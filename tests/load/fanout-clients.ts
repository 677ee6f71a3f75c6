// The client side of the fan-out benchmark, in its own process (pinned to the other CPU than the
// server when possible). It holds N socket.io-client sockets subscribed to the dialogue, each with
// the real dialogue page's thread store (client/src/threads/dialogue-threads.ts: it loads the page
// once, catches up after subscribing and applies pushes, and would ask the server again only if it
// needed to), and N raw `ws` clients; it timestamps every delivery on the shared monotonic clock,
// counts every call the stores make to the server, and posts questions through tRPC as the asking
// supplier's browser would. Driven by fanout.ts over IPC.
import { createTRPCClient, httpLink } from '@trpc/client';
import { io as connectSocket, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { AppRouter } from '../../server/src/app-router.ts';
import { DialogueThreads, type ThreadsApi } from '../../client/src/threads/dialogue-threads.ts';
import { Channel, nowUs, type Message } from './support/proc.ts';

type Delivery = { thread: { title: string } };

/** Calls the page stores made to the server: the page load, catch-ups, any reload. */
const storeCalls = { list: 0, changes: 0 };

const parent = new Channel(process);
const sioSockets: Socket[] = [];
const wsClients: WebSocket[] = [];
/** Delivery key (the question title) → receipt times in µs, one per client. */
const receipts = new Map<string, number[]>();
/** Post key → [time just before the mutation was sent, time its response arrived]. */
const posted = new Map<string, [number, number]>();

function received(key: string, at: number, expected: number): void {
  let times = receipts.get(key);
  if (times === undefined) receipts.set(key, (times = []));
  times.push(at);
  if (times.length === expected) parent.send({ type: 'complete', key, cpu: process.cpuUsage() });
}

async function inBatches(count: number, batch: number, open: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += batch) {
    const work: Promise<void>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i += 1) work.push(open(i));
    await Promise.all(work);
  }
}

function storeApi(url: string, cookie: string): ThreadsApi {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
      }),
    ],
  });
  return {
    list: (input) => {
      storeCalls.list += 1;
      return client.threads.list.query(input);
    },
    inbox: (input) => client.threads.inbox.query(input),
    changes: (input) => {
      storeCalls.changes += 1;
      return client.threads.changes.query(input);
    },
  };
}

function connectSocketIo(url: string, cookie: string, dialogueId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie },
    });
    const store = new DialogueThreads(storeApi(url, cookie), dialogueId, 'newest', 'all', false);
    socket.on('thread.changed', (event: { dialogueId: string; thread: Parameters<DialogueThreads['apply']>[0] }) => {
      // socket.io-client has already decoded the packet and parsed the JSON; the page's store applies
      // it (the direct path re-sends one thread under new titles, which the store rightly keeps once).
      if (event.dialogueId !== dialogueId) return;
      store.apply(event.thread);
      received(event.thread.title ?? '', nowUs(), sioSockets.length);
    });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.emitWithAck('dialogue.subscribe', { dialogueId }).then((ack: { ok: boolean }) => {
        if (!ack.ok) return reject(new Error(`subscribe refused: ${JSON.stringify(ack)}`));
        // As the page does after subscribing: catch up on what changed since it loaded.
        store.catchUp().then(() => {
          sioSockets.push(socket);
          resolve();
        }, reject);
      }, reject);
    });
  });
}

function connectWs(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = new WebSocket(url, { perMessageDeflate: false });
    client.on('message', (data) => {
      // Parse as a browser would before it can use the payload; then timestamp.
      const event = JSON.parse(String(data)) as { payload: Delivery };
      received(event.payload.thread.title, nowUs(), wsClients.length);
    });
    client.once('error', reject);
    client.once('open', () => {
      wsClients.push(client);
      resolve();
    });
  });
}

let asker: ReturnType<typeof createTRPCClient<AppRouter>> | null = null;

async function handle(message: Message): Promise<void> {
  switch (message.type) {
    case 'connect': {
      const started = nowUs();
      const cookies = message.cookies as string[];
      if (message.kind === 'sio') {
        await inBatches(message.n as number, 50, (i) =>
          connectSocketIo(message.url as string, cookies[i % cookies.length]!, message.dialogueId as string),
        );
      } else {
        await inBatches(message.n as number, 50, () => connectWs(message.url as string));
      }
      parent.send({ type: 'connected', ms: (nowUs() - started) / 1e3 });
      return;
    }
    case 'asker': {
      const cookie = message.cookie as string;
      asker = createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${message.url as string}/trpc`,
            fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
          }),
        ],
      });
      parent.send({ type: 'asker-ready' });
      return;
    }
    case 'ask': {
      const key = message.key as string;
      const sent = nowUs();
      await asker!.threads.ask.mutate({ dialogueId: message.dialogueId as string, title: key, body: message.body as string });
      posted.set(key, [sent, nowUs()]);
      parent.send({ type: 'asked', key });
      return;
    }
    case 'cpu':
      parent.send({ type: 'cpu', cpu: process.cpuUsage() });
      return;
    case 'store-calls':
      parent.send({ type: 'store-calls', ...storeCalls });
      return;
    case 'collect': {
      const keys = message.keys as string[];
      const samples: Record<string, number[]> = {};
      const sends: Record<string, [number, number]> = {};
      for (const key of keys) {
        samples[key] = receipts.get(key) ?? [];
        const post = posted.get(key);
        if (post) sends[key] = post;
        receipts.delete(key);
        posted.delete(key);
      }
      parent.send({ type: 'samples', samples, sends });
      return;
    }
    case 'disconnect': {
      for (const socket of sioSockets) socket.disconnect();
      for (const client of wsClients) client.terminate();
      sioSockets.length = 0;
      wsClients.length = 0;
      receipts.clear();
      parent.send({ type: 'disconnected' });
      return;
    }
    case 'exit':
      process.exit(0);
  }
}

process.on('message', (raw) => {
  handle(raw as Message).catch((error: unknown) => {
    console.error('[fanout clients] failed:', error);
    process.exit(1);
  });
});
parent.send({ type: 'ready' });
// If the benchmark process dies, do not linger.
process.on('disconnect', () => process.exit(0));
