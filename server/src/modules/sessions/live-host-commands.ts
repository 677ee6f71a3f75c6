// The hosts' hand on the room as a whole: whether questions wait for approval, short announcements,
// and polls (single or multiple choice) that attendees answer and everyone sees the results of.
// Same shape as the question commands: policy, state, room change number and event together.
import type { OpenPollInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayTakePartInLiveRoom } from '../../platform/policy/live-room-policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';
import { ANNOUNCEMENTS, POLL_BALLOTS, pollBallotId, POLLS, type AnnouncementDocument, type PollBallotDocument, type PollDocument } from './live-documents.ts';
import type { LiveRoomDeps } from './live-question-commands.ts';
import { liveRoomOf, nextRoomChange, refuseUnlessHost, refuseUnlessLive, type LiveRoom } from './live-room-access.ts';

/** From now on, new questions show once a host approves them (or at once). Those waiting keep waiting. */
export async function setQuestionApproval(deps: LiveRoomDeps, actor: Actor, sessionId: string, questionsNeedApproval: boolean): Promise<void> {
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const room = await liveRoomOf(scope, actor, sessionId);
    refuseUnlessHost(actor, room);
    if (room.session.status === 'ended') throw new AppError('SESSION_CLOSED', 'The session has ended');
    if (room.session.questionsNeedApproval === questionsNeedApproval) return;
    const change = await nextRoomChange(scope, sessionId);
    await scope.collection<SessionDocument>(SESSIONS).updateOne({ _id: sessionId }, { $set: { questionsNeedApproval } });
    const at = deps.clock.now().toISOString();
    await appendEvent(scope, 'live.approval_changed', room.dialogue._id, { sessionId, by: actor.userId, change: String(change) }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

export async function announce(deps: LiveRoomDeps, actor: Actor, sessionId: string, body: string): Promise<string> {
  const announcementId = newId();
  await deps.store.withTransaction(async (scope) => {
    const room = await liveRoomOf(scope, actor, sessionId);
    refuseUnlessHost(actor, room);
    refuseUnlessLive(room.session);
    const at = deps.clock.now().toISOString();
    const change = await nextRoomChange(scope, sessionId);
    await scope
      .collection<AnnouncementDocument>(ANNOUNCEMENTS)
      .insertOne({ _id: announcementId, sessionId, dialogueId: room.dialogue._id, body, by: actor.userId, at, change });
    await appendEvent(scope, 'live.announced', room.dialogue._id, { sessionId, announcementId, by: actor.userId, change: String(change) }, at);
  });
  deps.onCommit();
  return announcementId;
}

export async function openPoll(deps: LiveRoomDeps, actor: Actor, input: OpenPollInput): Promise<string> {
  const pollId = newId();
  await deps.store.withTransaction(async (scope) => {
    const room = await liveRoomOf(scope, actor, input.sessionId);
    refuseUnlessHost(actor, room);
    refuseUnlessLive(room.session);
    const at = deps.clock.now().toISOString();
    const change = await nextRoomChange(scope, input.sessionId);
    await scope.collection<PollDocument>(POLLS).insertOne({
      _id: pollId,
      sessionId: input.sessionId,
      dialogueId: room.dialogue._id,
      question: input.question,
      options: input.options.map((text) => ({ text, votes: 0 })),
      multiple: input.multiple,
      voters: 0,
      closed: false,
      by: actor.userId,
      createdAt: at,
      change,
    });
    await appendEvent(scope, 'live.poll_opened', room.dialogue._id, { sessionId: input.sessionId, pollId, by: actor.userId, change: String(change) }, at);
  });
  deps.onCommit();
  return pollId;
}

/**
 * A poll and the live room it was opened in. A poll of a room the actor may not see (or of a
 * cancelled session) is answered as a missing poll, so its id tells nothing about the room.
 */
async function pollInRoom(scope: TransactionScope, actor: Actor, pollId: string): Promise<{ poll: PollDocument; room: LiveRoom }> {
  const poll = await scope.collection<PollDocument>(POLLS).findOne({ _id: pollId });
  if (!poll) throw new AppError('NOT_FOUND', 'No such poll');
  const room = await liveRoomOf(scope, actor, poll.sessionId).catch(() => {
    throw new AppError('NOT_FOUND', 'No such poll');
  });
  return { poll, room };
}

/** An attendee's answer; answering again replaces their earlier choices (each person counts once). */
export async function answerPoll(deps: LiveRoomDeps, actor: Actor, pollId: string, choices: number[]): Promise<void> {
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { poll, room } = await pollInRoom(scope, actor, pollId);
    if (!mayTakePartInLiveRoom(actor, room.dialogue)) throw new AppError('FORBIDDEN', 'Attendees answer polls');
    refuseUnlessLive(room.session);
    if (poll.closed) throw new AppError('POLL_CLOSED', 'The poll is closed');
    const chosen = [...new Set(choices)].sort((a, b) => a - b);
    if (chosen.some((choice) => choice >= poll.options.length) || (!poll.multiple && chosen.length !== 1)) {
      throw new AppError('VALIDATION', poll.multiple ? 'Choose among the poll’s options' : 'Choose one of the poll’s options', [{ path: 'choices', code: 'invalid_choice' }]);
    }
    const ballots = scope.collection<PollBallotDocument>(POLL_BALLOTS);
    const id = pollBallotId(pollId, actor.userId);
    const earlier = await ballots.findOne({ _id: id });
    if (earlier && earlier.choices.join(',') === chosen.join(',')) return;
    const at = deps.clock.now().toISOString();
    const counts = poll.options.map((option) => option.votes);
    for (const choice of earlier?.choices ?? []) counts[choice] = (counts[choice] ?? 1) - 1;
    for (const choice of chosen) counts[choice] = (counts[choice] ?? 0) + 1;
    if (earlier) await ballots.updateOne({ _id: id }, { $set: { choices: chosen, at } });
    else await ballots.insertOne({ _id: id, pollId, sessionId: poll.sessionId, userId: actor.userId, choices: chosen, at });
    const change = await nextRoomChange(scope, poll.sessionId);
    await scope.collection<PollDocument>(POLLS).updateOne(
      { _id: pollId },
      { $set: { change, options: poll.options.map((option, i) => ({ text: option.text, votes: counts[i] ?? 0 })) }, ...(earlier ? {} : { $inc: { voters: 1 } }) },
    );
    await appendEvent(scope, 'live.poll_answered', room.dialogue._id, { sessionId: poll.sessionId, pollId, by: actor.userId, change: String(change) }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

export async function closePoll(deps: LiveRoomDeps, actor: Actor, pollId: string): Promise<void> {
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { poll, room } = await pollInRoom(scope, actor, pollId);
    refuseUnlessHost(actor, room);
    if (poll.closed) return;
    const change = await nextRoomChange(scope, poll.sessionId);
    await scope.collection<PollDocument>(POLLS).updateOne({ _id: pollId }, { $set: { closed: true, change } });
    await appendEvent(scope, 'live.poll_closed', room.dialogue._id, { sessionId: poll.sessionId, pollId, by: actor.userId, change: String(change) }, deps.clock.now().toISOString());
    changed = true;
  });
  if (changed) deps.onCommit();
}
