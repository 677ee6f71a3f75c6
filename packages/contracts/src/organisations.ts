// Organisation inputs and views.
import { z } from 'zod';
import { emailSchema, idSchema, lineOfText, longText } from './inputs.ts';
import { orgNumberSchema } from './organisation-number.ts';
import type { OrganisationKind } from './views.ts';
import { ORGANISATION_SIZES, type OrganisationSize } from './metrics.ts';

export const ORGANISATION_KINDS = ['buyer', 'supplier', 'research', 'facilitator'] as const satisfies readonly OrganisationKind[];

export const createOrganisationInput = z.strictObject({
  name: lineOfText(2, 160),
  kind: z.enum(ORGANISATION_KINDS),
  /** Swedish organisations give their number; foreign ones leave it out. */
  orgNumber: orgNumberSchema.optional(),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;

export const organisationRef = z.strictObject({ organisationId: idSchema });
export const memberRef = z.strictObject({ organisationId: idSchema, userId: idSchema });
export const setMemberRoleInput = z.strictObject({ organisationId: idSchema, userId: idSchema, role: z.enum(['owner', 'member']) });
export const inviteMemberInput = z.strictObject({ organisationId: idSchema, email: emailSchema });
export const decideJoinRequestInput = z.strictObject({ requestId: idSchema, approve: z.boolean() });
export const findOrganisationsInput = z.strictObject({ q: lineOfText(0, 100).default('') });

/** An invitation as its invitee names it on "find your organisation": by its id, not its mailed token. */
export const acceptInvitationForInput = z.strictObject({ invitationId: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** An invitation waiting for the signed-in person's confirmed address. */
export type InvitationForMe = {
  id: string;
  organisation: { id: string; name: string; kind: OrganisationKind };
  invitedBy: string;
  expiresAt: string;
};

/** Owners correct the name and number; null removes the number (a foreign organisation has none). */
export const updateOrganisationInput = z.strictObject({
  organisationId: idSchema,
  name: lineOfText(2, 160).optional(),
  orgNumber: orgNumberSchema.nullable().optional(),
  /** The organisation's own declaration of its size (null: not declared); the metrics count SMEs by it. */
  size: z.enum(ORGANISATION_SIZES).nullable().optional(),
});
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationInput>;

/** A moderator refuses (or withdraws) a verification; the owners are told the reason. */
export const rejectVerificationInput = z.strictObject({ organisationId: idSchema, reason: longText(10, 2000) });

/** A moderator merges a duplicate into the organisation it duplicates. */
export const mergeOrganisationsInput = z.strictObject({ organisationId: idSchema, intoOrganisationId: idSchema });

/**
 * A buyer organisation waiting for a moderator: who asked (their name and only the domain of their
 * address: enough to judge "does this person speak for that authority?") and when; and, for a
 * verified one renamed or renumbered since, what it was verified as.
 */
export type VerificationQueueItem = OrganisationSummary & {
  requestedBy: { name: string; emailDomain: string } | null;
  requestedAt: string;
  verifiedAs: { name: string; orgNumber: string | null } | null;
};

/** Where an organisation's verification stands, for its owners and moderators (buyers only). */
export type VerificationStatus = {
  requestedAt: string | null;
  rejection: { at: string; reason: string } | null;
  /** Verified under another name or number than it has now: a moderator is to confirm it. */
  changedSinceVerification: boolean;
};

export type OrganisationSummary = {
  id: string;
  name: string;
  kind: OrganisationKind;
  orgNumber: string | null;
  verified: boolean;
  /** Declared by the organisation itself; null when it has not said. */
  size?: OrganisationSize | null;
};

export type MemberView = { userId: string; name: string; email: string; role: 'owner' | 'member'; since: string };

export type JoinRequestView = { id: string; userId: string; name: string; email: string; requestedAt: string };

/** An organisation's page. Members, requests and e-mail addresses only for its owners (and moderators). */
export type OrganisationView = OrganisationSummary & {
  viewer: { role: 'owner' | 'member' | null; hasPendingRequest: boolean; canVerify: boolean; canMerge: boolean };
  members: MemberView[] | null;
  joinRequests: JoinRequestView[] | null;
  /** For its owners and moderators, and only for buyer organisations: verification is a buyer matter. */
  verification: VerificationStatus | null;
  /** A duplicate a moderator merged into another organisation: that one. */
  mergedInto: { id: string; name: string } | null;
};

export type MyOrganisationView = OrganisationSummary & { role: 'owner' | 'member'; actingFor: boolean };
