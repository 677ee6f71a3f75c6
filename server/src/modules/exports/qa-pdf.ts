// The record as a PDF document, "Frågor och svar", for the procurement's files: a title page with
// the dialogue's facts and what the document holds, then every published question numbered in the
// order it was published, with its official answers (a corrected answer as it stands and every
// version with its note), its comments, and hidden posts as hidden with the reason. Every page
// carries the export date and its number.
import type { PostView } from '@dialogforum/contracts';
import type { OperatorConfig } from '../../config.ts';
import type { AnswerVersion, RecordThread } from '../threads/record-queries.ts';
import { dialogueFacts } from './dialogue-facts.ts';
import { BODY_SIZE, DETAIL_SIZE, PdfCanvas } from './pdf-canvas.ts';
import { drawMarkdown } from './pdf-markdown.ts';
import { recordAttachmentNames, recordAuthor, type QaRecord } from './qa-record.ts';
import type { RecordTexts } from './record-texts.ts';

/** Threads drawn between two turns of the event loop: a long record must not stall live sockets. */
const THREADS_PER_TURN = 10;

export async function qaPdf(record: QaRecord, texts: RecordTexts, operator: OperatorConfig): Promise<Buffer> {
  const { dialogue } = record;
  const exportedAt = texts.dateTime(record.exportedAt);
  const canvas = new PdfCanvas({
    title: `${texts.title} – ${dialogue.title}`,
    subject: texts.contents,
    language: texts.language,
    createdAt: new Date(record.exportedAt),
    author: operator.name,
  });

  drawTitlePage(canvas, record, texts, exportedAt, operator);
  canvas.newPage();
  canvas.paragraph([{ text: texts.contents, bold: true }], { structure: 'H2', size: 16, gap: 12 });
  if (record.threads.length === 0) canvas.paragraph([{ text: texts.noQuestions }]);
  for (const [index, thread] of record.threads.entries()) {
    if (index > 0 && index % THREADS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    canvas.group('Sect', () => drawThread(canvas, thread, index + 1, texts));
  }

  canvas.footers(`${operator.name} · ${texts.exportedOn(exportedAt)} · ${texts.title} – ${dialogue.title}`, texts.page);
  return canvas.finish();
}

function drawTitlePage(canvas: PdfCanvas, record: QaRecord, texts: RecordTexts, exportedAt: string, operator: OperatorConfig): void {
  canvas.space(40);
  canvas.paragraph([{ text: texts.title, bold: true }], { structure: 'H1', size: 28, gap: 10 });
  canvas.paragraph([{ text: record.dialogue.title }], { size: 16, gap: 24 });
  for (const fact of dialogueFacts(record.dialogue, texts)) {
    canvas.paragraph([{ text: `${fact.label}: `, bold: true }, { text: fact.value }], { gap: 4 });
  }
  canvas.space(16);
  canvas.paragraph([{ text: texts.intro(record.threads.length) }], { gap: 10 });
  canvas.paragraph([{ text: `${texts.exportedAt(exportedAt)}. ${texts.timeZone}` }], { muted: true, size: DETAIL_SIZE, gap: 4 });
  // The agency whose record this is, and how to reach it: the document may travel far from the site.
  const contact = [operator.organisationNumber && `org.nr ${operator.organisationNumber}`, operator.postalAddress, operator.email, operator.website];
  canvas.paragraph([{ text: [texts.operatedBy(operator.name), ...contact].filter(Boolean).join(' · ') }], { muted: true, size: DETAIL_SIZE });
}

function drawThread(canvas: PdfCanvas, thread: RecordThread, number: number, texts: RecordTexts): void {
  const { question } = thread;
  canvas.keepTogether(90);
  canvas.paragraph([{ text: `${texts.question(number)}: `, bold: true }, { text: thread.title ?? texts.hiddenQuestion, bold: true }], {
    structure: 'H3',
    size: 13,
    gap: 3,
  });
  const details = [
    recordAuthor(question.author, texts),
    `${texts.asked} ${texts.dateTime(question.createdAt)}`,
    thread.publishedAt && thread.publishedAt !== question.createdAt ? `${texts.published} ${texts.dateTime(thread.publishedAt)}` : null,
    question.editedAt ? `${texts.edited} ${texts.dateTime(question.editedAt)}` : null,
  ];
  canvas.paragraph([{ text: details.filter(Boolean).join(' · ') }], { muted: true, size: DETAIL_SIZE, gap: 4 });
  drawBody(canvas, question, texts);

  for (const answer of thread.answers) drawAnswer(canvas, answer, thread.answerVersions[answer.id] ?? [], texts);

  if (thread.comments.length > 0) {
    canvas.keepTogether(50);
    canvas.paragraph([{ text: texts.comments, bold: true }], { structure: 'H4', indent: 14, gap: 3 });
    for (const comment of thread.comments) {
      const edited = comment.editedAt ? ` · ${texts.edited} ${texts.dateTime(comment.editedAt)}` : '';
      canvas.paragraph([{ text: `${recordAuthor(comment.author, texts)} · ${texts.dateTime(comment.createdAt)}${edited}` }], {
        muted: true,
        size: DETAIL_SIZE,
        indent: 14,
        gap: 2,
      });
      drawBody(canvas, comment, texts, 1);
    }
  }
  if (thread.locked) canvas.paragraph([{ text: texts.locked(texts.dateTime(thread.locked.at), thread.locked.reason), italic: true }]);
  canvas.rule();
}

function drawAnswer(canvas: PdfCanvas, answer: PostView, versions: AnswerVersion[], texts: RecordTexts): void {
  const author = recordAuthor(answer.author, texts);
  canvas.keepTogether(50);
  canvas.paragraph([{ text: answer.official ? texts.officialAnswer(author) : texts.answer(author), bold: true }], {
    structure: 'H4',
    indent: 14,
    gap: 2,
  });
  const details = [`${texts.published} ${texts.dateTime(answer.createdAt)}`];
  if (answer.corrected && answer.editedAt) details.push(texts.correctedAt(texts.dateTime(answer.editedAt), answer.versionCount, answer.versionCount));
  canvas.paragraph([{ text: details.join(' · ') }], { muted: true, size: DETAIL_SIZE, indent: 14, gap: 3 });
  drawBody(canvas, answer, texts, 1);
  const files = recordAttachmentNames(answer, texts);
  if (files.length > 0) canvas.paragraph([{ text: texts.attachments(files) }], { muted: true, size: DETAIL_SIZE, indent: 14, gap: 3 });
  if (versions.length < 2) return;

  canvas.group('Sect', () => {
    canvas.paragraph([{ text: texts.versionHistory, bold: true }], { structure: 'H5', indent: 28, size: BODY_SIZE - 1, gap: 2 });
    versions.forEach((version, index) => {
      canvas.paragraph([{ text: texts.version(index + 1, texts.dateTime(version.at)), bold: true }], { muted: true, size: DETAIL_SIZE, indent: 28, gap: 1 });
      if (version.note) canvas.paragraph([{ text: texts.correctionNote(version.note), italic: true }], { muted: true, size: DETAIL_SIZE, indent: 28, gap: 2 });
      drawMarkdown(canvas, version.body, { indent: 2, muted: true });
    });
  });
}

/** A post's text, or for a hidden post when and why it was hidden (never what). */
function drawBody(canvas: PdfCanvas, post: PostView, texts: RecordTexts, indent = 0): void {
  if (post.hidden || post.body === null) {
    const hidden = post.hidden ? texts.hidden(texts.dateTime(post.hidden.at), post.hidden.reason) : '';
    canvas.paragraph([{ text: hidden, italic: true }], { indent: indent * 14 });
    return;
  }
  drawMarkdown(canvas, post.body, { indent });
}
