// Sessions as a person's calendar shows them: what the session page shows that person, no more.
// The meeting link only for those registered and the hosts; a dialogue the person may no longer
// see contributes nothing. The calendar module turns these entries into iCalendar.
import type { SessionFormat, SessionStatus } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import { seesMeetingLink } from '../../platform/policy/session-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue, visibleDialogues } from '../dialogues/queries.ts';
import { REGISTRATIONS, SESSIONS, type RegistrationDocument, type SessionDocument } from './documents.ts';
import { visibleSession } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type CalendarEntry = {
  sessionId: string;
  /** What the session belongs to: a dialogue, or a buyers' network (whose sessions only its members' feeds carry). */
  owner: { kind: 'dialogue' | 'network'; id: string; title: string };
  title: string;
  agenda: string;
  /** UTC, ISO 8601; shown in `timeZone`, the zone the host entered them in. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: SessionFormat;
  address: string | null;
  meetingLink: string | null;
  status: SessionStatus;
  cancellationReason: string | null;
  /** The person's own place: on the waitlist it is not yet theirs. */
  registration: 'registered' | 'waitlisted' | null;
  sequence: number;
  updatedAt: string;
};

type PlannedSession = Pick<CalendarEntry, 'title' | 'agenda' | 'startsAt' | 'endsAt' | 'timeZone' | 'format' | 'address'>;

/** What a calendar shows of a session's planning, the same for a dialogue's session and a network's. */
export function plannedTimeAndPlace(session: PlannedSession): PlannedSession {
  const { title, agenda, startsAt, endsAt, timeZone, format, address } = session;
  return { title, agenda, startsAt, endsAt, timeZone, format, address };
}

function entryOf(session: SessionDocument, dialogue: DialogueDocument, actor: Actor | null, registration: RegistrationDocument | null): CalendarEntry {
  return {
    sessionId: session._id,
    owner: { kind: 'dialogue', id: dialogue._id, title: dialogue.title },
    ...plannedTimeAndPlace(session),
    meetingLink: seesMeetingLink(actor, dialogue, registration?.state === 'registered') ? session.meetingLink : null,
    status: session.status,
    cancellationReason: session.cancellation?.reason ?? null,
    registration: registration?.state ?? null,
    sequence: session.sequence ?? 0,
    updatedAt: session.updatedAt ?? session.createdAt,
  };
}

async function registrationsOf(store: Readable, actor: Actor | null, sessionIds: string[]): Promise<Map<string, RegistrationDocument>> {
  if (!actor || sessionIds.length === 0) return new Map();
  const own = await store.collection<RegistrationDocument>(REGISTRATIONS).find({ userId: actor.userId, sessionId: { $in: sessionIds } });
  return new Map(own.map((registration) => [registration.sessionId, registration]));
}

/** One session, if the actor may see its dialogue; NOT_FOUND otherwise, as for a missing one. */
export async function sessionCalendarEntry(store: Readable, actor: Actor | null, sessionId: string): Promise<CalendarEntry> {
  const { session, dialogue } = await visibleSession(store, actor, sessionId);
  const registrations = await registrationsOf(store, actor, [session._id]);
  return entryOf(session, dialogue, actor, registrations.get(session._id) ?? null);
}

/** Every session of a dialogue the actor may see (cancelled ones too: a calendar must learn of them). */
export async function dialogueCalendarEntries(store: Readable, actor: Actor, dialogueId: string): Promise<{ dialogueTitle: string; entries: CalendarEntry[] }> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({ dialogueId: dialogue._id }, { sort: { startsAt: 1 } });
  const registrations = await registrationsOf(store, actor, sessions.map((session) => session._id));
  return { dialogueTitle: dialogue.title, entries: sessions.map((session) => entryOf(session, dialogue, actor, registrations.get(session._id) ?? null)) };
}

/** The sessions the person registered for or waits for, in dialogues they may still see. */
export async function personCalendarEntries(store: Readable, actor: Actor): Promise<CalendarEntry[]> {
  const own = await store.collection<RegistrationDocument>(REGISTRATIONS).find({ userId: actor.userId });
  if (own.length === 0) return [];
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({ _id: { $in: own.map((registration) => registration.sessionId) } }, { sort: { startsAt: 1 } });
  const dialogues = await visibleDialogues(store, actor, sessions.map((session) => session.dialogueId));
  const bySession = new Map(own.map((registration) => [registration.sessionId, registration]));
  return sessions.flatMap((session) => {
    const dialogue = dialogues.get(session.dialogueId);
    return dialogue ? [entryOf(session, dialogue, actor, bySession.get(session._id) ?? null)] : [];
  });
}
