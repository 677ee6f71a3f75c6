// Exports of a dialogue's questions and answers (PDF, CSV, OCDS JSON) over the real server, as a
// browser downloads them. The dialogue has what a record must handle: a question the buyer redacted
// before publishing it with its answer (the removed words must stay out), a corrected answer with a
// note, a comment a moderator hid, a locked thread, a question still waiting in the inbox and a
// confidential one answered privately (both must stay out), text in Swedish and beyond WinAnsi,
// and cells that a spreadsheet would run as formulas. The buyer, who sees askers by name on the
// page, downloads too: the record names nobody.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForToken } from '../../src/modules/accounts/queries.ts';
import { publicRecordThreads } from '../../src/modules/threads/record-queries.ts';
import { crossReferenceProblems, ocdsReleasePackage } from '../support/ocds-release.ts';
import { readPdf } from '../support/pdf-text.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

/** The service's address as people know it, which the OCDS package names its own file by. */
const PUBLIC_URL = 'https://dialog.myndighet.example';
let server: TestServer;
let buyer: Visitor;
let alice: Visitor; // asks; her name and organisation must never appear
let bob: Visitor; // another supplier
let moderator: Visitor;
let dialogueId: string;
let registeredOnly: string;
let redactedThread: string;
let answerPostId: string;
const PASSWORD = 'exporten är för diariet';

/** What must never be in an export: identities, words a redaction took out, unpublished and private text. */
const NEVER = {
  askerName: 'Alice Leverantör',
  askerOrganisation: 'Vägteknik AB',
  otherName: 'Bob Konkurrent',
  otherOrganisation: 'Konkurrent AB',
  buyerPerson: 'Berit Beställare',
  redactedAway: 'VT-9000',
  pendingQuestion: 'Väntande hemlighet om anbudspriset',
  privateQuestion: 'Konfidentiell fråga om patentet',
  privateAnswer: 'Enskilt svar om patentlicensen',
  privateReason: 'Gäller bara frågeställarens patent',
  hiddenComment: 'Köp hos oss: konkurrent.example',
};
// (A leading tab or carriage return cannot come from people here: text is trimmed. csv-text.test.ts covers them.)
const FORMULAS = { title: '=1+1 i rubriken', body: '@SUM(A1:A9) och mer', comment: '-2+3 kommentar', reply: '+46 70 123 45 67 ringer gärna' };

type Download = { status: number; headers: Headers; bytes: Uint8Array; text: string };

async function download(visitor: Visitor | null, path: string, headers: Record<string, string> = {}): Promise<Download> {
  const cookie = visitor?.cookie();
  const response = await fetch(`${server.url}${path}`, { headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

const exportPath = (id: string, format: 'pdf' | 'csv' | 'json', language = 'sv') => `/exports/dialogues/${id}/qa.${format}?language=${language}`;
const inADay = () => new Date(server.clock.now().getTime() + 24 * 3_600_000).toISOString();

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"' && field === '') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += character;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** The agency that runs the service: every export names it (issue 12 §4). */
const OPERATOR = { OPERATOR_NAME: 'Myndigheten för öppna frågor', OPERATOR_ORGANISATION_NUMBER: '202100-5489', OPERATOR_WEBSITE: 'https://fragor.myndighet.example' };

beforeAll(async () => {
  // Rate limits count per address; TRUST_PROXY lets each test speak from an address of its own.
  server = await startTestServer({ TRUST_PROXY: 'true', PUBLIC_URL: PUBLIC_URL, ...OPERATOR });
  buyer = server.visitor();
  alice = server.visitor();
  bob = server.visitor();
  await buyer.registerVerified({ name: NEVER.buyerPerson, email: 'berit@trafikexempel.example', password: PASSWORD, representation: 'buyer', organisationName: 'Trafikverket Exempel' });
  await alice.registerVerified({ name: NEVER.askerName, email: 'alice@vagteknik.example', password: PASSWORD, representation: 'supplier', organisationName: NEVER.askerOrganisation });
  await bob.registerVerified({ name: NEVER.otherName, email: 'bob@konkurrent.example', password: PASSWORD, representation: 'supplier', organisationName: NEVER.otherOrganisation });
  moderator = await server.moderator();

  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Vinterväghållning med sensorer',
    description: 'Vi söker sensorer för halkbekämpning.',
    arenaId: 'transport',
    phase: 'tender',
    questionDeadline: inADay(),
    // The tender phase needs a tender deadline (the statutory clock counts back from it).
    tenderDeadline: new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
  // Moderated (tender phase): Alice's question waits; the buyer redacts it and publishes it with the answer.
  ({ threadId: redactedThread } = await alice.api.threads.ask.mutate({
    dialogueId,
    title: 'Sensorer från Vägteknik AB?',
    body: `Får vi använda ${NEVER.redactedAway}, som bara ${NEVER.askerOrganisation} tillverkar?`,
  }));
  await buyer.api.threads.redact.mutate({ threadId: redactedThread, title: 'Egna sensorer?', body: 'Får vi använda egna sensorer av en viss typ?', note: 'Produktnamn borttaget.' });
  await buyer.api.threads.publish.mutate({ threadId: redactedThread, answer: 'Ja, om de uppfyller kraven i **bilaga 3**.' });
  answerPostId = (await bob.api.threads.get.query({ threadId: redactedThread })).thread.answers[0]?.id ?? '';
  await buyer.api.threads.correct.mutate({ postId: answerPostId, body: 'Ja, om de uppfyller kraven i **bilaga 4**.', note: 'Fel bilaga angavs.' });

  // Bob's question waits in the inbox; Alice's confidential one is answered to her alone.
  await bob.api.threads.ask.mutate({ dialogueId, title: 'Fråga om priset', body: NEVER.pendingQuestion });
  const { threadId: confidential } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Patent', body: NEVER.privateQuestion, confidential: true });
  await buyer.api.threads.answerPrivately.mutate({ threadId: confidential, body: NEVER.privateAnswer, reason: NEVER.privateReason });

  // Open discussion: questions and comments that a spreadsheet would take for formulas, letters
  // beyond WinAnsi, a comment a moderator hides, a thread locked.
  await buyer.api.dialogues.setQaMode.mutate({ dialogueId, qaMode: 'open' });
  const { threadId: formulas } = await bob.api.threads.ask.mutate({ dialogueId, title: FORMULAS.title, body: `${FORMULAS.body}\n\nMed "citat", komma och\nradbrytning.` });
  await alice.api.threads.comment.mutate({ threadId: formulas, body: FORMULAS.comment });
  await bob.api.threads.comment.mutate({ threadId: formulas, body: FORMULAS.reply });
  const { postId: advert } = await bob.api.threads.comment.mutate({ threadId: redactedThread, body: NEVER.hiddenComment });
  await moderator.api.threads.hide.mutate({ postId: advert, reason: 'Marknadsföring är inte tillåten.' });
  const { threadId: letters } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Går det med é, ł, ő och Ω?', body: 'Łódź, Győr och Ωmega – *kursivt* och `kod`.' });
  await moderator.api.threads.lock.mutate({ threadId: letters, reason: 'Frågan är besvarad i förfrågningsunderlaget.' });

  ({ dialogueId: registeredOnly } = await buyer.api.dialogues.create.mutate({
    title: 'Slutet projekt',
    description: 'Bara för registrerade.',
    arenaId: 'ict',
    phase: 'market-dialogue',
    questionDeadline: inADay(),
    visibility: 'registered',
  }));
});

afterAll(async () => {
  await server?.stop();
});

function expectNothingThatMustNotBeThere(text: string, label: string, except: (keyof typeof NEVER)[] = []) {
  for (const [what, words] of Object.entries(NEVER)) {
    if (except.includes(what as keyof typeof NEVER)) continue;
    expect({ label, what, found: text.includes(words) }).toEqual({ label, what, found: false });
  }
}

describe('the record every format is made of', () => {
  it('is built for the public audience even for the dialogue’s buyer, who sees askers on the page', async () => {
    const token = buyer.cookie().split('=')[1];
    const { store, clock, config } = server.app.services;
    const buyerActor = await actorForToken(store, clock, { idleMinutes: config.sessionIdleMinutes }, token);
    expect(buyerActor?.organisationId).toBeTruthy();
    const page = await buyer.api.threads.get.query({ threadId: redactedThread });
    expect(page.thread.question.author).toMatchObject({ kind: 'person', name: NEVER.askerName });

    const threads = await publicRecordThreads(store, buyerActor, dialogueId);
    expect(threads.map((thread) => thread.question.author.kind)).toEqual(['pseudonym', 'pseudonym', 'pseudonym']);
    expect(threads.flatMap((thread) => [...thread.answers, ...thread.comments]).every((post) => post.author.kind === 'pseudonym' || post.author.pseudonym === null)).toBe(true);
    // The views name the buyer who answered, as the page does for everyone; the exports print the organisation.
    expectNothingThatMustNotBeThere(JSON.stringify(threads), 'record', ['buyerPerson']);
  });
});

describe('the PDF', () => {
  it('is a download with a sane name, the right type and no sniffing', async () => {
    const pdf = await download(buyer, exportPath(dialogueId, 'pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('cache-control')).toBe('no-cache');
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(server.clock.now());
    const name = `Frågor och svar – Vinterväghållning med sensorer – ${day}.pdf`;
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="Fragor-och-svar-Vintervaghallning-med-sensorer-${day}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('reads back with the dialogue, every published question, versions, hidden posts, dates and page numbers; nothing else', async () => {
    for (const who of [buyer, alice, null]) {
      const pdf = await download(who, exportPath(dialogueId, 'pdf'));
      const reading = await readPdf(pdf.bytes);
      const text = reading.text.replace(/\s+/g, ' ');
      expect(reading.pages[0]).toContain('Frågor och svar');
      for (const expected of [
        'Vinterväghållning med sensorer',
        'Beställare: Trafikverket Exempel',
        'Arena: Transport',
        'Fas: Anbud',
        'Sista dag för frågor:',
        'Fråga 1: Egna sensorer?',
        'Leverantör A',
        'Leverantör B',
        'Officiellt svar från Trafikverket Exempel (beställare)',
        'Ja, om de uppfyller kraven i bilaga 4.',
        'Rättat',
        'Version 1,',
        'Ja, om de uppfyller kraven i bilaga 3.',
        'Anteckning om rättelsen: Fel bilaga angavs.',
        'Dolt av en moderator',
        'Skäl: Marknadsföring är inte tillåten.',
        `Fråga 2: ${FORMULAS.title}`,
        'Går det med é, ł, ő och Ω?',
        'Łódź, Győr och Ωmega – kursivt och kod.',
        'Tråden låstes',
        'Exporterad',
      ]) {
        expect({ who: who === null ? 'anonymous' : 'signed in', expected, found: text.includes(expected) }).toMatchObject({ found: true });
      }
      expect(text).not.toContain('Fråga 4:');
      expect(reading.pages.at(-1)).toMatch(new RegExp(`Sida ${reading.pages.length} av ${reading.pages.length}`));
      expect(reading.pages[0]).toMatch(new RegExp(`Sida 1 av ${reading.pages.length}`));
      expectNothingThatMustNotBeThere(reading.text, 'PDF text');
      expectNothingThatMustNotBeThere(JSON.stringify(reading.info), 'PDF metadata');
      // The drawn text only: the raw bytes hold glyph numbers, but names in clear would show here.
      expectNothingThatMustNotBeThere(new TextDecoder('latin1').decode(pdf.bytes), 'PDF bytes');
    }
  });

  it('is tagged, carries its language and title, and is in English on request', async () => {
    const swedish = await readPdf((await download(null, exportPath(dialogueId, 'pdf'))).bytes);
    expect(swedish.tagged).toBe(true);
    expect(swedish.info).toMatchObject({ Language: 'sv-SE', Title: 'Frågor och svar – Vinterväghållning med sensorer' });
    const english = await readPdf((await download(null, exportPath(dialogueId, 'pdf', 'en'))).bytes);
    const text = english.text.replace(/\s+/g, ' ');
    expect(english.info).toMatchObject({ Language: 'en-GB', Title: 'Questions and answers – Vinterväghållning med sensorer' });
    for (const expected of ['Questions and answers', 'Question 1: Egna sensorer?', 'Supplier A', 'Official answer from Trafikverket Exempel (buyer)', 'Hidden by a moderator', 'Page 1 of']) {
      expect(text).toContain(expected);
    }
  });

  it('says so when nothing is published yet', async () => {
    const empty = await readPdf((await download(buyer, exportPath(registeredOnly, 'pdf'))).bytes);
    expect(empty.text).toContain('Inga frågor har publicerats i dialogen ännu.');
  });
});

describe('the CSV', () => {
  it('has a row per published post, a byte-order mark and RFC 4180 quoting', async () => {
    const csv = await download(buyer, exportPath(dialogueId, 'csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="Fragor-och-svar-[^"]+\.csv"; filename\*=UTF-8''/);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expectNothingThatMustNotBeThere(csv.text, 'CSV');

    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const [heading, ...rows] = parseCsv(csv.text.slice(1));
    expect(heading?.slice(0, 8)).toEqual(['Fråga nr', 'Fråge-id', 'Inläggs-id', 'Typ', 'Officiellt svar', 'Skrivet av', 'Rubrik', 'Text']);
    const column = (name: string) => heading?.indexOf(name) ?? -1;
    const cell = (row: string[] | undefined, name: string) => row?.[column(name)];
    // Three published questions: 1 with its answer and the hidden comment, 2 with two comments, 3 locked.
    expect(rows.map((row) => [cell(row, 'Fråga nr'), cell(row, 'Typ')])).toEqual([
      ['1', 'Fråga'],
      ['1', 'Svar'],
      ['1', 'Kommentar'],
      ['2', 'Fråga'],
      ['2', 'Kommentar'],
      ['2', 'Kommentar'],
      ['3', 'Fråga'],
    ]);
    expect(rows.every((row) => row.length === heading?.length)).toBe(true);
    // The agency is named in a last column on every row: the file stays plain RFC 4180 for every reader.
    expect(heading?.at(-1)).toBe('Utgivare');
    expect(new Set(rows.map((row) => cell(row, 'Utgivare')))).toEqual(new Set(['Myndigheten för öppna frågor (org.nr 202100-5489)']));
    const [question, answer, hidden, formulaQuestion] = rows;
    expect(cell(question, 'Skrivet av')).toBe('Leverantör A');
    expect(cell(question, 'Rubrik')).toBe('Egna sensorer?');
    expect(cell(answer, 'Skrivet av')).toBe('Trafikverket Exempel (beställare)');
    expect(cell(answer, 'Text')).toBe('Ja, om de uppfyller kraven i **bilaga 4**.');
    expect([cell(answer, 'Versioner'), cell(answer, 'Rättat'), cell(answer, 'Anteckning om rättelsen')]).toEqual(['2', 'ja', 'Fel bilaga angavs.']);
    expect([cell(hidden, 'Text'), cell(hidden, 'Skäl att dölja')]).toEqual(['', 'Marknadsföring är inte tillåten.']);
    expect(cell(hidden, 'Dold')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Quotes, commas and line breaks survive in one quoted field.
    expect(cell(formulaQuestion, 'Text')).toBe(`'${FORMULAS.body}\n\nMed "citat", komma och\nradbrytning.`);
  });

  it('neutralises every cell a spreadsheet would run as a formula', async () => {
    const csv = await download(null, exportPath(dialogueId, 'csv'));
    const cells = parseCsv(csv.text.slice(1)).flat();
    expect(cells).toContain(`'${FORMULAS.title}`);
    expect(cells).toContain(`'${FORMULAS.comment}`);
    expect(cells).toContain(`'${FORMULAS.reply}`);
    expect(cells.some((value) => value.startsWith(`'${FORMULAS.body}`))).toBe(true);
    expect(cells.filter((value) => /^[=+\-@\t\r]/.test(value))).toEqual([]);
  });

  it('is in English on request, and in the browser’s language without one', async () => {
    const english = await download(null, exportPath(dialogueId, 'csv', 'en'));
    expect(parseCsv(english.text.slice(1))[0]?.slice(0, 4)).toEqual(['Question no.', 'Question id', 'Post id', 'Kind']);
    expect(parseCsv(english.text.slice(1))[0]?.at(-1)).toBe('Publisher');
    const preferred = await download(null, `/exports/dialogues/${dialogueId}/qa.csv`, { 'accept-language': 'de-DE, en-GB;q=0.8, sv;q=0.5' });
    expect(preferred.text).toContain('Question no.');
    expect(preferred.headers.get('content-disposition')).toContain('filename="Questions-and-answers-');
    const fallback = await download(null, `/exports/dialogues/${dialogueId}/qa.csv`, { 'accept-language': 'de-DE' });
    expect(fallback.text).toContain('Fråga nr');
  });
});

describe('the OCDS JSON', () => {
  it('is an OCDS 1.1 release package published by the operator, its release with tender.enquiries whose authors are pseudonyms', async () => {
    const json = await download(buyer, exportPath(dialogueId, 'json'));
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="Fragor-och-svar-[^"]+\.json"; filename\*=UTF-8''/);
    expectNothingThatMustNotBeThere(json.text, 'JSON');

    const releasePackage = ocdsReleasePackage.parse(JSON.parse(json.text));
    expect(releasePackage).toMatchObject({
      // The file's own address, under the service's PUBLIC_URL.
      uri: `${PUBLIC_URL}/exports/dialogues/${dialogueId}/qa.json?language=sv`,
      publisher: { name: 'Myndigheten för öppna frågor', scheme: 'SE-BLV', uid: '2021005489', uri: 'https://fragor.myndighet.example' },
    });
    expect(releasePackage.releases).toHaveLength(1);
    const release = releasePackage.releases[0]!;
    expect(crossReferenceProblems(release)).toEqual([]);
    expect(release).toMatchObject({
      ocid: `ocds-dialogforum-${dialogueId}`,
      tag: ['tenderUpdate'],
      initiationType: 'tender',
      language: 'sv',
      buyer: { name: 'Trafikverket Exempel' },
      tender: { id: dialogueId, title: 'Vinterväghållning med sensorer', hasEnquiries: true },
    });
    const enquiries = release.tender.enquiries ?? [];
    expect(enquiries.map((enquiry) => [enquiry.id, enquiry.title, enquiry.author?.name])).toEqual([
      [redactedThread, 'Egna sensorer?', 'Leverantör A'],
      [expect.any(String), FORMULAS.title, 'Leverantör B'],
      [expect.any(String), 'Går det med é, ł, ő och Ω?', 'Leverantör A'],
    ]);
    expect(enquiries[0]).toMatchObject({ answer: 'Ja, om de uppfyller kraven i **bilaga 4**.', dateAnswered: expect.any(String) });
    expect(enquiries[1]?.answer).toBeNull();
    expect((release.parties ?? []).filter((party) => party.roles?.includes('enquirer')).map((party) => party.name)).toEqual(['Leverantör A', 'Leverantör B']);
  });

  it('names one state of the record: the same release id and date until something changes', async () => {
    const release = async (visitor: Visitor | null, id: string) => ocdsReleasePackage.parse(JSON.parse((await download(visitor, exportPath(id, 'json'))).text)).releases[0];
    const first = await release(null, dialogueId);
    const again = await release(null, dialogueId);
    expect(again).toMatchObject({ id: first?.id, date: first?.date });
    expect(await release(buyer, registeredOnly)).toMatchObject({
      tag: ['planningUpdate'],
      tender: { hasEnquiries: false, enquiries: [] },
    });
  });
});

describe('who may export, and how often', () => {
  it('keeps a registered-only dialogue’s export out of caches, and answers anonymous visitors as for a missing dialogue', async () => {
    const signedIn = await download(bob, exportPath(registeredOnly, 'csv'));
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    for (const format of ['pdf', 'csv', 'json'] as const) {
      const hidden = await download(null, exportPath(registeredOnly, format));
      const missing = await download(null, exportPath('doesnotexist00000000', format));
      const malformed = await download(null, exportPath('..%2F..%2Fetc', format));
      expect(hidden.status).toBe(404);
      expect({ status: hidden.status, body: hidden.text }).toEqual({ status: missing.status, body: missing.text });
      expect({ status: malformed.status, body: malformed.text }).toEqual({ status: missing.status, body: missing.text });
      expect(JSON.parse(hidden.text)).toMatchObject({ error: { data: { appCode: 'NOT_FOUND' } } });
      expect(hidden.headers.get('content-disposition')).toBeNull();
    }
  });

  it('refuses a language it does not have, and unknown parameters', async () => {
    for (const query of ['language=de', 'language=sv&debug=1']) {
      const refused = await download(null, `/exports/dialogues/${dialogueId}/qa.pdf?${query}`);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text)).toMatchObject({ error: { data: { appCode: 'VALIDATION' } } });
    }
  });

  it('charges a PDF five times a CSV against a person’s budget, and refuses with Retry-After when it is spent', async () => {
    const address = { 'x-forwarded-for': '203.0.113.10' };
    const carol = server.visitor();
    await carol.registerVerified({ name: 'Carol Exportör', email: 'carol@export.example', password: PASSWORD, representation: 'supplier', organisationName: 'Export AB' });
    const statuses: number[] = [];
    for (let index = 0; index < 13; index++) statuses.push((await download(carol, exportPath(dialogueId, 'pdf'), address)).status);
    expect(statuses).toEqual([...Array<number>(12).fill(200), 429]);
    const refused = await download(carol, exportPath(dialogueId, 'csv'), address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { data: { appCode: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } } });
    // Someone else at the same address still has theirs.
    expect((await download(bob, exportPath(dialogueId, 'csv'), address)).status).toBe(200);
  });

  it('refuses HEAD with 405 (Allow: GET) without spending anyone’s budget', async () => {
    const address = { 'x-forwarded-for': '203.0.113.11' };
    const dora = server.visitor();
    await dora.registerVerified({ name: 'Dora Huvud', email: 'dora@huvud.example', password: PASSWORD, representation: 'supplier', organisationName: 'Huvud AB' });
    const cookie = dora.cookie();
    // Twenty HEADs of a PDF would be four budgets' worth if each were charged like a GET.
    for (let index = 0; index < 20; index++) {
      const answer = await fetch(`${server.url}${exportPath(dialogueId, 'pdf')}`, { method: 'HEAD', headers: { ...address, cookie } });
      expect({ status: answer.status, allow: answer.headers.get('allow'), type: answer.headers.get('content-type') }).toEqual({ status: 405, allow: 'GET', type: null });
    }
    // The whole budget is still there: twelve PDFs, then the refusal.
    const statuses: number[] = [];
    for (let index = 0; index < 13; index++) statuses.push((await download(dora, exportPath(dialogueId, 'pdf'), address)).status);
    expect(statuses).toEqual([...Array<number>(12).fill(200), 429]);
  });

  it('limits an address however many people (or nobody) ask from it', async () => {
    const address = { 'x-forwarded-for': '203.0.113.20' };
    let allowed = 0;
    let answer = await download(null, exportPath(dialogueId, 'json'), address);
    while (answer.status === 200 && allowed < 400) {
      allowed++;
      answer = await download(null, exportPath(dialogueId, 'json'), address);
    }
    expect({ allowed, status: answer.status }).toEqual({ allowed: 300, status: 429 });
    expect((await download(buyer, exportPath(dialogueId, 'json'), address)).status).toBe(429);
    expect((await download(null, exportPath(dialogueId, 'json'), { 'x-forwarded-for': '203.0.113.21' })).status).toBe(200);
  });

  it('answers any path and query with a refusal, never an error of its own', async () => {
    const address = { 'x-forwarded-for': '203.0.113.30' };
    await fc.assert(
      // An empty segment, '.' or '..' is no path to this route: the URL parser removes it first.
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }).filter((id) => id !== '.' && id !== '..'), fc.string({ maxLength: 60 }), fc.constantFrom('pdf', 'csv', 'json'), async (id, query, format) => {
        const answer = await download(null, `/exports/dialogues/${encodeURIComponent(id)}/qa.${format}?${encodeURIComponent(query)}=${encodeURIComponent(id)}`, address);
        expect([400, 404]).toContain(answer.status);
        expect(JSON.parse(answer.text)).toMatchObject({ error: { data: { appCode: expect.stringMatching(/^(VALIDATION|NOT_FOUND)$/) } } });
      }),
      { numRuns: 150 },
    );
  });
});
