// socket.io events between server and browser. A client subscribes to a dialogue room; the server
// decides which variant of the room it joins (buyers see askers' names, others see pseudonyms).
import type { PostView, ThreadView } from './views.ts';
import { z } from 'zod';
import { idSchema } from './inputs.ts';

export const subscribeInput = z.strictObject({ dialogueId: idSchema });

export type SubscribeAck = { ok: true } | { ok: false; appCode: 'NOT_FOUND' | 'VALIDATION' };

export type ServerToClientEvents = {
  'thread.created': (event: { seq: number; dialogueId: string; thread: ThreadView }) => void;
  'post.published': (event: { seq: number; dialogueId: string; threadId: string; post: PostView }) => void;
  /** The dialogue itself changed (e.g. its question deadline): refetch it. */
  'dialogue.changed': (event: { seq: number; dialogueId: string }) => void;
  /**
   * What this socket may see of the dialogue changed (a co-owner added, the visibility changed):
   * the server moved it to the room it may be in now, or out of both. Refetch the dialogue.
   */
  'dialogue.access_changed': (event: { dialogueId: string }) => void;
};

export type ClientToServerEvents = {
  'dialogue.subscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
  'dialogue.unsubscribe': (input: unknown, ack: (result: SubscribeAck) => void) => void;
};
