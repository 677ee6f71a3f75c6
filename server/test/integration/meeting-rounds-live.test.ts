// A round of one-to-one meetings changes live for everyone who has it open, over the real server
// and socket.io: a second supplier sees a slot become taken without reloading, and never learns
// which organisation took it (the buyers do); the minutes of an open round are news for the buyers
// and the meeting's own organisation only; and a socket whose person logged out is sent nothing more.
import type { CreateMeetingRoundInput, MeetingRoundView } from '@dialogforum/contracts';
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

/** Connects as the person's browser does and joins the dialogue's room, as the round's page does. */
async function watch(who: Person): Promise<Watcher> {
  const socket = await who.visitor.connect();
  sockets.push(socket);
  const watcher: Watcher = { socket, received: [], closedByServer: false };
  socket.onAny((name: string, payload: unknown) => watcher.received.push({ name, json: JSON.stringify(payload) }));
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') watcher.closedByServer = true;
  });
  expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
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

async function openRound(firstStartsAt: string): Promise<{ roundId: string; slotIds: string[] }> {
  const input: CreateMeetingRoundInput = {
    dialogueId,
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

  it('sends nothing more to a socket whose person logged out', async () => {
    const [secondPage] = await Promise.all([watch(second)]);
    const { roundId, slotIds } = await openRound(`${year}-04-16T09:00`);
    await first.visitor.api.meetings.book.mutate({ slotId: slotIds[2]! });
    await delivered();
    expect(roundChanges(secondPage, roundId)).toBe(2);

    await second.visitor.api.accounts.logout.mutate();
    const heard = secondPage.received.length;
    // The round changes at once after the logout, and again a moment later.
    await first.visitor.api.meetings.cancelBooking.mutate({ slotId: slotIds[2]! });
    await first.visitor.api.meetings.book.mutate({ slotId: slotIds[0]! });
    await delivered();
    expect(secondPage.received.slice(heard)).toEqual([]);
    expect(secondPage.closedByServer).toBe(true);
  });
});
