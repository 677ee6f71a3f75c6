import type { Me } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import {
  AUTH_SESSIONS,
  ORGANISATIONS,
  USERS,
  type AuthSessionDocument,
  type OrganisationDocument,
  type UserDocument,
} from './documents.ts';
import { sessionIdOf } from './session-token.ts';

/** The actor behind a session cookie's token, or null when it is unknown or expired. */
export async function actorForToken(store: DocumentStore, clock: Clock, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const sessionId = sessionIdOf(token);
  const session = await store.collection<AuthSessionDocument>(AUTH_SESSIONS).findOne({ _id: sessionId });
  if (!session || Date.parse(session.expiresAt) <= clock.now().getTime()) return null;
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: session.userId });
  if (!user) return null;
  const organisation = await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: user.organisationId });
  if (!organisation) return null;
  return {
    userId: user._id,
    name: user.name,
    representation: user.representation,
    organisationId: organisation._id,
    organisationKind: organisation.kind,
    sessionId,
  };
}

export async function me(store: DocumentStore, actor: Actor | null): Promise<Me | null> {
  if (!actor) return null;
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: actor.userId });
  const organisation = await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: actor.organisationId });
  if (!user || !organisation) return null;
  return {
    id: user._id,
    name: user.name,
    email: user.email,
    representation: user.representation,
    organisation: { id: organisation._id, name: organisation.name, kind: organisation.kind },
  };
}
