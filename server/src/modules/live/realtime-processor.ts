// Pushes every change to a dialogue's threads to everyone who has the dialogue open, as the thread
// is now. Each audience gets the view the policy allows it: buyers see who asked, the rest see the
// pseudonym; a thread that is not published goes to the buyers' room and to its asker's own
// sockets only. Events are handled in log order, and an event that may change someone's rights
// first re-derives their sockets, so nothing later in the log reaches a socket that lost the right.
// Behind several nodes every node runs this for its own sockets (`io` is this node's rooms only).
import type { Clock } from '../../platform/clock.ts';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import { audienceViewer, type Audience, type Viewer } from '../../platform/policy/viewer.ts';
import { dialogueRoom, networkLiveRoom, networkRoom, organisationRoom, userRoom } from '../../platform/realtime/rooms.ts';
import type { SocketRights } from '../../platform/realtime/socket-rights.ts';
import type { LocalRooms } from '../../platform/realtime/socket-server.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { notificationPushes } from '../notifications/notification-pushes.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../threads/documents.ts';
import { threadViewsRenderer } from '../threads/thread-views.ts';
import { isConsortiaEvent, pushConsortiaEvent } from './consortia-pushes.ts';
import { isLibraryItemEvent, pushLibraryItemEvent } from './library-pushes.ts';
import { LIVE_ROOM_EVENTS, type LiveRoomPushes } from './live-room-pushes.ts';
import { rightsScopeOf } from './rights-changes.ts';
import { roundChangeTargets } from './round-pushes.ts';
import { DIALOGUE_CHANGES, SESSION_CHANGES, THREAD_CHANGE_OF } from './thread-pushes.ts';

const AUDIENCES: Audience[] = ['buyers', 'public'];

const NETWORK_LIVE_EVENTS = new Set<EventType>(['network.live_started', 'network.live_ended', 'network.live_question_asked', 'network.live_question_hidden']);

export function realtimeProcessor(store: DocumentStore, clock: Clock, io: LocalRooms, rights: SocketRights, liveRooms: LiveRoomPushes): EventProcessor {
  return {
    name: 'realtime',
    placement: 'every-node',
    // Live pushes are for people watching now; after a restart clients catch up by query (the
    // dialogue's change counter), so replaying old events into empty rooms is pointless, and
    // there is no checkpoint to store (and wait for) even on a single node.
    forConnectedOnly: true,
    // One thing at a time with the live rooms' coalesced pushes (live-room-pushes.ts).
    handle: (event: DomainEvent) => liveRooms.exclusive(() => handleEvent(event)),
  };

  async function handleEvent(event: DomainEvent): Promise<void> {
      const scope = rightsScopeOf(event);
      if (scope) await rights.refresh(scope);
      if (event.type === 'notification.created') {
        for (const push of await notificationPushes(store, event)) {
          await rights.beforeSendingToPerson(push.userId, clock.now().getTime());
          io.to(userRoom(push.userId)).emit('notification.created', { notification: push.notification, unread: push.unread });
        }
        return;
      }
      // A network session's live room's events go to that room alone, after the re-check above.
      if (NETWORK_LIVE_EVENTS.has(event.type) && event.subject.sessionId) {
        await rights.beforeSendingToNetworkLive(event.subject.sessionId, clock.now().getTime());
        io.to(networkLiveRoom(event.subject.sessionId)).emit('networkLive.changed', { seq: event.seq, sessionId: event.subject.sessionId });
        return;
      }
      // A network's events go to its own room alone (its members' people), after the re-check above.
      if (event.type.startsWith('network.') && event.subject.networkId) {
        await rights.beforeSendingToNetwork(event.subject.networkId, clock.now().getTime());
        io.to(networkRoom(event.subject.networkId)).emit('network.changed', { seq: event.seq, networkId: event.subject.networkId });
        return;
      }
      if (isConsortiaEvent(event)) {
        await pushConsortiaEvent(store, io, rights, event);
        return;
      }
      if (isLibraryItemEvent(event)) {
        await pushLibraryItemEvent(io, rights, event);
        return;
      }
      if (!event.dialogueId) return;
      if (LIVE_ROOM_EVENTS.has(event.type)) await liveRooms.handle(event);
      await rights.beforeSending(event.dialogueId, clock.now().getTime());
      if (SESSION_CHANGES.has(event.type) && event.subject.sessionId) {
        for (const audience of AUDIENCES) {
          io.to(dialogueRoom(event.dialogueId, audience)).emit('session.changed', { seq: event.seq, dialogueId: event.dialogueId, sessionId: event.subject.sessionId });
        }
        return;
      }
      const round = await roundChangeTargets(store, event);
      if (round) {
        const push = { seq: event.seq, dialogueId: event.dialogueId, roundId: round.roundId };
        // The dialogue's pages and the round's pages (the rounds rooms); a socket in both is sent it once.
        for (const audience of round.audiences) {
          io.to([dialogueRoom(event.dialogueId, audience), dialogueRoom(event.dialogueId, audience, 'rounds')]).emit('round.changed', push);
        }
        if (round.organisationId) {
          await rights.beforeSendingToOrganisation(round.organisationId, clock.now().getTime());
          io.to(organisationRoom(round.organisationId)).emit('round.changed', push);
        }
        return;
      }
      if (DIALOGUE_CHANGES.has(event.type)) {
        for (const audience of AUDIENCES) {
          io.to(dialogueRoom(event.dialogueId, audience)).emit('dialogue.changed', { seq: event.seq, dialogueId: event.dialogueId });
        }
        return;
      }
      const change = THREAD_CHANGE_OF[event.type];
      const threadId = event.subject.threadId;
      if (!change || !threadId) return;
      const [dialogue, thread] = await Promise.all([
        store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId }),
        store.collection<ThreadDocument>(THREADS).findOne({ _id: threadId }),
      ]);
      if (!dialogue || !thread) return;
      const postId = event.subject.postId ?? null;
      let what = change;
      if (what === 'post') {
        const post = postId ? await store.collection<PostDocument>(POSTS).findOne({ _id: postId }) : null;
        what = post?.kind === 'comment' ? 'commented' : 'answered';
      }
      // The thread's posts, authors and attachments are read once; each audience's view is rendered from them.
      const viewsFor = await threadViewsRenderer(store, dialogue, [thread]);
      const send = (room: string, viewer: Viewer) => {
        const [view] = viewsFor(viewer);
        if (view) io.to(room).emit('thread.changed', { seq: event.seq, dialogueId: dialogue._id, what: what as Exclude<typeof what, 'post'>, postId, thread: view });
      };
      if (thread.status === 'published') {
        for (const audience of AUDIENCES) send(dialogueRoom(dialogue._id, audience), audienceViewer(audience));
        return;
      }
      // Waiting in the inbox, or answered privately: for the buyers and the asker alone.
      send(dialogueRoom(dialogue._id, 'buyers'), audienceViewer('buyers'));
      send(userRoom(thread.askerId), { userId: thread.askerId, seesIdentityOf: (authorId) => authorId === thread.askerId });
  }
}
