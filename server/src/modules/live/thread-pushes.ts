// Which thread change each event is, for live updates. The pushed thread is the thread as it is
// now (events carry ids; views are built from the current state), and `what` lets the page say
// what happened.
import type { ThreadChange } from '@dialogforum/contracts';
import type { EventType } from '../../platform/events/event-log.ts';

/** `post.published` is an answer or a comment, told by the post itself. */
export const THREAD_CHANGE_OF: Partial<Record<EventType, ThreadChange | 'post'>> = {
  'thread.created': 'asked',
  'thread.submitted': 'submitted',
  'thread.published': 'published',
  'thread.published_from_session': 'published',
  'thread.answered_privately': 'answered-privately',
  'post.published': 'post',
  'post.edited': 'edited',
  'question.redacted': 'redacted',
  'answer.corrected': 'corrected',
  'thread.vote_changed': 'voted',
  'post.hidden': 'hidden',
  'thread.locked': 'locked',
  'thread.unlocked': 'unlocked',
  'answer.attachment_added': 'attached',
  'answer.attachment_removed': 'attachment-removed',
};

/** Events that change the dialogue itself: its page refetches it. */
export const DIALOGUE_CHANGES = new Set<EventType>([
  'dialogue.deadline_changed',
  'dialogue.owner_added',
  'dialogue.qa_mode_changed',
  'dialogue.details_changed',
  'dialogue.phase_changed',
  'dialogue.tender_deadline_changed',
  'dialogue.visibility_changed',
  'dialogue.archived',
  'dialogue.restored',
  'dialogue.attachment_added',
  'dialogue.attachment_removed',
  'dialogue.outcome_recorded',
]);

/** Events about a dialogue's sessions: its page refetches them. */
export const SESSION_CHANGES = new Set<EventType>([
  'session.scheduled',
  'session.updated',
  'session.rescheduled',
  'session.cancelled',
  'session.registered',
  'session.waitlisted',
  'session.unregistered',
  'session.promoted',
  'session.started',
  'session.ended',
  'session.minutes_published',
]);
