// Organisation inputs and views.
import { z } from 'zod';
import { emailSchema, idSchema, lineOfText } from './inputs.ts';
import { orgNumberSchema } from './organisation-number.ts';
import type { OrganisationKind } from './views.ts';

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

export type OrganisationSummary = {
  id: string;
  name: string;
  kind: OrganisationKind;
  orgNumber: string | null;
  verified: boolean;
};

export type MemberView = { userId: string; name: string; email: string; role: 'owner' | 'member'; since: string };

export type JoinRequestView = { id: string; userId: string; name: string; email: string; requestedAt: string };

/** An organisation's page. Members, requests and e-mail addresses only for its owners (and moderators). */
export type OrganisationView = OrganisationSummary & {
  viewer: { role: 'owner' | 'member' | null; hasPendingRequest: boolean; canVerify: boolean };
  members: MemberView[] | null;
  joinRequests: JoinRequestView[] | null;
};

export type MyOrganisationView = OrganisationSummary & { role: 'owner' | 'member'; actingFor: boolean };
