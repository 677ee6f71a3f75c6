// Who a session's notices go to, and what of a session a notice may name: for the notifier, which
// reads sessions only through this module.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { REGISTRATIONS, SESSIONS, type RegistrationDocument, type SessionDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type SessionNoticeFacts = { id: string; dialogueId: string; title: string; startsAt: string; timeZone: string; cancellationReason: string | null };

/** Those registered (and, when asked, those waiting), as they stand now. */
export async function sessionAudience(store: Readable, sessionId: string, states: RegistrationDocument['state'][]): Promise<string[]> {
  const registrations = await store.collection<RegistrationDocument>(REGISTRATIONS).find({ sessionId, state: { $in: states } }, { sort: { at: 1 } });
  return registrations.map((registration) => registration.userId);
}

export async function sessionNoticeFacts(store: Readable, sessionIds: string[]): Promise<Map<string, SessionNoticeFacts>> {
  if (sessionIds.length === 0) return new Map();
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({ _id: { $in: [...new Set(sessionIds)] } });
  return new Map(
    sessions.map((session) => [
      session._id,
      { id: session._id, dialogueId: session.dialogueId, title: session.title, startsAt: session.startsAt, timeZone: session.timeZone, cancellationReason: session.cancellation?.reason ?? null },
    ]),
  );
}
