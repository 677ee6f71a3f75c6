// A dialogue's life after publishing, over the real server: its buyers edit its facts, move it
// through its phases (the tender phase makes Q&A moderated unless they choose otherwise), set the
// statutory clock, change who may see it and archive it. Every change is a history entry, events
// for the audit log and a live `dialogue.changed`; deadlines in the past and malformed facts are
// refused and change nothing; an archived dialogue takes no questions and is listed apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogueView } from '@dialogforum/contracts';
import { refusal } from '../support/refusal.ts';
import { nextEvent, startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
let moderator: Visitor;
const PASSWORD = 'en dialog har ett helt liv';
const DAY = 24 * 3_600_000;

const inDays = (days: number) => new Date(server.clock.now().getTime() + days * DAY).toISOString();

async function newDialogue(overrides: Record<string, unknown> = {}): Promise<string> {
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Autonoma snöröjningsfordon',
    description: 'Vi vill förstå vad marknaden kan leverera.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: inDays(10),
    visibility: 'public',
    ...overrides,
  });
  return dialogueId;
}

/** The audit log's actions about the dialogue, oldest first, once it holds at least `count` (it is projected from the events after the write). */
async function auditActions(dialogueId: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const entries = await moderator.api.audit.list.query({ limit: 200 });
    const actions = entries.filter((entry) => entry.subject.dialogueId === dialogueId).map((entry) => entry.action);
    if (actions.length >= count || Date.now() > deadline) return actions.reverse();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Moves the clock ahead in steps shorter than a day, each person using the site in between, so no session ends. */
async function passTime(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 20 * 3_600_000) {
    server.clock.advance(Math.min(left, 20 * 3_600_000));
    for (const visitor of [buyer, supplier, moderator]) await visitor.api.accounts.me.query();
  }
}

beforeAll(async () => {
  // The clock is moved days ahead to pass deadlines (see passTime): sessions idle for a day live on.
  server = await startTestServer({ SESSION_IDLE_MINUTES: String(24 * 60) });
  buyer = server.visitor();
  supplier = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@kommun.example', password: PASSWORD, representation: 'buyer', organisationName: 'Kommunen' });
  await supplier.registerVerified({ name: 'Sven Leverantör', email: 'sven@fordon.example', password: PASSWORD, representation: 'supplier', organisationName: 'Fordon AB' });
  moderator = await server.moderator();
});

afterAll(async () => {
  await server?.stop();
});

describe('editing a dialogue after publishing', () => {
  it('sets facts, phase and deadlines, records each change in the history and the audit log, and tells open pages', async () => {
    const dialogueId = await newDialogue();
    const socket = await supplier.connect();
    expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
    const changed = nextEvent(socket, 'dialogue.changed');

    await buyer.api.dialogues.update.mutate({
      dialogueId,
      title: 'Autonoma snöröjningsfordon för gång- och cykelvägar',
      referenceNumber: 'KS 2026/0142',
      cpvCodes: ['34144000-8', '450000007'],
      contact: { name: 'Karin Kontakt', email: 'karin@kommun.example', phone: '+46 8 123 456 78' },
      milestones: [
        { label: 'Anbudsinbjudan publiceras', at: inDays(20) },
        { label: 'Dialogmöte', at: inDays(5) },
      ],
    });
    expect((await changed).dialogueId).toBe(dialogueId);

    const view = await supplier.api.dialogues.get.query({ dialogueId });
    expect(view).toMatchObject({
      title: 'Autonoma snöröjningsfordon för gång- och cykelvägar',
      referenceNumber: 'KS 2026/0142',
      cpvCodes: ['34144000-8', '45000000-7'],
      contact: { name: 'Karin Kontakt', email: 'karin@kommun.example', phone: '+46 8 123 456 78' },
      tenderDeadline: null,
      supplementaryCutoff: null,
    });
    expect(view.milestones.map((milestone) => milestone.label)).toEqual(['Dialogmöte', 'Anbudsinbjudan publiceras']);
    expect(view.viewer.canEdit).toBe(false);
    expect((await buyer.api.dialogues.get.query({ dialogueId })).viewer.canEdit).toBe(true);

    // Into the tender phase with a tender deadline: Q&A becomes moderated in the same edit.
    const tenderDeadline = inDays(30);
    await buyer.api.dialogues.update.mutate({ dialogueId, phase: 'tender', tenderDeadline, accelerated: true });
    const tender = await supplier.api.dialogues.get.query({ dialogueId });
    expect(tender).toMatchObject({ phase: 'tender', qaMode: 'moderated', accelerated: true, pastSupplementaryCutoff: false });
    expect(Date.parse(tender.tenderDeadline ?? '') - Date.parse(tender.supplementaryCutoff ?? '')).toBeGreaterThanOrEqual(4 * DAY - 3_600_000);

    await buyer.api.dialogues.update.mutate({ dialogueId, phase: 'evaluation' });
    await buyer.api.dialogues.update.mutate({ dialogueId, phase: 'contract' });

    const history = await supplier.api.dialogues.history.query({ dialogueId });
    // Newest first: the dialogue moved through its phases after its facts were set.
    expect(history.map((entry) => entry.changes.map((change) => change.field))).toEqual([
      ['phase'],
      ['phase'],
      ['phase', 'tenderDeadline', 'accelerated', 'qaMode'],
      ['title', 'referenceNumber', 'cpvCodes', 'contact', 'milestones'],
      ['created'],
    ]);
    expect(history[0]?.changes[0]).toEqual({ field: 'phase', from: 'evaluation', to: 'contract' });
    expect(history[0]?.by).toEqual({ name: 'Berit Beställare', organisation: 'Kommunen' });
    expect(history[3]?.changes.find((change) => change.field === 'referenceNumber')).toEqual({ field: 'referenceNumber', from: null, to: 'KS 2026/0142' });

    expect(await auditActions(dialogueId, 7)).toEqual([
      'dialogue.created',
      'dialogue.details_changed',
      'dialogue.phase_changed',
      'dialogue.tender_deadline_changed',
      'dialogue.qa_mode_changed',
      'dialogue.phase_changed',
      'dialogue.phase_changed',
    ]);
    socket.disconnect();
  });

  it('lets the buyers keep open discussion in the tender phase when they choose it in the same edit', async () => {
    const dialogueId = await newDialogue();
    await buyer.api.dialogues.update.mutate({ dialogueId, phase: 'tender', tenderDeadline: inDays(30), qaMode: 'open' });
    expect(await buyer.api.dialogues.get.query({ dialogueId })).toMatchObject({ phase: 'tender', qaMode: 'open' });
  });

  it('records nothing for an edit that changes nothing', async () => {
    const dialogueId = await newDialogue();
    const view = await buyer.api.dialogues.get.query({ dialogueId });
    await buyer.api.dialogues.update.mutate({ dialogueId, title: view.title, questionDeadline: view.questionDeadline, cpvCodes: [] });
    expect((await buyer.api.dialogues.history.query({ dialogueId })).length).toBe(1);
  });

  it('refuses a deadline in the past at creation, when moved and when edited, and changes nothing', async () => {
    const past = new Date(server.clock.now().getTime() - 60_000).toISOString();
    expect(await refusal(newDialogue({ questionDeadline: past }))).toMatchObject({
      appCode: 'DEADLINE_IN_PAST',
      fieldIssues: [{ path: 'questionDeadline', code: 'deadline_in_past' }],
    });
    const dialogueId = await newDialogue();
    const before = await buyer.api.dialogues.get.query({ dialogueId });
    expect((await refusal(buyer.api.dialogues.setQuestionDeadline.mutate({ dialogueId, questionDeadline: past })))?.appCode).toBe('DEADLINE_IN_PAST');
    expect(await refusal(buyer.api.dialogues.update.mutate({ dialogueId, title: 'Ny titel', questionDeadline: past }))).toMatchObject({
      appCode: 'DEADLINE_IN_PAST',
      fieldIssues: [{ path: 'questionDeadline', code: 'deadline_in_past' }],
    });
    expect(await refusal(buyer.api.dialogues.update.mutate({ dialogueId, phase: 'tender', tenderDeadline: past }))).toMatchObject({
      appCode: 'DEADLINE_IN_PAST',
      fieldIssues: [{ path: 'tenderDeadline', code: 'deadline_in_past' }],
    });
    expect(await buyer.api.dialogues.get.query({ dialogueId })).toEqual(before);
    expect((await buyer.api.dialogues.history.query({ dialogueId })).length).toBe(1);
  });

  it('keeps a passed deadline when other facts are edited: only what changes must lie ahead', async () => {
    const dialogueId = await newDialogue({ questionDeadline: inDays(1) });
    await passTime(2 * DAY);
    try {
      await buyer.api.dialogues.update.mutate({ dialogueId, title: 'Rättad titel' });
      expect((await buyer.api.dialogues.get.query({ dialogueId })).deadlinePassed).toBe(true);
    } finally {
      server.clock.advance(-2 * DAY);
    }
  });

  it('refuses the tender phase without a tender deadline, a question deadline after it, and malformed facts', async () => {
    const dialogueId = await newDialogue({ questionDeadline: inDays(10) });
    expect(await refusal(buyer.api.dialogues.update.mutate({ dialogueId, phase: 'tender' }))).toMatchObject({
      appCode: 'VALIDATION',
      fieldIssues: [{ path: 'tenderDeadline', code: 'tender_deadline_required' }],
    });
    expect(await refusal(buyer.api.dialogues.update.mutate({ dialogueId, phase: 'tender', tenderDeadline: inDays(5) }))).toMatchObject({
      appCode: 'VALIDATION',
      fieldIssues: [{ path: 'questionDeadline', code: 'question_deadline_after_tender' }],
    });
    const invalid = async (input: Record<string, unknown>) =>
      (await refusal(buyer.api.dialogues.update.mutate({ dialogueId, ...input } as never)))?.fieldIssues.map((issue) => issue.code);
    expect(await invalid({ cpvCodes: ['45000000-8'] })).toEqual(['cpv_check_digit']);
    expect(await invalid({ cpvCodes: ['4500-7'] })).toEqual(['cpv_format']);
    expect(await invalid({ cpvCodes: ['45000000-7', '450000007'] })).toEqual(['cpv_duplicate']);
    expect(await invalid({ contact: { name: 'Karin', email: 'karin@kommun.example', phone: 'ring mig' } })).toEqual(['phone_format']);
    expect(await invalid({ contact: { name: 'Karin', email: 'inte en adress', phone: null } })).toEqual(['invalid_format']);
    expect((await buyer.api.dialogues.history.query({ dialogueId })).length).toBe(1);
  });

  it('lets only the dialogue’s buyers edit and archive it', async () => {
    const dialogueId = await newDialogue();
    expect((await refusal(supplier.api.dialogues.update.mutate({ dialogueId, title: 'Kapad titel' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(supplier.api.dialogues.setArchived.mutate({ dialogueId, archived: true })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(moderator.api.dialogues.update.mutate({ dialogueId, title: 'Moderatorns titel' })))?.appCode).toBe('FORBIDDEN');
    expect((await buyer.api.dialogues.get.query({ dialogueId })).title).toBe('Autonoma snöröjningsfordon');
  });
});

describe('the statutory clock', () => {
  it('says in the view when the cut-off for supplementary information has passed, and the buyers may still answer', async () => {
    const dialogueId = await newDialogue({ phase: 'tender', questionDeadline: inDays(3), tenderDeadline: inDays(8) });
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Hur många fordon?', body: 'Hur många fordon avses?' });
    const before: DialogueView = await buyer.api.dialogues.get.query({ dialogueId });
    expect(before.pastSupplementaryCutoff).toBe(false);
    await passTime(2.5 * DAY);
    try {
      expect((await buyer.api.dialogues.get.query({ dialogueId })).pastSupplementaryCutoff).toBe(true);
      // The answer must still reach everyone: the server accepts it (the client warns first).
      await buyer.api.threads.publish.mutate({ threadId, answer: 'Tolv fordon.' });
      // Extending the tender deadline moves the cut-off, is recorded and is announced.
      await buyer.api.dialogues.update.mutate({ dialogueId, tenderDeadline: new Date(server.clock.now().getTime() + 7 * DAY).toISOString() });
      expect((await buyer.api.dialogues.get.query({ dialogueId })).pastSupplementaryCutoff).toBe(false);
    } finally {
      server.clock.advance(-2.5 * DAY);
    }
    const [latest] = await buyer.api.dialogues.history.query({ dialogueId });
    expect(latest?.changes.map((change) => change.field)).toEqual(['tenderDeadline']);
    expect(await auditActions(dialogueId, 3)).toContain('dialogue.tender_deadline_changed');
  });
});

describe('archiving', () => {
  it('closes the dialogue to questions, lists it apart, and brings it back', async () => {
    const dialogueId = await newDialogue();
    await buyer.api.dialogues.setArchived.mutate({ dialogueId, archived: true });
    const archived = await supplier.api.dialogues.get.query({ dialogueId });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.viewer.canAsk).toBe(false);
    expect((await refusal(supplier.api.threads.ask.mutate({ dialogueId, title: 'En sen fråga', body: 'Går det fortfarande?' })))?.appCode).toBe('DIALOGUE_ARCHIVED');
    expect((await refusal(buyer.api.dialogues.update.mutate({ dialogueId, title: 'Ändrad i arkivet' })))?.appCode).toBe('DIALOGUE_ARCHIVED');
    expect((await supplier.api.dialogues.list.query({})).map((dialogue) => dialogue.id)).not.toContain(dialogueId);
    expect((await supplier.api.dialogues.list.query({ archived: true })).map((dialogue) => dialogue.id)).toContain(dialogueId);

    await buyer.api.dialogues.setArchived.mutate({ dialogueId, archived: false });
    expect((await supplier.api.dialogues.list.query({})).map((dialogue) => dialogue.id)).toContain(dialogueId);
    await supplier.api.threads.ask.mutate({ dialogueId, title: 'Nu igen', body: 'Går det nu?' });
    const fields = (await buyer.api.dialogues.history.query({ dialogueId })).map((entry) => entry.changes[0]);
    expect(fields.slice(0, 2)).toEqual([
      { field: 'archived', from: true, to: false },
      { field: 'archived', from: false, to: true },
    ]);
    expect(await auditActions(dialogueId, 3)).toEqual(['dialogue.created', 'dialogue.archived', 'dialogue.restored']);
  });
});
