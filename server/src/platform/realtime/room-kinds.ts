// The rooms that belong to one thing each (a buyers' network, a network session's live room, a
// consortium, an opportunity, an arena library item): one room for everyone who may see the thing
// now. The module that owns the thing says how its kind of room is checked (modules/live/
// room-kinds.ts gathers them); socket-rights.ts applies the same rules to every kind (read the
// facts before deciding, decide for the socket's person as they are now, leave and say so when the
// right is gone) without knowing any of them, so platform/ never reads a module's data.
import type { Actor } from '../policy/actor.ts';
import type { LiveSocket, RightsScope } from './socket-rights.ts';

export type RoomKind = {
  /** The thing's room. */
  room(id: string): string;
  /** The thing's id when `room` is a room of this kind; null otherwise. */
  parse(room: string): string | null;
  /** Reads the thing's facts now and says, from them, who may be in its room (nobody when there is no such thing). */
  rightTo(id: string): Promise<(actor: Actor | null) => boolean>;
  /** Tells a socket that was taken out of the thing's room, so its page stops waiting for news. */
  accessChanged(socket: LiveSocket, id: string): void;
  /** This kind's rooms whose sockets a change of `scope` may concern, besides those found through their people. */
  concerned(scope: RightsScope): string[];
};

/** The kinds, by the name a socket's subscription gives. */
/**
 * The usual `rightTo`: reads the thing's facts, and lets in nobody when there is no such thing and
 * otherwise whom `allows` lets in.
 */
export function rightFrom<F>(read: (id: string) => Promise<F | null>, allows: (actor: Actor | null, facts: F) => boolean): RoomKind['rightTo'] {
  return async (id) => {
    const facts = await read(id);
    return (actor) => facts !== null && allows(actor, facts);
  };
}

export type RoomKindName = 'network' | 'networkLive' | 'consortium' | 'opportunity' | 'libraryItem';

export type RoomKinds = Record<RoomKindName, RoomKind>;
