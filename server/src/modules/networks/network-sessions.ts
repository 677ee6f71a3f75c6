// A buyers' network's own sessions: a member's person schedules a meeting for the network, and
// members' people register for it. Only members read one; to anyone else a session answers exactly
// as a missing one, on every procedure. They are kept apart from the dialogues' sessions
// (collection `networkSessions`), as the network's library is kept apart from the public library:
// every reader of the dialogues' sessions (search, open data, calendar feeds, arena pages, metrics,
// relay, notifications, the live room) would otherwise have to leave them out, and one forgotten
// filter would leak them. Their events are `network.*` with ids only and no dialogue, so they reach
// the network's room alone. A session's live room is its own (live-room-*.ts).
import type { NetworkSessionSummary, NetworkSessionView, ScheduleNetworkSessionInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { isNetworkMember, mayCancelNetworkSession, mayEditNetworkSession, mayWriteInNetwork } from '../../platform/policy/network-policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { sessionPlace } from '../sessions/session-place.ts';
import { resolveSessionTimes } from '../sessions/session-times.ts';
import type { NetworkDeps } from './commands.ts';
import {
  NETWORK_SESSION_REGISTRATIONS,
  NETWORK_SESSIONS,
  networkSessionRegistrationId,
  type NetworkSessionDocument,
  type NetworkSessionRegistrationDocument,
} from './documents.ts';
import { memberNetwork, networkForCommand, type VisibleNetwork } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

const NO_SESSION = 'No such session';
const DISSOLVED = 'A dissolved network schedules no more sessions';

/** A session of a network the actor is a member of now; NOT_FOUND otherwise, as for a missing one. */
export async function memberSession(store: Readable, actor: Actor | null, sessionId: string): Promise<VisibleNetwork & { session: NetworkSessionDocument }> {
  const session = await store.collection<NetworkSessionDocument>(NETWORK_SESSIONS).findOne({ _id: sessionId });
  const found = session ? await networkForCommand(store, session.networkId) : null;
  if (!session || !found || !isNetworkMember(actor, found.facts)) throw new AppError('NOT_FOUND', NO_SESSION);
  return { ...found, session };
}

/** A member's person of a live network schedules a session for its members. */
export async function scheduleNetworkSession(deps: NetworkDeps, actor: Actor | null, input: ScheduleNetworkSessionInput): Promise<string> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const sessionId = newId();
  await deps.store.withTransaction(async (scope) => {
    const found = await memberNetwork(scope, actor, input.networkId);
    if (!mayWriteInNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', DISSOLVED);
    const times = resolveSessionTimes(input, now);
    await scope.collection<NetworkSessionDocument>(NETWORK_SESSIONS).insertOne({
      _id: sessionId,
      networkId: input.networkId,
      title: input.title,
      agenda: input.agenda,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      timeZone: input.timeZone,
      ...sessionPlace(input),
      capacity: input.capacity,
      registeredCount: 0,
      organisationId: actor.organisationId,
      scheduledBy: actor.userId,
      scheduledAt: at,
    });
    await appendEvent(scope, 'network.session_scheduled', null, { networkId: input.networkId, sessionId, by: actor.userId }, at);
  });
  deps.onCommit();
  return sessionId;
}

/** A session that has been held cannot be cancelled afterwards: the record would then say it never was. */
export function hasEnded(session: NetworkSessionDocument, now: Date): boolean {
  return now.getTime() >= Date.parse(session.endsAt);
}

/** Why a member cannot register now, or null when they can. */
function registrationClosedBecause(session: NetworkSessionDocument, now: Date): 'full' | 'closed' | 'cancelled' | null {
  if (session.cancelled) return 'cancelled';
  if (now.getTime() >= Date.parse(session.startsAt)) return 'closed';
  return session.registeredCount >= session.capacity ? 'full' : null;
}

/** A member's person of a live network takes a place, while one is free and before it starts. */
export async function registerForNetworkSession(deps: NetworkDeps, actor: Actor | null, sessionId: string): Promise<void> {
  const now = deps.clock.now();
  let wrote = false;
  await deps.store.withTransaction(async (scope) => {
    const { session, facts } = await memberSession(scope, actor, sessionId);
    if (!mayWriteInNetwork(actor, facts)) throw new AppError('FORBIDDEN', DISSOLVED);
    const registrations = scope.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS);
    if (await registrations.findOne({ _id: networkSessionRegistrationId(sessionId, actor.userId) })) return;
    const closed = registrationClosedBecause(session, now);
    if (closed === 'cancelled') throw new AppError('REGISTRATION_CLOSED', 'The session is cancelled');
    if (closed === 'closed') throw new AppError('REGISTRATION_CLOSED', 'The session has started');
    // The count is raised only while below capacity, so two people never take the last place.
    const place = await scope
      .collection<NetworkSessionDocument>(NETWORK_SESSIONS)
      .findOneAndUpdate({ _id: sessionId, $expr: { $lt: ['$registeredCount', '$capacity'] } }, { $inc: { registeredCount: 1 } });
    if (!place) throw new AppError('REGISTRATION_CLOSED', 'The session is full');
    const at = now.toISOString();
    await registrations.insertOne({
      _id: networkSessionRegistrationId(sessionId, actor.userId),
      sessionId,
      networkId: session.networkId,
      userId: actor.userId,
      organisationId: actor.organisationId,
      at,
    });
    await appendEvent(scope, 'network.session_registered', null, { networkId: session.networkId, sessionId, by: actor.userId }, at);
    wrote = true;
  });
  if (wrote) deps.onCommit();
}

/**
 * Whoever scheduled it, or an admin organisation's person, cancels it with a reason. It stays on
 * record, marked cancelled, readable to members; its registrations stay as the list of who is told
 * (the notifier reacts to the event). Cancelling twice is refused (the transaction serialises the check), so the reason told is the first.
 */
export async function cancelNetworkSession(deps: NetworkDeps, actor: Actor | null, sessionId: string, reason: string): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.store.withTransaction(async (scope) => {
    const { session, facts } = await memberSession(scope, actor, sessionId);
    if (!mayCancelNetworkSession(actor, facts, session)) throw new AppError('FORBIDDEN', 'Only whoever scheduled the session, or an admin of the network, may cancel it');
    if (session.cancelled) throw new AppError('SESSION_CLOSED', 'The session is already cancelled');
    if (hasEnded(session, now)) throw new AppError('SESSION_CLOSED', 'The session has ended; what was held stays on record as held');
    await scope.collection<NetworkSessionDocument>(NETWORK_SESSIONS).updateOne({ _id: sessionId }, { $set: { cancelled: { at, by: actor.userId, reason }, updatedAt: at }, $inc: { sequence: 1 } });
    await appendEvent(scope, 'network.session_cancelled', null, { networkId: session.networkId, sessionId, by: actor.userId }, at);
  });
  deps.onCommit();
}

/** Giving the place back; withdrawing what one never had changes nothing. */
export async function unregisterFromNetworkSession(deps: NetworkDeps, actor: Actor, sessionId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let wrote = false;
  await deps.store.withTransaction(async (scope) => {
    const { session } = await memberSession(scope, actor, sessionId);
    const registrations = scope.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS);
    const registration = await registrations.findOne({ _id: networkSessionRegistrationId(sessionId, actor.userId) });
    if (!registration) return;
    await registrations.deleteMany({ _id: registration._id });
    await scope.collection<NetworkSessionDocument>(NETWORK_SESSIONS).updateOne({ _id: sessionId }, { $inc: { registeredCount: -1 } });
    await appendEvent(scope, 'network.session_unregistered', null, { networkId: session.networkId, sessionId, by: actor.userId }, at);
    wrote = true;
  });
  if (wrote) deps.onCommit();
}

/**
 * An organisation that leaves or is removed gives back its people's places in the sessions that have
 * not begun, so members can take them; its places in sessions already held stay as the record of
 * who came. Called in the leaving or removal's own transaction.
 */
export async function withdrawOrganisationRegistrations(scope: TransactionScope, networkId: string, organisationId: string, by: string, at: string): Promise<void> {
  await withdrawUpcoming(scope, { networkId, organisationId }, by, at);
}

/**
 * A person who left or was removed from an organisation gives back the places they took for it in
 * sessions not yet begun, in every network: they can no longer open such a session to unregister.
 * Only places taken before `leftAt`, so handling the leaving again after they came back (and took
 * a place anew) takes nothing. True when any place was given back.
 */
export async function withdrawPersonRegistrations(scope: TransactionScope, organisationId: string, userId: string, leftAt: string, by: string, at: string): Promise<boolean> {
  return withdrawUpcoming(scope, { organisationId, userId, at: { $lte: leftAt } }, by, at);
}

async function withdrawUpcoming(scope: TransactionScope, filter: Record<string, unknown>, by: string, at: string): Promise<boolean> {
  const registrations = scope.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS);
  const held = await registrations.find(filter);
  if (held.length === 0) return false;
  const sessions = scope.collection<NetworkSessionDocument>(NETWORK_SESSIONS);
  const upcoming = new Set((await sessions.find({ _id: { $in: [...new Set(held.map((registration) => registration.sessionId))] }, startsAt: { $gt: at } })).map((session) => session._id));
  const given = held.filter((each) => upcoming.has(each.sessionId));
  for (const registration of given) {
    await registrations.deleteMany({ _id: registration._id });
    await sessions.updateOne({ _id: registration.sessionId }, { $inc: { registeredCount: -1 } });
    await appendEvent(scope, 'network.session_unregistered', null, { networkId: registration.networkId, sessionId: registration.sessionId, userId: registration.userId, by }, at);
  }
  return given.length > 0;
}

/**
 * A merged organisation's people register from then on as the survivor's (their registrations name
 * the organisation they acted for): re-pointed in the merge's own transaction, so a later leaving or
 * removal of the survivor gives their places back with its other people's.
 */
export async function moveOrganisationRegistrations(scope: TransactionScope, networkId: string, from: string, into: string): Promise<void> {
  const registrations = scope.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS);
  for (const registration of await registrations.find({ networkId, organisationId: from })) {
    await registrations.updateOne({ _id: registration._id }, { $set: { organisationId: into } });
  }
}

/** For the notifier: a cancelled session's reason and the people registered for it; null when there is none. */
export async function cancelledNetworkSessionNotice(store: Readable, sessionId: string): Promise<{ networkId: string; organisationId: string; reason: string; registeredUserIds: string[] } | null> {
  const session = await store.collection<NetworkSessionDocument>(NETWORK_SESSIONS).findOne({ _id: sessionId });
  if (!session?.cancelled) return null;
  const registrations = await store.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS).find({ sessionId });
  return { networkId: session.networkId, organisationId: session.organisationId, reason: session.cancelled.reason, registeredUserIds: registrations.map((registration) => registration.userId) };
}

function summaryOf(session: NetworkSessionDocument): NetworkSessionSummary {
  return {
    id: session._id,
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    format: session.format,
    capacity: session.capacity,
    registeredCount: session.registeredCount,
    cancelled: session.cancelled ? { at: session.cancelled.at, reason: session.cancelled.reason } : null,
  };
}

export async function getNetworkSession(store: Readable, clock: Clock, actor: Actor | null, sessionId: string): Promise<NetworkSessionView> {
  const { network, facts, session } = await memberSession(store, actor, sessionId);
  const userId = actor?.userId ?? '';
  const [registration, people, organisations] = await Promise.all([
    store.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS).findOne({ _id: networkSessionRegistrationId(sessionId, userId) }),
    personNames(store, [session.scheduledBy]),
    organisationSummaries(store, [session.organisationId]),
  ]);
  const registered = registration !== null;
  const closedBecause = registered ? null : registrationClosedBecause(session, clock.now());
  return {
    ...summaryOf(session),
    networkId: network._id,
    networkName: network.name,
    agenda: session.agenda,
    address: session.address,
    // The link is the way in: for those registered, and whoever scheduled it.
    meetingLink: registered || session.scheduledBy === userId ? session.meetingLink : null,
    organisationName: organisations.get(session.organisationId)?.name ?? '',
    scheduledByName: people.get(session.scheduledBy) ?? '',
    viewer: {
      registered,
      mayRegister: !registered && closedBecause === null && mayWriteInNetwork(actor, facts),
      cannotRegisterBecause: closedBecause,
      mayCancel: !session.cancelled && !hasEnded(session, clock.now()) && mayCancelNetworkSession(actor, facts, session),
      mayEdit: !session.cancelled && !hasEnded(session, clock.now()) && mayEditNetworkSession(actor, facts, session),
    },
  };
}

/** The network's sessions for its page (members only: the caller checked), upcoming soonest first, past latest first. */
export async function networkSessions(store: Readable, networkId: string, now: Date): Promise<{ upcoming: NetworkSessionSummary[]; past: NetworkSessionSummary[] }> {
  const sessions = await store.collection<NetworkSessionDocument>(NETWORK_SESSIONS).find({ networkId }, { sort: { startsAt: 1 }, limit: 500 });
  const at = now.toISOString();
  return {
    upcoming: sessions.filter((session) => session.endsAt > at).map(summaryOf),
    past: sessions
      .filter((session) => session.endsAt <= at)
      .reverse()
      .map(summaryOf),
  };
}
