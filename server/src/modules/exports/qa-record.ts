// What every export is made of: the dialogue as the requester may see it (NOT_FOUND, as for a
// missing one, if they may not) and its published questions and answers as the public sees them.
import type { AuthorView, DialogueView, PostView } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { getDialogue } from '../dialogues/queries.ts';
import { publicRecordThreads, type RecordThread } from '../threads/record-queries.ts';
import type { RecordTexts } from './record-texts.ts';

export type QaRecord = {
  dialogue: DialogueView;
  /** Published threads, oldest publication first; numbered from 1 in that order in every format. */
  threads: RecordThread[];
  exportedAt: string;
  /** The last moment anything in the record was published, edited, corrected, hidden or locked. */
  lastChangedAt: string;
};

export async function readQaRecord(store: DocumentStore, clock: Clock, actor: Actor | null, dialogueId: string): Promise<QaRecord> {
  const dialogue = await getDialogue(store, clock, actor, dialogueId);
  const threads = await publicRecordThreads(store, actor, dialogueId);
  return { dialogue, threads, exportedAt: clock.now().toISOString(), lastChangedAt: lastChange(dialogue, threads) };
}

function lastChange(dialogue: DialogueView, threads: RecordThread[]): string {
  const moments = [dialogue.createdAt];
  for (const thread of threads) {
    if (thread.publishedAt) moments.push(thread.publishedAt);
    if (thread.locked) moments.push(thread.locked.at);
    for (const post of [thread.question, ...thread.answers, ...thread.comments]) {
      moments.push(post.editedAt ?? post.createdAt);
      if (post.hidden) moments.push(post.hidden.at);
    }
  }
  return moments.reduce((latest, moment) => (moment > latest ? moment : latest));
}

/**
 * Who wrote a post, for the record: a supplier by pseudonym, the buyers by their organisation. Never
 * a person's name: the record is built for the public audience, and even a view that named someone
 * would be written here by pseudonym or organisation only.
 */
export function recordAuthor(author: AuthorView, texts: RecordTexts): string {
  if (author.kind === 'pseudonym') return texts.supplier(author.label);
  if (author.pseudonym !== null) return texts.supplier(author.pseudonym);
  return texts.buyer(author.organisationName);
}

/** The names of an answer's files as the record lists them: removed ones left out, later additions marked. */
export function recordAttachmentNames(post: PostView, texts: RecordTexts): string[] {
  return post.attachments.flatMap((file) => {
    if (file.removed || file.name === null) return [];
    return [file.addition ? texts.attachedLater(file.name, texts.dateTime(file.addedAt)) : file.name];
  });
}
