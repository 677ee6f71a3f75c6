// Files on an arena library item (issue 11 §2), over the real server: the publisher — a person of
// the organisation the item was published for, or a moderator — attaches a PDF or an office
// document through the same upload machinery, content rules and size limit as every attachment;
// everyone who may read the item downloads it with the same headers, visitors too for a public
// item; anyone else (a supplier, another buyer, a visitor) is refused and nothing is kept. A
// revision keeps every earlier file; a withdrawn item's files answer as missing ones; the blob
// sweep never takes a library file for an orphan; a file's name finds its item in search.
import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { libraryFileDownloadPath, libraryFileUploadPath } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAttachmentBlobs } from '../../src/modules/attachments/blob-sweep.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { sampleExe, sampleOdf, samplePdf } from '../support/sample-files.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { appCodeOf, downloadFrom, downloadHeaders, keptFiles, sendOversize, servedAsDownload, uploadTo } from '../support/uploads.ts';
import { libraryItem } from '../support/library-item.ts';

const MAX_BYTES = 256 * 1024;
const PASSWORD = 'bibliotekets filer är allas';
const FILE_NAME = 'Fjällrävsmallen.pdf';

let server: TestServer;
let moderator: Visitor;
let anna: Visitor; // Region Norr, verified buyer, publishes the item
let rut: Visitor; // a verified buyer of another organisation
let sune: Visitor; // a supplier
let anonymous: Visitor;
let pdf: Buffer;
let itemId = '';
let fileId = '';

const attach = (visitor: Visitor, id: string, bytes: Uint8Array, name: string) => uploadTo(server, visitor.cookie(), libraryFileUploadPath(id), bytes, name);
const fetchFile = (visitor: Visitor, id: string) => downloadFrom(server, visitor.cookie(), libraryFileDownloadPath(id));
const caughtUp = async () => server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));

beforeAll(async () => {
  server = await startTestServer({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES), RATE_LIMIT_SCALE: '10' });
  const person = signUpPeople(server, 'library-files.example', PASSWORD);
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  rut = await person('Rut', 'buyer', 'Landstinget Öst');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  for (const visitor of [anna, rut]) await moderator.api.organisations.verify.mutate({ organisationId: await organisationOf(visitor) });
  ({ itemId } = await anna.api.library.publish.mutate(libraryItem('public', 'Mall för sensorupphandling')));
  pdf = await samplePdf('Mall för sensorupphandling');
});

afterAll(async () => {
  await server?.stop();
});

describe('files on a library item', () => {
  it('are attached by the publisher to the current version and downloaded by everyone who reads the item, visitors too, as a download nothing runs', async () => {
    expect((await anna.api.library.get.query({ itemId })).viewer.canAttach).toBe(true);
    const uploaded = await attach(anna, itemId, pdf, FILE_NAME);
    expect(uploaded.status).toBe(201);
    const file = uploaded.body.file!;
    expect(file).toMatchObject({ name: FILE_NAME, fileType: 'pdf', size: pdf.length, version: 1 });
    fileId = file.id;
    for (const viewer of [anna, rut, sune, anonymous]) {
      const view = await viewer.api.library.get.query({ itemId });
      expect(view.files).toEqual([file]);
      const got = await fetchFile(viewer, fileId);
      expect(downloadHeaders(got)).toEqual(servedAsDownload(pdf, FILE_NAME, 'application/pdf', 'private, no-cache'));
      expect(got.bytes.equals(pdf)).toBe(true);
    }
    for (const viewer of [rut, sune, anonymous]) expect((await viewer.api.library.get.query({ itemId })).viewer.canAttach).toBe(false);
  });

  it('are attached by a moderator too, as moderators revise any item', async () => {
    const uploaded = await attach(moderator, itemId, sampleOdf('odt'), 'Moderatorns anvisning.odt');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.file).toMatchObject({ fileType: 'odt', version: 1 });
  });

  it('are refused to a supplier, another buyer and a visitor, and nothing is kept', async () => {
    for (const [label, prober, code] of [
      ['supplier', sune, 'FORBIDDEN'],
      ['other buyer', rut, 'FORBIDDEN'],
      ['visitor', anonymous, 'UNAUTHENTICATED'],
    ] as const) {
      const before = await keptFiles(server);
      const answer = await attach(prober, itemId, pdf, 'utifrån.pdf');
      expect({ label, code: appCodeOf(answer) }).toEqual({ label, code });
      expect(await keptFiles(server)).toEqual(before);
    }
  });

  it('keep the earlier versions’ files when the item is revised, and file the next ones under the new version', async () => {
    expect(await anna.api.library.revise.mutate({ itemId, ...libraryItem('public', 'Mall för sensorupphandling, andra utgåvan'), note: 'Driftkraven tillagda' })).toEqual({ version: 2 });
    const second = await attach(anna, itemId, sampleOdf('ods'), 'Driftkrav.ods');
    expect(second.body.file).toMatchObject({ name: 'Driftkrav.ods', version: 2 });
    const current = await sune.api.library.get.query({ itemId });
    expect(current.files.map((file) => [file.name, file.version])).toEqual([
      [FILE_NAME, 1],
      ['Moderatorns anvisning.odt', 1],
      ['Driftkrav.ods', 2],
    ]);
    // The first version shows what was attached by then; files are attached to the current version only.
    const first = await anna.api.library.get.query({ itemId, version: 1 });
    expect(first.files.map((file) => file.name)).toEqual([FILE_NAME, 'Moderatorns anvisning.odt']);
    expect(first.viewer.canAttach).toBe(false);
    expect((await fetchFile(sune, fileId)).bytes.equals(pdf)).toBe(true);
  });

  it('are audited with who attached them (ids only, never the file’s name), and in the data export of the person who attached them', async () => {
    await server.settled();
    const added = await moderator.api.audit.list.query({ action: 'library.item_file_added' });
    expect(added.map((entry) => [entry.actor?.name, entry.subject.itemId])).toEqual([
      ['Anna', itemId],
      [expect.any(String), itemId],
      ['Anna', itemId],
    ]);
    expect(JSON.stringify(added)).not.toContain('Fjällräv');
    const files = (await anna.api.accounts.exportMyData.query()).libraryFiles;
    expect(files).toEqual([
      { itemId, version: 1, name: FILE_NAME, size: pdf.length, addedAt: expect.any(String) },
      { itemId, version: 2, name: 'Driftkrav.ods', size: expect.any(Number), addedAt: expect.any(String) },
    ]);
    expect((await rut.api.accounts.exportMyData.query()).libraryFiles).toEqual([]);
  });

  it('make their item findable by a file’s name, as soon as the file is attached', async () => {
    await caughtUp();
    for (const viewer of [anonymous, sune]) {
      const found = await viewer.api.search.query.query({ q: 'Fjällrävsmallen' });
      expect(found.hits.map((hit) => [hit.kind, hit.subjectId])).toEqual([['library-item', itemId]]);
    }
    // An item nothing else changes after the file is attached: the attaching alone writes it again.
    const { itemId: other } = await anna.api.library.publish.mutate(libraryItem('public', 'Vägledning för bergteknik'));
    await caughtUp();
    expect((await anonymous.api.search.query.query({ q: 'Bergsprängarguiden' })).total).toBe(0);
    expect((await attach(moderator, other, pdf, 'Bergsprängarguiden.pdf')).status).toBe(201);
    await caughtUp();
    const found = await anonymous.api.search.query.query({ q: 'Bergsprängarguiden' });
    expect(found.hits.map((hit) => [hit.kind, hit.subjectId])).toEqual([['library-item', other]]);
  });

  it('are kept by the blob sweep: a library file is no orphan', async () => {
    const old = new Date(Date.now() - 2 * 3_600_000);
    const dir = join(server.dataDir, 'blobs');
    for (const folder of (await readdir(dir)).filter((name) => name !== 'tmp')) {
      for (const name of await readdir(join(dir, folder))) await utimes(join(dir, folder, name), old, old);
    }
    const before = await keptFiles(server);
    expect(await sweepAttachmentBlobs(server.app.services.store, server.app.services.blobs, new Date(Date.now() + 60_000))).toMatchObject({ orphans: 0 });
    expect((await keptFiles(server)).blobs).toEqual(before.blobs);
    expect((await fetchFile(anonymous, fileId)).bytes.equals(pdf)).toBe(true);
  });
});

describe('refused files', () => {
  it.each([
    ['a program named like a PDF', 'mall.pdf', () => sampleExe()],
    ['HTML with script named like a PDF', 'mall.pdf', () => Buffer.from('<!doctype html><script>fetch("/trpc/accounts.me")</script>')],
  ])('refuses %s as a type not allowed, and keeps nothing', async (_label, name, make) => {
    const before = await keptFiles(server);
    expect(appCodeOf(await attach(anna, itemId, make(), name))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await keptFiles(server)).toEqual(before);
  });

  it('refuses a file over the limit before reading it, and keeps nothing', async () => {
    const before = await keptFiles(server);
    const answer = await sendOversize(server, anna.cookie(), libraryFileUploadPath(itemId), Buffer.concat([pdf, Buffer.alloc(MAX_BYTES)]));
    if ('status' in answer) expect({ status: answer.status, appCode: JSON.parse(answer.body).error.data.appCode }).toEqual({ status: 413, appCode: 'FILE_TOO_LARGE' });
    else expect(['EPIPE', 'ECONNRESET']).toContain(answer.reset);
    expect(await keptFiles(server)).toEqual(before);
  });
});

describe('who reads an item reads its files', () => {
  it('a registered-only item’s file answers a visitor exactly as a missing file', async () => {
    const { itemId: registered } = await anna.api.library.publish.mutate(libraryItem('registered', 'Mall för inloggade'));
    const { file } = (await attach(anna, registered, pdf, 'Inloggad.pdf')).body;
    const read = await fetchFile(sune, file!.id);
    // For people with a confirmed address only: no cache keeps it, as a registered-only dialogue's.
    expect({ status: read.status, cache: read.headers.get('cache-control') }).toEqual({ status: 200, cache: 'private, no-store' });
    const hidden = await fetchFile(anonymous, file!.id);
    const missingId = randomBytes(12).toString('hex');
    const absent = await fetchFile(anonymous, missingId);
    expect({ status: hidden.status, body: hidden.text.replaceAll(file!.id, missingId) }).toEqual({ status: 404, body: absent.text });
  });

  it('a withdrawn item’s files answer everyone as missing ones, are no longer listed, and take no more', async () => {
    await anna.api.library.withdraw.mutate({ itemId, reason: 'Ersatt av en ny mall.' });
    for (const viewer of [anna, sune, anonymous]) expect((await fetchFile(viewer, fileId)).status).toBe(404);
    const view = await anna.api.library.get.query({ itemId });
    expect({ files: view.files, canAttach: view.viewer.canAttach }).toEqual({ files: [], canAttach: false });
    const before = await keptFiles(server);
    expect(appCodeOf(await attach(anna, itemId, pdf, 'efteråt.pdf'))).toBe('ITEM_WITHDRAWN');
    expect(await keptFiles(server)).toEqual(before);
    await caughtUp();
    expect((await anonymous.api.search.query.query({ q: 'Fjällrävsmallen' })).total).toBe(0);
  });
});
