import { DIALOGUE_TOPICS, type DialogueTopic } from '@dialogforum/contracts';
import type { Audience } from '../policy/viewer.ts';

/** What a dialogue's room is sent: everything of the dialogue (its page), or one topic alone (a round's page). */
export type DialogueRoomTopic = 'all' | DialogueTopic;

// Built from the contract's topics, so a topic added there is found, re-checked and left like the rest.
const DIALOGUE_ROOM_TOPICS: readonly DialogueRoomTopic[] = ['all', ...DIALOGUE_TOPICS];
const DIALOGUE_ROOM = new RegExp(`^dialogue:([^:]+):(buyers|public)(?::(${DIALOGUE_TOPICS.join('|')}))?$`);

/**
 * A dialogue's live room for one audience; a socket is in at most one of the two for each topic.
 * A topic's pair (`dialogue:<id>:<audience>:rounds`) is the same pair narrowed to what a page of
 * that topic needs: the audience is chosen, and re-checked, exactly as for the whole dialogue.
 */
export function dialogueRoom(dialogueId: string, audience: Audience, topic: DialogueRoomTopic = 'all'): string {
  const room = `dialogue:${dialogueId}:${audience}`;
  return topic === 'all' ? room : `${room}:${topic}`;
}

/** Every room of a dialogue, of every topic and audience: those a change of the dialogue's access concerns. */
export function dialogueRooms(dialogueId: string): string[] {
  return DIALOGUE_ROOM_TOPICS.flatMap((topic) => [dialogueRoom(dialogueId, 'buyers', topic), dialogueRoom(dialogueId, 'public', topic)]);
}

/** The dialogue, audience and topic of a dialogue room's name; null for any other room. */
export function parseDialogueRoom(room: string): { dialogueId: string; audience: Audience; topic: DialogueRoomTopic } | null {
  const match = DIALOGUE_ROOM.exec(room);
  return match ? { dialogueId: match[1]!, audience: match[2] as Audience, topic: (match[3] as DialogueTopic | undefined) ?? 'all' } : null;
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

const CONSORTIUM_ROOM = /^consortium:([^:]+)$/;
const OPPORTUNITY_ROOM = /^opportunity:([^:]+)$/;

/** A consortium's room: those who may see the consortium now (re-checked as they lose it). */
export function consortiumRoom(consortiumId: string): string {
  return `consortium:${consortiumId}`;
}

export function parseConsortiumRoom(room: string): string | null {
  return CONSORTIUM_ROOM.exec(room)?.[1] ?? null;
}

/** An opportunity's room: those who may see the opportunity now. */
export function opportunityRoom(opportunityId: string): string {
  return `opportunity:${opportunityId}`;
}

export function parseOpportunityRoom(room: string): string | null {
  return OPPORTUNITY_ROOM.exec(room)?.[1] ?? null;
}

const LIBRARY_ITEM_ROOM = /^library-item:([^:]+)$/;

/** An arena library item's room: those who may read the item now (re-checked before each push). */
export function libraryItemRoom(itemId: string): string {
  return `library-item:${itemId}`;
}

export function parseLibraryItemRoom(room: string): string | null {
  return LIBRARY_ITEM_ROOM.exec(room)?.[1] ?? null;
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

const NETWORK_LIVE_ROOM = /^network-live:([^:]+)$/;

/** A network session's live room: its network's members' people now, and nobody else. */
export function networkLiveRoom(sessionId: string): string {
  return `network-live:${sessionId}`;
}

export function parseNetworkLiveRoom(room: string): string | null {
  return NETWORK_LIVE_ROOM.exec(room)?.[1] ?? null;
}
