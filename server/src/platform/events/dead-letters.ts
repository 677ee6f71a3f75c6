// The dead-letter list: events a processor gave up on after its bounded attempts, kept with the
// last error so an admin can retry them once the cause is fixed, or dismiss them. A dead letter
// names its event by sequence and holds nothing of the event's content: the event log keeps that.
import { errorSummary } from '../logging/redaction.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { DomainEvent, EventType } from './event-log.ts';

export type DeadLetterStatus = 'dead' | 'retrying' | 'resolved' | 'dismissed';

export type DeadLetterDocument = {
  _id: string;
  processor: string;
  eventSeq: number;
  eventType: EventType;
  /** One masked line about the last failure (see redaction.ts). */
  error: string;
  /** Every attempt so far, over all retries. */
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  status: DeadLetterStatus;
  /** The admin who last asked for a retry or dismissed it, and when. */
  actedBy: string | null;
  actedAt: string | null;
  resolvedAt: string | null;
};

export const DEAD_LETTERS = 'deadLetters';
/** Statuses that still need an admin: given up on, or being tried again. */
export const OPEN_DEAD_LETTER_STATUSES: DeadLetterStatus[] = ['dead', 'retrying'];

/** One dead letter per processor and event: giving up on it again updates the same one. */
export function deadLetterId(processor: string, eventSeq: number): string {
  return `dead-${processor}-${eventSeq}`;
}

export type GiveUp = { processor: string; event: DomainEvent; error: unknown; attempts: number; firstFailedAt: Date; at: Date };

export async function recordDeadLetter(store: DocumentStore, giveUp: GiveUp): Promise<void> {
  const { processor, event } = giveUp;
  await store.collection<DeadLetterDocument>(DEAD_LETTERS).updateOne(
    { _id: deadLetterId(processor, event.seq) },
    {
      $set: { error: errorSummary(giveUp.error), lastFailedAt: giveUp.at.toISOString(), status: 'dead' },
      $inc: { attempts: giveUp.attempts },
      $setOnInsert: {
        processor,
        eventSeq: event.seq,
        eventType: event.type,
        firstFailedAt: giveUp.firstFailedAt.toISOString(),
        actedBy: null,
        actedAt: null,
        resolvedAt: null,
      },
    },
    { upsert: true },
  );
}

/** A retry asked for by an admin went through: the dead letter is settled. */
export async function resolveDeadLetter(store: DocumentStore, id: string, at: Date): Promise<void> {
  await store
    .collection<DeadLetterDocument>(DEAD_LETTERS)
    .updateOne({ _id: id, status: 'retrying' }, { $set: { status: 'resolved', resolvedAt: at.toISOString() } });
}

/** Open dead letters per processor, for readiness and metrics. */
export async function openDeadLettersByProcessor(store: DocumentStore): Promise<Record<string, number>> {
  const open = await store.collection<DeadLetterDocument>(DEAD_LETTERS).find({ status: { $in: OPEN_DEAD_LETTER_STATUSES } });
  const counts: Record<string, number> = {};
  for (const letter of open) counts[letter.processor] = (counts[letter.processor] ?? 0) + 1;
  return counts;
}

export async function ensureDeadLetterIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(DEAD_LETTERS, [{ keys: { status: 1, lastFailedAt: -1 }, name: 'status' }]);
}
