// What a merged organisation's people wrote, shared and scheduled in its buyers' networks names the
// survivor from then on (issue 11 §4, with the organisation merge): over the real server, a post and
// the discussion it started, a network library item and its file, and a network session made by the
// duplicate's person show the survivor's name after the merge — in a network the duplicate had left
// too — while the other members' records keep their own. The duplicate's person, acting for the
// survivor now, still edits their post, revises their item and edits and cancels their session; what
// was written before keeps naming whom it named. Handling the merge again after a restart moves and
// records nothing twice.
import { networkFileUploadPath } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETWORK_DISCUSSIONS, NETWORK_LIBRARY, NETWORK_LIBRARY_FILES, NETWORK_POSTS, NETWORK_SESSIONS } from '../../src/modules/networks/documents.ts';
import { NETWORKS_MERGE } from '../../src/modules/networks/merge-processor.ts';
import { CHECKPOINTS, type CheckpointDocument } from '../../src/platform/events/checkpoints.ts';
import { EVENTS, type DomainEvent } from '../../src/platform/events/event-log.ts';
import { openStore } from '../../src/platform/store/open-store.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { samplePdf } from '../support/sample-files.ts';
import { uploadTo } from '../support/uploads.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let moderator: Visitor;
let anna: Visitor; // Region Norr: founds both networks
let bengt: Visitor; // Kommun Syd (the duplicate): writes, shares and schedules
let carl: Visitor; // Syds kommun (the survivor): in neither network before the merge
const org = { duplicate: '', survivor: '' };
const ids = { network: '', leftNetwork: '', discussion: '', bengtsPost: '', annasPost: '', item: '', file: '', session: '', leftDiscussion: '', annasSession: '' };
const year = new Date().getUTCFullYear() + 1;
const SURVIVOR = 'Syds kommun';
const DUPLICATE = 'Kommun Syd';

const session = (title: string, day: string) => ({
  title,
  agenda: 'Vi går igenom kravbilden.',
  startsAt: `${year}-06-${day}T10:00`,
  endsAt: `${year}-06-${day}T11:00`,
  timeZone: 'Europe/Stockholm',
  format: 'online' as const,
  meetingLink: 'https://meet.example/sensorkraven',
  capacity: 5,
});

const eventsOf = (type: DomainEvent['type']) => server.app.services.store.collection<DomainEvent>(EVENTS).find({ type });

/** How many of the network module's records of what people wrote, shared and scheduled still name the duplicate. */
async function recordsNamingDuplicate(): Promise<Record<string, number>> {
  const { store } = server.app.services;
  const counts: Record<string, number> = {};
  for (const name of [NETWORK_DISCUSSIONS, NETWORK_POSTS, NETWORK_LIBRARY, NETWORK_LIBRARY_FILES, NETWORK_SESSIONS]) {
    counts[name] = (await store.collection<{ _id: string; organisationId: string }>(name).find({ organisationId: org.duplicate })).length;
  }
  return counts;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  const person = signUpPeople(server, 'merge-network-records.example', 'poster följer sammanslagningen');
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', DUPLICATE);
  carl = await person('Carl', 'buyer', SURVIVOR);
  await verifyOrganisations(moderator, [anna, bengt, carl]);
  org.duplicate = await organisationOf(bengt);
  org.survivor = await organisationOf(carl);
  ids.network = await networkOf(anna, [bengt], { name: 'Sensornätverket i söder', joining: 'invitation' });
  ids.leftNetwork = await networkOf(anna, [bengt], { name: 'Gamla vägnätverket', joining: 'invitation' });

  ({ discussionId: ids.discussion } = await bengt.api.networks.startDiscussion.mutate({ networkId: ids.network, title: 'Kravbilden för sensorer', body: 'Första utkastet.' }));
  ids.bengtsPost = (await bengt.api.networks.discussion.query({ discussionId: ids.discussion })).posts[0]!.id;
  await bengt.api.networks.editPost.mutate({ postId: ids.bengtsPost, body: 'Första utkastet, rättat.' });
  ({ postId: ids.annasPost } = await anna.api.networks.post.mutate({ discussionId: ids.discussion, body: 'Tack, vi läser.' }));
  ({ itemId: ids.item } = await bengt.api.networks.publishItem.mutate({ networkId: ids.network, title: 'Mall för sensorkrav', body: 'Kraven på sensorerna i tio punkter.' }));
  await bengt.api.networks.reviseItem.mutate({ itemId: ids.item, title: 'Mall för sensorkrav', body: 'Kraven på sensorerna i elva punkter.', note: 'En punkt till' });
  const uploaded = await uploadTo(server, bengt.cookie(), networkFileUploadPath(ids.item), await samplePdf('Sensorkrav'), 'Sensorkrav.pdf');
  expect(uploaded.status).toBe(201);
  ids.file = uploaded.body.file!.id;
  ({ sessionId: ids.session } = await bengt.api.networks.scheduleSession.mutate({ networkId: ids.network, ...session('Genomgång av sensorkraven', '10') }));
  ({ sessionId: ids.annasSession } = await anna.api.networks.scheduleSession.mutate({ networkId: ids.network, ...session('Annas genomgång', '11') }));

  // A network the duplicate had left before the merge: what its person wrote there stays on record.
  ({ discussionId: ids.leftDiscussion } = await bengt.api.networks.startDiscussion.mutate({ networkId: ids.leftNetwork, title: 'Vinterväghållning', body: 'Hur gör ni med saltet?' }));
  await bengt.api.networks.leave.mutate({ networkId: ids.leftNetwork });

  await moderator.api.organisations.merge.mutate({ organisationId: org.duplicate, intoOrganisationId: org.survivor });
  await server.settled();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('a network’s records after an organisation merge', () => {
  it('names the survivor on the merged person’s post, item, file and session, and nobody else’s changes', async () => {
    expect(await organisationOf(bengt)).toBe(org.survivor);
    const discussion = await anna.api.networks.discussion.query({ discussionId: ids.discussion });
    expect(discussion.posts.map((post) => [post.authorName, post.organisationName])).toEqual([
      ['Bengt', SURVIVOR],
      ['Anna', 'Region Norr'],
    ]);
    const item = await anna.api.networks.libraryItem.query({ itemId: ids.item });
    expect(item.organisationName).toBe(SURVIVOR);
    expect(item.files.map((file) => [file.id, file.organisationName])).toEqual([[ids.file, SURVIVOR]]);
    expect((await anna.api.networks.session.query({ sessionId: ids.session })).organisationName).toBe(SURVIVOR);
    expect((await anna.api.networks.session.query({ sessionId: ids.annasSession })).organisationName).toBe('Region Norr');
    expect(await recordsNamingDuplicate()).toEqual({ [NETWORK_DISCUSSIONS]: 0, [NETWORK_POSTS]: 0, [NETWORK_LIBRARY]: 0, [NETWORK_LIBRARY_FILES]: 0, [NETWORK_SESSIONS]: 0 });
  });

  it('names the survivor in a network the duplicate had left, too', async () => {
    const discussion = await anna.api.networks.discussion.query({ discussionId: ids.leftDiscussion });
    expect(discussion.posts.map((post) => [post.authorName, post.organisationName, post.body])).toEqual([['Bengt', SURVIVOR, 'Hur gör ni med saltet?']]);
  });

  it('keeps what was written before as it was: the post’s earlier text and the item’s versions by their authors', async () => {
    const [post] = (await anna.api.networks.discussion.query({ discussionId: ids.discussion })).posts;
    expect(post!.body).toBe('Första utkastet, rättat.');
    expect(post!.earlier.map((earlier) => earlier.body)).toEqual(['Första utkastet.']);
    const item = await anna.api.networks.libraryItem.query({ itemId: ids.item });
    expect(item.versions.map((version) => [version.version, version.authorName, version.note])).toEqual([
      [2, 'Bengt', 'En punkt till'],
      [1, 'Bengt', ''],
    ]);
    expect(item.files.map((file) => file.version)).toEqual([2]);
  });

  it('leaves the merged person, acting for the survivor, editing their post, revising their item and editing and cancelling their session', async () => {
    const discussion = await bengt.api.networks.discussion.query({ discussionId: ids.discussion });
    expect(discussion.posts.map((post) => post.viewer.mayEdit)).toEqual([true, false]);
    await bengt.api.networks.editPost.mutate({ postId: ids.bengtsPost, body: 'Andra utkastet, efter sammanslagningen.' });
    expect((await bengt.api.networks.libraryItem.query({ itemId: ids.item })).viewer.mayRevise).toBe(true);
    expect(await bengt.api.networks.reviseItem.mutate({ itemId: ids.item, title: 'Mall för sensorkrav', body: 'Kraven på sensorerna i tolv punkter.', note: 'Efter sammanslagningen' })).toEqual({ version: 3 });
    const seen = await bengt.api.networks.session.query({ sessionId: ids.session });
    expect(seen.viewer).toMatchObject({ mayEdit: true, mayCancel: true });
    await bengt.api.networks.editSession.mutate({ sessionId: ids.session, ...session('Genomgång av sensorkraven, del 1', '10') });
    await bengt.api.networks.cancelSession.mutate({ sessionId: ids.session, reason: 'Vi slår ihop den med Annas genomgång' });
    const after = await anna.api.networks.session.query({ sessionId: ids.session });
    expect([after.title, after.cancelled?.reason, after.organisationName]).toEqual(['Genomgång av sensorkraven, del 1', 'Vi slår ihop den med Annas genomgång', SURVIVOR]);
    const item = await anna.api.networks.libraryItem.query({ itemId: ids.item });
    expect([item.organisationName, item.versions.map((version) => version.authorName)]).toEqual([SURVIVOR, ['Bengt', 'Bengt', 'Bengt']]);
  });

  it('moves each network’s records once, recording it once, even when the merge is handled again after a restart', async () => {
    expect((await eventsOf('network.records_merged')).map((event) => event.subject.networkId).sort()).toEqual([ids.network, ids.leftNetwork].sort());
    const [merged] = await eventsOf('organisation.merged');
    await server.app.close();
    const store = await openStore({ dataDir: server.dataDir });
    await store.collection<CheckpointDocument>(CHECKPOINTS).updateOne({ _id: NETWORKS_MERGE }, { $set: { seq: merged!.seq - 1 } });
    await store.close();
    await server.restart();
    await server.settled();
    expect(await eventsOf('network.records_merged')).toHaveLength(2);
    expect(await eventsOf('network.membership_merged')).toHaveLength(1);
    expect(await recordsNamingDuplicate()).toEqual({ [NETWORK_DISCUSSIONS]: 0, [NETWORK_POSTS]: 0, [NETWORK_LIBRARY]: 0, [NETWORK_LIBRARY_FILES]: 0, [NETWORK_SESSIONS]: 0 });
    expect((await anna.api.networks.discussion.query({ discussionId: ids.discussion })).posts.map((post) => post.organisationName)).toEqual([SURVIVOR, 'Region Norr']);
  });
});
