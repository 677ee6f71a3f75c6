// A dialogue's sessions as the viewer may see them: everyone who may see the dialogue sees its
// sessions and how full they are; the meeting link only those registered and the hosts; who is
// coming only the hosts.
import { utcToZonedLocal, type SessionRegistrationView, type SessionSummary, type SessionView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { isDialogueOwner } from '../../platform/policy/policy.ts';
import { mayHostSessions, registrationRefusal, seesMeetingLink } from '../../platform/policy/session-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { dialogueAccessFacts, visibleDialogue } from '../dialogues/queries.ts';
import type { LiveSessionFacts } from '../../platform/realtime/socket-rights.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { REGISTRATIONS, registrationId, SESSIONS, type RegistrationDocument, type SessionDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export async function listSessions(store: Readable, actor: Actor | null, dialogueId: string): Promise<SessionSummary[]> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({ dialogueId: dialogue._id }, { sort: { startsAt: 1 } });
  return sessions.map(toSummary);
}

/** The session and its dialogue, if the actor may see the dialogue; otherwise NOT_FOUND as for a missing one. */
export async function visibleSession(store: Readable, actor: Actor | null, sessionId: string): Promise<{ session: SessionDocument; dialogue: DialogueDocument }> {
  const session = await store.collection<SessionDocument>(SESSIONS).findOne({ _id: sessionId });
  if (!session) throw new AppError('NOT_FOUND', 'No such session');
  const dialogue = await visibleDialogue(store, actor, session.dialogueId, 'No such session');
  return { session, dialogue };
}

export async function getSession(store: Readable, clock: Clock, actor: Actor | null, sessionId: string): Promise<SessionView> {
  const { session, dialogue } = await visibleSession(store, actor, sessionId);
  const registrations = store.collection<RegistrationDocument>(REGISTRATIONS);
  const own = actor ? await registrations.findOne({ _id: registrationId(sessionId, actor.userId) }) : null;
  const waitlistPosition =
    own?.state === 'waitlisted' && own.waitlistPosition !== null
      ? (await registrations.countDocuments({ sessionId, state: 'waitlisted', waitlistPosition: { $lt: own.waitlistPosition } })) + 1
      : null;
  const open = session.status === 'scheduled' && clock.now().getTime() <= Date.parse(session.registrationDeadline);
  const refusal = registrationRefusal(actor, dialogue);
  const local = (iso: string) => utcToZonedLocal(Date.parse(iso), session.timeZone);
  return {
    ...toSummary(session),
    dialogueTitle: dialogue.title,
    agenda: session.agenda,
    address: session.address,
    meetingLink: seesMeetingLink(actor, dialogue, own?.state === 'registered') ? session.meetingLink : null,
    registrationDeadline: session.registrationDeadline,
    questionsNeedApproval: session.questionsNeedApproval,
    cancellation: session.cancellation ? { at: session.cancellation.at, reason: session.cancellation.reason } : null,
    local: { startsAt: local(session.startsAt), endsAt: local(session.endsAt), registrationDeadline: local(session.registrationDeadline) },
    viewer: {
      isHost: isDialogueOwner(actor, dialogue),
      registration: own?.state ?? null,
      waitlistPosition,
      canRegister: refusal === null && open && own === null,
      cannotRegisterBecause: refusal ?? (open ? null : 'closed'),
    },
  };
}

/** Who is coming, for the hosts; to anyone else it answers as a missing session. */
export async function sessionRegistrations(store: Readable, actor: Actor | null, sessionId: string): Promise<SessionRegistrationView[]> {
  const { dialogue } = await visibleSession(store, actor, sessionId);
  if (!mayHostSessions(actor, dialogue)) throw new AppError('NOT_FOUND', 'No such session');
  const registrations = await store.collection<RegistrationDocument>(REGISTRATIONS).find({ sessionId }, { sort: { at: 1 } });
  const [names, organisations] = await Promise.all([
    personNames(store, registrations.map((registration) => registration.userId)),
    organisationSummaries(store, registrations.map((registration) => registration.organisationId)),
  ]);
  return registrations.map((registration) => ({
    name: names.get(registration.userId) ?? '',
    organisationName: organisations.get(registration.organisationId)?.name ?? '',
    state: registration.state,
    at: registration.at,
  }));
}

/** Everyone registered for the session or waiting for a place: they hear what became of it. */
export async function sessionRegistrantIds(store: Readable, sessionId: string): Promise<string[]> {
  const registrations = await store.collection<RegistrationDocument>(REGISTRATIONS).find({ sessionId });
  return registrations.map((registration) => registration.userId);
}

/** Sessions' titles and dialogues, for notifications about them. */
export async function sessionTitles(store: Readable, sessionIds: string[]): Promise<Map<string, { title: string; dialogueId: string }>> {
  if (sessionIds.length === 0) return new Map();
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({ _id: { $in: [...new Set(sessionIds)] } });
  return new Map(sessions.map((session) => [session._id, { title: session.title, dialogueId: session.dialogueId }]));
}

/** What the live layer decides a session's live room from; null when there is no such session. */
export async function liveSessionFacts(store: Readable, sessionId: string): Promise<LiveSessionFacts | null> {
  const session = await store.collection<SessionDocument>(SESSIONS).findOne({ _id: sessionId });
  if (!session) return null;
  return { dialogueId: session.dialogueId, cancelled: session.status === 'cancelled', dialogue: await dialogueAccessFacts(store, session.dialogueId) };
}

function toSummary(session: SessionDocument): SessionSummary {
  return {
    id: session._id,
    dialogueId: session.dialogueId,
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    format: session.format,
    status: session.status,
    capacity: session.capacity,
    registeredCount: session.registeredCount,
    waitlistCount: session.waitlistCount,
  };
}

/**
 * Sessions of these dialogues that are scheduled or live and have not ended, soonest first (an
 * arena's page). The caller has checked that the viewer may see the dialogues.
 */
export async function upcomingSessions(store: Readable, dialogueIds: string[], now: Date, limit: number): Promise<SessionSummary[]> {
  if (dialogueIds.length === 0) return [];
  const sessions = await store
    .collection<SessionDocument>(SESSIONS)
    .find({ dialogueId: { $in: dialogueIds }, status: { $in: ['scheduled', 'live'] }, endsAt: { $gt: now.toISOString() } }, { sort: { startsAt: 1 }, limit });
  return sessions.map(toSummary);
}

/** The organisation a person registered for (events before it was named in them); null when no longer registered. */
export async function registrationOrganisation(store: Readable, sessionId: string, userId: string): Promise<string | null> {
  const registration = await store.collection<RegistrationDocument>(REGISTRATIONS).findOne({ _id: registrationId(sessionId, userId) });
  return registration?.organisationId ?? null;
}
