// A buyers' network's sessions in a member's personal calendar feed. The feed is fetched by its
// token alone (calendar apps send no cookie), long after the person subscribed, so the right to see
// each network session is asked again on every fetch, from the person as they stand now: an
// organisation that left or was removed, lost its verification, or a person blocked or erased (the
// caller finds no standing then) sees none of it — not the session, and never its meeting link.
// Only the personal feed reads this; no public reader (open data, search, arena pages, calendar
// files of a dialogue or a session) ever does.
import type { Actor } from '../../platform/policy/actor.ts';
import { isNetworkMember } from '../../platform/policy/network-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { plannedTimeAndPlace, type CalendarEntry } from '../sessions/calendar-entries.ts';
import { NETWORK_SESSION_REGISTRATIONS, NETWORK_SESSIONS, type NetworkSessionDocument, type NetworkSessionRegistrationDocument } from './documents.ts';
import { networkForCommand } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** The network sessions the person registered for or scheduled, in networks their organisation is a member of now. */
export async function networkSessionCalendarEntries(store: Readable, actor: Actor): Promise<CalendarEntry[]> {
  const own = await store.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS).find({ userId: actor.userId });
  const registered = new Set(own.map((registration) => registration.sessionId));
  const sessions = await store
    .collection<NetworkSessionDocument>(NETWORK_SESSIONS)
    .find({ $or: [{ _id: { $in: [...registered] } }, { scheduledBy: actor.userId }] }, { sort: { startsAt: 1 } });
  const networkNames = new Map<string, string | null>();
  for (const networkId of new Set(sessions.map((session) => session.networkId))) {
    const found = await networkForCommand(store, networkId);
    networkNames.set(networkId, found && isNetworkMember(actor, found.facts) ? found.network.name : null);
  }
  return sessions.flatMap((session): CalendarEntry[] => {
    const networkName = networkNames.get(session.networkId);
    if (!networkName) return [];
    return [
      {
        sessionId: session._id,
        owner: { kind: 'network', id: session.networkId, title: networkName },
        ...plannedTimeAndPlace(session),
        // Every entry is one the person registered for or scheduled: those the session's page shows the link to.
        meetingLink: session.meetingLink,
        status: session.cancelled ? 'cancelled' : 'scheduled',
        cancellationReason: session.cancelled?.reason ?? null,
        registration: registered.has(session._id) ? 'registered' : null,
        sequence: session.sequence ?? 0,
        updatedAt: session.updatedAt ?? session.scheduledAt,
      },
    ];
  });
}
