// Live consortium and opportunity pages (issue 11 §5), over the real server with socket.io-client:
// a consortium's room is joined by whoever may see it (a buyer-only one answers everyone else as a
// missing one), and every path that takes the right away takes the socket out before anything more
// is sent — a member leaving or removed, the consortium turning buyer-only, logout. An opportunity's
// room is told of edits and withdrawals, and of a buyer-only consortium only those who may see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerToClientEvents } from '@dialogforum/contracts';
import { signUpPeople } from '../support/people.ts';
import { nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
/** Signs up one of this file's people (their addresses at live-consortia.example). */
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'live-consortia.example', PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // buyer who publishes the opportunity
let sune: Visitor; // owner of the supplier that leads
let rita: Visitor; // owner of the supplier invited in
let tor: Visitor; // owner of a supplier with no part in it
const PASSWORD = 'konsortiet syns live för rätt personer';
const PUSH_WAIT = 10_000;
const ids = { opportunity: '', consortium: '', ritas: '', tors: '' };

/** Every consortium and opportunity push a socket is sent from now on, in order. */
function recorded(socket: LiveSocket): { name: string; id: string }[] {
  const seen: { name: string; id: string }[] = [];
  const names: (keyof ServerToClientEvents)[] = ['consortium.changed', 'consortium.access_changed', 'opportunity.changed', 'opportunity.access_changed'];
  for (const name of names) {
    (socket.on as (name: string, listener: (payload: { consortiumId?: string; opportunityId?: string }) => void) => void)(name, (payload) => {
      seen.push({ name, id: payload.consortiumId ?? payload.opportunityId ?? '' });
    });
  }
  return seen;
}

async function subscribed(visitor: Visitor, event: 'consortium.subscribe' | 'opportunity.subscribe', input: Record<string, string>): Promise<LiveSocket> {
  const socket = await visitor.connect();
  expect(await socket.emitWithAck(event, input)).toEqual({ ok: true });
  return socket;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  [anna, sune, rita, tor] = await Promise.all([
    person('Anna', 'buyer', 'Forskningsanläggningen AB'),
    person('Sune', 'supplier', 'Magnetbolaget AB'),
    person('Rita', 'supplier', 'Ritas kryoteknik AB'),
    person('Tor', 'supplier', 'Tredje leverantören AB'),
  ]);
  const organisationId = (await anna.api.accounts.me.query())?.organisation?.id ?? '';
  await moderator.api.organisations.verify.mutate({ organisationId });
  ids.ritas = (await rita.api.accounts.me.query())?.organisation?.id ?? '';
  ids.tors = (await tor.api.accounts.me.query())?.organisation?.id ?? '';
  ({ opportunityId: ids.opportunity } = await anna.api.consortia.publishOpportunity.mutate({ title: 'Kryostater', facility: 'MAX IV', description: 'Upphandling av kryostater.' }));
  ({ consortiumId: ids.consortium } = await sune.api.consortia.form.mutate({ opportunityId: ids.opportunity, name: 'Kryokonsortiet', visibility: 'public', invite: [ids.ritas] }));
  await rita.api.consortia.confirm.mutate({ consortiumId: ids.consortium, visibility: 'public' });
  // The lead keeps it to the buyer, so it stays hidden from Rita once she has left.
  await sune.api.consortia.chooseVisibility.mutate({ consortiumId: ids.consortium, visibility: 'buyer' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('a consortium’s room', () => {
  it('sends its members a change, and takes a leaver’s socket out before anything more is sent', async () => {
    const ritas = await subscribed(rita, 'consortium.subscribe', { consortiumId: ids.consortium });
    const seen = recorded(ritas);
    // As a confirmed member she sees it, kept to the buyer as it is, and is told of a change.
    const changed = nextEvent(ritas, 'consortium.changed', PUSH_WAIT);
    await rita.api.consortia.chooseVisibility.mutate({ consortiumId: ids.consortium, visibility: 'buyer' });
    expect((await changed).consortiumId).toBe(ids.consortium);

    const out = nextEvent(ritas, 'consortium.access_changed', PUSH_WAIT);
    await rita.api.consortia.leave.mutate({ consortiumId: ids.consortium, reason: 'Annat uppdrag.' });
    expect((await out).consortiumId).toBe(ids.consortium);
    // After leaving, nothing of it reaches her socket: neither an invitation nor a removal.
    const before = seen.length;
    await sune.api.consortia.invite.mutate({ consortiumId: ids.consortium, organisationIds: [ids.tors] });
    await sune.api.consortia.remove.mutate({ consortiumId: ids.consortium, organisationId: ids.tors, reason: 'Inbjuden av misstag.' });
    await server.settled();
    expect(seen.slice(before)).toEqual([]);
    // And she cannot join again: it is kept to the buyer, and she is no longer in it.
    expect(await ritas.emitWithAck('consortium.subscribe', { consortiumId: ids.consortium })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    expect(seen.slice(before)).toEqual([]);
    ritas.disconnect();
  });

  it('answers a third party probing a buyer-only consortium exactly as a missing one', async () => {
    const tors = await tor.connect();
    const hidden = await tors.emitWithAck('consortium.subscribe', { consortiumId: ids.consortium });
    const missing = await tors.emitWithAck('consortium.subscribe', { consortiumId: 'saknas-helt-och-hallet' });
    expect(JSON.stringify(hidden)).toBe(JSON.stringify(missing));
    expect(hidden).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    tors.disconnect();
  });

  it('takes out an outsider’s socket when the consortium turns buyer-only', async () => {
    await sune.api.consortia.chooseVisibility.mutate({ consortiumId: ids.consortium, visibility: 'public' });
    await server.settled();
    const tors = await subscribed(tor, 'consortium.subscribe', { consortiumId: ids.consortium });
    const seen = recorded(tors);
    const out = nextEvent(tors, 'consortium.access_changed', PUSH_WAIT);
    await sune.api.consortia.chooseVisibility.mutate({ consortiumId: ids.consortium, visibility: 'buyer' });
    expect((await out).consortiumId).toBe(ids.consortium);
    await sune.api.consortia.invite.mutate({ consortiumId: ids.consortium, organisationIds: [ids.ritas] });
    await server.settled();
    expect(seen).toEqual([{ name: 'consortium.access_changed', id: ids.consortium }]);
    tors.disconnect();
  });

  it('closes the room on logout', async () => {
    const sunes = await subscribed(sune, 'consortium.subscribe', { consortiumId: ids.consortium });
    const closed = new Promise<void>((resolve) => sunes.once('disconnect', () => resolve()));
    await sune.api.accounts.logout.mutate();
    await closed;
    await sune.api.accounts.login.mutate({ email: 'sune@live-consortia.example', password: PASSWORD });
  });
});

describe('an opportunity’s room', () => {
  it('tells everyone there of an edit, and of a buyer-only consortium only those who may see it', async () => {
    const tors = await subscribed(tor, 'opportunity.subscribe', { opportunityId: ids.opportunity });
    const annas = await subscribed(anna, 'opportunity.subscribe', { opportunityId: ids.opportunity });
    const torSeen = recorded(tors);
    const annaSeen = recorded(annas);

    // The consortium is kept to the buyer now: Rita declining its new invitation reaches the buyer's page, not Tor's.
    const annaTold = nextEvent(annas, 'opportunity.changed', PUSH_WAIT);
    await rita.api.consortia.decline.mutate({ consortiumId: ids.consortium });
    expect((await annaTold).opportunityId).toBe(ids.opportunity);
    await server.settled();
    expect(torSeen).toEqual([]);

    const torTold = nextEvent(tors, 'opportunity.changed', PUSH_WAIT);
    await anna.api.consortia.editOpportunity.mutate({ opportunityId: ids.opportunity, title: 'Kryostater och kryoledningar', facility: 'MAX IV', description: 'Upphandling av kryostater.', arenaId: 'big-science', expectedAt: null });
    expect((await torTold).opportunityId).toBe(ids.opportunity);
    await server.settled();
    expect(annaSeen.filter((push) => push.name === 'opportunity.changed')).toHaveLength(2);
    tors.disconnect();
    annas.disconnect();
  });

  it('takes an anonymous socket out of a dialogue’s opportunity once the dialogue is for registered users only, before anything more is sent', async () => {
    const { dialogueId } = await anna.api.dialogues.create.mutate({
      title: 'Dialog om detektorer',
      description: 'Vi söker detektorer.',
      arenaId: 'big-science',
      phase: 'market-dialogue',
      questionDeadline: new Date(server.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      visibility: 'public',
    });
    const { opportunityId } = await sune.api.consortia.openForDialogue.mutate({ dialogueId });
    const anonymous = await subscribed(server.visitor(), 'opportunity.subscribe', { opportunityId });
    const seen = recorded(anonymous);
    // The dialogue's change looks in the dialogue's rooms only; the opportunity's room is derived again before its next push.
    await anna.api.dialogues.update.mutate({ dialogueId, visibility: 'registered' });
    const out = nextEvent(anonymous, 'opportunity.access_changed', PUSH_WAIT);
    await tor.api.consortia.declareInterest.mutate({ opportunityId, interested: true });
    expect((await out).opportunityId).toBe(opportunityId);
    await server.settled();
    expect(seen).toEqual([{ name: 'opportunity.access_changed', id: opportunityId }]);
    anonymous.disconnect();
  });
});
