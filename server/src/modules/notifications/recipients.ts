// Who is told of an event, and as what. Candidates come from the event's facts: the asker, the
// followers of the dialogue, of the thread and of an arena, the buyers of the dialogue, the members of an
// organisation. Each candidate is then checked against the policy with their standing now (the
// notifier does that, `mayBeTold`), so a follower who may not see a question is never told of it.
import type { NotificationKind } from '@dialogforum/contracts';
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { canViewDialogue } from '../../platform/policy/policy.ts';
import { canViewLibraryItem } from '../../platform/policy/library-policy.ts';
import { canViewThread, mayHandleQuestions } from '../../platform/policy/thread-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import type { LibraryItemDocument } from '../library/documents.ts';
import { libraryItemFacts } from '../library/queries.ts';
import type { RelayProjectDocument } from '../relay/documents.ts';
import { relayPostFacts, relayProjectFacts } from '../relay/queries.ts';
import { canViewRelayProject } from '../../platform/policy/relay-policy.ts';
import { memberIds } from '../organisations/queries.ts';
import { cancelledNetworkSessionNotice } from '../networks/network-sessions.ts';
import { changedNetworkSessionNotice } from '../networks/network-session-edit.ts';
import { networkNoticeFacts, type VisibleNetwork } from '../networks/queries.ts';
import { canSeeNetwork, isNetworkAdmin, isNetworkMember } from '../../platform/policy/network-policy.ts';
import { consortiumNoticeFacts, maySeeConsortium, maySeeOpportunity, opportunityNoticeFacts, type ConsortiumNoticeFacts, type OpportunityNoticeFacts } from '../consortia/queries.ts';
import { roundParticipants } from '../meetings/queries.ts';
import { sessionAudience, sessionNoticeFacts } from '../sessions/session-audience.ts';
import { sessionRegistrantIds } from '../sessions/queries.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../threads/documents.ts';
import { threadFacts } from '../threads/thread-access.ts';
import { FOLLOWS, type FollowDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type Plan = {
  kindFor: Map<string, NotificationKind>;
  dialogue: DialogueDocument | null;
  thread: ThreadDocument | null;
  post: PostDocument | null;
  organisationId: string | null;
  /** The arena whose followers hear of a new dialogue or library item. */
  arenaId: string | null;
  libraryItem: LibraryItemDocument | null;
  relayProject: RelayProjectDocument | null;
  /** A buyers' network and the organisation an invitation, a request or its answer concerns. */
  network: { found: VisibleNetwork; organisationId: string } | null;
  /** A consortium and the organisations its invitation, or a member's answer or leaving, concerns. */
  consortium: { facts: ConsortiumNoticeFacts; organisationIds: string[] } | null;
  /** An edited or withdrawn opportunity, and the organisations concerned: the interested and its consortia's leads. */
  opportunity: OpportunityNoticeFacts | null;
  note: string | null;
  deadline: { from: string; to: string } | null;
  sessionId: string | null;
  /** Who now follows the thread because they asked, answered or commented in it. */
  autoFollowers: string[];
};

/** Kinds a person is told of as the asker win over what they are told of as a follower. */
function tell(plan: Plan, userIds: Iterable<string>, kind: NotificationKind): void {
  for (const userId of userIds) if (!plan.kindFor.has(userId)) plan.kindFor.set(userId, kind);
}

export async function planFor(store: Readable, event: DomainEvent): Promise<Plan | null> {
  const plan: Plan = { kindFor: new Map(), dialogue: null, thread: null, post: null, organisationId: null, arenaId: null, libraryItem: null, relayProject: null, network: null, consortium: null, opportunity: null, note: null, deadline: null, sessionId: null, autoFollowers: [] };
  const { threadId, postId, by } = event.subject;

  // A rejected verification (issue 8 §1) is no event yet; when it becomes one, its members are told
  // with the reason, expected as `subject.reason`.
  if (event.type === 'organisation.verified' || event.type === ('organisation.rejected' as DomainEvent['type'])) {
    const organisationId = event.subject.organisationId;
    if (!organisationId) return null;
    plan.organisationId = organisationId;
    plan.note = event.type === 'organisation.verified' ? null : (event.subject.reason ?? null);
    tell(plan, await memberIds(store, [organisationId]), event.type === 'organisation.verified' ? 'organisation-verified' : 'organisation-rejected');
    return finish(plan, by);
  }

  if (event.type === 'library.item_published') {
    plan.libraryItem = await libraryItemFacts(store, event.subject.itemId ?? '');
    if (!plan.libraryItem) return null;
    // An item in several followed arenas is told once, as of the first of them the person follows.
    for (const arenaId of plan.libraryItem.arenaIds) tell(plan, await followers(store, 'arena', arenaId), 'library-item-published');
    plan.arenaId = plan.libraryItem.arenaIds[0] ?? null;
    return finish(plan, by);
  }

  if (event.type === 'relay.handover_published') {
    plan.relayProject = await relayProjectFacts(store, event.subject.projectId ?? '');
    if (!plan.relayProject) return null;
    plan.arenaId = plan.relayProject.arenaId;
    tell(plan, await followers(store, 'arena', plan.relayProject.arenaId), 'relay-handover-published');
    return finish(plan, by);
  }

  if (event.type === 'relay.post_published') {
    // A question (not a reply) from outside the project's organisation: its buyers are the ones to answer it.
    const post = await relayPostFacts(store, event.subject.postId ?? '');
    plan.relayProject = await relayProjectFacts(store, event.subject.projectId ?? '');
    if (!post || !plan.relayProject || post.replyTo !== null || post.organisationId === plan.relayProject.organisationId) return null;
    tell(plan, await memberIds(store, [plan.relayProject.organisationId]), 'relay-question-asked');
    return finish(plan, by);
  }

  if (NETWORK_NOTICES.has(event.type)) return planNetworkNotice(store, event, plan);
  if (event.type === 'network.session_cancelled') return planNetworkSessionCancelled(store, event, plan);
  if (event.type === 'network.session_edited') return planNetworkSessionChanged(store, event, plan);
  if (CONSORTIUM_NOTICES.has(event.type)) return planConsortiumNotice(store, event, plan);

  if (event.type === 'consortium.opportunity_revised' || event.type === 'consortium.opportunity_withdrawn') {
    plan.opportunity = await opportunityNoticeFacts(store, event.subject.opportunityId ?? '');
    if (!plan.opportunity) return null;
    // The withdrawal's reason is told with it.
    plan.note = event.type === 'consortium.opportunity_withdrawn' ? (plan.opportunity.opportunity.withdrawal?.reason ?? null) : null;
    tell(plan, await memberIds(store, plan.opportunity.organisationIds), event.type === 'consortium.opportunity_revised' ? 'opportunity-revised' : 'opportunity-withdrawn');
    return finish(plan, by);
  }

  if (!event.dialogueId) return null;
  plan.dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId });
  if (!plan.dialogue) return null;

  if (event.type === 'dialogue.created') {
    plan.arenaId = plan.dialogue.arenaId;
    tell(plan, await followers(store, 'arena', plan.dialogue.arenaId), 'arena-dialogue-published');
    return finish(plan, by);
  }

  if (event.type === 'dialogue.deadline_changed') {
    const { from, to } = event.subject;
    if (!from || !to) return null;
    plan.deadline = { from, to };
    tell(plan, await followers(store, 'dialogue', plan.dialogue._id), 'deadline-changed');
    return finish(plan, by);
  }

  if (event.type === 'session.minutes_published') {
    // Attendees and absentees alike: everyone registered (or waiting) and everyone following the dialogue.
    const sessionId = event.subject.sessionId;
    if (!sessionId) return null;
    plan.sessionId = sessionId;
    tell(plan, [...(await sessionRegistrantIds(store, sessionId)), ...(await followers(store, 'dialogue', plan.dialogue._id))], 'session-minutes-published');
    return finish(plan, by);
  }
  if (event.type.startsWith('session.')) return planSessionNotice(store, event, plan);
  if (event.type === 'meeting.round_opened') {
    tell(plan, await followers(store, 'dialogue', plan.dialogue._id), 'meeting-round-opened');
    return finish(plan, by);
  }
  if (event.type === 'meeting.round_closed' && event.subject.roundId) {
    // Everyone the minutes concern: those who met, and whoever follows the dialogue.
    tell(plan, [...(await roundParticipants(store, event.subject.roundId)), ...(await followers(store, 'dialogue', plan.dialogue._id))], 'meeting-minutes-published');
    return finish(plan, by);
  }

  if (!threadId) return null;
  plan.thread = await store.collection<ThreadDocument>(THREADS).findOne({ _id: threadId });
  plan.post = postId ? await store.collection<PostDocument>(POSTS).findOne({ _id: postId }) : null;
  if (!plan.thread) return null;
  const asker = plan.thread.askerId;
  const following = async () => [...(await followers(store, 'dialogue', plan.dialogue!._id)), ...(await followers(store, 'thread', threadId))];

  switch (event.type) {
    case 'thread.created':
      plan.autoFollowers = [asker];
      tell(plan, await followers(store, 'dialogue', plan.dialogue._id), 'question-published');
      break;
    case 'thread.submitted':
      // Waiting in the inbox: for the buyers alone; nobody else may know it was asked.
      plan.autoFollowers = [asker];
      tell(plan, await memberIds(store, plan.dialogue.ownerOrganisationIds), 'question-in-inbox');
      break;
    case 'thread.published':
      plan.autoFollowers = by ? [by] : [];
      tell(plan, [asker], 'my-question-answered');
      tell(plan, await followers(store, 'dialogue', plan.dialogue._id), 'question-published');
      tell(plan, await followers(store, 'thread', threadId), 'answer-published');
      break;
    case 'thread.answered_privately':
      plan.autoFollowers = by ? [by] : [];
      tell(plan, [asker], 'my-question-answered-privately');
      break;
    case 'post.published':
      if (!plan.post) return null;
      plan.autoFollowers = [plan.post.authorId];
      if (plan.post.kind === 'answer') {
        tell(plan, [asker], 'my-question-answered');
        tell(plan, await following(), 'answer-published');
      } else {
        tell(plan, await followers(store, 'thread', threadId), 'comment-published');
      }
      break;
    case 'answer.corrected':
      tell(plan, await following(), 'answer-corrected');
      break;
    case 'question.redacted': {
      const question = await store.collection<PostDocument>(POSTS).findOne({ threadId, kind: 'question' });
      plan.note = question?.versions.at(-1)?.note ?? null;
      tell(plan, [asker], 'my-question-redacted');
      break;
    }
    default:
      return null;
  }
  return finish(plan, by);
}

/**
 * A session's notices go to those it concerns: reminders to those registered (as they stand when
 * the reminder is due), a new time or a cancellation to those registered and those waiting, a
 * promotion to the person promoted (whose own leaving-the-waitlist it is not: no `finish`).
 */
async function planSessionNotice(store: Readable, event: DomainEvent, plan: Plan): Promise<Plan | null> {
  const { sessionId, by } = event.subject;
  if (!sessionId) return null;
  plan.sessionId = sessionId;
  switch (event.type) {
    case 'session.reminder_due': {
      const kind = event.subject.reminder === 'reminder-24h' ? 'session-reminder-24h' : event.subject.reminder === 'reminder-15m' ? 'session-reminder-15m' : null;
      if (!kind) return null;
      tell(plan, await sessionAudience(store, sessionId, ['registered']), kind);
      return plan;
    }
    case 'session.rescheduled':
      tell(plan, await sessionAudience(store, sessionId, ['registered', 'waitlisted']), 'session-rescheduled');
      return finish(plan, by);
    case 'session.cancelled':
      plan.note = (await sessionNoticeFacts(store, [sessionId])).get(sessionId)?.cancellationReason ?? null;
      tell(plan, await sessionAudience(store, sessionId, ['registered', 'waitlisted']), 'session-cancelled');
      return finish(plan, by);
    case 'session.promoted':
      if (event.subject.userId) tell(plan, [event.subject.userId], 'session-promoted');
      return plan;
    default:
      return null;
  }
}

const NETWORK_NOTICES = new Set<DomainEvent['type']>(['network.invited', 'network.join_requested', 'network.member_joined', 'network.request_declined']);

/**
 * A buyers' network's invitations and requests go to the people of the organisation concerned (its
 * members, as for its verification): the invited, the asking one when answered, and for a request
 * the network's admin organisations. Joining by accepting an invitation is the organisation's own
 * doing: nobody is told of it.
 */
async function planNetworkNotice(store: Readable, event: DomainEvent, plan: Plan): Promise<Plan | null> {
  const { networkId, organisationId, by } = event.subject;
  const found = networkId && organisationId ? await networkNoticeFacts(store, networkId) : null;
  if (!found || !organisationId) return null;
  plan.network = { found, organisationId };
  if (event.type === 'network.invited') tell(plan, await memberIds(store, [organisationId]), 'network-invited');
  else if (event.type === 'network.join_requested') tell(plan, await memberIds(store, found.facts.adminOrganisationIds), 'network-join-requested');
  else if (event.type === 'network.request_declined') tell(plan, await memberIds(store, [organisationId]), 'network-request-declined');
  else if (joinedOnRequest(found, organisationId, event.at)) tell(plan, await memberIds(store, [organisationId]), 'network-request-accepted');
  return finish(plan, by);
}

/**
 * A network session's cancellation goes to those registered, with the reason. The notice names the
 * network and links to it (the cancelled session is listed there); the session's own id stays out
 * of `sessionId`, which names dialogues' sessions.
 */
async function planNetworkSessionCancelled(store: Readable, event: DomainEvent, plan: Plan): Promise<Plan | null> {
  const { sessionId, by } = event.subject;
  const notice = sessionId ? await cancelledNetworkSessionNotice(store, sessionId) : null;
  const found = notice ? await networkNoticeFacts(store, notice.networkId) : null;
  if (!notice || !found) return null;
  plan.network = { found, organisationId: notice.organisationId };
  plan.note = notice.reason;
  tell(plan, notice.registeredUserIds, 'network-session-cancelled');
  return finish(plan, by);
}

/** A change of a network session's time or place goes to those registered (a new title or agenda alone is told to nobody). */
async function planNetworkSessionChanged(store: Readable, event: DomainEvent, plan: Plan): Promise<Plan | null> {
  const { sessionId, by, changed } = event.subject;
  if (!changed) return null;
  const notice = sessionId ? await changedNetworkSessionNotice(store, sessionId) : null;
  const found = notice ? await networkNoticeFacts(store, notice.networkId) : null;
  if (!notice || !found) return null;
  plan.network = { found, organisationId: notice.organisationId };
  tell(plan, notice.registeredUserIds, 'network-session-changed');
  return finish(plan, by);
}

/** Whether the organisation became a member at `at` by its request being accepted (not by accepting an invitation). */
function joinedOnRequest(found: VisibleNetwork, organisationId: string, at: string): boolean {
  const steps = found.memberships.find((membership) => membership.organisationId === organisationId)?.steps ?? [];
  const joined = steps.findIndex((step) => step.status === 'member' && step.at === at);
  return joined > 0 && steps[joined - 1]?.status === 'requested';
}

const CONSORTIUM_NOTICES = new Set<DomainEvent['type']>(['consortium.formed', 'consortium.member_invited', 'consortium.member_confirmed', 'consortium.member_declined', 'consortium.member_left']);

/**
 * A consortium's invitations go to the people of each invited organisation (those invited when it
 * is formed, or later); a member's confirming, declining or leaving goes to the people of the lead
 * organisation. Nobody else is told, and the lead never of what it did itself (it forms, invites
 * and removes; the removed organisation is not told, as it was not before notifications).
 */
async function planConsortiumNotice(store: Readable, event: DomainEvent, plan: Plan): Promise<Plan | null> {
  const { consortiumId, by } = event.subject;
  const facts = consortiumId ? await consortiumNoticeFacts(store, consortiumId) : null;
  if (!facts) return null;
  const lead = facts.consortium.leadOrganisationId;
  if (event.type === 'consortium.formed' || event.type === 'consortium.member_invited') {
    // Both name the invited as a comma-separated list; a consortium formed with nobody invited has none.
    const invited = (event.subject.organisationIds ?? '').split(',').filter((id) => id !== '' && id !== lead);
    plan.consortium = { facts, organisationIds: invited };
    tell(plan, await memberIds(store, invited), 'consortium-invited');
    return finish(plan, by);
  }
  const member = event.subject.organisationId;
  if (!member || member === lead) return null;
  plan.consortium = { facts, organisationIds: [lead] };
  const kind = event.type === 'consortium.member_confirmed' ? 'consortium-member-confirmed' : event.type === 'consortium.member_declined' ? 'consortium-member-declined' : 'consortium-member-left';
  tell(plan, await memberIds(store, [lead]), kind);
  return finish(plan, by);
}

/** Nobody is told of what they did themself. */
function finish(plan: Plan, by: string | undefined): Plan {
  if (by) plan.kindFor.delete(by);
  return plan;
}

async function followers(store: Readable, kind: FollowDocument['kind'], targetId: string): Promise<string[]> {
  const follows = await store.collection<FollowDocument>(FOLLOWS).find({ targetId, kind, following: true });
  return follows.map((follow) => follow.userId);
}

/**
 * Whether the person may be told this now: the same policy the dialogue page and the thread views
 * use. The buyers' inbox is for those who handle its questions; a thread for those who may see it
 * (a private answer for those who may see an unpublished thread: the asker and the buyers).
 */
export function mayBeTold(actor: Actor, plan: Plan, kind: NotificationKind): boolean {
  if (kind === 'organisation-verified' || kind === 'organisation-rejected') return true;
  if (kind === 'library-item-published') return plan.libraryItem !== null && canViewLibraryItem(actor, plan.libraryItem);
  if (kind === 'relay-handover-published') return plan.relayProject !== null && canViewRelayProject(actor, plan.relayProject);
  if (kind === 'relay-question-asked') return plan.relayProject !== null && canViewRelayProject(actor, plan.relayProject) && actor.organisationId === plan.relayProject.organisationId;
  // Only a member now: one whose organisation has left is not told of the network's doings.
  if (kind === 'network-session-cancelled' || kind === 'network-session-changed') return plan.network !== null && isNetworkMember(actor, plan.network.found.facts);
  if (kind === 'network-join-requested') return plan.network !== null && isNetworkAdmin(actor, plan.network.found.facts);
  if (kind === 'network-invited' || kind === 'network-request-accepted' || kind === 'network-request-declined') {
    // Only the organisation concerned, and only while it may see the network at all (an invitation-only
    // network is seen by its members and the invited alone).
    return plan.network !== null && actor.organisationId === plan.network.organisationId && canSeeNetwork(actor, plan.network.found.facts);
  }
  if (kind === 'consortium-invited' || kind === 'consortium-member-confirmed' || kind === 'consortium-member-declined' || kind === 'consortium-member-left') {
    // Only the organisations concerned, and only while they may see the consortium at all: one kept
    // to the buyer is never named to an organisation that has since left it or was removed.
    return plan.consortium !== null && actor.organisationId !== null && plan.consortium.organisationIds.includes(actor.organisationId) && maySeeConsortium(actor, plan.consortium.facts);
  }
  if (kind === 'opportunity-revised' || kind === 'opportunity-withdrawn') {
    // Only the organisations concerned, and only while they may see the opportunity (one made of a dialogue follows it).
    return plan.opportunity !== null && actor.organisationId !== null && plan.opportunity.organisationIds.includes(actor.organisationId) && maySeeOpportunity(actor, plan.opportunity);
  }
  const { dialogue, thread, post } = plan;
  if (!dialogue) return false;
  if (!thread) return canViewDialogue(actor, dialogue);
  if (kind === 'question-in-inbox') return mayHandleQuestions(actor, dialogue) && canViewThread(actor, dialogue, threadFacts(thread));
  const facts = threadFacts(thread);
  if (!canViewThread(actor, dialogue, facts)) return false;
  return !post?.private || canViewThread(actor, dialogue, { ...facts, status: 'pending' });
}
