// The notifier: reacts to events after they are committed (never inside a request). For an event
// it works out who is told what (recipients.ts), checks each person against the policy with their
// standing now, and in one transaction writes their notifications, the threads they now follow,
// the immediate mails of those who chose them, and a `notification.created` event that the
// realtime processor turns into pushes to the people's own sockets. A notification's id is
// (event, person), so handling an event again writes, mails and pushes nothing new.
//
// The same transaction tells people of their saved searches' new results in the event
// (saved-search-notices.ts), marked once only per saved search and result.
//
// `notification.digest_due` (digest-schedule.ts) mails each person who chose the daily digest
// their unread notifications, one transaction per person that also clears them.
import type { NotificationKind } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent, type DomainEvent } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { personStanding, type PersonStanding } from '../accounts/queries.ts';
import { savedSearchAlerts } from '../saved-searches/saved-search-alerts.ts';
import { FOLLOWS, followId, NOTIFICATIONS, notificationId, type FollowDocument, type NotificationDocument } from './documents.ts';
import { emailChoiceOf } from './email-choice.ts';
import { digestMail, immediateMail, type MailLinks } from './notification-mail.ts';
import { buildNotificationViews } from './notification-views.ts';
import { mayBeTold, planFor, type Plan } from './recipients.ts';
import { tellSavedSearchResults } from './saved-search-notices.ts';
import type { UnsubscribeSigner } from './unsubscribe-token.ts';

export type NotifierDeps = {
  store: DocumentStore;
  clock: Clock;
  signer: UnsubscribeSigner;
  publicUrl: string;
  digestTimeZone: string;
  onCommit: () => void;
};

/** The link that stops the person's notification mail, or only one saved search's mail. */
export function unsubscribeUrl(deps: Pick<NotifierDeps, 'publicUrl' | 'signer'>, userId: string, savedSearchId: string | null = null): string {
  return `${deps.publicUrl}/unsubscribe?token=${savedSearchId ? deps.signer.signSavedSearch(userId, savedSearchId) : deps.signer.sign(userId)}`;
}

export function notifierProcessor(deps: NotifierDeps): EventProcessor {
  const links = (userId: string, savedSearchId: string | null = null): MailLinks => ({
    publicUrl: deps.publicUrl,
    unsubscribeUrl: unsubscribeUrl(deps, userId, savedSearchId),
    timeZone: deps.digestTimeZone,
    ...(savedSearchId ? { about: 'saved-search' as const } : {}),
  });

  async function notify(event: DomainEvent): Promise<void> {
    const plan = await planFor(deps.store, event);
    const alerts = await savedSearchAlerts(deps.store, event);
    if (!plan && alerts.length === 0) return;
    let created = 0;
    await deps.store.withTransaction(async (scope) => {
      created = 0;
      if (plan) {
        await followThreadFor(scope, plan, event.at);
        for (const [userId, kind] of plan.kindFor) {
          if (await tellPerson(scope, event, plan, userId, kind)) created += 1;
        }
      }
      for (const alert of alerts) {
        if (await tellSavedSearchResults(scope, event, alert, mailNow)) created += 1;
      }
      if (created > 0) await appendEvent(scope, 'notification.created', null, { sourceSeq: String(event.seq) }, deps.clock.now().toISOString());
    });
    if (created > 0) deps.onCommit();
  }

  /** Asking, answering or commenting follows the thread, unless the person once stopped following it. */
  async function followThreadFor(scope: TransactionScope, plan: Plan, at: string): Promise<void> {
    if (!plan.thread) return;
    const { _id: threadId, dialogueId } = plan.thread;
    for (const userId of plan.autoFollowers) {
      await scope
        .collection<FollowDocument>(FOLLOWS)
        .updateOne(
          { _id: followId(userId, 'thread', threadId) },
          { $setOnInsert: { userId, kind: 'thread', targetId: threadId, dialogueId, following: true, auto: true, since: at } },
          { upsert: true },
        );
    }
  }

  async function tellPerson(scope: TransactionScope, event: DomainEvent, plan: Plan, userId: string, kind: NotificationKind): Promise<boolean> {
    const notifications = scope.collection<NotificationDocument>(NOTIFICATIONS);
    const id = notificationId(event.seq, userId);
    if (await notifications.findOne({ _id: id })) return false;
    const person = await personStanding(scope, userId);
    if (!person || !mayBeTold(person.actor, plan, kind)) return false;
    const choice = await emailChoiceOf(scope, userId);
    // A reminder in tomorrow's digest would be too late: it is mailed at once unless mail is off.
    const timely = kind === 'session-reminder-24h' || kind === 'session-reminder-15m';
    const notification: NotificationDocument = {
      _id: id,
      userId,
      seq: event.seq,
      kind,
      createdAt: event.at,
      readAt: null,
      dialogueId: plan.dialogue?._id ?? null,
      threadId: plan.thread?._id ?? null,
      organisationId: plan.organisationId,
      arenaId: plan.arenaId,
      libraryItemId: plan.libraryItem?._id ?? null,
      relayProjectId: plan.relayProject?._id ?? null,
      networkId: plan.network?.found.network._id ?? null,
      consortiumId: plan.consortium?.facts.consortium._id ?? null,
      opportunityId: plan.opportunity?.opportunity._id ?? null,
      note: plan.note,
      deadline: plan.deadline,
      sessionId: plan.sessionId,
      awaitingDigest: !timely && choice === 'daily' && person.confirmedEmail !== null,
    };
    await notifications.insertOne(notification);
    if (choice === 'immediately' || (timely && choice !== 'off')) await mailNow(scope, person, notification);
    return true;
  }

  async function mailNow(scope: TransactionScope, person: PersonStanding, notification: NotificationDocument): Promise<void> {
    if (!person.confirmedEmail) return;
    const [view] = await buildNotificationViews(scope, person.actor, [notification]);
    if (!view) return;
    // A saved search's mail carries the link that stops that search's mail only.
    const mailLinks = links(person.actor.userId, notification.savedSearch?.id ?? null);
    await queueMail(scope, immediateMail(person.confirmedEmail, person.actor.name, person.language, view, mailLinks), deps.clock.now());
  }

  async function sendDigests(event: DomainEvent): Promise<void> {
    const cutoff = event.subject.cutoff;
    if (!cutoff) return;
    const waiting = await deps.store.collection<NotificationDocument>(NOTIFICATIONS).find({ awaitingDigest: true });
    const people = [...new Set(waiting.filter((notification) => notification.createdAt <= cutoff).map((notification) => notification.userId))];
    let queued = false;
    for (const userId of people) {
      await deps.store.withTransaction(async (scope) => {
        queued = (await digestFor(scope, userId, cutoff)) || queued;
      });
    }
    if (queued) deps.onCommit();
  }

  /** One person's digest: their unread notifications up to the cutoff, mailed and cleared together. */
  async function digestFor(scope: TransactionScope, userId: string, cutoff: string): Promise<boolean> {
    const notifications = scope.collection<NotificationDocument>(NOTIFICATIONS);
    const waiting = (await notifications.find({ userId, awaitingDigest: true }, { sort: { seq: 1 } })).filter((notification) => notification.createdAt <= cutoff);
    if (waiting.length === 0) return false;
    for (const notification of waiting) await notifications.updateOne({ _id: notification._id }, { $set: { awaitingDigest: false } });
    const person = await personStanding(scope, userId);
    const choice = await emailChoiceOf(scope, userId);
    if (!person?.confirmedEmail || choice === 'off') return false;
    // A saved search chose the digest itself; anything else waits for it only while the person's choice is the digest.
    const unread = waiting.filter((notification) => notification.readAt === null && (choice === 'daily' || notification.savedSearch));
    if (unread.length === 0) return false;
    // What the person can no longer see is left out rather than told as "no longer available".
    const views = (await buildNotificationViews(scope, person.actor, unread)).filter(
      (view) => view.dialogue !== null || view.organisation !== null || view.libraryItem !== null || view.savedSearch !== null || view.relayProject !== null || view.network !== null || view.consortium !== null || view.opportunity !== null,
    );
    if (views.length === 0) return false;
    await queueMail(scope, digestMail(person.confirmedEmail, person.actor.name, person.language, views, links(userId)), deps.clock.now());
    return true;
  }

  return {
    name: 'notifier',
    async handle(event: DomainEvent) {
      if (event.type === 'notification.digest_due') await sendDigests(event);
      else await notify(event);
    },
  };
}
