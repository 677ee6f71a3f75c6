import type { DomainEvent } from '../events/event-log.ts';
import type { EventProcessor } from '../events/processor.ts';
import { userRoom } from './rooms.ts';
import type { RealtimeServer } from './socket-server.ts';

/**
 * Closes every live socket of a person whose sessions ended (logout, password change, block): a
 * socket authenticated by a session must not outlive it.
 */
export function sessionEndProcessor(io: RealtimeServer): EventProcessor {
  return {
    name: 'session-end',
    async handle(event: DomainEvent) {
      if (event.type !== 'account.sessions_ended' || !event.subject.userId) return;
      io.in(userRoom(event.subject.userId)).disconnectSockets(true);
    },
  };
}
