import type { Language, Me } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor, SessionStanding } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { ORGANISATIONS, type OrganisationDocument } from '../organisations/documents.ts';
import { AUTH_SESSIONS, USERS, type AuthSessionDocument, type UserDocument } from './documents.ts';
import { sessionIdOf } from './session-token.ts';

export type SessionRules = { idleMinutes: number };

/** Refreshing lastSeenAt on every request would be a write per request; once a minute is enough. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

/**
 * The actor behind a session cookie's token, or null when the session is unknown, idle too long,
 * past its absolute expiry, or its user is blocked.
 */
export async function actorForToken(store: DocumentStore, clock: Clock, rules: SessionRules, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const standing = await sessionStanding(store, clock, rules, sessionIdOf(token), { touch: true });
  return standing?.actor ?? null;
}

/**
 * The session's actor as the store has it now. `touch` counts the read as the person's activity
 * (an HTTP request, a socket handshake) for idle expiry; re-checking a live socket's rights does not.
 */
export async function sessionStanding(
  store: DocumentStore,
  clock: Clock,
  rules: SessionRules,
  sessionId: string,
  options: { touch: boolean },
): Promise<SessionStanding | null> {
  const sessions = store.collection<AuthSessionDocument>(AUTH_SESSIONS);
  const session = await sessions.findOne({ _id: sessionId });
  const now = clock.now().getTime();
  if (!session) return null;
  const expiresAt = Date.parse(session.expiresAt);
  const idleUntil = Date.parse(session.lastSeenAt) + rules.idleMinutes * 60_000;
  if (expiresAt <= now || idleUntil <= now) return null;
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: session.userId });
  if (!user || user.blockedAt) return null;
  const organisation = user.organisationId
    ? await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: user.organisationId })
    : null;
  const touched = options.touch && now - Date.parse(session.lastSeenAt) >= LAST_SEEN_GRANULARITY_MS;
  if (touched) {
    await sessions.updateOne({ _id: sessionId }, { $set: { lastSeenAt: new Date(now).toISOString() } });
  }
  return {
    actor: actorOf(user, organisation, sessionId),
    validUntil: Math.min(expiresAt, touched ? now + rules.idleMinutes * 60_000 : idleUntil),
  };
}

function actorOf(user: UserDocument, organisation: OrganisationDocument | null, sessionId: string): Actor {
  return {
    userId: user._id,
    name: user.name,
    representation: user.representation,
    organisationId: organisation?._id ?? null,
    organisationKind: organisation?.kind ?? null,
    organisationVerified: organisation?.verified ?? false,
    emailVerified: user.emailVerifiedAt !== null,
    platformRole: user.platformRole,
    sessionId,
  };
}

/** A person as the policy sees them now, with what it takes to write to them; for work done on their behalf outside a request. */
export type PersonStanding = {
  /** As a request of theirs would act (`sessionId` is empty: no session is involved). */
  actor: Actor;
  /** Null when the address is not confirmed: mail to it may reach someone else. */
  confirmedEmail: string | null;
  language: Language;
};

/**
 * The person's standing regardless of any session, for processors that act for them (the
 * notifier): null for a blocked or erased person, or one that does not exist.
 */
export async function personStanding(store: Pick<DocumentStore, 'collection'>, userId: string): Promise<PersonStanding | null> {
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: userId });
  if (!user || user.blockedAt || user.erasedAt) return null;
  const organisation = user.organisationId ? await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: user.organisationId }) : null;
  return { actor: actorOf(user, organisation, ''), confirmedEmail: user.emailVerifiedAt ? user.email : null, language: user.language };
}

export async function me(store: DocumentStore, actor: Actor | null): Promise<Me | null> {
  if (!actor) return null;
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: actor.userId });
  const organisation = actor.organisationId
    ? await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: actor.organisationId })
    : null;
  if (!user) return null;
  return {
    id: user._id,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    platformRole: user.platformRole,
    representation: user.representation,
    organisation: organisation
      ? { id: organisation._id, name: organisation.name, kind: organisation.kind, verified: organisation.verified }
      : null,
  };
}

/** People's display names, for other modules' views; only ever shown to those the policy lets see them. */
export async function personNames(store: Pick<DocumentStore, 'collection'>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await store.collection<UserDocument>(USERS).find({ _id: { $in: [...new Set(ids)] } });
  return new Map(users.map((user) => [user._id, user.name]));
}

/**
 * People's names and e-mail addresses, for a view that shows a person's address because the person
 * chose it (a relay contact who offered help). The caller decides, by the policy, whom it shows to.
 */
export async function personContacts(store: Pick<DocumentStore, 'collection'>, ids: string[]): Promise<Map<string, { name: string; email: string }>> {
  if (ids.length === 0) return new Map();
  const users = await store.collection<UserDocument>(USERS).find({ _id: { $in: [...new Set(ids)] } });
  return new Map(users.map((user) => [user._id, { name: user.name, email: user.email }]));
}
