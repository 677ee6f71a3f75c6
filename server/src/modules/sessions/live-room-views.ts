// The live room as a viewer may see it. Everyone who may see the room sees the same questions,
// answers, announcements and polls; only the hosts (and moderators) see who asked and what waits
// for approval or was hidden. An asker sees their own question while it waits. Suppliers appear
// under the dialogue's pseudonym, the same one their written questions carry.
import type { AnnouncementView, AuthorView, LiveQuestionView, LiveVoteCount, PollView } from '@dialogforum/contracts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { PSEUDONYMS, type PseudonymDocument } from '../threads/documents.ts';
import type { AnnouncementDocument, LiveQuestionDocument, PollDocument } from './live-documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** Whom a live view is for: one person (their own waiting questions show), or a whole audience. */
export type LiveViewer = {
  userId: string | null;
  /** Hosts and moderators: who asked, what waits for approval, what was hidden and why. */
  seesAll: boolean;
};

export async function buildLiveQuestionViews(store: Readable, viewer: LiveViewer, questions: LiveQuestionDocument[]): Promise<LiveQuestionView[]> {
  const shown = questions.filter((question) => seesQuestion(viewer, question));
  if (shown.length === 0) return [];
  const dialogueId = shown[0]!.dialogueId;
  const askers = [...new Set(shown.map((question) => question.askerId))];
  const [pseudonyms, names, organisations] = await Promise.all([
    store.collection<PseudonymDocument>(PSEUDONYMS).find({ _id: { $in: askers.map((userId) => `${dialogueId}:${userId}`) } }),
    viewer.seesAll ? personNames(store, askers) : Promise.resolve(new Map<string, string>()),
    viewer.seesAll ? organisationSummaries(store, shown.map((question) => question.askerOrganisationId)) : Promise.resolve(new Map()),
  ]);
  const labels = new Map(pseudonyms.map((pseudonym) => [pseudonym.userId, pseudonym.label]));
  return shown.map((question) => {
    const label = labels.get(question.askerId) ?? '?';
    if (!seesCount(viewer, question)) {
      // The room learns that a question it saw was hidden, and why, never what it said or who asked.
      return { ...common(question), body: null, author: null, votes: 0, answer: null };
    }
    const organisation = organisations.get(question.askerOrganisationId);
    const author: AuthorView = viewer.seesAll
      ? { kind: 'person', name: names.get(question.askerId) ?? '', organisationName: organisation?.name ?? '', organisationKind: organisation?.kind ?? 'supplier', pseudonym: label }
      : { kind: 'pseudonym', label };
    return { ...common(question), body: question.body, author, votes: question.votes, answer: question.answer ? { at: question.answer.at, text: question.answer.text } : null };
  });
}

/**
 * The counts of questions whose votes alone changed, for the viewer: only those the viewer sees with
 * their count. Others would learn of a waiting question, or of a hidden one's count, from its id.
 */
export function liveVoteCounts(viewer: LiveViewer, questions: LiveQuestionDocument[]): LiveVoteCount[] {
  return questions
    .filter((question) => seesQuestion(viewer, question) && seesCount(viewer, question))
    .map((question) => ({ questionId: question._id, votes: question.votes, change: question.change }));
}

function common(question: LiveQuestionDocument) {
  return {
    id: question._id,
    sessionId: question.sessionId,
    status: question.status,
    pinned: question.pinned,
    hidden: question.hidden ? { at: question.hidden.at, reason: question.hidden.reason } : null,
    threadId: question.threadId,
    createdAt: question.createdAt,
    change: question.change,
  };
}

function seesQuestion(viewer: LiveViewer, question: LiveQuestionDocument): boolean {
  if (viewer.seesAll || viewer.userId === question.askerId) return true;
  if (question.status === 'pending') return false;
  return question.status === 'visible' || question.shown;
}

/** A hidden question keeps its count (and text) for the hosts and its asker alone. */
function seesCount(viewer: LiveViewer, question: LiveQuestionDocument): boolean {
  return question.status !== 'hidden' || viewer.seesAll || viewer.userId === question.askerId;
}

export function announcementView(announcement: AnnouncementDocument): AnnouncementView {
  return { id: announcement._id, sessionId: announcement.sessionId, body: announcement.body, at: announcement.at, change: announcement.change };
}

export function pollView(poll: PollDocument): PollView {
  return {
    id: poll._id,
    sessionId: poll.sessionId,
    question: poll.question,
    options: poll.options.map((option) => ({ text: option.text, votes: option.votes })),
    multiple: poll.multiple,
    voters: poll.voters,
    closed: poll.closed,
    createdAt: poll.createdAt,
    change: poll.change,
  };
}
