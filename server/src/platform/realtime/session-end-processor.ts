// Closes the live sockets of a person whose standing changed under them. A socket is admitted with
// the person's session, and joins a dialogue's audience by the organisation they act for, both read
// when it connects and subscribes. So when the sessions end (logout, password change, block) or the
// person leaves or is removed from an organisation (whose buyers' rooms show askers' names), every
// socket of theirs is closed; the client connects again and subscribes as who it is now.
import type { DomainEvent, EventType } from '../events/event-log.ts';
import type { EventProcessor } from '../events/processor.ts';
import { userRoom } from './rooms.ts';
import type { RealtimeServer } from './socket-server.ts';

const ENDS_LIVE_SOCKETS = new Set<EventType>(['account.sessions_ended', 'organisation.member_removed']);

export function sessionEndProcessor(io: RealtimeServer): EventProcessor {
  return {
    name: 'session-end',
    async handle(event: DomainEvent) {
      if (!ENDS_LIVE_SOCKETS.has(event.type) || !event.subject.userId) return;
      io.in(userRoom(event.subject.userId)).disconnectSockets(true);
    },
  };
}
