// A dialogue's questions and answers for the public record (the exports in modules/exports): every
// published thread exactly as a supplier sees it, whoever asks for the record — pseudonyms, no
// question waiting in the buyers' inbox, no private answer, a hidden post as that and why — with
// every version of each official answer, since a correction never erases what was said before.
import type { PostVersionView, ThreadView } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import { audienceViewer } from '../../platform/policy/viewer.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from './documents.ts';
import { buildThreadViews } from './thread-views.ts';

/** One version of an official answer: the first as published, later ones corrections with their note. */
export type AnswerVersion = Pick<PostVersionView, 'body' | 'at' | 'note'>;

export type RecordThread = ThreadView & {
  /** Every version of each official answer that is not hidden, oldest first, by post id. */
  answerVersions: Record<string, AnswerVersion[]>;
};

/**
 * The published threads of a dialogue the actor may see (NOT_FOUND otherwise, as for a missing
 * one), oldest publication first. Built for the public audience even when the actor is one of the
 * dialogue's buyers: the record goes to people who may not know who asked.
 */
export async function publicRecordThreads(store: DocumentStore, actor: Actor | null, dialogueId: string): Promise<RecordThread[]> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const threads = await store
    .collection<ThreadDocument>(THREADS)
    .find({ dialogueId: dialogue._id, status: 'published' }, { sort: { publishedAt: 1, _id: 1 } });
  const views = await buildThreadViews(store, audienceViewer('public'), dialogue, threads);
  const answers = await store
    .collection<PostDocument>(POSTS)
    .find({ threadId: { $in: threads.map((thread) => thread._id) }, kind: 'answer', official: true, private: false, hidden: null });
  const versionsByPost = new Map(answers.map((post) => [post._id, post.versions.map(({ body, at, note }) => ({ body, at, note }))]));
  return views.map((view) => ({
    ...view,
    // A published thread has no private answer; should one ever be there, it stays out of the record.
    answers: view.answers.filter((answer) => !answer.private),
    answerVersions: Object.fromEntries(
      view.answers.flatMap((answer) => {
        const versions = versionsByPost.get(answer.id);
        return versions ? [[answer.id, versions]] : [];
      }),
    ),
  }));
}
