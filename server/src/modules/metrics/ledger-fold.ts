// Folds one event into the metrics' documents. Every step is keyed and idempotent: a fact is added
// once per question, session, person or round, and a later state replaces an earlier one only when
// its event came later in the log. Handling an event again (delivery is at least once) or folding
// the whole log from scratch therefore gives the same documents' figures.
//
// Events carry ids only; what they point at is read through the owning modules' queries
// (`MetricFactReader`). What is read is fixed once it happened (when a published question was
// asked, whether a post is an official public answer, who met in a closed round), or is the
// current state that the latest event about it left (an organisation's kind and size).
import type { ContractValueBand, OrganisationKind, OrganisationSize } from '@dialogforum/contracts';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { MetricLedgerDocument, MetricOrganisationDocument, QuestionFact, SessionFact } from './documents.ts';

export type MetricFactReader = {
  tenderClock(dialogueId: string): Promise<{ tenderDeadline: string | null; accelerated: boolean } | null>;
  publishedQuestion(threadId: string): Promise<{ askedAt: string; organisationId: string } | null>;
  isPublicOfficialAnswer(postId: string): Promise<boolean>;
  registrationOrganisation(sessionId: string, userId: string): Promise<string | null>;
  minutedMeetings(roundId: string): Promise<string[] | null>;
  organisation(organisationId: string): Promise<{ kind: OrganisationKind; size: OrganisationSize | null; mergedInto: string | null } | null>;
};

/** Where the folded documents live: the store (the processor) or memory (a rebuild to compare). */
export type MetricDocuments = {
  ledger(dialogueId: string): Promise<MetricLedgerDocument | null>;
  saveLedger(ledger: MetricLedgerDocument): Promise<void>;
  saveOrganisation(organisation: MetricOrganisationDocument): Promise<void>;
};

const QUESTION_PUBLISHED = new Set<EventType>(['thread.created', 'thread.published', 'thread.published_from_session']);
/** Published together with their official answer. */
const PUBLISHED_ANSWERED = new Set<EventType>(['thread.published', 'thread.published_from_session']);
const REGISTRATION = new Set<EventType>(['session.registered', 'session.promoted', 'session.unregistered']);
const ORGANISATION = new Set<EventType>(['organisation.created', 'organisation.updated', 'organisation.merged']);
const DIALOGUE = new Set<EventType>([
  'dialogue.created',
  'dialogue.tender_deadline_changed',
  'dialogue.outcome_recorded',
  ...QUESTION_PUBLISHED,
  'post.published',
  ...REGISTRATION,
  'session.started',
  'session.cancelled',
  'meeting.round_closed',
]);

/** Whether the metrics fold this kind of event at all. */
export function foldsEvent(type: EventType): boolean {
  return DIALOGUE.has(type) || ORGANISATION.has(type);
}

export async function foldEvent(event: DomainEvent, facts: MetricFactReader, documents: MetricDocuments): Promise<void> {
  if (ORGANISATION.has(event.type)) {
    const organisationId = event.subject.organisationId;
    const organisation = organisationId ? await facts.organisation(organisationId) : null;
    if (organisationId && organisation) await documents.saveOrganisation({ _id: organisationId, ...organisation });
    return;
  }
  if (!DIALOGUE.has(event.type) || event.dialogueId === null) return;
  const ledger = (await documents.ledger(event.dialogueId)) ?? (await newLedger(event.dialogueId, facts));
  if (await foldIntoLedger(ledger, event, facts)) await documents.saveLedger(ledger);
}

async function newLedger(dialogueId: string, facts: MetricFactReader): Promise<MetricLedgerDocument> {
  const clock = (await facts.tenderClock(dialogueId)) ?? { tenderDeadline: null, accelerated: false };
  return { _id: dialogueId, createdAt: null, tenderClock: { asRead: clock, changes: [] }, questions: [], sessions: [], rounds: [], outcome: null };
}

/** Applies the event; false when it changes nothing (already folded, or nothing public). */
async function foldIntoLedger(ledger: MetricLedgerDocument, event: DomainEvent, facts: MetricFactReader): Promise<boolean> {
  const { subject } = event;
  if (event.type === 'dialogue.created') {
    if (ledger.createdAt !== null) return false;
    ledger.createdAt = event.at;
    return true;
  }
  if (event.type === 'dialogue.tender_deadline_changed') {
    if (ledger.tenderClock.changes.some((change) => change.seq === event.seq)) return false;
    const change: MetricLedgerDocument['tenderClock']['changes'][number] = { seq: event.seq };
    if (subject.to !== undefined) change.tenderDeadline = { from: subject.from || null, to: subject.to || null };
    if (subject.accelerated !== undefined) change.accelerated = { from: subject.accelerated !== 'true', to: subject.accelerated === 'true' };
    ledger.tenderClock.changes.push(change);
    ledger.tenderClock.changes.sort((a, b) => a.seq - b.seq);
    return true;
  }
  if (event.type === 'dialogue.outcome_recorded') {
    if (ledger.outcome && ledger.outcome.seq >= event.seq) return false;
    ledger.outcome = {
      procuredInnovation: subject.procuredInnovation === 'true',
      newToMarket: subject.newToMarket === 'true',
      contractValueBand: subject.contractValueBand as ContractValueBand,
      recordedAt: event.at,
      seq: event.seq,
    };
    return true;
  }
  if (QUESTION_PUBLISHED.has(event.type)) return foldPublishedQuestion(ledger, event, facts);
  if (event.type === 'post.published') {
    const question = ledger.questions.find((candidate) => candidate.threadId === subject.threadId);
    if (!question || !answersEarlier(question, event) || !subject.postId) return false;
    if (!(await facts.isPublicOfficialAnswer(subject.postId))) return false;
    answer(question, event);
    return true;
  }
  if (REGISTRATION.has(event.type)) return foldRegistration(ledger, event, facts);
  if (event.type === 'session.started') {
    const session = sessionFact(ledger, subject.sessionId ?? '');
    if (session.heldAt !== null) return false;
    session.heldAt = event.at;
    session.attendees = session.registrants.filter((person) => person.registered && person.seq < event.seq).map((person) => person.organisationId);
    session.registrants = [];
    return true;
  }
  if (event.type === 'session.cancelled') {
    const session = sessionFact(ledger, subject.sessionId ?? '');
    if (session.cancelled || session.heldAt !== null) return false;
    session.cancelled = true;
    session.registrants = [];
    return true;
  }
  if (event.type === 'meeting.round_closed') {
    const roundId = subject.roundId ?? '';
    if (ledger.rounds.some((round) => round.roundId === roundId)) return false;
    const meetings = await facts.minutedMeetings(roundId);
    if (meetings === null) return false;
    ledger.rounds.push({ roundId, closedAt: event.at, meetings });
    return true;
  }
  return false;
}

async function foldPublishedQuestion(ledger: MetricLedgerDocument, event: DomainEvent, facts: MetricFactReader): Promise<boolean> {
  const threadId = event.subject.threadId ?? '';
  const answered = PUBLISHED_ANSWERED.has(event.type);
  const known = ledger.questions.find((question) => question.threadId === threadId);
  if (known) {
    if (!answered || !answersEarlier(known, event)) return false;
    answer(known, event);
    return true;
  }
  const question = await facts.publishedQuestion(threadId);
  if (!question) return false;
  const fact: QuestionFact = { threadId, askedAt: question.askedAt, publishedAt: event.at, organisationId: question.organisationId, answeredAt: null, answeredSeq: null };
  if (answered) answer(fact, event);
  ledger.questions.push(fact);
  return true;
}

/** The first official answer counts: this one, unless one earlier in the log is already known. */
function answersEarlier(question: QuestionFact, event: DomainEvent): boolean {
  return question.answeredSeq === null || event.seq < question.answeredSeq;
}

function answer(question: QuestionFact, event: DomainEvent): void {
  question.answeredAt = event.at;
  question.answeredSeq = event.seq;
}

async function foldRegistration(ledger: MetricLedgerDocument, event: DomainEvent, facts: MetricFactReader): Promise<boolean> {
  const { sessionId = '', userId = '' } = event.subject;
  const session = sessionFact(ledger, sessionId);
  // Held or cancelled: who registered no longer changes anything counted.
  if (session.heldAt !== null || session.cancelled) return false;
  const known = session.registrants.find((person) => person.userId === userId);
  if (known && known.seq >= event.seq) return false;
  const registered = event.type !== 'session.unregistered';
  // Events from before the organisation was named in them: the registration, if it still stands.
  const organisationId = event.subject.organisationId ?? known?.organisationId ?? (registered ? await facts.registrationOrganisation(sessionId, userId) : null) ?? '';
  if (known) Object.assign(known, { organisationId, registered, seq: event.seq });
  else session.registrants.push({ userId, organisationId, registered, seq: event.seq });
  return true;
}

function sessionFact(ledger: MetricLedgerDocument, sessionId: string): SessionFact {
  let session = ledger.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!session) {
    session = { sessionId, registrants: [], cancelled: false, heldAt: null, attendees: [] };
    ledger.sessions.push(session);
  }
  return session;
}
