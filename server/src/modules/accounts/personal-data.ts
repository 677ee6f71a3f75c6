// GDPR for a public record (offentlighetsprincipen): a person can take out everything we hold about
// them, and can ask to be erased — which pseudonymises them ("Removed user 17") while every question
// and answer they published stays, as the record of a procurement requires.
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { AUDIT_LOG, type AuditEntryDocument } from '../audit/documents.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import {
  JOIN_REQUESTS,
  MEMBERSHIPS,
  ORGANISATIONS,
  type JoinRequestDocument,
  type MembershipDocument,
  type OrganisationDocument,
} from '../organisations/documents.ts';
import { POSTS, PSEUDONYMS, THREADS, type PostDocument, type PseudonymDocument, type ThreadDocument } from '../threads/documents.ts';
import type { AccountDeps } from './commands.ts';
import { ACCOUNT_TOKENS, AUTH_SESSIONS, USERS, type AccountTokenDocument, type AuthSessionDocument, type UserDocument } from './documents.ts';
import { recordPendingErasure } from './erasure-processor.ts';
import { verifyPassword } from './password.ts';

/** Everything stored about the person, minus secrets (password hash, session and link tokens). */
export async function exportPersonalData(store: DocumentStore, actor: Actor | null) {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: actor.userId });
  if (!user) throw new AppError('NOT_FOUND', 'No such user');
  const [memberships, joinRequests, posts, threads, pseudonyms, sessions, audit] = await Promise.all([
    store.collection<MembershipDocument>(MEMBERSHIPS).find({ userId: user._id }),
    store.collection<JoinRequestDocument>(JOIN_REQUESTS).find({ userId: user._id }),
    store.collection<PostDocument>(POSTS).find({ authorId: user._id }, { sort: { createdAt: 1 } }),
    store.collection<ThreadDocument>(THREADS).find({ askerId: user._id }, { sort: { createdAt: 1 } }),
    store.collection<PseudonymDocument>(PSEUDONYMS).find({ userId: user._id }),
    store.collection<AuthSessionDocument>(AUTH_SESSIONS).find({ userId: user._id }),
    store.collection<AuditEntryDocument>(AUDIT_LOG).find({ $or: [{ actorId: user._id }, { 'subject.userId': user._id }] }, { sort: { seq: 1 } }),
  ]);
  const organisationIds = [...new Set([...memberships, ...joinRequests].map((item) => item.organisationId))];
  const organisations = organisationIds.length
    ? await store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: organisationIds } })
    : [];
  const dialogueIds = [...new Set(posts.map((post) => post.dialogueId))];
  const dialogues = dialogueIds.length ? await store.collection<DialogueDocument>(DIALOGUES).find({ _id: { $in: dialogueIds } }) : [];
  const nameOf = new Map(organisations.map((organisation) => [organisation._id, organisation.name]));
  const titleOf = new Map(dialogues.map((dialogue) => [dialogue._id, dialogue.title]));
  const threadTitleOf = new Map(threads.map((thread) => [thread._id, thread.title]));
  return {
    exportedAt: new Date().toISOString(),
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
    organisations: memberships.map((m) => ({ id: m.organisationId, name: nameOf.get(m.organisationId) ?? '', role: m.role, since: m.createdAt })),
    joinRequests: joinRequests.map((r) => ({ organisation: nameOf.get(r.organisationId) ?? '', status: r.status, at: r.createdAt })),
    pseudonyms: pseudonyms.map((p) => ({ dialogue: titleOf.get(p.dialogueId) ?? p.dialogueId, label: p.label })),
    posts: posts.map((post) => ({
      id: post._id,
      kind: post.kind,
      dialogue: titleOf.get(post.dialogueId) ?? post.dialogueId,
      thread: threadTitleOf.get(post.threadId) ?? post.threadId,
      body: post.body,
      createdAt: post.createdAt,
    })),
    sessions: sessions.map((session) => ({ createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt })),
    auditLog: audit.map((entry) => ({ at: entry.at, action: entry.action, subject: entry.subject })),
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
 * end, memberships end. Their posts stay, shown as "Removed user N". The last owner of an
 * organisation with other members must hand over ownership first, as when leaving.
 */
export async function erasePerson(deps: AccountDeps, actor: Actor | null, password: string): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const user = await deps.store.collection<UserDocument>(USERS).findOne({ _id: actor.userId });
  if (!user || !(await verifyPassword(user.passwordHash, password))) throw new AppError('INVALID_CREDENTIALS', 'The password is wrong');
  const now = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const memberships = scope.collection<MembershipDocument>(MEMBERSHIPS);
    for (const membership of await memberships.find({ userId: user._id, role: 'owner' })) {
      const otherOwners = await memberships.countDocuments({ organisationId: membership.organisationId, role: 'owner', userId: { $ne: user._id } });
      const others = await memberships.countDocuments({ organisationId: membership.organisationId, userId: { $ne: user._id } });
      if (otherOwners === 0 && others > 0) {
        throw new AppError('LAST_OWNER', 'Hand over ownership of your organisation before your account is removed');
      }
    }
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
    await memberships.deleteMany({ userId: user._id });
    const requests = scope.collection<JoinRequestDocument>(JOIN_REQUESTS);
    for (const request of await requests.find({ userId: user._id, status: 'pending' })) {
      await requests.updateOne({ _id: request._id }, { $set: { status: 'declined', decidedAt: now } });
    }
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
