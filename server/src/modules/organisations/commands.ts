// Organisations and their members. Every change writes its state and its event together; the
// invariant that an organisation always keeps an owner is checked inside the same transaction.
import type { CreateOrganisationInput, UpdateOrganisationInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { hasVerifiedEmail, mayActFor, removalNeedsOwner } from '../../platform/policy/policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { USERS, type UserDocument } from '../accounts/documents.ts';
import { newSessionToken, sessionIdOf } from '../accounts/session-token.ts';
import {
  INVITATIONS,
  JOIN_REQUESTS,
  MEMBERSHIPS,
  membershipId,
  ORGANISATIONS,
  type InvitationDocument,
  type JoinRequestDocument,
  type MembershipDocument,
  type MembershipRole,
  type OrganisationDocument,
} from './documents.ts';
import { invitationMail } from './invitation-mail.ts';
import { liveOrganisation, requireOwner } from './organisation-access.ts';

export type OrganisationDeps = { store: DocumentStore; clock: Clock; publicUrl: string; onCommit: () => void };

const INVITATION_LIFETIME_MS = 7 * 24 * 3_600_000;

function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!hasVerifiedEmail(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address first');
  return actor;
}

export async function createOrganisation(deps: OrganisationDeps, actor: Actor | null, input: CreateOrganisationInput): Promise<string> {
  const creator = requireSignedIn(actor);
  const organisationId = newId();
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    if (input.orgNumber) await refuseTakenNumber(scope, input.orgNumber, null);
    await scope.collection<OrganisationDocument>(ORGANISATIONS).insertOne({
      _id: organisationId,
      name: input.name,
      kind: input.kind,
      orgNumber: input.orgNumber ?? null,
      verified: false,
      verifiedAt: null,
      verifiedBy: null,
      createdAt: at,
      // Creating a contracting authority asks the moderators to verify it: it publishes only then.
      verificationRequestedBy: input.kind === 'buyer' ? creator.userId : null,
      verificationRequestedAt: input.kind === 'buyer' ? at : null,
      verifiedAs: null,
      rejection: null,
      mergedInto: null,
    });
    await addMember(scope, organisationId, creator.userId, 'owner', at);
    await appendEvent(scope, 'organisation.created', null, { organisationId, userId: creator.userId, by: creator.userId }, at);
  });
  deps.onCommit();
  return organisationId;
}

export async function requestToJoin(deps: OrganisationDeps, actor: Actor | null, organisationId: string): Promise<void> {
  const requester = requireSignedIn(actor);
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    await liveOrganisation(scope, organisationId);
    if (await scope.collection<MembershipDocument>(MEMBERSHIPS).findOne({ _id: membershipId(organisationId, requester.userId) })) {
      throw new AppError('ALREADY_MEMBER', 'You are a member already');
    }
    const requests = scope.collection<JoinRequestDocument>(JOIN_REQUESTS);
    if (await requests.findOne({ organisationId, userId: requester.userId, status: 'pending' })) return;
    const requestId = newId();
    await requests.insertOne({
      _id: requestId,
      organisationId,
      userId: requester.userId,
      status: 'pending',
      createdAt: at,
      decidedBy: null,
      decidedAt: null,
    });
    await appendEvent(scope, 'organisation.join_requested', null, { organisationId, userId: requester.userId, requestId, by: requester.userId }, at);
  });
  deps.onCommit();
}

export async function decideJoinRequest(deps: OrganisationDeps, actor: Actor | null, requestId: string, approve: boolean): Promise<void> {
  const owner = requireSignedIn(actor);
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const requests = scope.collection<JoinRequestDocument>(JOIN_REQUESTS);
    const request = await requests.findOne({ _id: requestId, status: 'pending' });
    if (!request) throw new AppError('NOT_FOUND', 'No such request');
    // Another organisation's request answers exactly as a request that does not exist.
    await requireOwner(scope, owner, request.organisationId, 'No such request');
    await requests.updateOne(
      { _id: requestId },
      { $set: { status: approve ? 'approved' : 'declined', decidedBy: owner.userId, decidedAt: at } },
    );
    if (approve) await addMember(scope, request.organisationId, request.userId, 'member', at);
    await appendEvent(
      scope,
      approve ? 'organisation.member_added' : 'organisation.join_declined',
      null,
      { organisationId: request.organisationId, userId: request.userId, by: owner.userId },
      at,
    );
  });
  deps.onCommit();
}

export async function inviteMember(deps: OrganisationDeps, actor: Actor | null, organisationId: string, email: string): Promise<void> {
  const owner = requireSignedIn(actor);
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const organisation = await requireOwner(scope, owner, organisationId);
    const token = newSessionToken();
    await scope.collection<InvitationDocument>(INVITATIONS).insertOne({
      _id: sessionIdOf(token),
      organisationId,
      email,
      invitedBy: owner.userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
      usedAt: null,
      usedBy: null,
    });
    const link = `${deps.publicUrl}/invitations/accept?token=${token}`;
    await queueMail(scope, invitationMail(email, owner.name, organisation.name, link), now);
    await appendEvent(scope, 'organisation.member_invited', null, { organisationId, by: owner.userId }, now.toISOString());
  });
  deps.onCommit();
}

/** The invitation is for the address it was sent to: the signed-in person must have that e-mail. */
export async function acceptInvitation(deps: OrganisationDeps, actor: Actor | null, token: string): Promise<string> {
  return redeemInvitation(deps, actor, sessionIdOf(token));
}

/** The same, named by its id from the invitee's own list of invitations ("find your organisation"). */
export async function acceptInvitationFor(deps: OrganisationDeps, actor: Actor | null, invitationId: string): Promise<string> {
  return redeemInvitation(deps, actor, invitationId);
}

/**
 * Whoever accepts an invitation acts for the inviting organisation from then on: that is what they
 * came for (and a newcomer who was invited has no other organisation to act for).
 */
async function redeemInvitation(deps: OrganisationDeps, actor: Actor | null, invitationId: string): Promise<string> {
  const invitee = requireSignedIn(actor);
  const at = deps.clock.now().toISOString();
  let organisationId = '';
  await deps.store.withTransaction(async (scope) => {
    const user = await scope.collection<UserDocument>(USERS).findOne({ _id: invitee.userId });
    const invitation = await scope
      .collection<InvitationDocument>(INVITATIONS)
      .findOneAndUpdate(
        { _id: invitationId, usedAt: null, expiresAt: { $gt: at }, email: user?.email ?? '' },
        { $set: { usedAt: at, usedBy: invitee.userId } },
      );
    if (!invitation) throw new AppError('INVALID_TOKEN', 'This invitation is unknown, used, expired or for another address');
    organisationId = invitation.organisationId;
    await liveOrganisation(scope, organisationId);
    if (!(await scope.collection<MembershipDocument>(MEMBERSHIPS).findOne({ _id: membershipId(organisationId, invitee.userId) }))) {
      await addMember(scope, organisationId, invitee.userId, 'member', at);
      await appendEvent(scope, 'organisation.member_added', null, { organisationId, userId: invitee.userId, by: invitation.invitedBy }, at);
    }
    const switched = await scope
      .collection<UserDocument>(USERS)
      .updateOne({ _id: invitee.userId, organisationId: { $ne: organisationId } }, { $set: { organisationId } });
    if (switched.modifiedCount > 0) {
      await appendEvent(scope, 'account.organisation_switched', null, { userId: invitee.userId, organisationId, by: invitee.userId }, at);
    }
  });
  deps.onCommit();
  return organisationId;
}

export async function setMemberRole(
  deps: OrganisationDeps,
  actor: Actor | null,
  organisationId: string,
  userId: string,
  role: MembershipRole,
): Promise<void> {
  const owner = requireSignedIn(actor);
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    await requireOwner(scope, owner, organisationId);
    const memberships = scope.collection<MembershipDocument>(MEMBERSHIPS);
    const membership = await memberships.findOne({ _id: membershipId(organisationId, userId) });
    if (!membership) throw new AppError('NOT_FOUND', 'No such member');
    if (membership.role === role) return;
    await memberships.updateOne({ _id: membership._id }, { $set: { role } });
    await assertKeepsAnOwner(scope, organisationId);
    await appendEvent(scope, 'organisation.role_changed', null, { organisationId, userId, role, by: owner.userId }, at);
  });
  deps.onCommit();
}

/** An owner removes a member, or a member leaves (userId is their own); the last owner cannot go. */
export async function removeMember(deps: OrganisationDeps, actor: Actor | null, organisationId: string, userId: string): Promise<void> {
  const remover = requireSignedIn(actor);
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    if (removalNeedsOwner(remover, userId)) await requireOwner(scope, remover, organisationId);
    const memberships = scope.collection<MembershipDocument>(MEMBERSHIPS);
    const membership = await memberships.findOne({ _id: membershipId(organisationId, userId) });
    if (!membership) throw new AppError('NOT_FOUND', 'No such member');
    await memberships.deleteMany({ _id: membership._id });
    await assertKeepsAnOwner(scope, organisationId);
    // Someone who acted for this organisation now acts for another of theirs, or for none.
    const users = scope.collection<UserDocument>(USERS);
    const user = await users.findOne({ _id: userId });
    if (user?.organisationId === organisationId) {
      const [next] = await memberships.find({ userId }, { sort: { createdAt: 1 }, limit: 1 });
      await users.updateOne({ _id: userId }, { $set: { organisationId: next?.organisationId ?? null } });
    }
    await appendEvent(scope, 'organisation.member_removed', null, { organisationId, userId, by: remover.userId }, at);
  });
  deps.onCommit();
}

/**
 * Owners correct their organisation's name and number. A verified buyer stays verified (a
 * procurement under way must not stop), but a moderator sees what it was verified as until one of
 * them confirms the change or withdraws the verification (verification-commands.ts).
 */
export async function updateOrganisation(deps: OrganisationDeps, actor: Actor, input: UpdateOrganisationInput): Promise<void> {
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const organisation = await requireOwner(scope, actor, input.organisationId);
    const name = input.name ?? organisation.name;
    const orgNumber = input.orgNumber === undefined ? organisation.orgNumber : input.orgNumber;
    const size = input.size === undefined ? (organisation.size ?? null) : input.size;
    const fields = [
      name !== organisation.name ? 'name' : null,
      orgNumber !== organisation.orgNumber ? 'orgNumber' : null,
      size !== (organisation.size ?? null) ? 'size' : null,
    ].filter((field) => field !== null);
    if (fields.length === 0) return;
    if (orgNumber && orgNumber !== organisation.orgNumber) await refuseTakenNumber(scope, orgNumber, organisation._id);
    // Verified before what the moderator verified was kept: what it was is what they saw. The size is
    // the organisation's own declaration, which no moderator checks.
    const renamed = name !== organisation.name || orgNumber !== organisation.orgNumber;
    const wasVerifiedAs = organisation.verified ? (organisation.verifiedAs ?? { name: organisation.name, orgNumber: organisation.orgNumber }) : null;
    const verifiedAs = renamed ? wasVerifiedAs : (organisation.verifiedAs ?? null);
    await scope.collection<OrganisationDocument>(ORGANISATIONS).updateOne({ _id: organisation._id }, { $set: { name, orgNumber, verifiedAs, size } });
    await appendEvent(scope, 'organisation.updated', null, { organisationId: organisation._id, by: actor.userId, fields: fields.join(',') }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

/** One organisation per number: a second record of the same organisation is a duplicate. */
async function refuseTakenNumber(scope: TransactionScope, orgNumber: string, exceptId: string | null): Promise<void> {
  const holder = await scope.collection<OrganisationDocument>(ORGANISATIONS).findOne({ orgNumber, mergedInto: null });
  if (holder && holder._id !== exceptId) {
    throw new AppError('ORGANISATION_EXISTS', 'An organisation with this organisation number exists: ask to join it', [
      { path: 'orgNumber', code: 'org_number_taken' },
    ]);
  }
}

/** Members of several organisations choose which one they act for. */
export async function actFor(deps: OrganisationDeps, actor: Actor | null, organisationId: string): Promise<void> {
  const member = requireSignedIn(actor);
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const membership = await scope.collection<MembershipDocument>(MEMBERSHIPS).findOne({ _id: membershipId(organisationId, member.userId) });
    if (!mayActFor(membership)) throw new AppError('NOT_FOUND', 'No such organisation');
    // Acting for another organisation changes which dialogues' askers one sees: the event lets the
    // live layer re-derive the person's sockets. Choosing the one already acted for changes nothing.
    const switched = await scope
      .collection<UserDocument>(USERS)
      .updateOne({ _id: member.userId, organisationId: { $ne: organisationId } }, { $set: { organisationId } });
    if (switched.modifiedCount === 0) return;
    await appendEvent(scope, 'account.organisation_switched', null, { userId: member.userId, organisationId, by: member.userId }, at);
  });
  deps.onCommit();
}

async function addMember(scope: TransactionScope, organisationId: string, userId: string, role: MembershipRole, at: string): Promise<void> {
  await scope.collection<MembershipDocument>(MEMBERSHIPS).insertOne({ _id: membershipId(organisationId, userId), userId, organisationId, role, createdAt: at });
  // Someone without an organisation starts acting for the one they joined.
  await scope.collection<UserDocument>(USERS).updateOne({ _id: userId, organisationId: null }, { $set: { organisationId } });
}

async function assertKeepsAnOwner(scope: TransactionScope, organisationId: string): Promise<void> {
  const owners = await scope.collection<MembershipDocument>(MEMBERSHIPS).countDocuments({ organisationId, role: 'owner' });
  const members = await scope.collection<MembershipDocument>(MEMBERSHIPS).countDocuments({ organisationId });
  if (owners === 0 && members > 0) {
    throw new AppError('LAST_OWNER', 'An organisation keeps at least one owner: hand over ownership first');
  }
}

export async function ensureOrganisationIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(ORGANISATIONS, [{ keys: { orgNumber: 1 }, name: 'orgNumber' }, { keys: { verified: 1, kind: 1 }, name: 'verification' }]);
  await store.ensureIndexes(MEMBERSHIPS, [{ keys: { userId: 1 }, name: 'user' }, { keys: { organisationId: 1 }, name: 'organisation' }]);
  await store.ensureIndexes(JOIN_REQUESTS, [{ keys: { organisationId: 1, status: 1 }, name: 'organisation' }]);
  await store.ensureIndexes(INVITATIONS, [{ keys: { email: 1 }, name: 'email' }]);
}
