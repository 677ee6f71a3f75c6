import type { OrganisationKind, OrganisationSize } from '@dialogforum/contracts';

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
  // Added after the first release; an organisation stored before has none of these.
  /** Who asked for verification, and when: whoever created the buyer organisation, or asked again. */
  verificationRequestedBy?: string | null;
  verificationRequestedAt?: string | null;
  /** What a moderator verified: a verified buyer renamed or renumbered since goes back to the moderators. */
  verifiedAs?: { name: string; orgNumber: string | null } | null;
  /** A moderator's refusal (or withdrawal) with the reason the owners were told; cleared when they ask again. */
  rejection?: { at: string; by: string; reason: string } | null;
  /** Merged into the organisation it duplicated: kept for the record, offered nowhere. */
  mergedInto?: string | null;
  mergedAt?: string | null;
  mergedBy?: string | null;
  /** The organisation's own declaration of its size (EU SME categories); absent or null: not declared. */
  size?: OrganisationSize | null;
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
