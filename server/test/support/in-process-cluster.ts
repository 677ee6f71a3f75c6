// socket.io's cluster protocol between apps in one test process: the messages that
// @socket.io/mongo-adapter carries through a MongoDB collection go through memory here, one event
// loop turn later (never within the sender's call, as over a network). The protocol itself is
// socket.io's own (ClusterAdapterWithHeartbeat); only the transport is this file's.
import type { Namespace, ServerOptions } from 'socket.io';
import { ClusterAdapterWithHeartbeat, type ClusterMessage, type ClusterResponse, type ServerId } from 'socket.io-adapter';

/**
 * An adapter class for every app of one test cluster: each app's adapter hears the others'.
 * socket.io constructs it per namespace and calls `init()`.
 */
export function inProcessCluster(): ServerOptions['adapter'] {
  const members = new Set<Member>();

  class Member extends ClusterAdapterWithHeartbeat {
    constructor(nsp: Namespace) {
      super(nsp, { heartbeatInterval: 1000, heartbeatTimeout: 3000 });
      members.add(this);
    }

    protected override async doPublish(message: ClusterMessage): Promise<string> {
      for (const member of members) if (member !== this && member.nsp.name === this.nsp.name) setImmediate(() => member.onMessage(message));
      return '';
    }

    protected override async doPublishResponse(_requester: ServerId, response: ClusterResponse): Promise<void> {
      for (const member of members) if (member !== this && member.nsp.name === this.nsp.name) setImmediate(() => member.onResponse(response));
    }

    override close(): void {
      members.delete(this);
      super.close();
    }
  }

  return Member;
}
