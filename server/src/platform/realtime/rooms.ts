import type { Audience } from '../policy/viewer.ts';

const DIALOGUE_ROOM = /^dialogue:([^:]+):(buyers|public)$/;

/** A dialogue's live room for one audience; a socket is in at most one of the two. */
export function dialogueRoom(dialogueId: string, audience: Audience): string {
  return `dialogue:${dialogueId}:${audience}`;
}

/** The dialogue and audience of a dialogue room's name; null for any other room. */
export function parseDialogueRoom(room: string): { dialogueId: string; audience: Audience } | null {
  const match = DIALOGUE_ROOM.exec(room);
  return match ? { dialogueId: match[1]!, audience: match[2] as Audience } : null;
}

/** Every socket of one signed-in person, so a change to their standing finds them all. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** Every socket of people acting for one organisation, so a change to the organisation finds them. */
export function organisationRoom(organisationId: string): string {
  return `organisation:${organisationId}`;
}

const NETWORK_ROOM = /^network:([^:]+)$/;

/** A buyers' network's room: its members' people, and nobody else. */
export function networkRoom(networkId: string): string {
  return `network:${networkId}`;
}

export function parseNetworkRoom(room: string): string | null {
  return NETWORK_ROOM.exec(room)?.[1] ?? null;
}

const LIVE_ROOM = /^live:([^:]+):(buyers|public)$/;

/**
 * A session's live room for one audience: the hosts (and moderators) see who asked and who is in
 * the room, everyone else the dialogue's pseudonyms. A socket is in at most one of the two.
 */
export function liveRoom(sessionId: string, audience: Audience): string {
  return `live:${sessionId}:${audience}`;
}

export function parseLiveRoom(room: string): { sessionId: string; audience: Audience } | null {
  const match = LIVE_ROOM.exec(room);
  return match ? { sessionId: match[1]!, audience: match[2] as Audience } : null;
}
