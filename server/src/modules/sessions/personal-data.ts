// The dialogue sessions a person registered for or waits for, for their own data export. A
// registration stays after an erasure (who took part is part of the procurement's record), under the
// erased account's "Removed user" name like their posts.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { REGISTRATIONS, SESSIONS, type RegistrationDocument, type SessionDocument } from './documents.ts';

export async function sessionsPersonalData(store: DocumentStore, userId: string) {
  const registrations = await store.collection<RegistrationDocument>(REGISTRATIONS).find({ userId }, { sort: { at: 1 } });
  const ids = [...new Set(registrations.map((registration) => registration.sessionId))];
  const sessions = ids.length ? await store.collection<SessionDocument>(SESSIONS).find({ _id: { $in: ids } }) : [];
  const sessionOf = new Map(sessions.map((session) => [session._id, session]));
  return {
    sessionRegistrations: registrations.map((registration) => ({
      session: sessionOf.get(registration.sessionId)?.title ?? registration.sessionId,
      startsAt: sessionOf.get(registration.sessionId)?.startsAt ?? null,
      state: registration.state,
      at: registration.at,
    })),
  };
}
