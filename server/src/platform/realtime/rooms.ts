import type { Audience } from '../policy/viewer.ts';

/** A dialogue's live room for one audience; a socket is in at most one of the two. */
export function dialogueRoom(dialogueId: string, audience: Audience): string {
  return `dialogue:${dialogueId}:${audience}`;
}

/** Every socket of one signed-in person, so ending their sessions can close them all. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}
