// Results for what is said outside a dialogue's threads (sessions' minutes and live questions,
// meetings' minutes, library items, relay handovers), built from the store's current state for the
// viewer. Each is read through its own module's reader, which answers null when the viewer may not
// read it now (another visibility, hidden, withdrawn, not yet public): then the result is not shown.
import type { ArenaId, HighlightedText, Phase, SearchResultView } from '@dialogforum/contracts';
import { plainTextFromMarkdown } from '../../platform/search/markdown-plain-text.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { SearchHit } from '../../platform/search/search-index.ts';
import { highlighted, highlightedSnippet } from '../../platform/search/search-snippet.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { readableLibraryItem } from '../library/searchable-content.ts';
import { readableMeetingMinutes } from '../meetings/searchable-content.ts';
import { readableHandover } from '../relay/searchable-content.ts';
import { readableLiveQuestion, readableSessionMinutes } from '../sessions/searchable-content.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** Where something of a dialogue was said: the dialogue, its buyers (named later), arena and phase. */
export function dialogueContext(dialogue: DialogueDocument) {
  return {
    dialogueId: dialogue._id,
    subjectId: null,
    dialogue: {
      title: dialogue.title,
      arenaId: dialogue.arenaId as ArenaId,
      phase: dialogue.phase as Phase,
      buyers: dialogue.ownerOrganisationIds.map((id) => ({ id, name: '' })),
    },
    arenaIds: [dialogue.arenaId as ArenaId],
    library: null,
    publisher: null,
  };
}

export async function currentContentView(store: Readable, actor: Actor | null, hit: SearchHit, matched: Set<string>): Promise<SearchResultView | null> {
  const id = hit.id.slice(hit.id.indexOf(':') + 1);
  const text = (markdown: string) => highlightedSnippet(plainTextFromMarkdown(markdown), matched);
  switch (hit.kind) {
    case 'session-minutes': {
      const found = await readableSessionMinutes(store, actor, id);
      if (!found) return null;
      const { minutes, dialogue } = found;
      return { ...dialogueContext(dialogue), ...said(hit, minutes.sessionId, highlighted(minutes.title, matched), text(minutes.text), null, minutes.at) };
    }
    case 'live-question': {
      const found = await readableLiveQuestion(store, actor, id);
      if (!found) return null;
      const { question, dialogue } = found;
      const answer = question.answer ? { snippet: text(question.answer.text), at: question.answer.at } : null;
      return {
        ...dialogueContext(dialogue),
        ...said(hit, question.sessionId, highlighted(question.sessionTitle, matched), text(question.body), answer, question.createdAt),
        answered: answer !== null,
      };
    }
    case 'meeting-minutes': {
      const found = await readableMeetingMinutes(store, actor, id);
      if (!found) return null;
      const { minutes, dialogue } = found;
      return { ...dialogueContext(dialogue), ...said(hit, minutes.roundId, highlighted(minutes.roundTitle, matched), text(minutes.text), null, minutes.at) };
    }
    case 'library-item': {
      // 'library:<item>:<arena>': one document per arena, one result per item.
      const item = await readableLibraryItem(store, actor, id.slice(0, id.indexOf(':')));
      if (!item) return null;
      return {
        id: hit.id,
        kind: hit.kind,
        dialogueId: null,
        threadId: null,
        subjectId: item.id,
        dialogue: null,
        arenaIds: item.arenaIds,
        library: { audiences: item.audiences, language: item.language },
        publisher: item.organisationId ? { id: item.organisationId, name: '' } : null,
        title: highlighted(item.title, matched),
        snippet: text(item.summary ? `${item.summary}\n\n${item.body}` : item.body),
        answer: null,
        answered: null,
        createdAt: item.publishedAt,
      };
    }
    case 'relay-handover': {
      const handover = await readableHandover(store, actor, id);
      if (!handover) return null;
      return {
        id: hit.id,
        kind: hit.kind,
        dialogueId: null,
        threadId: null,
        subjectId: handover.projectId,
        dialogue: null,
        arenaIds: [handover.arenaId],
        library: null,
        publisher: { id: handover.organisationId, name: '' },
        title: highlighted(handover.title, matched),
        snippet: text(handover.sections.filter((section) => section.trim() !== '').join('\n\n')),
        answer: null,
        answered: null,
        createdAt: handover.publishedAt,
      };
    }
    default:
      return null;
  }
}

/** What was said in a session or meeting of a dialogue: the hit's own part of its result. */
function said(hit: SearchHit, subjectId: string, title: HighlightedText, snippet: HighlightedText, answer: SearchResultView['answer'], createdAt: string) {
  return { id: hit.id, kind: hit.kind, threadId: null, subjectId, title, snippet, answer, answered: null, createdAt };
}
