import type { FeedbackView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayReadFeedback } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { FEEDBACK, type FeedbackDocument } from './feedback-documents.ts';

/** The newest feedback first, for the admins who answer it. */
export async function listFeedback(store: DocumentStore, actor: Actor | null, limit: number): Promise<FeedbackView[]> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!mayReadFeedback(actor)) throw new AppError('FORBIDDEN', 'Only admins read feedback');
  const documents = await store.collection<FeedbackDocument>(FEEDBACK).find({}, { sort: { receivedAt: -1 }, limit });
  return documents.map((feedback) => ({
    id: feedback._id,
    reference: feedback.reference,
    kind: feedback.kind,
    message: feedback.message,
    page: feedback.page,
    name: feedback.name,
    email: feedback.email,
    language: feedback.language,
    receivedAt: feedback.receivedAt,
    signedIn: feedback.signedIn,
  }));
}

export async function ensureFeedbackIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(FEEDBACK, [{ keys: { receivedAt: -1 }, name: 'newest' }]);
}
