// A library item's page refreshes live (issue 11 §2), over the real server with socket.io-client:
// when the publisher attaches a file, every reader who has the item open is told to refetch it, and
// the refetch shows the file. Only those who may read the item get in its room: a registered-only
// item is a missing one to a visitor. A revision that makes a public item registered-only takes the
// visitor out of its room (told once) before anything more is sent there.
import { libraryFileUploadPath } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { samplePdf } from '../support/sample-files.ts';
import { nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';
import { uploadTo } from '../support/uploads.ts';
import { libraryItem } from '../support/library-item.ts';

let server: TestServer;
let anna: Visitor; // verified buyer, publishes both items
let sune: Visitor; // a supplier reading them
let visitor: Visitor; // not signed in
let pdf: Buffer;
const PUSH_WAIT = 10_000;
const ids = { public: '', registered: '' };


async function attach(itemId: string, name: string): Promise<void> {
  expect((await uploadTo(server, anna.cookie(), libraryFileUploadPath(itemId), pdf, name)).status).toBe(201);
}

/** Every library push a socket is sent from now on, in order. */
function recorded(socket: LiveSocket): { name: string; itemId: string }[] {
  const seen: { name: string; itemId: string }[] = [];
  socket.on('libraryItem.changed', ({ itemId }) => seen.push({ name: 'changed', itemId }));
  socket.on('libraryItem.access_changed', ({ itemId }) => seen.push({ name: 'access_changed', itemId }));
  return seen;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  const person = signUpPeople(server, 'library-live.example', 'biblioteket syns live');
  anna = await person('Anna', 'buyer', 'Region Öst');
  sune = await person('Sune', 'supplier', 'Laddbolaget AB');
  visitor = server.visitor();
  await (await server.moderator()).api.organisations.verify.mutate({ organisationId: await organisationOf(anna) });
  pdf = await samplePdf('Laddguide');
  ({ itemId: ids.public } = await anna.api.library.publish.mutate(libraryItem('public', 'Guide till laddplatser')));
  ({ itemId: ids.registered } = await anna.api.library.publish.mutate(libraryItem('registered', 'Intern laddguide')));
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('a library item’s room', () => {
  let visitors: LiveSocket;
  let sunes: LiveSocket;
  let visitorSeen: { name: string; itemId: string }[];

  it('lets in whoever may read the item, and answers a registered-only item to a visitor as a missing one', async () => {
    visitors = await visitor.connect();
    sunes = await sune.connect();
    visitorSeen = recorded(visitors);
    expect(await visitors.emitWithAck('libraryItem.subscribe', { itemId: ids.public })).toEqual({ ok: true });
    expect(await visitors.emitWithAck('libraryItem.subscribe', { itemId: ids.registered })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    expect(await visitors.emitWithAck('libraryItem.subscribe', { itemId: 'no-such-item' })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    expect(await visitors.emitWithAck('libraryItem.subscribe', { itemId: { $gt: '' } })).toEqual({ ok: false, appCode: 'VALIDATION' });
    for (const itemId of [ids.public, ids.registered]) expect(await sunes.emitWithAck('libraryItem.subscribe', { itemId })).toEqual({ ok: true });
  });

  it('tells every reader of the item when a file is added, and the refetch shows it', async () => {
    const visitorTold = nextEvent(visitors, 'libraryItem.changed', PUSH_WAIT);
    const suneTold = nextEvent(sunes, 'libraryItem.changed', PUSH_WAIT);
    await attach(ids.public, 'Laddguide.pdf');
    expect((await visitorTold).itemId).toBe(ids.public);
    expect((await suneTold).itemId).toBe(ids.public);
    expect((await visitor.api.library.get.query({ itemId: ids.public })).files.map((file) => file.name)).toEqual(['Laddguide.pdf']);
  });

  it('sends a registered-only item’s news to its readers only', async () => {
    const suneTold = nextEvent(sunes, 'libraryItem.changed', PUSH_WAIT);
    await attach(ids.registered, 'Intern-laddguide.pdf');
    expect((await suneTold).itemId).toBe(ids.registered);
    // A later push to the visitor's own room arrives after anything sent before it.
    const later = nextEvent(visitors, 'libraryItem.changed', PUSH_WAIT);
    await attach(ids.public, 'Bilaga.pdf');
    await later;
    expect(visitorSeen).toEqual([
      { name: 'changed', itemId: ids.public },
      { name: 'changed', itemId: ids.public },
    ]);
  });

  it('takes the visitor out once the item is made registered-only, before anything more is sent there', async () => {
    const out = nextEvent(visitors, 'libraryItem.access_changed', PUSH_WAIT);
    const suneTold = nextEvent(sunes, 'libraryItem.changed', PUSH_WAIT);
    await anna.api.library.revise.mutate({ ...libraryItem('registered', 'Guide till laddplatser'), itemId: ids.public, note: 'Bara för inloggade nu.' });
    expect((await out).itemId).toBe(ids.public);
    await suneTold;
    const suneAgain = nextEvent(sunes, 'libraryItem.changed', PUSH_WAIT);
    await attach(ids.public, 'Efter-bytet.pdf');
    await suneAgain;
    expect(visitorSeen.slice(2)).toEqual([{ name: 'access_changed', itemId: ids.public }]);
    expect(await visitors.emitWithAck('libraryItem.subscribe', { itemId: ids.public })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
  });
});
