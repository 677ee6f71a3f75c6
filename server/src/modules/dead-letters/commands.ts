// An admin's answer to an event a processor gave up on: try it again (the processor does, in its
// own loop, when it meets the `dead_letter.retried` event), or dismiss it. Both are events, so both
// are in the audit log.
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { DEAD_LETTERS, type DeadLetterDocument } from '../../platform/events/dead-letters.ts';
import { appendEvent, type EventType } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayHandleDeadLetters } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';

export type DeadLetterDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export function retryDeadLetter(deps: DeadLetterDeps, actor: Actor | null, deadLetterId: string): Promise<void> {
  return settle(deps, actor, deadLetterId, 'retrying', 'dead_letter.retried');
}

export function dismissDeadLetter(deps: DeadLetterDeps, actor: Actor | null, deadLetterId: string): Promise<void> {
  return settle(deps, actor, deadLetterId, 'dismissed', 'dead_letter.dismissed');
}

async function settle(
  deps: DeadLetterDeps,
  actor: Actor | null,
  deadLetterId: string,
  status: 'retrying' | 'dismissed',
  eventType: Extract<EventType, `dead_letter.${string}`>,
): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!mayHandleDeadLetters(actor)) throw new AppError('FORBIDDEN', 'Only admins handle dead letters');
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    // Only a dead letter that waits for an admin: one being retried, resolved or dismissed is not.
    const letter = await scope
      .collection<DeadLetterDocument>(DEAD_LETTERS)
      .findOneAndUpdate({ _id: deadLetterId, status: 'dead' }, { $set: { status, actedBy: actor.userId, actedAt: at } });
    if (!letter) throw new AppError('NOT_FOUND', 'No dead letter waits under this id');
    await appendEvent(scope, eventType, null, { deadLetterId, processor: letter.processor, eventSeq: String(letter.eventSeq), by: actor.userId }, at);
  });
  deps.onCommit();
}
