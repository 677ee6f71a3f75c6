// Threads as a given viewer may see them. Equal treatment: every viewer gets the same questions and
// answers; only the asker's identity differs (DESIGN.md §3.1).
import type { AuthorView, PostView, ThreadView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { viewerFor, type Viewer } from '../../platform/policy/viewer.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { USERS, type UserDocument } from '../accounts/documents.ts';
import { ORGANISATIONS, type OrganisationDocument } from '../organisations/documents.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { POSTS, PSEUDONYMS, THREADS, type PostDocument, type PseudonymDocument, type ThreadDocument } from './documents.ts';

export async function listThreads(store: DocumentStore, actor: Actor | null, dialogueId: string): Promise<ThreadView[]> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const threads = await store.collection<ThreadDocument>(THREADS).find({ dialogueId }, { sort: { createdAt: 1 }, limit: 1000 });
  const posts = await store
    .collection<PostDocument>(POSTS)
    .find({ dialogueId }, { sort: { createdAt: 1 } });
  return buildThreadViews(store, viewerFor(actor, dialogue), dialogue, threads, posts);
}

export async function getThread(store: DocumentStore, actor: Actor | null, threadId: string): Promise<ThreadView> {
  const thread = await store.collection<ThreadDocument>(THREADS).findOne({ _id: threadId });
  if (!thread) throw new AppError('NOT_FOUND', 'No such question');
  const dialogue = await visibleDialogue(store, actor, thread.dialogueId, 'No such question');
  const posts = await store.collection<PostDocument>(POSTS).find({ threadId }, { sort: { createdAt: 1 } });
  const [view] = await buildThreadViews(store, viewerFor(actor, dialogue), dialogue, [thread], posts);
  if (!view) throw new AppError('NOT_FOUND', 'No such question');
  return view;
}

/** One post as `viewer` may see it; used for live pushes to a room of viewers alike. */
export async function getPostView(store: DocumentStore, viewer: Viewer, dialogueId: string, postId: string): Promise<PostView | null> {
  const post = await store.collection<PostDocument>(POSTS).findOne({ _id: postId });
  if (!post) return null;
  const authors = await loadAuthors(store, dialogueId, [post]);
  return toPostView(post, viewer, authors);
}

export async function buildThreadViews(
  store: DocumentStore,
  viewer: Viewer,
  dialogue: DialogueDocument,
  threads: ThreadDocument[],
  posts: PostDocument[],
): Promise<ThreadView[]> {
  const authors = await loadAuthors(store, dialogue._id, posts);
  const postsByThread = new Map<string, PostDocument[]>();
  for (const post of posts) {
    const list = postsByThread.get(post.threadId) ?? [];
    list.push(post);
    postsByThread.set(post.threadId, list);
  }
  const views: ThreadView[] = [];
  for (const thread of threads) {
    const threadPosts = postsByThread.get(thread._id) ?? [];
    const question = threadPosts.find((post) => post.kind === 'question');
    if (!question) continue;
    views.push({
      id: thread._id,
      dialogueId: thread.dialogueId,
      title: thread.title,
      question: toPostView(question, viewer, authors),
      answers: threadPosts.filter((post) => post.kind === 'answer').map((post) => toPostView(post, viewer, authors)),
      createdAt: thread.createdAt,
    });
  }
  return views;
}

type Authors = {
  users: Map<string, UserDocument>;
  organisations: Map<string, OrganisationDocument>;
  pseudonyms: Map<string, string>;
};

async function loadAuthors(store: DocumentStore, dialogueId: string, posts: PostDocument[]): Promise<Authors> {
  const userIds = [...new Set(posts.map((post) => post.authorId))];
  const organisationIds = [...new Set(posts.map((post) => post.authorOrganisationId))];
  const [users, organisations, pseudonyms] = await Promise.all([
    userIds.length ? store.collection<UserDocument>(USERS).find({ _id: { $in: userIds } }) : [],
    organisationIds.length ? store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: organisationIds } }) : [],
    store.collection<PseudonymDocument>(PSEUDONYMS).find({ dialogueId }),
  ]);
  return {
    users: new Map(users.map((user) => [user._id, user])),
    organisations: new Map(organisations.map((organisation) => [organisation._id, organisation])),
    pseudonyms: new Map(pseudonyms.map((pseudonym) => [pseudonym.userId, pseudonym.label])),
  };
}

function toPostView(post: PostDocument, viewer: Viewer, authors: Authors): PostView {
  return {
    id: post._id,
    threadId: post.threadId,
    kind: post.kind,
    body: post.body,
    official: post.official,
    author: authorView(post, viewer, authors),
    mine: viewer.userId === post.authorId,
    createdAt: post.createdAt,
  };
}

function authorView(post: PostDocument, viewer: Viewer, authors: Authors): AuthorView {
  const pseudonym = post.kind === 'question' ? (authors.pseudonyms.get(post.authorId) ?? '?') : null;
  // Official answers speak for the buying organisation, which is public; askers are shown by
  // pseudonym unless this viewer may know who they are.
  if (pseudonym !== null && !viewer.seesIdentityOf(post.authorId)) {
    return { kind: 'pseudonym', label: pseudonym };
  }
  const user = authors.users.get(post.authorId);
  const organisation = authors.organisations.get(post.authorOrganisationId);
  return {
    kind: 'person',
    name: user?.name ?? '',
    organisationName: organisation?.name ?? '',
    organisationKind: organisation?.kind ?? 'supplier',
    pseudonym,
  };
}
