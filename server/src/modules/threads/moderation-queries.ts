// The moderators' queue: every post with open flags, with what readers cannot see (the text of a
// hidden post, who wrote it) because deciding needs it.
import type { FlagView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayModeratePosts } from '../../platform/policy/thread-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { FLAGS, POSTS, THREADS, type FlagDocument, type PostDocument, type ThreadDocument } from './documents.ts';

export async function flagQueue(store: DocumentStore, actor: Actor | null): Promise<FlagView[]> {
  if (!mayModeratePosts(actor)) throw new AppError('FORBIDDEN', 'Only moderators see flags');
  const flags = await store.collection<FlagDocument>(FLAGS).find({ status: 'open' }, { sort: { at: 1 }, limit: 500 });
  const byPost = new Map<string, FlagDocument[]>();
  for (const flag of flags) byPost.set(flag.postId, [...(byPost.get(flag.postId) ?? []), flag]);
  const postIds = [...byPost.keys()];
  const posts = await store.collection<PostDocument>(POSTS).find({ _id: { $in: postIds } });
  const threads = await store.collection<ThreadDocument>(THREADS).find({ _id: { $in: posts.map((post) => post.threadId) } });
  const dialogues = await store.collection<DialogueDocument>(DIALOGUES).find({ _id: { $in: posts.map((post) => post.dialogueId) } });
  const [names, organisations] = await Promise.all([
    personNames(store, posts.map((post) => post.authorId)),
    organisationSummaries(store, posts.map((post) => post.authorOrganisationId)),
  ]);
  const threadById = new Map(threads.map((thread) => [thread._id, thread]));
  const dialogueById = new Map(dialogues.map((dialogue) => [dialogue._id, dialogue]));
  return posts
    .map((post): FlagView => {
      const postFlags = byPost.get(post._id) ?? [];
      const first = postFlags[0]!;
      return {
        id: first._id,
        postId: post._id,
        threadId: post.threadId,
        dialogueId: post.dialogueId,
        dialogueTitle: dialogueById.get(post.dialogueId)?.title ?? '',
        threadTitle: threadById.get(post.threadId)?.title ?? '',
        postKind: post.kind,
        body: post.body,
        author: { id: post.authorId, name: names.get(post.authorId) ?? '', organisationName: organisations.get(post.authorOrganisationId)?.name ?? '' },
        reason: postFlags.map((flag) => flag.reason).join('\n\n'),
        flaggedAt: first.at,
        flagCount: postFlags.length,
        hidden: post.hidden ? { at: post.hidden.at, reason: post.hidden.reason } : null,
      };
    })
    .sort((a, b) => a.flaggedAt.localeCompare(b.flaggedAt));
}
