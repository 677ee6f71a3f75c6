// Files in a buyers' network's own library (issue 11 §2 and §4), over the real server: a member's
// person attaches a PDF or an office document to an item through the same upload route machinery,
// content rules and size limit as every attachment; members download it with the same headers; a
// new version keeps the earlier versions' files; a refused file leaves nothing behind. Nobody else —
// a supplier, a buyer outside, a moderator, a visitor, a departed or removed organisation's people —
// can tell a file exists: each gets the answer about a missing file, byte for byte. Never in search,
// open data or the arena's page, and the blob sweep never takes a network file for an orphan.
import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { networkFileDownloadPath, networkFileUploadPath } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAttachmentBlobs } from '../../src/modules/attachments/blob-sweep.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { sampleExe, samplePdf, sampleOdf } from '../support/sample-files.ts';
import { nextEvent, startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { appCodeOf, download, downloadFrom, downloadHeaders, keptFiles, sendOversize, servedAsDownload, uploadTo } from '../support/uploads.ts';
import { zipArchive } from '../support/zip-archive.ts';

const MAX_BYTES = 256 * 1024;
const PASSWORD = 'nätverkets filer är medlemmarnas';
const FILE_NAME = 'Kravbilaga-Ljusstake.pdf';

let server: TestServer;
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'network-files.example', PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, who forms the network
let bengt: Visitor; // Kommun Syd, a member, later removed
let cilla: Visitor; // Kommun Väst, a member, who later leaves
let rut: Visitor; // a verified buyer outside the network
let sune: Visitor; // a supplier
let anonymous: Visitor;
let pdf: Buffer;
let networkId = '';
let itemId = '';
let fileId = '';

const attach = (visitor: Visitor, item: string, bytes: Uint8Array, name: string) => uploadTo(server, visitor.cookie(), networkFileUploadPath(item), bytes, name);
const fetchFile = (visitor: Visitor, id: string) => downloadFrom(server, visitor.cookie(), networkFileDownloadPath(id));

beforeAll(async () => {
  server = await startTestServer({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES), RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  cilla = await person('Cilla', 'buyer', 'Kommun Väst');
  rut = await person('Rut', 'buyer', 'Landstinget Öst');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  await verifyOrganisations(moderator, [anna, bengt, cilla, rut]);
  networkId = await networkOf(anna, [bengt, cilla], { name: 'Vårdens sensornätverk', joining: 'on-request' });
  ({ itemId } = await anna.api.networks.publishItem.mutate({ networkId, title: 'Ljusstakekravet – utkast', body: 'Sensorer som larmar vid fall.' }));
  pdf = await samplePdf('Kravbilaga för ljusstaken');
});

afterAll(async () => {
  await server?.stop();
});

describe('files on a network library item', () => {
  it('are attached by a member, told to the network’s room, and downloaded by members byte for byte as a download nothing runs', async () => {
    const annas = await anna.connect();
    expect(await annas.emitWithAck('network.subscribe', { networkId })).toEqual({ ok: true });
    const changed = nextEvent(annas, 'network.changed', 20_000);
    const uploaded = await attach(bengt, itemId, pdf, FILE_NAME);
    expect(uploaded.status).toBe(201);
    const file = uploaded.body.file!;
    expect(file).toMatchObject({ name: FILE_NAME, fileType: 'pdf', size: pdf.length, organisationName: 'Kommun Syd', version: 1 });
    fileId = file.id;
    expect((await changed).networkId).toBe(networkId);
    annas.disconnect();

    const item = await anna.api.networks.libraryItem.query({ itemId });
    expect(item.files).toEqual([file]);
    expect(item.viewer).toEqual({ mayRevise: true, mayAttach: true });
    for (const member of [anna, bengt, cilla]) {
      const got = await fetchFile(member, fileId);
      // For members only: no cache keeps it.
      expect(downloadHeaders(got)).toEqual(servedAsDownload(pdf, FILE_NAME, 'application/pdf', 'private, no-store'));
      expect(got.bytes.equals(pdf)).toBe(true);
    }
    // The dialogues' download route does not know it.
    expect((await download(server, anna.cookie(), fileId)).status).toBe(404);
  });

  it('keeps the earlier versions’ files reachable when the item is revised, and files the next ones under the new version', async () => {
    expect(await cilla.api.networks.reviseItem.mutate({ itemId, title: 'Ljusstakekravet – andra utkastet', body: 'Med driftkrav.', note: 'Driftkraven tillagda' })).toEqual({ version: 2 });
    const odt = sampleOdf('odt');
    const second = await attach(cilla, itemId, odt, 'Driftkrav.odt');
    expect(second.body.file).toMatchObject({ name: 'Driftkrav.odt', fileType: 'odt', version: 2 });
    const item = await bengt.api.networks.libraryItem.query({ itemId });
    expect(item.files.map((file) => [file.name, file.version])).toEqual([
      [FILE_NAME, 1],
      ['Driftkrav.odt', 2],
    ]);
    expect((await fetchFile(bengt, fileId)).bytes.equals(pdf)).toBe(true);
    expect((await fetchFile(anna, second.body.file!.id)).bytes.equals(odt)).toBe(true);
  });

  it('are never in search, open data or the arena’s page — not even for the members', async () => {
    await server.settled();
    for (const viewer of [anna, sune, anonymous]) {
      expect((await viewer.api.search.query.query({ q: 'Kravbilaga' })).total).toBe(0);
      expect((await viewer.api.search.query.query({ q: 'Driftkrav' })).total).toBe(0);
      expect(JSON.stringify(await viewer.api.arenas.get.query({ arenaId: 'healthcare' }))).not.toContain('Kravbilaga');
    }
    for (const path of ['/api/open/v1/library', '/api/open/v1/arenas/healthcare', '/api/open/v1/dialogues']) {
      expect(await (await fetch(`${server.url}${path}`)).text()).not.toContain('Kravbilaga');
    }
  });

  it('are recorded in the audit log with who attached them, never the file’s name', async () => {
    await server.settled();
    const added = await moderator.api.audit.list.query({ action: 'network.item_file_added' });
    // Newest first, as the log lists.
    expect(added.map((entry) => [entry.actor?.name, entry.subject.itemId, entry.subject.networkId])).toEqual([
      ['Cilla', itemId, networkId],
      ['Bengt', itemId, networkId],
    ]);
    expect(JSON.stringify(added)).not.toContain('Kravbilaga');
  });

  it('are in the data export of the person who attached them', async () => {
    const files = (await bengt.api.accounts.exportMyData.query()).networkLibraryFiles;
    expect(files).toEqual([{ networkId, itemId, version: 1, name: FILE_NAME, size: pdf.length, addedAt: expect.any(String) }]);
  });

  it('are kept by the blob sweep: a network file is no orphan', async () => {
    const old = new Date(Date.now() - 2 * 3_600_000);
    const dir = join(server.dataDir, 'blobs');
    for (const folder of (await readdir(dir)).filter((name) => name !== 'tmp')) {
      for (const name of await readdir(join(dir, folder))) await utimes(join(dir, folder, name), old, old);
    }
    expect(await sweepAttachmentBlobs(server.app.services.store, server.app.services.blobs, new Date(Date.now() + 60_000))).toMatchObject({ orphans: 0 });
    expect((await fetchFile(anna, fileId)).bytes.equals(pdf)).toBe(true);
  });
});

describe('refused files', () => {
  it.each([
    ['a program named like a PDF', 'bilaga.pdf', () => sampleExe()],
    ['HTML with script named like a PDF', 'bilaga.pdf', () => Buffer.from('<!doctype html><script>fetch("/trpc/accounts.me")</script>')],
    ['a ZIP that is no office document', 'bilaga.docx', () => zipArchive([{ name: 'index.html', data: '<script></script>' }])],
  ])('refuses %s as a type not allowed, and keeps nothing', async (_label, name, make) => {
    const before = await keptFiles(server);
    expect(appCodeOf(await attach(anna, itemId, make(), name))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await keptFiles(server)).toEqual(before);
  });

  it('refuses a file over the limit before reading it, and keeps nothing', async () => {
    const before = await keptFiles(server);
    const oversize = Buffer.concat([pdf, Buffer.alloc(MAX_BYTES)]);
    const answer = await sendOversize(server, anna.cookie(), networkFileUploadPath(itemId), oversize);
    if ('status' in answer) expect({ status: answer.status, appCode: JSON.parse(answer.body).error.data.appCode }).toEqual({ status: 413, appCode: 'FILE_TOO_LARGE' });
    else expect(['EPIPE', 'ECONNRESET']).toContain(answer.reset);
    expect(await keptFiles(server)).toEqual(before);
  });
});

describe('outsiders probing a network file', () => {
  /** The download and an upload of `prober` get exactly the answers about a missing file and item, and nothing is kept. */
  async function probeAsMissing(label: string, prober: Visitor) {
    const missingFile = randomBytes(12).toString('hex');
    const missingItem = randomBytes(12).toString('hex');
    const hidden = await fetchFile(prober, fileId);
    const absent = await fetchFile(prober, missingFile);
    const answer = (got: typeof hidden) => ({ status: got.status, type: got.headers.get('content-type'), body: got.text });
    expect({ label, ...answer(hidden), body: hidden.text.replaceAll(fileId, missingFile) }).toEqual({ label, ...answer(absent) });
    expect(hidden.status, label).toBe(404);
    const before = await keptFiles(server);
    const uploadHidden = await attach(prober, itemId, pdf, 'utifrån.pdf');
    const uploadAbsent = await attach(prober, missingItem, pdf, 'utifrån.pdf');
    expect({ label, status: uploadHidden.status, body: uploadHidden.text.replaceAll(itemId, missingItem) }).toEqual({ label, status: uploadAbsent.status, body: uploadAbsent.text });
    expect(uploadHidden.status, label).not.toBe(201);
    expect(await keptFiles(server)).toEqual(before);
  }

  it('a supplier, a buyer outside, a moderator and a visitor get the answer about a missing file', async () => {
    for (const [label, prober] of [['supplier', sune], ['other buyer', rut], ['moderator', moderator], ['anonymous', anonymous]] as const) await probeAsMissing(label, prober);
  });

  it('an organisation that left, and one that was removed, lose the files at once; the members keep them', async () => {
    await cilla.api.networks.leave.mutate({ networkId, reason: 'Vi avvaktar budgeten.' });
    await probeAsMissing('left', cilla);
    await anna.api.networks.remove.mutate({ networkId, organisationId: await organisationOf(bengt), reason: 'Har gått vidare.' });
    await probeAsMissing('removed', bengt);
    expect((await fetchFile(anna, fileId)).bytes.equals(pdf)).toBe(true);
  });

  it('a dissolved network’s files stay readable to its members and take no more', async () => {
    await anna.api.networks.dissolve.mutate({ networkId, reason: 'Klart.' });
    expect((await anna.api.networks.libraryItem.query({ itemId })).viewer.mayAttach).toBe(false);
    expect((await fetchFile(anna, fileId)).status).toBe(200);
    const before = await keptFiles(server);
    expect(appCodeOf(await attach(anna, itemId, pdf, 'efteråt.pdf'))).toBe('FORBIDDEN');
    expect(await keptFiles(server)).toEqual(before);
  });
});
