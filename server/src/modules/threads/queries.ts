// Reading threads: one thread, the buyers' inbox, what changed since a client last looked, a post's
// versions, and the viewer's marks (a dialogue's page of threads is thread-page.ts). Views are built
// for the viewer's audience (buyers or public); what the viewer did themself comes beside them as
// marks, so one audience's views are the same bytes for everyone in it.
import type { PostVersionView, ThreadChanges, ThreadInbox, ThreadView, ViewerMarks } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { isModerator } from '../../platform/policy/policy.ts';
import { canViewThread, mayHandleQuestions, seesPostHistory } from '../../platform/policy/thread-policy.ts';
import { audienceOf, audienceViewer, viewerFor } from '../../platform/policy/viewer.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { POSTS, PSEUDONYMS, THREADS, VOTES, type PostDocument, type PseudonymDocument, type ThreadDocument, type VoteDocument } from './documents.ts';
import { threadFacts, visiblePost, visibleThread } from './thread-access.ts';
import { buildThreadViews } from './thread-views.ts';

/** A client that missed more than this many changed threads loads the page again. */
const MAX_CHANGES = 200;

export async function getThread(store: DocumentStore, actor: Actor | null, threadId: string): Promise<{ thread: ThreadView; marks: ViewerMarks }> {
  const { thread, dialogue } = await visibleThread(store, actor, threadId);
  const [view] = await buildThreadViews(store, viewerFor(actor, dialogue), dialogue, [thread]);
  if (!view) throw new AppError('NOT_FOUND', 'No such question');
  return { thread: view, marks: await viewerMarks(store, actor, dialogue._id) };
}

/** The buyers' (and moderators') inbox of a dialogue. To anyone else it answers as a missing dialogue. */
export async function threadInbox(store: DocumentStore, actor: Actor | null, dialogueId: string): Promise<ThreadInbox> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  if (!mayHandleQuestions(actor, dialogue) && !isModerator(actor)) throw new AppError('NOT_FOUND', 'No such dialogue');
  const threads = await store
    .collection<ThreadDocument>(THREADS)
    .find({ dialogueId, status: { $in: ['pending', 'answered-privately'] } }, { sort: { createdAt: 1 } });
  const views = await buildThreadViews(store, audienceViewer('buyers'), dialogue, threads);
  return {
    pending: views.filter((view) => view.status === 'pending'),
    answeredPrivately: views.filter((view) => view.status === 'answered-privately').reverse(),
    change: dialogue.change,
  };
}

/** Everything the viewer may see that changed after `afterChange`: what a reconnecting client missed. */
export async function threadChanges(store: DocumentStore, actor: Actor | null, dialogueId: string, afterChange: number): Promise<ThreadChanges> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const changed = await store
    .collection<ThreadDocument>(THREADS)
    .find({ dialogueId, change: { $gt: afterChange } }, { sort: { change: 1 }, limit: MAX_CHANGES + 1 });
  const visible = changed.filter((thread) => canViewThread(actor, dialogue, threadFacts(thread)));
  const views = await buildThreadViewsByAudience(store, actor, dialogue, visible.slice(0, MAX_CHANGES));
  return { threads: views, complete: changed.length <= MAX_CHANGES, change: dialogue.change, marks: await viewerMarks(store, actor, dialogueId) };
}

export async function postHistory(store: DocumentStore, actor: Actor | null, postId: string): Promise<PostVersionView[]> {
  const { post, thread, dialogue } = await visiblePost(store, actor, postId);
  // Earlier versions of a hidden post are what was hidden; of a question, possibly what a redaction took out.
  if (post.hidden || !seesPostHistory(actor, dialogue, post, threadFacts(thread))) throw new AppError('NOT_FOUND', 'No such post');
  return post.versions.map((version) => ({
    title: version.title,
    body: version.body,
    at: version.at,
    note: version.note,
    byBuyer: version.by !== post.authorId,
  }));
}

/** Published threads as the viewer's audience sees them; the viewer's own unpublished ones as they see them. */
async function buildThreadViewsByAudience(store: DocumentStore, actor: Actor | null, dialogue: DialogueDocument, threads: ThreadDocument[]): Promise<ThreadView[]> {
  const audience = audienceViewer(audienceOf(actor, dialogue));
  const published = threads.filter((thread) => thread.status === 'published');
  const others = threads.filter((thread) => thread.status !== 'published');
  const views = [
    ...(await buildThreadViews(store, audience, dialogue, published)),
    ...(await buildThreadViews(store, viewerFor(actor, dialogue), dialogue, others)),
  ];
  return views.sort((a, b) => a.change - b.change);
}

export async function viewerMarks(store: DocumentStore, actor: Actor | null, dialogueId: string): Promise<ViewerMarks> {
  if (!actor) return { threads: [], posts: [], votes: [] };
  const [threads, posts, votes] = await Promise.all([
    store.collection<ThreadDocument>(THREADS).find({ dialogueId, askerId: actor.userId }),
    store.collection<PostDocument>(POSTS).find({ dialogueId, authorId: actor.userId }),
    store.collection<VoteDocument>(VOTES).find({ dialogueId, userId: actor.userId }),
  ]);
  return { threads: threads.map((thread) => thread._id), posts: posts.map((post) => post._id), votes: votes.map((vote) => vote.threadId) };
}

/** The dialogue's pseudonyms of these people (for other modules that name suppliers the same way). */
export async function dialoguePseudonyms(store: Pick<DocumentStore, 'collection'>, dialogueId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const found = await store.collection<PseudonymDocument>(PSEUDONYMS).find({ dialogueId, userId: { $in: [...new Set(userIds)] } });
  return new Map(found.map((pseudonym) => [pseudonym.userId, pseudonym.label]));
}

/**
 * Published questions per dialogue and how many of them have a published official answer. Only
 * published threads count: a question in the inbox or answered privately is nobody else's business.
 * The caller has checked that the viewer may see these dialogues.
 */
export async function publishedQuestionCounts(store: Pick<DocumentStore, 'collection'>, dialogueIds: string[]): Promise<Map<string, { published: number; answered: number }>> {
  const counts = new Map(dialogueIds.map((id) => [id, { published: 0, answered: 0 }]));
  if (dialogueIds.length === 0) return counts;
  const threads = await store.collection<ThreadDocument>(THREADS).find({ dialogueId: { $in: dialogueIds }, status: 'published' });
  for (const thread of threads) {
    const count = counts.get(thread.dialogueId);
    if (!count) continue;
    count.published += 1;
    if (thread.answered) count.answered += 1;
  }
  return counts;
}

/**
 * What the innovation metrics need of a published question: when it was asked and for which
 * organisation; null for a question that is not published (the inbox, a private answer).
 */
export async function publishedQuestionFacts(store: Pick<DocumentStore, 'collection'>, threadId: string): Promise<{ askedAt: string; organisationId: string } | null> {
  const thread = await store.collection<ThreadDocument>(THREADS).findOne({ _id: threadId });
  if (!thread || thread.status !== 'published') return null;
  const question = await store.collection<PostDocument>(POSTS).findOne({ threadId, kind: 'question' });
  return { askedAt: thread.createdAt, organisationId: question?.authorOrganisationId ?? '' };
}

/** Whether a post is an official answer everyone who sees its dialogue may read (not private, not a comment). */
export async function isPublicOfficialAnswer(store: Pick<DocumentStore, 'collection'>, postId: string): Promise<boolean> {
  const post = await store.collection<PostDocument>(POSTS).findOne({ _id: postId });
  return post !== null && post.kind === 'answer' && post.official && !post.private;
}
