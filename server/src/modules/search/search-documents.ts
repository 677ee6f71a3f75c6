// What the search index holds for each dialogue and post. Authors are left out on purpose: search
// must not become a way around the askers' pseudonyms.
import type { SearchDocument } from '../../platform/search/search-index.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import type { PostDocument, ThreadDocument } from '../threads/documents.ts';

export function dialogueSearchDocument(dialogue: DialogueDocument): SearchDocument {
  return {
    id: `dialogue:${dialogue._id}`,
    kind: 'dialogue',
    dialogueId: dialogue._id,
    threadId: null,
    arenaId: dialogue.arenaId,
    visibility: dialogue.visibility,
    title: dialogue.title,
    body: dialogue.description,
    createdAt: dialogue.createdAt,
  };
}

export function postSearchDocument(post: PostDocument, thread: ThreadDocument, dialogue: DialogueDocument): SearchDocument {
  return {
    id: `post:${post._id}`,
    kind: post.kind,
    dialogueId: dialogue._id,
    threadId: thread._id,
    arenaId: dialogue.arenaId,
    visibility: dialogue.visibility,
    title: thread.title,
    body: post.body,
    createdAt: post.createdAt,
  };
}
