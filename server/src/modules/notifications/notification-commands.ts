// A person's own notifications and e-mail choice. Reading and choosing are personal bookkeeping
// that nothing reacts to, so they write no event. Marking someone else's notification read is
// ignored, not refused: the answer must not tell whether such an id exists.
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { NOTIFICATIONS, type NotificationDocument } from './documents.ts';
import { setEmailChoice } from './email-choice.ts';
import type { UnsubscribeSigner } from './unsubscribe-token.ts';

export type NotificationDeps = { store: DocumentStore; clock: Clock };

/** Read notifications leave the digest too: the person has seen them. */
export async function markRead(deps: NotificationDeps, actor: Actor, ids: string[] | 'all'): Promise<void> {
  const readAt = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const notifications = scope.collection<NotificationDocument>(NOTIFICATIONS);
    const unread = await notifications.find({ userId: actor.userId, readAt: null, ...(ids === 'all' ? {} : { _id: { $in: [...new Set(ids)] } }) });
    for (const notification of unread) await notifications.updateOne({ _id: notification._id }, { $set: { readAt, awaitingDigest: false } });
  });
}

/** The person an unsubscribe link was made for; INVALID_TOKEN for anything else. */
export function unsubscribingPerson(signer: UnsubscribeSigner, token: string): string {
  const userId = signer.verify(token);
  if (!userId) throw new AppError('INVALID_TOKEN', 'This unsubscribe link is not valid');
  return userId;
}

/** One click in a mail, signed in or not: that person gets no more notification mail. */
export async function unsubscribe(deps: NotificationDeps, signer: UnsubscribeSigner, token: string): Promise<void> {
  await setEmailChoice(deps, unsubscribingPerson(signer, token), 'off');
}
