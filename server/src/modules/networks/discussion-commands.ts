// The network's own discussions: members' people start one and reply in it. There is no supplier
// participant and no way to address one: a discussion reaches the network's members and nobody
// else, so what buyers prepare together never reaches one supplier before the others. What they
// decide to tell the market, they publish in the dialogue's public Q&A (the threads module).
import type { Actor } from '../../platform/policy/actor.ts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import { isNetworkMember, mayEditNetworkPost, mayHideNetworkPost, mayWriteInNetwork } from '../../platform/policy/network-policy.ts';
import { isModerator } from '../../platform/policy/policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import type { NetworkDeps } from './commands.ts';
import { NETWORK_DISCUSSIONS, NETWORK_POSTS, type NetworkDiscussionDocument, type NetworkPostDocument } from './documents.ts';
import { memberDiscussion, memberNetwork, networkForCommand, type VisibleNetwork } from './queries.ts';

const DISSOLVED = 'A dissolved network takes no new posts';

async function insertPost(scope: TransactionScope, actor: { userId: string; organisationId: string }, discussion: Pick<NetworkDiscussionDocument, '_id' | 'networkId'>, body: string, at: string) {
  const postId = newId();
  await scope.collection<NetworkPostDocument>(NETWORK_POSTS).insertOne({
    _id: postId,
    discussionId: discussion._id,
    networkId: discussion.networkId,
    authorId: actor.userId,
    organisationId: actor.organisationId,
    body,
    at,
    editedAt: null,
    earlier: [],
    hidden: null,
  });
  await appendEvent(scope, 'network.post_published', null, { networkId: discussion.networkId, discussionId: discussion._id, postId, by: actor.userId }, at);
  return postId;
}

export async function startNetworkDiscussion(deps: NetworkDeps, actor: Actor | null, networkId: string, title: string, body: string): Promise<string> {
  const at = deps.clock.now().toISOString();
  const discussionId = newId();
  await deps.store.withTransaction(async (scope) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayWriteInNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', DISSOLVED);
    await scope.collection<NetworkDiscussionDocument>(NETWORK_DISCUSSIONS).insertOne({
      _id: discussionId,
      networkId,
      title,
      startedBy: actor.userId,
      organisationId: actor.organisationId,
      startedAt: at,
      lastPostAt: at,
      postCount: 1,
    });
    await insertPost(scope, actor, { _id: discussionId, networkId }, body, at);
  });
  deps.onCommit();
  return discussionId;
}

export async function postInNetworkDiscussion(deps: NetworkDeps, actor: Actor | null, discussionId: string, body: string): Promise<string> {
  const at = deps.clock.now().toISOString();
  const postId = await deps.store.withTransaction(async (scope) => {
    const { facts, discussion } = await memberDiscussion(scope, actor, discussionId);
    if (!mayWriteInNetwork(actor, facts)) throw new AppError('FORBIDDEN', DISSOLVED);
    await scope.collection<NetworkDiscussionDocument>(NETWORK_DISCUSSIONS).updateOne({ _id: discussionId }, { $set: { lastPostAt: at }, $inc: { postCount: 1 } });
    return insertPost(scope, actor, discussion, body, at);
  });
  deps.onCommit();
  return postId;
}

const NO_POST = 'No such post';

/**
 * A post and its network, for someone who may act on it: a member's person, or (`moderators`) a
 * platform moderator. To anyone else it answers NOT_FOUND, as a post that does not exist.
 */
async function actionablePost(scope: TransactionScope, actor: Actor | null, postId: string, moderators: boolean): Promise<VisibleNetwork & { post: NetworkPostDocument }> {
  const post = await scope.collection<NetworkPostDocument>(NETWORK_POSTS).findOne({ _id: postId });
  const found = post ? await networkForCommand(scope, post.networkId) : null;
  if (!post || !found || !(isNetworkMember(actor, found.facts) || (moderators && isModerator(actor)))) throw new AppError('NOT_FOUND', NO_POST);
  return { ...found, post };
}

export async function editNetworkPost(deps: NetworkDeps, actor: Actor | null, postId: string, body: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let edited = false;
  await deps.store.withTransaction(async (scope) => {
    const { facts, post } = await actionablePost(scope, actor, postId, false);
    if (!mayEditNetworkPost(actor, facts, { authorId: post.authorId, hidden: Boolean(post.hidden) })) {
      throw new AppError('FORBIDDEN', 'Only its author edits a post, while the network lives and the post is not hidden');
    }
    if (body === post.body) return;
    // The text being replaced goes on record with when it was written: nothing an edit replaces is lost.
    await scope
      .collection<NetworkPostDocument>(NETWORK_POSTS)
      .updateOne({ _id: postId }, { $set: { body, editedAt: at }, $push: { earlier: { body: post.body, at: post.editedAt ?? post.at } } });
    await appendEvent(scope, 'network.post_edited', null, { networkId: post.networkId, discussionId: post.discussionId, postId, by: actor.userId }, at);
    edited = true;
  });
  if (edited) deps.onCommit();
}

export async function hideNetworkPost(deps: NetworkDeps, actor: Actor | null, postId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let hidden = false;
  await deps.store.withTransaction(async (scope) => {
    const { facts, post } = await actionablePost(scope, actor, postId, true);
    if (!mayHideNetworkPost(actor, facts)) throw new AppError('FORBIDDEN', 'The network’s admin organisations and moderators hide posts');
    if (post.hidden) return;
    await scope.collection<NetworkPostDocument>(NETWORK_POSTS).updateOne({ _id: postId }, { $set: { hidden: { at, by: actor.userId, reason } } });
    await appendEvent(scope, 'network.post_hidden', null, { networkId: post.networkId, discussionId: post.discussionId, postId, by: actor.userId }, at);
    hidden = true;
  });
  if (hidden) deps.onCommit();
}
