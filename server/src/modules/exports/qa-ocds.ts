// The record as an Open Contracting Data Standard 1.1 release using the enquiries extension
// (`tender.enquiries`): one enquiry per published question, with its current official answer. The
// asker is an organisation reference to a party that is only the pseudonym ("Leverantör A", role
// `enquirer`): OCDS wants an author, the record must not say who it is. The buyers are parties by
// name. Comments and earlier versions of corrected answers have no place in an enquiry; they are in
// the PDF and the CSV.
//
// The download is a release package around that release: OCDS publishes releases in packages, and the
// package's `publisher` is where OCDS names who publishes the data — the operating agency.
import type { PostView } from '@dialogforum/contracts';
import type { OperatorConfig } from '../../config.ts';
import type { RecordThread } from '../threads/record-queries.ts';
import { recordAuthor, type QaRecord } from './qa-record.ts';
import type { RecordTexts } from './record-texts.ts';

type OrganizationReference = { id: string; name: string };
type Party = OrganizationReference & { roles: string[] };

export type OcdsEnquiry = {
  id: string;
  date: string;
  author: OrganizationReference;
  title: string;
  description: string;
  answer: string | null;
  dateAnswered: string | null;
};

export type OcdsRelease = {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
  language: string;
  parties: Party[];
  buyer: OrganizationReference | undefined;
  tender: {
    id: string;
    title: string;
    description: string;
    enquiryPeriod: { endDate: string };
    hasEnquiries: boolean;
    enquiries: OcdsEnquiry[];
  };
};

export type OcdsReleasePackage = {
  uri: string;
  version: '1.1';
  publishedDate: string;
  publisher: { name: string; scheme?: string; uid?: string; uri?: string };
  releases: OcdsRelease[];
};

/**
 * The release in a package published by the operator. A Swedish organisation number is an identifier
 * in org-id.guide's list SE-BLV (Bolagsverket); without one the publisher is named only.
 */
export function qaOcdsReleasePackage(release: OcdsRelease, operator: OperatorConfig, uri: string, publishedDate: string): OcdsReleasePackage {
  const publisher = {
    name: operator.name,
    ...(operator.organisationNumber ? { scheme: 'SE-BLV', uid: operator.organisationNumber.replace('-', '') } : {}),
    ...(operator.website ? { uri: operator.website } : {}),
  };
  return { uri, version: '1.1', publishedDate, publisher, releases: [release] };
}

/** Before the tender phase a dialogue is market research, which OCDS counts as planning. */
const PLANNING_PHASES = new Set(['needs-analysis', 'market-dialogue']);

export function qaOcdsRelease(record: QaRecord, texts: RecordTexts, ocidPrefix: string): OcdsRelease {
  const { dialogue } = record;
  const buyers: Party[] = dialogue.owners.map((owner) => ({ id: `buyer-${owner.id}`, name: owner.name, roles: ['buyer'] }));
  const enquirers = new Map<string, Party>();
  const enquiries = record.threads.map((thread) => {
    const name = recordAuthor(thread.question.author, texts);
    const author = enquirers.get(name) ?? { id: `enquirer-${enquirers.size + 1}`, name, roles: ['enquirer'] };
    enquirers.set(name, author);
    return enquiry(thread, { id: author.id, name: author.name }, texts);
  });
  return {
    ocid: `${ocidPrefix}-${dialogue.id}`,
    // A release id names one state of what it describes: the dialogue's change counter does.
    id: `${dialogue.id}-qa-${dialogue.change}`,
    date: record.lastChangedAt,
    tag: [PLANNING_PHASES.has(dialogue.phase) ? 'planningUpdate' : 'tenderUpdate'],
    initiationType: 'tender',
    language: texts.language,
    parties: [...buyers, ...enquirers.values()],
    buyer: buyers[0] && { id: buyers[0].id, name: buyers[0].name },
    tender: {
      id: dialogue.id,
      title: dialogue.title,
      description: dialogue.description,
      enquiryPeriod: { endDate: dialogue.questionDeadline },
      hasEnquiries: enquiries.length > 0,
      enquiries,
    },
  };
}

function enquiry(thread: RecordThread, author: OrganizationReference, texts: RecordTexts): OcdsEnquiry {
  const official = thread.answers.filter((answer) => answer.official);
  return {
    id: thread.id,
    date: thread.question.createdAt,
    author,
    title: thread.title ?? texts.hiddenQuestion,
    description: shownText(thread.question, texts),
    answer: official.length > 0 ? official.map((answer) => shownText(answer, texts)).join('\n\n') : null,
    dateAnswered: official[0]?.createdAt ?? null,
  };
}

/** A post's text, or for a hidden post when and why it was hidden. */
function shownText(post: PostView, texts: RecordTexts): string {
  return post.hidden ? texts.hidden(texts.dateTime(post.hidden.at), post.hidden.reason) : (post.body ?? '');
}
