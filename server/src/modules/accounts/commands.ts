// Account state changes: register, log in, log out. Each writes its state and event together.
import type { RegisterInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import { DuplicateKeyError, type DocumentStore } from '../../platform/store/document-store.ts';
import {
  AUTH_SESSIONS,
  MEMBERSHIPS,
  ORGANISATIONS,
  USERS,
  type AuthSessionDocument,
  type MembershipDocument,
  type OrganisationDocument,
  type UserDocument,
} from './documents.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { newSessionToken, sessionIdOf } from './session-token.ts';

export type AccountDeps = { store: DocumentStore; clock: Clock; sessionTtlHours: number; onCommit: () => void };

export async function registerAccount(deps: AccountDeps, input: RegisterInput): Promise<{ userId: string; token: string }> {
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now().toISOString();
  const userId = newId();
  const organisationId = newId();
  try {
    await deps.store.withTransaction(async (scope) => {
      await scope.collection<OrganisationDocument>(ORGANISATIONS).insertOne({
        _id: organisationId,
        name: input.organisationName,
        kind: input.representation === 'buyer' ? 'buyer' : 'supplier',
        orgNumber: null,
        verified: false,
        createdAt: now,
      });
      await scope.collection<UserDocument>(USERS).insertOne({
        _id: userId,
        name: input.name,
        email: input.email,
        passwordHash,
        representation: input.representation,
        organisationId,
        createdAt: now,
      });
      await scope.collection<MembershipDocument>(MEMBERSHIPS).insertOne({
        _id: newId(),
        userId,
        organisationId,
        role: 'owner',
        createdAt: now,
      });
      await appendEvent(scope, 'account.registered', null, { userId, organisationId }, now);
    });
  } catch (error) {
    if (error instanceof DuplicateKeyError && error.collection === USERS) {
      throw new AppError('EMAIL_TAKEN', 'An account with this e-mail address already exists');
    }
    throw error;
  }
  deps.onCommit();
  return { userId, token: await startSession(deps, userId) };
}

export async function logIn(deps: AccountDeps, email: string, password: string): Promise<{ userId: string; token: string }> {
  const user = await deps.store.collection<UserDocument>(USERS).findOne({ email });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !valid) throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail address or password');
  return { userId: user._id, token: await startSession(deps, user._id) };
}

export async function logOut(deps: AccountDeps, sessionId: string): Promise<void> {
  await deps.store.collection<AuthSessionDocument>(AUTH_SESSIONS).deleteMany({ _id: sessionId });
}

async function startSession(deps: AccountDeps, userId: string): Promise<string> {
  const token = newSessionToken();
  const now = deps.clock.now();
  await deps.store.collection<AuthSessionDocument>(AUTH_SESSIONS).insertOne({
    _id: sessionIdOf(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.sessionTtlHours * 3_600_000).toISOString(),
  });
  return token;
}

export async function ensureAccountIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(USERS, [{ keys: { email: 1 }, unique: true, name: 'email' }]);
  await store.ensureIndexes(MEMBERSHIPS, [{ keys: { userId: 1 }, name: 'user' }, { keys: { organisationId: 1 }, name: 'organisation' }]);
  await store.ensureIndexes(AUTH_SESSIONS, [{ keys: { userId: 1 }, name: 'user' }]);
}
