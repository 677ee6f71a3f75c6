// What the search index holds for each dialogue and post. Authors are left out on purpose: search
// must not become a way around the askers' pseudonyms. The names of a dialogue's or an answer's
// files are part of its text (the caller passes only names everyone who sees it may read).
import type { SearchDocument } from '../../platform/search/search-index.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import type { PostDocument, ThreadDocument } from '../threads/documents.ts';

/** What every document of a dialogue carries about it, to filter and count by. */
function dialogueFacts(dialogue: DialogueDocument) {
  return {
    dialogueId: dialogue._id,
    arenaId: dialogue.arenaId,
    visibility: dialogue.visibility,
    buyerOrganisationIds: [...dialogue.ownerOrganisationIds],
    phase: dialogue.phase,
  };
}

export function dialogueSearchDocument(dialogue: DialogueDocument, attachmentNames: string[]): SearchDocument {
  const id = `dialogue:${dialogue._id}`;
  return {
    id,
    kind: 'dialogue',
    group: id,
    threadId: null,
    ...dialogueFacts(dialogue),
    answered: false,
    title: dialogue.title,
    body: withNames(dialogue.description, attachmentNames),
    createdAt: dialogue.createdAt,
  };
}

export function postSearchDocument(post: PostDocument, thread: ThreadDocument, dialogue: DialogueDocument, attachmentNames: string[]): SearchDocument {
  const id = `post:${post._id}`;
  // A question and its answers are one result; a comment stands alone.
  const group = post.kind === 'comment' ? id : `thread:${thread._id}`;
  return {
    id,
    kind: post.kind,
    group,
    threadId: thread._id,
    ...dialogueFacts(dialogue),
    answered: post.kind !== 'comment' && thread.answered,
    title: thread.title,
    body: withNames(post.body, attachmentNames),
    createdAt: post.createdAt,
  };
}

function withNames(text: string, names: string[]): string {
  return names.length === 0 ? text : `${text}\n\n${names.join('\n')}`;
}
