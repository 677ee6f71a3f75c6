// Editing and hiding posts in a buyers' network (issue 11 §4), over the real server with
// @trpc/client and socket.io-client: an author edits their own post and the members see that it
// was edited and every earlier text; an admin organisation's person or a platform moderator hides a
// post with a reason, and it stays on record, hidden, with the reason; both reach the network's
// room. A supplier, a buyer outside, a moderator (for editing) and a visitor probing the new
// procedures get exactly the answer about a post that does not exist.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETWORK_POSTS, type NetworkPostDocument } from '../../src/modules/networks/documents.ts';
import { readEventsAfter } from '../../src/platform/events/event-log.ts';
import { refusal } from '../support/refusal.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { organisationOf, rawCall, signUpPeople } from '../support/people.ts';
import { nextEvent, startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
/** Signs up one of this file's people (their addresses at network-posts.example). */
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'network-posts.example', PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, who forms the network (its admin organisation)
let bengt: Visitor; // Kommun Syd, a member
let sune: Visitor; // a supplier
let rut: Visitor; // a buyer outside the network
let anonymous: Visitor;
const PASSWORD = 'inlägg ändras men försvinner inte';
const PUSH_WAIT = 20_000;

let networkId = '';
let discussionId = '';
let annasPost = '';
let bengtsPost = '';

/** A raw mutation, so the answer about a hidden post and a missing one compare byte for byte. */
const raw = (visitor: Visitor, procedure: string, input: unknown) => rawCall(server, visitor, procedure, 'mutation', input);

async function postOf(visitor: Visitor, postId: string) {
  const post = (await visitor.api.networks.discussion.query({ discussionId })).posts.find((candidate) => candidate.id === postId);
  if (!post) throw new Error(`post ${postId} not in the discussion`);
  return post;
}

const stored = (postId: string) => server.app.services.store.collection<NetworkPostDocument>(NETWORK_POSTS).findOne({ _id: postId });

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  rut = await person('Rut', 'buyer', 'Landstinget Öst');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  await verifyOrganisations(moderator, [anna, bengt, rut]);
  networkId = await networkOf(anna, [bengt], { name: 'Vårdens sensornätverk', joining: 'invitation' });
  ({ discussionId } = await anna.api.networks.startDiscussion.mutate({ networkId, title: 'Krav på sensorer', body: 'Första utkastet till krav.' }));
  ({ postId: bengtsPost } = await bengt.api.networks.post.mutate({ discussionId, body: 'Vi vill ha med driftkraven.' }));
  annasPost = (await anna.api.networks.discussion.query({ discussionId })).posts[0]?.id ?? '';
});

afterAll(async () => {
  await server?.stop();
});

describe('editing a post', () => {
  it('keeps every earlier text, oldest first, for every member to read, and tells the network’s room', async () => {
    const annas = await anna.connect();
    expect(await annas.emitWithAck('network.subscribe', { networkId })).toEqual({ ok: true });
    const changed = nextEvent(annas, 'network.changed', PUSH_WAIT);
    await bengt.api.networks.editPost.mutate({ postId: bengtsPost, body: 'Vi vill ha med drift- och underhållskraven.' });
    expect((await changed).networkId).toBe(networkId);
    annas.disconnect();
    await bengt.api.networks.editPost.mutate({ postId: bengtsPost, body: 'Vi vill ha med drift-, underhålls- och säkerhetskraven.' });

    const seen = await postOf(anna, bengtsPost);
    expect(seen.body).toBe('Vi vill ha med drift-, underhålls- och säkerhetskraven.');
    expect(seen.earlier.map((version) => version.body)).toEqual(['Vi vill ha med driftkraven.', 'Vi vill ha med drift- och underhållskraven.']);
    expect(seen.earlier[0]?.at).toBe(seen.at);
    expect(seen.editedAt).not.toBeNull();
    expect(seen.editedAt! >= seen.earlier[1]!.at).toBe(true);
    // The author may edit it again; the admin organisation's person may hide it, not edit it.
    expect((await postOf(bengt, bengtsPost)).viewer).toEqual({ mayEdit: true, mayHide: false });
    expect(seen.viewer).toEqual({ mayEdit: false, mayHide: true });
    // An unchanged text is no new version.
    await bengt.api.networks.editPost.mutate({ postId: bengtsPost, body: 'Vi vill ha med drift-, underhålls- och säkerhetskraven.' });
    expect((await postOf(anna, bengtsPost)).earlier).toHaveLength(2);
  });

  it('is the author’s alone: another member, even of the admin organisation, is refused', async () => {
    expect((await refusal(anna.api.networks.editPost.mutate({ postId: bengtsPost, body: 'Skrivet om av någon annan.' })))?.appCode).toBe('FORBIDDEN');
    expect((await postOf(bengt, bengtsPost)).body).toBe('Vi vill ha med drift-, underhålls- och säkerhetskraven.');
  });

  it('refuses a text that is too short, and changes nothing', async () => {
    expect((await refusal(bengt.api.networks.editPost.mutate({ postId: bengtsPost, body: 'x' })))?.appCode).toBe('VALIDATION');
    expect((await postOf(bengt, bengtsPost)).earlier).toHaveLength(2);
  });
});

describe('hiding a post', () => {
  it('is refused to a member that is no admin organisation', async () => {
    expect((await refusal(bengt.api.networks.hidePost.mutate({ postId: annasPost, reason: 'Jag tycker inte om det.' })))?.appCode).toBe('FORBIDDEN');
    expect((await postOf(anna, annasPost)).hidden).toBeNull();
  });

  it('by an admin organisation’s person keeps the post on record, hidden, with the reason, and tells the room', async () => {
    const bengts = await bengt.connect();
    expect(await bengts.emitWithAck('network.subscribe', { networkId })).toEqual({ ok: true });
    const changed = nextEvent(bengts, 'network.changed', PUSH_WAIT);
    await anna.api.networks.hidePost.mutate({ postId: bengtsPost, reason: 'Innehöll en leverantörs prisuppgift.' });
    expect((await changed).networkId).toBe(networkId);
    bengts.disconnect();

    const seen = await postOf(bengt, bengtsPost);
    expect(seen).toMatchObject({ body: null, earlier: [], hidden: { reason: 'Innehöll en leverantörs prisuppgift.' }, viewer: { mayEdit: false, mayHide: false } });
    // Nothing is deleted: the text and its earlier versions are still in the record.
    const document = await stored(bengtsPost);
    expect(document?.body).toBe('Vi vill ha med drift-, underhålls- och säkerhetskraven.');
    expect(document?.earlier).toHaveLength(2);
    expect(document?.hidden?.reason).toBe('Innehöll en leverantörs prisuppgift.');
    // A hidden post is not edited back into view; hiding it again changes nothing.
    expect((await refusal(bengt.api.networks.editPost.mutate({ postId: bengtsPost, body: 'Ett nytt försök.' })))?.appCode).toBe('FORBIDDEN');
    await anna.api.networks.hidePost.mutate({ postId: bengtsPost, reason: 'En gång till.' });
    expect((await postOf(anna, bengtsPost)).hidden?.reason).toBe('Innehöll en leverantörs prisuppgift.');
  });

  it('by a platform moderator works from outside, without the moderator reading the network', async () => {
    expect((await refusal(moderator.api.networks.discussion.query({ discussionId })))?.appCode).toBe('NOT_FOUND');
    await moderator.api.networks.hidePost.mutate({ postId: annasPost, reason: 'Anmält som kränkande.' });
    expect((await postOf(bengt, annasPost)).hidden?.reason).toBe('Anmält som kränkande.');
  });

  it('records each edit and hiding as an event of the network alone, addressed to no dialogue', async () => {
    const events = (await readEventsAfter(server.app.services.store, 0, 100_000)).filter((event) => event.type === 'network.post_edited' || event.type === 'network.post_hidden');
    expect(events.map((event) => [event.type, event.subject.postId])).toEqual([
      ['network.post_edited', bengtsPost],
      ['network.post_edited', bengtsPost],
      ['network.post_hidden', bengtsPost],
      ['network.post_hidden', annasPost],
    ]);
    expect(events.every((event) => event.dialogueId === null && event.subject.networkId === networkId)).toBe(true);
  });
});

describe('outsiders probing the new procedures', () => {
  it('get exactly the answer about a post that does not exist, and change nothing', async () => {
    const { postId: target } = await bengt.api.networks.post.mutate({ discussionId, body: 'Ett inlägg som ingen utanför ska kunna röra.' });
    const missing = randomBytes(12).toString('hex');
    const probes: [string, (postId: string) => unknown][] = [
      ['networks.editPost', (postId) => ({ postId, body: 'Utifrån.' })],
      ['networks.hidePost', (postId) => ({ postId, reason: 'Utifrån.' })],
    ];
    for (const [label, prober] of [['supplier', sune], ['other buyer', rut], ['moderator', moderator], ['anonymous', anonymous]] as const) {
      for (const [procedure, input] of probes) {
        // A moderator hides posts from outside by design; editing is not theirs.
        if (prober === moderator && procedure === 'networks.hidePost') continue;
        const hidden = await raw(prober, procedure, input(target));
        const absent = await raw(prober, procedure, input(missing));
        expect({ label, procedure, status: hidden.status, body: hidden.body.replaceAll(target, missing) }).toEqual({ label, procedure, status: absent.status, body: absent.body });
        expect(hidden.status, `${label} ${procedure}`).not.toBe(200);
      }
    }
    expect(await postOf(anna, target)).toMatchObject({ body: 'Ett inlägg som ingen utanför ska kunna röra.', earlier: [], hidden: null });
  });

  it('leaves a removed organisation’s author unable to edit, and a dissolved network’s admins unable to hide, while moderators still can', async () => {
    const { postId } = await bengt.api.networks.post.mutate({ discussionId, body: 'Sista inlägget innan vi går.' });
    await anna.api.networks.remove.mutate({ networkId, organisationId: await organisationOf(bengt), reason: 'Har gått vidare.' });
    expect((await refusal(bengt.api.networks.editPost.mutate({ postId, body: 'Ändrat efteråt.' })))?.appCode).toBe('NOT_FOUND');
    await anna.api.networks.dissolve.mutate({ networkId, reason: 'Klart.' });
    expect((await refusal(anna.api.networks.hidePost.mutate({ postId, reason: 'Efter upplösningen.' })))?.appCode).toBe('FORBIDDEN');
    await moderator.api.networks.hidePost.mutate({ postId, reason: 'Anmält efter upplösningen.' });
    expect((await postOf(anna, postId)).hidden?.reason).toBe('Anmält efter upplösningen.');
  });
});

describe('the audit log', () => {
  it('records each edit and hiding with who did it, and neither the text nor the reason', async () => {
    await server.settled();
    const [edited, hidden] = await Promise.all([
      moderator.api.audit.list.query({ action: 'network.post_edited', limit: 200 }),
      moderator.api.audit.list.query({ action: 'network.post_hidden', limit: 200 }),
    ]);
    expect(edited.map((entry) => [entry.actor?.name, entry.subject.postId, entry.subject.networkId])).toEqual([
      ['Bengt', bengtsPost, networkId],
      ['Bengt', bengtsPost, networkId],
    ]);
    const moderatorName = (await moderator.api.accounts.me.query())?.name;
    expect(hidden.map((entry) => [entry.actor?.name, entry.subject.postId]).reverse()).toEqual([
      ['Anna', bengtsPost],
      [moderatorName, annasPost],
      [moderatorName, expect.any(String)],
    ]);
    expect(JSON.stringify([edited, hidden])).not.toMatch(/prisuppgift|kränkande|säkerhetskraven/);
  });
});
