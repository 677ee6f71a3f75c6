// Feedback reaches the operators: it is stored (admins list it), mailed to the operator's contact
// address and, when the sender gave an address, a receipt is mailed to them. All in one transaction
// with its event, so a feedback is never stored without its mail queued, nor mailed without being
// kept. Anyone may send feedback, signed in or not: a barrier may be exactly what keeps someone from
// signing in.
import type { FeedbackInput, FeedbackReceipt } from '@dialogforum/contracts';
import type { OperatorConfig } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { FEEDBACK, type FeedbackDocument } from './feedback-documents.ts';
import { feedbackReceiptMail, feedbackToOperatorMail } from './feedback-mail.ts';

export type FeedbackDeps = { store: DocumentStore; clock: Clock; onCommit: () => void; operator: OperatorConfig; publicUrl: string };

const COUNTERS = 'counters';

/** `mayMailReceipt`: the receipt limit for the sender's address (router.ts) still allows one. */
export async function receiveFeedback(
  deps: FeedbackDeps,
  actor: Actor | null,
  input: FeedbackInput,
  { mayMailReceipt }: { mayMailReceipt: boolean },
): Promise<FeedbackReceipt> {
  const now = deps.clock.now();
  const receivedAt = now.toISOString();
  let receipt: FeedbackReceipt = { reference: '', receiptMailed: false };
  await deps.store.withTransaction(async (scope) => {
    // Numbered per year without gaps (the counter moves in the transaction), as a registry numbers.
    const year = now.getUTCFullYear();
    const counter = await scope
      .collection<{ _id: string; value: number }>(COUNTERS)
      .findOneAndUpdate({ _id: `feedback-${year}` }, { $inc: { value: 1 } }, { upsert: true });
    if (!counter) throw new Error('feedback counter missing after upsert');
    const feedback: FeedbackDocument = {
      _id: newId(),
      reference: `F-${year}-${String(counter.value).padStart(4, '0')}`,
      kind: input.kind,
      message: input.message,
      page: input.page || null,
      name: input.name || null,
      email: input.email || null,
      language: input.language,
      receivedAt,
      signedIn: actor !== null,
    };
    await scope.collection<FeedbackDocument>(FEEDBACK).insertOne(feedback);
    await appendEvent(scope, 'feedback.received', null, { feedbackId: feedback._id }, receivedAt);
    if (deps.operator.email) await queueMail(scope, feedbackToOperatorMail(deps.operator.email, feedback, deps.publicUrl), now);
    const receiptMailed = feedback.email !== null && mayMailReceipt;
    if (receiptMailed && feedback.email) await queueMail(scope, feedbackReceiptMail(feedback.email, feedback, deps.operator.name, deps.publicUrl), now);
    receipt = { reference: feedback.reference, receiptMailed };
  });
  deps.onCommit();
  return receipt;
}

/** Deletes feedback older than FEEDBACK_KEPT_DAYS; resolves with how many. */
export function pruneOldFeedback(store: DocumentStore, now: Date, keptDays: number): Promise<number> {
  const before = new Date(now.getTime() - keptDays * 24 * 60 * 60 * 1000).toISOString();
  return store.collection<FeedbackDocument>(FEEDBACK).deleteMany({ receivedAt: { $lt: before } });
}
