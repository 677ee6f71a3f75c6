// A dialogue's archive package over the real server, as the operator's registrar gets it: the
// dialogue has what a record must keep — a question redacted and published with an answer that was
// then corrected, a confidential question answered privately with a reason, a comment flagged and
// hidden by a moderator, a moved question deadline, a dialogue session with registrations and
// minutes, a round of one-to-one meetings with minutes, and an attached file. The package is
// downloaded, unpacked and read file by file; its manifest is checked by recomputing every SHA-256
// and by `sha256sum -c`, and a file changed after the export must fail both. Only operators
// (moderators and admins) get it; everyone else is refused alike whether the dialogue exists or not;
// every export is on the audit trail.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkManifest, MANIFEST, sha256sumCheck, unpack } from '../support/archive-package.ts';
import { readPdf } from '../support/pdf-text.ts';
import { samplePdf } from '../support/sample-files.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { upload } from '../support/uploads.ts';

const OPERATOR = { OPERATOR_NAME: 'Myndigheten för arkiverade dialoger', OPERATOR_ORGANISATION_NUMBER: '2021005489', OPERATOR_EMAIL: 'registrator@arkiv.example' };
const PASSWORD = 'arkivpaketet är för diariet';
const PEOPLE = {
  buyer: { name: 'Berit Beställare', email: 'berit@trafikexempel.example', organisation: 'Trafikverket Exempel' },
  alice: { name: 'Alice Leverantör', email: 'alice@vagteknik.example', organisation: 'Vägteknik AB' },
  bob: { name: 'Bob Konkurrent', email: 'bob@konkurrent.example', organisation: 'Konkurrent AB' },
};
const TEXT = {
  title: 'Vinterväghållning med sensorer',
  reference: 'TRV 2026/4711',
  redactedAway: 'VT-9000',
  answer: 'Ja, om de uppfyller kraven i bilaga 3.',
  corrected: 'Ja, om de uppfyller kraven i bilaga 4.',
  correctionNote: 'Fel bilaga angavs.',
  privateQuestion: 'Konfidentiell fråga om vårt patent',
  privateAnswer: 'Enskilt svar om patentlicensen',
  privateReason: 'Gäller bara frågeställarens eget patent.',
  advert: 'Köp hos oss: konkurrent.example',
  flagReason: 'Reklam för ett företag.',
  hideReason: 'Marknadsföring är inte tillåten.',
  sessionMinutes: '## Protokoll\n\nVi gick igenom behovet av sensorer.',
  meetingMinutes: 'Leverantören visade en lösning med öppna gränssnitt.',
  attachment: 'Förfrågningsunderlag.pdf',
};

let server: TestServer;
let buyer: Visitor;
let alice: Visitor;
let bob: Visitor;
let moderator: Visitor;
let dialogueId: string;
let publishedThread: string;
let answerPostId: string;
let privateThread: string;
let advertPostId: string;
let attachmentBytes: Buffer;
let ids: Record<'alice' | 'bob' | 'buyer' | 'moderator', string>;
/** The package as the operator downloaded it, unpacked. */
let files: Map<string, Buffer>;
let download: { status: number; headers: Headers; bytes: Uint8Array };

const year = new Date().getUTCFullYear() + 1;
const packagePath = (id: string) => `/exports/dialogues/${id}/archive.zip`;
const json = (name: string) => JSON.parse(files.get(name)?.toString('utf8') ?? 'null') as Record<string, never>;

async function fetchPackage(visitor: Visitor | null, id = dialogueId) {
  const cookie = visitor?.cookie();
  const response = await fetch(`${server.url}${packagePath(id)}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function exportEntries(): Promise<{ actor: { id: string } | null; subject: Record<string, string> }[]> {
  await server.settled();
  return moderator.api.audit.list.query({ action: 'dialogue.archive_package_exported', limit: 200 });
}

beforeAll(async () => {
  server = await startTestServer(OPERATOR);
  [buyer, alice, bob] = [server.visitor(), server.visitor(), server.visitor()];
  await buyer.registerVerified({ name: PEOPLE.buyer.name, email: PEOPLE.buyer.email, password: PASSWORD, representation: 'buyer', organisationName: PEOPLE.buyer.organisation });
  await alice.registerVerified({ name: PEOPLE.alice.name, email: PEOPLE.alice.email, password: PASSWORD, representation: 'supplier', organisationName: PEOPLE.alice.organisation });
  await bob.registerVerified({ name: PEOPLE.bob.name, email: PEOPLE.bob.email, password: PASSWORD, representation: 'supplier', organisationName: PEOPLE.bob.organisation });
  moderator = await server.moderator();
  const idOf = async (visitor: Visitor) => (await visitor.api.accounts.me.query())?.id ?? '';
  ids = { alice: await idOf(alice), bob: await idOf(bob), buyer: await idOf(buyer), moderator: await idOf(moderator) };

  const inDays = (days: number) => new Date(server.clock.now().getTime() + days * 24 * 3_600_000).toISOString();
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: TEXT.title,
    description: 'Vi söker sensorer för halkbekämpning.',
    arenaId: 'transport',
    phase: 'tender',
    questionDeadline: inDays(1),
    tenderDeadline: inDays(30),
    referenceNumber: TEXT.reference,
    visibility: 'public',
  }));

  // Moderated (tender phase): redacted, published with its answer, the answer then corrected.
  ({ threadId: publishedThread } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Sensorer från Vägteknik?', body: `Får vi använda ${TEXT.redactedAway}?` }));
  await buyer.api.threads.redact.mutate({ threadId: publishedThread, title: 'Egna sensorer?', body: 'Får vi använda egna sensorer?', note: 'Produktnamn borttaget.' });
  await buyer.api.threads.publish.mutate({ threadId: publishedThread, answer: TEXT.answer });
  answerPostId = (await buyer.api.threads.get.query({ threadId: publishedThread })).thread.answers[0]?.id ?? '';
  await buyer.api.threads.correct.mutate({ postId: answerPostId, body: TEXT.corrected, note: TEXT.correctionNote });
  // Confidential, answered to the asker alone with a recorded reason.
  ({ threadId: privateThread } = await alice.api.threads.ask.mutate({ dialogueId, title: 'Patent', body: TEXT.privateQuestion, confidential: true }));
  await buyer.api.threads.answerPrivately.mutate({ threadId: privateThread, body: TEXT.privateAnswer, reason: TEXT.privateReason });
  // A comment flagged by Alice and hidden by the moderator.
  await buyer.api.dialogues.setQaMode.mutate({ dialogueId, qaMode: 'open' });
  ({ postId: advertPostId } = await bob.api.threads.comment.mutate({ threadId: publishedThread, body: TEXT.advert }));
  await alice.api.threads.flag.mutate({ postId: advertPostId, reason: TEXT.flagReason });
  await moderator.api.threads.hide.mutate({ postId: advertPostId, reason: TEXT.hideReason });
  // The question deadline moved.
  await buyer.api.dialogues.setQuestionDeadline.mutate({ dialogueId, questionDeadline: inDays(2) });

  // A dialogue session two register for, held, with minutes.
  const { sessionId } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title: 'Informationsmöte om upphandlingen',
    agenda: '1. Behovet\n2. Frågor',
    startsAt: `${year}-05-12T10:00`,
    endsAt: `${year}-05-12T11:30`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/abc',
    capacity: 50,
    questionsNeedApproval: false,
  });
  await alice.api.sessions.register.mutate({ sessionId });
  await bob.api.sessions.register.mutate({ sessionId });
  await buyer.api.sessions.start.mutate({ sessionId });
  await buyer.api.sessions.end.mutate({ sessionId });
  await buyer.api.liveRoom.publishMinutes.mutate({ sessionId, minutes: TEXT.sessionMinutes });

  // A round of one-to-one meetings; Alice books one, the buyer records its minutes.
  const { roundId } = await buyer.api.meetings.openRound.mutate({
    dialogueId,
    title: 'Enskilda dialogmöten',
    agenda: '1. Er lösning',
    timeZone: 'Europe/Stockholm',
    firstStartsAt: `${year}-03-10T09:00`,
    slotMinutes: 45,
    breakMinutes: 15,
    slotCount: 2,
    place: 'online',
    meetingLink: 'https://meet.example/enskilt',
  });
  const slotId = (await buyer.api.meetings.round.query({ roundId })).slots[0]?.id ?? '';
  await alice.api.meetings.book.mutate({ slotId });
  await buyer.api.meetings.recordMinutes.mutate({ slotId, minutes: TEXT.meetingMinutes });

  // A file on the dialogue.
  attachmentBytes = await samplePdf('Bilaga till arkivet');
  const uploaded = await upload(server, buyer.cookie(), 'toDialogue', dialogueId, attachmentBytes, TEXT.attachment);
  expect(uploaded.status).toBe(201);

  await server.settled();
  download = await fetchPackage(moderator);
  expect(download.status).toBe(200);
  files = await unpack(download.bytes);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('the archive package an operator downloads', () => {
  it('is a ZIP download that no browser sniffs and no cache keeps', () => {
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    const disposition = download.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.zip"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(/^Arkivpaket – Vinterväghållning med sensorer – \d{4}-\d{2}-\d{2}\.zip$/);
  });

  it('holds every part, the manifest last', () => {
    const names = [...files.keys()];
    expect(names.slice(0, 11)).toEqual([
      'README.txt',
      'index.json',
      'dialogue.json',
      'questions.json',
      'flags.json',
      'sessions.json',
      'meetings.json',
      'attachments.json',
      'audit.json',
      'parties.json',
      'fragor-och-svar.pdf',
    ]);
    expect(names.filter((name) => name.startsWith('attachments/'))).toHaveLength(1);
    expect(names.at(-1)).toBe(MANIFEST);
  });

  it('has a README in Swedish and English naming the operator, the dialogue, the time of export and every file', () => {
    const readme = files.get('README.txt')?.toString('utf8') ?? '';
    const index = json('index.json') as unknown as { exportedAt: string; files: { path: string }[] };
    for (const words of [OPERATOR.OPERATOR_NAME, 'org.nr 202100-5489', TEXT.title, TEXT.reference, dialogueId, PEOPLE.buyer.organisation, 'Mona Moderator']) {
      expect({ words, found: readme.includes(words) }).toEqual({ words, found: true });
    }
    expect(readme).toContain(`Exported: ${index.exportedAt}\r\n`);
    expect(readme).toMatch(new RegExp(`Exporterat: \\d{1,2} \\p{L}+ \\d{4} kl\\. \\d\\d:\\d\\d:\\d\\d svensk tid \\(${index.exportedAt.replaceAll('.', '\\.')}\\)`, 'u'));
    expect(readme).toContain('Innehåll: frågor 2 · bifogade filer 1 · dialogmöten 1 · omgångar av enskilda möten 1 · loggposter ');
    expect(readme).toMatch(/Filer\r\n/);
    expect(readme).toMatch(/Files\r\n/);
    expect(readme).toContain(`sha256sum -c ${MANIFEST}`);
    // Every file the package has is described (the attachments by their folder), and nothing else.
    const described = index.files.map((file) => file.path);
    for (const name of files.keys()) {
      const covered = described.includes(name) || (name.startsWith('attachments/') && described.includes('attachments/'));
      expect({ name, covered }).toEqual({ name, covered: true });
      if (!name.startsWith('attachments/')) expect(readme).toContain(`  ${name}\r\n`);
    }
  });

  it('keeps the dialogue’s facts, every edit of them and the deadline change', () => {
    const { dialogue, history, deadlineChanges } = json('dialogue.json') as unknown as {
      dialogue: { id: string; title: string; referenceNumber: string; qaMode: string };
      history: { by: string; changes: { field: string; from: unknown; to: unknown }[] }[];
      deadlineChanges: { by: string; changes: { field: string; from: string; to: string }[] }[];
    };
    expect(dialogue).toMatchObject({ id: dialogueId, title: TEXT.title, referenceNumber: TEXT.reference, qaMode: 'open' });
    expect(history.flatMap((entry) => entry.changes.map((change) => change.field))).toEqual(expect.arrayContaining(['created', 'qaMode', 'questionDeadline']));
    expect(history.find((entry) => entry.changes.some((change) => change.field === 'qaMode'))?.changes[0]).toMatchObject({ from: 'moderated', to: 'open' });
    expect(deadlineChanges).toHaveLength(1);
    expect(deadlineChanges[0]).toMatchObject({ by: ids.buyer, changes: [{ field: 'questionDeadline' }] });
    expect(deadlineChanges[0]!.changes[0]!.to > deadlineChanges[0]!.changes[0]!.from).toBe(true);
  });

  it('keeps every question and every version: the redaction, the correction, the private answer with its reason, the hidden comment with who hid it and why', () => {
    type Post = { id: string; kind: string; authorId: string; versions: { body: string; note: string | null; by: string }[]; hidden: { by: string; reason: string } | null; private: boolean };
    const { questions } = json('questions.json') as unknown as {
      questions: { id: string; askerId: string; pseudonym: string; status: string; privateAnswer: { by: string; reason: string } | null; posts: Post[] }[];
    };
    const published = questions.find((question) => question.id === publishedThread);
    expect(published).toMatchObject({ askerId: ids.alice, pseudonym: 'A', status: 'published' });
    const question = published?.posts.find((post) => post.kind === 'question');
    expect(question?.versions.map((version) => version.note)).toEqual([null, 'Produktnamn borttaget.']);
    expect(question?.versions[0]?.body).toContain(TEXT.redactedAway);
    const answer = published?.posts.find((post) => post.id === answerPostId);
    expect(answer?.versions.map(({ body, note }) => ({ body, note }))).toEqual([
      { body: TEXT.answer, note: null },
      { body: TEXT.corrected, note: TEXT.correctionNote },
    ]);
    const advert = published?.posts.find((post) => post.id === advertPostId);
    expect(advert).toMatchObject({ kind: 'comment', authorId: ids.bob, hidden: { by: ids.moderator, reason: TEXT.hideReason } });
    expect(advert?.versions[0]?.body).toBe(TEXT.advert);

    const confidential = questions.find((item) => item.id === privateThread);
    expect(confidential?.privateAnswer).toMatchObject({ by: ids.buyer, reason: TEXT.privateReason });
    expect(confidential?.posts.map((post) => [post.kind, post.private, post.versions.at(-1)?.body])).toEqual([
      ['question', false, TEXT.privateQuestion],
      ['answer', true, TEXT.privateAnswer],
    ]);
  });

  it('keeps the flag and its outcome', () => {
    const { flags } = json('flags.json') as unknown as { flags: { postId: string; by: string; reason: string; outcome: string; decidedBy: string }[] };
    expect(flags).toEqual([expect.objectContaining({ postId: advertPostId, by: ids.alice, reason: TEXT.flagReason, outcome: 'hidden', decidedBy: ids.moderator })]);
  });

  it('keeps the session with its registrations and minutes, and the one-to-one meeting with its minutes', () => {
    const { sessions } = json('sessions.json') as unknown as {
      sessions: { registeredCount: number; registrations: { userId: string; state: string }[]; minutes: { text: string; by: string } | null; endedAt: string | null }[];
    };
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ registeredCount: 2, minutes: { text: TEXT.sessionMinutes, by: ids.buyer } });
    expect(sessions[0]?.endedAt).toBeTruthy();
    expect(sessions[0]?.registrations.map((registration) => registration.userId).sort()).toEqual([ids.alice, ids.bob].sort());
    const { rounds } = json('meetings.json') as unknown as { rounds: { meetings: { bookedBy: string | null; minutes: string | null; minutesBy: string | null }[] }[] };
    expect(rounds[0]?.meetings).toEqual([
      expect.objectContaining({ bookedBy: ids.alice, minutes: TEXT.meetingMinutes, minutesBy: ids.buyer }),
      expect.objectContaining({ bookedBy: null, minutes: null }),
    ]);
  });

  it('holds the attached file byte for byte, where its record says', () => {
    const { attachments } = json('attachments.json') as unknown as { attachments: { name: string; file: string; sha256AtUpload: string; addedBy: string }[] };
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ name: TEXT.attachment, addedBy: ids.buyer, sha256AtUpload: createHash('sha256').update(attachmentBytes).digest('hex') });
    expect(files.get(attachments[0]!.file)?.equals(attachmentBytes)).toBe(true);
  });

  it('holds the audit entries about the dialogue, and names everyone they and the other files refer to', () => {
    const { entries } = json('audit.json') as unknown as { entries: { action: string; actorId: string; subject: Record<string, string> }[] };
    expect(entries.every((entry) => entry.subject.dialogueId === dialogueId)).toBe(true);
    const actions = entries.map((entry) => entry.action);
    for (const action of ['dialogue.created', 'thread.published', 'answer.corrected', 'thread.answered_privately', 'post.hidden', 'dialogue.deadline_changed', 'session.minutes_published', 'meeting.minutes_recorded', 'dialogue.attachment_added']) {
      expect({ action, found: actions.includes(action) }).toEqual({ action, found: true });
    }
    expect(entries.find((entry) => entry.action === 'post.hidden')?.actorId).toBe(ids.moderator);

    const { people, organisations } = json('parties.json') as unknown as { people: { id: string; name: string }[]; organisations: { name: string }[] };
    expect(people).toEqual(
      expect.arrayContaining([
        { id: ids.alice, name: PEOPLE.alice.name },
        { id: ids.bob, name: PEOPLE.bob.name },
        { id: ids.buyer, name: PEOPLE.buyer.name },
        { id: ids.moderator, name: 'Mona Moderator' },
      ]),
    );
    expect(organisations.map((organisation) => organisation.name).sort()).toEqual([PEOPLE.alice.organisation, PEOPLE.bob.organisation, PEOPLE.buyer.organisation].sort());
  });

  it('names askers but holds no one’s e-mail address', () => {
    const everything = [...files.values()].map((content) => content.toString('latin1') + content.toString('utf8')).join('\n');
    for (const person of Object.values(PEOPLE)) expect({ email: person.email, found: everything.includes(person.email) }).toEqual({ email: person.email, found: false });
  });

  it('holds the PDF “Frågor och svar” as the public sees it', async () => {
    const { text } = await readPdf(files.get('fragor-och-svar.pdf')!);
    expect(text).toContain('Frågor och svar');
    expect(text).toContain(TEXT.title);
    expect(text).toContain(OPERATOR.OPERATOR_NAME);
    for (const never of [PEOPLE.alice.name, TEXT.privateAnswer, TEXT.redactedAway]) expect({ never, found: text.includes(never) }).toEqual({ never, found: false });
  });
});

describe('the checksum manifest', () => {
  it('lists every other file with its SHA-256, recomputed here and by sha256sum -c', async () => {
    const check = checkManifest(files);
    expect(check).toEqual({ listed: [...files.keys()].filter((name) => name !== MANIFEST), mismatched: [], unlisted: [], malformed: [] });
    const standard = await sha256sumCheck(files);
    expect(standard.ok, standard.output).toBe(true);
    expect(standard.output.trim().split('\n')).toHaveLength(files.size - 1);
  });

  it('fails for a file changed after the export, and for one added to the package', async () => {
    for (const name of ['questions.json', 'fragor-och-svar.pdf', [...files.keys()].find((file) => file.startsWith('attachments/'))!]) {
      const changed = new Map(files);
      const bytes = Buffer.from(files.get(name)!);
      bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
      changed.set(name, bytes);
      expect(checkManifest(changed).mismatched).toEqual([name]);
      const standard = await sha256sumCheck(changed);
      expect({ name, ok: standard.ok }).toEqual({ name, ok: false });
      expect(standard.output).toContain(`${name}: FAILED`);
    }
    const added = new Map(files).set('extra.txt', Buffer.from('smuggled in'));
    expect(checkManifest(added).unlisted).toEqual(['extra.txt']);
  });
});

describe('who may export', () => {
  it('puts every export on the audit trail, by whom and of which dialogue', async () => {
    const before = await exportEntries();
    expect(before.filter((entry) => entry.subject.dialogueId === dialogueId && entry.actor?.id === ids.moderator)).toHaveLength(1);
    expect((await fetchPackage(moderator)).status).toBe(200);
    expect((await exportEntries()).length).toBe(before.length + 1);
  });

  it('refuses everyone but operators, alike for a real dialogue and a missing one, and logs nothing for a refusal', async () => {
    const before = (await exportEntries()).length;
    const signedOut = server.visitor();
    await signedOut.registerVerified({ name: 'Sara Utloggad', email: 'sara@utloggad.example', password: PASSWORD, representation: 'supplier' });
    await signedOut.api.accounts.logout.mutate();
    const missing = 'f'.repeat(24);
    const cases: [string, Visitor | null, number, string][] = [
      ['anonymous', null, 401, 'UNAUTHENTICATED'],
      ['signed out', signedOut, 401, 'UNAUTHENTICATED'],
      ['supplier', alice, 403, 'FORBIDDEN'],
      ['the dialogue’s own buyer', buyer, 403, 'FORBIDDEN'],
    ];
    for (const [who, visitor, status, appCode] of cases) {
      const real = await fetchPackage(visitor);
      const absent = await fetchPackage(visitor, missing);
      const body = (answer: { bytes: Uint8Array }) => JSON.parse(new TextDecoder().decode(answer.bytes)) as { error: { data: { appCode: string } } };
      expect({ who, status: real.status, appCode: body(real).error.data.appCode }).toEqual({ who, status, appCode });
      expect({ who, real: new TextDecoder().decode(real.bytes) }).toEqual({ who, real: new TextDecoder().decode(absent.bytes) });
    }
    expect((await exportEntries()).length).toBe(before);
  });

  it('answers HEAD with 405 (Allow: GET) for everyone, without reading the dialogue or auditing an export', async () => {
    const before = (await exportEntries()).length;
    for (const visitor of [moderator, buyer, null]) {
      const cookie = visitor?.cookie();
      const answer = await fetch(`${server.url}${packagePath(dialogueId)}`, { method: 'HEAD', headers: cookie ? { cookie } : {} });
      expect({ status: answer.status, allow: answer.headers.get('allow'), type: answer.headers.get('content-type') }).toEqual({ status: 405, allow: 'GET', type: null });
    }
    expect((await exportEntries()).length).toBe(before);
    // GET still exports, and is audited: the HEAD answer is not a broken route.
    expect((await fetchPackage(moderator)).status).toBe(200);
    expect((await exportEntries()).length).toBe(before + 1);
  });

  it('answers an operator about a missing or malformed dialogue id with NOT_FOUND', async () => {
    for (const id of ['f'.repeat(24), 'not-an-id', '%24where']) {
      const answer = await fetchPackage(moderator, id);
      expect({ id, status: answer.status }).toEqual({ id, status: 404 });
    }
  });
});
