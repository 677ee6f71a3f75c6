// A buyers' network's own library (issue 11 §4), over the real server with @trpc/client and
// socket.io-client: members publish and revise material, every version kept; nobody else — a
// supplier, a buyer outside, a moderator, a visitor — learns an item exists (each answer byte for
// byte the answer about a missing item), and it is never in the public library, search, open data
// or an arena's figures, not even for the members; a removed organisation loses it at once, and a
// dissolved network's library stays readable and changes no more.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../support/refusal.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { organisationOf, rawCall, signUpPeople } from '../support/people.ts';
import { nextEvent, startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
/** Signs up one of this file's people (their addresses at network-library.example). */
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'network-library.example', PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, who forms the network
let bengt: Visitor; // Kommun Syd, a member
let sune: Visitor; // a supplier
let rut: Visitor; // a buyer outside the network
let anonymous: Visitor;
const PASSWORD = 'nätverkets material är medlemmarnas';
const SECRET = 'Ljusstakekravet';
const syd = { id: '' };
let networkId = '';
let itemId = '';

/** A raw call, so a hidden thing's answer and a missing one's compare byte for byte. */
const raw = (visitor: Visitor, procedure: string, kind: 'query' | 'mutation', input: unknown) => rawCall(server, visitor, procedure, kind, input);

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  rut = await person('Rut', 'buyer', 'Landstinget Öst');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  syd.id = await organisationOf(bengt);
  await verifyOrganisations(moderator, [anna, bengt, rut]);
  networkId = await networkOf(anna, [bengt], { name: 'Vårdens sensornätverk', joining: 'on-request' });
});

afterAll(async () => {
  await server?.stop();
});

describe('a network’s library', () => {
  it('takes material from a member, lists it on the network’s page and tells the network’s room', async () => {
    const bengts = await bengt.connect();
    expect(await bengts.emitWithAck('network.subscribe', { networkId })).toEqual({ ok: true });
    const changed = nextEvent(bengts, 'network.changed', 20_000);
    ({ itemId } = await anna.api.networks.publishItem.mutate({ networkId, title: `${SECRET} – utkast`, body: `Vårt ${SECRET}: sensorer som larmar vid fall.` }));
    expect((await changed).networkId).toBe(networkId);
    bengts.disconnect();
    expect((await bengt.api.networks.get.query({ networkId })).library).toEqual([{ id: itemId, title: `${SECRET} – utkast`, updatedAt: expect.any(String), version: 1 }]);
  });

  it('keeps every version when a member revises it, newest first, with who, when and why', async () => {
    expect(await bengt.api.networks.reviseItem.mutate({ itemId, title: `${SECRET} – andra utkastet`, body: `Vårt ${SECRET} med driftkrav.`, note: 'Driftkraven tillagda' })).toEqual({ version: 2 });
    const item = await anna.api.networks.libraryItem.query({ itemId });
    expect(item).toMatchObject({ networkId, networkName: 'Vårdens sensornätverk', organisationName: 'Region Norr', viewer: { mayRevise: true } });
    expect(item.versions.map((version) => [version.version, version.title, version.authorName, version.note])).toEqual([
      [2, `${SECRET} – andra utkastet`, 'Bengt', 'Driftkraven tillagda'],
      [1, `${SECRET} – utkast`, 'Anna', ''],
    ]);
    expect(item.versions[1]?.body).toBe(`Vårt ${SECRET}: sensorer som larmar vid fall.`);
    // A revision needs a note; refused, it changes nothing.
    expect((await refusal(bengt.api.networks.reviseItem.mutate({ itemId, title: 'Utan anteckning', body: 'Ingen anteckning om vad som ändrats.', note: '' })))?.appCode).toBe('VALIDATION');
    expect((await anna.api.networks.libraryItem.query({ itemId })).versions).toHaveLength(2);
  });

  it('is never in the public library, search, open data or the arena’s figures — not even for its members', async () => {
    await server.settled();
    for (const viewer of [anna, sune, anonymous]) {
      expect((await viewer.api.search.query.query({ q: SECRET })).total).toBe(0);
      const listed = await viewer.api.library.list.query({ arenaId: 'healthcare' });
      expect(JSON.stringify(listed)).not.toContain(SECRET);
      expect((await viewer.api.arenas.get.query({ arenaId: 'healthcare' })).figures.libraryItems).toBe(0);
    }
    const open = await fetch(`${server.url}/api/open/v1/library`);
    expect(await open.text()).not.toContain(SECRET);
    expect((await fetch(`${server.url}/api/open/v1/library/${itemId}`)).status).toBe(404);
    expect((await refusal(anna.api.library.get.query({ itemId })))?.appCode).toBe('NOT_FOUND');
  });
});

describe('the audit log', () => {
  it('records publishing and revising with who did them, never the title or the text', async () => {
    await server.settled();
    const published = await moderator.api.audit.list.query({ action: 'network.item_published' });
    const revised = await moderator.api.audit.list.query({ action: 'network.item_revised' });
    expect([...published, ...revised].map((entry) => [entry.action, entry.actor?.name, entry.subject.itemId])).toEqual([
      ['network.item_published', 'Anna', itemId],
      ['network.item_revised', 'Bengt', itemId],
    ]);
    expect(JSON.stringify([published, revised])).not.toContain(SECRET);
  });
});

describe('outsiders probing the library', () => {
  it('get exactly the answer about an item or network that does not exist, and change nothing', async () => {
    const missingItem = randomBytes(12).toString('hex');
    const missingNetwork = randomBytes(12).toString('hex');
    const probes: [string, 'query' | 'mutation', (item: string, network: string) => unknown][] = [
      ['networks.libraryItem', 'query', (item) => ({ itemId: item })],
      ['networks.publishItem', 'mutation', (_, network) => ({ networkId: network, title: 'Utifrån', body: 'Material utifrån nätverket.' })],
      ['networks.reviseItem', 'mutation', (item) => ({ itemId: item, title: 'Utifrån', body: 'Material utifrån nätverket.', note: 'Försök' })],
    ];
    // Rut is a verified buyer who may see this open network's name (to ask to join), never its library.
    for (const [label, prober] of [['supplier', sune], ['other buyer', rut], ['moderator', moderator], ['anonymous', anonymous]] as const) {
      for (const [procedure, kind, input] of probes) {
        const hidden = await raw(prober, procedure, kind, input(itemId, networkId));
        const absent = await raw(prober, procedure, kind, input(missingItem, missingNetwork));
        const asMissing = hidden.body.replaceAll(itemId, missingItem).replaceAll(networkId, missingNetwork);
        expect({ label, procedure, status: hidden.status, body: asMissing }).toEqual({ label, procedure, status: absent.status, body: absent.body });
        expect(hidden.status, `${label} ${procedure}`).not.toBe(200);
      }
    }
    expect((await rut.api.networks.get.query({ networkId })).library).toEqual([]);
    expect((await anna.api.networks.libraryItem.query({ itemId })).versions).toHaveLength(2);
  });

  it('closes it to a removed organisation at once, and keeps a dissolved network’s library readable and unchanged', async () => {
    await anna.api.networks.remove.mutate({ networkId, organisationId: syd.id, reason: 'Har gått vidare.' });
    expect((await refusal(bengt.api.networks.libraryItem.query({ itemId })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(bengt.api.networks.reviseItem.mutate({ itemId, title: 'Efteråt', body: 'Ändrat efter att vi togs bort.', note: 'Försök' })))?.appCode).toBe('NOT_FOUND');
    await anna.api.networks.dissolve.mutate({ networkId, reason: 'Klart.' });
    expect((await anna.api.networks.libraryItem.query({ itemId })).viewer.mayRevise).toBe(false);
    expect((await refusal(anna.api.networks.reviseItem.mutate({ itemId, title: 'Efteråt', body: 'Ändrat efter upplösningen.', note: 'Försök' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(anna.api.networks.publishItem.mutate({ networkId, title: 'Efteråt', body: 'Nytt efter upplösningen.' })))?.appCode).toBe('FORBIDDEN');
  });
});
