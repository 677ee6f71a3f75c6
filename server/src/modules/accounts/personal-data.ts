// GDPR for a public record (offentlighetsprincipen): a person can take out everything we hold about
// them, and can ask to be erased — which pseudonymises them ("Removed user 17") while every question
// and answer they published stays, as the record of a procurement requires.
import type { OperatorConfig } from '../../config.ts';
import { exportPublisher } from '../exports/export-publisher.ts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { attachmentsPersonalData } from '../attachments/personal-data.ts';
import { auditPersonalData } from '../audit/personal-data.ts';
import { calendarPersonalData, forgetCalendarFeedsOnErasure } from '../calendar/personal-data.ts';
import { meetingsPersonalData } from '../meetings/personal-data.ts';
import { libraryPersonalData } from '../library/personal-data.ts';
import { forgetNotificationsOnErasure, notificationsPersonalData } from '../notifications/personal-data.ts';
import { leaveOrganisationsOnErasure, organisationsPersonalData } from '../organisations/personal-data.ts';
import { forgetSavedSearchesOnErasure, savedSearchesPersonalData } from '../saved-searches/personal-data.ts';
import { endRelayContactsOnErasure, relayPersonalData } from '../relay/personal-data.ts';
import { networksPersonalData } from '../networks/personal-data.ts';
import { consortiaPersonalData } from '../consortia/personal-data.ts';
import { sessionsPersonalData } from '../sessions/personal-data.ts';
import { threadsPersonalData } from '../threads/personal-data.ts';
import type { AccountDeps } from './commands.ts';
import { ACCOUNT_TOKENS, AUTH_SESSIONS, USERS, type AccountTokenDocument, type AuthSessionDocument, type UserDocument } from './documents.ts';
import { recordPendingErasure } from './erasure-processor.ts';
import { verifyPassword } from './password.ts';

/**
 * Everything stored about the person, minus secrets (password hash, session and link tokens). Each
 * module that keeps something about a person gives its own section (`<module>/personal-data.ts`);
 * a module that starts keeping personal data adds its section here.
 */
export async function exportPersonalData(store: DocumentStore, actor: Actor | null, operator: OperatorConfig) {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: actor.userId });
  if (!user) throw new AppError('NOT_FOUND', 'No such user');
  const [sessions, organisations, threads, attachments, sessionRegistrations, notifications, audit, calendarFeeds, meetingBookings, library, savedSearches, relay, networks, consortia] = await Promise.all([
    store.collection<AuthSessionDocument>(AUTH_SESSIONS).find({ userId: user._id }),
    organisationsPersonalData(store, user._id),
    threadsPersonalData(store, user._id),
    attachmentsPersonalData(store, user._id),
    sessionsPersonalData(store, user._id),
    notificationsPersonalData(store, user._id),
    auditPersonalData(store, user._id),
    calendarPersonalData(store, user._id),
    meetingsPersonalData(store, user._id),
    libraryPersonalData(store, user._id),
    savedSearchesPersonalData(store, user._id),
    relayPersonalData(store, user._id),
    networksPersonalData(store, user._id),
    consortiaPersonalData(store, user._id),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    // Who holds these data (GDPR art. 15(1)(a) and 13(1)(a)–(b)): the operating agency and its DPO.
    controller: { ...exportPublisher(operator), dataProtectionOfficerEmail: operator.dpoEmail ?? null },
    profile: {
      id: user._id,
      name: user.name,
      email: user.email,
      language: user.language,
      representation: user.representation,
      emailVerifiedAt: user.emailVerifiedAt,
      platformRole: user.platformRole,
      createdAt: user.createdAt,
    },
    ...organisations,
    ...threads,
    ...attachments,
    ...sessionRegistrations,
    ...notifications,
    sessions: sessions.map((session) => ({ createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt })),
    ...audit,
    ...calendarFeeds,
    ...meetingBookings,
    ...library,
    ...savedSearches,
    ...relay,
    ...networks,
    ...consortia,
  };
}

/**
 * What an erased account keeps in place of its e-mail address. It must be unique (the address is a
 * unique key) and it must be nothing anyone can register or sign in with: a counter-based address
 * such as `removed-user-0@erased.invalid` could be registered first, and every erasure after it
 * would then fail on the duplicate key. The account's own id is unique without a counter, and the
 * `erased:` prefix makes the value no e-mail address at all, so the input schema refuses it.
 */
export function erasedAccountEmail(userId: string): string {
  return `erased:${userId}`;
}

/**
 * Pseudonymises the person: name, e-mail and password go, sessions and outstanding mailed links
 * end, memberships end, follows, notifications and saved searches are forgotten. Their posts and session
 * registrations stay, shown as "Removed user N". The last owner of an organisation with other
 * members must hand over ownership first, as when leaving.
 */
export async function erasePerson(deps: AccountDeps, actor: Actor | null, password: string): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const user = await deps.store.collection<UserDocument>(USERS).findOne({ _id: actor.userId });
  if (!user || !(await verifyPassword(user.passwordHash, password))) throw new AppError('INVALID_CREDENTIALS', 'The password is wrong');
  const now = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    await leaveOrganisationsOnErasure(scope, user._id, now);
    const counter = await scope
      .collection<{ _id: string; value: number }>('counters')
      .findOneAndUpdate({ _id: 'removed-users' }, { $inc: { value: 1 } }, { upsert: true });
    const number = counter?.value ?? 0;
    await scope.collection<UserDocument>(USERS).updateOne(
      { _id: user._id },
      {
        $set: {
          name: `Removed user ${number}`,
          email: erasedAccountEmail(user._id),
          passwordHash: '',
          organisationId: null,
          platformRole: null,
          erasedAt: now,
        },
      },
    );
    // What they follow and were told is theirs alone, not the procurement's record: it goes.
    await forgetNotificationsOnErasure(scope, user._id);
    await forgetCalendarFeedsOnErasure(scope, user._id);
    await forgetSavedSearchesOnErasure(scope, user._id);
    await endRelayContactsOnErasure(scope, user._id);
    await scope.collection<AuthSessionDocument>(AUTH_SESSIONS).deleteMany({ userId: user._id });
    // A confirmation or reset link still in a mailbox must not reach the erased account.
    await scope.collection<AccountTokenDocument>(ACCOUNT_TOKENS).deleteMany({ userId: user._id });
    // The erasure processor deletes their mail by this address, then compacts the store.
    await recordPendingErasure(scope, user._id, user.email, now);
    await appendEvent(scope, 'account.erased', null, { userId: user._id, by: user._id }, now);
    await appendEvent(scope, 'account.sessions_ended', null, { userId: user._id, by: user._id }, now);
  });
  deps.onCommit();
}

/**
 * Erasures before `erasedAccountEmail` left addresses like `removed-user-3@erased.invalid`, which a
 * person could register. Run at start: gives every erased account the value it has today.
 */
export async function releaseErasedAddresses(store: DocumentStore): Promise<void> {
  const users = store.collection<UserDocument>(USERS);
  for (const user of await users.find({ erasedAt: { $exists: true } })) {
    const email = erasedAccountEmail(user._id);
    if (user.email !== email) await users.updateOne({ _id: user._id }, { $set: { email } });
  }
}
