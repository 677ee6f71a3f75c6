// The record as CSV: one row per post (question, official answers, comments) in the order of the
// PDF, numbered by question. Headings and words in the record's language; dates in ISO 8601 (UTC),
// as a spreadsheet or a script reads them. A hidden post has no text, only when and why it was hidden.
// The last column names the operating agency on every row (export-publisher.ts says why a column).
import type { PostView } from '@dialogforum/contracts';
import type { OperatorConfig } from '../../config.ts';
import { csvText } from './csv-text.ts';
import { publisherCell } from './export-publisher.ts';
import { recordAttachmentNames, recordAuthor, type QaRecord } from './qa-record.ts';
import type { RecordTexts } from './record-texts.ts';
import type { RecordThread } from '../threads/record-queries.ts';

type Row = { number: number; thread: RecordThread; post: PostView; texts: RecordTexts; publisher: string };

const yesNo = (value: boolean, texts: RecordTexts) => (value ? texts.yes : texts.no);
const currentNote = ({ thread, post }: Row) => thread.answerVersions[post.id]?.at(-1)?.note ?? '';

/** One line a column: its heading in each language and its value for a row. */
const COLUMNS: { heading: Record<RecordTexts['language'], string>; value: (row: Row) => string }[] = [
  { heading: { sv: 'Fråga nr', en: 'Question no.' }, value: ({ number }) => String(number) },
  { heading: { sv: 'Fråge-id', en: 'Question id' }, value: ({ thread }) => thread.id },
  { heading: { sv: 'Inläggs-id', en: 'Post id' }, value: ({ post }) => post.id },
  { heading: { sv: 'Typ', en: 'Kind' }, value: ({ post, texts }) => texts.postKind[post.kind] },
  { heading: { sv: 'Officiellt svar', en: 'Official answer' }, value: ({ post, texts }) => yesNo(post.official, texts) },
  { heading: { sv: 'Skrivet av', en: 'Written by' }, value: ({ post, texts }) => recordAuthor(post.author, texts) },
  { heading: { sv: 'Rubrik', en: 'Title' }, value: ({ thread, post }) => (post.kind === 'question' ? (thread.title ?? '') : '') },
  { heading: { sv: 'Text', en: 'Text' }, value: ({ post }) => post.body ?? '' },
  { heading: { sv: 'Skrivet', en: 'Written' }, value: ({ post }) => post.createdAt },
  { heading: { sv: 'Publicerad', en: 'Published' }, value: ({ thread, post }) => (post.kind === 'question' ? (thread.publishedAt ?? '') : post.createdAt) },
  { heading: { sv: 'Senast ändrad', en: 'Last changed' }, value: ({ post }) => post.editedAt ?? '' },
  { heading: { sv: 'Versioner', en: 'Versions' }, value: ({ post }) => String(post.versionCount) },
  { heading: { sv: 'Rättat', en: 'Corrected' }, value: ({ post, texts }) => yesNo(post.corrected, texts) },
  { heading: { sv: 'Anteckning om rättelsen', en: 'Note on the correction' }, value: (row) => (row.post.corrected ? currentNote(row) : '') },
  { heading: { sv: 'Dold', en: 'Hidden' }, value: ({ post }) => post.hidden?.at ?? '' },
  { heading: { sv: 'Skäl att dölja', en: 'Reason for hiding' }, value: ({ post }) => post.hidden?.reason ?? '' },
  { heading: { sv: 'Bilagor', en: 'Attachments' }, value: ({ post, texts }) => recordAttachmentNames(post, texts).join('; ') },
  { heading: { sv: 'Utgivare', en: 'Publisher' }, value: ({ publisher }) => publisher },
];

export function qaCsv(record: QaRecord, texts: RecordTexts, operator: OperatorConfig): string {
  const publisher = publisherCell(operator);
  const rows = record.threads.flatMap((thread, index) =>
    [thread.question, ...thread.answers, ...thread.comments].map((post) => ({ number: index + 1, thread, post, texts, publisher })),
  );
  return csvText([COLUMNS.map((column) => column.heading[texts.language]), ...rows.map((row) => COLUMNS.map((column) => column.value(row)))]);
}
