import type { DeadLetterView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { DEAD_LETTERS, OPEN_DEAD_LETTER_STATUSES, type DeadLetterDocument } from '../../platform/events/dead-letters.ts';
import { EVENTS, type DomainEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayHandleDeadLetters } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';

/** Dead letters waiting for an admin (or being retried), most recently failed first. */
export async function listOpenDeadLetters(store: DocumentStore, actor: Actor | null, limit: number): Promise<DeadLetterView[]> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!mayHandleDeadLetters(actor)) throw new AppError('FORBIDDEN', 'Only admins handle dead letters');
  const letters = await store
    .collection<DeadLetterDocument>(DEAD_LETTERS)
    .find({ status: { $in: OPEN_DEAD_LETTER_STATUSES } }, { sort: { lastFailedAt: -1 }, limit });
  const events = letters.length
    ? await store.collection<DomainEvent>(EVENTS).find({ seq: { $in: [...new Set(letters.map((letter) => letter.eventSeq))] } })
    : [];
  const subjects = new Map(events.map((event) => [event.seq, event.subject]));
  return letters.map((letter) => ({
    id: letter._id,
    processor: letter.processor,
    eventSeq: letter.eventSeq,
    eventType: letter.eventType,
    subject: subjects.get(letter.eventSeq) ?? {},
    error: letter.error,
    attempts: letter.attempts,
    firstFailedAt: letter.firstFailedAt,
    lastFailedAt: letter.lastFailedAt,
    status: letter.status === 'retrying' ? 'retrying' : 'dead',
  }));
}
