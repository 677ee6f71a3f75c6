// Search over what is said outside a dialogue's threads: sessions' minutes, questions asked in a
// session's live room with their answers, one-to-one meetings' minutes, library items and relay
// handovers. Each follows the event log (published, revised, hidden, withdrawn, made public) and
// its own module's rule of who may read it — registered-only dialogues and items, questions waiting
// for approval or hidden, minutes of a round still open to anyone but their readers — never as a
// hit, a snippet or a count.
import type { SearchResultsView, SearchResultView } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let alice: Visitor;
let bob: Visitor;
let moderator: Visitor;
let anonymous: Visitor;
const PASSWORD = 'sökbart innehåll i arenan';
const year = new Date().getUTCFullYear() + 1;
const ids = { open: '', members: '', session: '' };
/** Words only in what must stay unseen by those asking: none may reach a hit, a snippet or a count. */
const UNSEEN = ['väntelivefråga', 'doldlivefråga', 'medlemsanteckning', 'medlemsguide'];

const inDays = (days: number) => new Date(server.clock.now().getTime() + days * 86_400_000).toISOString();

async function search(visitor: Visitor, q: string, extra: { kinds?: SearchResultView['kind'][]; arenaIds?: ('transport' | 'energy-environment')[] } = {}): Promise<SearchResultsView> {
  await server.settled();
  return visitor.api.search.query.query({ q, facets: true, limit: 50, ...extra });
}

const kindsOf = (results: SearchResultsView) => results.hits.map((hit) => hit.kind).sort();

async function heldSession(dialogueId: string, title: string, questionsNeedApproval: boolean): Promise<string> {
  const { sessionId } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title,
    agenda: '1. Behovet\n2. Frågor',
    startsAt: `${year}-05-12T10:00`,
    endsAt: `${year}-05-12T11:30`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/abc',
    capacity: 50,
    questionsNeedApproval,
  });
  await buyer.api.sessions.start.mutate({ sessionId });
  return sessionId;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  [buyer, alice, bob, anonymous] = [server.visitor(), server.visitor(), server.visitor(), server.visitor()];
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@trafik.example', password: PASSWORD, representation: 'buyer', organisationName: 'Trafikkontoret Exempel' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: 'alice@sensor.example', password: PASSWORD, representation: 'supplier', organisationName: 'Sensorbolaget AB' });
  await bob.registerVerified({ name: 'Bob Konkurrent', email: 'bob@konkurrent.example', password: PASSWORD, representation: 'supplier', organisationName: 'Konkurrent AB' });
  moderator = await server.moderator();
  const dialogue = async (title: string, visibility: 'public' | 'registered') =>
    (
      await buyer.api.dialogues.create.mutate({
        title,
        description: 'Vi söker sensorer för halkbekämpning.',
        arenaId: 'transport',
        phase: 'market-dialogue',
        questionDeadline: inDays(1),
        visibility,
      })
    ).dialogueId;
  ids.open = await dialogue('Halkbekämpning med sensorer', 'public');
  ids.members = await dialogue('Halkbekämpning för medlemmar', 'registered');
});

afterAll(async () => {
  await server?.stop();
});

describe('live-session questions and session minutes', () => {
  it('finds a question the room saw with the host’s answer, never one waiting for approval or hidden', async () => {
    ids.session = await heldSession(ids.open, 'Informationsmöte om isbildning', true);
    const seen = await alice.api.liveRoom.ask.mutate({ sessionId: ids.session, body: 'Hur ofta mäts isbildningen på broarna?' });
    await buyer.api.liveRoom.approve.mutate({ questionId: seen.questionId });
    await buyer.api.liveRoom.answer.mutate({ questionId: seen.questionId, answer: 'Var tionde minut, med isbildning rapporterad direkt.' });
    await bob.api.liveRoom.ask.mutate({ sessionId: ids.session, body: 'Isbildning väntelivefråga om broarna?' });
    const hidden = await bob.api.liveRoom.ask.mutate({ sessionId: ids.session, body: 'Isbildning doldlivefråga med reklam.' });
    await buyer.api.liveRoom.approve.mutate({ questionId: hidden.questionId });
    await buyer.api.liveRoom.hide.mutate({ questionId: hidden.questionId, reason: 'Reklam för egen produkt' });

    for (const visitor of [anonymous, alice, bob]) {
      const found = await search(visitor, 'isbildning');
      const live = found.hits.filter((hit) => hit.kind === 'live-question');
      expect(live).toHaveLength(1);
      expect(live[0]).toMatchObject({ id: `live:${seen.questionId}`, dialogueId: ids.open, subjectId: ids.session, answered: true, arenaIds: ['transport'] });
      expect(live[0]?.title.map((part) => part.text).join('')).toBe('Informationsmöte om isbildning');
      expect(live[0]?.answer?.snippet.some((part) => part.match)).toBe(true);
      expect(found.facets?.kind).toContainEqual({ value: 'live-question', label: null, count: 1 });
    }
  });

  it('finds the minutes once published; the answered live question is then found once, as the dialogue’s published question', async () => {
    await buyer.api.sessions.end.mutate({ sessionId: ids.session });
    await buyer.api.liveRoom.publishMinutes.mutate({ sessionId: ids.session, minutes: 'Vi gick igenom kalibrering av sensorerna och isbildning på broar.' });
    const minutes = await search(anonymous, 'kalibrering');
    expect(minutes.hits).toEqual([
      expect.objectContaining({ id: `minutes:${ids.session}`, kind: 'session-minutes', dialogueId: ids.open, subjectId: ids.session, answered: null }),
    ]);
    expect(minutes.hits[0]?.dialogue).toMatchObject({ title: 'Halkbekämpning med sensorer', arenaId: 'transport', buyers: [{ name: 'Trafikkontoret Exempel' }] });
    const questions = await search(anonymous, 'broarna', { kinds: ['live-question', 'question'] });
    expect(kindsOf(questions)).toEqual(['question']);
  });

  it('keeps a registered-only dialogue’s minutes from those who may not see it, as a hit and as a count', async () => {
    const sessionId = await heldSession(ids.members, 'Medlemsmöte', false);
    await buyer.api.sessions.end.mutate({ sessionId });
    await buyer.api.liveRoom.publishMinutes.mutate({ sessionId, minutes: 'Protokoll: medlemsanteckning om halkbekämpning.' });
    expect((await search(alice, 'medlemsanteckning')).hits.map((hit) => hit.id)).toEqual([`minutes:${sessionId}`]);
    const forAnonymous = await search(anonymous, 'halkbekämpning');
    expect(forAnonymous.hits.map((hit) => hit.id)).not.toContain(`minutes:${sessionId}`);
    expect(forAnonymous.facets?.kind.find((value) => value.value === 'session-minutes')).toBeUndefined();
    expect((await search(alice, 'halkbekämpning')).facets?.kind.find((value) => value.value === 'session-minutes')?.count).toBe(1);
    expect((await search(anonymous, 'medlemsanteckning')).total).toBe(0);
  });
});

describe('one-to-one meetings’ minutes', () => {
  it('are found by everyone who sees the dialogue once the round is closed, before that only by the buyers and the booking organisation', async () => {
    const { roundId } = await buyer.api.meetings.openRound.mutate({
      dialogueId: ids.open,
      title: 'Enskilda dialogmöten om sensorer',
      agenda: '1. Er lösning',
      timeZone: 'Europe/Stockholm',
      firstStartsAt: `${year}-03-10T09:00`,
      slotMinutes: 45,
      breakMinutes: 15,
      slotCount: 2,
      place: 'online',
      meetingLink: 'https://meet.example/enskilt',
    });
    const slotId = (await buyer.api.meetings.round.query({ roundId })).slots[0]?.id ?? '';
    await alice.api.meetings.book.mutate({ slotId });
    await buyer.api.meetings.recordMinutes.mutate({ slotId, minutes: 'Sensorbolaget visade vägbanetermometrar.' });
    // Who may read them while the round is open find them (search-meeting-readers.test.ts tries the rest).
    for (const visitor of [anonymous, bob]) expect((await search(visitor, 'vägbanetermometrar')).total).toBe(0);
    for (const visitor of [alice, buyer]) expect((await search(visitor, 'vägbanetermometrar')).hits.map((hit) => hit.id)).toEqual([`meeting:${slotId}`]);
    // Bob watches for the word: the minutes are new to him when the round closes, not when recorded.
    const { savedSearchId } = await bob.api.savedSearches.save.mutate({ name: 'Termometrar', query: { q: 'vägbanetermometrar' }, inApp: true, email: 'off' });
    const toldBob = async () => {
      await server.settled();
      return (await bob.api.notifications.list.query({ limit: 50 })).items.filter((item) => item.savedSearch?.id === savedSearchId);
    };
    await buyer.api.meetings.recordMinutes.mutate({ slotId, minutes: 'Sensorbolaget visade vägbanetermometrar och larm.' });
    expect(await toldBob()).toEqual([]);
    await buyer.api.meetings.closeRound.mutate({ roundId });
    const found = await search(bob, 'vägbanetermometrar');
    expect(found.hits).toEqual([expect.objectContaining({ id: `meeting:${slotId}`, kind: 'meeting-minutes', subjectId: roundId, dialogueId: ids.open })]);
    expect(await toldBob()).toHaveLength(1);
  });
});

describe('library items', () => {
  it('are found in each of their arenas as one result, with audiences and language, and follow revisions and withdrawal', async () => {
    const { itemId } = await moderator.api.library.publish.mutate({
      kind: 'guide',
      arenaIds: ['transport', 'energy-environment'],
      audiences: ['buyers', 'suppliers'],
      language: 'en',
      visibility: 'public',
      title: 'Road salt and winter maintenance',
      summary: 'How to procure de-icing.',
      body: '## Road salt\n\nStart with the need for safer winter roads.',
    });
    const found = await search(anonymous, 'road salt');
    expect(found.total).toBe(1);
    expect(found.hits[0]).toMatchObject({ kind: 'library-item', dialogueId: null, dialogue: null, subjectId: itemId, arenaIds: ['transport', 'energy-environment'], library: { audiences: ['buyers', 'suppliers'], language: 'en' } });
    expect(found.facets?.kind).toEqual([{ value: 'library-item', label: null, count: 1 }]);
    expect(found.facets?.dialogueId).toEqual([]);
    expect(found.facets?.phase).toEqual([]);
    for (const arenaId of ['transport', 'energy-environment'] as const) expect((await search(anonymous, 'road salt', { arenaIds: [arenaId] })).total).toBe(1);

    await moderator.api.library.revise.mutate({
      itemId,
      kind: 'guide',
      arenaIds: ['energy-environment'],
      audiences: ['buyers'],
      language: 'en',
      visibility: 'public',
      title: 'Brine and winter maintenance',
      summary: 'How to procure brine.',
      body: '## Brine\n\nStart with the need for safer winter roads.',
      note: 'Brine instead of salt',
    });
    expect((await search(anonymous, 'salt')).total).toBe(0);
    expect((await search(anonymous, 'brine', { arenaIds: ['transport'] })).total).toBe(0);
    expect((await search(anonymous, 'brine', { arenaIds: ['energy-environment'] })).hits.map((hit) => hit.subjectId)).toEqual([itemId]);

    await moderator.api.library.withdraw.mutate({ itemId, reason: 'Ersatt av en nyare vägledning.' });
    expect((await search(anonymous, 'brine')).total).toBe(0);
  });

  it('keeps a registered-only item from anonymous searchers, as a hit and as a count', async () => {
    await buyer.api.library.publish.mutate({
      kind: 'template',
      arenaIds: ['transport'],
      audiences: ['buyers'],
      language: 'sv',
      visibility: 'registered',
      title: 'Mall för vinterdrift, medlemsguide',
      summary: '',
      body: 'En mall för upphandling av vinterdrift.',
    });
    const forAlice = await search(alice, 'vinterdrift');
    expect(forAlice.hits).toEqual([expect.objectContaining({ kind: 'library-item', publisher: { id: expect.any(String), name: 'Trafikkontoret Exempel' } })]);
    const forAnonymous = await search(anonymous, 'vinterdrift');
    expect(forAnonymous.total).toBe(0);
    expect(forAnonymous.facets?.kind).toEqual([]);
  });
});

describe('relay handovers', () => {
  it('are found in their arena under their buyer until withdrawn', async () => {
    const { projectId } = await buyer.api.relay.create.mutate({ title: 'Sensorer mot halka', arenaId: 'transport', dialogueIds: [ids.open] });
    expect((await search(anonymous, 'pilotfas')).total).toBe(0);
    await buyer.api.relay.publishHandover.mutate({
      projectId,
      stage: 'Marknadsdialog genomförd',
      procured: 'Sensorer som varnar för halka på broar.',
      dialogue: 'Ett informationsmöte och enskilda möten.',
      worked: 'Att visa mätdata tidigt.',
      didNotWork: 'För få leverantörer i norr.',
      risks: 'Teknisk risk delades genom en pilotfas med avbrottsrätt.',
      financing: 'Egen budget.',
    });
    const found = await search(anonymous, 'pilotfas');
    expect(found.hits).toEqual([
      expect.objectContaining({ id: `handover:${projectId}`, kind: 'relay-handover', subjectId: projectId, dialogue: null, arenaIds: ['transport'], publisher: expect.objectContaining({ name: 'Trafikkontoret Exempel' }) }),
    ]);
    expect(found.facets?.buyerOrganisationId).toEqual([expect.objectContaining({ label: 'Trafikkontoret Exempel', count: 1 })]);
    await buyer.api.relay.withdrawHandover.mutate({ projectId, reason: 'Projektet avbröts.' });
    const after = await search(anonymous, 'pilotfas');
    expect(after.total).toBe(0);
    expect(after.facets?.kind).toEqual([]);
  });
});

describe('saved searches', () => {
  it('alert on a new library item, by the indexer’s own rule', async () => {
    const { savedSearchId } = await alice.api.savedSearches.save.mutate({ name: 'Snöblad', query: { q: 'snöblad' }, inApp: true, email: 'off' });
    const { itemId } = await buyer.api.library.publish.mutate({
      kind: 'case-study',
      arenaIds: ['transport'],
      audiences: ['buyers', 'suppliers'],
      language: 'sv',
      visibility: 'registered',
      title: 'Fallstudie: snöblad på bussar',
      summary: '',
      body: 'Hur snöblad på bussar upphandlades.',
    });
    await server.settled();
    const told = (await alice.api.notifications.list.query({ limit: 50 })).items.filter((item) => item.savedSearch?.id === savedSearchId);
    expect(told).toHaveLength(1);
    expect(told[0]?.savedSearch?.matches).toBe(1);
    // An edit of the item is not new content: no second alert.
    await buyer.api.library.revise.mutate({
      itemId,
      kind: 'case-study',
      arenaIds: ['transport'],
      audiences: ['buyers', 'suppliers'],
      language: 'sv',
      visibility: 'registered',
      title: 'Fallstudie: snöblad på bussar och spårvagnar',
      summary: '',
      body: 'Hur snöblad på bussar och spårvagnar upphandlades.',
      note: 'Spårvagnarna också',
    });
    await server.settled();
    expect((await alice.api.notifications.list.query({ limit: 50 })).items.filter((item) => item.savedSearch?.id === savedSearchId)).toHaveLength(1);
  });
});

describe('following the dialogue and the event log', () => {
  it('writes a dialogue’s minutes and meetings again when it becomes registered-only, and back', async () => {
    expect((await search(anonymous, 'kalibrering')).total).toBe(1);
    await buyer.api.dialogues.update.mutate({ dialogueId: ids.open, visibility: 'registered' });
    const hidden = await search(anonymous, 'kalibrering vägbanetermometrar');
    expect(hidden.total).toBe(0);
    expect(hidden.facets?.kind).toEqual([]);
    expect(kindsOf(await search(alice, 'kalibrering'))).toEqual(['session-minutes']);
    await buyer.api.dialogues.update.mutate({ dialogueId: ids.open, visibility: 'public' });
    expect(kindsOf(await search(anonymous, 'vägbanetermometrar'))).toEqual(['meeting-minutes']);
  });

  it('resumes from its checkpoint after a restart: what was indexed before is found once, and what comes after too', async () => {
    await server.restart();
    await moderator.api.library.publish.mutate({
      kind: 'funding',
      arenaIds: ['transport'],
      audiences: ['suppliers'],
      language: 'sv',
      visibility: 'public',
      title: 'Utlysning om kalibrering av vägsensorer',
      summary: '',
      body: 'Stöd till kalibrering av vägsensorer i fält.',
    });
    expect(kindsOf(await search(anonymous, 'kalibrering'))).toEqual(['library-item', 'session-minutes']);
  });
});

describe('nothing unseen leaks', () => {
  it('no hidden, waiting or registered-only word reaches an anonymous searcher', async () => {
    for (const word of UNSEEN) {
      const found = await search(anonymous, word);
      expect(found.total, word).toBe(0);
      expect(JSON.stringify(found), word).not.toContain(word);
    }
    for (const word of ['väntelivefråga', 'doldlivefråga']) expect((await search(alice, word)).total, word).toBe(0);
  });
});
