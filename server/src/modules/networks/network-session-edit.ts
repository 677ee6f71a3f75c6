// Changing a buyers' network's session: whoever scheduled it, or an admin organisation's person of
// the live network, before it has ended and while it is not cancelled. Anyone outside the network
// gets the answer about a missing session, as on every network-session procedure. Two rules keep
// what people already count on: places never fall below those registered (nobody loses a place they
// hold; the count is checked in the write itself, so a registration racing the edit cannot slip
// under it), and a session that has started keeps its time. Those registered are told when its time
// or place changes (the notifier reacts to the event); a calendar learns of any change by its
// raised sequence.
import type { EditNetworkSessionInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayEditNetworkSession } from '../../platform/policy/network-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { sessionPlace } from '../sessions/session-place.ts';
import { resolveSessionTimes } from '../sessions/session-times.ts';
import type { NetworkDeps } from './commands.ts';
import { NETWORK_SESSION_REGISTRATIONS, NETWORK_SESSIONS, type NetworkSessionDocument, type NetworkSessionRegistrationDocument } from './documents.ts';
import { hasEnded, memberSession } from './network-sessions.ts';

type Readable = Pick<DocumentStore, 'collection'>;

function belowRegistered(registeredCount: number): AppError {
  return new AppError('VALIDATION', `${registeredCount} are registered: the places cannot be fewer`, [{ path: 'capacity', code: 'capacity_below_registered', minimum: registeredCount }]);
}

export async function editNetworkSession(deps: NetworkDeps, actor: Actor | null, input: EditNetworkSessionInput): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.store.withTransaction(async (scope) => {
    const { session, facts } = await memberSession(scope, actor, input.sessionId);
    if (!mayEditNetworkSession(actor, facts, session)) throw new AppError('FORBIDDEN', 'Only whoever scheduled the session, or an admin of the network, may change it');
    if (session.cancelled) throw new AppError('SESSION_CLOSED', 'A cancelled session is not changed');
    if (hasEnded(session, now)) throw new AppError('SESSION_CLOSED', 'The session has ended; what was held stays on record as held');
    const started = now.getTime() >= Date.parse(session.startsAt);
    // Once started, its own start is the earliest allowed, and anything else is refused below.
    const times = resolveSessionTimes(input, started ? new Date(Date.parse(session.startsAt) - 1) : now);
    const timeChanged = times.startsAt !== session.startsAt || times.endsAt !== session.endsAt;
    if (started && timeChanged) throw new AppError('SESSION_CLOSED', 'A session that has started keeps its time');
    if (input.capacity < session.registeredCount) throw belowRegistered(session.registeredCount);
    const place = sessionPlace(input);
    const placeChanged = place.format !== session.format || place.meetingLink !== session.meetingLink || place.address !== session.address;
    const written = await scope.collection<NetworkSessionDocument>(NETWORK_SESSIONS).updateOne(
      // Only while those registered still fit: a registration that came first keeps its place.
      { _id: session._id, registeredCount: { $lte: input.capacity } },
      {
        $set: {
          title: input.title,
          agenda: input.agenda,
          startsAt: times.startsAt,
          endsAt: times.endsAt,
          timeZone: input.timeZone,
          ...place,
          capacity: input.capacity,
          updatedAt: at,
        },
        $inc: { sequence: 1 },
      },
    );
    if (written.matchedCount === 0) throw belowRegistered(session.registeredCount);
    const changed = [...(timeChanged ? ['time'] : []), ...(placeChanged ? ['place'] : [])].join(',');
    await appendEvent(scope, 'network.session_edited', null, { networkId: session.networkId, sessionId: session._id, by: actor.userId, changed }, at);
  });
  deps.onCommit();
}

/** For the notifier: who is told of a session's change (those registered now); null when there is no such session. */
export async function changedNetworkSessionNotice(store: Readable, sessionId: string): Promise<{ networkId: string; organisationId: string; registeredUserIds: string[] } | null> {
  const session = await store.collection<NetworkSessionDocument>(NETWORK_SESSIONS).findOne({ _id: sessionId });
  if (!session || session.cancelled) return null;
  const registrations = await store.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS).find({ sessionId });
  return { networkId: session.networkId, organisationId: session.organisationId, registeredUserIds: registrations.map((registration) => registration.userId) };
}
