// What the OCDS 1.1 release schema (release-schema.json, 1.1.5) and its enquiries extension
// (ocds_enquiry_extension, release-schema.json) require of the fields the JSON export emits, written
// out as a zod schema: required fields, types, date-time formats, closed codelists and the open
// codelists' codes. Strict objects: a field the schema does not define fails here, so the export
// cannot drift into fields of our own. The schema itself is not on npm; the rules were checked
// against its text field by field.
import { z } from 'zod';

const dateTime = z.iso.datetime({ offset: true });
const nullableString = z.string().nullable();

/** releaseTag.csv (open codelist; these are its codes). */
const RELEASE_TAGS = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
  'compiled',
] as const;

/** partyRole.csv (open codelist; these are its codes). */
const PARTY_ROLES = ['buyer', 'procuringEntity', 'supplier', 'tenderer', 'funder', 'enquirer', 'payer', 'payee', 'reviewBody', 'interestedParty'] as const;

/** OrganizationReference as 1.1 wants it outside `parties`: id and name only (the rest is deprecated there). */
const organizationReference = z.strictObject({ id: z.string(), name: z.string().min(1).nullable() });

const organization = z.strictObject({
  id: z.string(),
  name: nullableString,
  roles: z.array(z.enum(PARTY_ROLES)).nullable(),
});

const period = z.strictObject({
  startDate: dateTime.nullable().optional(),
  endDate: dateTime.nullable().optional(),
  maxExtentDate: dateTime.nullable().optional(),
  durationInDays: z.number().int().nullable().optional(),
});

/** Enquiry (enquiries extension): only `id` is required. */
const enquiry = z.strictObject({
  id: z.string(),
  date: dateTime.nullable().optional(),
  author: organizationReference.optional(),
  title: nullableString.optional(),
  description: nullableString.optional(),
  answer: nullableString.optional(),
  dateAnswered: dateTime.nullable().optional(),
  relatedItem: nullableString.optional(),
  relatedLot: nullableString.optional(),
  threadID: nullableString.optional(),
});

export const ocdsRelease = z.strictObject({
  ocid: z.string().min(1),
  // The release id must not contain the number sign.
  id: z.string().min(1).regex(/^[^#]*$/),
  date: dateTime,
  tag: z.array(z.enum(RELEASE_TAGS)).min(1),
  initiationType: z.literal('tender'),
  language: nullableString.optional(),
  parties: z.array(organization).optional(),
  buyer: organizationReference.optional(),
  tender: z.strictObject({
    id: z.string().min(1),
    title: nullableString.optional(),
    description: nullableString.optional(),
    enquiryPeriod: period.optional(),
    hasEnquiries: z.boolean().nullable().optional(),
    enquiries: z.array(enquiry).optional(),
  }),
});

export type OcdsReleaseShape = z.infer<typeof ocdsRelease>;

/** release-package-schema.json (1.1): what a published file of releases must be, publisher included. */
export const ocdsReleasePackage = z.strictObject({
  uri: z.url(),
  version: z.literal('1.1'),
  publishedDate: dateTime,
  publisher: z.strictObject({ name: z.string().min(1), scheme: z.string().optional(), uid: z.string().optional(), uri: z.url().optional() }),
  releases: z.array(ocdsRelease).min(1),
  license: z.url().optional(),
  publicationPolicy: z.url().optional(),
});

/**
 * What the schema says in words rather than types: organisation references name an entry of
 * `parties` (same id and name), an enquiry's author has the role `enquirer`, ids are unique.
 */
export function crossReferenceProblems(release: OcdsReleaseShape): string[] {
  const problems: string[] = [];
  const parties = new Map((release.parties ?? []).map((party) => [party.id, party]));
  if (parties.size !== (release.parties ?? []).length) problems.push('party ids are not unique');
  const references = [
    ...(release.buyer ? [{ where: 'buyer', reference: release.buyer, role: 'buyer' }] : []),
    ...(release.tender.enquiries ?? []).flatMap((enquiry) => (enquiry.author ? [{ where: `enquiry ${enquiry.id}`, reference: enquiry.author, role: 'enquirer' }] : [])),
  ];
  for (const { where, reference, role } of references) {
    const party = parties.get(reference.id);
    if (!party) problems.push(`${where}: no party ${reference.id}`);
    else if (party.name !== reference.name) problems.push(`${where}: name differs from party ${reference.id}`);
    else if (!party.roles?.includes(role as (typeof PARTY_ROLES)[number])) problems.push(`${where}: party ${reference.id} lacks role ${role}`);
  }
  const enquiryIds = (release.tender.enquiries ?? []).map((enquiry) => enquiry.id);
  if (new Set(enquiryIds).size !== enquiryIds.length) problems.push('enquiry ids are not unique');
  return problems;
}
