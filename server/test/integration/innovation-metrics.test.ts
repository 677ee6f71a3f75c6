// Innovation metrics (issue 11 §6) over the real server. A realistic dialogue life is driven through
// tRPC — suppliers of different sizes and a research institute ask, the buyer answers before and
// after the statutory cut-off, a question waits in the inbox and another is answered privately, a
// session is held, a round of one-to-one meetings closes with minutes, the buyer records the outcome
// — and the figures are worked out here, independently, from what the test did and the times the
// server recorded, then compared with the tRPC view and the open data API. The stored figures must
// equal a rebuild from the event log, and handling the whole log again must change nothing.
import type { MetricFigures, MetricsView } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventsAfter, lastEventSeq } from '../../src/platform/events/event-log.ts';
import { foldEventLog } from '../../src/modules/metrics/event-log-fold.ts';
import { metricsProcessor } from '../../src/modules/metrics/metrics-processor.ts';
import { metricsView } from '../../src/modules/metrics/queries.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'mätetal räknas ur händelseloggen';
const DAY = 24 * 3_600_000;
const year = new Date().getUTCFullYear() + 1;

let server: TestServer;
let buyer: Visitor;
let smallSupplier: Visitor;
let largeSupplier: Visitor;
let researcher: Visitor;
let buyerOrg: string;
let smallOrg: string;
let largeOrg: string;
let researchOrg: string;

/** The dialogue that lives a whole procurement, and what the test saw happen in it. */
let lifeId: string;
let laterId: string;
let hiddenId: string;
const answered: { askedAt: string; answeredAt: string; withinCutoff: boolean }[] = [];
let publishedQuestions = 0;
let tenderCutoffMs = 0;
const activityTimes: string[] = [];

/**
 * Moves the clock ahead in steps shorter than a day, everyone using the site in between, so no
 * sign-in ends (the server runs with day-long idle sessions for this).
 */
async function passTime(ms: number): Promise<void> {
  const moderator = await server.moderator();
  for (let left = ms; left > 0; left -= 20 * 3_600_000) {
    server.clock.advance(Math.min(left, 20 * 3_600_000));
    for (const visitor of [buyer, smallSupplier, largeSupplier, researcher, moderator]) await visitor.api.accounts.me.query();
  }
}

async function person(name: string, representation: 'buyer' | 'supplier', organisationName: string): Promise<Visitor> {
  const visitor = server.visitor();
  await visitor.registerVerified({ name, email: `${name.toLowerCase()}@matetal.example`, password: PASSWORD, representation, organisationName });
  return visitor;
}

const organisationOf = async (visitor: Visitor) => (await visitor.api.accounts.me.query())!.organisation!.id;

/** The calendar month of an instant in Swedish time, worked out here with Intl (not the server's code). */
function swedishMonth(instant: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(new Date(instant));
  return `${parts.find((part) => part.type === 'year')!.value}-${parts.find((part) => part.type === 'month')!.value}`;
}

/** A dialogue in the market-dialogue phase, open for questions for two months. */
async function marketDialogue(title: string, arenaId: 'transport' | 'healthcare', visibility: 'public' | 'registered'): Promise<string> {
  const questionDeadline = new Date(server.clock.now().getTime() + 60 * DAY).toISOString();
  return (await buyer.api.dialogues.create.mutate({ title, description: `${title}: vi söker lösningar.`, arenaId, phase: 'market-dialogue', questionDeadline, visibility })).dialogueId;
}

async function ask(visitor: Visitor, dialogueId: string, title: string, confidential = false): Promise<string> {
  const { threadId } = await visitor.api.threads.ask.mutate({ dialogueId, title, body: `${title}: hur ser kraven ut?`, confidential });
  return threadId;
}

/** The buyer answers officially; the test keeps when it was asked and answered, as the thread shows it. */
async function answer(threadId: string): Promise<void> {
  await buyer.api.threads.answer.mutate({ threadId, body: 'Så här: se förfrågningsunderlaget, avsnitt 3.' });
  const { thread } = await buyer.api.threads.get.query({ threadId });
  const answeredAt = thread.answers[0]!.createdAt;
  answered.push({ askedAt: thread.createdAt, answeredAt, withinCutoff: Date.parse(answeredAt) < tenderCutoffMs });
  activityTimes.push(answeredAt);
}

const figures = (over: Partial<MetricFigures>): MetricFigures => ({
  dialogues: 0,
  suppliersEngaged: 0,
  smallSuppliersEngaged: 0,
  firstTimeSuppliersEngaged: 0,
  researchersEngaged: 0,
  questionsAsked: 0,
  questionsAnswered: 0,
  medianHoursToAnswer: null,
  answeredWithinCutoff: 0,
  sessionsHeld: 0,
  sessionAttendance: 0,
  meetingsWithMinutes: 0,
  outcomesRecorded: 0,
  innovationsProcured: 0,
  newToMarket: 0,
  contractValueBands: { none: 0, 'under-1m': 0, '1m-10m': 0, '10m-100m': 0, 'over-100m': 0 },
  ...over,
});

function medianHours(): number {
  const hours = answered.map((entry) => (Date.parse(entry.answeredAt) - Date.parse(entry.askedAt)) / 3_600_000).sort((a, b) => a - b);
  const middle = hours.length / 2;
  const value = hours.length % 2 === 0 ? (hours[middle - 1]! + hours[middle]!) / 2 : hours[Math.floor(middle)]!;
  return Math.round(value * 10) / 10;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20', SESSION_IDLE_MINUTES: String(24 * 60), SESSION_TTL_HOURS: String(24 * 60) });
  buyer = await person('Britta', 'buyer', 'Regionen Mätby');
  smallSupplier = await person('Sigge', 'supplier', 'Sigges Sensorer AB');
  largeSupplier = await person('Lars', 'supplier', 'Lars Storbolag AB');
  researcher = await person('Rut', 'supplier', 'Ruts eget AB');
  // The researcher acts for a research institute, as someone from a university would.
  const { organisationId } = await researcher.api.organisations.create.mutate({ name: 'Mätinstitutet', kind: 'research' });
  await researcher.api.organisations.actFor.mutate({ organisationId });
  [buyerOrg, smallOrg, largeOrg, researchOrg] = await Promise.all([buyer, smallSupplier, largeSupplier, researcher].map(organisationOf)) as [string, string, string, string];
  expect(researchOrg).toBe(organisationId);
  // Size is each organisation's own declaration; one says nothing and counts as not small.
  await smallSupplier.api.organisations.update.mutate({ organisationId: smallOrg, size: 'small' });
  await largeSupplier.api.organisations.update.mutate({ organisationId: largeOrg, size: 'large' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('a procurement measured from its event log', () => {
  it('lives a whole dialogue through the API', async () => {
    const now = server.clock.now().getTime();
    const tenderDeadline = new Date(now + 20 * DAY).toISOString();
    ({ dialogueId: lifeId } = await buyer.api.dialogues.create.mutate({
      title: 'Sensorer för äldreomsorgen',
      description: 'Vi söker sensorer som larmar vid fall.',
      arenaId: 'healthcare',
      phase: 'tender',
      qaMode: 'open',
      questionDeadline: new Date(now + 18 * DAY).toISOString(),
      tenderDeadline,
      visibility: 'public',
    }));
    tenderCutoffMs = Date.parse((await buyer.api.dialogues.get.query({ dialogueId: lifeId })).supplementaryCutoff!);
    // The statutory cut-off is six days before the tender deadline (give or take a summer-time hour).
    expect(Math.abs(Date.parse(tenderDeadline) - 6 * DAY - tenderCutoffMs)).toBeLessThanOrEqual(3_600_000);
    activityTimes.push((await buyer.api.dialogues.get.query({ dialogueId: lifeId })).createdAt);

    const smallQuestion = await ask(smallSupplier, lifeId, 'Vilka standarder gäller');
    const largeQuestion = await ask(largeSupplier, lifeId, 'Hur många enheter');
    const researchQuestion = await ask(researcher, lifeId, 'Får forskare delta i piloten');
    publishedQuestions = 3;
    // Asked in confidence: waits in the buyers' inbox; one is answered privately. Neither is public.
    const confidential = await ask(largeSupplier, lifeId, 'Vår patenterade lösning', true);
    await ask(smallSupplier, lifeId, 'Vår prissättning', true);
    await buyer.api.threads.answerPrivately.mutate({ threadId: confidential, body: 'Svar till er.', reason: 'Rör bara leverantörens egen lösning.' });

    await passTime(3 * 3_600_000);
    await answer(smallQuestion); // in time
    await passTime(15 * DAY); // past the cut-off (14 days from the start)
    await answer(largeQuestion); // late: the supplementary information no longer reaches everyone in time
    // "Extend and send": the tender deadline moves first, so the next answer is in time again. The
    // late one stays late: it is judged by the deadline in force when it was published.
    await buyer.api.dialogues.update.mutate({ dialogueId: lifeId, tenderDeadline: new Date(now + 40 * DAY).toISOString() });
    tenderCutoffMs = Date.parse((await buyer.api.dialogues.get.query({ dialogueId: lifeId })).supplementaryCutoff!);
    await answer(researchQuestion);
    expect(answered.map((entry) => entry.withinCutoff)).toEqual([true, false, true]);
  });

  it('holds a session and a round of one-to-one meetings', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate({
      dialogueId: lifeId,
      title: 'Dialogmöte om sensorer',
      startsAt: `${year}-02-02T10:00`,
      endsAt: `${year}-02-02T11:00`,
      format: 'online',
      meetingLink: 'https://meet.example/sensorer',
      capacity: 20,
    });
    await smallSupplier.api.sessions.register.mutate({ sessionId });
    await researcher.api.sessions.register.mutate({ sessionId });
    await largeSupplier.api.sessions.register.mutate({ sessionId });
    await largeSupplier.api.sessions.unregister.mutate({ sessionId }); // left before it began
    await buyer.api.sessions.start.mutate({ sessionId });
    activityTimes.push(server.clock.now().toISOString());
    await buyer.api.sessions.end.mutate({ sessionId });
    // A session cancelled before it was held counts for nothing.
    const { sessionId: cancelled } = await buyer.api.sessions.create.mutate({
      dialogueId: lifeId,
      title: 'Extra möte',
      startsAt: `${year}-03-02T10:00`,
      endsAt: `${year}-03-02T11:00`,
      format: 'online',
      meetingLink: 'https://meet.example/extra',
      capacity: 20,
    });
    await smallSupplier.api.sessions.register.mutate({ sessionId: cancelled });
    await buyer.api.sessions.cancel.mutate({ sessionId: cancelled, reason: 'Ingen talare kunde komma.' });

    const { roundId } = await buyer.api.meetings.openRound.mutate({
      dialogueId: lifeId,
      title: 'Enskilda dialogmöten',
      agenda: '1. Er lösning',
      timeZone: 'Europe/Stockholm',
      firstStartsAt: `${year}-03-10T09:00`,
      slotMinutes: 45,
      breakMinutes: 15,
      slotCount: 3,
      place: 'online',
      meetingLink: 'https://meet.example/enskilt',
    });
    const slots = (await buyer.api.meetings.round.query({ roundId })).slots;
    await smallSupplier.api.meetings.book.mutate({ slotId: slots[0]!.id });
    await largeSupplier.api.meetings.book.mutate({ slotId: slots[1]!.id });
    await buyer.api.meetings.recordMinutes.mutate({ slotId: slots[0]!.id, minutes: 'Visade en sensor med öppet gränssnitt.' });
    await buyer.api.meetings.recordMinutes.mutate({ slotId: slots[1]!.id, minutes: 'Visade en plattform.' });
    await buyer.api.meetings.closeRound.mutate({ roundId });
    activityTimes.push((await buyer.api.meetings.round.query({ roundId })).closedAt!);
  });

  it('records the outcome only when the procurement has ended, only by its buyers, in the audit trail', async () => {
    const outcome = { dialogueId: lifeId, procuredInnovation: true, newToMarket: true, contractValueBand: '1m-10m' as const };
    expect((await refusal(buyer.api.dialogues.recordOutcome.mutate(outcome)))?.appCode).toBe('PROCUREMENT_NOT_ENDED');
    await buyer.api.dialogues.update.mutate({ dialogueId: lifeId, phase: 'contract' });
    expect((await refusal(smallSupplier.api.dialogues.recordOutcome.mutate(outcome)))?.appCode).toBe('FORBIDDEN');
    // A first account, then a correction: the last one counts.
    await buyer.api.dialogues.recordOutcome.mutate({ ...outcome, newToMarket: false, contractValueBand: 'under-1m' });
    await buyer.api.dialogues.recordOutcome.mutate(outcome);
    const view = await smallSupplier.api.dialogues.get.query({ dialogueId: lifeId });
    expect(view.outcome).toMatchObject({ procuredInnovation: true, newToMarket: true, contractValueBand: '1m-10m' });
    activityTimes.push(view.outcome!.recordedAt);
    await server.settled();
    const moderator = await server.moderator();
    const audit = await moderator.api.audit.list.query({ action: 'dialogue.outcome_recorded', limit: 10 });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.subject).toMatchObject({ dialogueId: lifeId, contractValueBand: '1m-10m', newToMarket: 'true' });
  });

  it('a later dialogue in another arena, and one for registered users only', async () => {
    laterId = await marketDialogue('Elcyklar för hemtjänsten', 'transport', 'public');
    await ask(smallSupplier, laterId, 'Laddning på plats'); // not the first time for this supplier
    activityTimes.push((await buyer.api.dialogues.get.query({ dialogueId: laterId })).createdAt);
    hiddenId = await marketDialogue('Internt: larmcentral', 'healthcare', 'registered');
    await ask(largeSupplier, hiddenId, 'Integration med larmcentralen');
    await ask(researcher, hiddenId, 'Forskningsdata');
  });

  it('shows the figures worked out independently, in the tRPC view and the open data API alike', async () => {
    await server.settled();
    const life = figures({
      dialogues: 1,
      suppliersEngaged: 2, // the small and the large supplier (questions, the session, meetings)
      smallSuppliersEngaged: 1,
      firstTimeSuppliersEngaged: 2,
      researchersEngaged: 1,
      questionsAsked: publishedQuestions,
      questionsAnswered: answered.length,
      medianHoursToAnswer: medianHours(),
      answeredWithinCutoff: answered.filter((entry) => entry.withinCutoff).length,
      sessionsHeld: 1,
      sessionAttendance: 2, // the small supplier and the researcher; the large one left first
      meetingsWithMinutes: 2,
      outcomesRecorded: 1,
      innovationsProcured: 1,
      newToMarket: 1,
      contractValueBands: { ...figures({}).contractValueBands, '1m-10m': 1 },
    });
    const later = figures({ dialogues: 1, suppliersEngaged: 1, smallSuppliersEngaged: 1, questionsAsked: 1 });
    const total = figures({ ...life, dialogues: 2, questionsAsked: publishedQuestions + 1 });

    // Anyone reads the same: a signed-in supplier who may see the registered-only dialogue too.
    for (const reader of [server.visitor(), largeSupplier]) {
      const view = await reader.api.metrics.view.query({});
      expect(view.total).toEqual(total);
      expect(view.dialogues.map((row) => row.id)).toEqual([laterId, lifeId]);
      expect(view.dialogues.find((row) => row.id === lifeId)?.figures).toEqual(life);
      expect(view.dialogues.find((row) => row.id === lifeId)?.outcome).toMatchObject({ procuredInnovation: true, contractValueBand: '1m-10m' });
      expect(view.arenas.find((row) => row.id === 'transport')?.figures).toEqual(later);
      expect(view.buyers).toEqual([{ id: buyerOrg, name: 'Regionen Mätby', figures: total }]);
      expect(view.buyerChoices).toEqual([{ id: buyerOrg, name: 'Regionen Mätby' }]);
      expect(view.dialogues.some((row) => row.id === hiddenId)).toBe(false);
    }

    // By month: every fact in the month the test saw it happen, in Swedish time.
    const view = await buyer.api.metrics.view.query({});
    const months = [...new Set(activityTimes.map(swedishMonth))].sort();
    expect(view.months.map((row) => row.month)[0]).toBe(months[0]);
    expect(view.months.at(-1)?.month).toBe(months.at(-1));
    const summed = view.months.reduce((sum, row) => sum + row.figures.questionsAsked, 0);
    expect(summed).toBe(total.questionsAsked);
    const answerMonth = swedishMonth(answered[1]!.answeredAt);
    expect(view.months.find((row) => row.month === answerMonth)?.figures.questionsAnswered).toBe(
      answered.filter((entry) => swedishMonth(entry.answeredAt) === answerMonth).length,
    );

    // Filters: the arena, the buyer, and a period that holds nothing.
    expect((await buyer.api.metrics.view.query({ arenaId: 'transport' })).total).toEqual(later);
    expect((await buyer.api.metrics.view.query({ buyerId: buyerOrg })).total).toEqual(total);
    expect((await buyer.api.metrics.view.query({ buyerId: smallOrg })).total).toEqual(figures({}));
    expect((await buyer.api.metrics.view.query({ from: '2001-01', to: '2001-12' })).months).toEqual([]);

    // The open data API: the same figures, the dialogues paged, and CSV.
    const open = (await (await fetch(`${server.url}/api/open/v1/metrics`)).json()) as Omit<MetricsView, 'dialogues'>;
    expect(open.total).toEqual(total);
    const first = await fetch(`${server.url}/api/open/v1/metrics/dialogues?limit=1`);
    const page = (await first.json()) as { data: MetricsView['dialogues']; next: string };
    expect(page.data.map((row) => row.id)).toEqual([laterId]);
    expect(first.headers.get('link')).toContain('rel="next"');
    const second = (await (await fetch(page.next)).json()) as { data: MetricsView['dialogues']; next: string | null };
    expect(second).toEqual({ data: [expect.objectContaining({ id: lifeId, figures: life })], next: null, publisher: expect.objectContaining({ name: 'Dialogforum' }) });
    const csv = await fetch(`${server.url}/api/open/v1/metrics.csv?table=dialogues&arena=healthcare`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^dialogueId,title,arena,buyers,dialogues,suppliersEngaged,.*,publisher$/);
    expect(lines[1]).toContain(`${lifeId},Sensorer för äldreomsorgen,healthcare,Regionen Mätby,1,2,1,2,1,3,3,`);
    expect((await fetch(`${server.url}/api/open/v1/metrics?month=2026-01`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/open/v1/metrics?from=2026-13`)).status).toBe(400);
  });

  it('counts a merged organisation once, as the one it was merged into', async () => {
    // A duplicate of the small supplier, created by a colleague, asks in the later dialogue; merged, it is the same supplier.
    const colleague = await person('Sixten', 'supplier', 'Sigges Sensorer (dubblett)');
    await ask(colleague, laterId, 'Garantitid');
    await server.settled();
    expect((await buyer.api.metrics.view.query({ arenaId: 'transport' })).total.suppliersEngaged).toBe(2);
    const moderator = await server.moderator();
    await moderator.api.organisations.merge.mutate({ organisationId: await organisationOf(colleague), intoOrganisationId: smallOrg });
    await server.settled();
    const merged = await buyer.api.metrics.view.query({ arenaId: 'transport' });
    expect(merged.total).toMatchObject({ suppliersEngaged: 1, smallSuppliersEngaged: 1, firstTimeSuppliersEngaged: 0, questionsAsked: 2 });
  });

  it('gives the same figures when rebuilt from the event log, and when every event is handled again', async () => {
    await server.settled();
    const store = server.app.services.store;
    const filters = [{}, { arenaId: 'healthcare' as const }, { buyerId: buyerOrg }, { from: swedishMonth(activityTimes[0]!), to: swedishMonth(activityTimes[0]!) }];
    const stored = await Promise.all(filters.map((filter) => metricsView(store, filter)));
    const rebuilt = await foldEventLog(store);
    expect(await Promise.all(filters.map((filter) => metricsView(store, filter, rebuilt)))).toEqual(stored);

    // Delivery is at least once: the processor handling the whole log again changes no figure.
    const processor = metricsProcessor(store);
    const last = await lastEventSeq(store);
    for (let seq = 0; seq < last; ) {
      const events = await readEventsAfter(store, seq, 200);
      for (const event of events) await processor.handle(event);
      seq = events.at(-1)!.seq;
    }
    expect(await Promise.all(filters.map((filter) => metricsView(store, filter)))).toEqual(stored);
  });
});
