// Following is per person (a dialogue, a thread, an arena): a follow of something the person may
// not see answers NOT_FOUND, exactly as a missing dialogue or question would. It is personal bookkeeping that nothing else reacts to,
// so it writes no event (as reading a notification writes none).
import type { FollowRef } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { visibleThread } from '../threads/thread-access.ts';
import { FOLLOWS, followId, type FollowDocument } from './documents.ts';

export type FollowDeps = { store: DocumentStore; clock: Clock };

export async function follow(deps: FollowDeps, actor: Actor, target: FollowRef): Promise<void> {
  const since = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    // Every arena is public (its page shows each viewer only what they may see), so following one needs no check.
    const dialogueId =
      target.kind === 'arena'
        ? null
        : target.kind === 'dialogue'
          ? (await visibleDialogue(scope, actor, target.id))._id
          : (await visibleThread(scope, actor, target.id)).thread.dialogueId;
    await scope
      .collection<FollowDocument>(FOLLOWS)
      .updateOne(
        { _id: followId(actor.userId, target.kind, target.id) },
        { $set: { following: true }, $setOnInsert: { userId: actor.userId, kind: target.kind, targetId: target.id, dialogueId, auto: false, since } },
        { upsert: true },
      );
  });
}

/**
 * Stops following. Always answers the same (there is nothing to learn from it), and keeps the
 * document so that writing in the thread later does not make the person follow it again.
 */
export async function unfollow(deps: FollowDeps, actor: Actor, target: FollowRef): Promise<void> {
  await deps.store
    .collection<FollowDocument>(FOLLOWS)
    .updateOne({ _id: followId(actor.userId, target.kind, target.id), following: true }, { $set: { following: false } });
}
