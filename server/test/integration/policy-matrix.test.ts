// The authorisation matrix (DESIGN.md §4): every procedure of the real router and every socket.io
// event the server handles, called by every role against the real server, each call's outcome
// ('ok' or the appCode) compared with the row the matrix has for it. A procedure or socket event
// without a row fails the first test, naming it, so a new one cannot ship unauthorised by omission.
//
// Roles are real accounts made through the API as a person would make them. The one exception is
// `moderator`: no procedure grants the platform role 'moderator' yet, so that account's role is set
// in the store, as an operator would today; `admin` comes from ADMIN_EMAILS.
//
// Ownership, for procedures about one thing: the thing is the actor's OWN (they created it, they
// asked it, it is the organisation they act for), of the SAME organisation (a colleague's), or of
// ANOTHER organisation. Procedures about no particular thing have 'none'. A cell whose relation a
// role cannot have (an anonymous visitor's own organisation) is not applicable and skipped; every
// role still gets at least one cell of every row.
//
// No existence oracle: where something exists but is hidden from the caller, the answer is compared
// byte for byte (status and body, the id replaced) with the answer for an id that does not exist.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ARCHIVE_PACKAGE_ROUTE,
  ATTACHMENT_ROUTES,
  LIBRARY_FILE_ROUTES,
  libraryFileDownloadPath,
  libraryFileUploadPath,
  NETWORK_FILE_ROUTES,
  networkFileDownloadPath,
  networkFileUploadPath,
  type AttachmentTarget,
} from '@dialogforum/contracts';
import type {
  AppErrorCode,
  DialogueAttachments,
  ClientToServerEvents,
  DialogueSummary,
  ArenaView,
  DialogueView,
  LibraryPage,
  OrganisationView,
  SearchResultView,
  SubscribeAck,
  ThreadView,
} from '@dialogforum/contracts';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/app-router.ts';
import { USERS, type UserDocument } from '../../src/modules/accounts/documents.ts';
import { DIALOGUES, type DialogueDocument } from '../../src/modules/dialogues/documents.ts';
import { CALENDAR_ROUTES } from '../../src/modules/calendar/calendar-routes.ts';
import { QA_EXPORT_ROUTES } from '../../src/modules/exports/export-routes.ts';
import { unsubscribeSigner } from '../../src/modules/notifications/unsubscribe-token.ts';
import { deadLetterId, recordDeadLetter } from '../../src/platform/events/dead-letters.ts';
import { readEventsAfter } from '../../src/platform/events/event-log.ts';
import { checkManifest, unpack } from '../support/archive-package.ts';
import { readPdf } from '../support/pdf-text.ts';
import { samplePdf } from '../support/sample-files.ts';
import { download, downloadFrom, upload, uploadTo } from '../support/uploads.ts';
import { MODERATOR_EMAIL, nextEvent, startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

const ROLES = [
  'anonymous',
  'unconfirmed',
  'supplier',
  'research',
  'buyerMember',
  'buyerOwner',
  'unverifiedBuyer',
  'facilitator',
  'moderator',
  'admin',
] as const;
type Role = (typeof ROLES)[number];
type Ownership = 'none' | 'own' | 'same' | 'other';
/** The dialogue a cell is about: public, for registered users only, or public past its question deadline. */
type Variant = 'public' | 'registered' | 'closed';
const VARIANTS: Variant[] = ['public', 'registered', 'closed'];
type Outcome = 'ok' | AppErrorCode;
type Cell = { role: Role; ownership: Ownership; variant: Variant | null };

const PASSWORD = 'matrisen täcker varje roll';
const ADMIN_ADDRESSES = ['admin-1@matrix.example', 'admin-2@matrix.example'];
/** Words only the fixtures' registered-only dialogues and questions contain, for the search check. */
const HIDDEN_WORD = 'Kvarnhjulsdammen';

// ---------------------------------------------------------------------------------------------
// People and the raw HTTP they speak. Calls go over plain fetch with the person's cookie, so the
// status and body can be compared byte for byte, and a Set-Cookie in an answer (register, reset)
// never changes whom the person's browser is signed in as.

type Person = { visitor: Visitor; email: string; userId: string; organisationId: string };
type Answer = { status: number; body: string };

let server: TestServer;
let fixtureAdmin: Visitor;
const people = {} as Record<Role, Person>;

type ProcedureKind = 'query' | 'mutation' | 'subscription';
const PROCEDURES = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: ProcedureKind } }> }).procedures;

async function call(person: Person, procedure: string, input?: unknown): Promise<Answer> {
  const kind = PROCEDURES[procedure]?._def.type;
  if (!kind) throw new Error(`no procedure ${procedure}`);
  const cookie = person.visitor.cookie();
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const response =
    kind === 'query'
      ? await fetch(`${server.url}/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, {
          headers,
        })
      : await fetch(`${server.url}/trpc/${procedure}`, {
          method: 'POST',
          headers: { ...headers, origin: server.url, 'content-type': 'application/json' },
          ...(input === undefined ? {} : { body: JSON.stringify(input) }),
        });
  return { status: response.status, body: await response.text() };
}

function outcomeOf(answer: Answer): Outcome {
  if (answer.status === 200) return 'ok';
  const parsed = JSON.parse(answer.body) as { error?: { data?: { appCode?: AppErrorCode } } };
  return parsed.error?.data?.appCode ?? 'INTERNAL';
}

function dataOf(answer: Answer): unknown {
  return (JSON.parse(answer.body) as { result: { data: unknown } }).result.data;
}

/** An id of the right shape that names nothing. */
const missingId = () => randomBytes(12).toString('hex');

/** Mail as the person would read it; parsed once per file, however often the tests look. */
const parsedMail = new Map<string, { to: string[]; text: string }>();
const handedOut = new Set<string>();

/** The newest link token of that kind mailed to `address` that this file has not used yet. */
async function mailedToken(address: string, link: 'verify-email' | 'reset-password' | 'invitations/accept'): Promise<string> {
  const deadline = Date.now() + 5000;
  const directory = path.join(server.dataDir, 'mail');
  for (;;) {
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith('.eml')).sort();
    for (const file of files) {
      if (parsedMail.has(file)) continue;
      const email = await PostalMime.parse(await readFile(path.join(directory, file)));
      parsedMail.set(file, { to: (email.to ?? []).map((to) => to.address ?? ''), text: email.text ?? '' });
    }
    const tokens = [...parsedMail.values()]
      .filter((mail) => mail.to.includes(address))
      .flatMap((mail) => [...mail.text.matchAll(new RegExp(`/${link}\\?token=([A-Za-z0-9_-]{43})`, 'g'))].map((match) => match[1] ?? ''));
    const fresh = tokens.filter((token) => !handedOut.has(token)).at(-1);
    if (fresh) {
      handedOut.add(fresh);
      return fresh;
    }
    if (Date.now() > deadline) throw new Error(`no ${link} link mailed to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let serial = 0;

async function register(label: string, options: { representation?: 'buyer' | 'supplier'; confirm?: boolean; email?: string } = {}): Promise<Person> {
  const n = ++serial;
  const visitor = server.visitor();
  const email = options.email ?? `${label.toLowerCase()}-${n}@matrix.example`;
  const representation = options.representation ?? 'supplier';
  await visitor.api.accounts.register.mutate({ name: `${label} ${n}`, email, password: PASSWORD, representation });
  // Registration signs nobody in: the confirmation link does, or (unconfirmed) the password.
  if (options.confirm !== false) {
    await visitor.api.accounts.verifyEmail.mutate({ token: await mailedToken(email, 'verify-email') });
    // Then the newcomer creates their organisation, and acts for it (an unconfirmed person cannot yet).
    await visitor.api.organisations.create.mutate({ name: `${label} ${n} AB`, kind: representation === 'buyer' ? 'buyer' : 'supplier' });
  } else {
    await visitor.api.accounts.login.mutate({ email, password: PASSWORD });
  }
  const me = await visitor.api.accounts.me.query();
  return { visitor, email, userId: me?.id ?? '', organisationId: me?.organisation?.id ?? '' };
}

/** The id of `requester`'s pending request to join, made now if there is none. */
async function pendingRequest(requester: Person, organisationId: string): Promise<string> {
  await requester.visitor.api.organisations.requestToJoin.mutate({ organisationId });
  const view = await fixtureAdmin.api.organisations.get.query({ organisationId });
  const request = view.joinRequests?.find((candidate) => candidate.userId === requester.userId);
  if (!request) throw new Error('join request not found');
  return request.id;
}

/** `person` asks to join and an owner of the organisation approves. */
async function join(person: Person, organisationId: string, owner: Person): Promise<void> {
  const requestId = await pendingRequest(person, organisationId);
  await owner.visitor.api.organisations.decideJoinRequest.mutate({ requestId, approve: true });
}

/** A new account in `role`, made the way a person in that role would come to be one. */
async function makePerson(role: Role): Promise<Person> {
  switch (role) {
    case 'anonymous':
      return { visitor: server.visitor(), email: '', userId: '', organisationId: '' };
    case 'unconfirmed':
      return register('Unconfirmed', { confirm: false });
    case 'supplier':
      return register('Supplier');
    case 'research':
    case 'facilitator': {
      const person = await register(role === 'research' ? 'Researcher' : 'Facilitator');
      const { organisationId } = await person.visitor.api.organisations.create.mutate({ name: `${role} institutet ${serial}`, kind: role });
      await person.visitor.api.organisations.actFor.mutate({ organisationId });
      return { ...person, organisationId };
    }
    case 'buyerOwner': {
      const person = await register('BuyerOwner', { representation: 'buyer' });
      await fixtureAdmin.api.organisations.verify.mutate({ organisationId: person.organisationId });
      return person;
    }
    case 'buyerMember': {
      const person = await register('BuyerMember');
      const organisationId = people.buyerOwner.organisationId;
      await join(person, organisationId, people.buyerOwner);
      await person.visitor.api.organisations.actFor.mutate({ organisationId });
      return { ...person, organisationId };
    }
    case 'unverifiedBuyer':
      return register('UnverifiedBuyer', { representation: 'buyer' });
    case 'moderator': {
      const person = await register('Moderator');
      await server.app.services.store.collection<UserDocument>(USERS).updateOne({ _id: person.userId }, { $set: { platformRole: 'moderator' } });
      return person;
    }
    case 'admin': {
      const email = ADMIN_ADDRESSES.shift();
      if (!email) throw new Error('no admin address left in ADMIN_EMAILS');
      return register('Admin', { email });
    }
  }
}

/** The person acts for their own organisation again after a cell made them act for another. */
async function actForOwn(role: Role): Promise<void> {
  const { organisationId, visitor } = people[role];
  if (organisationId && role !== 'unconfirmed') await visitor.api.organisations.actFor.mutate({ organisationId });
}

/** Signs the person in again after a cell ended their session (login, logout, password change). */
async function signInAgain(person: Person): Promise<void> {
  await person.visitor.api.accounts.login.mutate({ email: person.email, password: PASSWORD });
}

// ---------------------------------------------------------------------------------------------
// The world the cells act on.

/** Owners of the fixtures that are no role's own. */
let rivalBuyer: Person; // owner of another verified buyer organisation (R)
let asker: Person; // a supplier of another organisation who asks in every fixture dialogue
let colleague: Person; // a member of every role's organisation but B's
let requester: Person; // asks to join organisations
let inviter: Person; // owner of the organisation I that invites the roles
let targetOwner: Person; // owner of T, "another organisation" for every role
/** The verified buyer organisation B (buyer owner and buyer member), T, and I. */
let B: string;
let T: string;
let I: string;

/** Roles whose organisation has the colleague as a member. */
const WITH_COLLEAGUE: Role[] = ['supplier', 'research', 'unverifiedBuyer', 'facilitator', 'moderator', 'admin'];
/** Roles that ask questions in the fixture dialogues (everyone signed in with a confirmed address). */
const ASKING: Role[] = ['supplier', 'research', 'buyerMember', 'buyerOwner', 'unverifiedBuyer', 'facilitator', 'moderator', 'admin'];

type ByVariant = Record<Variant, string>;
/** Dialogues of B created by the buyer owner and by the buyer member, and of R by its owner. */
const dialogues = { byOwner: {} as ByVariant, byMember: {} as ByVariant, rival: {} as ByVariant };
const threads = {
  /** Asked by the role itself. */
  own: {} as Partial<Record<Role, ByVariant>>,
  /** Asked by a colleague acting for the role's organisation. */
  same: {} as Partial<Record<Role, ByVariant>>,
  /** Asked by the asker (another organisation) in B's dialogues. */
  other: {} as ByVariant,
  /** The asker's question in each fixture dialogue, for answering. */
  byDialogue: new Map<string, string>(),
};

const isBuyerOfB = (role: Role) => role === 'buyerOwner' || role === 'buyerMember';
const isModeratorRole = (role: Role) => role === 'moderator' || role === 'admin';
/** Registered-only dialogues are for people with a confirmed address. */
const seesRegistered = (role: Role) => role !== 'anonymous' && role !== 'unconfirmed';
/** Who asked is known to the dialogue's buyers (B) and to moderators; the rest see pseudonyms. */
const seesAskers = (role: Role) => isBuyerOfB(role) || isModeratorRole(role);
/** Every signed-in role owns the organisation it acts for, except the buyer member of B. */
const ownsItsOrganisation = (role: Role) => role !== 'anonymous' && role !== 'buyerMember';
const whenSignedIn = (role: Role, outcome: Outcome): Outcome => (role === 'anonymous' ? 'UNAUTHENTICATED' : outcome);
/** Managing and publishing need a confirmed e-mail address. */
const whenConfirmed = (role: Role, outcome: Outcome): Outcome =>
  role === 'anonymous' ? 'UNAUTHENTICATED' : role === 'unconfirmed' ? 'EMAIL_NOT_VERIFIED' : outcome;

const futureDeadline = () => new Date(Date.now() + 2 * 24 * 3_600_000).toISOString();
const pastDeadline = () => new Date(Date.now() - 3_600_000).toISOString();

/** The dialogue a cell is about: the buyers of B have their own and a colleague's; everyone has another's. */
function dialogueFor({ role, ownership, variant }: Cell): string | null {
  const v = variant ?? 'public';
  if (role === 'buyerOwner') return ownership === 'own' ? dialogues.byOwner[v] : ownership === 'same' ? dialogues.byMember[v] : dialogues.rival[v];
  if (role === 'buyerMember') return ownership === 'own' ? dialogues.byMember[v] : ownership === 'same' ? dialogues.byOwner[v] : dialogues.rival[v];
  return ownership === 'other' ? dialogues.byOwner[v] : null;
}

/** The question a cell is about, by who asked it. */
function threadFor({ role, ownership, variant }: Cell): string | null {
  const v = variant ?? 'public';
  if (ownership === 'other') return threads.other[v];
  return (ownership === 'own' ? threads.own[role] : threads.same[role])?.[v] ?? null;
}

/** The asker's name is shown to the asker, the dialogue's buyers (the 'other' questions are in B's dialogues) and moderators. */
const seesAsker = ({ role, ownership }: Cell) => ownership === 'own' || (isBuyerOfB(role) && ownership === 'other') || isModeratorRole(role);

const dialogueInput = (title: string, visibility: 'public' | 'registered') => ({
  title,
  description: 'Vi söker lösningar.',
  arenaId: 'healthcare' as const,
  phase: 'market-dialogue' as const,
  questionDeadline: futureDeadline(),
  visibility,
});

const question = (variant: Variant | null) => ({
  title: variant === 'registered' ? `Fråga om ${HIDDEN_WORD}` : 'Fråga om kraven',
  body: 'Gäller kravet även för mindre leverantörer?',
});

beforeAll(async () => {
  // Hundreds of calls come from one address and a few accounts: the limits are scaled out of the
  // way, as this is a test of who may, not of how often (rate limits have their own tests).
  server = await startTestServer({ ADMIN_EMAILS: [MODERATOR_EMAIL, ...ADMIN_ADDRESSES].join(','), RATE_LIMIT_SCALE: '1000' });
  fixtureAdmin = await server.moderator();

  // The roles. The buyer member joins B, so the buyer owner comes first.
  people.buyerOwner = await makePerson('buyerOwner');
  B = people.buyerOwner.organisationId;
  const others = ROLES.filter((role) => role !== 'buyerOwner');
  const made = await Promise.all(others.map((role) => makePerson(role)));
  others.forEach((role, index) => {
    people[role] = made[index] as Person;
  });

  [rivalBuyer, asker, colleague, requester, inviter, targetOwner] = await Promise.all([
    register('Rival', { representation: 'buyer' }),
    register('Asker'),
    register('Colleague'),
    register('Requester'),
    register('Inviter'),
    register('TargetOwner'),
  ]);
  await fixtureAdmin.api.organisations.verify.mutate({ organisationId: rivalBuyer.organisationId });
  T = targetOwner.organisationId;
  I = inviter.organisationId;
  await Promise.all(WITH_COLLEAGUE.map((role) => join(colleague, people[role].organisationId, people[role])));

  // Dialogues, each variant created open; the closed ones close after their questions are asked.
  await Promise.all(
    VARIANTS.flatMap((variant) => {
      const visibility = variant === 'registered' ? 'registered' : 'public';
      const title = (who: string) => `${who} ${variant === 'registered' ? HIDDEN_WORD : 'Öppna dammen'}`;
      return [
        people.buyerOwner.visitor.api.dialogues.create.mutate(dialogueInput(title('Ägarens dialog'), visibility)).then(({ dialogueId }) => {
          dialogues.byOwner[variant] = dialogueId;
        }),
        people.buyerMember.visitor.api.dialogues.create.mutate(dialogueInput(title('Medlemmens dialog'), visibility)).then(({ dialogueId }) => {
          dialogues.byMember[variant] = dialogueId;
        }),
        rivalBuyer.visitor.api.dialogues.create.mutate(dialogueInput(title('Rivalens dialog'), visibility)).then(({ dialogueId }) => {
          dialogues.rival[variant] = dialogueId;
        }),
      ];
    }),
  );

  const ask = async (person: Person, dialogueId: string, variant: Variant) =>
    (await person.visitor.api.threads.ask.mutate({ dialogueId, ...question(variant) })).threadId;
  await Promise.all([
    // Each asking role asks once per variant: the buyers of B in R's dialogues, everyone else in B's.
    ...ASKING.map(async (role) => {
      const own = {} as ByVariant;
      for (const variant of VARIANTS) {
        own[variant] = await ask(people[role], (isBuyerOfB(role) ? dialogues.rival : dialogues.byOwner)[variant], variant);
      }
      threads.own[role] = own;
    }),
    // The colleague asks for each organisation it belongs to, acting for it.
    (async () => {
      for (const role of WITH_COLLEAGUE) {
        await colleague.visitor.api.organisations.actFor.mutate({ organisationId: people[role].organisationId });
        const same = {} as ByVariant;
        for (const variant of VARIANTS) same[variant] = await ask(colleague, dialogues.byOwner[variant], variant);
        threads.same[role] = same;
      }
    })(),
    (async () => {
      for (const variant of VARIANTS) {
        for (const dialogueId of [dialogues.byOwner[variant], dialogues.byMember[variant], dialogues.rival[variant]]) {
          threads.byDialogue.set(dialogueId, await ask(asker, dialogueId, variant));
        }
        threads.other[variant] = threads.byDialogue.get(dialogues.byOwner[variant]) ?? '';
      }
    })(),
  ]);
  // The buyers of B are colleagues: each one's question is the other's colleague's.
  threads.same.buyerOwner = threads.own.buyerMember;
  threads.same.buyerMember = threads.own.buyerOwner;

  // Time passing closes a dialogue; no one may set a deadline in the past (DEADLINE_IN_PAST), so the
  // store is set as the clock would have it an hour after the deadline.
  await Promise.all(
    [dialogues.byOwner.closed, dialogues.byMember.closed, dialogues.rival.closed].map((dialogueId) =>
      server.app.services.store.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogueId }, { $set: { questionDeadline: pastDeadline() } }),
    ),
  );
  // A pending request to join T, which only T's owner may decide.
  await pendingRequest(requester, T);

  // An official answer in every fixture dialogue, to correct; the question post of every fixture thread.
  for (const [dialogueId, threadId] of threads.byDialogue) {
    const { postId } = await ownerOfDialogue(dialogueId).visitor.api.threads.answer.mutate({ threadId, body: 'Ett första svar.' });
    answers.set(dialogueId, postId);
    const { sessionId } = await ownerOfDialogue(dialogueId).visitor.api.sessions.create.mutate({ dialogueId, ...sessionFields() });
    sessions.set(dialogueId, sessionId);
  }
});

/** An official answer in each fixture dialogue. */
const answers = new Map<string, string>();
/** A new round of one-to-one meetings in the dialogue, opened by its owner; `booker` books its first slot. */
async function freshRound(dialogueId: string, booker: Person | null = null): Promise<{ roundId: string; slotId: string }> {
  const { roundId } = await ownerOfDialogue(dialogueId).visitor.api.meetings.openRound.mutate({
    dialogueId,
    title: 'Enskilda möten',
    firstStartsAt: `${sessionYear}-06-01T09:00`,
    slotMinutes: 30,
    slotCount: 2,
    place: 'onsite',
    address: 'Storgatan 1',
  });
  const slotId = (await ownerOfDialogue(dialogueId).visitor.api.meetings.round.query({ roundId })).slots[0]!.id;
  if (booker) await booker.visitor.api.meetings.book.mutate({ slotId });
  return { roundId, slotId };
}

/** A round with one booking (by the asker) in each fixture dialogue, made when first needed. */
const rounds = new Map<string, { roundId: string }>();

/** A session in each fixture dialogue, scheduled by its owner. */
const sessions = new Map<string, string>();
const sessionYear = new Date().getUTCFullYear() + 1;
let sessionSlot = 0;
/** A session's fields at a time no other fixture session has. */
function sessionFields() {
  sessionSlot += 1;
  const day = new Date(Date.UTC(sessionYear, 0, 1) + sessionSlot * 24 * 3_600_000).toISOString().slice(0, 10);
  return { title: 'Dialogmöte', startsAt: `${day}T10:00`, endsAt: `${day}T11:00`, format: 'online' as const, meetingLink: 'https://meet.example/m', capacity: 100 };
}

/** A live session in each fixture dialogue, started by its owner (one more that holds questions for approval). */
const liveSessions = new Map<string, string>();
async function liveSessionIn(dialogueId: string, approval = false): Promise<string> {
  const key = `${dialogueId}:${approval}`;
  const known = liveSessions.get(key);
  if (known) return known;
  const sessionId = await freshLiveSession(dialogueId, approval);
  liveSessions.set(key, sessionId);
  return sessionId;
}
async function freshLiveSession(dialogueId: string, approval = false): Promise<string> {
  const owner = ownerOfDialogue(dialogueId).visitor.api;
  const { sessionId } = await owner.sessions.create.mutate({ dialogueId, ...sessionFields(), questionsNeedApproval: approval });
  await owner.sessions.start.mutate({ sessionId });
  return sessionId;
}
/** A new live question by the fixture asker (waiting for approval when `approval`). */
async function liveQuestionIn(dialogueId: string, approval = false): Promise<string> {
  const sessionId = await liveSessionIn(dialogueId, approval);
  return (await asker.visitor.api.liveRoom.ask.mutate({ sessionId, body: 'Hur ser tidplanen ut?' })).questionId;
}
async function livePollIn(dialogueId: string): Promise<string> {
  const sessionId = await liveSessionIn(dialogueId);
  return (await ownerOfDialogue(dialogueId).visitor.api.liveRoom.openPoll.mutate({ sessionId, question: 'Hur många är ni?', options: ['Få', 'Många'] })).pollId;
}
/** The dialogue's buyers host its sessions: they moderate the live room, and do not ask or vote in it. */
const hostsSession = ({ role, ownership }: Cell) => isBuyerOfB(role) && ownership !== 'other';
const OPEN_VARIANTS: Variant[] = ['public', 'registered'];

/** The question post of a fixture thread, read as a moderator reads it. */
async function questionPostOf(threadId: string): Promise<string> {
  return (await fixtureAdmin.api.threads.get.query({ threadId })).thread.question.id;
}

/** A confidential question the asker sends now to a dialogue: it waits in the buyers' inbox. */
async function pendingQuestionIn(dialogueId: string): Promise<string> {
  const { threadId } = await asker.visitor.api.threads.ask.mutate({ dialogueId, ...question(null), confidential: true });
  return threadId;
}

/** The buyer who created a fixture dialogue. */
function ownerOfDialogue(dialogueId: string): Person {
  if (Object.values(dialogues.byOwner).includes(dialogueId)) return people.buyerOwner;
  return Object.values(dialogues.byMember).includes(dialogueId) ? people.buyerMember : rivalBuyer;
}

let matrixPdf: Buffer | null = null;
/** A fresh file attached by its owner to a fixture dialogue (or to its official answer, or as their draft). */
async function freshAttachment(dialogueId: string, target: AttachmentTarget = 'toDialogue'): Promise<string> {
  matrixPdf ??= await samplePdf('Matrisens bilaga');
  const id = target === 'toDialogue' ? dialogueId : target === 'toAnswer' ? answers.get(dialogueId) : threads.byDialogue.get(dialogueId);
  const answer = await upload(server, ownerOfDialogue(dialogueId).visitor.cookie(), target, id ?? '', matrixPdf, 'Bilaga.pdf');
  if (answer.status !== 201) throw new Error(`fixture upload refused: ${answer.status} ${answer.text}`);
  return answer.body.attachment?.id ?? '';
}

/** A fresh comment by B's owner on the asker's question in B's dialogue (the buyers may write after the deadline). */
async function freshComment(variant: Variant | null): Promise<string> {
  const { postId } = await people.buyerOwner.visitor.api.threads.comment.mutate({ threadId: threads.other[variant ?? 'public'], body: 'Ett förtydligande.' });
  return postId;
}

afterAll(async () => {
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// The matrix: for every procedure path, the ownerships (and dialogue variants) it is called with,
// the outcome each cell must have, and how a cell's call is made.

type Prepared = {
  as: Person;
  input?: unknown;
  /** Further checks of a successful answer: what the caller may see in it. */
  check?: (data: unknown) => void;
  /** Undoes what the call did to the caller's own session. */
  after?: () => Promise<void>;
};

type ProcedureRow = {
  ownerships: Ownership[];
  variants?: Variant[];
  expect: (cell: Cell) => Outcome;
  /** The call for this cell, or null when the role cannot stand in that relation to the thing. */
  prepare: (cell: Cell) => Promise<Prepared | null>;
};

const NONE: Ownership[] = ['none'];
const OWN_OTHER: Ownership[] = ['own', 'other'];
const ALL_OWNERSHIPS: Ownership[] = ['own', 'same', 'other'];

const as = (role: Role, input?: unknown): Promise<Prepared> => Promise.resolve({ as: people[role], input });
/** The session of a signed-in caller is restored after the cell; an anonymous one has none. */
const restoring = (role: Role) => (role === 'anonymous' ? {} : { after: () => signInAgain(people[role]) });

/** The organisation a cell is about: the one the role acts for (none for who has none yet), or T. */
const organisationFor = ({ role, ownership }: Cell): string | null => (ownership === 'other' ? T : people[role].organisationId || null);

let strangerInvitation: string | null = null;

let deadEventSeq = 0;
/**
 * A dead letter waiting for an admin, for each cell its own: recorded as the dispatcher records one
 * (the matrix tests who may handle it; how one comes to be is tested in dead-letters.test.ts).
 */
async function waitingDeadLetter(): Promise<string> {
  const store = server.app.services.store;
  const [event] = await readEventsAfter(store, deadEventSeq++, 1);
  if (!event) throw new Error('no event left to make a dead letter of');
  const at = new Date();
  await recordDeadLetter(store, { processor: 'audit', event, error: new Error('matrix'), attempts: 1, firstFailedAt: at, at });
  return deadLetterId('audit', event.seq);
}

/** A library item's fields, as a verified buyer or a moderator publishes it. */
const libraryInput = (visibility: 'public' | 'registered') => ({
  kind: 'guide',
  arenaIds: ['space'],
  audiences: ['buyers', 'suppliers'],
  language: 'sv',
  visibility,
  title: visibility === 'registered' ? `Vägledning om ${HIDDEN_WORD}` : 'Vägledning för rymdupphandling',
  summary: '',
  body: 'Börja med behovet, inte lösningen.',
});

/** A new library item of B's organisation (published by B's owner) or of the rival buyer's. */
async function newLibraryItem(owner: 'B' | 'rival', visibility: 'public' | 'registered'): Promise<string> {
  const publisher = owner === 'B' ? people.buyerOwner : rivalBuyer;
  const { itemId } = await publisher.visitor.api.library.publish.mutate(libraryInput(visibility) as Parameters<typeof publisher.visitor.api.library.publish.mutate>[0]);
  return itemId;
}

const libraryFixtures = new Map<string, Promise<string>>();
/** One item per organisation and visibility, shared by the cells that only read or revise it. */
function fixtureLibraryItem(owner: 'B' | 'rival', visibility: 'public' | 'registered'): Promise<string> {
  const key = `${owner}:${visibility}`;
  if (!libraryFixtures.has(key)) libraryFixtures.set(key, newLibraryItem(owner, visibility));
  return libraryFixtures.get(key) as Promise<string>;
}

/** A relay handover's sections, as a buyer hands over the baton. */
const relayHandover = {
  stage: 'Marknadsdialog genomförd',
  procured: 'Bättre vård i hemmet med nya sensorer.',
  dialogue: 'Två dialogmöten.',
  worked: '',
  didNotWork: '',
  risks: '',
  financing: '',
};

/** A new relay project of B (made by B's owner from B's dialogue) or of the rival buyer, with its handover when asked. */
async function newRelayProject(owner: 'B' | 'rival', { handover = true, visibility = 'public' }: { handover?: boolean; visibility?: 'public' | 'registered' } = {}): Promise<string> {
  const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
  const dialogueId = (owner === 'B' ? dialogues.byOwner : dialogues.rival)[visibility];
  const { projectId } = await buyer.visitor.api.relay.create.mutate({ title: 'Stafettprojekt', arenaId: 'healthcare', dialogueIds: [dialogueId], visibility });
  if (handover) await buyer.visitor.api.relay.publishHandover.mutate({ projectId, ...relayHandover });
  return projectId;
}

const relayFixtures = new Map<string, Promise<string>>();
/** One project with a handover per organisation and visibility, shared by the cells that only read, revise or post in it. */
function fixtureRelayProject(owner: 'B' | 'rival', visibility: 'public' | 'registered' = 'public'): Promise<string> {
  const key = `${owner}:${visibility}`;
  if (!relayFixtures.has(key)) relayFixtures.set(key, newRelayProject(owner, { visibility }));
  return relayFixtures.get(key) as Promise<string>;
}

/** Who may write in relay threads: verified buyers (B's, the rival) and moderators. */
const postsInRelay = (role: Role) => isBuyerOfB(role) || isModeratorRole(role);

/** A new post in the rival's relay thread, by `author`. */
async function newRelayPost(author: Person): Promise<string> {
  const { postId } = await author.visitor.api.relay.post.mutate({ projectId: await fixtureRelayProject('rival'), body: 'Hur lång var piloten?' });
  return postId;
}

/** Buyers' networks: B's (its buyers' own) or the rival's; open to join on request, or by invitation only. */
async function newNetwork(owner: 'B' | 'rival', joining: 'on-request' | 'invitation'): Promise<string> {
  const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
  const { networkId } = await buyer.visitor.api.networks.create.mutate({ name: `Nätverk ${++serial}`, arenaId: 'healthcare', joining });
  return networkId;
}
const networkFixtures = new Map<string, Promise<string>>();
/** One network per owner and way of joining, shared by the cells that only read or post in it. */
function fixtureNetwork(owner: 'B' | 'rival', joining: 'on-request' | 'invitation' = 'invitation'): Promise<string> {
  const key = `${owner}:${joining}`;
  if (!networkFixtures.has(key)) networkFixtures.set(key, newNetwork(owner, joining));
  return networkFixtures.get(key) as Promise<string>;
}
const discussionFixtures = new Map<string, Promise<string>>();
function fixtureDiscussion(owner: 'B' | 'rival'): Promise<string> {
  if (!discussionFixtures.has(owner)) {
    const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
    discussionFixtures.set(
      owner,
      fixtureNetwork(owner).then(async (networkId) => (await buyer.visitor.api.networks.startDiscussion.mutate({ networkId, title: 'Gemensam upphandling', body: 'Ska vi samordna kraven?' })).discussionId),
    );
  }
  return discussionFixtures.get(owner) as Promise<string>;
}
const networkItemFixtures = new Map<string, Promise<string>>();
/** One item of the network's own library per owner, shared by the cells that read or revise it. */
function fixtureNetworkItem(owner: 'B' | 'rival'): Promise<string> {
  if (!networkItemFixtures.has(owner)) {
    const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
    networkItemFixtures.set(
      owner,
      fixtureNetwork(owner).then(async (networkId) => (await buyer.visitor.api.networks.publishItem.mutate({ networkId, title: 'Kravmall', body: 'Gemensamma krav att utgå från.' })).itemId),
    );
  }
  return networkItemFixtures.get(owner) as Promise<string>;
}
const networkSessionFixtures = new Map<string, Promise<string>>();
/** A network session's fields, a year ahead so it is open for registration. */
const networkSessionFields = (networkId: string) => ({
  networkId,
  title: 'Gemensamt kravmöte',
  startsAt: `${new Date().getUTCFullYear() + 1}-04-01T10:00`,
  endsAt: `${new Date().getUTCFullYear() + 1}-04-01T11:00`,
  format: 'online' as const,
  meetingLink: 'https://meet.example/krav',
  capacity: 100,
});
/** One session of the network per owner, shared by the cells that read it or register for it. */
function fixtureNetworkSession(owner: 'B' | 'rival'): Promise<string> {
  if (!networkSessionFixtures.has(owner)) {
    const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
    networkSessionFixtures.set(
      owner,
      fixtureNetwork(owner).then(async (networkId) => (await buyer.visitor.api.networks.scheduleSession.mutate(networkSessionFields(networkId))).sessionId),
    );
  }
  return networkSessionFixtures.get(owner) as Promise<string>;
}
/** A fresh session of the owner's network, scheduled by its buyer (its admin organisation's), its live room started when `live`. */
async function freshNetworkSession(owner: 'B' | 'rival', live: boolean): Promise<string> {
  const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
  const { sessionId } = await buyer.visitor.api.networks.scheduleSession.mutate(networkSessionFields(await fixtureNetwork(owner)));
  if (live) await buyer.visitor.api.networkLive.start.mutate({ sessionId });
  return sessionId;
}
const liveNetworkSessionFixtures = new Map<string, Promise<string>>();
/** One network session per owner whose live room is open, shared by the cells that ask in it. */
function fixtureLiveNetworkSession(owner: 'B' | 'rival'): Promise<string> {
  if (!liveNetworkSessionFixtures.has(owner)) liveNetworkSessionFixtures.set(owner, freshNetworkSession(owner, true));
  return liveNetworkSessionFixtures.get(owner) as Promise<string>;
}
/** A question asked by the owner's buyer in its live network session, for a cell to hide. */
async function networkLiveQuestion(owner: 'B' | 'rival'): Promise<string> {
  const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
  return (await buyer.visitor.api.networkLive.ask.mutate({ sessionId: await fixtureLiveNetworkSession(owner), body: 'Vilka krav delar vi?' })).questionId;
}
/** A network the other side made and `joined` is a member of (invited and accepted). */
async function networkWithMember(owner: 'B' | 'rival'): Promise<string> {
  const networkId = await newNetwork(owner, 'invitation');
  const [admin, joiner] = owner === 'B' ? [people.buyerOwner, rivalBuyer] : [rivalBuyer, people.buyerOwner];
  await admin.visitor.api.networks.invite.mutate({ networkId, organisationId: joiner.organisationId });
  await joiner.visitor.api.networks.answerInvitation.mutate({ networkId, accept: true });
  return networkId;
}
/**
 * Everything of a network is its members' alone: the own network (B's, for B's buyers) answers,
 * another's answers as a missing one — to other buyers, suppliers, moderators and visitors alike.
 */
const memberOnly = ({ role, ownership }: Cell): Outcome => whenConfirmed(role, ownership === 'own' ? 'ok' : 'NOT_FOUND');
const ownNetworkCell = ({ role, ownership }: Cell, input: (networkId: string) => Promise<Prepared | null>, other: () => Promise<string> = () => fixtureNetwork('rival')) =>
  ownership === 'own' ? (isBuyerOfB(role) ? fixtureNetwork('B').then(input) : Promise.resolve(null)) : other().then(input);
/** Roles that act as the admin (owner) of a supplier or research organisation: they speak for it in consortia. */
const actsAsPartner = (role: Role) => role === 'supplier' || role === 'research' || role === 'moderator' || role === 'admin';

const consortiumFixtures = new Map<string, Promise<unknown>>();
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!consortiumFixtures.has(key)) consortiumFixtures.set(key, make());
  return consortiumFixtures.get(key) as Promise<T>;
}

/** The owner of L, a supplier organisation in no role's hands, who leads the consortia that are no role's own. */
const consortiumLead = () => once('lead', () => register('ConsortiumLead'));

/** A research facility's procurement the rival buyer published: no role is its buyer. */
const fixtureOpportunity = () =>
  once('opportunity', async () => {
    const { opportunityId } = await rivalBuyer.visitor.api.consortia.publishOpportunity.mutate({ title: 'Magneter', facility: 'ESS', description: 'Upphandling av magneter.' });
    return opportunityId;
  });

/** A new research facility's procurement published by `publisher`, for a cell that edits or withdraws it. */
async function newOpportunity(publisher: Person): Promise<string> {
  const { opportunityId } = await publisher.visitor.api.consortia.publishOpportunity.mutate({ title: 'Kryostater', facility: 'MAX IV', description: 'Upphandling av kryostater.' });
  return opportunityId;
}

/** A new consortium for the fixture opportunity, led by `lead`'s organisation, inviting `invite`. */
async function newConsortium(lead: Person, visibility: 'public' | 'buyer', invite: string[]): Promise<string> {
  const { consortiumId } = await lead.visitor.api.consortia.form.mutate({ opportunityId: await fixtureOpportunity(), name: 'Konsortiet', visibility, invite });
  return consortiumId;
}

/** L's public consortium with no role in it, shared by the cells it does not change. */
const fixtureConsortium = (visibility: 'public' | 'buyer') => once(`consortium:${visibility}`, async () => newConsortium(await consortiumLead(), visibility, []));

const capabilityProfile = { summary: 'Vi bygger magneter för acceleratorer.', competences: ['Magneter'], arenaIds: ['big-science' as const] };

const MATRIX: Record<string, ProcedureRow> = {
  // --- accounts -------------------------------------------------------------------------------
  'accounts.me': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role) },
  'accounts.register': {
    ownerships: NONE,
    expect: () => 'ok',
    prepare: ({ role }) =>
      as(role, {
        name: 'Ny Person',
        email: `new-${++serial}@matrix.example`,
        password: PASSWORD,
        representation: 'supplier',
      }),
  },
  'accounts.login': {
    ownerships: NONE,
    expect: () => 'ok',
    prepare: async ({ role }) => {
      const person = role === 'anonymous' ? await register('Throwaway', { confirm: false }) : people[role];
      return { as: people[role], input: { email: person.email, password: PASSWORD }, ...restoring(role) };
    },
  },
  'accounts.logout': { ownerships: NONE, expect: () => 'ok', prepare: async ({ role }) => ({ as: people[role], ...restoring(role) }) },
  'accounts.verifyEmail': {
    // The mailed link is the authority: whoever opens it confirms the address it was sent to.
    ownerships: NONE,
    expect: () => 'ok',
    prepare: async ({ role }) => {
      const newcomer = await register('Newcomer', { confirm: false });
      return as(role, { token: await mailedToken(newcomer.email, 'verify-email') });
    },
  },
  'accounts.resendVerification': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role) },
  'accounts.requestPasswordReset': {
    ownerships: NONE,
    expect: () => 'ok',
    prepare: ({ role }) => as(role, { email: people[role].email || 'nobody@matrix.example' }),
  },
  'accounts.resetPassword': {
    ownerships: NONE,
    expect: () => 'ok',
    prepare: async ({ role }) => {
      const forgetful = await register('Forgetful', { confirm: false });
      await forgetful.visitor.api.accounts.requestPasswordReset.mutate({ email: forgetful.email });
      return as(role, { token: await mailedToken(forgetful.email, 'reset-password'), newPassword: 'ett helt nytt långt lösenord' });
    },
  },
  'accounts.changePassword': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, 'ok'),
    prepare: async ({ role }) => ({ as: people[role], input: { currentPassword: PASSWORD, newPassword: PASSWORD }, ...restoring(role) }),
  },
  'accounts.exportMyData': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role) },
  'accounts.erase': {
    // Erasing is for good: each role's cell erases a new account of that role.
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, 'ok'),
    prepare: async ({ role }) => ({ as: role === 'anonymous' ? people.anonymous : await makePerson(role), input: { password: PASSWORD } }),
  },
  'accounts.block': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenSignedIn(role, role === 'admin' && ownership === 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own') return role === 'anonymous' ? null : as(role, { userId: people[role].userId });
      return as(role, { userId: (await register('Victim', { confirm: false })).userId });
    },
  },

  'accounts.setModerator': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, role === 'admin' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => as(role, { email: (await register('Kandidat')).email, moderator: true }),
  },

  // --- arenas and their library ----------------------------------------------------------------
  'arenas.list': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role) },
  'arenas.get': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { arenaId: 'healthcare' }) },
  'metrics.view': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { arenaId: 'healthcare' }) },
  'library.list': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { arenaId: 'space' }) },
  'library.get': {
    // A registered-only item is a missing one to those who may not see registered-only things.
    ownerships: NONE,
    variants: ['public', 'registered'],
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async ({ role, variant }) => as(role, { itemId: await fixtureLibraryItem('rival', variant === 'registered' ? 'registered' : 'public') }),
  },
  'library.publish': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, isModeratorRole(role) || isBuyerOfB(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, libraryInput('public')),
  },
  'library.revise': {
    // Ownership is the item's organisation: B's (its buyers' own) or the rival buyer's.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isModeratorRole(role) || (isBuyerOfB(role) && ownership === 'own') ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      return as(role, { itemId: await fixtureLibraryItem(ownership === 'own' ? 'B' : 'rival', 'public'), ...libraryInput('public'), note: 'En ny version.' });
    },
  },
  'library.withdraw': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isModeratorRole(role) || (isBuyerOfB(role) && ownership === 'own') ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      // A fresh item per cell: a withdrawn item stays withdrawn.
      return as(role, { itemId: await newLibraryItem(ownership === 'own' ? 'B' : 'rival', 'public'), reason: 'Inaktuellt.' });
    },
  },

  // --- buyers' networks -------------------------------------------------------------------------
  'networks.inArena': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { arenaId: 'healthcare' }) },
  'networks.mine': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role) },
  'networks.get': {
    // Variant public: the rival's network open to join on request, which a verified buyer may see to ask; registered: invitation only.
    ownerships: OWN_OTHER,
    variants: ['public', 'registered'],
    expect: ({ role, ownership, variant }) => (ownership === 'own' || (variant === 'public' && isBuyerOfB(role)) ? 'ok' : 'NOT_FOUND'),
    prepare: async (cell) => {
      if (cell.ownership === 'own') return isBuyerOfB(cell.role) ? as(cell.role, { networkId: await fixtureNetwork('B', cell.variant === 'public' ? 'on-request' : 'invitation') }) : null;
      return as(cell.role, { networkId: await fixtureNetwork('rival', cell.variant === 'public' ? 'on-request' : 'invitation') });
    },
  },
  'networks.discussion': {
    ownerships: OWN_OTHER,
    expect: ({ ownership }) => (ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { discussionId: await fixtureDiscussion(ownership === 'own' ? 'B' : 'rival') })),
  },
  'networks.create': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, isBuyerOfB(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, { name: 'Regionernas nätverk', arenaId: 'healthcare', joining: 'on-request' }),
  },
  'networks.requestToJoin': {
    // Own: a fresh open network of the rival, which only B's verified buyers may see and ask to join. Other: an invitation-only one.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' && isBuyerOfB(role) ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => as(role, { networkId: await newNetwork('rival', ownership === 'own' ? 'on-request' : 'invitation') }),
  },
  'networks.decideRequest': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const [owner, asking] = ownership === 'own' ? (['B', rivalBuyer] as const) : (['rival', people.buyerOwner] as const);
      const networkId = await newNetwork(owner, 'on-request');
      await asking.visitor.api.networks.requestToJoin.mutate({ networkId });
      return as(role, { networkId, organisationId: asking.organisationId, accept: true });
    },
  },
  'networks.invite': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const invited = ownership === 'own' ? rivalBuyer : people.buyerOwner;
      return as(role, { networkId: await newNetwork(ownership === 'own' ? 'B' : 'rival', 'invitation'), organisationId: invited.organisationId });
    },
  },
  'networks.answerInvitation': {
    // Own: the rival invited B; other: a network of the rival that invited nobody.
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const networkId = await newNetwork('rival', 'invitation');
      if (ownership === 'own') await rivalBuyer.visitor.api.networks.invite.mutate({ networkId, organisationId: people.buyerOwner.organisationId });
      return as(role, { networkId, accept: true });
    },
  },
  'networks.leave': {
    // Own: a network of the rival that B joined; other: one B is not in.
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      return as(role, { networkId: ownership === 'own' ? await networkWithMember('rival') : await fixtureNetwork('rival'), reason: '' });
    },
  },
  'networks.remove': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      if (ownership === 'own') return as(role, { networkId: await networkWithMember('B'), organisationId: rivalBuyer.organisationId, reason: 'Inte längre aktuell.' });
      // The rival's network, which B is not in: nobody outside learns who is.
      return as(role, { networkId: await fixtureNetwork('rival'), organisationId: rivalBuyer.organisationId, reason: 'Inte längre aktuell.' });
    },
  },
  'networks.dissolve': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      return as(role, { networkId: await newNetwork(ownership === 'own' ? 'B' : 'rival', 'invitation'), reason: 'Uppdraget är slutfört.' });
    },
  },
  'networks.linkDialogue': {
    // Own: B's network takes B's dialogue; other: the rival's network and the rival's dialogue.
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: (cell) =>
      ownNetworkCell(cell, async (networkId) => as(cell.role, { networkId, dialogueId: (cell.ownership === 'own' ? dialogues.byOwner : dialogues.rival).public })),
  },
  'networks.startDiscussion': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: (cell) => ownNetworkCell(cell, async (networkId) => as(cell.role, { networkId, title: 'Krav på sensorer', body: 'Hur formulerar vi kraven?' })),
  },
  'networks.post': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) =>
      ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { discussionId: await fixtureDiscussion(ownership === 'own' ? 'B' : 'rival'), body: 'Vi är med.' }),
  },

  'networks.editPost': {
    // Own: the role's own post in B's network; other: the rival's post in the rival's network, a missing one to everyone outside.
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const author = ownership === 'own' ? people[role] : rivalBuyer;
      const { postId } = await author.visitor.api.networks.post.mutate({ discussionId: await fixtureDiscussion(ownership === 'own' ? 'B' : 'rival'), body: 'Vi är med.' });
      return as(role, { postId, body: 'Vi är med, med förbehåll.' });
    },
  },
  'networks.hidePost': {
    // Own: a post in B's network, which B (its admin organisation) hides; other: a post in the rival's,
    // which moderators hide from outside and everyone else finds missing. A fresh post per cell.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' || isModeratorRole(role) ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const author = ownership === 'own' ? people.buyerOwner : rivalBuyer;
      const { postId } = await author.visitor.api.networks.post.mutate({ discussionId: await fixtureDiscussion(ownership === 'own' ? 'B' : 'rival'), body: 'Ett inlägg att dölja.' });
      return as(role, { postId, reason: 'Hör inte hit.' });
    },
  },

  'networks.libraryItem': {
    // Own: an item of B's network; other: one of the rival's, a missing item to everyone outside.
    ownerships: OWN_OTHER,
    expect: ({ ownership }) => (ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { itemId: await fixtureNetworkItem(ownership === 'own' ? 'B' : 'rival') })),
  },
  'networks.publishItem': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: (cell) => ownNetworkCell(cell, async (networkId) => as(cell.role, { networkId, title: 'Kravmall', body: 'Gemensamma krav att utgå från.' })),
  },
  'networks.session': {
    // Own: a session of B's network; other: one of the rival's, a missing session to everyone outside.
    ownerships: OWN_OTHER,
    expect: ({ ownership }) => (ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { sessionId: await fixtureNetworkSession(ownership === 'own' ? 'B' : 'rival') })),
  },
  'networks.scheduleSession': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: (cell) => ownNetworkCell(cell, async (networkId) => as(cell.role, networkSessionFields(networkId))),
  },
  'networks.registerForSession': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { sessionId: await fixtureNetworkSession(ownership === 'own' ? 'B' : 'rival') })),
  },
  'networks.unregisterFromSession': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { sessionId: await fixtureNetworkSession(ownership === 'own' ? 'B' : 'rival') })),
  },
  'networks.cancelSession': {
    // Own: a fresh session of B's network (B, its admin organisation, may cancel any); other: the
    // rival's, a missing session to everyone outside.
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const sessionId =
        ownership === 'own'
          ? (await people.buyerOwner.visitor.api.networks.scheduleSession.mutate(networkSessionFields(await fixtureNetwork('B')))).sessionId
          : await fixtureNetworkSession('rival');
      return as(role, { sessionId, reason: 'Mötet ställs in.' });
    },
  },
  'networks.editSession': {
    // Own: the session of B's network (B, its admin organisation, may change any), changed to the same
    // fields; other: the rival's, a missing session to everyone outside.
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const { networkId: _, ...fields } = networkSessionFields('');
      return as(role, { sessionId: await fixtureNetworkSession(ownership === 'own' ? 'B' : 'rival'), ...fields });
    },
  },
  // A network session's live room: B's (whose buyers are its admin organisation's, so hosts) for
  // them; the rival's answers as a missing session to everyone outside, as does B's to the rest.
  'networkLive.get': {
    ownerships: OWN_OTHER,
    expect: ({ ownership }) => (ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { sessionId: await fixtureNetworkSession(ownership === 'own' ? 'B' : 'rival') })),
  },
  'networkLive.start': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { sessionId: ownership === 'own' ? await freshNetworkSession('B', false) : await fixtureNetworkSession('rival') })),
  },
  'networkLive.end': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) => (ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { sessionId: await freshNetworkSession(ownership === 'own' ? 'B' : 'rival', true) })),
  },
  'networkLive.ask': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) =>
      ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { sessionId: await fixtureLiveNetworkSession(ownership === 'own' ? 'B' : 'rival'), body: 'Hur delar vi upp kraven?' }),
  },
  'networkLive.hideQuestion': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) =>
      ownership === 'own' && !isBuyerOfB(role) ? null : as(role, { questionId: await networkLiveQuestion(ownership === 'own' ? 'B' : 'rival'), reason: 'Hör inte hit.' }),
  },
  'networks.reviseItem': {
    ownerships: OWN_OTHER,
    expect: memberOnly,
    prepare: async ({ role, ownership }) =>
      ownership === 'own' && !isBuyerOfB(role)
        ? null
        : as(role, { itemId: await fixtureNetworkItem(ownership === 'own' ? 'B' : 'rival'), title: 'Kravmall', body: 'Gemensamma krav, nästa utkast.', note: 'Nästa utkast' }),
  },

  // --- the pioneer relay ------------------------------------------------------------------------
  'relay.chains': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { arenaId: 'healthcare' }) },
  'relay.mine': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, {}) },
  'relay.get': {
    // A registered-only project is a missing one to those who may not see registered-only things.
    ownerships: NONE,
    variants: ['public', 'registered'],
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async ({ role, variant }) => as(role, { projectId: await fixtureRelayProject('rival', variant === 'registered' ? 'registered' : 'public') }),
  },
  'relay.create': {
    // Only B's verified buyers may make a project of B's dialogue.
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, isBuyerOfB(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, { title: 'Nytt stafettprojekt', arenaId: 'healthcare', dialogueIds: [dialogues.byOwner.public] }),
  },
  'relay.publishHandover': {
    // Ownership is the project's organisation: B's (its buyers' own) or the rival's. A fresh project per cell.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      return as(role, { projectId: await newRelayProject(ownership === 'own' ? 'B' : 'rival', { handover: false }), ...relayHandover });
    },
  },
  'relay.reviseHandover': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      return as(role, { projectId: await fixtureRelayProject(ownership === 'own' ? 'B' : 'rival'), ...relayHandover, note: 'Nästa steg.' });
    },
  },
  'relay.withdrawHandover': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isModeratorRole(role) || (isBuyerOfB(role) && ownership === 'own') ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      // A fresh project per cell: a withdrawn handover stays withdrawn.
      return as(role, { projectId: await newRelayProject(ownership === 'own' ? 'B' : 'rival'), reason: 'Fel uppgifter.' });
    },
  },
  'relay.takeBaton': {
    // Own: B's project takes the rival's baton. Other: the rival's project taking B's, which nobody else may do for it.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const [taker, from] = ownership === 'own' ? ['B', 'rival'] as const : ['rival', 'B'] as const;
      return as(role, { projectId: await newRelayProject(taker, { handover: false }), fromProjectIds: [await fixtureRelayProject(from)] });
    },
  },
  'relay.linkMeeting': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      const owner = ownership === 'own' ? 'B' : 'rival';
      const dialogueId = (owner === 'B' ? dialogues.byOwner : dialogues.rival).public;
      return as(role, { projectId: await fixtureRelayProject(owner), sessionId: sessions.get(dialogueId) });
    },
  },
  'relay.setContact': {
    // People of the project's organisation offer help themselves; nobody does it for another organisation.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !isBuyerOfB(role)) return null;
      return as(role, { projectId: await fixtureRelayProject(ownership === 'own' ? 'B' : 'rival'), offering: false });
    },
  },
  'relay.post': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, postsInRelay(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => as(role, { projectId: await fixtureRelayProject('rival'), body: 'Vem bar risken?' }),
  },
  'relay.editPost': {
    // Own: the role's own post (for those who may write one); other: the rival buyer's.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !postsInRelay(role)) return null;
      return as(role, { postId: await newRelayPost(ownership === 'own' ? people[role] : rivalBuyer), body: 'Hur lång var pilotfasen?', note: '' });
    },
  },
  'relay.hidePost': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => as(role, { postId: await newRelayPost(rivalBuyer), reason: 'Reklam.' }),
  },

  // --- consortia --------------------------------------------------------------------------------
  'consortia.profile': {
    ownerships: NONE,
    expect: () => 'ok',
    prepare: async ({ role }) => {
      const lead = await consortiumLead();
      await once('profile', () => lead.visitor.api.consortia.saveProfile.mutate(capabilityProfile));
      return as(role, { organisationId: lead.organisationId });
    },
  },
  'consortia.profiles': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { competence: 'magneter', arenaId: 'big-science' }) },
  'consortia.opportunity': { ownerships: NONE, expect: () => 'ok', prepare: async ({ role }) => as(role, { opportunityId: await fixtureOpportunity() }) },
  'consortia.arena': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { arenaId: 'big-science' }) },
  'consortia.mine': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role) },
  'consortia.consortium': {
    // 'registered' stands for a consortium kept to the buyer (the rival): to every role outside it but moderators, a missing one.
    ownerships: NONE,
    variants: ['public', 'registered'],
    expect: ({ role, variant }) => (variant === 'registered' && !isModeratorRole(role) ? 'NOT_FOUND' : 'ok'),
    prepare: async ({ role, variant }) => as(role, { consortiumId: await fixtureConsortium(variant === 'registered' ? 'buyer' : 'public') }),
  },
  'consortia.saveProfile': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, actsAsPartner(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, capabilityProfile),
  },
  'consortia.publishOpportunity': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, isBuyerOfB(role) || isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, { title: 'Detektorer', facility: 'MAX IV', description: 'Upphandling av detektorer.' }),
  },
  'consortia.editOpportunity': {
    // Own: an opportunity the role published (B's buyers for B, a moderator for none); other: the rival buyer's.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !(isBuyerOfB(role) || isModeratorRole(role))) return null;
      const opportunityId = ownership === 'own' ? await newOpportunity(people[role]) : await fixtureOpportunity();
      return as(role, { opportunityId, title: 'Magneter, fler', facility: 'ESS', description: 'Upphandling av fler magneter.', arenaId: 'big-science', expectedAt: null, note: 'Fler.' });
    },
  },
  'consortia.withdrawOpportunity': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !(isBuyerOfB(role) || isModeratorRole(role))) return null;
      const opportunityId = ownership === 'own' ? await newOpportunity(people[role]) : await fixtureOpportunity();
      return as(role, { opportunityId, reason: 'Upphandlingen skjuts upp.' });
    },
  },
  'consortia.openForDialogue': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, 'ok'),
    prepare: ({ role }) => as(role, { dialogueId: dialogues.rival.public }),
  },
  'consortia.declareInterest': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, actsAsPartner(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => as(role, { opportunityId: await fixtureOpportunity(), interested: true }),
  },
  'consortia.form': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, actsAsPartner(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => as(role, { opportunityId: await fixtureOpportunity(), name: 'Rollens konsortium', visibility: 'public' }),
  },
  'consortia.invite': {
    // Own: a consortium the role's organisation leads; other: L's, which only L's admin grows.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !actsAsPartner(role)) return null;
      const lead = await consortiumLead();
      const consortiumId = ownership === 'own' ? await newConsortium(people[role], 'public', []) : await fixtureConsortium('public');
      return as(role, { consortiumId, organisationIds: [ownership === 'own' ? lead.organisationId : I] });
    },
  },
  'consortia.confirm': {
    // Own: L invited the role's organisation; other: L's consortium, to which it was not invited.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !actsAsPartner(role)) return null;
      const consortiumId = ownership === 'own' ? await newConsortium(await consortiumLead(), 'public', [people[role].organisationId]) : await fixtureConsortium('public');
      return as(role, { consortiumId, visibility: 'public' });
    },
  },
  'consortia.decline': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !actsAsPartner(role)) return null;
      const consortiumId = ownership === 'own' ? await newConsortium(await consortiumLead(), 'public', [people[role].organisationId]) : await fixtureConsortium('public');
      return as(role, { consortiumId });
    },
  },
  'consortia.leave': {
    // Own: the role's organisation confirmed its place in L's consortium; other: L's, where it has none.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !actsAsPartner(role)) return null;
      if (ownership === 'other') return as(role, { consortiumId: await fixtureConsortium('public') });
      const consortiumId = await newConsortium(await consortiumLead(), 'public', [people[role].organisationId]);
      await people[role].visitor.api.consortia.confirm.mutate({ consortiumId, visibility: 'public' });
      return as(role, { consortiumId, reason: '' });
    },
  },
  'consortia.remove': {
    // Own: the role's organisation leads and removes L; other: L leads, and the role would remove I.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !actsAsPartner(role)) return null;
      const lead = await consortiumLead();
      if (ownership === 'own') return as(role, { consortiumId: await newConsortium(people[role], 'public', [lead.organisationId]), organisationId: lead.organisationId, reason: 'Fel inbjuden.' });
      return as(role, { consortiumId: await once('consortium:with-I', () => newConsortium(lead, 'public', [I])), organisationId: I, reason: 'Fel inbjuden.' });
    },
  },
  'consortia.chooseVisibility': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && !actsAsPartner(role)) return null;
      const consortiumId = ownership === 'own' ? await newConsortium(people[role], 'public', []) : await fixtureConsortium('public');
      return as(role, { consortiumId, visibility: 'buyer' });
    },
  },

  // --- organisations --------------------------------------------------------------------------
  'organisations.get': {
    // Anyone sees an organisation; its members and join requests only its owners and moderators.
    ownerships: OWN_OTHER,
    expect: () => 'ok',
    prepare: async (cell) => {
      const organisationId = organisationFor(cell);
      if (!organisationId) return null;
      const managesIt = isModeratorRole(cell.role) || (cell.ownership === 'own' && ownsItsOrganisation(cell.role));
      return {
        ...(await as(cell.role, { organisationId })),
        check: (data) => {
          const view = data as OrganisationView;
          expect({ members: view.members !== null, joinRequests: view.joinRequests !== null }).toEqual({ members: managesIt, joinRequests: managesIt });
        },
      };
    },
  },
  'organisations.mine': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role) },
  'organisations.find': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { q: '' }) },
  'organisations.verificationQueue': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role),
  },
  'organisations.create': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, 'ok'),
    prepare: ({ role }) => as(role, { name: 'Matrisbolaget', kind: 'supplier' }),
  },
  'organisations.requestToJoin': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ALREADY_MEMBER' : 'ok'),
    prepare: async (cell) => {
      const organisationId = organisationFor(cell);
      return organisationId ? as(cell.role, { organisationId }) : null;
    },
  },
  'organisations.decideJoinRequest': {
    // A request to join the organisation the role acts for, or to T. Declined, so none is consumed for good.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' && ownsItsOrganisation(role) ? 'ok' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const organisationId = organisationFor(cell);
      return organisationId ? as(cell.role, { requestId: await pendingRequest(requester, organisationId), approve: false }) : null;
    },
  },
  'organisations.invite': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' && ownsItsOrganisation(role) ? 'ok' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const organisationId = organisationFor(cell);
      return organisationId ? as(cell.role, { organisationId, email: 'invitee@matrix.example' }) : null;
    },
  },
  'organisations.acceptInvitation': {
    // An invitation (to I) sent to the role's own address, or one sent to somebody else.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'INVALID_TOKEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own') {
        if (role === 'anonymous') return null;
        await inviter.visitor.api.organisations.invite.mutate({ organisationId: I, email: people[role].email });
        // Accepting makes the role act for I: it acts for its own organisation again afterwards.
        return { ...(await as(role, { token: await mailedToken(people[role].email, 'invitations/accept') })), after: () => actForOwn(role) };
      }
      if (!strangerInvitation) {
        await inviter.visitor.api.organisations.invite.mutate({ organisationId: I, email: 'stranger@matrix.example' });
        strangerInvitation = await mailedToken('stranger@matrix.example', 'invitations/accept');
      }
      return as(role, { token: strangerInvitation });
    },
  },
  'organisations.invitationsForMe': { ownerships: NONE, expect: ({ role }) => whenConfirmed(role, 'ok'), prepare: ({ role }) => as(role) },
  'organisations.acceptInvitationFor': {
    // As acceptInvitation, naming the invitation by its id (from the invitee's own list).
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'INVALID_TOKEN'),
    prepare: async ({ role, ownership }) => {
      const email = ownership === 'own' ? people[role].email : 'stranger@matrix.example';
      if (!email) return null;
      await inviter.visitor.api.organisations.invite.mutate({ organisationId: I, email });
      const invitation = await server.app.services.store.collection<{ _id: string }>('invitations').findOne({ email, usedAt: null });
      return { ...(await as(role, { invitationId: invitation?._id })), after: () => actForOwn(role) };
    },
  },
  'organisations.setMemberRole': {
    // Each call sets the role a member already has, so what is tested is only who may.
    ownerships: ALL_OWNERSHIPS,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership !== 'other' && ownsItsOrganisation(role) ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'other') return as(role, { organisationId: T, userId: targetOwner.userId, role: 'owner' });
      if (!people[role].organisationId) return null; // anonymous, or not yet in an organisation
      const organisationId = people[role].organisationId;
      if (ownership === 'own') return as(role, { organisationId, userId: people[role].userId, role: role === 'buyerMember' ? 'member' : 'owner' });
      if (role === 'buyerOwner') return as(role, { organisationId, userId: people.buyerMember.userId, role: 'member' });
      if (role === 'buyerMember') return as(role, { organisationId, userId: people.buyerOwner.userId, role: 'owner' });
      return WITH_COLLEAGUE.includes(role) ? as(role, { organisationId, userId: colleague.userId, role: 'member' }) : null;
    },
  },
  'organisations.removeMember': {
    // Leaving (own): a member may, the last owner may not. Removing a colleague (same): owners only.
    ownerships: ALL_OWNERSHIPS,
    expect: ({ role, ownership }) =>
      whenConfirmed(
        role,
        ownership === 'own' ? (role === 'buyerMember' ? 'ok' : 'LAST_OWNER') : ownership === 'same' && ownsItsOrganisation(role) ? 'ok' : 'NOT_FOUND',
      ),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'other') return as(role, { organisationId: T, userId: targetOwner.userId });
      if (!people[role].organisationId) return null; // anonymous, or not yet in an organisation
      const organisationId = people[role].organisationId;
      if (ownership === 'own') {
        // The buyer member really leaves B: a new buyer member does, so the shared one stays.
        const leaver = role === 'buyerMember' ? await makePerson('buyerMember') : people[role];
        return { as: leaver, input: { organisationId, userId: leaver.userId } };
      }
      if (role === 'buyerMember') return as(role, { organisationId, userId: people.buyerOwner.userId });
      if (role !== 'buyerOwner' && !WITH_COLLEAGUE.includes(role)) return null;
      const removed = await register('Removed');
      await join(removed, organisationId, people[role]);
      return as(role, { organisationId, userId: removed.userId });
    },
  },
  'organisations.actFor': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const organisationId = organisationFor(cell);
      return organisationId ? as(cell.role, { organisationId }) : null;
    },
  },
  'organisations.verify': {
    // The role's own organisation, or a new unverified buyer organisation of somebody else.
    ownerships: OWN_OTHER,
    // Separation of duties: a moderator does not verify their own organisation.
    expect: ({ role, ownership }) => whenSignedIn(role, isModeratorRole(role) && ownership === 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own') return !people[role].organisationId ? null : as(role, { organisationId: people[role].organisationId });
      const { organisationId } = await targetOwner.visitor.api.organisations.create.mutate({ name: 'Overifierade kommunen', kind: 'buyer' });
      return as(role, { organisationId });
    },
  },

  'organisations.update': {
    // Each call gives the name the organisation has, so what is tested is only who may.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' && ownsItsOrganisation(role) ? 'ok' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const organisationId = organisationFor(cell);
      if (!organisationId) return null;
      const { name } = await fixtureAdmin.api.organisations.get.query({ organisationId });
      return as(cell.role, { organisationId, name });
    },
  },
  'organisations.requestVerification': {
    // Owners of a buyer organisation ask (B is verified, the unverified buyer's has asked: both change nothing); no other kind is verified.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) =>
      whenConfirmed(
        role,
        ownership === 'other' || !ownsItsOrganisation(role) ? 'NOT_FOUND' : role === 'buyerOwner' || role === 'unverifiedBuyer' ? 'ok' : 'VALIDATION',
      ),
    prepare: async (cell) => {
      const organisationId = organisationFor(cell);
      return organisationId ? as(cell.role, { organisationId }) : null;
    },
  },
  'organisations.rejectVerification': {
    // Like verifying: moderators, never for their own organisation; a fresh buyer organisation per cell.
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenSignedIn(role, isModeratorRole(role) && ownership === 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, ownership }) => {
      const reason = 'Numret hör till en annan myndighet.';
      if (ownership === 'own') return !people[role].organisationId ? null : as(role, { organisationId: people[role].organisationId, reason });
      const { organisationId } = await targetOwner.visitor.api.organisations.create.mutate({ name: 'Tveksamma kommunen', kind: 'buyer' });
      return as(role, { organisationId, reason });
    },
  },
  'organisations.merge': {
    // Two fresh records of one organisation per cell; only moderators merge.
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => {
      const create = () => targetOwner.visitor.api.organisations.create.mutate({ name: `Dubbletten ${++serial}`, kind: 'research' });
      const [duplicate, original] = await Promise.all([create(), create()]);
      return as(role, { organisationId: duplicate.organisationId, intoOrganisationId: original.organisationId });
    },
  },

  // --- dialogues ------------------------------------------------------------------------------
  'dialogues.list': {
    ownerships: NONE,
    expect: () => 'ok',
    prepare: async ({ role }) => ({
      ...(await as(role, {})),
      check: (data) => {
        const ids = (data as DialogueSummary[]).map((dialogue) => dialogue.id);
        expect(ids).toContain(dialogues.byOwner.public);
        expect(ids.includes(dialogues.byOwner.registered)).toBe(seesRegistered(role));
      },
    }),
  },
  'dialogues.get': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const owns = isBuyerOfB(cell.role) && cell.ownership !== 'other';
      return {
        ...(await as(cell.role, { dialogueId })),
        check: (data) => {
          const { viewer } = data as DialogueView;
          expect({ isOwner: viewer.isOwner, canAnswer: viewer.canAnswer }).toEqual({ isOwner: owns, canAnswer: owns });
        },
      };
    },
  },
  'dialogues.create': {
    ownerships: NONE,
    expect: ({ role }) => whenConfirmed(role, isBuyerOfB(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, dialogueInput('Ny dialog från matrisen', 'public')),
  },
  'dialogues.setQuestionDeadline': {
    // The closed dialogues stay closed: their new deadline is in the past too, which is refused.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership, variant }) =>
      whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? (variant === 'closed' ? 'DEADLINE_IN_PAST' : 'ok') : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId, questionDeadline: cell.variant === 'closed' ? pastDeadline() : futureDeadline() }) : null;
    },
  },

  'dialogues.history': {
    // The record of a dialogue's edits is as public as the dialogue.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId }) : null;
    },
  },
  'dialogues.update': {
    // A new reference number each time, so every allowed call is a real change (a closed dialogue's too).
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId, referenceNumber: `Dnr ${++serial}`, cpvCodes: ['45000000-7'] }) : null;
    },
  },
  'dialogues.setArchived': {
    // Archived by the cell, brought back by its owner after it, so the fixtures keep taking questions.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const owner = Object.values(dialogues.rival).includes(dialogueId) ? rivalBuyer : people.buyerOwner;
      return {
        ...(await as(cell.role, { dialogueId, archived: true })),
        after: async () => void (await owner.visitor.api.dialogues.setArchived.mutate({ dialogueId, archived: false })),
      };
    },
  },

  'dialogues.addOwner': {
    // Joint procurement: the owning buyers add another verified buyer organisation (a fresh one per cell).
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const coOwner = await register('Medbestallare', { representation: 'buyer' });
      await fixtureAdmin.api.organisations.verify.mutate({ organisationId: coOwner.organisationId });
      return as(cell.role, { dialogueId, organisationId: coOwner.organisationId });
    },
  },

  'dialogues.recordOutcome': {
    // Its owner ends the procurement (archives it) before the cell records how it went, and brings it
    // back after, so the fixtures keep taking questions.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const owner = Object.values(dialogues.rival).includes(dialogueId) ? rivalBuyer : people.buyerOwner;
      await owner.visitor.api.dialogues.setArchived.mutate({ dialogueId, archived: true });
      return {
        ...(await as(cell.role, { dialogueId, procuredInnovation: true, newToMarket: ++serial % 2 === 0, contractValueBand: '1m-10m' })),
        after: async () => void (await owner.visitor.api.dialogues.setArchived.mutate({ dialogueId, archived: false })),
      };
    },
  },
  'dialogues.setQaMode': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const owner = Object.values(dialogues.rival).includes(dialogueId) ? rivalBuyer : people.buyerOwner;
      return {
        ...(await as(cell.role, { dialogueId, qaMode: 'moderated' })),
        after: async () => void (await owner.visitor.api.dialogues.setQaMode.mutate({ dialogueId, qaMode: 'open' })),
      };
    },
  },

  // --- threads --------------------------------------------------------------------------------
  'threads.list': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId }) : null;
    },
  },
  'threads.get': {
    // Ownership here is the question's: asked by the role, by a colleague, by another organisation.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      if (!threadId) return null;
      return {
        ...(await as(cell.role, { threadId })),
        check: (data) => {
          expect((data as { thread: ThreadView }).thread.question.author.kind).toBe(seesAsker(cell) ? 'person' : 'pseudonym');
        },
      };
    },
  },
  'threads.ask': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership, variant }) =>
      whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'FORBIDDEN' : variant === 'closed' ? 'DEADLINE_PASSED' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId, ...question(cell.variant) }) : null;
    },
  },
  'threads.answer': {
    // Ownership here is the dialogue's: only its buyers answer, in time or after the deadline.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { threadId: threads.byDialogue.get(dialogueId), body: 'Ja, det gäller alla.' }) : null;
    },
  },

  'threads.changes': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId, afterChange: 0 }) : null;
    },
  },
  'threads.inbox': {
    // The buyers' inbox is theirs (and moderators'); to anyone else it is a missing dialogue.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership, variant }) => {
      if (!seesRegistered(role) && variant === 'registered') return 'NOT_FOUND';
      return (isBuyerOfB(role) && ownership !== 'other') || isModeratorRole(role) ? 'ok' : 'NOT_FOUND';
    },
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId }) : null;
    },
  },
  'threads.history': {
    // A question's earlier versions may hold what a redaction took out: for those who may know the asker.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => (!seesRegistered(cell.role) && cell.variant === 'registered' ? 'NOT_FOUND' : seesAsker(cell) ? 'ok' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      return threadId ? as(cell.role, { postId: await questionPostOf(threadId) }) : null;
    },
  },
  'threads.publish': {
    // A question waiting in the inbox is the buyers' and moderators' to see, the buyers' to publish.
    ownerships: ALL_OWNERSHIPS,
    variants: ['public', 'registered'],
    expect: ({ role, ownership }) =>
      whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : isModeratorRole(role) ? 'FORBIDDEN' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { threadId: await pendingQuestionIn(dialogueId), answer: 'Svar till alla.' }) : null;
    },
  },
  'threads.answerPrivately': {
    ownerships: ALL_OWNERSHIPS,
    variants: ['public', 'registered'],
    expect: ({ role, ownership }) =>
      whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : isModeratorRole(role) ? 'FORBIDDEN' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      return as(cell.role, { threadId: await pendingQuestionIn(dialogueId), body: 'Svar till frågeställaren.', reason: 'Gäller bara deras egen anläggning.' });
    },
  },
  'threads.comment': {
    // Open discussion: everyone who may see the thread comments; after the deadline only its buyers.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership, variant }) =>
      whenConfirmed(role, variant === 'closed' && !(isBuyerOfB(role) && ownership === 'other') ? 'DEADLINE_PASSED' : 'ok'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      return threadId ? as(cell.role, { threadId, body: 'En följdfråga.' }) : null;
    },
  },
  'threads.edit': {
    // Authors edit their own question until it is answered, and not after the deadline.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership, variant }) => whenConfirmed(role, ownership !== 'own' ? 'FORBIDDEN' : variant === 'closed' ? 'DEADLINE_PASSED' : 'ok'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      return threadId ? as(cell.role, { postId: await questionPostOf(threadId), body: 'Gäller kravet även för mindre leverantörer och konsortier?' }) : null;
    },
  },
  'threads.redact': {
    // Ownership here is the question's; only the buyers of the dialogue it is in redact it.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership === 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      return threadId ? as(cell.role, { threadId, ...question(cell.variant), note: 'Företagsnamn borttaget.' }) : null;
    },
  },
  'threads.correct': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { postId: answers.get(dialogueId), body: 'Rättat svar.', note: 'Fel årtal.' }) : null;
    },
  },
  'threads.vote': {
    // "I want to know too": on others' questions, not by the dialogue's own buyers.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' || (isBuyerOfB(role) && ownership === 'other') ? 'FORBIDDEN' : 'ok'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      return threadId ? as(cell.role, { threadId, wants: true }) : null;
    },
  },
  'threads.flag': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role }) => whenConfirmed(role, 'ok'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      return threadId ? as(cell.role, { postId: await questionPostOf(threadId), reason: 'Ser ut som reklam.' }) : null;
    },
  },
  'threads.flags': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'), prepare: ({ role }) => as(role) },
  'threads.hide': {
    ownerships: NONE,
    variants: VARIANTS,
    expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => as(cell.role, { postId: await freshComment(cell.variant), reason: 'Personangrepp.' }),
  },
  'threads.dismissFlag': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => {
      const postId = await freshComment('public');
      await asker.visitor.api.threads.flag.mutate({ postId, reason: 'Stör.' });
      const flag = (await fixtureAdmin.api.threads.flags.query()).find((candidate) => candidate.postId === postId);
      return as(role, { flagId: flag?.id });
    },
  },
  'threads.lock': {
    ownerships: NONE,
    variants: VARIANTS,
    expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, variant }) => {
      const threadId = threads.other[variant ?? 'public'];
      return { ...(await as(role, { threadId, reason: 'Utrett.' })), after: async () => void (await fixtureAdmin.api.threads.unlock.mutate({ threadId })) };
    },
  },
  'threads.unlock': {
    ownerships: NONE,
    variants: VARIANTS,
    expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role, variant }) => {
      const threadId = threads.other[variant ?? 'public'];
      await fixtureAdmin.api.threads.lock.mutate({ threadId, reason: 'Utrett.' });
      return { ...(await as(role, { threadId })), after: async () => void (await fixtureAdmin.api.threads.unlock.mutate({ threadId })) };
    },
  },

  // --- sessions -------------------------------------------------------------------------------
  'sessions.list': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId }) : null;
    },
  },
  'sessions.get': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: sessions.get(dialogueId) }) : null;
    },
  },
  'sessions.registrations': {
    // Who is coming: for the hosts; to anyone else as a missing session.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => (isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'NOT_FOUND'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: sessions.get(dialogueId) }) : null;
    },
  },
  'sessions.create': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId, ...sessionFields() }) : null;
    },
  },
  'sessions.update': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const sessionId = sessions.get(dialogueId) ?? '';
      const current = await ownerOfDialogue(dialogueId).visitor.api.sessions.get.query({ sessionId });
      return as(cell.role, { sessionId, ...sessionFields(), startsAt: current.local.startsAt, endsAt: current.local.endsAt, title: 'Dialogmöte, ändrat' });
    },
  },
  'sessions.cancel': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const { sessionId } = await ownerOfDialogue(dialogueId).visitor.api.sessions.create.mutate({ dialogueId, ...sessionFields() });
      return as(cell.role, { sessionId, reason: 'Flyttas.' });
    },
  },
  'sessions.start': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const { sessionId } = await ownerOfDialogue(dialogueId).visitor.api.sessions.create.mutate({ dialogueId, ...sessionFields() });
      return as(cell.role, { sessionId });
    },
  },
  'sessions.end': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const owner = ownerOfDialogue(dialogueId).visitor.api;
      const { sessionId } = await owner.sessions.create.mutate({ dialogueId, ...sessionFields() });
      await owner.sessions.start.mutate({ sessionId });
      return as(cell.role, { sessionId });
    },
  },
  'sessions.register': {
    // Members of other organisations register; the dialogue's buyers host.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'FORBIDDEN' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const sessionId = sessions.get(dialogueId);
      return { ...(await as(cell.role, { sessionId })), after: async () => void (await call(people[cell.role], 'sessions.unregister', { sessionId })) };
    },
  },
  'sessions.unregister': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role }) => whenConfirmed(role, 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: sessions.get(dialogueId) }) : null;
    },
  },

  // --- one-to-one meetings ---------------------------------------------------------------------
  'meetings.rounds': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId }) : null;
    },
  },
  'meetings.round': {
    // Before the round closes, who booked is for the buyers and the booking organisation alone.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const { roundId } = rounds.get(dialogueId) ?? (await freshRound(dialogueId, asker));
      rounds.set(dialogueId, { roundId });
      const host = isBuyerOfB(cell.role) && cell.ownership !== 'other';
      return {
        ...(await as(cell.role, { roundId })),
        check: (data) => {
          const booked = (data as { slots: { booked: boolean; supplier: unknown }[] }).slots.filter((slot) => slot.booked);
          expect(booked.length).toBe(1);
          expect(booked[0]!.supplier !== null).toBe(host);
        },
      };
    },
  },
  'meetings.openRound': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId
        ? as(cell.role, { dialogueId, title: 'Enskilda möten', firstStartsAt: `${sessionYear}-06-02T09:00`, slotMinutes: 30, slotCount: 3, place: 'online', meetingLink: 'https://meet.example/r' })
        : null;
    },
  },
  'meetings.book': {
    // Members of other organisations book; the dialogue's buyers hold the meetings.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'FORBIDDEN' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const { slotId } = await freshRound(dialogueId);
      return as(cell.role, { slotId });
    },
  },
  'meetings.cancelBooking': {
    // Another organisation's booking: only the buyers may give it back.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const { slotId } = await freshRound(dialogueId, asker);
      return as(cell.role, { slotId });
    },
  },
  'meetings.recordMinutes': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const { slotId } = await freshRound(dialogueId, asker);
      return as(cell.role, { slotId, minutes: 'Leverantören berättade om sin lösning.' });
    },
  },
  'meetings.closeRound': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, ownership }) => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const { roundId } = await freshRound(dialogueId);
      return as(cell.role, { roundId });
    },
  },

  // --- calendars ------------------------------------------------------------------------------
  'calendar.feeds': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role) },
  'calendar.createFeed': {
    // A feed of a dialogue the role may not see is refused as for a missing dialogue.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => whenConfirmed(role, !seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { scope: 'dialogue', dialogueId }) : null;
    },
  },
  'calendar.revokeFeed': {
    // One's own feed is revoked; someone else's is left alone and the answer says nothing of it.
    ownerships: OWN_OTHER,
    expect: ({ role }) => whenSignedIn(role, 'ok'),
    prepare: async ({ role, ownership }) => {
      // Only confirmed people make feeds: for the others there is no own one to revoke.
      if (ownership === 'own' && (role === 'anonymous' || role === 'unconfirmed')) return null;
      const owner = ownership === 'own' ? people[role] : asker;
      const { feedId } = await owner.visitor.api.calendar.createFeed.mutate({ scope: 'person' });
      return {
        as: people[role],
        input: { feedId },
        after: async () => {
          const left = await owner.visitor.api.calendar.feeds.query();
          if (left.some((feed) => feed.id === feedId) !== (ownership === 'other')) throw new Error(`calendar.revokeFeed as ${role} (${ownership}) left the feed wrong`);
        },
      };
    },
  },

  // --- live rooms -----------------------------------------------------------------------------
  'liveRoom.get': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: await liveSessionIn(dialogueId) }) : null;
    },
  },
  'liveRoom.changes': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: await liveSessionIn(dialogueId), since: 0 }) : null;
    },
  },
  'liveRoom.ask': {
    // Those who may register take part; the dialogue's question deadline holds in the room too.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'FORBIDDEN' : cell.variant === 'closed' ? 'DEADLINE_PASSED' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: await liveSessionIn(dialogueId), body: 'Vad kostar det?' }) : null;
    },
  },
  'liveRoom.vote': {
    ownerships: ALL_OWNERSHIPS,
    variants: OPEN_VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'FORBIDDEN' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { questionId: await liveQuestionIn(dialogueId), up: true }) : null;
    },
  },
  'liveRoom.approve': {
    ownerships: ALL_OWNERSHIPS,
    variants: OPEN_VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { questionId: await liveQuestionIn(dialogueId, true) }) : null;
    },
  },
  'liveRoom.hide': {
    ownerships: ALL_OWNERSHIPS,
    variants: OPEN_VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { questionId: await liveQuestionIn(dialogueId), reason: 'Utanför ämnet.' }) : null;
    },
  },
  'liveRoom.pin': {
    ownerships: ALL_OWNERSHIPS,
    variants: OPEN_VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { questionId: await liveQuestionIn(dialogueId), pinned: true }) : null;
    },
  },
  'liveRoom.answer': {
    ownerships: ALL_OWNERSHIPS,
    variants: OPEN_VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { questionId: await liveQuestionIn(dialogueId), answer: 'Enligt tidplanen.' }) : null;
    },
  },
  'liveRoom.setApproval': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: await freshLiveSession(dialogueId), questionsNeedApproval: true }) : null;
    },
  },
  'liveRoom.announce': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: await liveSessionIn(dialogueId), body: 'Paus i fem minuter.' }) : null;
    },
  },
  'liveRoom.openPoll': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { sessionId: await liveSessionIn(dialogueId), question: 'Vilken dag passar?', options: ['Måndag', 'Tisdag'] }) : null;
    },
  },
  'liveRoom.answerPoll': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'FORBIDDEN' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { pollId: await livePollIn(dialogueId), choices: [0] }) : null;
    },
  },
  'liveRoom.closePoll': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { pollId: await livePollIn(dialogueId) }) : null;
    },
  },
  'liveRoom.publishMinutes': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: (cell) => whenConfirmed(cell.role, hostsSession(cell) ? 'ok' : 'FORBIDDEN'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const sessionId = await freshLiveSession(dialogueId);
      await ownerOfDialogue(dialogueId).visitor.api.sessions.end.mutate({ sessionId });
      return as(cell.role, { sessionId, minutes: 'Vi gick igenom tidplanen.' });
    },
  },

  // --- attachments (uploads and downloads are plain routes: see "attachment routes" below) --------
  'attachments.ofDialogue': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) return null;
      const owns = isBuyerOfB(cell.role) && cell.ownership !== 'other';
      return {
        ...(await as(cell.role, { dialogueId })),
        check: (data) => {
          const { canAttach, canRemove } = data as DialogueAttachments;
          expect({ canAttach, canRemove }).toEqual({ canAttach: owns, canRemove: owns || isModeratorRole(cell.role) });
        },
      };
    },
  },
  'attachments.rules': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role) },
  'attachments.remove': {
    // A fresh file per cell on the dialogue: its buyers and moderators remove (hide) it.
    ownerships: ALL_OWNERSHIPS,
    variants: ['public', 'registered'],
    expect: ({ role, ownership, variant }) => {
      if (role === 'anonymous') return 'UNAUTHENTICATED';
      if (!seesRegistered(role) && variant === 'registered') return 'NOT_FOUND';
      return (isBuyerOfB(role) && ownership !== 'other') || isModeratorRole(role) ? 'ok' : 'FORBIDDEN';
    },
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { attachmentId: await freshAttachment(dialogueId), reason: 'Fel fil bifogades.' }) : null;
    },
  },

  // --- search and audit -----------------------------------------------------------------------
  'search.query': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { q: 'kraven' }) },
  'audit.list': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, {}),
  },

  // --- dead letters: operations, for admins only (moderators neither) ---------------------------
  'deadLetters.list': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, role === 'admin' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => {
      await waitingDeadLetter();
      return as(role, {});
    },
  },
  'deadLetters.retry': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, role === 'admin' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => as(role, { deadLetterId: await waitingDeadLetter() }),
  },
  'deadLetters.dismiss': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, role === 'admin' ? 'ok' : 'FORBIDDEN'),
    prepare: async ({ role }) => as(role, { deadLetterId: await waitingDeadLetter() }),
  },

  // --- notifications: each person's own; follows only of what the person may see -------------------
  'notifications.list': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role, {}) },
  'notifications.unreadCount': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role) },
  'notifications.markRead': {
    // Another person's notification id is ignored, not refused: no oracle for which ids exist.
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, 'ok'),
    prepare: ({ role }) => as(role, { ids: [`1:${asker.userId}`] }),
  },
  'notifications.markAllRead': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role) },
  'notifications.follow': {
    // Ownership here is the question's; a question in a dialogue the role may not see is a missing one.
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => whenSignedIn(role, !seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const threadId = threadFor(cell);
      return threadId ? as(cell.role, { kind: 'thread', id: threadId }) : null;
    },
  },
  'notifications.unfollow': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role }) => whenSignedIn(role, 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { kind: 'dialogue', id: dialogueId }) : null;
    },
  },
  'notifications.followState': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => whenSignedIn(role, !seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    prepare: async (cell) => {
      const dialogueId = dialogueFor(cell);
      return dialogueId ? as(cell.role, { dialogueId }) : null;
    },
  },
  'notifications.settings': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role) },
  'notifications.setEmail': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role, { email: 'daily' }) },
  'notifications.unsubscribeView': {
    // The signed link is the whole authorisation, signed in or not: one's own, someone else's; 'none' is a forged one.
    ownerships: ['none', 'own', 'other'],
    expect: ({ ownership }) => (ownership === 'none' ? 'INVALID_TOKEN' : 'ok'),
    prepare: async ({ role, ownership }) => unsubscribeCall(role, ownership),
  },
  'notifications.unsubscribe': {
    ownerships: ['none', 'own', 'other'],
    expect: ({ ownership }) => (ownership === 'none' ? 'INVALID_TOKEN' : 'ok'),
    prepare: async ({ role, ownership }) => unsubscribeCall(role, ownership),
  },

  // --- saved searches: each person's own; someone else's is a missing one ----------------------
  'savedSearches.list': { ownerships: NONE, expect: ({ role }) => whenSignedIn(role, 'ok'), prepare: ({ role }) => as(role) },
  'savedSearches.save': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, 'ok'),
    prepare: ({ role }) => as(role, { name: 'Matrisens bevakning', query: { q: 'kraven' }, inApp: true, email: 'daily' }),
  },
  'savedSearches.change': {
    ownerships: OWN_OTHER,
    expect: ({ role, ownership }) => whenSignedIn(role, ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && role === 'anonymous') return null;
      const owner = ownership === 'own' ? people[role] : asker;
      const savedSearchId = await savedSearchOf(owner);
      // Removed after the cell, so that the owner stays below the limit of saved searches.
      return { ...(await as(role, { savedSearchId, name: 'Nytt namn', email: 'off' })), after: () => forgetSavedSearch(owner, savedSearchId) };
    },
  },
  'savedSearches.remove': {
    // Removing someone else's answers as removing a missing one does (and removes nothing).
    ownerships: OWN_OTHER,
    expect: ({ role }) => whenSignedIn(role, 'ok'),
    prepare: async ({ role, ownership }) => {
      if (ownership === 'own' && role === 'anonymous') return null;
      const owner = ownership === 'own' ? people[role] : asker;
      const savedSearchId = await savedSearchOf(owner);
      return {
        ...(await as(role, { savedSearchId })),
        after: async () => {
          const kept = (await owner.visitor.api.savedSearches.list.query()).items.some((item) => item.id === savedSearchId);
          await forgetSavedSearch(owner, savedSearchId);
          if (kept !== (ownership === 'other')) throw new Error(`savedSearches.remove by ${role} of ${ownership}: kept ${kept}`);
        },
      };
    },
  },

  // --- the public service: who runs it and its pages for anyone; feedback from anyone (a barrier may
  // be what keeps someone from signing in), read by admins only ------------------------------------
  'publicService.operator': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role) },
  'publicService.page': { ownerships: NONE, expect: () => 'ok', prepare: ({ role }) => as(role, { name: 'terms', language: 'sv' }) },
  'publicService.sendFeedback': {
    ownerships: NONE,
    expect: () => 'ok',
    prepare: ({ role }) => as(role, { kind: 'barrier', message: `Ett hinder som ${role} mötte på sidan.`, language: 'sv' }),
  },
  'publicService.feedback': {
    ownerships: NONE,
    expect: ({ role }) => whenSignedIn(role, role === 'admin' ? 'ok' : 'FORBIDDEN'),
    prepare: ({ role }) => as(role, {}),
  },
};

/** An unsubscribe link's token: for the role's own mail, another person's, or one the server never signed. */
/** A new saved search of the person's (each cell its own; the matrix's roles stay far below the limit). */
async function savedSearchOf(owner: Person): Promise<string> {
  const { savedSearchId } = await owner.visitor.api.savedSearches.save.mutate({ name: 'Matrisens bevakning', query: { q: 'kraven' }, inApp: true, email: 'off' });
  return savedSearchId;
}

async function forgetSavedSearch(owner: Person, savedSearchId: string): Promise<void> {
  await owner.visitor.api.savedSearches.remove.mutate({ savedSearchId });
}

async function unsubscribeCall(role: Role, ownership: Ownership): Promise<Prepared | null> {
  const signer = await unsubscribeSigner(server.app.services.store, new Date());
  if (ownership === 'none') return as(role, { token: `${signer.sign(asker.userId).split('.')[0]}.${randomBytes(32).toString('base64url')}` });
  if (ownership === 'own') return role === 'anonymous' ? null : as(role, { token: signer.sign(people[role].userId) });
  return as(role, { token: signer.sign(asker.userId) });
}

// Socket events: the same cells, answered in the acknowledgement.
type SocketRow = {
  ownerships: Ownership[];
  variants: Variant[];
  expect: (cell: Cell) => 'ok' | Extract<SubscribeAck, { ok: false }>['appCode'];
  /** What the event is sent with for the cell's dialogue (by default the dialogue itself). */
  input?: (dialogueId: string) => unknown;
};

/** The networks the socket rows subscribe to, made before the sockets connect. */
const socketNetworks = new Map<'B' | 'rival', string>();
/** The network sessions the socket rows join the live rooms of, made before the sockets connect. */
const socketNetworkSessions = new Map<'B' | 'rival', string>();
/** L's consortia (public, and kept to the buyer) and their opportunity, for the socket rows. */
const socketConsortia = new Map<'public' | 'buyer' | 'opportunity', string>();
/** The rival's library items (public and registered-only), for the socket rows. */
const socketLibraryItems = new Map<'public' | 'registered', string>();

const SOCKET_MATRIX: { [E in keyof ClientToServerEvents]: SocketRow } = {
  'dialogue.subscribe': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
  },
  'dialogue.unsubscribe': { ownerships: ALL_OWNERSHIPS, variants: VARIANTS, expect: () => 'ok' },
  // A session's live room: whoever may see the dialogue may watch it; hidden ≡ missing.
  'live.subscribe': {
    ownerships: ALL_OWNERSHIPS,
    variants: VARIANTS,
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    input: (dialogueId) => ({ sessionId: sessions.get(dialogueId) }),
  },
  'live.unsubscribe': { ownerships: ALL_OWNERSHIPS, variants: VARIANTS, expect: () => 'ok', input: (dialogueId) => ({ sessionId: sessions.get(dialogueId) }) },
  // A buyers' network's room: B's network for B's buyers (the own and same cells), nobody else — not the rival's network for them either.
  'network.subscribe': {
    ownerships: ALL_OWNERSHIPS,
    variants: ['public'],
    expect: ({ role, ownership }) => (isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'NOT_FOUND'),
    input: (dialogueId) => ({ networkId: socketNetworks.get(dialogueId === dialogues.rival.public ? 'rival' : 'B') }),
  },
  'network.unsubscribe': { ownerships: ALL_OWNERSHIPS, variants: ['public'], expect: () => 'ok', input: () => ({ networkId: socketNetworks.get('B') }) },
  // A network session's live room: B's network's session for B's buyers, nobody else — not the rival's either.
  'networkLive.subscribe': {
    ownerships: ALL_OWNERSHIPS,
    variants: ['public'],
    expect: ({ role, ownership }) => (isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'NOT_FOUND'),
    input: (dialogueId) => ({ sessionId: socketNetworkSessions.get(dialogueId === dialogues.rival.public ? 'rival' : 'B') }),
  },
  'networkLive.unsubscribe': { ownerships: ALL_OWNERSHIPS, variants: ['public'], expect: () => 'ok', input: () => ({ sessionId: socketNetworkSessions.get('B') }) },
  // A consortium's room: a public one for everyone; one kept to the buyer (the 'registered' cells) for
  // nobody here but moderators — to the rest exactly as a missing one.
  'consortium.subscribe': {
    ownerships: ['other'],
    variants: ['public', 'registered'],
    expect: ({ role, variant }) => (variant === 'registered' && !isModeratorRole(role) ? 'NOT_FOUND' : 'ok'),
    input: (dialogueId) => ({ consortiumId: socketConsortia.get(isRegisteredDialogue(dialogueId) ? 'buyer' : 'public') }),
  },
  'consortium.unsubscribe': { ownerships: ['other'], variants: ['public'], expect: () => 'ok', input: () => ({ consortiumId: socketConsortia.get('buyer') }) },
  // A research facility's opportunity is seen by everyone.
  'opportunity.subscribe': { ownerships: ['other'], variants: ['public'], expect: () => 'ok', input: () => ({ opportunityId: socketConsortia.get('opportunity') }) },
  'opportunity.unsubscribe': { ownerships: ['other'], variants: ['public'], expect: () => 'ok', input: () => ({ opportunityId: socketConsortia.get('opportunity') }) },
  // A library item's room: whoever may read the item; a registered-only one is a missing one to the rest.
  'libraryItem.subscribe': {
    ownerships: ['other'],
    variants: ['public', 'registered'],
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    input: (dialogueId) => ({ itemId: socketLibraryItems.get(isRegisteredDialogue(dialogueId) ? 'registered' : 'public') }),
  },
  'libraryItem.unsubscribe': { ownerships: ['other'], variants: ['public'], expect: () => 'ok', input: () => ({ itemId: socketLibraryItems.get('registered') }) },
};

/** Whether a fixture dialogue is one of the registered-only ones. */
const isRegisteredDialogue = (dialogueId: string) => Object.values(dialogues).some((byVariant) => byVariant.registered === dialogueId);

/** socket.io's own event names, which no client emits to a handler of ours. */
const RESERVED_SOCKET_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'error']);

function cellsOf(row: { ownerships: Ownership[]; variants?: Variant[] }): Cell[] {
  return ROLES.flatMap((role) => row.ownerships.flatMap((ownership) => (row.variants ?? [null]).map((variant) => ({ role, ownership, variant }))));
}

const describeCell = ({ role, ownership, variant }: Cell) => [role, ownership, variant].filter((part) => part !== null && part !== 'none').join(' / ');

// ---------------------------------------------------------------------------------------------

describe('the matrix covers', () => {
  it('every procedure of the real router and every socket event the server handles, and nothing else', async () => {
    const procedures = Object.keys(PROCEDURES);
    // The server's handlers are read from a connected socket, not from the contract's types alone.
    const socket = await people.supplier.visitor.connect();
    let handled: string[];
    try {
      const serverSocket = server.app.io.of('/').sockets.get(socket.id ?? '');
      expect(serverSocket).toBeDefined();
      handled = (serverSocket?.eventNames() ?? []).filter((name): name is string => typeof name === 'string' && !RESERVED_SOCKET_EVENTS.has(name));
    } finally {
      socket.disconnect();
    }
    expect(handled.length).toBeGreaterThan(0);
    expect([
      ...procedures.filter((procedure) => !(procedure in MATRIX)).map((procedure) => `procedure without a row: ${procedure}`),
      ...Object.keys(MATRIX).filter((row) => !procedures.includes(row)).map((row) => `row for no procedure: ${row}`),
      ...handled.filter((event) => !(event in SOCKET_MATRIX)).map((event) => `socket event without a row: ${event}`),
      ...Object.keys(SOCKET_MATRIX).filter((row) => !handled.includes(row)).map((row) => `row for no socket event: ${row}`),
    ]).toEqual([]);
  });
});

describe('no existence oracle', () => {
  /** The answer about the hidden thing, its id replaced, equals the answer about a missing one. */
  async function expectSameAsMissing(person: Person, procedure: string, input: (id: string) => unknown, hiddenId: string, label: string) {
    const missing = missingId();
    const hidden = await call(person, procedure, input(hiddenId));
    const absent = await call(person, procedure, input(missing));
    expect({ label, status: hidden.status, body: hidden.body.replaceAll(hiddenId, missing) }).toEqual({ label, status: absent.status, body: absent.body });
    return hidden;
  }

  it('answers about registered-only dialogues and their questions to anonymous visitors as about missing ones', async () => {
    const anonymous = people.anonymous;
    const dialogueId = dialogues.byOwner.registered;
    const threadId = threads.other.registered;
    const hidden = await expectSameAsMissing(anonymous, 'dialogues.get', (id) => ({ dialogueId: id }), dialogueId, 'dialogues.get');
    expect(outcomeOf(hidden)).toBe('NOT_FOUND');
    expect(outcomeOf(await expectSameAsMissing(anonymous, 'threads.list', (id) => ({ dialogueId: id }), dialogueId, 'threads.list'))).toBe('NOT_FOUND');
    expect(outcomeOf(await expectSameAsMissing(anonymous, 'threads.get', (id) => ({ threadId: id }), threadId, 'threads.get'))).toBe('NOT_FOUND');
    await expectSameAsMissing(anonymous, 'threads.ask', (id) => ({ dialogueId: id, ...question('registered') }), dialogueId, 'threads.ask');
    await expectSameAsMissing(anonymous, 'threads.answer', (id) => ({ threadId: id, body: 'Svar.' }), threadId, 'threads.answer');
    const sessionId = sessions.get(dialogueId) ?? '';
    expect(outcomeOf(await expectSameAsMissing(anonymous, 'sessions.get', (id) => ({ sessionId: id }), sessionId, 'sessions.get'))).toBe('NOT_FOUND');
    const liveSessionId = await liveSessionIn(dialogueId);
    expect(outcomeOf(await expectSameAsMissing(anonymous, 'liveRoom.get', (id) => ({ sessionId: id }), liveSessionId, 'liveRoom.get'))).toBe('NOT_FOUND');
    expect(outcomeOf(await expectSameAsMissing(people.unconfirmed, 'liveRoom.changes', (id) => ({ sessionId: id, since: 0 }), liveSessionId, 'liveRoom.changes'))).toBe('NOT_FOUND');
    expect(outcomeOf(await expectSameAsMissing(people.unconfirmed, 'sessions.get', (id) => ({ sessionId: id }), sessionId, 'sessions.get'))).toBe('NOT_FOUND');
    await expectSameAsMissing(
      anonymous,
      'dialogues.setQuestionDeadline',
      (id) => ({ dialogueId: id, questionDeadline: futureDeadline() }),
      dialogueId,
      'dialogues.setQuestionDeadline',
    );
    const unconfirmed = people.unconfirmed;
    expect(outcomeOf(await expectSameAsMissing(unconfirmed, 'notifications.follow', (id) => ({ kind: 'dialogue', id }), dialogueId, 'notifications.follow'))).toBe('NOT_FOUND');
    expect(outcomeOf(await expectSameAsMissing(unconfirmed, 'notifications.follow', (id) => ({ kind: 'thread', id }), threadId, 'notifications.follow'))).toBe('NOT_FOUND');
    expect(outcomeOf(await expectSameAsMissing(unconfirmed, 'notifications.followState', (id) => ({ dialogueId: id }), dialogueId, 'notifications.followState'))).toBe('NOT_FOUND');
  });

  it('answers about a registered-only library item to anonymous and unconfirmed visitors as about a missing one, and lists it to neither', async () => {
    const itemId = await fixtureLibraryItem('B', 'registered');
    for (const person of [people.anonymous, people.unconfirmed]) {
      expect(outcomeOf(await expectSameAsMissing(person, 'library.get', (id) => ({ itemId: id }), itemId, 'library.get'))).toBe('NOT_FOUND');
      const listed = dataOf(await call(person, 'library.list', { arenaId: 'space', limit: 50 })) as LibraryPage;
      expect(listed.items.map((item) => item.id)).not.toContain(itemId);
    }
    // The fixture dialogues are in healthcare, where the registered-only ones (and their questions) are not shown or counted.
    for (const arenaId of ['space', 'healthcare']) {
      const arena = dataOf(await call(people.anonymous, 'arenas.get', { arenaId })) as ArenaView;
      expect(JSON.stringify(arena)).not.toContain(HIDDEN_WORD);
      expect(arena.openDialogues.map((dialogue) => dialogue.id)).not.toContain(dialogues.byOwner.registered);
    }
  });

  it("answers about a question waiting in the buyers' inbox, and its posts, to other suppliers as about missing ones", async () => {
    const threadId = await pendingQuestionIn(dialogues.byOwner.public);
    const postId = await questionPostOf(threadId);
    for (const role of ['supplier', 'research', 'unverifiedBuyer', 'facilitator'] as const) {
      const person = people[role];
      for (const [procedure, input] of [
        ['threads.get', (id: string) => ({ threadId: id })],
        ['threads.comment', (id: string) => ({ threadId: id, body: 'Följdfråga.' })],
        ['threads.vote', (id: string) => ({ threadId: id, wants: true })],
        ['threads.publish', (id: string) => ({ threadId: id, answer: 'Svar.' })],
        ['threads.redact', (id: string) => ({ threadId: id, ...question(null), note: 'Ändrad.' })],
        ['notifications.follow', (id: string) => ({ kind: 'thread', id })],
      ] as const) {
        expect(outcomeOf(await expectSameAsMissing(person, procedure, input, threadId, `${role}: ${procedure}`))).toBe('NOT_FOUND');
      }
      for (const [procedure, input] of [
        ['threads.history', (id: string) => ({ postId: id })],
        ['threads.flag', (id: string) => ({ postId: id, reason: 'Spam.' })],
        ['threads.edit', (id: string) => ({ postId: id, body: 'Ändrad.' })],
      ] as const) {
        expect(outcomeOf(await expectSameAsMissing(person, procedure, input, postId, `${role}: ${procedure}`))).toBe('NOT_FOUND');
      }
      // Nor does the page, the inbox or what changed show it.
      const page = dataOf(await call(person, 'threads.list', { dialogueId: dialogues.byOwner.public })) as { threads: ThreadView[]; ownUnpublished: ThreadView[] };
      const changes = dataOf(await call(person, 'threads.changes', { dialogueId: dialogues.byOwner.public, afterChange: 0 })) as { threads: ThreadView[] };
      expect([...page.threads, ...page.ownUnpublished, ...changes.threads].map((thread) => thread.id)).not.toContain(threadId);
    }
  });

  it("answers about another organisation's join requests, members and management as about missing ones", async () => {
    const requestId = await pendingRequest(requester, T);
    const nonOwners: Role[] = ['supplier', 'research', 'buyerMember', 'buyerOwner', 'unverifiedBuyer', 'facilitator', 'moderator', 'admin'];
    for (const role of nonOwners) {
      const person = people[role];
      const decide = (id: string) => ({ requestId: id, approve: true });
      const decided = await expectSameAsMissing(person, 'organisations.decideJoinRequest', decide, requestId, `${role}: T's request`);
      expect(outcomeOf(decided)).toBe('NOT_FOUND');
      // Whether someone is a member of T, and T's management, answer alike for an organisation that does not exist.
      for (const [procedure, input] of [
        ['organisations.setMemberRole', (id: string) => ({ organisationId: id, userId: targetOwner.userId, role: 'member' })],
        ['organisations.removeMember', (id: string) => ({ organisationId: id, userId: targetOwner.userId })],
        ['organisations.invite', (id: string) => ({ organisationId: id, email: 'invitee@matrix.example' })],
        ['organisations.actFor', (id: string) => ({ organisationId: id })],
      ] as const) {
        expect(outcomeOf(await expectSameAsMissing(person, procedure, input, T, `${role}: ${procedure} on T`))).toBe('NOT_FOUND');
      }
      for (const [procedure, input] of [
        ['organisations.setMemberRole', (id: string) => ({ organisationId: T, userId: id, role: 'member' })],
        ['organisations.removeMember', (id: string) => ({ organisationId: T, userId: id })],
      ] as const) {
        const member = await expectSameAsMissing(person, procedure, input, targetOwner.userId, `${role}: ${procedure} of T's owner`);
        expect(outcomeOf(member)).toBe('NOT_FOUND');
      }
    }
    // The buyer member of B is not its owner: B's requests and members are as hidden from them.
    const requestToB = await pendingRequest(requester, B);
    const decline = (id: string) => ({ requestId: id, approve: false });
    await expectSameAsMissing(people.buyerMember, 'organisations.decideJoinRequest', decline, requestToB, "buyerMember: B's request");
    await expectSameAsMissing(
      people.buyerMember,
      'organisations.setMemberRole',
      (id) => ({ organisationId: B, userId: id, role: 'member' }),
      people.buyerOwner.userId,
      "buyerMember: B's owner",
    );
  });

  it("answers somebody else's invitation as an unknown one", async () => {
    await inviter.visitor.api.organisations.invite.mutate({ organisationId: I, email: 'someone-else@matrix.example' });
    const token = await mailedToken('someone-else@matrix.example', 'invitations/accept');
    for (const role of ['supplier', 'buyerOwner', 'moderator', 'admin'] as const) {
      const unknown = randomBytes(32).toString('base64url');
      const theirs = await call(people[role], 'organisations.acceptInvitation', { token });
      const missing = await call(people[role], 'organisations.acceptInvitation', { token: unknown });
      expect({ role, status: theirs.status, body: theirs.body }).toEqual({ role, status: missing.status, body: missing.body });
      expect(outcomeOf(theirs)).toBe('INVALID_TOKEN');
    }
  });

  it("shows non-owners an organisation's page exactly as one without members, requests or invitations", async () => {
    // H has a member, a pending request and an open invitation; C has the same public facts and nothing else.
    const name = 'Hemliga medlemmarnas förening';
    const hiddenOwner = await register('HiddenOwner');
    const controlOwner = await register('ControlOwner');
    const { organisationId: H } = await hiddenOwner.visitor.api.organisations.create.mutate({ name, kind: 'research' });
    const { organisationId: C } = await controlOwner.visitor.api.organisations.create.mutate({ name, kind: 'research' });
    await join(await register('HiddenMember'), H, hiddenOwner);
    await pendingRequest(requester, H);
    await hiddenOwner.visitor.api.organisations.invite.mutate({ organisationId: H, email: 'hidden-invitee@matrix.example' });
    const owners = await hiddenOwner.visitor.api.organisations.get.query({ organisationId: H });
    expect(owners.members?.length).toBe(2);
    expect(owners.joinRequests?.length).toBe(1);

    for (const role of ROLES.filter((candidate) => !isModeratorRole(candidate))) {
      const hidden = await call(people[role], 'organisations.get', { organisationId: H });
      const control = await call(people[role], 'organisations.get', { organisationId: C });
      expect({ role, status: hidden.status, body: hidden.body.replaceAll(H, C) }).toEqual({ role, status: control.status, body: control.body });
      expect(dataOf(hidden)).toMatchObject({ members: null, joinRequests: null });
    }
  });
});

describe('socket events', () => {
  const sockets = new Map<Role, LiveSocket>();
  const received = new Map<Role, { dialogueId: string; thread: ThreadView }[]>();

  beforeAll(async () => {
    socketNetworks.set('B', await fixtureNetwork('B'));
    socketNetworks.set('rival', await fixtureNetwork('rival'));
    socketNetworkSessions.set('B', await fixtureNetworkSession('B'));
    socketNetworkSessions.set('rival', await fixtureNetworkSession('rival'));
    socketConsortia.set('public', await fixtureConsortium('public'));
    socketConsortia.set('buyer', await fixtureConsortium('buyer'));
    socketConsortia.set('opportunity', await fixtureOpportunity());
    socketLibraryItems.set('public', await fixtureLibraryItem('rival', 'public'));
    socketLibraryItems.set('registered', await fixtureLibraryItem('rival', 'registered'));
    for (const role of ROLES) {
      const socket = await people[role].visitor.connect();
      const events: { dialogueId: string; thread: ThreadView }[] = [];
      socket.on('thread.changed', (event) => events.push(event));
      sockets.set(role, socket);
      received.set(role, events);
    }
  });
  afterAll(() => {
    for (const socket of sockets.values()) socket.disconnect();
  });

  for (const [event, row] of Object.entries(SOCKET_MATRIX) as [keyof ClientToServerEvents, SocketRow][]) {
    it(`${event} for every role`, async () => {
      const mismatches: string[] = [];
      for (const cell of cellsOf(row)) {
        const dialogueId = dialogueFor(cell);
        if (!dialogueId) continue;
        const ack = await sockets.get(cell.role)?.emitWithAck(event, row.input ? row.input(dialogueId) : { dialogueId });
        const outcome = ack?.ok ? 'ok' : (ack?.appCode ?? 'no answer');
        if (outcome !== row.expect(cell)) mismatches.push(`${event} as ${describeCell(cell)}: expected ${row.expect(cell)}, got ${outcome}`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('acknowledges a registered-only dialogue to an anonymous socket exactly as a missing one', async () => {
    const socket = sockets.get('anonymous');
    const hidden = await socket?.emitWithAck('dialogue.subscribe', { dialogueId: dialogues.byOwner.registered });
    const missing = await socket?.emitWithAck('dialogue.subscribe', { dialogueId: missingId() });
    expect(JSON.stringify(hidden)).toBe(JSON.stringify(missing));
    expect(hidden).toEqual({ ok: false, appCode: 'NOT_FOUND' });
  });

  // A round's page joins the dialogue's rounds room: every cell is answered as for the whole dialogue.
  it("dialogue.subscribe to a dialogue's rounds alone (topic 'rounds') for every role", async () => {
    const row = SOCKET_MATRIX['dialogue.subscribe'];
    const mismatches: string[] = [];
    for (const cell of cellsOf(row)) {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) continue;
      const socket = sockets.get(cell.role);
      const ack = await socket?.emitWithAck('dialogue.subscribe', { dialogueId, topic: 'rounds' });
      const outcome = ack?.ok ? 'ok' : (ack?.appCode ?? 'no answer');
      if (outcome !== row.expect(cell)) mismatches.push(`dialogue.subscribe (rounds) as ${describeCell(cell)}: expected ${row.expect(cell)}, got ${outcome}`);
      await socket?.emitWithAck('dialogue.unsubscribe', { dialogueId, topic: 'rounds' });
    }
    expect(mismatches).toEqual([]);
  });

  /** Every role subscribes, the asker asks, and each socket's copy of the new question is returned. */
  async function questionAsSeenBy(variant: Variant): Promise<Map<Role, ThreadView | undefined>> {
    const dialogueId = dialogues.byOwner[variant];
    for (const role of ROLES) await sockets.get(role)?.emitWithAck('dialogue.subscribe', { dialogueId });
    const { threadId } = await asker.visitor.api.threads.ask.mutate({ dialogueId, ...question(variant) });
    const expected = ROLES.filter((role) => seesRegistered(role) || variant !== 'registered');
    const copies = () => new Map(ROLES.map((role) => [role, received.get(role)?.find((event) => event.thread.id === threadId)?.thread]));
    const deadline = Date.now() + 5000;
    while (expected.some((role) => !copies().get(role)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // Whoever should get nothing has had as long as everyone else, and a little longer.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return copies();
  }

  it("sends the dialogue's buyers and moderators the asker's name and everyone else the pseudonym", async () => {
    const copies = await questionAsSeenBy('public');
    const asker_ = await asker.visitor.api.accounts.me.query();
    for (const role of ROLES) {
      const thread = copies.get(role);
      expect({ role, received: thread !== undefined }).toEqual({ role, received: true });
      if (seesAskers(role)) {
        expect({ role, author: thread?.question.author }).toMatchObject({ role, author: { kind: 'person', name: asker_?.name } });
      } else {
        expect({ role, author: thread?.question.author.kind }).toEqual({ role, author: 'pseudonym' });
        expect(JSON.stringify(thread)).not.toContain(asker_?.name ?? '');
        expect(JSON.stringify(thread)).not.toContain(asker_?.organisation?.name ?? '');
      }
    }
  });

  it("takes a buyer removed from B out of B's buyers' room: their socket closes, and subscribed again it gets pseudonyms", async () => {
    const dialogueId = dialogues.byOwner.public;
    const leaver = await makePerson('buyerMember');
    const before = await leaver.visitor.connect();
    const names: string[] = [];
    before.on('thread.changed', (event) => names.push(event.thread.question.author.kind));
    expect(await before.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
    const closed = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3000);
      before.once('disconnect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    await people.buyerOwner.visitor.api.organisations.removeMember.mutate({ organisationId: B, userId: leaver.userId });
    expect(await closed, "the removed buyer's socket is closed").toBe(true);

    const after = await leaver.visitor.connect();
    expect(await after.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
    const seen = nextEvent(after, 'thread.changed');
    await asker.visitor.api.threads.ask.mutate({ dialogueId, ...question('public') });
    expect((await seen).thread.question.author.kind).toBe('pseudonym');
    expect(names).toEqual([]);
    after.disconnect();
  });

  it('sends nothing of a registered-only dialogue to an anonymous or unconfirmed socket', async () => {
    const copies = await questionAsSeenBy('registered');
    for (const role of ROLES) {
      expect({ role, received: copies.get(role) !== undefined }).toEqual({ role, received: seesRegistered(role) });
    }
  });
});

describe('search', () => {
  it('finds registered-only dialogues and their questions for confirmed people only', async () => {
    const hiddenDialogues = new Set(Object.values(dialogues).map((byVariant) => byVariant.registered));
    const search = async (role: Role) => {
      const answer = await call(people[role], 'search.query', { q: HIDDEN_WORD, limit: 50 });
      return (dataOf(answer) as { hits: SearchResultView[] }).hits.filter((hit) => hit.dialogueId && hiddenDialogues.has(hit.dialogueId));
    };
    // The index is built from events, a moment after the write.
    const deadline = Date.now() + 5000;
    while ((await search('supplier')).length < hiddenDialogues.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const role of ROLES) {
      const hits = await search(role);
      expect({ role, found: hits.length > 0 }).toEqual({ role, found: seesRegistered(role) });
    }
  });
});

describe('procedures', () => {
  for (const [procedure, row] of Object.entries(MATRIX)) {
    it(`${procedure} for every role`, async () => {
      const mismatches: string[] = [];
      const rolesCalled = new Set<Role>();
      for (const cell of cellsOf(row)) {
        const prepared = await row.prepare(cell);
        if (!prepared) continue;
        rolesCalled.add(cell.role);
        const answer = await call(prepared.as, procedure, prepared.input);
        try {
          const outcome = outcomeOf(answer);
          const expected = row.expect(cell);
          if (outcome !== expected) {
            mismatches.push(`${procedure} as ${describeCell(cell)}: expected ${expected}, got ${outcome} (${answer.status} ${answer.body.slice(0, 200)})`);
          } else if (outcome === 'ok' && prepared.check) {
            try {
              prepared.check(dataOf(answer));
            } catch (error) {
              mismatches.push(`${procedure} as ${describeCell(cell)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
            }
          }
        } finally {
          await prepared.after?.();
        }
      }
      expect(mismatches).toEqual([]);
      expect([...rolesCalled].sort()).toEqual([...ROLES].sort());
      // Some rows make a fresh account or organisation per cell (up to 90 password hashes): on a busy
      // machine that takes longer than the default 30 s, which says nothing about who may.
    }, 120_000);
  }
});

// ---------------------------------------------------------------------------------------------
// Downloads: plain GET routes outside tRPC (exports of a dialogue's questions and answers), called
// with the person's cookie like a browser's link. Whoever may see the dialogue gets the record; a
// dialogue they may not see answers exactly as a missing one. The record is for the public: even
// for the dialogue's buyers and moderators, who see askers by name on the page, it names nobody.

const DOWNLOAD_MATRIX: Record<string, { expect: (cell: Cell) => Outcome }> = {
  [QA_EXPORT_ROUTES.pdf]: { expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok') },
  [QA_EXPORT_ROUTES.csv]: { expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok') },
  [QA_EXPORT_ROUTES.json]: { expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok') },
};

async function fetchDownload(person: Person, path: string): Promise<Answer & { bytes: Uint8Array }> {
  const cookie = person.visitor.cookie();
  const response = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body: new TextDecoder().decode(bytes), bytes };
}

describe('downloads', () => {
  /** Everyone's name, and the organisations of those who asked: none may be in a record. */
  const identities: string[] = [];
  /** The buyer organisations B and R, which a record of their own dialogue names (and a person's name is part of). */
  const ownerNames = { B: '', R: '' };

  beforeAll(async () => {
    const everyone = [...ROLES.filter((role) => role !== 'anonymous').map((role) => people[role]), rivalBuyer, asker, colleague, requester, inviter, targetOwner];
    for (const person of everyone) {
      const me = await person.visitor.api.accounts.me.query();
      if (me) identities.push(me.name);
    }
    const askerMe = await asker.visitor.api.accounts.me.query();
    if (askerMe?.organisation) identities.push(askerMe.organisation.name);
    ownerNames.B = (await people.buyerOwner.visitor.api.accounts.me.query())?.organisation?.name ?? '';
    ownerNames.R = (await rivalBuyer.visitor.api.accounts.me.query())?.organisation?.name ?? '';
    expect(ownerNames.B && ownerNames.R).toBeTruthy();
    expect(identities.length).toBeGreaterThan(ROLES.length);
  });

  it('has a row for every download route the server serves, and no other', () => {
    expect(Object.keys(DOWNLOAD_MATRIX).sort()).toEqual(Object.values(QA_EXPORT_ROUTES).sort());
  });

  for (const [route, row] of Object.entries(DOWNLOAD_MATRIX)) {
    it(`${route} for every role, naming nobody`, { timeout: 120_000 }, async () => {
      const mismatches: string[] = [];
      // A record does not depend on the question deadline: public and registered-only dialogues.
      for (const cell of cellsOf({ ownerships: ALL_OWNERSHIPS, variants: ['public', 'registered'] })) {
        const dialogueId = dialogueFor(cell);
        if (!dialogueId) continue;
        const answer = await fetchDownload(people[cell.role], route.replace(':dialogueId', dialogueId));
        const outcome = outcomeOf(answer);
        if (outcome !== row.expect(cell)) {
          mismatches.push(`${route} as ${describeCell(cell)}: expected ${row.expect(cell)}, got ${outcome}`);
          continue;
        }
        if (outcome !== 'ok') continue;
        // PDF text is read back only where a leak would be likeliest: for those who see askers.
        const text = route.endsWith('.pdf') ? (seesAskers(cell.role) ? (await readPdf(answer.bytes)).text : '') : answer.body;
        const owner = Object.values(dialogues.rival).includes(dialogueId) ? ownerNames.R : ownerNames.B;
        const named = identities.filter((identity) => text.replaceAll(owner, '').includes(identity));
        if (named.length > 0) mismatches.push(`${route} as ${describeCell(cell)} names ${named.join(', ')}`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('answers about registered-only dialogues to anonymous and unconfirmed visitors as about missing ones', async () => {
    for (const role of ['anonymous', 'unconfirmed'] as const) {
      for (const route of Object.values(QA_EXPORT_ROUTES)) {
        const missing = missingId();
        const hiddenId = dialogues.byOwner.registered;
        const hidden = await fetchDownload(people[role], route.replace(':dialogueId', hiddenId));
        const absent = await fetchDownload(people[role], route.replace(':dialogueId', missing));
        expect({ role, route, status: hidden.status, body: hidden.body.replaceAll(hiddenId, missing) }).toEqual({ role, route, status: absent.status, body: absent.body });
        expect(outcomeOf(hidden)).toBe('NOT_FOUND');
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The archive package: a dialogue's whole record, askers by name, for the operator's registry.
// Operators (moderators and admins) get it of every dialogue, their own organisations' too; anyone
// else is refused before the dialogue is looked up, so their answer about a dialogue, hidden from
// them or not, is byte for byte their answer about a missing one.

const PACKAGE_MATRIX: Record<string, { expect: (cell: Cell) => Outcome }> = {
  [ARCHIVE_PACKAGE_ROUTE]: { expect: ({ role }) => whenSignedIn(role, isModeratorRole(role) ? 'ok' : 'FORBIDDEN') },
};

describe('archive package', () => {
  for (const [route, row] of Object.entries(PACKAGE_MATRIX)) {
    it(`${route} for every role`, { timeout: 120_000 }, async () => {
      const mismatches: string[] = [];
      for (const cell of cellsOf({ ownerships: ALL_OWNERSHIPS, variants: ['public', 'registered'] })) {
        const dialogueId = dialogueFor(cell);
        if (!dialogueId) continue;
        const answer = await fetchDownload(people[cell.role], route.replace(':dialogueId', dialogueId));
        const outcome = outcomeOf(answer);
        if (outcome !== row.expect(cell)) {
          mismatches.push(`${route} as ${describeCell(cell)}: expected ${row.expect(cell)}, got ${outcome}`);
        } else if (outcome === 'ok') {
          const check = checkManifest(await unpack(answer.bytes));
          if (check.mismatched.length + check.unlisted.length > 0) mismatches.push(`${route} as ${describeCell(cell)}: manifest ${JSON.stringify(check)}`);
        } else {
          const missing = missingId();
          const absent = await fetchDownload(people[cell.role], route.replace(':dialogueId', missing));
          if (answer.status !== absent.status || answer.body !== absent.body) mismatches.push(`${route} as ${describeCell(cell)} answers unlike about a missing dialogue`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Calendars: a session's .ics is a plain GET with the person's cookie, under the session page's
// rule (who may see the dialogue; the meeting link only for the hosts and those registered); a feed
// is reached by its token alone, so the token is the whole authorisation: a revoked or unknown
// one answers exactly alike, whoever asks.

const CALENDAR_MATRIX: Record<string, { expect: (cell: Cell) => Outcome }> = {
  [CALENDAR_ROUTES.session]: { expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok') },
  [CALENDAR_ROUTES.feed]: { expect: ({ role }) => (seesRegistered(role) ? 'ok' : 'NOT_FOUND') },
};

describe('calendar downloads', () => {
  it('has a row for every calendar route the server serves, and no other', () => {
    expect(Object.keys(CALENDAR_MATRIX).sort()).toEqual(Object.values(CALENDAR_ROUTES).sort());
  });

  it(`${CALENDAR_ROUTES.session} for every role, with the meeting link for the hosts alone`, { timeout: 120_000 }, async () => {
    const mismatches: string[] = [];
    for (const cell of cellsOf({ ownerships: ALL_OWNERSHIPS, variants: VARIANTS })) {
      const dialogueId = dialogueFor(cell);
      if (!dialogueId) continue;
      const answer = await fetchDownload(people[cell.role], `/calendar/sessions/${sessions.get(dialogueId)}.ics`);
      const outcome = outcomeOf(answer);
      if (outcome !== CALENDAR_MATRIX[CALENDAR_ROUTES.session]!.expect(cell)) mismatches.push(`${describeCell(cell)}: got ${outcome}`);
      else if (outcome === 'ok' && answer.body.includes('https://meet.example/m') !== (isBuyerOfB(cell.role) && cell.ownership !== 'other')) {
        mismatches.push(`${describeCell(cell)}: meeting link ${answer.body.includes('https://meet.example/m') ? 'shown' : 'missing'}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it(`${CALENDAR_ROUTES.feed}: each person's own token works without a cookie; a revoked or unknown one is 404 alike`, { timeout: 120_000 }, async () => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      const expected = CALENDAR_MATRIX[CALENDAR_ROUTES.feed]!.expect({ role, ownership: 'own', variant: null });
      const made = expected === 'ok' ? await people[role].visitor.api.calendar.createFeed.mutate({ scope: 'person' }) : null;
      const path = made ? new URL(made.url).pathname : `/calendar/feeds/${randomBytes(32).toString('base64url')}.ics`;
      const answer = await fetchDownload(people.anonymous, path);
      if (outcomeOf(answer) !== expected) mismatches.push(`${role}: got ${outcomeOf(answer)}`);
      if (!made) continue;
      await people[role].visitor.api.calendar.revokeFeed.mutate({ feedId: made.feedId });
      const revoked = await fetchDownload(people[role], path);
      const unknown = await fetchDownload(people[role], `/calendar/feeds/${randomBytes(32).toString('base64url')}.ics`);
      if (revoked.status !== 404 || revoked.body !== unknown.body) mismatches.push(`${role}: revoked answered ${revoked.status} ${revoked.body}`);
    }
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Attachment routes: uploads (POST, the file as the body, same-origin, the session cookie) and the
// download (GET). Only the dialogue's buyers upload; a file is downloaded by whoever may see where it
// is, a draft only by its uploader, a removed file only by moderators. What a caller may not see
// answers exactly as a missing file.

type RouteRow = { route: string; expect: (cell: Cell) => Outcome; call: (cell: Cell, dialogueId: string) => Promise<{ status: number; text: string }> };

/** Who may not see a registered-only dialogue is refused before it is looked up (signed out, unconfirmed). */
const uploadExpectation = ({ role, ownership }: Cell): Outcome => whenConfirmed(role, isBuyerOfB(role) && ownership !== 'other' ? 'ok' : 'FORBIDDEN');

const uploadRow = (target: AttachmentTarget): RouteRow => ({
  route: `POST ${ATTACHMENT_ROUTES[target]}`,
  expect: uploadExpectation,
  call: async ({ role }, dialogueId) => {
    matrixPdf ??= await samplePdf('Matrisens bilaga');
    const id = target === 'toDialogue' ? dialogueId : target === 'toAnswer' ? answers.get(dialogueId) : threads.byDialogue.get(dialogueId);
    return upload(server, people[role].visitor.cookie(), target, id ?? '', matrixPdf, 'Matrisfil.pdf');
  },
});

/** Files made once per fixture dialogue, for the download rows. */
const filesFor = new Map<string, { onDialogue: string; onAnswer: string; draft: string; removed: string }>();

const downloadRow = (label: string, pick: (files: { onDialogue: string; onAnswer: string; draft: string; removed: string }) => string, mayDownload: (cell: Cell) => boolean): RouteRow => ({
  route: `GET ${ATTACHMENT_ROUTES.download} (${label})`,
  expect: (cell) => (!seesRegistered(cell.role) && cell.variant === 'registered' ? 'NOT_FOUND' : mayDownload(cell) ? 'ok' : 'NOT_FOUND'),
  call: async ({ role }, dialogueId) => download(server, people[role].visitor.cookie(), pick(filesFor.get(dialogueId)!)),
});

const ATTACHMENT_ROUTE_MATRIX: RouteRow[] = [
  uploadRow('toDialogue'),
  uploadRow('toAnswer'),
  uploadRow('draftForThread'),
  downloadRow('a file on the dialogue', (files) => files.onDialogue, () => true),
  downloadRow('a file on an official answer', (files) => files.onAnswer, () => true),
  // A draft is its uploader's (the buyer whose own dialogue it is), not even a co-buyer's.
  downloadRow('a draft', (files) => files.draft, (cell) => isBuyerOfB(cell.role) && cell.ownership === 'own'),
  downloadRow('a removed file', (files) => files.removed, (cell) => isModeratorRole(cell.role)),
];

describe('attachment routes', () => {
  beforeAll(async () => {
    for (const variant of ['public', 'registered'] as const) {
      for (const dialogueId of [dialogues.byOwner[variant], dialogues.byMember[variant], dialogues.rival[variant]]) {
        const removed = await freshAttachment(dialogueId);
        await ownerOfDialogue(dialogueId).visitor.api.attachments.remove.mutate({ attachmentId: removed, reason: 'Fel fil.' });
        filesFor.set(dialogueId, {
          onDialogue: await freshAttachment(dialogueId),
          onAnswer: await freshAttachment(dialogueId, 'toAnswer'),
          draft: await freshAttachment(dialogueId, 'draftForThread'),
          removed,
        });
      }
    }
  }, 60_000);

  it('has a row for every attachment route the server serves', () => {
    const covered = new Set(ATTACHMENT_ROUTE_MATRIX.map((row) => row.route.split(' ')[1]));
    expect([...covered].sort()).toEqual(Object.values(ATTACHMENT_ROUTES).sort());
  });

  for (const row of ATTACHMENT_ROUTE_MATRIX) {
    it(`${row.route} for every role`, { timeout: 120_000 }, async () => {
      const mismatches: string[] = [];
      for (const cell of cellsOf({ ownerships: ALL_OWNERSHIPS, variants: ['public', 'registered'] })) {
        const dialogueId = dialogueFor(cell);
        if (!dialogueId) continue;
        const answer = await row.call(cell, dialogueId);
        const outcome = answer.status === 200 || answer.status === 201 ? 'ok' : outcomeOf({ status: answer.status, body: answer.text });
        if (outcome !== row.expect(cell)) mismatches.push(`${row.route} as ${describeCell(cell)}: expected ${row.expect(cell)}, got ${outcome} (${answer.status}${outcome === 'ok' ? '' : ` ${answer.text.slice(0, 160)}`})`);
        if (outcome === 'NOT_FOUND' && row.route.startsWith('GET')) {
          // A file the caller may not see answers byte for byte as one that does not exist.
          const absent = await download(server, people[cell.role].visitor.cookie(), missingId());
          if (answer.text !== absent.text || answer.status !== absent.status) mismatches.push(`${row.route} as ${describeCell(cell)} answers unlike a missing file`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it("answers about files on a private or a hidden answer, and uploads to a waiting question, to those who may not see them as about missing ones", { timeout: 120_000 }, async () => {
    matrixPdf ??= await samplePdf('Matrisens bilaga');
    const dialogueId = dialogues.byOwner.public;
    const owner = people.buyerOwner.visitor;
    const sameAsMissing = async (label: string, person: Person, answerFor: (id: string) => Promise<{ status: number; text: string }>, hiddenId: string) => {
      const missing = missingId();
      const hidden = await answerFor(hiddenId);
      const absent = await answerFor(missing);
      expect({ label, status: hidden.status, text: hidden.text.replaceAll(hiddenId, missing) }).toEqual({ label, status: absent.status, text: absent.text });
      expect({ label, outcome: outcomeOf({ status: hidden.status, body: hidden.text }) }).toEqual({ label, outcome: 'NOT_FOUND' });
    };

    // A question waiting in the buyers' inbox: nobody else can attach to it, nor learn that it exists.
    const waiting = await pendingQuestionIn(dialogueId);
    for (const role of ['supplier', 'research', 'unverifiedBuyer', 'facilitator'] as const) {
      const cookie = people[role].visitor.cookie();
      await sameAsMissing(`${role}: draft for a waiting question`, people[role], (id) => upload(server, cookie, 'draftForThread', id, matrixPdf!, 'Fil.pdf'), waiting);
    }

    // Answered privately with a file: the asker, the buyers and moderators download it; nobody else.
    const draft = await upload(server, owner.cookie(), 'draftForThread', waiting, matrixPdf, 'Privat svar.pdf');
    const privateFile = draft.body.attachment?.id ?? '';
    await owner.api.threads.answerPrivately.mutate({ threadId: waiting, body: 'Bara till er.', reason: 'Gäller bara er egen anläggning.', attachmentIds: [privateFile] });
    expect((await download(server, asker.visitor.cookie(), privateFile)).status).toBe(200);
    // An official answer in the open, with a file, which a moderator then hides: only moderators still download it.
    const { threadId: open } = await asker.visitor.api.threads.ask.mutate({ dialogueId, ...question(null) });
    const { postId: hiddenAnswer } = await owner.api.threads.answer.mutate({ threadId: open, body: 'Ett svar som döljs.' });
    const onHidden = await upload(server, owner.cookie(), 'toAnswer', hiddenAnswer, matrixPdf, 'Dold.pdf');
    const hiddenFile = onHidden.body.attachment?.id ?? '';
    await fixtureAdmin.api.threads.hide.mutate({ postId: hiddenAnswer, reason: 'Personuppgifter.' });

    for (const role of ROLES) {
      const cookie = people[role].visitor.cookie();
      const fetch = (id: string) => download(server, cookie, id);
      if (isBuyerOfB(role) || isModeratorRole(role)) expect({ role, status: (await fetch(privateFile)).status }).toEqual({ role, status: 200 });
      else await sameAsMissing(`${role}: a file on a private answer`, people[role], fetch, privateFile);
      if (isModeratorRole(role)) expect({ role, status: (await fetch(hiddenFile)).status }).toEqual({ role, status: 200 });
      else await sameAsMissing(`${role}: a file on a hidden answer`, people[role], fetch, hiddenFile);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Files in a buyers' network's own library: the people of B's network (B's buyers) attach files to
// its items and download them; to everyone else — the rival buyer, suppliers, moderators, visitors —
// a file answers byte for byte as a missing one, and an upload as one to a missing item.

const networkFileFixtures = new Map<'B' | 'rival', Promise<string>>();
/** One file on each network's library item, attached by its owner. */
function fixtureNetworkFile(owner: 'B' | 'rival'): Promise<string> {
  if (!networkFileFixtures.has(owner)) {
    const buyer = owner === 'B' ? people.buyerOwner : rivalBuyer;
    networkFileFixtures.set(
      owner,
      fixtureNetworkItem(owner).then(async (itemId) => {
        matrixPdf ??= await samplePdf('Matrisens bilaga');
        const answer = await uploadTo(server, buyer.visitor.cookie(), networkFileUploadPath(itemId), matrixPdf, 'Nätverksfil.pdf');
        if (answer.status !== 201) throw new Error(`fixture upload refused: ${answer.status} ${answer.text}`);
        return answer.body.file?.id ?? '';
      }),
    );
  }
  return networkFileFixtures.get(owner) as Promise<string>;
}

/** Own: B's network's item (only B's buyers have one); other: the rival's. */
const networkFileOwner = ({ role, ownership }: Cell): 'B' | 'rival' | null => (ownership === 'other' ? 'rival' : isBuyerOfB(role) ? 'B' : null);

const NETWORK_FILE_ROUTE_MATRIX: { route: string; expect: (cell: Cell) => Outcome; call: (cell: Cell, owner: 'B' | 'rival') => Promise<{ status: number; text: string }>; missing: (cell: Cell) => Promise<{ status: number; text: string }> }[] = [
  {
    route: `POST ${NETWORK_FILE_ROUTES.toNetworkItem}`,
    // Moderators too (the matrix's act for an organisation): a network's library is its members' alone.
    expect: ({ role, ownership }) => whenConfirmed(role, ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    call: async ({ role }, owner) => uploadTo(server, people[role].visitor.cookie(), networkFileUploadPath(await fixtureNetworkItem(owner)), matrixPdf!, 'Matrisfil.pdf'),
    missing: async ({ role }) => uploadTo(server, people[role].visitor.cookie(), networkFileUploadPath(missingId()), matrixPdf!, 'Matrisfil.pdf'),
  },
  {
    route: `GET ${NETWORK_FILE_ROUTES.download}`,
    expect: ({ ownership }) => (ownership === 'own' ? 'ok' : 'NOT_FOUND'),
    call: async ({ role }, owner) => downloadFrom(server, people[role].visitor.cookie(), networkFileDownloadPath(await fixtureNetworkFile(owner))),
    missing: async ({ role }) => downloadFrom(server, people[role].visitor.cookie(), networkFileDownloadPath(missingId())),
  },
];

describe('network library file routes', () => {
  it('has a row for every network file route the server serves', () => {
    expect(NETWORK_FILE_ROUTE_MATRIX.map((row) => row.route.split(' ')[1]).sort()).toEqual(Object.values(NETWORK_FILE_ROUTES).sort());
  });

  for (const row of NETWORK_FILE_ROUTE_MATRIX) {
    it(`${row.route} for every role`, { timeout: 120_000 }, async () => {
      matrixPdf ??= await samplePdf('Matrisens bilaga');
      const mismatches: string[] = [];
      for (const cell of cellsOf({ ownerships: OWN_OTHER })) {
        const owner = networkFileOwner(cell);
        if (!owner) continue;
        const answer = await row.call(cell, owner);
        const outcome = answer.status === 200 || answer.status === 201 ? 'ok' : outcomeOf({ status: answer.status, body: answer.text });
        if (outcome !== row.expect(cell)) mismatches.push(`${row.route} as ${describeCell(cell)}: expected ${row.expect(cell)}, got ${outcome} (${answer.status} ${answer.text.slice(0, 160)})`);
        if (outcome === 'NOT_FOUND') {
          // What the caller may not reach answers byte for byte as what does not exist.
          const absent = await row.missing(cell);
          if (answer.text !== absent.text || answer.status !== absent.status) mismatches.push(`${row.route} as ${describeCell(cell)} answers unlike a missing one`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Files on the arenas' library items: attached by who may revise the item (moderators, and the
// buyers of the organisation it was published for), downloaded by who may read it — everyone for a
// public item; a registered-only item's file answers byte for byte as a missing one to those who may
// not read it, and an upload as one to a missing item.

const libraryFileFixtures = new Map<string, Promise<string>>();
/** One file on the rival buyer's public and registered-only fixture items, attached by the rival. */
function fixtureLibraryFile(visibility: 'public' | 'registered'): Promise<string> {
  if (!libraryFileFixtures.has(visibility)) {
    libraryFileFixtures.set(
      visibility,
      fixtureLibraryItem('rival', visibility).then(async (itemId) => {
        matrixPdf ??= await samplePdf('Matrisens bilaga');
        const answer = await uploadTo(server, rivalBuyer.visitor.cookie(), libraryFileUploadPath(itemId), matrixPdf, 'Biblioteksfil.pdf');
        if (answer.status !== 201) throw new Error(`fixture upload refused: ${answer.status} ${answer.text}`);
        return answer.body.file?.id ?? '';
      }),
    );
  }
  return libraryFileFixtures.get(visibility) as Promise<string>;
}

const LIBRARY_FILE_ROUTE_MATRIX: {
  route: string;
  cells: () => Cell[];
  expect: (cell: Cell) => Outcome;
  call: (cell: Cell) => Promise<{ status: number; text: string }>;
  missing: (cell: Cell) => Promise<{ status: number; text: string }>;
}[] = [
  {
    route: `POST ${LIBRARY_FILE_ROUTES.toLibraryItem}`,
    // Own: B's item (only B's buyers have one); other: the rival buyer's. As `library.revise`.
    cells: () => cellsOf({ ownerships: OWN_OTHER }).filter(({ role, ownership }) => ownership === 'other' || isBuyerOfB(role)),
    expect: ({ role, ownership }) => whenConfirmed(role, isModeratorRole(role) || (isBuyerOfB(role) && ownership === 'own') ? 'ok' : 'FORBIDDEN'),
    call: async ({ role, ownership }) =>
      uploadTo(server, people[role].visitor.cookie(), libraryFileUploadPath(await fixtureLibraryItem(ownership === 'own' ? 'B' : 'rival', 'public')), matrixPdf!, 'Matrisfil.pdf'),
    missing: async ({ role }) => uploadTo(server, people[role].visitor.cookie(), libraryFileUploadPath(missingId()), matrixPdf!, 'Matrisfil.pdf'),
  },
  {
    route: `GET ${LIBRARY_FILE_ROUTES.download}`,
    cells: () => cellsOf({ ownerships: NONE, variants: ['public', 'registered'] }),
    expect: ({ role, variant }) => (!seesRegistered(role) && variant === 'registered' ? 'NOT_FOUND' : 'ok'),
    call: async ({ role, variant }) => downloadFrom(server, people[role].visitor.cookie(), libraryFileDownloadPath(await fixtureLibraryFile(variant === 'registered' ? 'registered' : 'public'))),
    missing: async ({ role }) => downloadFrom(server, people[role].visitor.cookie(), libraryFileDownloadPath(missingId())),
  },
];

describe('library file routes', () => {
  it('has a row for every library file route the server serves', () => {
    expect(LIBRARY_FILE_ROUTE_MATRIX.map((row) => row.route.split(' ')[1]).sort()).toEqual(Object.values(LIBRARY_FILE_ROUTES).sort());
  });

  for (const row of LIBRARY_FILE_ROUTE_MATRIX) {
    it(`${row.route} for every role`, { timeout: 120_000 }, async () => {
      matrixPdf ??= await samplePdf('Matrisens bilaga');
      const mismatches: string[] = [];
      for (const cell of row.cells()) {
        const answer = await row.call(cell);
        const outcome = answer.status === 200 || answer.status === 201 ? 'ok' : outcomeOf({ status: answer.status, body: answer.text });
        if (outcome !== row.expect(cell)) mismatches.push(`${row.route} as ${describeCell(cell)}: expected ${row.expect(cell)}, got ${outcome} (${answer.status} ${answer.text.slice(0, 160)})`);
        if (outcome === 'NOT_FOUND') {
          const absent = await row.missing(cell);
          if (answer.text !== absent.text || answer.status !== absent.status) mismatches.push(`${row.route} as ${describeCell(cell)} answers unlike a missing one`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
