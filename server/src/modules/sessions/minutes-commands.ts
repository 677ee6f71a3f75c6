// After the session: the host publishes its minutes, and in the same transaction every live
// question they answered becomes a published thread of the dialogue with the answer as its
// official answer (DESIGN.md §3.4: suppliers who were not there learn the same). The event tells
// the notifier to tell everyone registered or following the dialogue, attendees and absentees alike.
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { publishSessionAnswer } from '../threads/session-qa-writes.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';
import { LIVE_QUESTIONS, type LiveQuestionDocument } from './live-documents.ts';
import type { LiveRoomDeps } from './live-question-commands.ts';
import { liveRoomOf, nextRoomChange, refuseUnlessHost } from './live-room-access.ts';

export async function publishMinutes(deps: LiveRoomDeps, actor: Actor, sessionId: string, minutes: string): Promise<{ publishedQuestions: number }> {
  let publishedQuestions = 0;
  await deps.store.withTransaction(async (scope) => {
    const room = await liveRoomOf(scope, actor, sessionId);
    refuseUnlessHost(actor, room);
    if (room.session.status !== 'ended') throw new AppError('SESSION_NOT_LIVE', 'Minutes are published once the session has ended');
    if (room.session.minutes) throw new AppError('SESSION_CLOSED', 'The minutes are published already');
    const at = deps.clock.now().toISOString();
    const questions = scope.collection<LiveQuestionDocument>(LIVE_QUESTIONS);
    // In the order they were asked, so the dialogue's list reads like the session went.
    const answered = (await questions.find({ sessionId, status: 'visible' }, { sort: { createdAt: 1 } })).filter(
      (question) => question.answer !== null && question.threadId === null,
    );
    for (const question of answered) {
      const answer = question.answer!;
      const threadId = await publishSessionAnswer(
        scope,
        {
          dialogueId: room.dialogue._id,
          sessionId,
          asker: { userId: question.askerId, organisationId: question.askerOrganisationId },
          question: question.body,
          answerer: { userId: answer.by, organisationId: answer.organisationId },
          answer: answer.text,
          askedAt: question.createdAt,
          answeredAt: answer.at,
        },
        actor.userId,
        at,
      );
      const change = await nextRoomChange(scope, sessionId);
      await questions.updateOne({ _id: question._id }, { $set: { threadId, change } });
    }
    publishedQuestions = answered.length;
    const change = await nextRoomChange(scope, sessionId);
    await scope.collection<SessionDocument>(SESSIONS).updateOne({ _id: sessionId }, { $set: { minutes: { text: minutes, at, by: actor.userId } } });
    await appendEvent(scope, 'session.minutes_published', room.dialogue._id, { sessionId, by: actor.userId, change: String(change), questions: String(answered.length) }, at);
  });
  deps.onCommit();
  return { publishedQuestions };
}
