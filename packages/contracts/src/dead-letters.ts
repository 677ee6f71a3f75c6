import { z } from 'zod';

/** `dead-<processor>-<event sequence>`, as the dispatcher names them. */
export const deadLetterIdSchema = z.string().regex(/^dead-[a-z][a-z-]{0,30}-[1-9][0-9]{0,14}$/);

export const deadLetterRef = z.strictObject({ deadLetterId: deadLetterIdSchema });
export type DeadLetterRef = z.infer<typeof deadLetterRef>;

export const deadLetterListInput = z.strictObject({ limit: z.number().int().min(1).max(200).default(100) });
export type DeadLetterListInput = z.infer<typeof deadLetterListInput>;

/** An event a processor gave up on, waiting for an admin to retry or dismiss it. */
export type DeadLetterView = {
  id: string;
  /** 'mail', 'search-indexer', 'realtime', 'audit', 'view-cache', 'notifier'. */
  processor: string;
  eventSeq: number;
  eventType: string;
  /** The event's ids (what it was about), as the event log holds them. */
  subject: Record<string, string>;
  /** The last failure in one line, addresses and secrets masked. */
  error: string;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  /** 'retrying' from an admin's retry until the processor has tried again. */
  status: 'dead' | 'retrying';
};
