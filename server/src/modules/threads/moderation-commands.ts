// Moderation without deletion (DESIGN.md §3.3): anyone signed in flags a post with a reason;
// moderators hide it with a recorded reason (readers see that and why, moderators see what) or
// dismiss the flag, and lock or unlock a thread. Every act is an event, so it is in the audit log.
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayFlagPost, mayModeratePosts } from '../../platform/policy/thread-policy.ts';
import type { Collection, DocumentStore } from '../../platform/store/document-store.ts';
import { FLAGS, POSTS, type FlagDocument, type PostDocument } from './documents.ts';
import { visiblePost, visibleThread } from './thread-access.ts';
import { changeThread } from './thread-writes.ts';

export type ModerationDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

/** One open flag per person and post: flagging again changes nothing. */
export async function flagPost(deps: ModerationDeps, actor: Actor, postId: string, reason: string): Promise<void> {
  if (!mayFlagPost(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address first');
  let flagged = false;
  await deps.store.withTransaction(async (scope) => {
    const { post, dialogue } = await visiblePost(scope, actor, postId);
    const flags = scope.collection<FlagDocument>(FLAGS);
    if (await flags.findOne({ postId, by: actor.userId, status: 'open' })) return;
    const at = deps.clock.now().toISOString();
    const flagId = newId();
    await flags.insertOne({ _id: flagId, postId, threadId: post.threadId, dialogueId: dialogue._id, by: actor.userId, reason, at, status: 'open', decidedBy: null, decidedAt: null });
    await appendEvent(scope, 'post.flagged', dialogue._id, { threadId: post.threadId, postId, flagId, by: actor.userId }, at);
    flagged = true;
  });
  if (flagged) deps.onCommit();
}

/** Hides the post and settles its open flags; hiding a hidden post again changes nothing. */
export async function hidePost(deps: ModerationDeps, actor: Actor, postId: string, reason: string): Promise<void> {
  if (!mayModeratePosts(actor)) throw new AppError('FORBIDDEN', 'Only moderators hide posts');
  await deps.store.withTransaction(async (scope) => {
    const { post, thread, dialogue } = await visiblePost(scope, actor, postId);
    if (post.hidden) return;
    const at = deps.clock.now().toISOString();
    await scope.collection<PostDocument>(POSTS).updateOne({ _id: postId }, { $set: { hidden: { at, by: actor.userId, reason } } });
    await settleFlags(scope.collection<FlagDocument>(FLAGS), postId, 'hidden', actor.userId, at);
    await changeThread(scope, thread);
    await appendEvent(scope, 'post.hidden', dialogue._id, { threadId: thread._id, postId, by: actor.userId }, at);
  });
  deps.onCommit();
}

export async function dismissFlag(deps: ModerationDeps, actor: Actor, flagId: string): Promise<void> {
  if (!mayModeratePosts(actor)) throw new AppError('FORBIDDEN', 'Only moderators decide on flags');
  await deps.store.withTransaction(async (scope) => {
    const flags = scope.collection<FlagDocument>(FLAGS);
    const flag = await flags.findOne({ _id: flagId, status: 'open' });
    if (!flag) throw new AppError('NOT_FOUND', 'No such flag');
    const at = deps.clock.now().toISOString();
    // The post's other open flags are about the same post: one decision settles them all.
    await settleFlags(flags, flag.postId, 'dismissed', actor.userId, at);
    await appendEvent(scope, 'post.flag_dismissed', flag.dialogueId, { threadId: flag.threadId, postId: flag.postId, flagId, by: actor.userId }, at);
  });
  deps.onCommit();
}

export async function setThreadLock(deps: ModerationDeps, actor: Actor, threadId: string, lock: { reason: string } | null): Promise<void> {
  if (!mayModeratePosts(actor)) throw new AppError('FORBIDDEN', 'Only moderators lock threads');
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { thread, dialogue } = await visibleThread(scope, actor, threadId);
    if ((thread.locked !== null) === (lock !== null)) return;
    const at = deps.clock.now().toISOString();
    await changeThread(scope, thread, { locked: lock === null ? null : { at, by: actor.userId, reason: lock.reason } });
    await appendEvent(scope, lock === null ? 'thread.unlocked' : 'thread.locked', dialogue._id, { threadId, by: actor.userId }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

async function settleFlags(flags: Collection<FlagDocument>, postId: string, status: FlagDocument['status'], by: string, at: string): Promise<void> {
  for (const flag of await flags.find({ postId, status: 'open' })) {
    await flags.updateOne({ _id: flag._id }, { $set: { status, decidedBy: by, decidedAt: at } });
  }
}
