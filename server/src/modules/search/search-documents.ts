// What the search index holds for each dialogue and post. Authors are left out on purpose: search
// must not become a way around the askers' pseudonyms. The names of a dialogue's or an answer's
// files, and a library item's, are part of its text (the caller passes only names everyone who sees it may read).
import type { SearchDocument } from '../../platform/search/search-index.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import type { SearchableLibraryItem } from '../library/searchable-content.ts';
import type { SearchableMeetingMinutes } from '../meetings/searchable-content.ts';
import type { SearchableHandover } from '../relay/searchable-content.ts';
import type { SearchableLiveQuestion, SearchableMinutes } from '../sessions/searchable-content.ts';
import type { PostDocument, ThreadDocument } from '../threads/documents.ts';

/** What every document of a dialogue carries about it, to filter and count by. */
function dialogueFacts(dialogue: DialogueDocument) {
  return {
    dialogueId: dialogue._id,
    arenaId: dialogue.arenaId,
    visibility: dialogue.visibility,
    // Everyone who may see the dialogue reads it; what only some read says so (meetings' minutes).
    readers: [] as string[],
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

/** A session's minutes: found in its dialogue, as its dialogue's readers may. */
export function sessionMinutesSearchDocument(minutes: SearchableMinutes, dialogue: DialogueDocument): SearchDocument {
  const id = `minutes:${minutes.sessionId}`;
  return { id, kind: 'session-minutes', group: id, threadId: null, ...dialogueFacts(dialogue), answered: false, title: minutes.title, body: minutes.text, createdAt: minutes.at };
}

/** A question the live room saw, with the host's answer: one result, as a thread's question and answer are. */
export function liveQuestionSearchDocument(question: SearchableLiveQuestion, dialogue: DialogueDocument): SearchDocument {
  const id = `live:${question.id}`;
  return {
    id,
    kind: 'live-question',
    group: id,
    threadId: null,
    ...dialogueFacts(dialogue),
    answered: question.answer !== null,
    title: question.sessionTitle,
    body: question.answer ? `${question.body}\n\n${question.answer.text}` : question.body,
    createdAt: question.createdAt,
  };
}

/** A one-to-one meeting's minutes: found only by their readers while the round is open, by the dialogue's once it is closed. */
export function meetingMinutesSearchDocument(minutes: SearchableMeetingMinutes, dialogue: DialogueDocument): SearchDocument {
  const id = `meeting:${minutes.slotId}`;
  return {
    id,
    kind: 'meeting-minutes',
    group: id,
    threadId: null,
    ...dialogueFacts(dialogue),
    readers: minutes.readers,
    answered: false,
    title: minutes.roundTitle,
    body: minutes.text,
    createdAt: minutes.at,
  };
}

/**
 * A library item: one document per arena it is tagged with, all in one group, so a filter on any of
 * its arenas finds it and it is still one result. It belongs to no dialogue and no phase ('').
 */
export function librarySearchDocuments(item: SearchableLibraryItem): SearchDocument[] {
  const group = `library:${item.id}`;
  return item.arenaIds.map((arenaId) => ({
    id: `${group}:${arenaId}`,
    kind: 'library-item',
    group,
    dialogueId: '',
    threadId: null,
    arenaId,
    visibility: item.visibility,
    readers: [],
    buyerOrganisationIds: item.organisationId ? [item.organisationId] : [],
    phase: '',
    answered: false,
    title: item.title,
    body: withNames(item.summary ? `${item.summary}\n\n${item.body}` : item.body, item.fileNames),
    createdAt: item.publishedAt,
  }));
}

/** A relay project's current handover, found in its arena under its buyer organisation. */
export function handoverSearchDocument(handover: SearchableHandover): SearchDocument {
  const id = `handover:${handover.projectId}`;
  return {
    id,
    kind: 'relay-handover',
    group: id,
    dialogueId: '',
    threadId: null,
    arenaId: handover.arenaId,
    visibility: handover.visibility,
    readers: [],
    buyerOrganisationIds: [handover.organisationId],
    phase: '',
    answered: false,
    title: handover.title,
    body: handover.sections.filter((section) => section.trim() !== '').join('\n\n'),
    createdAt: handover.publishedAt,
  };
}

function withNames(text: string, names: string[]): string {
  return names.length === 0 ? text : `${text}\n\n${names.join('\n')}`;
}
