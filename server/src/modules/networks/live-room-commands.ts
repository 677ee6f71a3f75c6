// What is done in a network session's live room: the host (whoever scheduled the session, or an
// admin organisation's person) starts it and ends it, members' people ask while it is live, and the
// host hides a question with a reason. Each is policy + state + event in one transaction; the
// events are `network.live_*` with ids only, addressed to no dialogue, so the realtime processor
// sends them to the session's live room alone.
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import type { NetworkDeps } from './commands.ts';
import { NETWORK_LIVE_QUESTIONS, NETWORK_LIVE_ROOMS, type NetworkLiveQuestionDocument, type NetworkLiveRoomDocument } from './live-room-documents.ts';
import { isNetworkLiveHost, networkLiveRoomOf, NO_SESSION, type NetworkLiveRoom } from './live-room-access.ts';

const NOT_HOST = 'Only whoever scheduled the session, or an admin of the network, does that';

async function hostedRoom(scope: TransactionScope, actor: Actor | null, sessionId: string): Promise<NetworkLiveRoom> {
  const room = await networkLiveRoomOf(scope, actor, sessionId);
  if (!isNetworkLiveHost(room)) throw new AppError('FORBIDDEN', NOT_HOST);
  return room;
}

async function committed(deps: NetworkDeps, work: (scope: TransactionScope, at: string) => Promise<void>): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction((scope) => work(scope, at));
  deps.onCommit();
}

/** The host opens the room to questions; an ended room stays ended (its record says it was held). */
export function startNetworkLiveRoom(deps: NetworkDeps, actor: Actor | null, sessionId: string): Promise<void> {
  return committed(deps, async (scope, at) => {
    const { room, session, actor: host } = await hostedRoom(scope, actor, sessionId);
    if (room?.status === 'live') return;
    if (room?.status === 'ended') throw new AppError('SESSION_CLOSED', 'The live room has ended');
    await scope.collection<NetworkLiveRoomDocument>(NETWORK_LIVE_ROOMS).insertOne({ _id: sessionId, networkId: session.networkId, status: 'live', startedAt: at, startedBy: host.userId, ended: null });
    await appendEvent(scope, 'network.live_started', null, { networkId: session.networkId, sessionId, by: host.userId }, at);
  });
}

/** The host closes the room: no more questions; what was asked stays readable to members. */
export function endNetworkLiveRoom(deps: NetworkDeps, actor: Actor | null, sessionId: string): Promise<void> {
  return committed(deps, async (scope, at) => {
    const { room, session, actor: host } = await hostedRoom(scope, actor, sessionId);
    if (room?.status !== 'live') throw new AppError('SESSION_NOT_LIVE', 'The live room is not open');
    await scope.collection<NetworkLiveRoomDocument>(NETWORK_LIVE_ROOMS).updateOne({ _id: sessionId, status: 'live' }, { $set: { status: 'ended', ended: { at, by: host.userId } } });
    await appendEvent(scope, 'network.live_ended', null, { networkId: session.networkId, sessionId, by: host.userId }, at);
  });
}

/** A member's person asks while the room is live; every member's person in the room sees it at once. */
export async function askInNetworkLiveRoom(deps: NetworkDeps, actor: Actor | null, sessionId: string, body: string): Promise<string> {
  const questionId = newId();
  await committed(deps, async (scope, at) => {
    const { room, session, actor: asker } = await networkLiveRoomOf(scope, actor, sessionId);
    if (room?.status !== 'live') throw new AppError(room ? 'SESSION_CLOSED' : 'SESSION_NOT_LIVE', room ? 'The live room has ended' : 'The live room has not started');
    await scope.collection<NetworkLiveQuestionDocument>(NETWORK_LIVE_QUESTIONS).insertOne({
      _id: questionId,
      sessionId,
      networkId: session.networkId,
      askerId: asker.userId,
      askerOrganisationId: asker.organisationId,
      body,
      askedAt: at,
      hidden: null,
    });
    await appendEvent(scope, 'network.live_question_asked', null, { networkId: session.networkId, sessionId, questionId, by: asker.userId }, at);
  });
  return questionId;
}

/** The host hides a question with a reason the room sees; its text stays on record. Hiding twice keeps the first reason. */
export function hideNetworkLiveQuestion(deps: NetworkDeps, actor: Actor | null, questionId: string, reason: string): Promise<void> {
  return committed(deps, async (scope, at) => {
    const questions = scope.collection<NetworkLiveQuestionDocument>(NETWORK_LIVE_QUESTIONS);
    const question = await questions.findOne({ _id: questionId });
    // A question of a room the actor may not see answers as a missing one (the same answer as no session).
    if (!question) throw new AppError('NOT_FOUND', NO_SESSION);
    const { session, actor: host } = await hostedRoom(scope, actor, question.sessionId);
    if (question.hidden) return;
    await questions.updateOne({ _id: questionId }, { $set: { hidden: { at, by: host.userId, reason } } });
    await appendEvent(scope, 'network.live_question_hidden', null, { networkId: session.networkId, sessionId: session._id, questionId, by: host.userId }, at);
  });
}

/**
 * A merged organisation's questions name the survivor from then on, in every network's rooms (those
 * it had left too), as its people's session places do: the room shows the organisation an asker
 * acts for, and the duplicate is no longer one. Finds only what still names the duplicate, so a
 * replay of the merge moves nothing. True when any question moved.
 */
export async function moveOrganisationLiveQuestions(scope: TransactionScope, from: string, into: string): Promise<boolean> {
  const questions = scope.collection<NetworkLiveQuestionDocument>(NETWORK_LIVE_QUESTIONS);
  const asked = await questions.find({ askerOrganisationId: from });
  for (const question of asked) await questions.updateOne({ _id: question._id }, { $set: { askerOrganisationId: into } });
  return asked.length > 0;
}
