// "I want to know too": one vote per person and thread, taken back by voting again with wants=false.
// Saying the same twice changes nothing and writes nothing.
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayVote } from '../../platform/policy/thread-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { VOTES, voteId, type VoteDocument } from './documents.ts';
import { threadFacts, visibleThread } from './thread-access.ts';
import { changeThread } from './thread-writes.ts';

export type VoteDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function vote(deps: VoteDeps, actor: Actor, threadId: string, wants: boolean): Promise<void> {
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { thread, dialogue } = await visibleThread(scope, actor, threadId);
    if (!mayVote(actor, dialogue, threadFacts(thread))) throw new AppError('FORBIDDEN', 'You cannot vote on this question');
    const votes = scope.collection<VoteDocument>(VOTES);
    const id = voteId(threadId, actor.userId);
    const existing = await votes.findOne({ _id: id });
    if (wants === (existing !== null)) return;
    const at = deps.clock.now().toISOString();
    if (wants) await votes.insertOne({ _id: id, threadId, dialogueId: dialogue._id, userId: actor.userId, at });
    else await votes.deleteMany({ _id: id });
    await changeThread(scope, thread, { voteCount: thread.voteCount + (wants ? 1 : -1) });
    await appendEvent(scope, 'thread.vote_changed', dialogue._id, { threadId, by: actor.userId }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}
