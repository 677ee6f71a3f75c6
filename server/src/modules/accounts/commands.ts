// Account state changes. Each writes its state and its event in one transaction; e-mail is queued
// in that transaction and delivered by the mail processor after commit.
import type { Language, RegisterInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { IdentifierHash } from '../../platform/events/identifier-hash.ts';
import { newId } from '../../platform/ids.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { DuplicateKeyError, type DocumentStore, type TransactionScope } from '../../platform/store/document-store.ts';
import { passwordResetMail, registrationAttemptMail, verificationMail } from './account-mail.ts';
import { issueAccountToken, redeemAccountToken } from './account-tokens.ts';
import { ACCOUNT_TOKENS, AUTH_SESSIONS, USERS, type AuthSessionDocument, type UserDocument } from './documents.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { isCommonPassword } from './password-policy.ts';
import { newSessionToken, sessionIdOf } from './session-token.ts';

export type AccountDeps = {
  store: DocumentStore;
  clock: Clock;
  sessionTtlHours: number;
  publicUrl: string;
  adminEmails: string[];
  /** Stands for a typed e-mail address in an event: events carry no addresses. */
  identifierHash: IdentifierHash;
  onCommit: () => void;
};

export type SignedIn = { userId: string; token: string };

/**
 * Registration answers the same whether or not the address has an account, so nobody learns from it
 * who is on the platform: the router answers "check your e-mail" either way and signs nobody in.
 * A new address gets an account and a confirmation link; an address with an account gets a mail to
 * its owner instead (at most as often as `mayMailOwner` allows), and the account is left as it was.
 */
export async function registerAccount(deps: AccountDeps, input: RegisterInput, options: { mayMailOwner: boolean }): Promise<void> {
  assertStrongPassword(input.password, 'password');
  // Hashed in both cases: a registration of a taken address must take as long as a new one.
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  try {
    await deps.store.withTransaction((scope) => createAccount(deps, scope, input, passwordHash, now));
  } catch (error) {
    // The unique address index decides, so two registrations of one new address at once are safe.
    if (!(error instanceof DuplicateKeyError && error.collection === USERS)) throw error;
    if (options.mayMailOwner) await tellOwnerOfRegistrationAttempt(deps, input.email, now);
  }
  deps.onCommit();
}

/**
 * The account alone: which organisation the person acts for is theirs to choose once the address is
 * confirmed (join one, accept an invitation, or create one), so nobody gets an organisation made up
 * behind their back, and an invited colleague never a stray duplicate.
 */
async function createAccount(deps: AccountDeps, scope: TransactionScope, input: RegisterInput, passwordHash: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const userId = newId();
  await scope.collection<UserDocument>(USERS).insertOne({
    _id: userId,
    name: input.name,
    email: input.email,
    passwordHash,
    representation: input.representation,
    organisationId: null,
    language: input.language,
    emailVerifiedAt: null,
    platformRole: null,
    blockedAt: null,
    createdAt: at,
  });
  await appendEvent(scope, 'account.registered', null, { userId, by: userId }, at);
  await queueVerificationMail(deps, scope, { _id: userId, email: input.email, name: input.name, language: input.language }, now);
}

/**
 * "Someone tried to register with your address": sign in, or choose a new password. No confirmation
 * link: the account may have been registered by someone else, and confirming it for them is what an
 * account pre-hijacking needs. A blocked person can do neither, so they are not told.
 */
async function tellOwnerOfRegistrationAttempt(deps: AccountDeps, email: string, now: Date): Promise<void> {
  await deps.store.withTransaction(async (scope) => {
    const owner = await scope.collection<UserDocument>(USERS).findOne({ email });
    if (!owner || owner.blockedAt) return;
    const links = { login: `${deps.publicUrl}/login`, reset: `${deps.publicUrl}/forgot-password` };
    await queueMail(scope, registrationAttemptMail(owner.email, owner.name, links, owner.language), now);
  });
}

/**
 * Every attempt is recorded (for the audit log), with the IP address it came from but never the
 * password, nor the e-mail address typed: the account when it names one, else a keyed hash of it, so
 * attempts at one unknown address can still be seen together.
 */
export async function logIn(deps: AccountDeps, email: string, password: string, address: string): Promise<SignedIn> {
  const user = await deps.store.collection<UserDocument>(USERS).findOne({ email });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  const at = deps.clock.now().toISOString();
  // A blocked account answers like a wrong password: the block is not for the guesser to learn.
  if (!user || !valid || user.blockedAt) {
    await deps.store.withTransaction((scope) =>
      appendEvent(scope, 'account.sign_in_failed', null, { ...(user ? { userId: user._id } : { emailHash: deps.identifierHash(email) }), address }, at),
    );
    deps.onCommit();
    throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail address or password');
  }
  if (deps.adminEmails.includes(user.email) && user.emailVerifiedAt && user.platformRole !== 'admin') {
    await deps.store.withTransaction(async (scope) => {
      await scope.collection<UserDocument>(USERS).updateOne({ _id: user._id }, { $set: { platformRole: 'admin' } });
      await appendEvent(scope, 'account.role_granted', null, { userId: user._id, role: 'admin', by: 'ADMIN_EMAILS' }, at);
    });
  }
  const token = await startSession(deps, user._id);
  await deps.store.withTransaction((scope) => appendEvent(scope, 'account.signed_in', null, { userId: user._id, by: user._id, address }, at));
  deps.onCommit();
  return { userId: user._id, token };
}

/** Ends one browser's session, e.g. the one it had before signing in again. */
export async function endSession(deps: AccountDeps, sessionId: string): Promise<void> {
  await deps.store.collection<AuthSessionDocument>(AUTH_SESSIONS).deleteMany({ _id: sessionId });
}

/** Logging out ends every session of the person, on every device, and closes their live sockets. */
export async function logOutEverywhere(deps: AccountDeps, userId: string): Promise<void> {
  await deps.store.withTransaction((scope) => endAllSessions(scope, userId, userId, deps.clock.now()));
  deps.onCommit();
}

/**
 * Confirms the address the link was mailed to. Registration signs nobody in, so the link does, when
 * `signIn` says the browser is signed in as nobody: it reached the address's mailbox, which is what
 * a password reset trusts too. A blocked person is not signed in. One transaction for all of it.
 */
export async function verifyEmail(deps: AccountDeps, token: string, signIn: { from: string } | null): Promise<SignedIn | null> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const signedIn = await deps.store.withTransaction(async (scope) => {
    const userId = await redeemAccountToken(scope, token, 'verify-email', now);
    if (!userId) throw new AppError('INVALID_TOKEN', 'This link is unknown, used or expired');
    const user = await scope.collection<UserDocument>(USERS).findOne({ _id: userId });
    if (!user || user.erasedAt) throw new AppError('INVALID_TOKEN', 'This link is unknown, used or expired');
    const role = deps.adminEmails.includes(user.email) ? 'admin' : user.platformRole;
    await scope.collection<UserDocument>(USERS).updateOne({ _id: userId }, { $set: { emailVerifiedAt: at, platformRole: role } });
    await appendEvent(scope, 'account.email_verified', null, { userId, by: userId }, at);
    if (!signIn || user.blockedAt) return null;
    const session = newSession(deps, userId, now);
    await scope.collection<AuthSessionDocument>(AUTH_SESSIONS).insertOne(session.document);
    await appendEvent(scope, 'account.signed_in', null, { userId, by: userId, address: signIn.from }, at);
    return { userId, token: session.token };
  });
  deps.onCommit();
  return signedIn;
}

export async function resendVerification(deps: AccountDeps, userId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const user = await scope.collection<UserDocument>(USERS).findOne({ _id: userId });
    if (!user || user.emailVerifiedAt) return;
    await queueVerificationMail(deps, scope, user, now);
  });
  deps.onCommit();
}

/** Always succeeds from the caller's point of view, so the form cannot tell which addresses have accounts. */
export async function requestPasswordReset(deps: AccountDeps, email: string, language: Language): Promise<void> {
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const user = await scope.collection<UserDocument>(USERS).findOne({ email });
    if (!user || user.blockedAt) return;
    const token = await issueAccountToken(scope, user._id, 'reset-password', now);
    const link = `${deps.publicUrl}/reset-password?token=${token}`;
    await queueMail(scope, passwordResetMail(user.email, user.name, link, language), now);
  });
  deps.onCommit();
}

export async function resetPassword(deps: AccountDeps, token: string, newPassword: string): Promise<void> {
  assertStrongPassword(newPassword, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const userId = await redeemAccountToken(scope, token, 'reset-password', now);
    if (!userId) throw new AppError('INVALID_TOKEN', 'This link is unknown, used or expired');
    await setPassword(scope, userId, passwordHash, now);
  });
  deps.onCommit();
}

/** Changes the password, ends every session, and signs this browser in again with a new one. */
export async function changePassword(deps: AccountDeps, userId: string, currentPassword: string, newPassword: string): Promise<SignedIn> {
  const user = await deps.store.collection<UserDocument>(USERS).findOne({ _id: userId });
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong');
  }
  assertStrongPassword(newPassword, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await deps.store.withTransaction((scope) => setPassword(scope, userId, passwordHash, deps.clock.now()));
  deps.onCommit();
  return { userId, token: await startSession(deps, userId) };
}

export async function blockUser(deps: AccountDeps, byUserId: string, userId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const users = scope.collection<UserDocument>(USERS);
    const user = await users.findOne({ _id: userId });
    if (!user) throw new AppError('NOT_FOUND', 'No such user');
    // Blocking someone blocked already changes nothing (their sessions ended with the first block).
    if (user.blockedAt) return;
    await users.updateOne({ _id: userId }, { $set: { blockedAt: now.toISOString() } });
    await appendEvent(scope, 'account.blocked', null, { userId, by: byUserId }, now.toISOString());
    await endAllSessions(scope, userId, byUserId, now);
  });
  deps.onCommit();
}

/** Makes a person a moderator or takes the role away; admins (from ADMIN_EMAILS) stay admins. */
export async function setModerator(deps: AccountDeps, byUserId: string, email: string, moderator: boolean): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const users = scope.collection<UserDocument>(USERS);
    const user = await users.findOne({ email });
    if (!user || user.erasedAt) throw new AppError('NOT_FOUND', 'No account has this e-mail address');
    if (user.platformRole === 'admin') throw new AppError('FORBIDDEN', 'Admins are set by ADMIN_EMAILS');
    const role = moderator ? 'moderator' : null;
    if (user.platformRole === role) return;
    await users.updateOne({ _id: user._id }, { $set: { platformRole: role } });
    await appendEvent(scope, moderator ? 'account.role_granted' : 'account.role_revoked', null, { userId: user._id, role: 'moderator', by: byUserId }, at);
  });
  deps.onCommit();
}

async function setPassword(scope: TransactionScope, userId: string, passwordHash: string, now: Date): Promise<void> {
  await scope.collection<UserDocument>(USERS).updateOne({ _id: userId }, { $set: { passwordHash } });
  await appendEvent(scope, 'account.password_changed', null, { userId, by: userId }, now.toISOString());
  await endAllSessions(scope, userId, userId, now);
}

/** Deletes the sessions; the event makes the realtime processor disconnect the person's sockets. */
async function endAllSessions(scope: TransactionScope, userId: string, byUserId: string, now: Date): Promise<void> {
  await scope.collection<AuthSessionDocument>(AUTH_SESSIONS).deleteMany({ userId });
  await appendEvent(scope, 'account.sessions_ended', null, { userId, by: byUserId }, now.toISOString());
}

async function queueVerificationMail(
  deps: AccountDeps,
  scope: TransactionScope,
  user: Pick<UserDocument, '_id' | 'email' | 'name' | 'language'>,
  now: Date,
): Promise<void> {
  const token = await issueAccountToken(scope, user._id, 'verify-email', now);
  const link = `${deps.publicUrl}/verify-email?token=${token}`;
  await queueMail(scope, verificationMail(user.email, user.name, link, user.language), now);
}

function assertStrongPassword(password: string, field: string): void {
  if (isCommonPassword(password)) {
    throw new AppError('WEAK_PASSWORD', 'This password is too common: it appears in lists of breached passwords', [
      { path: field, code: 'common_password' },
    ]);
  }
}

async function startSession(deps: AccountDeps, userId: string): Promise<string> {
  const { token, document } = newSession(deps, userId, deps.clock.now());
  await deps.store.collection<AuthSessionDocument>(AUTH_SESSIONS).insertOne(document);
  return token;
}

/** A new session: the token for the cookie, and the document that keeps only its hash. */
function newSession(deps: AccountDeps, userId: string, now: Date): { token: string; document: AuthSessionDocument } {
  const token = newSessionToken();
  return {
    token,
    document: {
      _id: sessionIdOf(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + deps.sessionTtlHours * 3_600_000).toISOString(),
    },
  };
}

export async function ensureAccountIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(USERS, [{ keys: { email: 1 }, unique: true, name: 'email' }]);
  await store.ensureIndexes(AUTH_SESSIONS, [{ keys: { userId: 1 }, name: 'user' }]);
  await store.ensureIndexes(ACCOUNT_TOKENS, [{ keys: { userId: 1 }, name: 'user' }]);
}
