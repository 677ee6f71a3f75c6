// The words of the exports, in Swedish and English. The record states its time zone: a procurement's
// dates are Swedish dates, whoever downloads the record and wherever they are.
import { ARENAS, type Language, type Phase, type QaMode } from '@dialogforum/contracts';

export const RECORD_TIME_ZONE = 'Europe/Stockholm';

export type RecordTexts = {
  language: Language;
  /** The document's title and the start of its file names. */
  title: string;
  intro(published: number): string;
  contents: string;
  timeZone: string;
  exportedAt(at: string): string;
  /** The same, short, for page footers. */
  exportedOn(at: string): string;
  /** Who runs the service the record comes from: the operating agency (OPERATOR_* settings). */
  operatedBy(operator: string): string;
  page(number: number, total: number): string;
  noQuestions: string;
  question(number: number): string;
  hiddenQuestion: string;
  supplier(label: string): string;
  buyer(organisation: string): string;
  asked: string;
  published: string;
  edited: string;
  officialAnswer(author: string): string;
  answer(author: string): string;
  correctedAt(at: string, version: number, versions: number): string;
  versionHistory: string;
  version(number: number, at: string): string;
  correctionNote(note: string): string;
  comments: string;
  hidden(at: string, reason: string): string;
  locked(at: string, reason: string): string;
  /** An answer's files (the names; the files themselves are downloaded from the dialogue's page). */
  attachments(names: string[]): string;
  /** A file added to an answer after it was published. */
  attachedLater(name: string, at: string): string;
  postKind: Record<'question' | 'answer' | 'comment', string>;
  yes: string;
  no: string;
  phase: Record<Phase, string>;
  qaMode: Record<QaMode, string>;
  visibility: Record<'public' | 'registered', string>;
  /** A moment as people read it, in RECORD_TIME_ZONE. */
  dateTime(iso: string): string;
  /** A day, for file names: 2026-03-01 in either language. */
  day(iso: string): string;
  arena(id: string): string;
};

function dateTimeFormat(locale: string) {
  const format = new Intl.DateTimeFormat(locale, { timeZone: RECORD_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
  return (iso: string) => format.format(new Date(iso));
}

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: RECORD_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const day = (iso: string) => dayFormat.format(new Date(iso));
const arena = (language: Language) => (id: string) => ARENAS.find((candidate) => candidate.id === id)?.name[language] ?? id;

const sv: RecordTexts = {
  language: 'sv',
  title: 'Frågor och svar',
  intro: (published) =>
    `Det här dokumentet innehåller ${published === 1 ? 'den fråga' : `de ${published} frågor`} som publicerats i dialogen, med datum, ` +
    'varje version av de officiella svaren (rättelser visas som rättelser, med sin anteckning) och kommentarerna. ' +
    'Frågeställare visas med den pseudonym de har i dialogen (Leverantör A, B …), aldrig med namn eller organisation. ' +
    'Frågor som väntar hos beställaren och svar som lämnats enskilt till en frågeställare ingår inte. ' +
    'Ett inlägg som en moderator har dolt visas som dolt, med skälet.',
  contents: 'Publicerade frågor och svar',
  timeZone: 'Tider anges i svensk tid.',
  exportedAt: (at) => `Exporterad ${at} från Dialogforum`,
  exportedOn: (at) => `Exporterad ${at}`,
  operatedBy: (operator) => `Dialogforum drivs av ${operator}`,
  page: (number, total) => `Sida ${number} av ${total}`,
  noQuestions: 'Inga frågor har publicerats i dialogen ännu.',
  question: (number) => `Fråga ${number}`,
  hiddenQuestion: '(Dold fråga)',
  supplier: (label) => `Leverantör ${label}`,
  buyer: (organisation) => `${organisation} (beställare)`,
  asked: 'Ställd',
  published: 'Publicerad',
  edited: 'Redigerad',
  officialAnswer: (author) => `Officiellt svar från ${author}`,
  answer: (author) => `Svar från ${author}`,
  correctedAt: (at, version, versions) => `Rättat ${at} (version ${version} av ${versions})`,
  versionHistory: 'Alla versioner av svaret',
  version: (number, at) => `Version ${number}, ${at}`,
  correctionNote: (note) => `Anteckning om rättelsen: ${note}`,
  comments: 'Kommentarer',
  hidden: (at, reason) => `Dolt av en moderator ${at}. Skäl: ${reason}`,
  locked: (at, reason) => `Tråden låstes ${at}. Skäl: ${reason}`,
  attachments: (names) => `Bilagor: ${names.join(', ')}`,
  attachedLater: (name, at) => `${name} (tillagd i efterhand ${at})`,
  postKind: { question: 'Fråga', answer: 'Svar', comment: 'Kommentar' },
  yes: 'ja',
  no: 'nej',
  phase: {
    'needs-analysis': 'Behovsanalys',
    'market-dialogue': 'Marknadsdialog',
    tender: 'Anbud',
    evaluation: 'Utvärdering',
    contract: 'Avtal och uppföljning',
  },
  qaMode: { open: 'Öppen diskussion', moderated: 'Modererade frågor och svar' },
  visibility: { public: 'Alla', registered: 'Registrerade användare' },
  dateTime: dateTimeFormat('sv-SE'),
  day,
  arena: arena('sv'),
};

const en: RecordTexts = {
  language: 'en',
  title: 'Questions and answers',
  intro: (published) =>
    `This document holds ${published === 1 ? 'the question' : `the ${published} questions`} published in the dialogue, with dates, ` +
    'every version of the official answers (corrections shown as such, with their note) and the comments. ' +
    'Askers are shown by their pseudonym in the dialogue (Supplier A, B …), never by name or organisation. ' +
    'Questions waiting for the buyers and answers given privately to one asker are not included. ' +
    'A post a moderator hid is shown as hidden, with the reason.',
  contents: 'Published questions and answers',
  timeZone: 'Times are Swedish time.',
  exportedAt: (at) => `Exported ${at} from Dialogforum`,
  exportedOn: (at) => `Exported ${at}`,
  operatedBy: (operator) => `Dialogforum is run by ${operator}`,
  page: (number, total) => `Page ${number} of ${total}`,
  noQuestions: 'No question has been published in the dialogue yet.',
  question: (number) => `Question ${number}`,
  hiddenQuestion: '(Hidden question)',
  supplier: (label) => `Supplier ${label}`,
  buyer: (organisation) => `${organisation} (buyer)`,
  asked: 'Asked',
  published: 'Published',
  edited: 'Edited',
  officialAnswer: (author) => `Official answer from ${author}`,
  answer: (author) => `Answer from ${author}`,
  correctedAt: (at, version, versions) => `Corrected ${at} (version ${version} of ${versions})`,
  versionHistory: 'Every version of the answer',
  version: (number, at) => `Version ${number}, ${at}`,
  correctionNote: (note) => `Note on the correction: ${note}`,
  comments: 'Comments',
  hidden: (at, reason) => `Hidden by a moderator ${at}. Reason: ${reason}`,
  locked: (at, reason) => `The thread was locked ${at}. Reason: ${reason}`,
  attachments: (names) => `Attachments: ${names.join(', ')}`,
  attachedLater: (name, at) => `${name} (added later, ${at})`,
  postKind: { question: 'Question', answer: 'Answer', comment: 'Comment' },
  yes: 'yes',
  no: 'no',
  phase: {
    'needs-analysis': 'Needs analysis',
    'market-dialogue': 'Market dialogue',
    tender: 'Tender',
    evaluation: 'Evaluation',
    contract: 'Contract and follow-up',
  },
  qaMode: { open: 'Open discussion', moderated: 'Moderated Q&A' },
  visibility: { public: 'Everyone', registered: 'Registered users' },
  dateTime: dateTimeFormat('en-GB'),
  day,
  arena: arena('en'),
};

export const RECORD_TEXTS: Record<Language, RecordTexts> = { sv, en };
