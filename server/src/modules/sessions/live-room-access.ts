// Reaching a session's live room inside a command's transaction, and stamping a change to it.
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { MemberActor } from '../../platform/policy/policy.ts';
import { liveRoomTakesPart, mayModerateLiveRoom } from '../../platform/policy/live-room-policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';
import { visibleSession } from './queries.ts';

export type LiveRoom = { session: SessionDocument; dialogue: DialogueDocument };

/** The session's room, if the actor may see its dialogue (else NOT_FOUND, as for a missing one) and it was not cancelled. */
export async function liveRoomOf(scope: TransactionScope, actor: Actor | null, sessionId: string): Promise<LiveRoom> {
  const room = await visibleSession(scope, actor, sessionId);
  if (room.session.status === 'cancelled') throw new AppError('SESSION_CLOSED', 'The session was cancelled');
  return room;
}

/** Questions, votes and poll answers are taken while the session is live. */
export function refuseUnlessLive(session: SessionDocument): void {
  if (liveRoomTakesPart(session.status)) return;
  if (session.status === 'scheduled') throw new AppError('SESSION_NOT_LIVE', 'The session has not started');
  throw new AppError('SESSION_CLOSED', 'The session has ended');
}

export function refuseUnlessHost(actor: Actor, room: LiveRoom): MemberActor {
  if (!mayModerateLiveRoom(actor, room.dialogue)) throw new AppError('FORBIDDEN', 'Only the hosts of the session do that');
  return actor;
}

/** The session's next room change number: every change to the room takes one, with its event. */
export async function nextRoomChange(scope: TransactionScope, sessionId: string): Promise<number> {
  const session = await scope.collection<SessionDocument>(SESSIONS).findOneAndUpdate({ _id: sessionId }, { $inc: { roomChange: 1 } });
  if (!session) throw new AppError('NOT_FOUND', 'No such session');
  return session.roomChange ?? 1;
}
