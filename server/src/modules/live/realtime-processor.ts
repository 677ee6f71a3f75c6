// Pushes new questions and answers to everyone who has the dialogue open. Each audience gets the
// view the policy allows it: buyers see who asked, the rest see the pseudonym. Events are handled
// in log order, and an event that may change someone's rights first re-derives their sockets, so
// nothing later in the log reaches a socket that lost the right to it.
import type { Clock } from '../../platform/clock.ts';
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import { audienceViewer, type Audience } from '../../platform/policy/viewer.ts';
import { dialogueRoom } from '../../platform/realtime/rooms.ts';
import type { SocketRights } from '../../platform/realtime/socket-rights.ts';
import type { RealtimeServer } from '../../platform/realtime/socket-server.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { buildThreadViews, getPostView } from '../threads/queries.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../threads/documents.ts';
import { rightsScopeOf } from './rights-changes.ts';

const AUDIENCES: Audience[] = ['buyers', 'public'];

export function realtimeProcessor(store: DocumentStore, clock: Clock, io: RealtimeServer, rights: SocketRights): EventProcessor {
  return {
    name: 'realtime',
    // Live pushes are for people watching now; after a restart clients resync by query, so
    // replaying old events into empty rooms is pointless and the checkpoint is enough.
    async handle(event: DomainEvent) {
      const scope = rightsScopeOf(event);
      if (scope) await rights.refresh(scope);
      if (event.dialogueId) await rights.beforeSending(event.dialogueId, clock.now().getTime());
      if ((event.type === 'dialogue.deadline_changed' || event.type === 'dialogue.owner_added') && event.dialogueId) {
        for (const audience of AUDIENCES) {
          io.to(dialogueRoom(event.dialogueId, audience)).emit('dialogue.changed', { seq: event.seq, dialogueId: event.dialogueId });
        }
        return;
      }
      if (!event.dialogueId || (event.type !== 'thread.created' && event.type !== 'post.published')) return;
      const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId });
      const threadId = event.subject.threadId;
      const postId = event.subject.postId;
      if (!dialogue || !threadId || !postId) return;
      for (const audience of AUDIENCES) {
        const room = dialogueRoom(dialogue._id, audience);
        const viewer = audienceViewer(audience);
        if (event.type === 'thread.created') {
          const thread = await store.collection<ThreadDocument>(THREADS).findOne({ _id: threadId });
          const posts = await store.collection<PostDocument>(POSTS).find({ threadId }, { sort: { createdAt: 1 } });
          const [view] = thread ? await buildThreadViews(store, viewer, dialogue, [thread], posts) : [];
          if (view) io.to(room).emit('thread.created', { seq: event.seq, dialogueId: dialogue._id, thread: view });
        } else {
          const post = await getPostView(store, viewer, dialogue._id, postId);
          if (post) io.to(room).emit('post.published', { seq: event.seq, dialogueId: dialogue._id, threadId, post });
        }
      }
    },
  };
}
