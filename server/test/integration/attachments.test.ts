// Attachments over the real server: the owning buyers attach PDF and office documents to a dialogue
// and to official answers (with the answer, or later as a recorded addition); everyone who may see
// where a file is downloads it, as a download that no browser runs; removing hides it with a reason;
// it reaches everyone live and is found by search only where everyone may read it. Throughout, a
// supplier (Bob) and anonymous visitors try what they may not, and hostile uploads are refused
// without anything being written.
import { request as httpRequest } from 'node:http';
import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAttachmentBlobs } from '../../src/modules/attachments/blob-sweep.ts';
import { ATTACHMENTS, type AttachmentDocument } from '../../src/modules/attachments/documents.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { readPdf } from '../support/pdf-text.ts';
import { refusal } from '../support/refusal.ts';
import { samplePdf, sampleExe, sampleOdf, sampleOoxml } from '../support/sample-files.ts';
import { nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';
import { appCodeOf, dispositionName, download, keptFiles, sendOversize, upload } from '../support/uploads.ts';
import { zipArchive } from '../support/zip-archive.ts';

const MAX_BYTES = 256 * 1024;
const PASSWORD = 'bilagor till dialogen';

let server: TestServer;
let buyer: Visitor;
let rival: Visitor; // a verified buyer who owns none of these dialogues
let alice: Visitor; // asks
let bob: Visitor; // another supplier, probing
let unconfirmed: Visitor;
let moderator: Visitor;
let pdf: Buffer;

const inADay = () => new Date(server.clock.now().getTime() + 24 * 3_600_000).toISOString();

async function dialogue(title: string, options: { visibility?: 'public' | 'registered'; phase?: 'market-dialogue' | 'tender' } = {}): Promise<string> {
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title,
    description: 'Vi söker lösningar.',
    arenaId: 'transport',
    phase: options.phase ?? 'market-dialogue',
    questionDeadline: inADay(),
    ...(options.phase === 'tender' ? { tenderDeadline: new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString() } : {}),
    visibility: options.visibility ?? 'public',
  });
  return dialogueId;
}

async function watching(visitor: Visitor, dialogueId: string): Promise<LiveSocket> {
  const socket = await visitor.connect();
  expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
  return socket;
}

async function caughtUp(): Promise<void> {
  await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
}

async function found(visitor: Visitor, q: string): Promise<string[]> {
  await caughtUp();
  return (await visitor.api.search.query.query({ q, limit: 20 })).hits.map((hit) => hit.id);
}

/** Every page-visible answer of a thread as Bob (a supplier) sees it. */
const answersFor = async (visitor: Visitor, threadId: string) => (await visitor.api.threads.get.query({ threadId })).thread.answers;

beforeAll(async () => {
  server = await startTestServer({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES), RATE_LIMIT_SCALE: '10' });
  buyer = server.visitor();
  rival = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  unconfirmed = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@region.example', password: PASSWORD, representation: 'buyer', organisationName: 'Region Exempel' });
  await rival.registerVerified({ name: 'Rolf Rival', email: 'rolf@kommun.example', password: PASSWORD, representation: 'buyer', organisationName: 'Kommun Exempel' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: 'alice@vagteknik.example', password: PASSWORD, representation: 'supplier', organisationName: 'Vägteknik AB' });
  await bob.registerVerified({ name: 'Bob Konkurrent', email: 'bob@konkurrent.example', password: PASSWORD, representation: 'supplier', organisationName: 'Konkurrent AB' });
  await unconfirmed.api.accounts.register.mutate({ name: 'Ulla Obekräftad', email: 'ulla@region.example', password: PASSWORD, representation: 'buyer' });
  await unconfirmed.api.accounts.login.mutate({ email: 'ulla@region.example', password: PASSWORD });
  moderator = await server.moderator();
  pdf = await samplePdf('Förfrågningsunderlag för vinterväghållning');
});

afterAll(async () => {
  await server?.stop();
});

describe('files on a dialogue', () => {
  it('are attached by its buyers and downloaded by everyone who sees it, byte for byte, as a download nothing runs', async () => {
    const dialogueId = await dialogue('Vinterväghållning med sensorer');
    const bobSocket = await watching(bob, dialogueId);
    const changed = nextEvent(bobSocket, 'dialogue.changed');

    const uploaded = await upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, 'Förfrågningsunderlag.pdf');
    expect(uploaded.status).toBe(201);
    const view = uploaded.body.attachment!;
    expect(view).toMatchObject({ name: 'Förfrågningsunderlag.pdf', fileType: 'pdf', size: pdf.length, organisationName: 'Region Exempel', addition: false, removed: null });
    // Live: everyone with the dialogue open is told it changed.
    expect((await changed).dialogueId).toBe(dialogueId);

    const listed = await bob.api.attachments.ofDialogue.query({ dialogueId });
    expect(listed).toEqual({ attachments: [view], canAttach: false, canRemove: false });
    expect((await buyer.api.attachments.ofDialogue.query({ dialogueId })).canAttach).toBe(true);

    for (const visitor of [bob, server.visitor()]) {
      const file = await download(server, visitor.cookie(), view.id);
      expect(file.status).toBe(200);
      expect(file.bytes.equals(pdf)).toBe(true);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-length')).toBe(String(pdf.length));
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''/);
      expect(dispositionName(file.headers.get('content-disposition'))).toBe('Förfrågningsunderlag.pdf');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(file.headers.get('cache-control')).toBe('private, no-cache');
      expect(file.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
    // Unchanged since the browser's copy: 304, after the same access check.
    const again = await download(server, bob.cookie(), view.id, { 'if-none-match': `"${(await server.app.services.store.collection<{ _id: string; sha256: string }>('attachments').findOne({ _id: view.id }))?.sha256}"` });
    expect(again.status).toBe(304);
    bobSocket.disconnect();
  });

  it('accepts every office format we list, by its content, whatever its name says', async () => {
    const dialogueId = await dialogue('Kontorsformat');
    const files = [
      ['Krav.docx', sampleOoxml('docx'), 'docx'],
      ['Priser.xlsx', sampleOoxml('xlsx'), 'xlsx'],
      ['Presentation.pptx', sampleOoxml('pptx'), 'pptx'],
      ['Krav.odt', sampleOdf('odt'), 'odt'],
      ['Priser.ods', sampleOdf('ods'), 'ods'],
      ['Presentation.odp', sampleOdf('odp'), 'odp'],
      // The content decides: a Word document sent as "bilaga.pdf" is listed as what it is.
      ['bilaga.pdf', sampleOoxml('docx'), 'docx'],
    ] as const;
    for (const [name, bytes, type] of files) {
      const answer = await upload(server, buyer.cookie(), 'toDialogue', dialogueId, bytes, name);
      expect({ name, status: answer.status, type: answer.body.attachment?.fileType }).toEqual({ name, status: 201, type });
    }
    expect((await bob.api.attachments.ofDialogue.query({ dialogueId })).attachments.map((file) => file.name)).toEqual([
      'Krav.docx', 'Priser.xlsx', 'Presentation.pptx', 'Krav.odt', 'Priser.ods', 'Presentation.odp', 'bilaga.pdf.docx',
    ]);
    const docx = (await bob.api.attachments.ofDialogue.query({ dialogueId })).attachments[0]!;
    expect((await download(server, bob.cookie(), docx.id)).headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('are attached only by the dialogue’s own buyers, with a confirmed address', async () => {
    const dialogueId = await dialogue('Bara beställarna');
    const before = await keptFiles(server);
    expect(appCodeOf(await upload(server, '', 'toDialogue', dialogueId, pdf, 'a.pdf'))).toBe('UNAUTHENTICATED');
    expect(appCodeOf(await upload(server, unconfirmed.cookie(), 'toDialogue', dialogueId, pdf, 'a.pdf'))).toBe('EMAIL_NOT_VERIFIED');
    expect(appCodeOf(await upload(server, bob.cookie(), 'toDialogue', dialogueId, pdf, 'a.pdf'))).toBe('FORBIDDEN');
    expect(appCodeOf(await upload(server, rival.cookie(), 'toDialogue', dialogueId, pdf, 'a.pdf'))).toBe('FORBIDDEN');
    expect(await keptFiles(server)).toEqual(before);
  });
});

describe('a registered-only dialogue’s files', () => {
  it('answer anonymous and unconfirmed visitors exactly as a missing file, and are never cached', async () => {
    const dialogueId = await dialogue('Kvarnhjulsdammen', { visibility: 'registered' });
    const { attachment } = (await upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, 'Kvarnhjulsdammen ritning.pdf')).body;
    const missingId = 'f'.repeat(24);
    for (const visitor of [server.visitor(), unconfirmed]) {
      const hidden = await download(server, visitor.cookie(), attachment!.id);
      const absent = await download(server, visitor.cookie(), missingId);
      expect({ status: hidden.status, body: hidden.text.replaceAll(attachment!.id, missingId) }).toEqual({ status: absent.status, body: absent.text });
      expect(hidden.status).toBe(404);
      expect(JSON.parse(hidden.text).error.data.appCode).toBe('NOT_FOUND');
      // Nor may the upload route tell whether it exists.
      const hiddenUpload = await upload(server, visitor.cookie(), 'toDialogue', dialogueId, pdf, 'x.pdf');
      const absentUpload = await upload(server, visitor.cookie(), 'toDialogue', missingId, pdf, 'x.pdf');
      expect(hiddenUpload.text.replaceAll(dialogueId, missingId)).toBe(absentUpload.text);
    }
    expect(await refusal(server.visitor().api.attachments.ofDialogue.query({ dialogueId }))).toMatchObject({ appCode: 'NOT_FOUND' });
    const file = await download(server, bob.cookie(), attachment!.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('private, no-store');
    // Search finds the file's name for registered people only.
    expect(await found(bob, 'Kvarnhjulsdammen ritning')).toContain(`dialogue:${dialogueId}`);
    expect(await found(server.visitor(), 'Kvarnhjulsdammen ritning')).not.toContain(`dialogue:${dialogueId}`);
  });
});

describe('files on official answers', () => {
  it('are published together with the answer they were uploaded for, in the same push, and only then seen by others', async () => {
    const dialogueId = await dialogue('Modererade frågor', { phase: 'tender' });
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Vilka sensorer krävs?', body: 'Vilka sensorer ska finnas?' });
    const draft = await upload(server, buyer.cookie(), 'draftForThread', threadId, pdf, 'Sensorlista.pdf');
    expect(draft.status).toBe(201);
    const draftId = draft.body.attachment!.id;
    // A draft is the buyer's work in progress: nobody else downloads it, not even a co-buyer's moderator view.
    expect((await download(server, bob.cookie(), draftId)).status).toBe(404);
    expect((await download(server, alice.cookie(), draftId)).status).toBe(404);
    expect((await download(server, buyer.cookie(), draftId)).status).toBe(200);

    const bobSocket = await watching(bob, dialogueId);
    const pushed = nextEvent(bobSocket, 'thread.changed');
    const { postId } = await buyer.api.threads.publish.mutate({ threadId, answer: 'Se bifogad lista.', attachmentIds: [draftId] });
    const event = await pushed;
    expect(event.what).toBe('published');
    const answer = event.thread.answers.find((candidate) => candidate.id === postId);
    expect(answer?.attachments.map((file) => ({ id: file.id, name: file.name, addition: file.addition }))).toEqual([{ id: draftId, name: 'Sensorlista.pdf', addition: false }]);
    expect((await download(server, bob.cookie(), draftId)).bytes.equals(pdf)).toBe(true);
    // Published with the answer, it is no draft: the same id cannot go with another answer.
    expect(await refusal(buyer.api.threads.answer.mutate({ threadId, body: 'Ett till svar.', attachmentIds: [draftId] }))).toMatchObject({ appCode: 'NOT_FOUND' });
    bobSocket.disconnect();
  });

  it('are added to a published answer later as a recorded addition, pushed live, and removed only by hiding with a reason', async () => {
    const dialogueId = await dialogue('Öppen diskussion');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Finns ritningar?', body: 'Finns det ritningar över depån?' });
    const { postId } = await buyer.api.threads.answer.mutate({ threadId, body: 'Ja, de kommer.' });
    const bobSocket = await watching(bob, dialogueId);

    const attached = nextEvent(bobSocket, 'thread.changed');
    const addition = await upload(server, buyer.cookie(), 'toAnswer', postId, sampleOoxml('docx'), 'Ritningar depå.docx');
    expect(addition.status).toBe(201);
    const pushed = await attached;
    expect({ what: pushed.what, postId: pushed.postId }).toEqual({ what: 'attached', postId });
    const file = pushed.thread.answers[0]!.attachments[0]!;
    expect(file).toMatchObject({ name: 'Ritningar depå.docx', fileType: 'docx', addition: true, organisationName: 'Region Exempel', removed: null });
    expect(await found(bob, 'Ritningar depå')).toContain(`post:${postId}`);

    // Suppliers, other buyers and visitors may not add or remove.
    expect(appCodeOf(await upload(server, alice.cookie(), 'toAnswer', postId, pdf, 'x.pdf'))).toBe('FORBIDDEN');
    expect(appCodeOf(await upload(server, rival.cookie(), 'toAnswer', postId, pdf, 'x.pdf'))).toBe('FORBIDDEN');
    expect(await refusal(bob.api.attachments.remove.mutate({ attachmentId: file.id, reason: 'Vill inte.' }))).toMatchObject({ appCode: 'FORBIDDEN' });
    // The question is no answer: files go on official answers only.
    const questionId = (await bob.api.threads.get.query({ threadId })).thread.question.id;
    expect(appCodeOf(await upload(server, buyer.cookie(), 'toAnswer', questionId, pdf, 'x.pdf'))).toBe('FORBIDDEN');

    const removed = nextEvent(bobSocket, 'thread.changed');
    await buyer.api.attachments.remove.mutate({ attachmentId: file.id, reason: 'Fel version bifogades.' });
    const afterRemoval = await removed;
    expect(afterRemoval.what).toBe('attachment-removed');
    expect(afterRemoval.thread.answers[0]!.attachments[0]).toMatchObject({ id: file.id, name: null, removed: { reason: 'Fel version bifogades.' } });
    // Readers get it as if it never was; moderators still review it; nothing is deleted.
    const gone = await download(server, bob.cookie(), file.id);
    const missing = await download(server, bob.cookie(), '0'.repeat(24));
    expect({ status: gone.status, body: gone.text.replaceAll(file.id, '0'.repeat(24)) }).toEqual({ status: missing.status, body: missing.text });
    expect((await download(server, moderator.cookie(), file.id)).status).toBe(200);
    expect(await found(bob, 'Ritningar depå')).not.toContain(`post:${postId}`);
    // Removing it again changes nothing and records nothing.
    const seq = await lastEventSeq(server.app.services.store);
    await buyer.api.attachments.remove.mutate({ attachmentId: file.id, reason: 'Igen.' });
    expect(await lastEventSeq(server.app.services.store)).toBe(seq);
    // Both acts are in the audit log, once each, with who did them (the audit processor writes it).
    const me = await buyer.api.accounts.me.query();
    expect(me?.id).toMatch(/^[0-9a-f]{24}$/);
    const audited = async () =>
      (await moderator.api.audit.list.query({ limit: 200 }))
        .filter((entry) => entry.subject.attachmentId === file.id)
        .map((entry) => ({ action: entry.action, actor: entry.actor?.id }))
        .sort((a, b) => a.action.localeCompare(b.action));
    await expect.poll(audited).toEqual([
      { action: 'answer.attachment_added', actor: me?.id },
      { action: 'answer.attachment_removed', actor: me?.id },
    ]);
    // And in the buyer's own data export: what they attached, and what they removed and why.
    const mine = await buyer.api.accounts.exportMyData.query();
    expect(mine.attachmentsAdded.find((entry) => entry.id === file.id)).toMatchObject({ name: 'Ritningar depå.docx', dialogue: 'Öppen diskussion', on: 'answer' });
    expect(mine.attachmentsRemoved.filter((entry) => entry.id === file.id)).toMatchObject([{ name: 'Ritningar depå.docx', reason: 'Fel version bifogades.' }]);
    expect((await bob.api.accounts.exportMyData.query()).attachmentsAdded).toEqual([]);
    bobSocket.disconnect();
  });

  it('of a private answer are for the asker and the buyers only, and never in search', async () => {
    const dialogueId = await dialogue('Konfidentiellt');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Vår egen sensor?', body: 'Får vi använda vår sensor VT-9000?', confidential: true });
    const draft = (await upload(server, buyer.cookie(), 'draftForThread', threadId, pdf, 'Enskilt besked Hemligsensor.pdf')).body.attachment!;
    await buyer.api.threads.answerPrivately.mutate({ threadId, body: 'Ja.', reason: 'Gäller bara er egen produkt.', attachmentIds: [draft.id] });
    expect((await download(server, alice.cookie(), draft.id)).status).toBe(200);
    expect((await download(server, buyer.cookie(), draft.id)).status).toBe(200);
    expect((await download(server, bob.cookie(), draft.id)).status).toBe(404);
    expect((await download(server, server.visitor().cookie(), draft.id)).status).toBe(404);
    expect((await answersFor(alice, threadId))[0]?.attachments.map((file) => file.name)).toEqual(['Enskilt besked Hemligsensor.pdf']);
    expect(await found(bob, 'Hemligsensor')).toEqual([]);
    expect(await found(buyer, 'Hemligsensor')).toEqual([]);
  });

  it('of an answer a moderator hid are hidden with it', async () => {
    const dialogueId = await dialogue('Dolda svar');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Fråga om dolt svar', body: 'Text.' });
    const draft = (await upload(server, buyer.cookie(), 'draftForThread', threadId, pdf, 'Svarsbilaga.pdf')).body.attachment!;
    const { postId } = await buyer.api.threads.answer.mutate({ threadId, body: 'Svar.', attachmentIds: [draft.id] });
    await moderator.api.threads.hide.mutate({ postId, reason: 'Personuppgifter.' });
    expect((await answersFor(bob, threadId))[0]?.attachments).toEqual([]);
    expect((await download(server, bob.cookie(), draft.id)).status).toBe(404);
    expect((await download(server, moderator.cookie(), draft.id)).status).toBe(200);
  });

  it('are named with their answer in the exported record, a later addition marked; a removed or private one never', async () => {
    const dialogueId = await dialogue('Bilagor i protokollet');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Finns ritningar?', body: 'Text.' });
    const draft = (await upload(server, buyer.cookie(), 'draftForThread', threadId, pdf, 'Ritning A.pdf')).body.attachment!;
    const { postId } = await buyer.api.threads.answer.mutate({ threadId, body: 'Se ritningen.', attachmentIds: [draft.id] });
    await upload(server, buyer.cookie(), 'toAnswer', postId, pdf, 'Tillägg B.pdf');
    const wrong = (await upload(server, buyer.cookie(), 'toAnswer', postId, pdf, 'Felaktig C.pdf')).body.attachment!;
    await buyer.api.attachments.remove.mutate({ attachmentId: wrong.id, reason: 'Fel fil.' });
    const secret = await alice.api.threads.ask.mutate({ dialogueId, title: 'Vår egen ritning?', body: 'Text.', confidential: true });
    const secretDraft = (await upload(server, buyer.cookie(), 'draftForThread', secret.threadId, pdf, 'Enskild D.pdf')).body.attachment!;
    await buyer.api.threads.answerPrivately.mutate({ threadId: secret.threadId, body: 'Ja.', reason: 'Gäller bara er.', attachmentIds: [secretDraft.id] });

    const exported = async (format: 'csv' | 'pdf') => {
      const response = await fetch(`${server.url}/exports/dialogues/${dialogueId}/qa.${format}`);
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const csv = (await exported('csv')).toString('utf8');
    expect(csv.split(/\r?\n/)[0]!.split(',')).toContain('Bilagor');
    expect(csv).toContain('Ritning A.pdf; Tillägg B.pdf (tillagd i efterhand ');
    const pdfText = (await readPdf(await exported('pdf'))).text.replace(/\s+/g, ' ');
    expect(pdfText).toContain('Bilagor: Ritning A.pdf, Tillägg B.pdf (tillagd i efterhand ');
    for (const text of [csv, pdfText]) {
      expect(text).not.toContain('Felaktig C');
      expect(text).not.toContain('Enskild D');
    }
  });

  it('are at most ten on an answer, drafts included, and the eleventh is refused without a trace', async () => {
    const dialogueId = await dialogue('Många filer');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Fråga med många filer', body: 'Text.' });
    const small = Buffer.from('%PDF-1.4\nliten\n%%EOF\n');
    const drafts: string[] = [];
    for (let i = 0; i < 10; i++) drafts.push((await upload(server, buyer.cookie(), 'draftForThread', threadId, small, `del ${i}.pdf`)).body.attachment!.id);
    const before = await keptFiles(server);
    const eleventh = await upload(server, buyer.cookie(), 'draftForThread', threadId, small, 'del 10.pdf');
    expect({ status: eleventh.status, appCode: appCodeOf(eleventh) }).toEqual({ status: 409, appCode: 'TOO_MANY_ATTACHMENTS' });
    expect(await keptFiles(server)).toEqual(before);
    const { postId } = await buyer.api.threads.answer.mutate({ threadId, body: 'Tio bilagor.', attachmentIds: drafts });
    expect((await answersFor(bob, threadId))[0]?.attachments).toHaveLength(10);
    expect(appCodeOf(await upload(server, buyer.cookie(), 'toAnswer', postId, small, 'en till.pdf'))).toBe('TOO_MANY_ATTACHMENTS');
  });

  it('cannot be someone else’s draft, or a draft for another thread', async () => {
    const dialogueId = await dialogue('Andras utkast');
    const first = await alice.api.threads.ask.mutate({ dialogueId, title: 'Första frågan', body: 'Text.' });
    const second = await alice.api.threads.ask.mutate({ dialogueId, title: 'Andra frågan', body: 'Text.' });
    const draft = (await upload(server, buyer.cookie(), 'draftForThread', first.threadId, pdf, 'a.pdf')).body.attachment!;
    expect(await refusal(buyer.api.threads.answer.mutate({ threadId: second.threadId, body: 'Svar.', attachmentIds: [draft.id] }))).toMatchObject({ appCode: 'NOT_FOUND' });
    // Nothing of the refused answer was written.
    expect(await answersFor(bob, second.threadId)).toEqual([]);
    expect(appCodeOf(await upload(server, bob.cookie(), 'draftForThread', first.threadId, pdf, 'a.pdf'))).toBe('FORBIDDEN');
  });
});

describe('hostile uploads', () => {
  let dialogueId: string;
  beforeAll(async () => {
    dialogueId = await dialogue('Fientliga filer');
  });

  /** The upload is refused with `appCode` and nothing at all is kept or recorded. */
  async function refusedWithoutTrace(appCode: string, send: () => Promise<{ status: number; body: unknown; text?: string }>) {
    const before = await keptFiles(server);
    const answer = await send();
    expect({ appCode: appCodeOf(answer as { body: { error?: { data?: { appCode?: string } } } }), text: answer.text?.slice(0, 200) }).toMatchObject({ appCode });
    expect(await keptFiles(server)).toEqual(before);
    return answer;
  }

  it.each([
    ['HTML and script named like a PDF', 'rapport.pdf', () => Buffer.from('<!doctype html><script>fetch("/trpc/accounts.me")</script>')],
    ['JavaScript named like a PDF', 'rapport.pdf', () => Buffer.from('alert(document.cookie)')],
    ['a program renamed .pdf', 'faktura.pdf', () => sampleExe()],
    ['a ZIP that is no office document', 'arkiv.docx', () => zipArchive([{ name: 'evil.js', data: 'alert(1)' }, { name: 'index.html', data: '<script></script>' }])],
    ['a macro-enabled document named .docx', 'makro.docx', () => sampleOoxml('docx', { mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' })],
  ])('refuses %s and keeps nothing', async (_label, name, make) => {
    await refusedWithoutTrace('FILE_TYPE_NOT_ALLOWED', () => upload(server, buyer.cookie(), 'toDialogue', dialogueId, make(), name));
  });

  it('refuses a file over the limit before reading it, closing the connection as the API’s 413 does, and keeps nothing', async () => {
    const before = await keptFiles(server);
    const oversize = Buffer.concat([pdf, Buffer.alloc(MAX_BYTES)]);
    const answer = await sendOversize(server, buyer.cookie(), `/attachments/dialogues/${dialogueId}`, oversize);
    if ('status' in answer) {
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe('close');
      expect(JSON.parse(answer.body).error.data.appCode).toBe('FILE_TOO_LARGE');
    } else {
      expect(['EPIPE', 'ECONNRESET']).toContain(answer.reset);
    }
    expect(await keptFiles(server)).toEqual(before);
  });

  it('refuses a program at its first bytes, without waiting for the rest of the body', { timeout: 15_000 }, async () => {
    const before = await keptFiles(server);
    let request: ReturnType<typeof httpRequest> | null = null;
    const answer = await new Promise<{ status: number; connection: unknown; body: string }>((resolve, reject) => {
      request = httpRequest(
        `${server.url}/attachments/dialogues/${dialogueId}`,
        {
          method: 'POST',
          agent: false,
          headers: { origin: server.url, cookie: buyer.cookie(), 'content-type': 'application/octet-stream', 'content-length': String(MAX_BYTES), 'x-file-name': 'faktura.pdf' },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }));
        },
      );
      request.on('error', reject);
      // One kilobyte of the promised 256 KiB, and the request is never finished: a server that read
      // the whole body before looking at it would never answer.
      request.write(sampleExe().subarray(0, 1024));
    });
    (request as ReturnType<typeof httpRequest> | null)?.destroy();
    expect({ appCode: JSON.parse(answer.body).error.data.appCode, connection: answer.connection }).toEqual({ appCode: 'FILE_TYPE_NOT_ALLOWED', connection: 'close' });
    expect(await keptFiles(server)).toEqual(before);
  });

  it('refuses a body without a length, and an empty file', async () => {
    await refusedWithoutTrace('VALIDATION', async () => {
      const response = await fetch(`${server.url}/attachments/dialogues/${dialogueId}`, {
        method: 'POST',
        headers: { origin: server.url, cookie: buyer.cookie(), 'content-type': 'application/octet-stream', 'x-file-name': 'a.pdf' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array(pdf));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text), text };
    });
    await refusedWithoutTrace('FILE_TYPE_NOT_ALLOWED', () => upload(server, buyer.cookie(), 'toDialogue', dialogueId, new Uint8Array(0), 'tom.pdf'));
  });

  it('refuses a cross-site upload, and one sent as a form could be, like every other state change', async () => {
    await refusedWithoutTrace('FORBIDDEN', () => upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, 'a.pdf', { origin: 'https://angripare.example' }));
    await refusedWithoutTrace('FORBIDDEN', () => upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, 'a.pdf', { origin: undefined, 'sec-fetch-site': 'cross-site' }));
    for (const contentType of ['multipart/form-data; boundary=x', 'text/plain', 'application/x-www-form-urlencoded', 'application/pdf', undefined]) {
      await refusedWithoutTrace('UNSUPPORTED_MEDIA_TYPE', () => upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, 'a.pdf', { 'content-type': contentType }));
    }
    await refusedWithoutTrace('VALIDATION', () => upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, 'a.pdf', { 'x-file-name': '%E0%A4%A' }));
  });

  it('makes a safe name of path traversal, control characters, bidi overrides, quotes and a very long name', async () => {
    const cases: [string, string][] = [
      ['../../../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\windows\\system32\\config.pdf', 'config.pdf'],
      // "text/html" holds a folder separator: what follows the last one is the name.
      ['rad1\r\nContent-Type: text/html\r\n\r\n<script>.pdf', 'html-script-.pdf'],
      ['rad1\r\nX-Injected: yes\u0000<b>.pdf', 'rad1X-Injected- yes-b-.pdf'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
      ['"; filename=evil.html; x="', '; filename=evil.html; x=-.pdf'],
      [`${'Förfrågningsunderlag '.repeat(30)}.pdf`, `${'Förfrågningsunderlag '.repeat(30).slice(0, 120).trimEnd()}.pdf`],
    ];
    for (const [sent, expected] of cases) {
      const answer = await upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, sent);
      expect(answer.status).toBe(201);
      expect(answer.body.attachment?.name).toBe(expected);
      const file = await download(server, bob.cookie(), answer.body.attachment!.id);
      const disposition = file.headers.get('content-disposition') ?? '';
      expect(disposition).not.toMatch(/[\r\n]/);
      expect(disposition.split('"').length).toBe(3); // only the quotes around the ASCII name
      expect(dispositionName(disposition)).toBe(expected);
      expect(file.headers.get('content-type')).toBe('application/pdf');
    }
  });

  it('keeps to the per-person limits on uploads and the per-address limit on downloads', async () => {
    // A fresh buyer, on a server counting as production does (scale 1): 30 uploads in ten minutes.
    const strict = await startTestServer({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
    try {
      const owner = strict.visitor();
      await owner.registerVerified({ name: 'Greta Gräns', email: 'greta@region.example', password: PASSWORD, representation: 'buyer', organisationName: 'Gränsregionen' });
      const { dialogueId: id } = await owner.api.dialogues.create.mutate({ title: 'Gränser', description: 'Text.', arenaId: 'transport', phase: 'market-dialogue', questionDeadline: new Date(Date.now() + 86_400_000).toISOString(), visibility: 'public' });
      const small = Buffer.from('%PDF-1.4\nliten\n%%EOF\n');
      const codes: string[] = [];
      // Two dialogues, so that no dialogue is full (30 files each) before the person's limit is reached.
      const second = (await owner.api.dialogues.create.mutate({ title: 'Gränser två', description: 'Text.', arenaId: 'transport', phase: 'market-dialogue', questionDeadline: new Date(Date.now() + 86_400_000).toISOString(), visibility: 'public' })).dialogueId;
      for (let i = 0; i < 30; i++) codes.push(appCodeOf(await upload(strict, owner.cookie(), 'toDialogue', i % 2 ? id : second, small, `fil ${i}.pdf`)));
      expect(codes.every((code) => code === 'ok')).toBe(true);
      const before = await keptFiles(strict);
      const limited = await upload(strict, owner.cookie(), 'toDialogue', id, small, 'en till.pdf');
      expect({ status: limited.status, appCode: appCodeOf(limited) }).toEqual({ status: 429, appCode: 'RATE_LIMITED' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await keptFiles(strict)).toEqual(before);

      // Downloads: 300 in ten minutes from one address, whoever asks (signed in or not).
      const fileId = (await strict.app.services.store.collection<AttachmentDocument>(ATTACHMENTS).find({}, { limit: 1 }))[0]?._id ?? '';
      const statuses = new Map<number, number>();
      for (let i = 0; i < 300; i++) {
        const { status } = await download(strict, i % 2 ? owner.cookie() : '', fileId);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      expect(Object.fromEntries(statuses)).toEqual({ 200: 300 });
      const refused = await download(strict, owner.cookie(), fileId);
      expect({ status: refused.status, appCode: appCodeOf({ body: JSON.parse(refused.text) }) }).toEqual({ status: 429, appCode: 'RATE_LIMITED' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await strict.stop();
    }
  }, 90_000);
});

describe('the sweep of blobs', () => {
  it('removes blobs no record names and drafts never published, never a blob a record names', async () => {
    const store = server.app.services.store;
    const blobs = server.app.services.blobs;
    const dialogueId = await dialogue('Städning');
    const { threadId } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Fråga inför städning', body: 'Text.' });
    const kept = (await upload(server, buyer.cookie(), 'toDialogue', dialogueId, pdf, 'kvar.pdf')).body.attachment!;
    const draft = (await upload(server, buyer.cookie(), 'draftForThread', threadId, pdf, 'utkast.pdf')).body.attachment!;
    // A blob whose record never came (a crash between writing the bytes and the transaction).
    async function* bytes() {
      yield new Uint8Array(pdf);
    }
    const orphan = await blobs.put(bytes(), { maxBytes: MAX_BYTES });
    // Make every blob on disk look two hours old, as the sweep measures age by the file's time.
    const old = new Date(Date.now() - 2 * 3_600_000);
    const dir = join(server.dataDir, 'blobs');
    for (const folder of (await readdir(dir)).filter((name) => name !== 'tmp')) {
      for (const name of await readdir(join(dir, folder))) await utimes(join(dir, folder, name), old, old);
    }

    // An hour later: only the orphan goes; the draft is young.
    const hourLater = await sweepAttachmentBlobs(store, blobs, new Date(Date.now() + 60_000));
    expect(hourLater).toMatchObject({ orphans: 1, expiredDrafts: 0 });
    expect(await blobs.size(orphan.id)).toBeNull();
    // A day later the draft, never published, goes with its blob.
    const dayLater = await sweepAttachmentBlobs(store, blobs, new Date(Date.now() + 25 * 3_600_000));
    expect(dayLater.expiredDrafts).toBeGreaterThanOrEqual(1);
    expect((await download(server, buyer.cookie(), draft.id)).status).toBe(404);
    // Every record still names a blob that is there.
    expect((await download(server, bob.cookie(), kept.id)).bytes.equals(pdf)).toBe(true);
    for (const record of await store.collection<{ _id: string; blobId: string }>('attachments').find({})) {
      expect(await blobs.size(record.blobId), record._id).not.toBeNull();
    }
  });
});
