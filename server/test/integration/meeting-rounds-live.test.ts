// A round of one-to-one meetings changes live for everyone who has it open, over the real server
// and socket.io: a second supplier sees a slot become taken without reloading, and never learns
// which organisation took it (the buyers do); the minutes of an open round are news for the buyers
// and the meeting's own organisation only; and a socket whose person logged out is sent nothing more.
// A round's page keeps the dialogue's rounds room (`topic: 'rounds'`): it is sent the rounds' news
// and nothing of the threads, and loses the room as the dialogue's page loses the dialogue's room.
import type { CreateMeetingRoundInput, DialogueTopic, MeetingRoundView } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'samma tider för alla leverantörer';
const year = new Date().getUTCFullYear() + 1;

type Person = { visitor: Visitor; userId: string; name: string; organisationId: string; organisationName: string };

/** A socket on the dialogue's page, with every message it is sent (name and payload, as JSON). */
type Watcher = { socket: LiveSocket; received: { name: string; json: string }[]; closedByServer: boolean };

let server: TestServer;
let buyer: Person;
let first: Person; // books first
let second: Person; // watches the round
let dialogueId: string;
const sockets: LiveSocket[] = [];

async function person(name: string, email: string, representation: 'buyer' | 'supplier', organisationName: string): Promise<Person> {
  const visitor = server.visitor();
  await visitor.registerVerified({ name, email, password: PASSWORD, representation, organisationName });
  const me = await visitor.api.accounts.me.query();
  return { visitor, userId: me?.id ?? '', name, organisationId: me?.organisation?.id ?? '', organisationName };
}

/**
 * Connects as the person's browser (or a signed-out visitor's) does and joins the dialogue's room,
 * as the dialogue's page does, or its rounds room, as a round's page does.
 */
async function watch(who: Person | Visitor, subscription: { topic?: DialogueTopic; dialogueId?: string } = {}): Promise<Watcher> {
  const socket = await ('visitor' in who ? who.visitor : who).connect();
  sockets.push(socket);
  const watcher: Watcher = { socket, received: [], closedByServer: false };
  socket.onAny((name: string, payload: unknown) => watcher.received.push({ name, json: JSON.stringify(payload) }));
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') watcher.closedByServer = true;
  });
  const input = { dialogueId: subscription.dialogueId ?? dialogueId, ...(subscription.topic ? { topic: subscription.topic } : {}) };
  expect(await socket.emitWithAck('dialogue.subscribe', input)).toEqual({ ok: true });
  return watcher;
}

/** Every processor has handled everything, and what they sent has had time to arrive. */
async function delivered(): Promise<void> {
  await server.settled();
  await new Promise((resolve) => setTimeout(resolve, 150));
}

function roundChanges(watcher: Watcher, roundId: string): number {
  return watcher.received.filter((message) => message.name === 'round.changed' && JSON.parse(message.json).roundId === roundId).length;
}

/** The names of what the socket was sent, but for its own person's notifications (which follow them on every page). */
function namesSent(watcher: Watcher): string[] {
  return watcher.received.map((message) => message.name).filter((name) => name !== 'notification.created');
}

async function openRound(firstStartsAt: string, dialogue = dialogueId): Promise<{ roundId: string; slotIds: string[] }> {
  const input: CreateMeetingRoundInput = {
    dialogueId: dialogue,
    title: 'Enskilda möten, direkt',
    agenda: 'Er lösning',
    timeZone: 'Europe/Stockholm',
    firstStartsAt,
    slotMinutes: 30,
    breakMinutes: 10,
    slotCount: 3,
    place: 'online',
    meetingLink: 'https://meet.example/direkt',
  };
  const { roundId } = await buyer.visitor.api.meetings.openRound.mutate(input);
  const view = await buyer.visitor.api.meetings.round.query({ roundId });
  return { roundId, slotIds: view.slots.map((slot) => slot.id) };
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  buyer = await person('Bodil Beställare', 'bodil@direkt.example', 'buyer', 'Direktkommunen');
  first = await person('Frida Först', 'frida@direkt.example', 'supplier', 'Först AB');
  second = await person('Sven Sist', 'sven@direkt.example', 'supplier', 'Sist AB');
  ({ dialogueId } = await buyer.visitor.api.dialogues.create.mutate({
    title: 'Möten som syns direkt',
    description: 'Vi söker lösningar.',
    arenaId: 'healthcare',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 400 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
}, 90_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.stop();
});

describe('a round of one-to-one meetings, live', () => {
  it('shows a second supplier a slot becoming taken without reloading, and who took it to the buyers only', async () => {
    const [buyerPage, firstPage, secondPage] = await Promise.all([watch(buyer), watch(first), watch(second)]);
    const { roundId, slotIds } = await openRound(`${year}-04-14T09:00`);
    await delivered();
    // Opening the round reached everyone with the dialogue open.
    for (const page of [buyerPage, firstPage, secondPage]) expect(roundChanges(page, roundId)).toBe(1);
    const before = await second.visitor.api.meetings.round.query({ roundId });
    expect(before.slots[0]).toMatchObject({ booked: false, supplier: null });

    const nudge = nextEvent(secondPage.socket, 'round.changed');
    await first.visitor.api.meetings.book.mutate({ slotId: slotIds[0]! });
    expect(await nudge).toMatchObject({ dialogueId, roundId });
    // The second supplier's page reads the round again, as it may see it: taken, not by whom.
    const seen: MeetingRoundView = await second.visitor.api.meetings.round.query({ roundId });
    expect(seen.bookedCount).toBe(1);
    expect(seen.slots[0]).toMatchObject({ booked: true, mine: false, supplier: null });
    expect(seen.viewer).toMatchObject({ canBook: true, bookedSlotId: null });
    // The buyers' page, told the same, reads who it is.
    await delivered();
    expect(roundChanges(buyerPage, roundId)).toBe(2);
    const hosts = await buyer.visitor.api.meetings.round.query({ roundId });
    expect(hosts.slots[0]?.supplier).toEqual({ kind: 'organisation', name: first.organisationName, person: first.name });

    // Nothing the second supplier's socket was ever sent names the first supplier or their organisation.
    const everything = secondPage.received.map((message) => message.json).join('\n');
    expect(secondPage.received.length).toBeGreaterThan(0);
    for (const secret of [first.userId, first.name, first.organisationId, first.organisationName]) expect(everything).not.toContain(secret);
  });

  it('tells of minutes of an open round only the buyers and the organisation that met them', async () => {
    const [buyerPage, firstPage, secondPage] = await Promise.all([watch(buyer), watch(first), watch(second)]);
    const { roundId, slotIds } = await openRound(`${year}-04-15T09:00`);
    await first.visitor.api.meetings.book.mutate({ slotId: slotIds[1]! });
    await delivered();
    const counts = () => [buyerPage, firstPage, secondPage].map((page) => roundChanges(page, roundId));
    expect(counts()).toEqual([2, 2, 2]);

    await buyer.visitor.api.meetings.recordMinutes.mutate({ slotId: slotIds[1]!, minutes: 'Vi talade om öppna gränssnitt.' });
    await delivered();
    expect(counts()).toEqual([3, 3, 2]);
    expect((await first.visitor.api.meetings.round.query({ roundId })).slots[1]?.minutes).toBe('Vi talade om öppna gränssnitt.');
    expect(secondPage.received.map((message) => message.json).join('\n')).not.toContain('öppna gränssnitt');

    // Closing publishes the minutes: now everyone is told, and reads them.
    await buyer.visitor.api.meetings.closeRound.mutate({ roundId });
    await delivered();
    expect(counts()).toEqual([4, 4, 3]);
    expect((await second.visitor.api.meetings.round.query({ roundId })).slots[1]?.minutes).toBe('Vi talade om öppna gränssnitt.');
  });

  it('sends a round’s page (the rounds room) the rounds’ news for its audience, and no thread', async () => {
    const [buyerRounds, secondRounds, secondDialogue] = await Promise.all([watch(buyer, { topic: 'rounds' }), watch(second, { topic: 'rounds' }), watch(second)]);
    await first.visitor.api.threads.ask.mutate({ dialogueId, title: 'Hur långa blir mötena?', body: 'Räcker en halvtimme för en visning?' });
    const { roundId, slotIds } = await openRound(`${year}-04-17T09:00`);
    await first.visitor.api.meetings.book.mutate({ slotId: slotIds[0]! });
    await buyer.visitor.api.meetings.recordMinutes.mutate({ slotId: slotIds[0]!, minutes: 'Vi talade om visningen.' });
    await delivered();

    // The dialogue's page was sent the question: the rounds room had the chance to be sent it too.
    expect(namesSent(secondDialogue)).toContain('thread.changed');
    // Opened and booked reach both audiences' rounds rooms; the minutes of an open round the buyers' alone.
    expect(namesSent(buyerRounds)).toEqual(['round.changed', 'round.changed', 'round.changed']);
    expect(namesSent(secondRounds)).toEqual(['round.changed', 'round.changed']);
    expect(roundChanges(buyerRounds, roundId)).toBe(3);
    expect(roundChanges(secondRounds, roundId)).toBe(2);
  });

  it('refuses a topic it does not know, or anything more, cleanly: the socket joins nothing and keeps working', async () => {
    const socket = await second.visitor.connect();
    sockets.push(socket);
    const heard: string[] = [];
    socket.onAny((name: string) => heard.push(name));
    for (const input of [
      { dialogueId, topic: 'threads' },
      { dialogueId, topic: '' },
      { dialogueId, topic: 'ROUNDS' },
      { dialogueId, topic: ['rounds'] },
      { dialogueId, topic: { $ne: null } },
      { dialogueId, topic: 'rounds', extra: true },
      { topic: 'rounds' },
    ]) {
      expect({ input, ack: await socket.emitWithAck('dialogue.subscribe', input) }).toEqual({ input, ack: { ok: false, appCode: 'VALIDATION' } });
    }
    expect(await socket.emitWithAck('dialogue.unsubscribe', { dialogueId, topic: 'threads' })).toEqual({ ok: false, appCode: 'VALIDATION' });
    // Without an acknowledgement to answer, too.
    (socket.emit as (event: string, ...args: unknown[]) => void)('dialogue.subscribe', { dialogueId, topic: 'threads' });
    await openRound(`${year}-04-18T09:00`);
    await delivered();
    expect(heard.filter((name) => name !== 'notification.created')).toEqual([]);
    expect(socket.connected).toBe(true);
    // The same socket still joins the rounds room when asked the right way, and leaves it when asked to.
    expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId, topic: 'rounds' })).toEqual({ ok: true });
    const opened = await openRound(`${year}-04-19T09:00`);
    await delivered();
    expect(heard.filter((name) => name === 'round.changed')).toEqual(['round.changed']);
    expect(await socket.emitWithAck('dialogue.unsubscribe', { dialogueId, topic: 'rounds' })).toEqual({ ok: true });
    await first.visitor.api.meetings.book.mutate({ slotId: opened.slotIds[0]! });
    await delivered();
    expect(heard.filter((name) => name === 'round.changed')).toEqual(['round.changed']);
  });

  it('takes a round’s page out of the rounds room of a dialogue that became registered-only: told once, sent nothing more', async () => {
    const { dialogueId: turning } = await buyer.visitor.api.dialogues.create.mutate({
      title: 'Möten som slutar synas',
      description: 'Först öppen för alla.',
      arenaId: 'healthcare',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 400 * 24 * 3_600_000).toISOString(),
      visibility: 'public',
    });
    // Signed out: sees public dialogues only. A registered supplier keeps seeing it.
    const outsider = await watch(server.visitor(), { topic: 'rounds', dialogueId: turning });
    const member = await watch(second, { topic: 'rounds', dialogueId: turning });
    const before = await openRound(`${year}-05-04T09:00`, turning);
    await delivered();
    expect(roundChanges(outsider, before.roundId)).toBe(1);

    await buyer.visitor.api.dialogues.update.mutate({ dialogueId: turning, visibility: 'registered' });
    // The round changes at once after the change, before anyone waited for it to reach the sockets.
    const after = await openRound(`${year}-05-05T09:00`, turning);
    await first.visitor.api.meetings.book.mutate({ slotId: after.slotIds[0]! });
    await delivered();

    expect(outsider.received.filter((message) => message.name === 'dialogue.access_changed').map((message) => JSON.parse(message.json))).toEqual([{ dialogueId: turning }]);
    expect(outsider.socket.connected, 'only the dialogue is out of reach: the socket stays open').toBe(true);
    expect(roundChanges(outsider, after.roundId)).toBe(0);
    expect(roundChanges(member, after.roundId), 'someone who may still see it keeps being told').toBe(2);
    // A signed-out page that connects again cannot join it, and hears the same as for a dialogue that does not exist.
    const again = await server.visitor().connect();
    sockets.push(again);
    const hidden = await again.emitWithAck('dialogue.subscribe', { dialogueId: turning, topic: 'rounds' });
    const missing = await again.emitWithAck('dialogue.subscribe', { dialogueId: 'no-such-dialogue-000', topic: 'rounds' });
    expect(hidden).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    expect(JSON.stringify(hidden)).toBe(JSON.stringify(missing));
  });

  it('sends nothing more to a socket whose person logged out, on the dialogue’s page or a round’s', async () => {
    const [secondPage, secondRounds] = await Promise.all([watch(second), watch(second, { topic: 'rounds' })]);
    const { roundId, slotIds } = await openRound(`${year}-04-16T09:00`);
    await first.visitor.api.meetings.book.mutate({ slotId: slotIds[2]! });
    await delivered();
    expect(roundChanges(secondPage, roundId)).toBe(2);
    expect(roundChanges(secondRounds, roundId)).toBe(2);

    await second.visitor.api.accounts.logout.mutate();
    const heard = [secondPage.received.length, secondRounds.received.length];
    // The round changes at once after the logout, and again a moment later.
    await first.visitor.api.meetings.cancelBooking.mutate({ slotId: slotIds[2]! });
    await first.visitor.api.meetings.book.mutate({ slotId: slotIds[0]! });
    await delivered();
    expect(secondPage.received.slice(heard[0])).toEqual([]);
    expect(secondRounds.received.slice(heard[1])).toEqual([]);
    expect(secondPage.closedByServer).toBe(true);
    expect(secondRounds.closedByServer).toBe(true);
  });
});
