// A session goes live and ends at its scheduled times by itself (session-clock.ts); the host can
// do either earlier by hand (commands.ts startSession/endSession). Each change is a conditional
// update on the status it leaves, so the clock and the host racing for it make it once: whoever
// comes second changes nothing and writes no event.
import { appendEvent } from '../../platform/events/event-log.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';
import { nextRoomChange } from './live-room-access.ts';

/** scheduled → live; false when it is no longer scheduled (started by hand, cancelled). */
export async function goLive(scope: TransactionScope, session: SessionDocument, at: string): Promise<boolean> {
  const { matchedCount } = await scope.collection<SessionDocument>(SESSIONS).updateOne({ _id: session._id, status: 'scheduled' }, { $set: { status: 'live', startedAt: at } });
  if (matchedCount === 0) return false;
  // The live room shows the new status with its next change number, like any change to the room.
  const change = await nextRoomChange(scope, session._id);
  await appendEvent(scope, 'session.started', session.dialogueId, { sessionId: session._id, change: String(change) }, at);
  return true;
}

/** live (or never started) → ended; false when it has ended already or was cancelled. */
export async function endAtItsTime(scope: TransactionScope, session: SessionDocument, at: string): Promise<boolean> {
  const { matchedCount } = await scope
    .collection<SessionDocument>(SESSIONS)
    .updateOne({ _id: session._id, status: { $in: ['scheduled', 'live'] } }, { $set: { status: 'ended', endedAt: at } });
  if (matchedCount === 0) return false;
  const change = await nextRoomChange(scope, session._id);
  await appendEvent(scope, 'session.ended', session.dialogueId, { sessionId: session._id, change: String(change) }, at);
  return true;
}
