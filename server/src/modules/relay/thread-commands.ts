// The relay thread of a project: buyers who take the baton ask, the project's buyers (and anyone
// else who may post) reply. Edits are new versions with a note; moderators hide a post with a
// recorded reason. Nothing is deleted (DESIGN.md §3.3).
import type { RelayPostInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayEditRelayPost, mayHideRelayPost, mayPostInRelayThread } from '../../platform/policy/relay-policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import type { RelayDeps } from './commands.ts';
import { RELAY_POSTS, type RelayPostDocument } from './documents.ts';
import { visibleRelayProject } from './queries.ts';

const NO_POST = 'No such relay post';

/** The post if the actor may see its project; otherwise NOT_FOUND, as for a post that does not exist. */
async function visiblePost(scope: TransactionScope, actor: Actor | null, postId: string): Promise<RelayPostDocument> {
  const post = await scope.collection<RelayPostDocument>(RELAY_POSTS).findOne({ _id: postId });
  if (!post) throw new AppError('NOT_FOUND', NO_POST);
  await visibleRelayProject(scope, actor, post.projectId, NO_POST);
  return post;
}

export async function postInRelayThread(deps: RelayDeps, actor: Actor | null, input: RelayPostInput): Promise<string> {
  const at = deps.clock.now().toISOString();
  const postId = newId();
  await deps.store.withTransaction(async (scope) => {
    const project = await visibleRelayProject(scope, actor, input.projectId);
    if (!mayPostInRelayThread(actor, project)) throw new AppError('FORBIDDEN', 'Verified buyers ask and answer in relay threads');
    if (input.replyTo) {
      // Replies answer a question of this thread; the thread is one level deep.
      const question = await scope.collection<RelayPostDocument>(RELAY_POSTS).findOne({ _id: input.replyTo, projectId: project._id });
      if (!question || question.replyTo !== null) throw new AppError('NOT_FOUND', NO_POST);
    }
    await scope.collection<RelayPostDocument>(RELAY_POSTS).insertOne({
      _id: postId,
      projectId: project._id,
      replyTo: input.replyTo ?? null,
      authorId: actor.userId,
      organisationId: actor.organisationId,
      createdAt: at,
      versions: [{ body: input.body, at, note: '' }],
      hidden: null,
    });
    await appendEvent(scope, 'relay.post_published', null, { projectId: project._id, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return postId;
}

export async function editRelayPost(deps: RelayDeps, actor: Actor | null, postId: string, body: string, note: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const post = await visiblePost(scope, actor, postId);
    if (!mayEditRelayPost(actor, post)) throw new AppError('FORBIDDEN', 'Only its author edits a post');
    // The count of versions is in the filter, so two edits made at once cannot overwrite each other.
    const updated = await scope
      .collection<RelayPostDocument>(RELAY_POSTS)
      .updateOne({ _id: post._id, versions: { $size: post.versions.length } }, { $push: { versions: { body, at, note } } });
    if (updated.matchedCount !== 1) throw new Error('relay post changed during its edit');
    await appendEvent(scope, 'relay.post_edited', null, { projectId: post.projectId, postId: post._id, by: actor.userId }, at);
  });
  deps.onCommit();
}

export async function hideRelayPost(deps: RelayDeps, actor: Actor | null, postId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let hidden = false;
  await deps.store.withTransaction(async (scope) => {
    const post = await visiblePost(scope, actor, postId);
    if (!mayHideRelayPost(actor)) throw new AppError('FORBIDDEN', 'Moderators hide posts');
    if (post.hidden) return;
    await scope.collection<RelayPostDocument>(RELAY_POSTS).updateOne({ _id: post._id }, { $set: { hidden: { at, by: actor.userId, reason } } });
    await appendEvent(scope, 'relay.post_hidden', null, { projectId: post.projectId, postId: post._id, by: actor.userId }, at);
    hidden = true;
  });
  if (hidden) deps.onCommit();
}
