import type { OrganisationKind } from '@dialogforum/contracts';

export type OrganisationDocument = {
  _id: string;
  name: string;
  kind: OrganisationKind;
  /** Swedish organisation number (10 digits, Luhn-checked); null for foreign organisations. */
  orgNumber: string | null;
  /** Set by a moderator; only members of verified buyer organisations publish dialogues. */
  verified: boolean;
  verifiedAt: string | null;
  verifiedBy: string | null;
  createdAt: string;
};

export type MembershipRole = 'owner' | 'member';

export type MembershipDocument = {
  _id: string; // `${organisationId}:${userId}`
  userId: string;
  organisationId: string;
  role: MembershipRole;
  createdAt: string;
};

export type JoinRequestDocument = {
  _id: string;
  organisationId: string;
  userId: string;
  status: 'pending' | 'approved' | 'declined';
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
};

/** An e-mailed invitation; the link carries the token, the store its hash. Single use, expiring. */
export type InvitationDocument = {
  _id: string;
  organisationId: string;
  email: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
};

export const ORGANISATIONS = 'organisations';
export const MEMBERSHIPS = 'memberships';
export const JOIN_REQUESTS = 'joinRequests';
export const INVITATIONS = 'invitations';

export function membershipId(organisationId: string, userId: string): string {
  return `${organisationId}:${userId}`;
}
