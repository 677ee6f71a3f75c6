// The threads' part of a dialogue's archive package (modules/archive-package): every question in
// whatever state (waiting in the inbox, published, answered privately), every post with every
// version (first text, the author's edits, redactions and corrections with their notes), hidden
// posts with who hid them and why, locks, private answers with their recorded reason, every flag
// and what became of it, and the pseudonym each asker carried. This is the agency's own record, so
// askers are named by id (the package's parties file names them); nothing here is filtered for an
// audience.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { FLAGS, POSTS, PSEUDONYMS, THREADS, type FlagDocument, type PostDocument, type PseudonymDocument, type ThreadDocument } from './documents.ts';

export async function threadsArchiveRecord(store: Pick<DocumentStore, 'collection'>, dialogueId: string) {
  const [threads, posts, pseudonyms] = await Promise.all([
    store.collection<ThreadDocument>(THREADS).find({ dialogueId }, { sort: { createdAt: 1, _id: 1 } }),
    store.collection<PostDocument>(POSTS).find({ dialogueId }, { sort: { createdAt: 1, _id: 1 } }),
    store.collection<PseudonymDocument>(PSEUDONYMS).find({ dialogueId }),
  ]);
  const flags = posts.length
    ? await store.collection<FlagDocument>(FLAGS).find({ postId: { $in: posts.map((post) => post._id) } }, { sort: { at: 1, _id: 1 } })
    : [];
  const pseudonymOf = new Map(pseudonyms.map((pseudonym) => [pseudonym.userId, pseudonym.label]));
  const postsOf = new Map<string, PostDocument[]>();
  for (const post of posts) postsOf.set(post.threadId, [...(postsOf.get(post.threadId) ?? []), post]);

  const questions = threads.map((thread) => ({
    id: thread._id,
    title: thread.title,
    askerId: thread.askerId,
    pseudonym: pseudonymOf.get(thread.askerId) ?? null,
    status: thread.status,
    confidential: thread.confidential,
    askedIn: thread.askedIn,
    createdAt: thread.createdAt,
    publishedAt: thread.publishedAt,
    answeredAt: thread.answeredAt,
    /** Answered to the asker alone: when, by whom and the reason recorded for not publishing. */
    privateAnswer: thread.privateAnswer,
    locked: thread.locked,
    wantToKnowToo: thread.voteCount,
    posts: (postsOf.get(thread._id) ?? []).map((post) => ({
      id: post._id,
      kind: post.kind,
      official: post.official,
      private: post.private,
      authorId: post.authorId,
      authorOrganisationId: post.authorOrganisationId,
      createdAt: post.createdAt,
      /** Oldest first; the last is the text as it stands. */
      versions: post.versions,
      /** Hidden by a moderator: when, by whom, and the reason readers are shown. */
      hidden: post.hidden,
    })),
  }));

  const acts = [...threads.flatMap((thread) => [thread.privateAnswer, thread.locked]), ...posts.map((post) => post.hidden)];
  return {
    questions,
    flags: flags.map((flag) => ({
      id: flag._id,
      postId: flag.postId,
      threadId: flag.threadId,
      by: flag.by,
      reason: flag.reason,
      at: flag.at,
      /** open: not yet decided; hidden: the post was hidden; dismissed: the post stays. */
      outcome: flag.status,
      decidedBy: flag.decidedBy,
      decidedAt: flag.decidedAt,
    })),
    people: [
      ...threads.map((thread) => thread.askerId),
      ...posts.flatMap((post) => [post.authorId, ...post.versions.map((version) => version.by)]),
      ...acts.flatMap((act) => (act ? [act.by] : [])),
      ...flags.flatMap((flag) => [flag.by, ...(flag.decidedBy ? [flag.decidedBy] : [])]),
    ],
    organisations: posts.map((post) => post.authorOrganisationId),
  };
}
