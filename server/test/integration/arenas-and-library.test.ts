// Arenas as hubs and their library (issue 11 §1–2), over the real server: who publishes, versions
// that are never lost, withdrawal with a reason, filters and pages, a registered-only item hidden
// exactly as a missing one, the audit record, events with ids only, an arena's page and figures
// counted independently of the server, and following an arena.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, PublishLibraryItemInput } from '@dialogforum/contracts';
import { appendEvent, readEventsAfter, lastEventSeq } from '../../src/platform/events/event-log.ts';
import { mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let moderator: Visitor;
let buyer: Visitor;
let otherBuyer: Visitor;
let supplier: Visitor;
const PASSWORD = 'biblioteket är öppet för alla';
const future = () => new Date(Date.now() + 300 * 24 * 3_600_000).toISOString();

const item = (over: Partial<PublishLibraryItemInput> = {}): PublishLibraryItemInput => ({
  kind: 'guide',
  arenaIds: ['space'],
  audiences: ['buyers'],
  language: 'sv',
  visibility: 'public',
  title: 'Så förbereder ni en marknadsdialog',
  summary: 'Steg för steg.',
  body: '## Förberedelser\n\nBörja med behovet, inte lösningen.',
  ...over,
});

async function person(name: string, representation: 'buyer' | 'supplier'): Promise<Visitor> {
  const visitor = server.visitor();
  await visitor.registerVerified({ name, email: `${name.toLowerCase()}@arena.example`, password: PASSWORD, representation, organisationName: `${name} organisation` });
  return visitor;
}

/** A raw GET of a query, so answers can be compared byte for byte. */
async function rawQuery(visitor: Visitor | null, procedure: string, input: unknown): Promise<{ status: number; body: string }> {
  const cookie = visitor?.cookie();
  const response = await fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  buyer = await person('Bodil', 'buyer');
  otherBuyer = await person('Olle', 'buyer');
  supplier = await person('Sune', 'supplier');
});

afterAll(async () => {
  await server?.stop();
});

describe('publishing to the library', () => {
  it('lets moderators (for the platform) and verified buyers (for their organisation) publish, and nobody else', async () => {
    const { itemId: platformItem } = await moderator.api.library.publish.mutate(item());
    const { itemId: buyerItem } = await buyer.api.library.publish.mutate(item({ kind: 'template', title: 'Mall för RFI' }));
    expect((await supplier.api.library.get.query({ itemId: platformItem })).publisher).toBeNull();
    const own = await buyer.api.library.get.query({ itemId: buyerItem });
    expect(own.publisher?.name).toBe('Bodil organisation');
    expect(own.viewer).toEqual({ canRevise: true, canWithdraw: true, canAttach: true });
    expect((await otherBuyer.api.library.get.query({ itemId: buyerItem })).viewer).toEqual({ canRevise: false, canWithdraw: false, canAttach: false });

    expect((await refusal(supplier.api.library.publish.mutate(item())))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(server.visitor().api.library.publish.mutate(item())))?.appCode).toBe('UNAUTHENTICATED');
    const unconfirmed = server.visitor();
    await unconfirmed.api.accounts.register.mutate({ name: 'Ulla', email: 'ulla@arena.example', password: PASSWORD, representation: 'buyer' });
    await unconfirmed.api.accounts.login.mutate({ email: 'ulla@arena.example', password: PASSWORD });
    expect((await refusal(unconfirmed.api.library.publish.mutate(item())))?.appCode).toBe('EMAIL_NOT_VERIFIED');
  });

  it('refuses bad input with the field and changes nothing', async () => {
    const before = await lastEventSeq(server.app.services.store);
    const cases: unknown[] = [
      { ...item(), arenaIds: [] },
      { ...item(), arenaIds: ['space', 'space'] },
      { ...item(), arenaIds: ['moon'] },
      { ...item(), audiences: [] },
      { ...item(), kind: 'poster' },
      { ...item(), language: 'de' },
      { ...item(), body: 'kort' },
      { ...item(), title: { $gt: '' } },
      { ...item(), extra: true },
    ];
    for (const input of cases) {
      expect((await refusal(moderator.api.library.publish.mutate(input as PublishLibraryItemInput)))?.appCode).toBe('VALIDATION');
    }
    expect((await refusal(supplier.api.library.get.query({ itemId: { $ne: null } as unknown as string })))?.appCode).toBe('VALIDATION');
    expect(await lastEventSeq(server.app.services.store)).toBe(before);
  });
});

describe('versions and withdrawal', () => {
  it('keeps every version readable; only the moderators and the publishing organisation revise', async () => {
    const { itemId } = await buyer.api.library.publish.mutate(item({ title: 'Riskdelning i rymdprojekt', body: 'Första texten om riskdelning.' }));
    const { version } = await buyer.api.library.revise.mutate({ itemId, ...item({ title: 'Riskdelning i rymdprojekt (rättad)', body: 'Andra texten om riskdelning.' }), note: 'Rättade beloppen' });
    expect(version).toBe(2);
    expect((await refusal(otherBuyer.api.library.revise.mutate({ itemId, ...item(), note: 'Min ändring' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(supplier.api.library.revise.mutate({ itemId, ...item(), note: 'Min ändring' })))?.appCode).toBe('FORBIDDEN');
    await moderator.api.library.revise.mutate({ itemId, ...item({ title: 'Riskdelning i rymdprojekt (rättad)', body: 'Tredje texten om riskdelning.' }), note: 'Språket' });

    const current = await supplier.api.library.get.query({ itemId });
    expect(current.version).toBe(3);
    expect(current.shown).toMatchObject({ version: 3, body: 'Tredje texten om riskdelning.', note: 'Språket' });
    expect(current.versions.map((entry) => [entry.version, entry.note])).toEqual([
      [3, 'Språket'],
      [2, 'Rättade beloppen'],
      [1, null],
    ]);
    // The versions a person wrote are in their own data export.
    const exported = await buyer.api.accounts.exportMyData.query();
    expect(exported.libraryVersions.filter((entry) => entry.itemId === itemId).map((entry) => entry.version)).toEqual([1, 2]);
    const first = await supplier.api.library.get.query({ itemId, version: 1 });
    expect(first.shown).toMatchObject({ version: 1, title: 'Riskdelning i rymdprojekt', body: 'Första texten om riskdelning.' });
    expect((await refusal(supplier.api.library.get.query({ itemId, version: 4 })))?.appCode).toBe('NOT_FOUND');
  });

  it('withdraws with a reason: still readable, listed apart, changed no more, recorded once', async () => {
    const { itemId } = await buyer.api.library.publish.mutate(item({ arenaIds: ['transport'], title: 'Utlysning som har stängt' }));
    await buyer.api.library.withdraw.mutate({ itemId, reason: 'Utlysningen har stängt.' });
    await buyer.api.library.withdraw.mutate({ itemId, reason: 'En gång till.' });
    const view = await supplier.api.library.get.query({ itemId });
    expect(view.withdrawal?.reason).toBe('Utlysningen har stängt.');
    expect(view.viewer).toEqual({ canRevise: false, canWithdraw: false, canAttach: false });
    expect((await refusal(buyer.api.library.revise.mutate({ itemId, ...item(), note: 'Öppnar igen' })))?.appCode).toBe('ITEM_WITHDRAWN');
    const listed = await supplier.api.library.list.query({ arenaId: 'transport' });
    expect(listed.items.map((entry) => entry.id)).not.toContain(itemId);
    const withdrawn = await supplier.api.library.list.query({ arenaId: 'transport', withdrawn: true });
    expect(withdrawn.items.map((entry) => entry.id)).toContain(itemId);

    await server.settled();
    const audit: AuditEntryView[] = await moderator.api.audit.list.query({ limit: 200 });
    const about = audit.filter((entry) => entry.subject.itemId === itemId).map((entry) => entry.action);
    expect(about.sort()).toEqual(['library.item_published', 'library.item_withdrawn']);
  });

  it('writes events that carry ids only, never the text', async () => {
    const before = await lastEventSeq(server.app.services.store);
    const { itemId } = await buyer.api.library.publish.mutate(item({ title: 'Hemlig titel i händelsen?', body: 'Brödtexten får aldrig hamna i loggen.' }));
    await buyer.api.library.revise.mutate({ itemId, ...item({ body: 'Brödtexten får aldrig hamna i loggen, version två.' }), note: 'Anteckningen heller' });
    await buyer.api.library.withdraw.mutate({ itemId, reason: 'Skälet heller inte.' });
    const events = await readEventsAfter(server.app.services.store, before, 10);
    const library = events.filter((event) => event.type.startsWith('library.'));
    expect(library.map((event) => event.type)).toEqual(['library.item_published', 'library.item_revised', 'library.item_withdrawn']);
    const text = JSON.stringify(library);
    for (const secret of ['Hemlig', 'Brödtexten', 'Anteckningen', 'Skälet']) expect(text).not.toContain(secret);
  });
});

describe('lists, filters and who may see', () => {
  it('filters by arena, kind, audience and language, and pages through everything once', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 7; n += 1) {
      const { itemId } = await moderator.api.library.publish.mutate(
        item({ arenaIds: ['big-science', 'energy-environment'], kind: n % 2 ? 'funding' : 'case-study', audiences: n % 3 ? ['suppliers'] : ['researchers', 'suppliers'], language: n < 4 ? 'sv' : 'en', title: `Stora forskningsanläggningar ${n}` }),
      );
      ids.push(itemId);
    }
    const seen: string[] = [];
    let cursor: { publishedAt: string; id: string } | null = null;
    do {
      const page: Awaited<ReturnType<typeof supplier.api.library.list.query>> = await supplier.api.library.list.query({ arenaId: 'big-science', limit: 3, cursor });
      seen.push(...page.items.map((entry) => entry.id));
      cursor = page.next;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const ids$ = async (filter: Record<string, string>) =>
      (await supplier.api.library.list.query({ arenaId: 'energy-environment', limit: 50, ...filter })).items.map((entry) => entry.id).sort();
    expect(await ids$({ kind: 'funding' })).toEqual([ids[1], ids[3], ids[5]].sort());
    expect(await ids$({ audience: 'researchers' })).toEqual([ids[0], ids[3], ids[6]].sort());
    expect(await ids$({ language: 'en' })).toEqual([ids[4], ids[5], ids[6]].sort());
    expect((await supplier.api.library.list.query({ arenaId: 'ict' })).items.filter((entry) => ids.includes(entry.id))).toEqual([]);
  });

  it('answers for a registered-only item as for a missing one to those who may not see it, byte for byte', async () => {
    const { itemId } = await moderator.api.library.publish.mutate(item({ arenaIds: ['ict'], visibility: 'registered', title: 'Bara för inloggade' }));
    const missing = 'x'.repeat(24);
    const hidden = await rawQuery(null, 'library.get', { itemId });
    const absent = await rawQuery(null, 'library.get', { itemId: missing });
    expect(hidden.status).toBe(404);
    expect(hidden.body.replaceAll(itemId, missing)).toBe(absent.body);
    expect((await server.visitor().api.library.list.query({ arenaId: 'ict' })).items.map((entry) => entry.id)).not.toContain(itemId);
    expect((await supplier.api.library.get.query({ itemId })).title).toBe('Bara för inloggade');
    // Nor can it be withdrawn or revised by someone who cannot see it: the same NOT_FOUND.
    expect((await refusal(server.visitor().api.library.get.query({ itemId })))?.appCode).toBe('NOT_FOUND');
  });
});

describe('an arena’s page', () => {
  it('shows what is going on and what was learned, with figures that match an independent count', async () => {
    const create = (visitor: Visitor, title: string, visibility: 'public' | 'registered' = 'public') =>
      visitor.api.dialogues.create.mutate({ title, description: 'Vi söker lösningar.', arenaId: 'healthcare', phase: 'market-dialogue', questionDeadline: future(), visibility });
    const open = await create(buyer, 'Sensorer i hemsjukvården');
    const past = await create(buyer, 'Digitala journaler som avslutats');
    const registered = await create(otherBuyer, 'Bara för inloggade leverantörer', 'registered');
    // Published and answered, published and unanswered, confidential and waiting in the inbox.
    const a = await supplier.api.threads.ask.mutate({ dialogueId: open.dialogueId, title: 'Vilken räckvidd krävs?', body: 'Inomhus?' });
    await buyer.api.threads.answer.mutate({ threadId: a.threadId, body: 'Tio meter.' });
    await supplier.api.threads.ask.mutate({ dialogueId: open.dialogueId, title: 'Vilka standarder gäller?', body: 'Och protokoll?' });
    await supplier.api.threads.ask.mutate({ dialogueId: open.dialogueId, title: 'Vår egen lösning', body: 'Hemligt.', confidential: true });
    const b = await supplier.api.threads.ask.mutate({ dialogueId: past.dialogueId, title: 'Hur migrerades data?', body: 'Format?' });
    await buyer.api.threads.answer.mutate({ threadId: b.threadId, body: 'Med FHIR.' });
    const c = await supplier.api.threads.ask.mutate({ dialogueId: registered.dialogueId, title: 'Fråga i en dialog för inloggade', body: '?' });
    await otherBuyer.api.threads.answer.mutate({ threadId: c.threadId, body: 'Svar.' });
    await buyer.api.dialogues.setArchived.mutate({ dialogueId: past.dialogueId, archived: true });
    const year = new Date().getUTCFullYear() + 1;
    const { sessionId } = await buyer.api.sessions.create.mutate({ dialogueId: open.dialogueId, title: 'Dialogmöte om sensorer', startsAt: `${year}-02-02T10:00`, endsAt: `${year}-02-02T11:00`, format: 'online', meetingLink: 'https://meet.example/s', capacity: 20 });
    await moderator.api.library.publish.mutate(item({ arenaIds: ['healthcare'], title: 'Vägledning för vården' }));

    // Counted here from what this test did, not by the server's code.
    const signedIn = await supplier.api.arenas.get.query({ arenaId: 'healthcare' });
    expect(signedIn.openDialogues.map((dialogue) => dialogue.id).sort()).toEqual([open.dialogueId, registered.dialogueId].sort());
    expect(signedIn.pastDialogues.map((dialogue) => [dialogue.id, dialogue.publishedQuestions, dialogue.answeredQuestions])).toEqual([[past.dialogueId, 1, 1]]);
    expect(signedIn.upcomingSessions.map((session) => [session.id, session.dialogueTitle])).toEqual([[sessionId, 'Sensorer i hemsjukvården']]);
    expect(signedIn.figures).toEqual({ dialogues: 3, openDialogues: 2, publishedQuestions: 4, answeredQuestions: 3, answeredShare: 3 / 4, libraryItems: 1 });
    expect(signedIn.viewer).toEqual({ following: false, canPublishLibrary: false });

    // An anonymous visitor sees (and counts) neither the registered-only dialogue nor its question.
    const anonymous = await server.visitor().api.arenas.get.query({ arenaId: 'healthcare' });
    expect(anonymous.openDialogues.map((dialogue) => dialogue.id)).toEqual([open.dialogueId]);
    expect(anonymous.figures).toEqual({ dialogues: 2, openDialogues: 1, publishedQuestions: 3, answeredQuestions: 2, answeredShare: 2 / 3, libraryItems: 1 });
    expect(anonymous.viewer).toEqual({ following: null, canPublishLibrary: false });
    expect(JSON.stringify(anonymous)).not.toContain('Bara för inloggade');
    expect((await buyer.api.arenas.get.query({ arenaId: 'healthcare' })).viewer.canPublishLibrary).toBe(true);
    expect((await refusal(supplier.api.arenas.get.query({ arenaId: 'atlantis' as 'space' })))?.appCode).toBe('VALIDATION');
  });
});

describe('following an arena', () => {
  it('tells followers of new dialogues and library items they may see, and not the one who published', async () => {
    const follower = await person('Frida', 'supplier');
    await follower.api.notifications.follow.mutate({ kind: 'arena', id: 'space' });
    await buyer.api.notifications.follow.mutate({ kind: 'arena', id: 'space' });
    expect((await follower.api.arenas.get.query({ arenaId: 'space' })).viewer.following).toBe(true);
    expect((await follower.api.notifications.settings.query()).follows).toContainEqual(expect.objectContaining({ kind: 'arena', id: 'space' }));

    const { dialogueId } = await buyer.api.dialogues.create.mutate({ title: 'Satellitdata för kommuner', description: 'Vi söker lösningar.', arenaId: 'space', phase: 'market-dialogue', questionDeadline: future(), visibility: 'public' });
    const { itemId } = await buyer.api.library.publish.mutate(item({ arenaIds: ['space', 'ict'], title: 'Fallstudie: satellitbilder' }));
    await server.settled();
    const told = (await follower.api.notifications.list.query({})).items;
    expect(told.find((n) => n.kind === 'arena-dialogue-published')).toMatchObject({ dialogue: { id: dialogueId, title: 'Satellitdata för kommuner' }, arena: { id: 'space' } });
    expect(told.filter((n) => n.kind === 'library-item-published' && n.libraryItem?.id === itemId)).toHaveLength(1);
    const own = (await buyer.api.notifications.list.query({})).items;
    expect(own.some((n) => n.dialogue?.id === dialogueId || n.libraryItem?.id === itemId)).toBe(false);

    await follower.api.notifications.unfollow.mutate({ kind: 'arena', id: 'space' });
    await moderator.api.library.publish.mutate(item({ arenaIds: ['space'], title: 'Efter att Frida slutade följa' }));
    await server.settled();
    expect((await follower.api.notifications.list.query({})).items.filter((n) => n.kind === 'library-item-published')).toHaveLength(1);
  });

  it('mails a new library item in the daily digest, with its link', async () => {
    const reader = await person('Dagny', 'supplier');
    await reader.api.notifications.follow.mutate({ kind: 'arena', id: 'transport' });
    const { itemId } = await moderator.api.library.publish.mutate(item({ arenaIds: ['transport'], title: 'Digestens vägledning' }));
    await server.settled();
    // The digest as the schedule starts it: a `notification.digest_due` event with the cut-off now.
    const now = new Date().toISOString();
    await server.app.services.store.withTransaction((scope) => appendEvent(scope, 'notification.digest_due', null, { day: 'test', dueAt: now, cutoff: now }, now).then(() => undefined));
    server.app.services.onCommit();
    await server.settled();
    const [digest] = await mailTo(server.dataDir, 'dagny@arena.example', /sammanfattning/i);
    expect(digest?.text).toContain('«Digestens vägledning»');
    expect(digest?.text).toContain(`/library/${itemId}`);
  });

  it('never tells a follower of an item they may not see', async () => {
    const visitor = server.visitor();
    await visitor.api.accounts.register.mutate({ name: 'Oskar', email: 'oskar@arena.example', password: PASSWORD, representation: 'supplier' });
    await visitor.api.accounts.login.mutate({ email: 'oskar@arena.example', password: PASSWORD });
    await visitor.api.notifications.follow.mutate({ kind: 'arena', id: 'energy-environment' });
    await moderator.api.library.publish.mutate(item({ arenaIds: ['energy-environment'], visibility: 'registered', title: 'Endast för bekräftade' }));
    await moderator.api.library.publish.mutate(item({ arenaIds: ['energy-environment'], title: 'Öppet för alla' }));
    await server.settled();
    const told = (await visitor.api.notifications.list.query({})).items;
    expect(told.map((n) => n.libraryItem?.title)).toEqual(['Öppet för alla']);
  });
});
