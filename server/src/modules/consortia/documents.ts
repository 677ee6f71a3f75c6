import { createHash } from 'node:crypto';
import type { ArenaId, CapabilityReference, ConsortiumHistoryEntry, ConsortiumMemberStatus, ConsortiumVisibility, OpportunityRevision } from '@dialogforum/contracts';

/** An organisation's capability profile as it stands now (its id is the organisation's). */
export type CapabilityProfileDocument = {
  _id: string; // the organisation's id
  summary: string;
  competences: string[];
  /** The competences lower-cased, for finding partners by competence. */
  competenceKeys: string[];
  references: CapabilityReference[];
  arenaIds: ArenaId[];
  version: number;
  publishedAt: string;
  updatedAt: string;
  /**
   * Set when the organisation was merged into another (consortia/merge-processor.ts): the profile
   * stays readable, with its versions, as history, and is no longer found in partner search.
   */
  supersededBy?: { organisationId: string; at: string; by: string } | null;
};

/** One saved version of a profile, never changed or deleted. */
export type CapabilityProfileVersionDocument = {
  _id: string; // profileVersionId(organisationId, version)
  organisationId: string;
  version: number;
  summary: string;
  competences: string[];
  references: CapabilityReference[];
  arenaIds: ArenaId[];
  at: string;
  by: string;
};

/**
 * Something to form a consortium for: a research facility's upcoming procurement, or an existing
 * dialogue (then who sees it, and who its buyers are, follow the dialogue as it is now).
 */
export type OpportunityDocument = {
  _id: string;
  source: 'facility' | 'dialogue';
  /** The dialogue it is, for `source: 'dialogue'` (one opportunity per dialogue). */
  dialogueId: string | null;
  title: string;
  facility: string | null;
  description: string;
  arenaId: ArenaId;
  expectedAt: string | null;
  /** The buyer organisation that published a facility's procurement; empty when a moderator did. */
  buyerOrganisationIds: string[];
  publishedBy: string;
  publishedAt: string;
  /** Raised by every edit and asked for in its filter; absent on one never edited (version 1). */
  version?: number;
  /** Set once, when it is withdrawn; it stays readable as withdrawn. */
  withdrawal?: { at: string; by: string; reason: string } | null;
};

/** One edit of an opportunity, never changed or deleted: what changed, from what, and why. */
export type OpportunityRevisionDocument = OpportunityRevision & {
  _id: string; // opportunityRevisionId(opportunityId, version)
  opportunityId: string;
  by: string;
};

/** An organisation's declared interest in an opportunity. Withdrawing keeps the document, `interested: false`. */
export type InterestDocument = {
  _id: string; // interestId(opportunityId, organisationId)
  opportunityId: string;
  organisationId: string;
  interested: boolean;
  note: string;
  at: string;
  by: string;
  /** Why it was closed when no one of its organisation withdrew it: the organisation was merged into another. */
  closed?: { reason: 'merged'; intoOrganisationId: string; at: string; by: string } | null;
};

export type ConsortiumMember = {
  organisationId: string;
  role: 'lead' | 'member';
  status: ConsortiumMemberStatus;
  /** The visibility this member agreed to; null while only invited. */
  choice: ConsortiumVisibility | null;
  invitedAt: string;
  invitedBy: string;
  decidedAt: string | null;
};

/** What happened, by whom (a person, for their own data export) for which organisation. */
export type ConsortiumHistoryRecord = { at: string; by: string; organisationId: string; action: ConsortiumHistoryEntry['action']; detail: string };

export type ConsortiumDocument = {
  _id: string;
  opportunityId: string;
  /** The opportunity's arena, kept here so an arena's public consortia are found by index. */
  arenaId: ArenaId;
  name: string;
  leadOrganisationId: string;
  /** Public only while every confirmed member chose public; kept in step by every command. */
  visibility: ConsortiumVisibility;
  members: ConsortiumMember[];
  history: ConsortiumHistoryRecord[];
  createdBy: string;
  createdAt: string;
  /** Raised by every change, and asked for in its filter: two changes made at once cannot both apply. */
  revision: number;
};

export const CAPABILITY_PROFILES = 'capabilityProfiles';
export const CAPABILITY_PROFILE_VERSIONS = 'capabilityProfileVersions';
export const OPPORTUNITIES = 'consortiumOpportunities';
export const INTERESTS = 'consortiumInterests';
export const CONSORTIA = 'consortia';
export const OPPORTUNITY_REVISIONS = 'consortiumOpportunityRevisions';

export function opportunityRevisionId(opportunityId: string, version: number): string {
  return `${opportunityId}:${version}`;
}

export function profileVersionId(organisationId: string, version: number): string {
  return `${organisationId}:${version}`;
}

export function interestId(opportunityId: string, organisationId: string): string {
  return `${opportunityId}:${organisationId}`;
}

/** One opportunity per dialogue: its id is derived, so opening it twice at once cannot make two. */
export function dialogueOpportunityId(dialogueId: string): string {
  // Hashed, so any dialogue id (up to the 40 characters `idSchema` allows) gives an id of the same shape.
  return `dlg-${createHash('sha256').update(dialogueId).digest('base64url').slice(0, 32)}`;
}

/**
 * A consortium is public only while the lead and every confirmed member chose public: any one of
 * them keeps it to the buyer. Invited, declined, left and removed organisations have no say.
 */
export function visibilityOf(members: ConsortiumMember[]): ConsortiumVisibility {
  const confirmed = members.filter((member) => member.status === 'confirmed');
  return confirmed.length > 0 && confirmed.every((member) => member.choice === 'public') ? 'public' : 'buyer';
}
