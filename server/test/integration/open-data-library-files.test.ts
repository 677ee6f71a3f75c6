// The open data API lists a public library item's files (name, size, type, the version it was
// attached to, a download URL an anonymous script can follow), over the real server, as the OpenAPI
// description documents them. A registered-only item's files and a withdrawn item's are never
// named: not in the list, not on the item, not in any other answer of the API.
import { libraryFileUploadPath } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_BASE, OPEN_DATA_ROUTES } from '../../src/modules/open-data/routes.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { samplePdf } from '../support/sample-files.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { uploadTo } from '../support/uploads.ts';
import { libraryItem } from '../support/library-item.ts';

let server: TestServer;
let anna: Visitor;
let pdf: Buffer;
const ids = { public: '', registered: '', withdrawn: '', first: '', second: '' };
const REGISTERED_FILE = 'Hemlig-intern-mall.pdf';
const WITHDRAWN_FILE = 'Indragen-mall.pdf';


async function attach(itemId: string, name: string): Promise<string> {
  const answer = await uploadTo(server, anna.cookie(), libraryFileUploadPath(itemId), pdf, name);
  expect(answer.status).toBe(201);
  return answer.body.file!.id;
}

async function get(path: string): Promise<{ status: number; body: string; json: any }> {
  const response = await fetch(`${server.url}${OPEN_DATA_BASE}${path}`);
  const body = await response.text();
  return { status: response.status, body, json: JSON.parse(body) };
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  const moderator = await server.moderator();
  anna = await signUpPeople(server, 'open-library.example', 'öppna filer i biblioteket')('Anna', 'buyer', 'Region Norr');
  await moderator.api.organisations.verify.mutate({ organisationId: await organisationOf(anna) });
  pdf = await samplePdf('Mall');
  ({ itemId: ids.public } = await anna.api.library.publish.mutate(libraryItem('public', 'Öppen mall')));
  ids.first = await attach(ids.public, 'Mall-version-1.pdf');
  await anna.api.library.revise.mutate({ ...libraryItem('public', 'Öppen mall'), itemId: ids.public, body: 'En bättre mall för kravställning.', note: 'Förbättrad' });
  ids.second = await attach(ids.public, 'Mall-version-2.pdf');
  ({ itemId: ids.registered } = await anna.api.library.publish.mutate(libraryItem('registered', 'Intern mall')));
  await attach(ids.registered, REGISTERED_FILE);
  ({ itemId: ids.withdrawn } = await anna.api.library.publish.mutate(libraryItem('public', 'Indragen mall')));
  await attach(ids.withdrawn, WITHDRAWN_FILE);
  await anna.api.library.withdraw.mutate({ itemId: ids.withdrawn, reason: 'Ersatt av en nyare mall.' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('library files in the open data API', () => {
  it('lists a public item’s files with their name, size, type, version and a download anyone may follow', async () => {
    const list = await get('/library?arena=healthcare');
    expect(list.json.data.map((entry: any) => entry.id)).toEqual([ids.public]);
    const [listed] = list.json.data;
    const expected = [
      { id: ids.first, name: 'Mall-version-1.pdf', type: 'pdf', size: pdf.length, version: 1, addedAt: expect.any(String), download: `${server.url}/attachments/library-files/${ids.first}` },
      { id: ids.second, name: 'Mall-version-2.pdf', type: 'pdf', size: pdf.length, version: 2, addedAt: expect.any(String), download: `${server.url}/attachments/library-files/${ids.second}` },
    ];
    expect(listed.files).toEqual(expected);
    expect((await get(`/library/${ids.public}`)).json.files).toEqual(expected);
    // The URL works for a script with no account, byte for byte.
    const downloaded = await fetch(listed.files[1].download);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('is described in the OpenAPI document, every field the answer carries required there', async () => {
    const document = (await get(OPEN_DATA_ROUTES.openapi)).json;
    const schemas = document.components.schemas;
    expect(schemas.LibraryItem.required).toContain('files');
    expect(schemas.LibraryItem.properties.files.items).toEqual({ $ref: '#/components/schemas/LibraryFile' });
    const [file] = (await get(`/library/${ids.public}`)).json.files;
    expect([...schemas.LibraryFile.required].sort()).toEqual(Object.keys(file).sort());
    expect(schemas.LibraryFile.properties.type.enum).toContain(file.type);
  });

  it('never names a registered-only item’s files or a withdrawn item’s', async () => {
    expect((await get(`/library/${ids.registered}`)).status).toBe(404);
    const withdrawn = await get(`/library/${ids.withdrawn}`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.files).toEqual([]);
    const everything = await Promise.all(['/library?arena=healthcare', '/library', `/library/${ids.withdrawn}`, '/arenas/healthcare', `/library/${ids.registered}`].map(get));
    for (const answer of everything) {
      expect(answer.body).not.toContain(REGISTERED_FILE);
      expect(answer.body).not.toContain(WITHDRAWN_FILE);
    }
  });
});
