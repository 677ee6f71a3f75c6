// Organisations as the viewer may see them: name, kind, number and verification are public; the
// member list, e-mail addresses and join requests are for the organisation's owners and moderators.
import type {
  OrganisationKind,
  OrganisationSize,
  JoinRequestView,
  MemberView,
  MyOrganisationView,
  OrganisationSummary,
  OrganisationView,
  InvitationForMe,
  VerificationQueueItem,
  VerificationStatus,
} from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayMergeOrganisations, mayVerifyOrganisation, mayVerifyOrganisations, seesOrganisationMembers } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { USERS, type UserDocument } from '../accounts/documents.ts';
import { changedSinceVerification } from './verification-status.ts';
import {
  INVITATIONS,
  type InvitationDocument,
  JOIN_REQUESTS,
  MEMBERSHIPS,
  membershipId,
  ORGANISATIONS,
  type JoinRequestDocument,
  type MembershipDocument,
  type OrganisationDocument,
} from './documents.ts';

function toSummary(organisation: OrganisationDocument): OrganisationSummary {
  return {
    id: organisation._id,
    name: organisation.name,
    kind: organisation.kind,
    orgNumber: organisation.orgNumber,
    verified: organisation.verified,
    size: organisation.size ?? null,
  };
}

export async function getOrganisation(store: DocumentStore, actor: Actor | null, organisationId: string): Promise<OrganisationView> {
  const organisation = await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: organisationId });
  if (!organisation) throw new AppError('NOT_FOUND', 'No such organisation');
  const membership = actor
    ? await store.collection<MembershipDocument>(MEMBERSHIPS).findOne({ _id: membershipId(organisationId, actor.userId) })
    : null;
  const pending = actor
    ? await store.collection<JoinRequestDocument>(JOIN_REQUESTS).findOne({ organisationId, userId: actor.userId, status: 'pending' })
    : null;
  const seesMembers = seesOrganisationMembers(actor, membership);
  const merged = organisation.mergedInto ? await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: organisation.mergedInto }) : null;
  const live = !organisation.mergedInto;
  const verification = seesMembers && organisation.kind === 'buyer' ? verificationStatus(organisation) : null;
  return {
    ...toSummary(organisation),
    viewer: {
      role: membership?.role ?? null,
      hasPendingRequest: pending !== null,
      canVerify:
        live && organisation.kind === 'buyer' && mayVerifyOrganisation(actor, membership) && (!organisation.verified || changedSinceVerification(organisation)),
      canMerge: live && mayMergeOrganisations(actor),
    },
    members: seesMembers ? await members(store, organisationId) : null,
    joinRequests: seesMembers ? await joinRequests(store, organisationId) : null,
    verification,
    mergedInto: merged ? { id: merged._id, name: merged.name } : null,
  };
}

function verificationStatus(organisation: OrganisationDocument): VerificationStatus {
  return {
    requestedAt: organisation.verificationRequestedAt ?? null,
    rejection: organisation.rejection ? { at: organisation.rejection.at, reason: organisation.rejection.reason } : null,
    changedSinceVerification: changedSinceVerification(organisation),
  };
}

export async function myOrganisations(store: DocumentStore, actor: Actor | null): Promise<MyOrganisationView[]> {
  if (!actor) return [];
  const memberships = await store.collection<MembershipDocument>(MEMBERSHIPS).find({ userId: actor.userId }, { sort: { createdAt: 1 } });
  const organisations = await organisationsById(store, memberships.map((membership) => membership.organisationId));
  return memberships.flatMap((membership) => {
    const organisation = organisations.get(membership.organisationId);
    return organisation
      ? [{ ...toSummary(organisation), role: membership.role, actingFor: actor.organisationId === organisation._id }]
      : [];
  });
}

/**
 * Invitations waiting for the person's address, for "find your organisation or create one". Only for
 * a confirmed address: an unconfirmed account with that address may not be its owner's.
 */
export async function invitationsForMe(store: DocumentStore, now: Date, actor: Actor): Promise<InvitationForMe[]> {
  const user = await store.collection<UserDocument>(USERS).findOne({ _id: actor.userId });
  if (!user || !user.emailVerifiedAt) return [];
  const invitations = await store
    .collection<InvitationDocument>(INVITATIONS)
    .find({ email: user.email, usedAt: null, expiresAt: { $gt: now.toISOString() } }, { sort: { createdAt: -1 }, limit: 20 });
  const mine = new Set((await store.collection<MembershipDocument>(MEMBERSHIPS).find({ userId: actor.userId })).map((membership) => membership.organisationId));
  const organisations = await organisationsById(store, invitations.map((invitation) => invitation.organisationId));
  const inviters = await usersById(store, invitations.map((invitation) => invitation.invitedBy));
  const seen = new Set<string>();
  return invitations.flatMap((invitation) => {
    const organisation = organisations.get(invitation.organisationId);
    // One offer per organisation, none for one the person is in or one merged away.
    if (!organisation || organisation.mergedInto || mine.has(organisation._id) || seen.has(organisation._id)) return [];
    seen.add(organisation._id);
    return [
      {
        id: invitation._id,
        organisation: { id: organisation._id, name: organisation.name, kind: organisation.kind },
        invitedBy: inviters.get(invitation.invitedBy)?.name ?? '',
        expiresAt: invitation.expiresAt,
      },
    ];
  });
}

/** Organisations to join, by name or number. */
export async function findOrganisations(store: DocumentStore, q: string): Promise<OrganisationSummary[]> {
  const digits = q.replace(/\D/g, '');
  const escaped = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = q === '' ? {} : { $or: [{ name: { $regex: escaped, $options: 'i' } }, ...(digits.length === 10 ? [{ orgNumber: digits }] : [])] };
  // A merged duplicate is no longer an organisation to join.
  const filter = { ...matches, mergedInto: null };
  const organisations = await store.collection<OrganisationDocument>(ORGANISATIONS).find(filter, { sort: { name: 1 }, limit: 50 });
  return organisations.map(toSummary);
}

/**
 * The moderators' queue, oldest first: buyer organisations that asked to be verified and were
 * neither verified nor refused since, and verified ones whose name or number changed since.
 */
export async function verificationQueue(store: DocumentStore, actor: Actor | null): Promise<VerificationQueueItem[]> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!mayVerifyOrganisations(actor)) throw new AppError('FORBIDDEN', 'Only moderators see the verification queue');
  const organisations = store.collection<OrganisationDocument>(ORGANISATIONS);
  const [waiting, verified] = await Promise.all([
    organisations.find({ verified: false, kind: 'buyer', rejection: null, mergedInto: null }, { sort: { createdAt: 1 }, limit: 200 }),
    organisations.find({ verified: true, kind: 'buyer', verifiedAs: { $ne: null }, mergedInto: null }, { sort: { createdAt: 1 }, limit: 1000 }),
  ]);
  const queue = [...waiting, ...verified.filter(changedSinceVerification)];
  const requesters = await requesterOf(store, queue);
  const people = await usersById(store, [...requesters.values()]);
  return queue
    .map((organisation) => {
      const person = people.get(requesters.get(organisation._id) ?? '');
      return {
        ...toSummary(organisation),
        requestedBy: person && !person.erasedAt ? { name: person.name, emailDomain: person.email.split('@')[1] ?? '' } : null,
        requestedAt: organisation.verified ? (organisation.verifiedAt ?? organisation.createdAt) : (organisation.verificationRequestedAt ?? organisation.createdAt),
        verifiedAs: organisation.verified ? (organisation.verifiedAs ?? null) : null,
      };
    })
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

/** Who asked: recorded since requests were; for older organisations, their first owner. */
async function requesterOf(store: DocumentStore, organisations: OrganisationDocument[]): Promise<Map<string, string>> {
  const requesters = new Map<string, string>();
  const unknown = organisations.filter((organisation) => !organisation.verificationRequestedBy).map((organisation) => organisation._id);
  for (const organisation of organisations) {
    if (organisation.verificationRequestedBy) requesters.set(organisation._id, organisation.verificationRequestedBy);
  }
  if (unknown.length > 0) {
    const owners = await store.collection<MembershipDocument>(MEMBERSHIPS).find({ organisationId: { $in: unknown }, role: 'owner' }, { sort: { createdAt: 1 } });
    for (const owner of owners) if (!requesters.has(owner.organisationId)) requesters.set(owner.organisationId, owner.userId);
  }
  return requesters;
}

async function members(store: DocumentStore, organisationId: string): Promise<MemberView[]> {
  const memberships = await store.collection<MembershipDocument>(MEMBERSHIPS).find({ organisationId }, { sort: { createdAt: 1 } });
  const users = await usersById(store, memberships.map((membership) => membership.userId));
  return memberships.map((membership) => {
    const user = users.get(membership.userId);
    return { userId: membership.userId, name: user?.name ?? '', email: user?.email ?? '', role: membership.role, since: membership.createdAt };
  });
}

async function joinRequests(store: DocumentStore, organisationId: string): Promise<JoinRequestView[]> {
  const requests = await store
    .collection<JoinRequestDocument>(JOIN_REQUESTS)
    .find({ organisationId, status: 'pending' }, { sort: { createdAt: 1 } });
  const users = await usersById(store, requests.map((request) => request.userId));
  return requests.map((request) => {
    const user = users.get(request.userId);
    return { id: request._id, userId: request.userId, name: user?.name ?? '', email: user?.email ?? '', requestedAt: request.createdAt };
  });
}

async function usersById(store: DocumentStore, ids: string[]): Promise<Map<string, UserDocument>> {
  if (ids.length === 0) return new Map();
  const users = await store.collection<UserDocument>(USERS).find({ _id: { $in: ids } });
  return new Map(users.map((user) => [user._id, user]));
}

async function organisationsById(store: DocumentStore, ids: string[]): Promise<Map<string, OrganisationDocument>> {
  if (ids.length === 0) return new Map();
  const organisations = await store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: ids } });
  return new Map(organisations.map((organisation) => [organisation._id, organisation]));
}

/** Names and kinds of organisations, for other modules' views (who answered, who owns). */
export async function organisationSummaries(store: Pick<DocumentStore, 'collection'>, ids: string[]): Promise<Map<string, OrganisationSummary>> {
  if (ids.length === 0) return new Map();
  const organisations = await store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: [...new Set(ids)] } });
  return new Map(organisations.map((organisation) => [organisation._id, toSummary(organisation)]));
}

/** Who belongs to these organisations now (ids), for other modules that tell members something. */
export async function memberIds(store: Pick<DocumentStore, 'collection'>, organisationIds: string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const memberships = await store.collection<MembershipDocument>(MEMBERSHIPS).find({ organisationId: { $in: organisationIds } });
  return [...new Set(memberships.map((membership) => membership.userId))];
}

/** What the innovation metrics count an organisation by: its kind, its declared size, and where it was merged. */
export async function organisationMetricFacts(
  store: Pick<DocumentStore, 'collection'>,
  organisationId: string,
): Promise<{ kind: OrganisationKind; size: OrganisationSize | null; mergedInto: string | null } | null> {
  const organisation = await store.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: organisationId });
  if (!organisation) return null;
  return { kind: organisation.kind, size: organisation.size ?? null, mergedInto: organisation.mergedInto ?? null };
}

/** The person's membership of one organisation (its role), for other modules whose policy asks who speaks for it. */
export async function membershipOf(store: Pick<DocumentStore, 'collection'>, organisationId: string, userId: string): Promise<{ role: 'owner' | 'member' } | null> {
  const membership = await store.collection<MembershipDocument>(MEMBERSHIPS).findOne({ _id: membershipId(organisationId, userId) });
  return membership ? { role: membership.role } : null;
}

/** Organisations that exist and were not merged into another, as summaries: what other modules may offer or invite. */
export async function liveOrganisationSummaries(store: Pick<DocumentStore, 'collection'>, ids: string[]): Promise<Map<string, OrganisationSummary>> {
  if (ids.length === 0) return new Map();
  const organisations = await store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: [...new Set(ids)] } });
  return new Map(organisations.filter((organisation) => !organisation.mergedInto).map((organisation) => [organisation._id, toSummary(organisation)]));
}
