// Threads as a viewer may see them. Equal treatment (DESIGN.md §3.1): every viewer of a published
// thread gets the same questions, answers and comments; only whether a supplier is named differs.
// The buyers speak for their organisation, which is public; suppliers are shown by the dialogue's
// pseudonym unless the viewer may know who they are. Hidden posts show that and why, never what.
import type { AttachmentView, AuthorView, PostView, ThreadView } from '@dialogforum/contracts';
import type { Viewer } from '../../platform/policy/viewer.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { answerAttachmentViews } from '../attachments/attachment-views.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { POSTS, PSEUDONYMS, type PostDocument, type PseudonymDocument, type RecordedActDocument, type ThreadDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export async function buildThreadViews(store: Readable, viewer: Viewer, dialogue: DialogueDocument, threads: ThreadDocument[]): Promise<ThreadView[]> {
  return (await threadViewsRenderer(store, dialogue, threads))(viewer);
}

/**
 * Reads what the views of `threads` are made of (posts, their authors and attachments) once, and
 * renders it for any viewer: a live push builds the same threads for both audiences, and what
 * differs between them is only what the viewer is shown, never what is read.
 */
export async function threadViewsRenderer(store: Readable, dialogue: DialogueDocument, threads: ThreadDocument[]): Promise<(viewer: Viewer) => ThreadView[]> {
  if (threads.length === 0) return () => [];
  const posts = await store
    .collection<PostDocument>(POSTS)
    .find({ threadId: { $in: threads.map((thread) => thread._id) } }, { sort: { createdAt: 1 } });
  const [authors, attachments] = await Promise.all([
    loadAuthors(store, dialogue, posts),
    answerAttachmentViews(store, posts.filter((post) => post.kind === 'answer').map((post) => post._id)),
  ]);
  const postsByThread = new Map<string, PostDocument[]>();
  for (const post of posts) {
    const list = postsByThread.get(post.threadId) ?? [];
    list.push(post);
    postsByThread.set(post.threadId, list);
  }
  return (viewer) => {
    const views: ThreadView[] = [];
    for (const thread of threads) {
      const view = toThreadView(thread, postsByThread.get(thread._id) ?? [], viewer, dialogue, { ...authors, attachments });
      if (view) views.push(view);
    }
    return views;
  };
}

type Related = Authors & { attachments: Map<string, AttachmentView[]> };

function toThreadView(thread: ThreadDocument, posts: PostDocument[], viewer: Viewer, dialogue: DialogueDocument, authors: Related): ThreadView | null {
  const question = posts.find((post) => post.kind === 'question');
  if (!question) return null;
  // A private answer is for those who may know the asker: the asker, the buyers, moderators.
  const seesPrivate = viewer.seesIdentityOf(thread.askerId);
  const view = (post: PostDocument) => toPostView(post, viewer, dialogue, authors);
  const questionView = view(question);
  return {
    id: thread._id,
    dialogueId: thread.dialogueId,
    title: question.hidden ? null : thread.title,
    status: thread.status,
    confidential: thread.confidential,
    question: questionView,
    answers: posts.filter((post) => post.kind === 'answer' && (!post.private || seesPrivate)).map(view),
    comments: posts.filter((post) => post.kind === 'comment').map(view),
    answered: thread.answered,
    voteCount: thread.voteCount,
    locked: readerAct(thread.locked),
    privateAnswerReason: seesPrivate ? (thread.privateAnswer?.reason ?? null) : null,
    createdAt: thread.createdAt,
    publishedAt: thread.publishedAt,
    change: thread.change,
  };
}

function toPostView(post: PostDocument, viewer: Viewer, dialogue: DialogueDocument, authors: Related): PostView {
  const current = post.versions[post.versions.length - 1];
  const edited = post.versions.length > 1;
  return {
    id: post._id,
    threadId: post.threadId,
    kind: post.kind,
    body: post.hidden ? null : post.body,
    official: post.official,
    private: post.private,
    author: authorView(post, viewer, dialogue, authors),
    createdAt: post.createdAt,
    editedAt: edited && current ? current.at : null,
    corrected: edited && post.kind === 'answer',
    versionCount: post.versions.length,
    hidden: readerAct(post.hidden),
    // A hidden answer shows that and why; its files are hidden with it.
    attachments: post.hidden ? [] : (authors.attachments.get(post._id) ?? []),
  };
}

/** What readers see of a recorded act: when and why, not who. */
function readerAct(act: RecordedActDocument | null): PostView['hidden'] {
  return act ? { at: act.at, reason: act.reason } : null;
}

type Authors = {
  names: Map<string, string>;
  organisations: Awaited<ReturnType<typeof organisationSummaries>>;
  pseudonyms: Map<string, string>;
};

async function loadAuthors(store: Readable, dialogue: DialogueDocument, posts: PostDocument[]): Promise<Authors> {
  const [names, organisations, pseudonyms] = await Promise.all([
    personNames(store, posts.map((post) => post.authorId)),
    organisationSummaries(store, posts.map((post) => post.authorOrganisationId)),
    store.collection<PseudonymDocument>(PSEUDONYMS).find({ dialogueId: dialogue._id }),
  ]);
  return { names, organisations, pseudonyms: new Map(pseudonyms.map((pseudonym) => [pseudonym.userId, pseudonym.label])) };
}

function authorView(post: PostDocument, viewer: Viewer, dialogue: DialogueDocument, authors: Authors): AuthorView {
  // The buyers speak for their organisation in answers and comments; everyone else by pseudonym.
  const speaksForBuyer = post.kind !== 'question' && (post.official || dialogue.ownerOrganisationIds.includes(post.authorOrganisationId));
  const pseudonym = speaksForBuyer ? null : (authors.pseudonyms.get(post.authorId) ?? '?');
  if (pseudonym !== null && !viewer.seesIdentityOf(post.authorId)) return { kind: 'pseudonym', label: pseudonym };
  const organisation = authors.organisations.get(post.authorOrganisationId);
  return {
    kind: 'person',
    name: authors.names.get(post.authorId) ?? '',
    organisationName: organisation?.name ?? '',
    organisationKind: organisation?.kind ?? 'supplier',
    pseudonym,
  };
}
