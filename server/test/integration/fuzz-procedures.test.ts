// Property-based fuzzing of every tRPC procedure, over real HTTP, as a hostile browser would call
// them: queries as GET /trpc/<path>?input=<json>, mutations as same-origin POSTs with a JSON body
// (now and then batched, or sent with the wrong method or an odd JSON content type), anonymously and
// signed in (verified supplier, verified buyer, admin). The procedures are read from the real router,
// so a new one is fuzzed as soon as it exists — or this file fails, naming it, until it has a valid
// input in VALID_INPUTS below. Hostile inputs are that valid input with one field replaced (wrong
// type, operator object, __proto__, huge or deeply nested value, lone surrogates, invalid UTF-8,
// strings that trip regexes and search engines), or whole arbitrary/malformed JSON.
//
// Properties, for every call:
//   - the answer is never 5xx and always JSON (431 for an over-long URL is Node's own refusal before
//     the app; GET inputs are kept below that size on purpose), and leaks no stack or engine detail;
//   - every answer that is not 2xx carries a known `error.data.appCode` (413/415 come from our own
//     guard in the same shape), and never INTERNAL;
//   - nothing is written when the answer is not 2xx: the documents of every collection (hashed, not
//     only counted; a session's once-a-minute lastSeenAt touch aside) and the event sequence are the
//     same before and after, except the events a refusal records on purpose
//     (EVENTS_RECORDED_ON_REFUSAL, e.g. a failed sign-in for the audit log);
//   - the server logs no warning or error; after each procedure's batch /healthz answers 200 and the event
//     processors have caught up (no poison event).
//
// Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> pnpm exec vitest run <this file>.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { APP_ERROR_CODES, hasValidLuhnCheckDigit } from '@dialogforum/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/app-router.ts';
import { appendEvent, lastEventSeq } from '../../src/platform/events/event-log.ts';
import { mailedToken } from '../support/mailbox.ts';
import { MODERATOR_EMAIL, startTestServer, type TestServer } from '../support/test-server.ts';

const BODY_LIMIT = 64 * 1024;
/** Node refuses request heads over 16 KiB with a bare 431; GET inputs stay below that. */
const MAX_GET_INPUT_CHARS = 12_000;
const RUNS_PER_PROCEDURE = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PASSWORD = 'fuzzing is a long sentence';

// ---------------------------------------------------------------------------------------------
// The procedures, as the real router has them.

type ProcedureKind = 'query' | 'mutation' | 'subscription';
type InputParser = { safeParse?: (value: unknown) => { success: boolean; error?: unknown } };
type DiscoveredProcedure = { path: string; kind: ProcedureKind; parsers: InputParser[] };

function discoverProcedures(): DiscoveredProcedure[] {
  const { procedures } = appRouter._def as unknown as {
    procedures: Record<string, { _def: { type: ProcedureKind; inputs: InputParser[] } }>;
  };
  return Object.entries(procedures)
    .map(([path, procedure]) => ({ path, kind: procedure._def.type, parsers: procedure._def.inputs }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

const PROCEDURES = discoverProcedures();

// ---------------------------------------------------------------------------------------------
// Who calls. Each signed-in role keeps its own cookie jar and knows its password, so a call that
// ends or replaces its session (logout, login as someone else, a password change) is undone.

type RoleName = 'anonymous' | 'supplier' | 'buyer' | 'admin';
type Role = { name: RoleName; email: string | null; password: string; cookie: string };

type Fixtures = {
  supplierId: string;
  supplierOrganisationId: string;
  buyerOrganisationId: string;
  bystander: { id: string; email: string; organisationId: string };
  joinRequestId: string;
  dialogueId: string;
  threadId: string;
  answerId: string;
  sessionId: string;
  libraryItemId: string;
  relayProjectId: string;
  relayPostId: string;
  networkId: string;
  networkDiscussionId: string;
  networkPostId: string;
  networkItemId: string;
  networkSessionId: string;
  /** A second session of the network, its live room open, with a question asked in it. */
  networkLiveSessionId: string;
  networkLiveQuestionId: string;
  /** A second network of the buyer's, so a dissolve that got through leaves the first one as it was. */
  spareNetworkId: string;
  opportunityId: string;
  consortiumId: string;
  liveQuestionId: string;
  pollId: string;
};

/** A token of the right shape (43 url-safe base64 characters) that the server never issued. */
const UNKNOWN_TOKEN = randomBytes(32).toString('base64url');

function organisationNumber(): string {
  for (let check = 0; check <= 9; check++) {
    const digits = `556677889${check}`;
    if (hasValidLuhnCheckDigit(digits)) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  }
  throw new Error('no Luhn check digit');
}

// One valid input per procedure; hostile variants are derived from it by replacing one field.
// `undefined` means the procedure takes no input (what is sent anyway must be ignored safely).
// Inputs point at things the fuzzed roles do not own (a bystander's organisation and account), so
// a 2xx that the fuzzer stumbles on does not take away the roles' own rights mid-run.
/** A network session a year ahead, open for registration. */
const NETWORK_SESSION = {
  title: 'Gemensamt kravmöte',
  startsAt: `${new Date().getUTCFullYear() + 1}-04-01T10:00`,
  endsAt: `${new Date().getUTCFullYear() + 1}-04-01T11:00`,
  format: 'online' as const,
  meetingLink: 'https://meet.example/krav',
  capacity: 100,
};
const LIBRARY_ITEM = {
  kind: 'funding' as const,
  arenaIds: ['energy-environment' as const, 'transport' as const],
  audiences: ['suppliers' as const, 'researchers' as const],
  language: 'sv' as const,
  visibility: 'public' as const,
  title: 'Utlysning: fossilfria arbetsmaskiner',
  summary: 'Medfinansiering för pilotprojekt.',
  body: '## Villkor\n\nHalva kostnaden, **högst** 2 miljoner kronor.',
};

const RELAY_HANDOVER = {
  stage: 'Marknadsdialog genomförd',
  procured: 'Eldrivna arbetsmaskiner för parkerna, för att sänka utsläpp och buller.',
  dialogue: 'Två dialogmöten.',
  worked: 'Tidig behovsbeskrivning.',
  didNotWork: '',
  risks: 'Pilot med avbrottsrätt.',
  financing: '',
};

const CAPABILITY_PROFILE = {
  summary: 'Vi bygger magneter för acceleratorer.',
  competences: ['Supraledande magneter'],
  references: [{ title: 'Korrektionsmagneter', customer: 'ESS', year: 2022, description: '' }],
  arenaIds: ['big-science' as const],
};

const VALID_INPUTS: Record<string, (fx: Fixtures, role: Role) => unknown> = {
  'accounts.me': () => undefined,
  'accounts.register': () => ({
    name: 'Fuzz Person',
    email: 'fuzz.new@example.org',
    password: PASSWORD,
    representation: 'supplier',
    language: 'sv',
  }),
  'accounts.login': (fx) => ({ email: fx.bystander.email, password: PASSWORD }),
  'accounts.logout': () => undefined,
  'accounts.verifyEmail': () => ({ token: UNKNOWN_TOKEN }),
  'accounts.resendVerification': () => undefined,
  'accounts.requestPasswordReset': (fx) => ({ email: fx.bystander.email, language: 'en' }),
  'accounts.resetPassword': () => ({ token: UNKNOWN_TOKEN, newPassword: 'another long password here' }),
  'accounts.changePassword': (_fx, role) => ({ currentPassword: role.password, newPassword: role.password }),
  'accounts.block': (fx) => ({ userId: fx.bystander.id }),
  'accounts.exportMyData': () => undefined,
  // Not the role's password: an erasure that succeeded would remove the fuzzing identity itself, so
  // only the refusing paths of erase are fuzzed here (account-lifecycle tests cover a real erasure).
  'accounts.erase': () => ({ password: 'not the password of anyone here' }),
  'audit.list': (fx) => ({
    action: 'account.signed_in',
    actorId: fx.bystander.id,
    userId: fx.bystander.id,
    organisationId: fx.bystander.organisationId,
    from: '2020-01-01T00:00:00Z',
    to: '2040-01-01T00:00:00+01:00',
    before: 100_000,
    limit: 20,
  }),
  'arenas.list': () => undefined,
  'arenas.get': () => ({ arenaId: 'energy-environment' }),
  'library.list': () => ({ arenaId: 'energy-environment', kind: 'guide', audience: 'buyers', language: 'sv', withdrawn: false, limit: 10, cursor: { publishedAt: '2031-01-01T00:00:00.000Z', id: 'aaaaaaaaaaaaaaaaaaaaaaaa' } }),
  'library.get': (fx) => ({ itemId: fx.libraryItemId, version: 1 }),
  'library.publish': () => LIBRARY_ITEM,
  'library.revise': (fx) => ({ itemId: fx.libraryItemId, ...LIBRARY_ITEM, note: 'Nya belopp.' }),
  'library.withdraw': (fx) => ({ itemId: fx.libraryItemId, reason: 'Utlysningen har stängt.' }),
  'relay.chains': () => ({ arenaId: 'energy-environment' }),
  'relay.get': (fx) => ({ projectId: fx.relayProjectId, version: 1 }),
  'relay.mine': (fx) => ({ dialogueId: fx.dialogueId }),
  'relay.create': (fx) => ({ title: 'Fuzzat stafettprojekt', arenaId: 'energy-environment', dialogueIds: [fx.dialogueId], visibility: 'public' }),
  'relay.publishHandover': (fx) => ({ projectId: fx.relayProjectId, ...RELAY_HANDOVER }),
  'relay.reviseHandover': (fx) => ({ projectId: fx.relayProjectId, ...RELAY_HANDOVER, note: 'Efter nästa steg.' }),
  'relay.withdrawHandover': (fx) => ({ projectId: fx.relayProjectId, reason: 'Fel uppgifter.' }),
  'relay.takeBaton': (fx) => ({ projectId: fx.relayProjectId, fromProjectIds: [fx.relayProjectId] }),
  'relay.linkMeeting': (fx) => ({ projectId: fx.relayProjectId, sessionId: fx.sessionId }),
  'relay.setContact': (fx) => ({ projectId: fx.relayProjectId, offering: false, role: 'Projektledare', emailShownTo: 'nobody' }),
  'relay.post': (fx) => ({ projectId: fx.relayProjectId, replyTo: fx.relayPostId, body: 'Hur gick pilotfasen?' }),
  'relay.editPost': (fx) => ({ postId: fx.relayPostId, body: 'Hur gick pilotfasen i praktiken?', note: 'Förtydligat.' }),
  'relay.hidePost': (fx) => ({ postId: fx.relayPostId, reason: 'Reklam.' }),
  'networks.inArena': () => ({ arenaId: 'energy-environment' }),
  'networks.mine': () => undefined,
  'networks.get': (fx) => ({ networkId: fx.networkId }),
  'networks.discussion': (fx) => ({ discussionId: fx.networkDiscussionId }),
  'networks.create': () => ({ name: 'Fuzzat nätverk', purpose: 'Samordna krav.', arenaId: 'energy-environment', joining: 'on-request' }),
  'networks.requestToJoin': (fx) => ({ networkId: fx.networkId }),
  'networks.decideRequest': (fx) => ({ networkId: fx.networkId, organisationId: fx.bystander.organisationId, accept: false }),
  'networks.invite': (fx) => ({ networkId: fx.networkId, organisationId: fx.bystander.organisationId }),
  'networks.answerInvitation': (fx) => ({ networkId: fx.networkId, accept: false }),
  'networks.leave': (fx) => ({ networkId: fx.networkId, reason: 'Vi har inte tid.' }),
  'networks.remove': (fx) => ({ networkId: fx.networkId, organisationId: fx.bystander.organisationId, reason: 'Inaktiv.' }),
  'networks.dissolve': (fx) => ({ networkId: fx.spareNetworkId, reason: 'Klart.' }),
  'networks.linkDialogue': (fx) => ({ networkId: fx.networkId, dialogueId: fx.dialogueId }),
  'networks.startDiscussion': (fx) => ({ networkId: fx.networkId, title: 'Fuzzad diskussion', body: 'Hur samordnar vi?' }),
  'networks.post': (fx) => ({ discussionId: fx.networkDiscussionId, body: 'Vi är med.' }),
  'networks.editPost': (fx) => ({ postId: fx.networkPostId, body: 'Vi är med, med förbehåll.' }),
  'networks.hidePost': (fx) => ({ postId: fx.networkPostId, reason: 'Hör inte hit.' }),
  'networks.libraryItem': (fx) => ({ itemId: fx.networkItemId }),
  'networks.publishItem': (fx) => ({ networkId: fx.networkId, title: 'Fuzzad kravmall', body: 'Gemensamma krav att utgå från.' }),
  'networks.reviseItem': (fx) => ({ itemId: fx.networkItemId, title: 'Fuzzad kravmall', body: 'Gemensamma krav, andra utkastet.', note: 'Andra utkastet' }),
  'networks.session': (fx) => ({ sessionId: fx.networkSessionId }),
  'networks.scheduleSession': (fx) => ({ ...NETWORK_SESSION, networkId: fx.networkId }),
  'networks.registerForSession': (fx) => ({ sessionId: fx.networkSessionId }),
  'networks.unregisterFromSession': (fx) => ({ sessionId: fx.networkSessionId }),
  'networks.cancelSession': (fx) => ({ sessionId: fx.networkSessionId, reason: 'Mötet ställs in.' }),
  'networks.editSession': (fx) => ({ ...NETWORK_SESSION, sessionId: fx.networkSessionId }),
  'networkLive.get': (fx) => ({ sessionId: fx.networkLiveSessionId }),
  'networkLive.start': (fx) => ({ sessionId: fx.networkLiveSessionId }),
  'networkLive.end': (fx) => ({ sessionId: fx.networkLiveSessionId }),
  'networkLive.ask': (fx) => ({ sessionId: fx.networkLiveSessionId, body: 'Vilka krav delar vi?' }),
  'networkLive.hideQuestion': (fx) => ({ questionId: fx.networkLiveQuestionId, reason: 'Hör inte hit.' }),
  'consortia.profile': (fx) => ({ organisationId: fx.supplierOrganisationId, version: 1 }),
  'consortia.profiles': (fx) => ({ competence: 'magneter', arenaId: 'big-science', opportunityId: fx.opportunityId, interestedOnly: false }),
  'consortia.opportunity': (fx) => ({ opportunityId: fx.opportunityId }),
  'consortia.consortium': (fx) => ({ consortiumId: fx.consortiumId }),
  'consortia.arena': () => ({ arenaId: 'big-science' }),
  'consortia.mine': () => undefined,
  'consortia.saveProfile': () => CAPABILITY_PROFILE,
  'consortia.publishOpportunity': () => ({ title: 'Magneter till strållinjen', facility: 'ESS', description: 'Upphandling av magneter.', arenaId: 'big-science', expectedAt: '2027-03-01' }),
  'consortia.editOpportunity': (fx) => ({ opportunityId: fx.opportunityId, title: 'Magneter till strållinjen', facility: 'ESS', description: 'Upphandling av fler magneter.', arenaId: 'big-science', expectedAt: '2027-04-01', note: 'Fler magneter.' }),
  'consortia.withdrawOpportunity': (fx) => ({ opportunityId: fx.opportunityId, reason: 'Upphandlingen skjuts upp.' }),
  'consortia.openForDialogue': (fx) => ({ dialogueId: fx.dialogueId }),
  'consortia.declareInterest': (fx) => ({ opportunityId: fx.opportunityId, interested: true, note: 'Magneter' }),
  'consortia.form': (fx) => ({ opportunityId: fx.opportunityId, name: 'Fuzzkonsortiet', visibility: 'buyer', invite: [fx.bystander.organisationId] }),
  'consortia.invite': (fx) => ({ consortiumId: fx.consortiumId, organisationIds: [fx.bystander.organisationId] }),
  'consortia.confirm': (fx) => ({ consortiumId: fx.consortiumId, visibility: 'public' }),
  'consortia.decline': (fx) => ({ consortiumId: fx.consortiumId }),
  'consortia.leave': (fx) => ({ consortiumId: fx.consortiumId, reason: 'Inga resurser.' }),
  'consortia.remove': (fx) => ({ consortiumId: fx.consortiumId, organisationId: fx.bystander.organisationId, reason: 'Fel inbjuden.' }),
  'consortia.chooseVisibility': (fx) => ({ consortiumId: fx.consortiumId, visibility: 'public' }),
  'deadLetters.list': () => ({ limit: 20 }),
  // No dead letter waits under this id: a retry or dismissal that got through would change nothing.
  'deadLetters.retry': () => ({ deadLetterId: 'dead-mail-999999' }),
  'deadLetters.dismiss': () => ({ deadLetterId: 'dead-mail-999999' }),
  'organisations.get': (fx) => ({ organisationId: fx.bystander.organisationId }),
  'organisations.mine': () => undefined,
  'organisations.find': () => ({ q: 'Bystander' }),
  'organisations.verificationQueue': () => undefined,
  'organisations.create': () => ({ name: 'Fuzz Forskning', kind: 'research', orgNumber: organisationNumber() }),
  'organisations.requestToJoin': (fx) => ({ organisationId: fx.bystander.organisationId }),
  'organisations.decideJoinRequest': (fx) => ({ requestId: fx.joinRequestId, approve: false }),
  'organisations.invite': (fx) => ({ organisationId: fx.supplierOrganisationId, email: 'invitee@example.org' }),
  'organisations.acceptInvitation': () => ({ token: UNKNOWN_TOKEN }),
  'organisations.acceptInvitationFor': () => ({ invitationId: UNKNOWN_TOKEN }),
  'organisations.invitationsForMe': () => undefined,
  'organisations.setMemberRole': (fx) => ({ organisationId: fx.bystander.organisationId, userId: fx.bystander.id, role: 'member' }),
  'organisations.removeMember': (fx) => ({ organisationId: fx.bystander.organisationId, userId: fx.bystander.id }),
  'organisations.actFor': (fx) => ({ organisationId: fx.bystander.organisationId }),
  'organisations.verify': (fx) => ({ organisationId: fx.bystander.organisationId }),
  'organisations.update': (fx) => ({ organisationId: fx.bystander.organisationId, name: 'Bystander AB', orgNumber: null }),
  'organisations.requestVerification': (fx) => ({ organisationId: fx.bystander.organisationId }),
  'organisations.rejectVerification': (fx) => ({ organisationId: fx.bystander.organisationId, reason: 'Fel organisationsnummer angivet.' }),
  // A supplier organisation into a buyer one: refused (another kind), so no fuzzed call merges anything away.
  'organisations.merge': (fx) => ({ organisationId: fx.bystander.organisationId, intoOrganisationId: fx.buyerOrganisationId }),
  'dialogues.list': () => ({ arenaId: 'energy-environment' }),
  'dialogues.get': (fx) => ({ dialogueId: fx.dialogueId }),
  'dialogues.setQuestionDeadline': (fx) => ({ dialogueId: fx.dialogueId, questionDeadline: '2031-06-01T17:00:00+02:00' }),
  'dialogues.addOwner': (fx) => ({ dialogueId: fx.dialogueId, organisationId: fx.bystander.organisationId }),
  'dialogues.history': (fx) => ({ dialogueId: fx.dialogueId }),
  'dialogues.update': (fx) => ({
    dialogueId: fx.dialogueId,
    title: 'Fossilfria arbetsmaskiner i kommunen',
    description: 'Behov av **eldrivna** maskiner, nu med tidslinje.',
    phase: 'tender',
    questionDeadline: '2031-06-01T17:00:00+02:00',
    tenderDeadline: '2031-07-01T12:00:00+02:00',
    accelerated: false,
    visibility: 'public',
    qaMode: 'moderated',
    referenceNumber: 'KS 2031/17',
    cpvCodes: ['45000000-7', '34144000-8'],
    contact: { name: 'Karin Kontakt', email: 'karin@example.org', phone: '+46 8 123 456 78' },
    milestones: [{ label: 'Dialogmöte', at: '2031-05-01T10:00:00+02:00' }],
  }),
  'dialogues.setArchived': (fx) => ({ dialogueId: fx.dialogueId, archived: false }),
  'accounts.setModerator': (fx) => ({ email: fx.bystander.email, moderator: false }),
  'dialogues.create': () => ({
    title: 'Fossilfria arbetsmaskiner',
    description: 'Behov av **eldrivna** maskiner.',
    arenaId: 'energy-environment',
    phase: 'needs-analysis',
    questionDeadline: '2031-06-01T17:00:00+02:00',
    visibility: 'public',
  }),
  'threads.list': (fx) => ({ dialogueId: fx.dialogueId }),
  'threads.get': (fx) => ({ threadId: fx.threadId }),
  'threads.ask': (fx) => ({ dialogueId: fx.dialogueId, title: 'Finns laddinfrastruktur?', body: 'Hur ser **laddningen** ut?' }),
  'threads.answer': (fx) => ({ threadId: fx.threadId, body: 'Ja, på plats.', attachmentIds: [] }),
  'threads.changes': (fx) => ({ dialogueId: fx.dialogueId, afterChange: 0 }),
  'threads.inbox': (fx) => ({ dialogueId: fx.dialogueId }),
  'threads.history': (fx) => ({ postId: fx.answerId }),
  'threads.publish': (fx) => ({ threadId: fx.threadId, answer: 'Svar till alla.', attachmentIds: [] }),
  'threads.answerPrivately': (fx) => ({ threadId: fx.threadId, body: 'Svar.', reason: 'Gäller bara er anläggning.', attachmentIds: [] }),
  'threads.comment': (fx) => ({ threadId: fx.threadId, body: 'En **följdfråga**.' }),
  'threads.edit': (fx) => ({ postId: fx.answerId, body: 'Ändrad text.', title: 'Ny rubrik' }),
  'threads.redact': (fx) => ({ threadId: fx.threadId, title: 'Rubrik', body: 'Text.', note: 'Namn borttaget.' }),
  'threads.correct': (fx) => ({ postId: fx.answerId, body: 'Rättat.', note: 'Fel siffra.' }),
  'threads.vote': (fx) => ({ threadId: fx.threadId, wants: true }),
  'threads.flag': (fx) => ({ postId: fx.answerId, reason: 'Reklam.' }),
  'threads.flags': () => undefined,
  'threads.hide': (fx) => ({ postId: fx.answerId, reason: 'Personangrepp.' }),
  'threads.dismissFlag': () => ({ flagId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
  'threads.lock': (fx) => ({ threadId: fx.threadId, reason: 'Utrett.' }),
  'threads.unlock': (fx) => ({ threadId: fx.threadId }),
  'dialogues.setQaMode': (fx) => ({ dialogueId: fx.dialogueId, qaMode: 'moderated' }),
  'dialogues.recordOutcome': (fx) => ({ dialogueId: fx.dialogueId, procuredInnovation: true, newToMarket: false, contractValueBand: 'under-1m' }),
  'metrics.view': () => ({ arenaId: 'energy-environment', buyerId: 'aaaaaaaaaaaaaaaaaaaaaaaa', from: '2026-01', to: '2026-12' }),
  'sessions.list': (fx) => ({ dialogueId: fx.dialogueId }),
  'sessions.get': (fx) => ({ sessionId: fx.sessionId }),
  'sessions.registrations': (fx) => ({ sessionId: fx.sessionId }),
  'sessions.create': (fx) => ({
    dialogueId: fx.dialogueId,
    title: 'Dialogmöte',
    agenda: '1. Behov',
    startsAt: '2031-05-12T10:00',
    endsAt: '2031-05-12T11:00',
    timeZone: 'Europe/Stockholm',
    format: 'hybrid',
    meetingLink: 'https://meet.example/x',
    address: 'Storgatan 1, Umeå',
    capacity: 30,
    registrationDeadline: '2031-05-10T17:00',
    questionsNeedApproval: true,
  }),
  'sessions.update': (fx) => ({
    sessionId: fx.sessionId,
    title: 'Dialogmöte',
    startsAt: '2031-04-12T10:00',
    endsAt: '2031-04-12T11:00',
    format: 'onsite',
    address: 'Storgatan 1, Umeå',
    capacity: 30,
  }),
  'sessions.cancel': (fx) => ({ sessionId: fx.sessionId, reason: 'Flyttas.' }),
  'sessions.start': (fx) => ({ sessionId: fx.sessionId }),
  'sessions.end': (fx) => ({ sessionId: fx.sessionId }),
  'sessions.register': (fx) => ({ sessionId: fx.sessionId }),
  'liveRoom.get': (fx) => ({ sessionId: fx.sessionId }),
  'liveRoom.changes': (fx) => ({ sessionId: fx.sessionId, since: 0 }),
  'liveRoom.ask': (fx) => ({ sessionId: fx.sessionId, body: 'Hur **laddas** maskinerna?' }),
  'liveRoom.vote': (fx) => ({ questionId: fx.liveQuestionId, up: true }),
  'liveRoom.approve': (fx) => ({ questionId: fx.liveQuestionId }),
  'liveRoom.hide': (fx) => ({ questionId: fx.liveQuestionId, reason: 'Utanför ämnet.' }),
  'liveRoom.pin': (fx) => ({ questionId: fx.liveQuestionId, pinned: true }),
  'liveRoom.answer': (fx) => ({ questionId: fx.liveQuestionId, answer: 'Med **snabbladdare**.' }),
  'liveRoom.setApproval': (fx) => ({ sessionId: fx.sessionId, questionsNeedApproval: true }),
  'liveRoom.announce': (fx) => ({ sessionId: fx.sessionId, body: 'Paus i fem minuter.' }),
  'liveRoom.openPoll': (fx) => ({ sessionId: fx.sessionId, question: 'Vilken räckvidd?', options: ['Kort', 'Lång'], multiple: true }),
  'liveRoom.answerPoll': (fx) => ({ pollId: fx.pollId, choices: [0, 1] }),
  'liveRoom.closePoll': (fx) => ({ pollId: fx.pollId }),
  'liveRoom.publishMinutes': (fx) => ({ sessionId: fx.sessionId, minutes: '## Protokoll\n\nVi gick igenom **räckvidden**.' }),
  'sessions.unregister': (fx) => ({ sessionId: fx.sessionId }),
  'publicService.operator': () => undefined,
  'publicService.page': () => ({ name: 'about', language: 'en' }),
  'publicService.sendFeedback': () => ({
    kind: 'barrier',
    message: 'Fokusmarkeringen syns inte på knappen.',
    page: '/dialogues/abcdefgh12',
    name: 'Fia Fuzz',
    email: 'fia@fuzz.example',
    language: 'sv',
  }),
  'publicService.feedback': () => ({ limit: 20 }),
  'meetings.rounds': (fx) => ({ dialogueId: fx.dialogueId }),
  'meetings.round': () => ({ roundId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
  'meetings.openRound': (fx) => ({
    dialogueId: fx.dialogueId,
    title: 'Enskilda möten',
    agenda: '1. Er lösning',
    timeZone: 'Europe/Stockholm',
    firstStartsAt: '2031-05-20T09:00',
    slotMinutes: 45,
    breakMinutes: 15,
    slotCount: 4,
    place: 'online',
    meetingLink: 'https://meet.example/r',
  }),
  'meetings.book': () => ({ slotId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
  'meetings.cancelBooking': () => ({ slotId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
  'meetings.recordMinutes': () => ({ slotId: 'aaaaaaaaaaaaaaaaaaaaaaaa', minutes: 'Anteckningar.' }),
  'meetings.closeRound': () => ({ roundId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
  'calendar.feeds': () => undefined,
  'calendar.createFeed': (fx) => ({ scope: 'dialogue', dialogueId: fx.dialogueId }),
  'calendar.revokeFeed': () => ({ feedId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
  'search.query': () => ({ q: 'maskiner', limit: 5 }),
  'notifications.list': () => ({ before: 1_000_000, limit: 20 }),
  'notifications.unreadCount': () => undefined,
  'notifications.markRead': () => ({ ids: ['1:aaaaaaaaaaaaaaaaaaaaaaaa'] }),
  'notifications.markAllRead': () => undefined,
  'notifications.follow': (fx) => ({ kind: 'thread', id: fx.threadId }),
  'notifications.unfollow': (fx) => ({ kind: 'dialogue', id: fx.dialogueId }),
  'notifications.followState': (fx) => ({ dialogueId: fx.dialogueId }),
  'notifications.settings': () => undefined,
  'notifications.setEmail': () => ({ email: 'daily' }),
  // A token of the right shape that the server never signed: only the refusing path is fuzzed.
  'notifications.unsubscribeView': () => ({ token: `eyJwIjoidW5zdWJzY3JpYmUifQ.${UNKNOWN_TOKEN}` }),
  'notifications.unsubscribe': () => ({ token: `eyJwIjoidW5zdWJzY3JpYmUifQ.${UNKNOWN_TOKEN}` }),
  'savedSearches.list': () => undefined,
  'savedSearches.save': (fx) => ({ name: 'Maskiner i transport', query: { q: 'maskiner', arenaIds: ['transport'], dialogueIds: [fx.dialogueId], answered: true }, inApp: true, email: 'daily' }),
  // No saved search has this id: a change or removal that got through would change nothing.
  'savedSearches.change': () => ({ savedSearchId: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Nytt namn', email: 'off' }),
  'savedSearches.remove': () => ({ savedSearchId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
  'attachments.ofDialogue': (fx) => ({ dialogueId: fx.dialogueId }),
  'attachments.rules': () => undefined,
  // No attachment has this id: a removal that got through would change nothing (uploads: fuzz-uploads.test.ts).
  'attachments.remove': () => ({ attachmentId: 'aaaaaaaaaaaaaaaaaaaaaaaa', reason: 'Fel fil.' }),
};

/**
 * Refusals that are recorded on purpose: the only writes a refused call may make are these events
 * (with the event counter). Anything else written on a refusal fails the property.
 */
const EVENTS_RECORDED_ON_REFUSAL: Record<string, string[]> = {
  'accounts.login': ['account.sign_in_failed'],
};

// ---------------------------------------------------------------------------------------------
// Hostile inputs. Every input is the exact text (or bytes) put on the wire, so keys such as
// `__proto__`, duplicate keys, numbers like 1e999 and invalid UTF-8 reach the server unchanged.

type WireInput = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'none' };
type HostileInput = { label: string; wire: WireInput };
type Transport = { batch: boolean; wrongMethod: boolean; contentType: string };
type Call = { role: RoleName; input: HostileInput; transport: Transport };

/** Printed by fast-check in a counterexample: the label and a bounded excerpt, not 60 KiB of 'x'. */
function hostile(label: string, wire: WireInput): HostileInput {
  const excerpt = wire.kind === 'none' ? '' : Buffer.from(wire.kind === 'text' ? wire.text : wire.bytes).toString('utf8');
  const shown = excerpt.length > 240 ? `${excerpt.slice(0, 160)}…(${excerpt.length} chars)…${excerpt.slice(-40)}` : excerpt;
  return Object.assign({ label, wire }, { [fc.toStringMethod]: () => `${label}: ${JSON.stringify(shown)}` });
}
const text = (label: string, value: string): HostileInput => hostile(label, { kind: 'text', text: value });
const json = (label: string, value: unknown): HostileInput => text(label, JSON.stringify(value) ?? 'null');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The valid input's JSON with one field's value replaced by raw JSON text (removed when null; added
 * when the input has no such field), plus extra raw entries.
 */
function withRawField(valid: Record<string, unknown>, field: string, raw: string | null, extra: [string, string][] = []): string {
  const entries = Object.entries(valid)
    .filter(([key]) => key !== field || raw !== null)
    .map(([key, value]) => `${JSON.stringify(key)}:${key === field ? raw : JSON.stringify(value)}`);
  if (field !== '' && raw !== null && !(field in valid)) entries.push(`${JSON.stringify(field)}:${raw}`);
  return `{${[...entries, ...extra.map(([key, value]) => `${JSON.stringify(key)}:${value}`)].join(',')}}`;
}

const OPERATOR_KEYS = [
  '$ne', '$gt', '$gte', '$lt', '$in', '$nin', '$where', '$nor', '$or', '$and', '$not', '$regex', '$options', '$expr',
  '$function', '$exists', '$type', '$elemMatch', '$size', '$jsonSchema', '$text', '$search', '$set', '$unset', '$inc',
  '$push', '$rename', '$', '$$ROOT', 'a.b', 'email.$ne', '_id', '_id.$gt', '.', '..', 'x.__proto__.y', '$__proto__',
];
const operatorValue = fc.oneof(
  fc.constantFrom<unknown>('', null, 1, true, [], {}, '.*', '^', 'function () { return true; }', 'sleep(1000)', { $ne: null }, [{ $gt: '' }]),
  fc.jsonValue({ maxDepth: 1 }),
);
const operatorObject = fc.dictionary(fc.constantFrom(...OPERATOR_KEYS), operatorValue, { minKeys: 1, maxKeys: 4 });

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const PROTO_PAYLOADS = [
  '{"platformRole":"admin","emailVerified":true,"organisationVerified":true,"isAdmin":true}',
  '{"prototype":{"polluted":true,"platformRole":"admin"}}',
  '{"__proto__":{"polluted":true}}',
  'null',
  '"x"',
  '[]',
];

const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const AWKWARD_CHAR = fc.constantFrom(
  '\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u202e', '\u2028', '\u2029',
  '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud83d\ude00', 'e\u0301', '\u{10ffff}', 'İ', 'ß', '\\', '"', '%00', '%',
);
const awkwardString = fc
  .array(fc.oneof(fc.string({ maxLength: 6 }), LONE_SURROGATE, AWKWARD_CHAR), { minLength: 1, maxLength: 14 })
  .map((parts) => parts.join(''));

/** Byte sequences no UTF-8 decoder may accept as they are. */
const INVALID_UTF8 = fc.constantFrom(
  [0xff], [0xfe], [0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xc3], [0xf0, 0x9f, 0x98],
);

/** Strings the schema accepts but a query, regex or search engine might trip over. */
const TRICKY_VALID_STRING = fc.oneof(
  fc.constantFrom(
    '.*', '^$', '(', ')', '[', '\\', '*', '?', '+', '(a+)+$', '"unterminated', "' OR '1'='1", '{"$ne":null}', '$where',
    'title:x', '*:*', 'AND', 'NOT', '-', '~', '^', 'a'.repeat(199), '<script>alert(1)</script>', '../../etc/passwd',
    'constructor', '__proto__', 'toString', 'hasOwnProperty', 'x@example.org', '55667788', '556677-8899',
  ),
  fc.string({ minLength: 1, maxLength: 40 }),
  awkwardString,
);

function hugeString(transport: 'get' | 'post'): fc.Arbitrary<{ label: string; raw: string }> {
  return fc.constantFrom('x', ' ', 'å', '\u202e', '𝕏', '"', '\\').chain((char) => {
    const rawChar = JSON.stringify(char).slice(1, -1);
    const perChar = transport === 'get' ? encodeURIComponent(rawChar).length : Buffer.byteLength(rawChar);
    const max = Math.floor((transport === 'get' ? MAX_GET_INPUT_CHARS - 400 : BODY_LIMIT + 4096) / perChar);
    return fc
      .oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 19_995, max: 20_005 }), fc.integer({ min: Math.max(1, max - 2000), max }))
      .map((length) => Math.min(length, max))
      .map((length) => ({ label: `${length} × ${JSON.stringify(char)}`, raw: `"${rawChar.repeat(length)}"` }));
  });
}

function deepNesting(transport: 'get' | 'post'): fc.Arbitrary<{ label: string; raw: string }> {
  const maxDepth = transport === 'get' ? 1200 : 40_000;
  return fc
    .record({ depth: fc.oneof(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 200, max: maxDepth })), shape: fc.constantFrom('array', 'object') })
    .map(({ depth, shape }) => {
      const [open, close] = shape === 'array' ? ['[', ']'] : ['{"a":', '}'];
      const size = transport === 'get' ? Math.min(depth, Math.floor(MAX_GET_INPUT_CHARS / (3 * open.length))) : depth;
      return { label: `${shape} nested ${size} deep`, raw: `${open.repeat(size)}1${close.repeat(size)}` };
    });
}

const wrongTypeValue = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.constantFrom('1e999', '-1e999', '-0', '1E-400', '123456789012345678901234567890', '0.1e1', 'true', 'false', 'null', '[]', '{}', '""', '"  "'),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
);

function hostileInputs(valid: unknown, transport: 'get' | 'post'): fc.Arbitrary<HostileInput> {
  const fields = isRecord(valid) ? Object.keys(valid) : [];
  const base = isRecord(valid) ? valid : {};
  const field = fields.length > 0 ? fc.constantFrom(...fields) : fc.constantFrom('x');
  const invalidUtf8 = fc
    .record({ field, sequences: fc.array(INVALID_UTF8, { minLength: 1, maxLength: 4 }), prefix: fc.string({ maxLength: 5 }) })
    .map(({ field: name, sequences, prefix }) => {
      const marker = 'INVALID-UTF8-HERE';
      const [before, after] = withRawField(base, name, `"${prefix.replace(/["\\]/g, '')}${marker}"`).split(marker) as [string, string];
      const bytes = Buffer.concat([Buffer.from(before), Buffer.from(sequences.flat()), Buffer.from(after)]);
      return hostile(`invalid UTF-8 ${JSON.stringify(sequences)} in ${name}`, { kind: 'bytes', bytes: new Uint8Array(bytes) });
    });

  const variants: fc.WeightedArbitrary<HostileInput>[] = [
    { weight: 2, arbitrary: fc.constant(json('the valid input itself', valid ?? null)) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => json('arbitrary JSON', value)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('null', 'true', '0', '-1', '""', '"x"', '[]', '[{}]', '{}', '1e999', '"\\u0000"')
        .map((raw) => text('not an object', raw)),
    },
    { weight: 1, arbitrary: fc.constant(hostile('no input at all', { kind: 'none' })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom('{', '{"a":1,}', "{'a':1}", 'NaN', 'undefined', '{"a":1}{"b":2}', '[1,2', '{"a"}', '\u0000', '/*x*/{}'),
          fc.integer({ min: 1, max: 40 }).map((cut) => (JSON.stringify(valid ?? {}) ?? '').slice(0, -cut)),
        )
        .map((raw) => text('malformed JSON', raw)),
    },
    { weight: 3, arbitrary: operatorObject.map((value) => json('operator object as the input', value)) },
    {
      weight: 3,
      arbitrary: fc
        .record({ field, value: operatorObject })
        .map(({ field: name, value }) => text(`operator object in ${name}`, withRawField(base, name, JSON.stringify(value)))),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ key: fc.constantFrom(...OPERATOR_KEYS), value: operatorValue })
        .map(({ key, value }) => text(`extra key ${key}`, withRawField(base, '', null, [[key, JSON.stringify(value)]]))),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({
          key: fc.constantFrom(...PROTO_KEYS),
          payload: fc.constantFrom(...PROTO_PAYLOADS),
          placement: fc.constantFrom('top level', 'as a field', 'inside a field', 'duplicate key'),
          field,
        })
        .map(({ key, payload, placement, field: name }) => {
          const k = JSON.stringify(key);
          let raw: string;
          if (placement === 'top level') raw = withRawField(base, '', null, [[key, payload]]);
          else if (placement === 'as a field') raw = withRawField(base, name, `{${k}:${payload}}`);
          else if (placement === 'inside a field') raw = withRawField(base, name, `{${k}:${payload},"valueOf":${JSON.stringify(base[name] ?? 1)}}`);
          else raw = `${withRawField(base, '', null).slice(0, -1)}${fields.length > 0 ? ',' : ''}${JSON.stringify(name)}:${payload},${k}:${payload}}`;
          return text(`${key} ${placement} (${name})`, raw);
        }),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ field, huge: hugeString(transport), whole: fc.boolean() })
        .map(({ field: name, huge, whole }) =>
          whole ? text(`whole input is a string of ${huge.label}`, huge.raw) : text(`${name} is ${huge.label}`, withRawField(base, name, huge.raw)),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: transport === 'get' ? 400 : 8000 }).map((count) =>
        text(
          `${count} extra keys`,
          withRawField(
            base,
            '',
            null,
            Array.from({ length: count }, (_, i) => [`k${i}`, String(i)] as [string, string]),
          ),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ field, nested: deepNesting(transport), whole: fc.boolean() })
        .map(({ field: name, nested, whole }) =>
          whole ? text(`input is ${nested.label}`, nested.raw) : text(`${name} is ${nested.label}`, withRawField(base, name, nested.raw)),
        ),
    },
    {
      weight: 4,
      arbitrary: fc
        .record({ field, value: fc.oneof(wrongTypeValue, fc.constant<string | null>(null)) })
        .map(({ field: name, value }) =>
          text(value === null ? `${name} missing` : `${name} = ${value.slice(0, 40)}`, withRawField(base, name, value)),
        ),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ field, value: awkwardString })
        .map(({ field: name, value }) => text(`${name} with lone surrogates / control characters`, withRawField(base, name, JSON.stringify(value)))),
    },
    { weight: 2, arbitrary: invalidUtf8 },
    {
      weight: 4,
      arbitrary: fc
        .record({ field, value: TRICKY_VALID_STRING })
        .map(({ field: name, value }) => text(`${name} = ${JSON.stringify(value).slice(0, 40)}`, withRawField(base, name, JSON.stringify(value)))),
    },
  ];
  return fc.oneof(...variants);
}

const transports = fc.record({
  batch: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  wrongMethod: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/json; charset=utf-16le',
    'application/json; boundary=----x',
  ),
});

// ---------------------------------------------------------------------------------------------
// Calling the server.

let server: TestServer;
let fixtures: Fixtures;
const roles = new Map<RoleName, Role>();
/** What the server logged at warn level or worse (a failure it caught, a processor retrying), one line each. */
function serverErrors(): string[] {
  return server.logs().filter((line) => ['warn', 'error', 'fatal'].includes(line.level)).map((line) => JSON.stringify(line));
}

function percentEncodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function wireBytes(wire: WireInput): Uint8Array | null {
  if (wire.kind === 'none') return null;
  return wire.kind === 'text' ? new Uint8Array(Buffer.from(wire.text)) : wire.bytes;
}

type Outcome = { status: number; body: string; url: string; sent: Uint8Array | null; setCookie: string[] };

/**
 * Oversized bodies whose 413 was lost to a connection reset. The server answers 413 before reading
 * the body, says `Connection: keep-alive`, then destroys the socket once draining the rest times
 * out, so the client may see EPIPE / ECONNRESET instead of the answer, and a request that reuses the
 * connection dies too. Oversized bodies therefore go on a connection of their own (node:http, no
 * agent); a lost 413 is counted and printed, not failed: it is not a crash and nothing is written.
 */
const resetsOnOversizedBodies: string[] = [];
/** How each procedure answered, printed at the end: a fuzzer that only ever gets 400s proves little. */
const statusesByProcedure = new Map<string, Map<number, number>>();

function postOnOwnConnection(url: string, headers: Record<string, string>, body: Uint8Array): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
        }
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0, headers: responseHeaders }));
      });
      incoming.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function send(procedure: DiscoveredProcedure, role: Role, call: Call): Promise<Outcome> {
  const asGet = (procedure.kind === 'query') !== call.transport.wrongMethod;
  let sent = wireBytes(call.input.wire);
  if (call.transport.batch) {
    sent = new Uint8Array(Buffer.concat([Buffer.from('{"0":'), Buffer.from(sent ?? Buffer.from('{}')), Buffer.from('}')]));
  }
  const query = [call.transport.batch ? 'batch=1' : '', asGet && sent ? `input=${percentEncodeBytes(sent)}` : ''].filter(Boolean).join('&');
  const url = `${server.url}/trpc/${procedure.path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', accept: 'application/json' };
  if (role.cookie) headers.cookie = role.cookie;
  if (!asGet) {
    headers.origin = server.url;
    headers['content-type'] = call.transport.contentType;
  }
  let response: Response;
  if (!asGet && sent && sent.length > BODY_LIMIT) {
    try {
      response = await postOnOwnConnection(url, headers, sent);
    } catch (error) {
      resetsOnOversizedBodies.push(`${procedure.path}: ${sent.length} bytes → ${(error as { code?: string }).code ?? String(error)}`);
      response = new Response(JSON.stringify({ error: { data: { appCode: 'PAYLOAD_TOO_LARGE' } } }), { status: 413 });
    }
  } else {
    response = await fetch(url, { method: asGet ? 'GET' : 'POST', headers, body: asGet || !sent ? undefined : new Uint8Array(sent) });
  }
  return { status: response.status, body: await response.text(), url, sent, setCookie: response.headers.getSetCookie() };
}

/** Keeps the role's cookie jar as a browser would; an anonymous visitor drops any session it was given. */
function storeCookies(role: Role, setCookie: string[]): void {
  for (const line of setCookie) {
    const [pair] = line.split(';');
    if (!pair?.startsWith('df_session=')) continue;
    const cleared = /max-age=0/i.test(line) || pair === 'df_session=';
    role.cookie = role.name === 'anonymous' || cleared ? '' : pair;
  }
}

async function post(path: string, input: unknown, cookie = ''): Promise<{ status: number; body: { result?: { data?: unknown } } }> {
  const response = await fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as { result?: { data?: unknown } } };
}

async function meOf(role: Role): Promise<{ id: string; email: string; organisation: { id: string } | null } | null> {
  const response = await fetch(`${server.url}/trpc/accounts.me`, { headers: role.cookie ? { cookie: role.cookie } : {} });
  const body = (await response.json()) as { result?: { data?: { id: string; email: string; organisation: { id: string } | null } | null } };
  return body.result?.data ?? null;
}

async function signIn(role: Role): Promise<void> {
  if (!role.email) return;
  const response = await fetch(`${server.url}/trpc/accounts.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email: role.email, password: role.password }),
  });
  if (response.status !== 200) throw new Error(`cannot sign ${role.name} in again: ${response.status} ${await response.text()}`);
  role.cookie = '';
  storeCookies(role, response.headers.getSetCookie());
}

/** After a call that succeeded, the role is itself again (same person, signed in). */
async function restoreSession(role: Role, procedure: DiscoveredProcedure, outcome: Outcome): Promise<void> {
  if (role.name === 'anonymous') {
    role.cookie = '';
    return;
  }
  if (procedure.path === 'accounts.changePassword' && outcome.sent) {
    // The server now has the password this call sent; read it back the way the server read it.
    const sentInput = JSON.parse(new TextDecoder().decode(outcome.sent)) as { newPassword?: string; 0?: { newPassword?: string } };
    const newPassword = sentInput[0]?.newPassword ?? sentInput.newPassword;
    if (typeof newPassword === 'string') role.password = newPassword;
  }
  if ((await meOf(role))?.email !== role.email) await signIn(role);
}

// ---------------------------------------------------------------------------------------------
// What the store holds: every collection's documents (hashed) and the event sequence.

const KNOWN_COLLECTIONS = [
  'users', 'organisations', 'memberships', 'joinRequests', 'invitations', 'authSessions', 'accountTokens', 'dialogues',
  'threads', 'posts', 'pseudonyms', 'events', 'counters', 'mailOutbox',
];
/** Written by the event processors after the fact, from the events (which are compared), not by the request. */
const PROCESSOR_COLLECTIONS = new Set(['checkpoints', 'auditLog']);

function collectionNames(): string[] {
  // The embedded engine knows every collection it has; the list above covers an engine that does not say.
  const live = (server.app.services.store as unknown as { collections?: Map<string, unknown> }).collections;
  const names = new Set([...KNOWN_COLLECTIONS, ...(live instanceof Map ? [...live.keys()] : [])]);
  return [...names].filter((name) => !PROCESSOR_COLLECTIONS.has(name)).sort();
}

type Fingerprint = { seq: number; collections: Map<string, { count: number; hash: string }> };

async function fingerprint(): Promise<Fingerprint> {
  const store = server.app.services.store;
  const collections = new Map<string, { count: number; hash: string }>();
  for (const name of collectionNames()) {
    const documents = await store.collection(name).find({}, { sort: { _id: 1 } });
    // A session's lastSeenAt is refreshed once a minute by whatever request carries it: not a write of the call's making.
    const comparable = name === 'authSessions' ? documents.map(({ lastSeenAt: _seen, ...rest }) => rest) : documents;
    const hash = documents.length === 0 ? '' : createHash('sha256').update(JSON.stringify(comparable)).digest('hex');
    collections.set(name, { count: documents.length, hash });
  }
  return { seq: await lastEventSeq(store), collections };
}

/** What a refused call wrote beyond the events it may record; empty when it wrote nothing else. */
async function unexpectedWrites(before: Fingerprint, after: Fingerprint, path: string): Promise<string[]> {
  const allowed = EVENTS_RECORDED_ON_REFUSAL[path] ?? [];
  const changes: string[] = [];
  const names = new Set([...before.collections.keys(), ...after.collections.keys()]);
  const newEvents =
    after.seq > before.seq
      ? await server.app.services.store.collection<{ _id: string; seq: number; type: string }>('events').find({ seq: { $gt: before.seq } })
      : [];
  const onlyAllowedEvents = newEvents.length === after.seq - before.seq && newEvents.every((event) => allowed.includes(event.type));
  for (const name of [...names].sort()) {
    const was = before.collections.get(name) ?? { count: 0, hash: '' };
    const is = after.collections.get(name) ?? { count: 0, hash: '' };
    if (was.hash === is.hash && was.count === is.count) continue;
    if ((name === 'events' || name === 'counters') && onlyAllowedEvents) continue;
    changes.push(`${name}: ${was.count} → ${is.count} documents${was.count === is.count ? ' (a document changed)' : ''}`);
  }
  if (after.seq !== before.seq && !onlyAllowedEvents) {
    changes.push(`events appended: ${newEvents.map((event) => event.type).join(', ') || `${after.seq - before.seq} (sequence moved)`}`);
  }
  return changes;
}

/** Resolves once every event processor has handled every event so far; fails if one is stuck. */
async function processorsCaughtUp(ms = 5000): Promise<void> {
  const seq = await lastEventSeq(server.app.services.store);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    server.app.dispatcher.drained(seq),
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`event processors stuck before event ${seq}: ${JSON.stringify(server.app.dispatcher.checkpoints())}`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// The checks on one answer.

type ErrorShape = { error?: { data?: { appCode?: unknown; httpStatus?: unknown } } };

function describeCall(procedure: DiscoveredProcedure, call: Call, outcome: Outcome): string {
  const sent = outcome.sent ? Buffer.from(outcome.sent).toString('utf8') : '(nothing)';
  const shortSent = sent.length > 300 ? `${sent.slice(0, 200)}…(${sent.length} bytes)…${sent.slice(-60)}` : sent;
  return [
    `${procedure.path} (${procedure.kind}) as ${call.role}: ${call.input.label}`,
    `transport ${JSON.stringify(call.transport)}`,
    `sent ${shortSent}`,
    `answer ${outcome.status} ${outcome.body.slice(0, 400)}`,
  ].join('\n  ');
}

/** What an answer must never carry: stack frames, file paths, engine internals. */
const LEAK = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|mingo|DuplicateKeyError|MongoServerError|E11000/;

function checkAnswerShape(outcome: Outcome): string | null {
  if (outcome.status >= 500) return `server error ${outcome.status}`;
  if (LEAK.test(outcome.body)) return `the answer leaks internals (${LEAK.exec(outcome.body)?.[0]})`;
  if (outcome.status < 300) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(outcome.body);
  } catch {
    return `a ${outcome.status} answer that is not JSON`;
  }
  const results = Array.isArray(parsed) ? (parsed as ErrorShape[]) : [parsed as ErrorShape];
  for (const result of results) {
    if (!isRecord(result)) return 'an answer item that is not an object';
    if (!('error' in result)) continue; // a batch item that succeeded
    const appCode = result.error?.data?.appCode;
    if (typeof appCode !== 'string' || !(APP_ERROR_CODES as readonly string[]).includes(appCode)) return `no known error.data.appCode (${String(appCode)})`;
    if (appCode === 'INTERNAL') return `a ${outcome.status} answer whose appCode is INTERNAL`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startTestServer({
    BODY_LIMIT_BYTES: String(BODY_LIMIT),
    // Rate limits would turn most calls into 429s before they reach the code under test.
    RATE_LIMIT_SCALE: '1000',
    ADMIN_EMAILS: `${MODERATOR_EMAIL},fuzz.admin@example.org`,
    // Only what may not happen is kept: warnings and errors.
    LOG_LEVEL: 'warn',
  });

  const supplier = server.visitor();
  await supplier.registerVerified({ name: 'Sam Säljare', email: 'fuzz.supplier@example.org', password: PASSWORD, representation: 'supplier', organisationName: 'Säljbolaget AB' });
  const buyer = server.visitor();
  await buyer.registerVerified({ name: 'Kim Köpare', email: 'fuzz.buyer@example.org', password: PASSWORD, representation: 'buyer', organisationName: 'Kommunen' });
  const admin = server.visitor();
  await admin.api.accounts.register.mutate({ name: 'Ada Admin', email: 'fuzz.admin@example.org', password: PASSWORD, representation: 'supplier' });
  await admin.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'fuzz.admin@example.org', 'verify-email') });
  await admin.api.accounts.login.mutate({ email: 'fuzz.admin@example.org', password: PASSWORD }); // the admin role comes with the first sign-in
  const bystander = server.visitor();
  await bystander.registerVerified({ name: 'Bo Bystander', email: 'fuzz.bystander@example.org', password: PASSWORD, representation: 'supplier', organisationName: 'Bystander AB' });
  const joiner = server.visitor();
  await joiner.registerVerified({ name: 'Jo Joiner', email: 'fuzz.joiner@example.org', password: PASSWORD, representation: 'supplier', organisationName: 'Joiner AB' });

  const bystanderMe = await bystander.api.accounts.me.query();
  const supplierMe = await supplier.api.accounts.me.query();
  const buyerMe = await buyer.api.accounts.me.query();
  if (!bystanderMe?.organisation || !supplierMe?.organisation || !buyerMe?.organisation) throw new Error('fixtures: someone has no organisation');
  expect((await admin.api.accounts.me.query())?.platformRole).toBe('admin');

  await joiner.api.organisations.requestToJoin.mutate({ organisationId: bystanderMe.organisation.id });
  const joinRequestId = (await bystander.api.organisations.get.query({ organisationId: bystanderMe.organisation.id })).joinRequests?.[0]?.id;
  if (!joinRequestId) throw new Error('fixtures: the join request is missing');

  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Eldrivna arbetsmaskiner',
    description: 'Behov av eldrivna maskiner för kommunens parker.',
    arenaId: 'energy-environment',
    phase: 'market-dialogue',
    questionDeadline: '2031-06-01T17:00:00+02:00',
    visibility: 'public',
  });
  const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Vilken räckvidd krävs?', body: 'Hur långt ska maskinerna gå på en laddning?' });
  const { postId: answerId } = await buyer.api.threads.answer.mutate({ threadId, body: 'En arbetsdag, åtta timmar.' });
  const { sessionId } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title: 'Informationsmöte',
    startsAt: '2031-03-12T10:00',
    endsAt: '2031-03-12T11:00',
    format: 'online',
    meetingLink: 'https://meet.example/fuzz',
    capacity: 20,
  });
  await buyer.api.sessions.start.mutate({ sessionId });
  const { questionId: liveQuestionId } = await supplier.api.liveRoom.ask.mutate({ sessionId, body: 'Hur laddas maskinerna?' });
  const { pollId } = await buyer.api.liveRoom.openPoll.mutate({ sessionId, question: 'Vilken räckvidd?', options: ['Kort', 'Lång'] });

  const { itemId: libraryItemId } = await buyer.api.library.publish.mutate(LIBRARY_ITEM);
  const { projectId: relayProjectId } = await buyer.api.relay.create.mutate({ title: 'Arbetsmaskiner', arenaId: 'energy-environment', dialogueIds: [dialogueId] });
  await buyer.api.relay.publishHandover.mutate({ projectId: relayProjectId, ...RELAY_HANDOVER });
  const { postId: relayPostId } = await buyer.api.relay.post.mutate({ projectId: relayProjectId, body: 'Fråga gärna om piloten.' });
  const { networkId } = await buyer.api.networks.create.mutate({ name: 'Parkernas nätverk', arenaId: 'energy-environment', joining: 'invitation' });
  const { networkId: spareNetworkId } = await buyer.api.networks.create.mutate({ name: 'Reservnätverket', arenaId: 'energy-environment', joining: 'on-request' });
  const { discussionId: networkDiscussionId } = await buyer.api.networks.startDiscussion.mutate({ networkId, title: 'Gemensamma krav', body: 'Ska vi samordna?' });
  const { postId: networkPostId } = await buyer.api.networks.post.mutate({ discussionId: networkDiscussionId, body: 'Vi börjar med kraven.' });
  const { itemId: networkItemId } = await buyer.api.networks.publishItem.mutate({ networkId, title: 'Kravmall', body: 'Gemensamma krav att utgå från.' });
  const { sessionId: networkSessionId } = await buyer.api.networks.scheduleSession.mutate({ ...NETWORK_SESSION, networkId });
  const { sessionId: networkLiveSessionId } = await buyer.api.networks.scheduleSession.mutate({ ...NETWORK_SESSION, networkId });
  await buyer.api.networkLive.start.mutate({ sessionId: networkLiveSessionId });
  const { questionId: networkLiveQuestionId } = await buyer.api.networkLive.ask.mutate({ sessionId: networkLiveSessionId, body: 'Vilka krav delar vi?' });
  await supplier.api.consortia.saveProfile.mutate(CAPABILITY_PROFILE);
  const { opportunityId } = await buyer.api.consortia.publishOpportunity.mutate({ title: 'Magneter', facility: 'ESS', description: 'Upphandling av magneter.' });
  const { consortiumId } = await supplier.api.consortia.form.mutate({ opportunityId, name: 'Magnetkonsortiet', visibility: 'public', invite: [bystanderMe.organisation.id] });

  fixtures = {
    supplierId: supplierMe.id,
    supplierOrganisationId: supplierMe.organisation.id,
    buyerOrganisationId: buyerMe.organisation.id,
    bystander: { id: bystanderMe.id, email: bystanderMe.email, organisationId: bystanderMe.organisation.id },
    joinRequestId,
    dialogueId,
    threadId,
    answerId,
    sessionId,
    libraryItemId,
    relayProjectId,
    relayPostId,
    networkId,
    networkDiscussionId,
    networkPostId,
    networkItemId,
    networkSessionId,
    networkLiveSessionId,
    networkLiveQuestionId,
    spareNetworkId,
    opportunityId,
    consortiumId,
    liveQuestionId,
    pollId,
  };
  roles.set('anonymous', { name: 'anonymous', email: null, password: '', cookie: '' });
  roles.set('supplier', { name: 'supplier', email: 'fuzz.supplier@example.org', password: PASSWORD, cookie: supplier.cookie() });
  roles.set('buyer', { name: 'buyer', email: 'fuzz.buyer@example.org', password: PASSWORD, cookie: buyer.cookie() });
  roles.set('admin', { name: 'admin', email: 'fuzz.admin@example.org', password: PASSWORD, cookie: admin.cookie() });
  await processorsCaughtUp();
}, 60_000);

afterAll(async () => {
  const table = [...statusesByProcedure].map(
    ([path, statuses]) => `${path.padEnd(36)} ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}`,
  );
  if (table.length > 0) console.info(`answers per procedure (${RUNS_PER_PROCEDURE} calls each):\n  ${table.join('\n  ')}`);
  if (resetsOnOversizedBodies.length > 0) {
    console.info(`connection reset instead of 413 on ${resetsOnOversizedBodies.length} oversized bodies:\n  ${resetsOnOversizedBodies.join('\n  ')}`);
  }
  await server?.stop();
});

describe('the table of valid inputs', () => {
  it('has a valid input for every procedure of the router', () => {
    const missing = PROCEDURES.filter((procedure) => !(procedure.path in VALID_INPUTS)).map((procedure) => procedure.path);
    expect(missing, `procedures without a valid input in VALID_INPUTS (fuzz-procedures.test.ts), so not fuzzed: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(VALID_INPUTS).filter((path) => !PROCEDURES.some((procedure) => procedure.path === path));
    expect(stale, `VALID_INPUTS names procedures the router no longer has: ${stale.join(', ')}`).toEqual([]);
  });

  it('holds inputs each procedure’s own schema accepts, so hostile variants are one field away from valid', () => {
    const rejected: string[] = [];
    for (const procedure of PROCEDURES) {
      const valid = VALID_INPUTS[procedure.path]?.(fixtures, roles.get('supplier') as Role);
      if (valid === undefined) {
        if (procedure.parsers.length > 0 && procedure.parsers.some((parser) => parser.safeParse?.(undefined).success === false)) {
          rejected.push(`${procedure.path}: takes an input, but the table says it takes none`);
        }
        continue;
      }
      for (const parser of procedure.parsers) {
        const result = parser.safeParse?.(valid);
        if (result && !result.success) rejected.push(`${procedure.path}: ${JSON.stringify(result.error)}`);
      }
    }
    expect(rejected).toEqual([]);
  });
});

describe('the write detector', () => {
  it('sees a changed field, an inserted document and an event, but not a session’s lastSeenAt touch', async () => {
    const store = server.app.services.store;
    const before = await fingerprint();
    const session = (await store.collection<{ _id: string; lastSeenAt: string }>('authSessions').find({}, { limit: 1 }))[0];
    if (!session) throw new Error('no session to touch');
    await store.collection('authSessions').updateOne({ _id: session._id }, { $set: { lastSeenAt: new Date(0).toISOString() } });
    expect(await unexpectedWrites(before, await fingerprint(), 'any.procedure')).toEqual([]);
    await store.collection('authSessions').updateOne({ _id: session._id }, { $set: { lastSeenAt: session.lastSeenAt } });

    const user = await store.collection<{ _id: string; name: string }>('users').findOne({ _id: fixtures.bystander.id });
    await store.collection('users').updateOne({ _id: fixtures.bystander.id }, { $set: { name: 'Changed' } });
    expect(await unexpectedWrites(before, await fingerprint(), 'any.procedure')).toEqual([
      expect.stringMatching(/^users: (\d+) → \1 documents \(a document changed\)$/),
    ]);
    await store.collection('users').updateOne({ _id: fixtures.bystander.id }, { $set: { name: user?.name } });
    expect(await unexpectedWrites(before, await fingerprint(), 'any.procedure')).toEqual([]);

    await store.collection('someNewCollection').insertOne({ _id: 'x' });
    expect(await unexpectedWrites(before, await fingerprint(), 'any.procedure')).toEqual(['someNewCollection: 0 → 1 documents']);
    await store.collection('someNewCollection').deleteMany({});

    // An event recorded on purpose (a failed sign-in) is allowed for that procedure only.
    await store.withTransaction((scope) => appendEvent(scope, 'account.sign_in_failed', null, { email: 'nobody@example.org' }, new Date().toISOString()));
    const after = await fingerprint();
    expect(await unexpectedWrites(before, after, 'accounts.login')).toEqual([]);
    expect(await unexpectedWrites(before, after, 'accounts.register')).toEqual(
      expect.arrayContaining(['events appended: account.sign_in_failed']),
    );
    await processorsCaughtUp();
  });
});

describe('hostile input to every procedure, over HTTP', () => {
  it('discovers the procedures of the real router', () => {
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(15);
    expect(PROCEDURES.map((procedure) => procedure.path)).toEqual(expect.arrayContaining(['accounts.register', 'threads.ask', 'search.query']));
  });

  for (const procedure of PROCEDURES) {
    it(`${procedure.path} (${procedure.kind})`, async () => {
      const validInput = VALID_INPUTS[procedure.path];
      if (!validInput) {
        throw new Error(`${procedure.path} is not fuzzed: add a valid input for it to VALID_INPUTS in server/test/integration/fuzz-procedures.test.ts`);
      }
      if (procedure.kind === 'subscription') throw new Error(`${procedure.path} is a subscription: teach this fuzzer to call it`);
      const calls = fc
        .record({ role: fc.constantFrom<RoleName>('anonymous', 'supplier', 'buyer', 'admin'), transport: transports })
        .chain(({ role, transport }) => {
          const asGet = (procedure.kind === 'query') !== transport.wrongMethod;
          return hostileInputs(validInput(fixtures, roles.get(role) as Role), asGet ? 'get' : 'post').map((input): Call => ({ role, transport, input }));
        });
      const errorsBefore = serverErrors().length;
      let baseline = await fingerprint();
      const statuses = new Map<number, number>();
      statusesByProcedure.set(procedure.path, statuses);

      await fc.assert(
        fc.asyncProperty(calls, async (call) => {
          const role = roles.get(call.role) as Role;
          const errorsBeforeCall = serverErrors().length;
          const outcome = await send(procedure, role, call);
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          const problems: string[] = [];
          const shape = checkAnswerShape(outcome);
          if (shape) problems.push(shape);
          if (outcome.status >= 300) {
            const written = await unexpectedWrites(baseline, await fingerprint(), procedure.path);
            if (written.length > 0) problems.push(`written although refused: ${written.join('; ')}`);
          }
          storeCookies(role, outcome.setCookie);
          if (outcome.status < 300) await restoreSession(role, procedure, outcome);
          // Every call starts from a settled store, so a failure (and each replay while shrinking) is judged on its own.
          await processorsCaughtUp();
          baseline = await fingerprint();
          const logged = serverErrors().slice(errorsBeforeCall);
          if (logged.length > 0) problems.push(`the server logged an error: ${logged.join('\n    ').slice(0, 1500)}`);
          if (problems.length > 0) throw new Error(`${problems.join('\n  ')}\n  ${describeCall(procedure, call, outcome)}`);
        }),
        {
          numRuns: RUNS_PER_PROCEDURE,
          ...(SEED === undefined ? {} : { seed: SEED }),
          // Shrinking replays calls against the live server; keep a failing procedure bounded too.
          interruptAfterTimeLimit: 25_000,
          markInterruptAsFailure: false,
        },
      );

      const health = await fetch(`${server.url}/healthz`);
      expect(health.status, `/healthz after fuzzing ${procedure.path}`).toBe(200);
      await processorsCaughtUp();
      expect(serverErrors().slice(errorsBefore), `server errors while fuzzing ${procedure.path}`).toEqual([]);
      expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    }, 40_000);
  }
});

describe('the wrong HTTP method', () => {
  // Once answered 405 with appCode INTERNAL ("Internal error"): the client told the person that
  // something broke on our side. The fuzzer found it; this keeps it fixed.
  it('is answered 405 with a code the client can translate, not INTERNAL', async () => {
    const asGet = await fetch(`${server.url}/trpc/threads.ask?input=${encodeURIComponent('{}')}`);
    const asPost = await fetch(`${server.url}/trpc/dialogues.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: '{}',
    });
    for (const response of [asGet, asPost]) {
      expect(response.status).toBe(405);
      const body = (await response.json()) as ErrorShape;
      expect(body.error?.data?.appCode).not.toBe('INTERNAL');
    }
  });
});
