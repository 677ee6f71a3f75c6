// Consortia (Big Science and beyond, issue 11 §5). Supplier and research organisations publish a
// capability profile (competences, references, arenas), versioned. An opportunity — a research
// facility's upcoming procurement published by a buyer or a moderator, or an existing dialogue —
// lets organisations declare interest, find partners by capability and form a consortium: a lead
// organisation and members, each member confirming before it counts. Nothing is deleted: a member
// that declines, leaves or is removed stays on record. A consortium is public only while every
// confirmed member chooses so; otherwise it is seen by its own organisations and the buyer only.
import { z } from 'zod';
import { ARENA_IDS, type ArenaId } from './arenas.ts';
import { idSchema, lineOfText, longText } from './inputs.ts';
import type { OrganisationKind } from './views.ts';

const arenaIdSchema = z.enum(ARENA_IDS);
const distinct = <T>(values: T[]) => new Set(values.map((value) => (typeof value === 'string' ? value.toLocaleLowerCase('sv') : value))).size === values.length;

/** Public, or seen by the consortium's own organisations and the opportunity's buyer only. */
export const CONSORTIUM_VISIBILITIES = ['public', 'buyer'] as const;
export type ConsortiumVisibility = (typeof CONSORTIUM_VISIBILITIES)[number];

/** Where a member stands: invited (not yet counted), confirmed, or on record as declined, left or removed. */
export type ConsortiumMemberStatus = 'invited' | 'confirmed' | 'declined' | 'left' | 'removed';

const competence = lineOfText(2, 80);
const reference = z.strictObject({
  title: lineOfText(3, 200),
  /** Who it was delivered to, e.g. "ESS" or "CERN". */
  customer: lineOfText(0, 200).default(''),
  year: z.number().int().min(1900).max(2100).nullable().default(null),
  description: longText(0, 4000).default(''),
});
export type CapabilityReference = z.infer<typeof reference>;

/** A capability profile: a new version each time it is saved; earlier versions stay readable. */
export const saveCapabilityProfileInput = z.strictObject({
  summary: longText(10, 8000),
  competences: z.array(competence).min(1).max(30).refine(distinct, { error: 'duplicates' }),
  references: z.array(reference).max(20).default([]),
  arenaIds: z.array(arenaIdSchema).min(1).max(ARENA_IDS.length).refine(distinct, { error: 'duplicates' }),
});
export type SaveCapabilityProfileInput = z.infer<typeof saveCapabilityProfileInput>;

export const capabilityProfileInput = z.strictObject({ organisationId: idSchema, version: z.number().int().min(1).max(10_000).optional() });

/** Finding partners: profiles by competence (words in it) and arena, optionally only those interested in an opportunity. */
export const findProfilesInput = z.strictObject({
  competence: lineOfText(0, 80).default(''),
  arenaId: arenaIdSchema.optional(),
  opportunityId: idSchema.optional(),
  interestedOnly: z.boolean().default(false),
});
export type FindProfilesInput = z.infer<typeof findProfilesInput>;

/** A research facility's upcoming procurement, published by a verified buyer or a moderator. */
export const publishOpportunityInput = z.strictObject({
  title: lineOfText(3, 200),
  /** The research facility, e.g. "ESS" or "MAX IV". */
  facility: lineOfText(2, 120),
  description: longText(10, 20_000),
  arenaId: arenaIdSchema.default('big-science'),
  /** When the procurement is expected to start (a day). */
  expectedAt: z.iso.date().nullable().default(null),
});
export type PublishOpportunityInput = z.infer<typeof publishOpportunityInput>;

export const opportunityRef = z.strictObject({ opportunityId: idSchema });

/**
 * Editing a research facility's opportunity: the whole of it again, kept as a new version beside the
 * earlier ones, with a short note of why (shown with the change). An opportunity made of a dialogue
 * changes with its dialogue, not here.
 */
export const editOpportunityInput = publishOpportunityInput.safeExtend({
  opportunityId: idSchema,
  arenaId: arenaIdSchema,
  note: lineOfText(0, 300).default(''),
});
export type EditOpportunityInput = z.infer<typeof editOpportunityInput>;

/** Withdrawing an opportunity, with the reason its readers are given. Nothing is deleted. */
export const withdrawOpportunityInput = z.strictObject({ opportunityId: idSchema, reason: lineOfText(3, 500) });
export const consortiumRef = z.strictObject({ consortiumId: idSchema });
export const openDialogueOpportunityInput = z.strictObject({ dialogueId: idSchema });
export const consortiaArenaInput = z.strictObject({ arenaId: arenaIdSchema });

export const declareInterestInput = z.strictObject({ opportunityId: idSchema, interested: z.boolean(), note: lineOfText(0, 300).default('') });

const invitees = z.array(idSchema).max(20).refine(distinct, { error: 'duplicates' });

/** Forming a consortium: the acting organisation leads, chooses its visibility and invites members. */
export const formConsortiumInput = z.strictObject({
  opportunityId: idSchema,
  name: lineOfText(3, 120),
  visibility: z.enum(CONSORTIUM_VISIBILITIES),
  invite: invitees.default([]),
});
export type FormConsortiumInput = z.infer<typeof formConsortiumInput>;

export const inviteToConsortiumInput = z.strictObject({ consortiumId: idSchema, organisationIds: invitees.min(1) });
/** Confirming is also choosing the visibility the member agrees to. */
export const confirmConsortiumInput = z.strictObject({ consortiumId: idSchema, visibility: z.enum(CONSORTIUM_VISIBILITIES) });
export const chooseConsortiumVisibilityInput = confirmConsortiumInput;
export const leaveConsortiumInput = z.strictObject({ consortiumId: idSchema, reason: lineOfText(0, 300).default('') });
export const removeFromConsortiumInput = z.strictObject({ consortiumId: idSchema, organisationId: idSchema, reason: lineOfText(3, 300) });

// ---- views --------------------------------------------------------------------------------------

export type OrganisationRef = { id: string; name: string; kind: OrganisationKind };

export type CapabilityProfileSummary = {
  organisation: OrganisationRef;
  summary: string;
  competences: string[];
  arenaIds: ArenaId[];
  version: number;
  updatedAt: string;
  /** Declared interest in the opportunity asked about (false when none was asked about). */
  interested: boolean;
};

export type CapabilityProfileView = CapabilityProfileSummary & {
  references: CapabilityReference[];
  publishedAt: string;
  shown: { version: number; at: string };
  versions: { version: number; at: string }[];
  /** Set when the organisation was merged into another: this profile is kept readable as history, and the survivor's stands. */
  supersededBy: OrganisationRef | null;
  /** Profiles of organisations merged into this one, kept readable as history. */
  mergedProfiles: OrganisationRef[];
  viewer: { canEdit: boolean };
};

export type OpportunitySummary = {
  id: string;
  source: 'facility' | 'dialogue';
  title: string;
  facility: string | null;
  dialogueId: string | null;
  arenaId: ArenaId;
  expectedAt: string | null;
  publishedAt: string;
  interestedCount: number;
  /** The version now shown: 1 until it is first edited. */
  version: number;
  /** Why and when it was withdrawn; null while it is open. */
  withdrawal: { at: string; reason: string } | null;
};

/** The fields of an opportunity an edit may change. */
export type OpportunityField = 'title' | 'facility' | 'description' | 'arenaId' | 'expectedAt';

/** One edit: what each changed field was and became, and the editor's note. */
export type OpportunityRevision = {
  version: number;
  at: string;
  note: string;
  changes: { field: OpportunityField; before: string | null; after: string | null }[];
};

export type ConsortiumSummary = {
  id: string;
  name: string;
  opportunity: { id: string; title: string };
  lead: OrganisationRef;
  visibility: ConsortiumVisibility;
  /** Confirmed organisations, the lead included: an invitation not yet confirmed does not count. */
  confirmedCount: number;
  invitedCount: number;
  createdAt: string;
};

export type OpportunityView = OpportunitySummary & {
  description: string;
  interested: { organisation: OrganisationRef; note: string; at: string }[];
  consortia: ConsortiumSummary[];
  /** Every edit, newest first; empty while it was never edited. */
  revisions: OpportunityRevision[];
  viewer: {
    /** Its publishing buyer organisation's verified buyers (or moderators, for one a moderator published) edit and withdraw it while open. */
    canEdit: boolean;
    /** The organisation acted for, when its admin may act here: declare interest, form a consortium. */
    actsAs: OrganisationRef | null;
    interested: boolean;
    canDeclareInterest: boolean;
    canFormConsortium: boolean;
  };
};

export type ConsortiumMemberView = {
  organisation: OrganisationRef;
  role: 'lead' | 'member';
  status: ConsortiumMemberStatus;
  /** The visibility this member chose; null while only invited. */
  choice: ConsortiumVisibility | null;
  invitedAt: string;
  decidedAt: string | null;
};

export type ConsortiumHistoryEntry = {
  at: string;
  organisation: OrganisationRef;
  action: 'formed' | 'invited' | 'confirmed' | 'declined' | 'left' | 'removed' | 'visibility-chosen' | 'merged';
  /**
   * Given with a removal or when leaving; the visibility chosen for formed, confirmed and
   * visibility-chosen; for merged (the organisation was merged into another), the survivor's name.
   */
  detail: string;
};

export type ConsortiumView = ConsortiumSummary & {
  members: ConsortiumMemberView[];
  history: ConsortiumHistoryEntry[];
  viewer: {
    actsAs: OrganisationRef | null;
    status: ConsortiumMemberStatus | null;
    isLead: boolean;
    choice: ConsortiumVisibility | null;
    canConfirm: boolean;
    canLeave: boolean;
    canRemove: boolean;
    canInvite: boolean;
    canChooseVisibility: boolean;
  };
};

export type ConsortiaArenaView = {
  opportunities: OpportunitySummary[];
  /** Public consortia of the arena's opportunities only. */
  consortia: ConsortiumSummary[];
  viewer: { canPublishOpportunity: boolean };
};

export type MyConsortiaView = {
  actsAs: OrganisationRef | null;
  /** Whether the acting person may keep the organisation's profile and act in consortia (an admin of a supplier or research organisation). */
  canAct: boolean;
  profile: CapabilityProfileSummary | null;
  invitations: ConsortiumSummary[];
  consortia: (ConsortiumSummary & { status: ConsortiumMemberStatus })[];
};
