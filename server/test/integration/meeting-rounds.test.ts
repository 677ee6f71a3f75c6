// One-to-one meetings over the real server: a round of identical slots; many suppliers booking at
// once never double-book a slot, and two colleagues booking at once never give their organisation
// two; the buyer records minutes; the round refuses to close while a meeting held has none, then
// closes and publishes every meeting's minutes to everyone who may see the dialogue, suppliers
// under the dialogue's pseudonyms (by name only for the buyers and the supplier itself).
import type { CreateMeetingRoundInput } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailedToken } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let suppliers: Visitor[];
let colleague: Visitor; // a second member of suppliers[0]'s organisation
let dialogueId: string;
const PASSWORD = 'lika villkor för alla leverantörer';
const year = new Date().getUTCFullYear() + 1;

const round = (over: Partial<CreateMeetingRoundInput> = {}): CreateMeetingRoundInput => ({
  dialogueId,
  title: 'Enskilda dialogmöten',
  agenda: '1. Er lösning\n2. Era frågor',
  timeZone: 'Europe/Stockholm',
  firstStartsAt: `${year}-03-10T09:00`,
  slotMinutes: 45,
  breakMinutes: 15,
  slotCount: 3,
  place: 'online',
  meetingLink: 'https://meet.example/enskilt',
  ...over,
});

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  buyer = server.visitor();
  await buyer.registerVerified({ name: 'Greta Gäststad', email: 'greta@enskilt.example', password: PASSWORD, representation: 'buyer', organisationName: 'Enskilda kommunen' });
  suppliers = await Promise.all(
    Array.from({ length: 5 }, async (_, n) => {
      const visitor = server.visitor();
      await visitor.registerVerified({ name: `Leverantör ${n}`, email: `lev${n}@enskilt.example`, password: PASSWORD, representation: 'supplier', organisationName: `Enskild ${n} AB` });
      return visitor;
    }),
  );
  // A colleague joins the first supplier's organisation, as a newcomer asking to join does.
  colleague = server.visitor();
  await colleague.api.accounts.register.mutate({ name: 'Kollega Kvist', email: 'kollega@enskilt.example', password: PASSWORD, representation: 'supplier', language: 'sv' });
  await colleague.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'kollega@enskilt.example', 'verify-email') });
  const organisationId = (await suppliers[0]!.api.accounts.me.query())!.organisation!.id;
  await colleague.api.organisations.requestToJoin.mutate({ organisationId });
  const requestId = (await suppliers[0]!.api.organisations.get.query({ organisationId })).joinRequests?.[0]?.id ?? '';
  await suppliers[0]!.api.organisations.decideJoinRequest.mutate({ requestId, approve: true });
  expect((await colleague.api.accounts.me.query())?.organisation?.id).toBe(organisationId);
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Lika villkor',
    description: 'Vi söker lösningar.',
    arenaId: 'healthcare',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 400 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('a round of one-to-one meetings', () => {
  it('is a row of identical slots, refused with reasons when wrong, and only the buyers open one', async () => {
    const { roundId } = await buyer.api.meetings.openRound.mutate(round());
    const view = await suppliers[1]!.api.meetings.round.query({ roundId });
    expect(view.slots.map((slot) => [slot.startsAt, slot.endsAt])).toEqual([
      [`${year}-03-10T08:00:00.000Z`, `${year}-03-10T08:45:00.000Z`],
      [`${year}-03-10T09:00:00.000Z`, `${year}-03-10T09:45:00.000Z`],
      [`${year}-03-10T10:00:00.000Z`, `${year}-03-10T10:45:00.000Z`],
    ]);
    expect(view.meetingLink).toBeNull();
    expect(view.viewer).toMatchObject({ canBook: true, bookedSlotId: null, isHost: false });
    expect((await refusal(buyer.api.meetings.openRound.mutate(round({ firstStartsAt: '2020-01-01T09:00' }))))?.fieldIssues).toEqual([{ path: 'firstStartsAt', code: 'time_in_past' }]);
    expect((await refusal(buyer.api.meetings.openRound.mutate({ ...round(), meetingLink: undefined })))?.appCode).toBe('VALIDATION');
    expect((await refusal(suppliers[1]!.api.meetings.openRound.mutate(round())))?.appCode).toBe('FORBIDDEN');
  });

  it('never double-books a slot, nor gives an organisation two, however many book at once', async () => {
    const { roundId } = await buyer.api.meetings.openRound.mutate(round({ firstStartsAt: `${year}-03-11T09:00`, slotCount: 4 }));
    const slots = (await buyer.api.meetings.round.query({ roundId })).slots;
    // Everyone wants the first slot at once; the first supplier and their colleague also try the others.
    const attempts = [
      ...suppliers.map((supplier) => supplier.api.meetings.book.mutate({ slotId: slots[0]!.id })),
      colleague.api.meetings.book.mutate({ slotId: slots[1]!.id }),
      suppliers[0]!.api.meetings.book.mutate({ slotId: slots[2]!.id }),
      colleague.api.meetings.book.mutate({ slotId: slots[3]!.id }),
    ];
    const outcomes = await Promise.allSettled(attempts);
    const codes = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? 'ok' : ((outcome.reason as { data?: { appCode?: string } }).data?.appCode ?? 'INTERNAL')));
    expect(codes.every((code) => ['ok', 'SLOT_TAKEN', 'ALREADY_BOOKED'].includes(code))).toBe(true);
    const after = await buyer.api.meetings.round.query({ roundId });
    const organisations = after.slots.filter((slot) => slot.booked).map((slot) => (slot.supplier?.kind === 'organisation' ? slot.supplier.name : '?'));
    expect(new Set(organisations).size).toBe(organisations.length);
    expect(after.bookedCount).toBe(organisations.length);
    expect(codes.filter((code) => code === 'ok').length).toBe(organisations.length);
    expect(organisations.filter((name) => name === 'Enskild 0 AB').length).toBeLessThanOrEqual(1);
    // The first slot went to exactly one of those who asked for it.
    expect(after.slots[0]!.booked).toBe(true);
  });

  it('refuses to close without minutes of every meeting, then publishes them to all under pseudonyms', async () => {
    const { roundId } = await buyer.api.meetings.openRound.mutate(round({ firstStartsAt: `${year}-03-12T09:00` }));
    const slots = (await buyer.api.meetings.round.query({ roundId })).slots;
    await suppliers[1]!.api.meetings.book.mutate({ slotId: slots[0]!.id });
    await suppliers[2]!.api.meetings.book.mutate({ slotId: slots[1]!.id });
    expect((await refusal(suppliers[1]!.api.meetings.book.mutate({ slotId: slots[2]!.id })))?.appCode).toBe('ALREADY_BOOKED');

    // Before closing: the other suppliers see that slots are taken, not by whom, and no minutes.
    const booker = await suppliers[1]!.api.meetings.round.query({ roundId });
    expect(booker.meetingLink).toBe('https://meet.example/enskilt');
    expect(booker.slots[0]).toMatchObject({ mine: true, supplier: { kind: 'organisation', name: 'Enskild 1 AB' } });
    const outsider = await suppliers[3]!.api.meetings.round.query({ roundId });
    expect(outsider.slots.map((slot) => [slot.booked, slot.supplier])).toEqual([
      [true, null],
      [true, null],
      [false, null],
    ]);

    await buyer.api.meetings.recordMinutes.mutate({ slotId: slots[0]!.id, minutes: 'Leverantören visade en lösning med öppna gränssnitt.' });
    expect((await refusal(suppliers[1]!.api.meetings.recordMinutes.mutate({ slotId: slots[0]!.id, minutes: 'Egna anteckningar.' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(buyer.api.meetings.recordMinutes.mutate({ slotId: slots[2]!.id, minutes: 'Ingen kom.' })))?.appCode).toBe('VALIDATION');
    expect((await buyer.api.meetings.round.query({ roundId })).viewer.missingMinutes).toBe(1);
    expect((await refusal(buyer.api.meetings.closeRound.mutate({ roundId })))?.appCode).toBe('MINUTES_MISSING');
    expect((await suppliers[3]!.api.meetings.round.query({ roundId })).status).toBe('open');

    await buyer.api.meetings.recordMinutes.mutate({ slotId: slots[1]!.id, minutes: 'Frågor om licensvillkor; svaret publiceras som fråga och svar.' });
    await buyer.api.meetings.closeRound.mutate({ roundId });
    expect((await refusal(buyer.api.meetings.recordMinutes.mutate({ slotId: slots[1]!.id, minutes: 'Ändrat i efterhand.' })))?.appCode).toBe('ROUND_CLOSED');

    // Published: everyone who may see the dialogue reads every meeting's minutes, suppliers by pseudonym.
    const anonymous = await server.visitor().api.meetings.round.query({ roundId });
    expect(anonymous.status).toBe('closed');
    expect(anonymous.slots.filter((slot) => slot.booked).map((slot) => [slot.supplier?.kind, slot.minutes])).toEqual([
      ['pseudonym', 'Leverantören visade en lösning med öppna gränssnitt.'],
      ['pseudonym', 'Frågor om licensvillkor; svaret publiceras som fråga och svar.'],
    ]);
    expect(JSON.stringify(anonymous)).not.toMatch(/Enskild \d AB|Leverantör \d/);
    const labels = anonymous.slots.flatMap((slot) => (slot.supplier?.kind === 'pseudonym' ? [slot.supplier.label] : []));
    expect(new Set(labels).size).toBe(2);
    const rival = await suppliers[3]!.api.meetings.round.query({ roundId });
    expect(rival.slots.map((slot) => slot.supplier)).toEqual(anonymous.slots.map((slot) => slot.supplier));
    // The buyers and the supplier itself know who it was.
    expect((await buyer.api.meetings.round.query({ roundId })).slots[1]!.supplier).toEqual({ kind: 'organisation', name: 'Enskild 2 AB', person: 'Leverantör 2' });
    expect((await suppliers[2]!.api.meetings.round.query({ roundId })).slots[1]!.supplier).toMatchObject({ kind: 'organisation', name: 'Enskild 2 AB' });

    // Those who met and the dialogue's followers are told.
    await server.settled();
    const told = await suppliers[1]!.api.notifications.list.query({ limit: 20 });
    expect(told.items.some((item) => item.kind === 'meeting-minutes-published' && item.dialogue?.id === dialogueId)).toBe(true);
  });
});
