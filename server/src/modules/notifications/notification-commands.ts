// A person's own notifications and e-mail choice. Reading and choosing are personal bookkeeping
// that nothing reacts to, so they write no event. Marking someone else's notification read is
// ignored, not refused: the answer must not tell whether such an id exists.
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { stopSavedSearchMail } from '../saved-searches/commands.ts';
import { NOTIFICATIONS, SHOWN_IN_APP, type NotificationDocument } from './documents.ts';
import { setEmailChoice } from './email-choice.ts';
import type { UnsubscribeClaim, UnsubscribeSigner } from './unsubscribe-token.ts';

export type NotificationDeps = { store: DocumentStore; clock: Clock };

/** Read notifications leave the digest too: the person has seen them. */
export async function markRead(deps: NotificationDeps, actor: Actor, ids: string[] | 'all'): Promise<void> {
  const readAt = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const notifications = scope.collection<NotificationDocument>(NOTIFICATIONS);
    // Only what the app shows: a saved search told by e-mail only stays for its digest.
    const unread = await notifications.find({ userId: actor.userId, readAt: null, ...SHOWN_IN_APP, ...(ids === 'all' ? {} : { _id: { $in: [...new Set(ids)] } }) });
    for (const notification of unread) await notifications.updateOne({ _id: notification._id }, { $set: { readAt, awaitingDigest: false } });
  });
}

/** Whose mail an unsubscribe link stops, and which; INVALID_TOKEN for anything else. */
export function unsubscribingPerson(signer: UnsubscribeSigner, token: string): UnsubscribeClaim {
  const claim = signer.verify(token);
  if (!claim) throw new AppError('INVALID_TOKEN', 'This unsubscribe link is not valid');
  return claim;
}

/** One click in a mail, signed in or not: that person gets no more notification mail, or no more of that saved search's. */
export async function unsubscribe(deps: NotificationDeps, signer: UnsubscribeSigner, token: string): Promise<UnsubscribeClaim> {
  const claim = unsubscribingPerson(signer, token);
  if (claim.savedSearchId) await stopSavedSearchMail(deps, claim.userId, claim.savedSearchId);
  else await setEmailChoice(deps, claim.userId, 'off');
  return claim;
}
