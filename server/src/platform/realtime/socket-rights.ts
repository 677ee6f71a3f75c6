// What a live socket may receive, derived from a *current* session every time it can matter: when
// the socket connects, when it subscribes, when its session would expire by itself, and whenever an
// event may have changed the person's, their organisation's or a dialogue's standing. A socket's
// rooms are the only way anything reaches it, and only this file puts a socket in a room.
//
// Two rules keep a stale right from surviving a race:
// - One socket's derivations run one after another (a queue per socket), so a subscription that
//   read the store before a change cannot apply its answer after the change's re-derivation.
// - Every change bumps `epoch` synchronously before looking up the sockets it concerns. A
//   derivation that saw the epoch move while it was reading reads again: the socket may not have
//   been in the rooms the change looked in yet, and what it read may be older than the change.
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck } from '@dialogforum/contracts';
import type { Actor, SessionStanding } from '../policy/actor.ts';
import { canViewDialogue, type DialogueAccessFacts } from '../policy/policy.ts';
import { audienceOf } from '../policy/viewer.ts';
import type { RoomKind, RoomKindName, RoomKinds } from './room-kinds.ts';
import { dialogueRoom, dialogueRooms, liveRoom, networkLiveRoom, networkRoom, organisationRoom, parseDialogueRoom, parseLiveRoom, userRoom, type DialogueRoomTopic } from './rooms.ts';

/** How the live layer reads the standing it derives rights from; provided by the modules. */
export type LiveAccess = {
  /** The session's actor now, or null when it ended, expired or its person was blocked. Not activity. */
  standing(sessionId: string): Promise<SessionStanding | null>;
  dialogue(dialogueId: string): Promise<DialogueAccessFacts | null>;
  /** A session's live room: its dialogue's facts, and whether the session was cancelled; null when there is no such session. */
  liveSession(sessionId: string): Promise<LiveSessionFacts | null>;
};

export type LiveSessionFacts = { dialogueId: string; cancelled: boolean; dialogue: DialogueAccessFacts | null };

export type SocketData = {
  /** The session the handshake's cookie named; null for anonymous sockets. */
  sessionId: string | null;
  actor: Actor | null;
  /** Epoch ms when the session ends by itself unless used (Infinity when anonymous). */
  validUntil: number;
  derived: boolean;
};

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Whose rights an event may have changed. A dialogue's scope includes its sessions' live rooms. */
export type RightsScope = { userId?: string; organisationId?: string; dialogueId?: string; sessionId?: string; networkId?: string; consortiumId?: string };

/** Told whenever a socket enters or leaves a session's live room (for the room's participant count). */
export type LiveRoomMembership = (sessionId: string) => void;

/** A derivation that keeps losing the race against changes gives up and closes the socket. */
const MAX_ATTEMPTS = 5;

export class SocketRights {
  private epoch = 0;
  private readonly queues = new WeakMap<LiveSocket, Promise<unknown>>();
  /** The sessions whose live rooms have been joined here, by dialogue: a dialogue's change finds their sockets. */
  private readonly liveSessionsOf = new Map<string, Set<string>>();

  constructor(
    private readonly access: LiveAccess,
    private readonly socketsIn: (room: string) => LiveSocket[],
    private readonly log: (message: string, error: unknown) => void,
    private readonly onLiveMembership: LiveRoomMembership = () => {},
    /** How each kind of a thing's own room is checked, as its module says (room-kinds.ts); a kind not given is joined by nobody. */
    private readonly kinds: Partial<RoomKinds> = {},
  ) {}

  /** A new connection's first derivation: who it is, and the rooms that follow from that. */
  admit(socket: LiveSocket): Promise<void> {
    return this.enqueue(socket, () => this.derive(socket));
  }

  /** Joins the dialogue's room of `topic` (all of it, or its rounds alone) for the audience the socket's person belongs to. */
  subscribe(socket: LiveSocket, dialogueId: string, topic: DialogueRoomTopic = 'all'): Promise<SubscribeAck> {
    return this.enqueue(socket, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const epoch = this.epoch;
        const standing = await this.currentStanding(socket);
        const facts = await this.access.dialogue(dialogueId);
        if (epoch !== this.epoch) continue;
        if (!this.keepIdentity(socket, standing)) return notFound;
        const room = roomFor(socket.data.actor, dialogueId, facts, topic);
        if (room === null) return notFound;
        placeInDialogueRoom(socket, dialogueId, topic, room);
        return { ok: true };
      }
      socket.disconnect(true);
      return notFound;
    });
  }

  /** Joins the session's live room for the audience the socket's person belongs to, if they may see it. */
  subscribeLive(socket: LiveSocket, sessionId: string): Promise<SubscribeAck> {
    return this.enqueue(socket, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const epoch = this.epoch;
        const standing = await this.currentStanding(socket);
        const facts = await this.access.liveSession(sessionId);
        if (epoch !== this.epoch) continue;
        if (!this.keepIdentity(socket, standing)) return notFound;
        const room = liveRoomFor(socket.data.actor, sessionId, facts);
        if (room === null || facts === null) return notFound;
        this.remember(facts.dialogueId, sessionId);
        if (placeInLiveRoom(socket, sessionId, room)) this.onLiveMembership(sessionId);
        return { ok: true };
      }
      socket.disconnect(true);
      return notFound;
    });
  }

  /**
   * Joins a thing's own room (a network's, a network session's live room, a consortium's, an
   * opportunity's, a library item's) if the socket's person may see the thing now, as its kind says.
   */
  subscribeTo(socket: LiveSocket, kindName: RoomKindName, id: string): Promise<SubscribeAck> {
    const kind = this.kinds[kindName];
    if (kind === undefined) return Promise.resolve(notFound);
    return this.enqueue(socket, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const epoch = this.epoch;
        const standing = await this.currentStanding(socket);
        const mayBeIn = await kind.rightTo(id);
        if (epoch !== this.epoch) continue;
        if (!this.keepIdentity(socket, standing)) return notFound;
        if (!mayBeIn(socket.data.actor)) return notFound;
        if (socket.connected) void socket.join(kind.room(id));
        return { ok: true };
      }
      socket.disconnect(true);
      return notFound;
    });
  }

  /** Leaves a thing's own room. */
  unsubscribeFrom(socket: LiveSocket, kindName: RoomKindName, id: string): Promise<void> {
    const kind = this.kinds[kindName];
    return this.enqueue(socket, async () => {
      if (kind !== undefined) void socket.leave(kind.room(id));
    });
  }

  unsubscribeLive(socket: LiveSocket, sessionId: string): Promise<void> {
    return this.enqueue(socket, async () => {
      if (placeInLiveRoom(socket, sessionId, null)) this.onLiveMembership(sessionId);
    });
  }

  /** Leaves the dialogue's room of `topic` only: the same tab may keep the other one. */
  unsubscribe(socket: LiveSocket, dialogueId: string, topic: DialogueRoomTopic = 'all'): Promise<void> {
    return this.enqueue(socket, async () => {
      placeInDialogueRoom(socket, dialogueId, topic, null);
    });
  }

  /**
   * Re-derives every socket whose rights `scope` may have changed, and resolves once all of them
   * are. The realtime processor awaits this before it sends the next event anywhere.
   */
  async refresh(scope: RightsScope): Promise<void> {
    this.epoch += 1;
    const rooms = [
      scope.userId === undefined ? null : userRoom(scope.userId),
      scope.organisationId === undefined ? null : organisationRoom(scope.organisationId),
      ...(scope.dialogueId === undefined ? [] : dialogueRooms(scope.dialogueId)),
      ...this.liveRoomsOf(scope),
      ...this.kindsGiven().flatMap((kind) => kind.concerned(scope)),
    ].filter((room): room is string => room !== null);
    const sockets = new Set(rooms.flatMap((room) => this.socketsIn(room)));
    await Promise.all([...sockets].map((socket) => this.rederive(socket)));
  }

  /**
   * Before anything is sent to a dialogue's rooms (of every topic): a session that expired by
   * itself a moment ago must not be sent it, however recently the periodic check ran. Only sockets
   * past their `validUntil` are looked up again, so this costs a comparison per socket.
   */
  async beforeSending(dialogueId: string, now: number): Promise<void> {
    await this.expireDueIn(dialogueRooms(dialogueId), now);
  }

  /** The same check before something is sent to a session's live room. */
  async beforeSendingLive(sessionId: string, now: number): Promise<void> {
    await this.expireDueIn([liveRoom(sessionId, 'buyers'), liveRoom(sessionId, 'public')], now);
  }

  /** The same check before something is sent to a buyers' network's room. */
  async beforeSendingToNetwork(networkId: string, now: number): Promise<void> {
    await this.expireDueIn([networkRoom(networkId)], now);
  }

  /** The same check before something is sent to a network session's live room. */
  async beforeSendingToNetworkLive(sessionId: string, now: number): Promise<void> {
    await this.expireDueIn([networkLiveRoom(sessionId)], now);
  }

  /**
   * Before anything is sent to a consortium's, an opportunity's or a library item's room, every socket in it is
   * derived again, not only those past their expiry: who sees an opportunity made of a dialogue
   * follows the dialogue, whose changes look in the dialogue's rooms only. Their events are few.
   */
  async beforeSendingToRoom(room: string): Promise<void> {
    this.epoch += 1;
    await Promise.all(this.socketsIn(room).map((socket) => this.rederive(socket)));
  }

  /** The sockets in a room now, for a push that goes only to those of them who may see what it is about. */
  socketsInRoom(room: string): LiveSocket[] {
    return this.socketsIn(room);
  }

  /** The same check before something is sent to one person's own sockets (their notifications). */
  async beforeSendingToPerson(userId: string, now: number): Promise<void> {
    await this.expireDueIn([userRoom(userId)], now);
  }

  /** The same check before something is sent to everyone acting for an organisation (their meeting's minutes). */
  async beforeSendingToOrganisation(organisationId: string, now: number): Promise<void> {
    await this.expireDueIn([organisationRoom(organisationId)], now);
  }

  /** Re-derives the sockets whose session would have expired by `now` (it may have been used since). */
  async expireDue(sockets: Iterable<LiveSocket>, now: number): Promise<void> {
    const due: Promise<void>[] = [];
    for (const socket of sockets) if (isDue(socket, now)) due.push(this.rederive(socket));
    await Promise.all(due);
  }

  /** expireDue for the sockets in `rooms`; a socket in several of them is re-derived once. */
  private async expireDueIn(rooms: string[], now: number): Promise<void> {
    const due = new Set<LiveSocket>();
    for (const room of rooms) for (const socket of this.socketsIn(room)) if (isDue(socket, now)) due.add(socket);
    await Promise.all([...due].map((socket) => this.rederive(socket)));
  }

  /** Never rejects: a socket that closed needs nothing, and one whose derivation failed is closed. */
  private rederive(socket: LiveSocket): Promise<void> {
    return this.enqueue(socket, () => this.derive(socket)).catch(() => {});
  }

  private async derive(socket: LiveSocket): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const epoch = this.epoch;
      const standing = await this.currentStanding(socket);
      const subscriptions = subscribedDialogues(socket);
      const dialogueIds = [...new Set(subscriptions.map((subscription) => subscription.dialogueId))];
      const facts = new Map(await Promise.all(dialogueIds.map(async (dialogueId) => [dialogueId, await this.access.dialogue(dialogueId)] as const)));
      const sessionIds = subscribedLiveRooms(socket);
      const sessionFacts = await Promise.all(sessionIds.map((sessionId) => this.access.liveSession(sessionId)));
      const ownRooms = this.ownRoomsOf(socket);
      const rightsNow = await Promise.all(ownRooms.map(({ kind, id }) => kind.rightTo(id)));
      if (epoch !== this.epoch) continue;
      if (!socket.data.derived) {
        this.adopt(socket, standing);
        return;
      }
      if (!this.keepIdentity(socket, standing)) return;
      // Every topic's room of a dialogue follows the same facts; the socket is told once per dialogue.
      const moved = new Set<string>();
      for (const { dialogueId, topic } of subscriptions) {
        const room = roomFor(socket.data.actor, dialogueId, facts.get(dialogueId) ?? null, topic);
        if (placeInDialogueRoom(socket, dialogueId, topic, room)) moved.add(dialogueId);
      }
      for (const dialogueId of moved) socket.emit('dialogue.access_changed', { dialogueId });
      sessionIds.forEach((sessionId, i) => {
        const room = liveRoomFor(socket.data.actor, sessionId, sessionFacts[i] ?? null);
        if (placeInLiveRoom(socket, sessionId, room)) {
          socket.emit('live.access_changed', { sessionId });
          this.onLiveMembership(sessionId);
        }
      });
      ownRooms.forEach(({ kind, id }, i) => {
        if (rightsNow[i]?.(socket.data.actor) === true) return;
        void socket.leave(kind.room(id));
        kind.accessChanged(socket, id);
      });
      return;
    }
    socket.disconnect(true);
  }

  private kindsGiven(): RoomKind[] {
    return Object.values(this.kinds).filter((kind): kind is RoomKind => kind !== undefined);
  }

  /** The things' own rooms the socket is in, each with its kind. */
  private ownRoomsOf(socket: LiveSocket): { kind: RoomKind; id: string }[] {
    const kinds = this.kindsGiven();
    return [...socket.rooms].flatMap((room) => {
      for (const kind of kinds) {
        const id = kind.parse(room);
        if (id !== null) return [{ kind, id }];
      }
      return [];
    });
  }

  private remember(dialogueId: string, sessionId: string): void {
    remember(this.liveSessionsOf, dialogueId, sessionId);
  }

  /** The live rooms a change of `scope` may concern: the session's, and every session's of the dialogue. */
  private liveRoomsOf(scope: RightsScope): string[] {
    const sessionIds = new Set<string>();
    if (scope.sessionId !== undefined) sessionIds.add(scope.sessionId);
    if (scope.dialogueId !== undefined) for (const sessionId of this.liveSessionsOf.get(scope.dialogueId) ?? []) sessionIds.add(sessionId);
    return [...sessionIds].flatMap((sessionId) => [liveRoom(sessionId, 'buyers'), liveRoom(sessionId, 'public')]);
  }


  private currentStanding(socket: LiveSocket): Promise<SessionStanding | null> {
    return socket.data.sessionId === null ? Promise.resolve(null) : this.access.standing(socket.data.sessionId);
  }

  /** First derivation: a cookie whose session is gone makes an anonymous socket, not a refusal. */
  private adopt(socket: LiveSocket, standing: SessionStanding | null): void {
    socket.data.derived = true;
    if (standing === null) {
      socket.data.sessionId = null;
      socket.data.actor = null;
      socket.data.validUntil = Infinity;
      return;
    }
    socket.data.actor = standing.actor;
    socket.data.validUntil = standing.validUntil;
    void socket.join(userRoom(standing.actor.userId));
    if (standing.actor.organisationId !== null) void socket.join(organisationRoom(standing.actor.organisationId));
  }

  /**
   * Keeps the socket when its person is still who they were when it connected (same session,
   * role, organisation and its verification, confirmed address). Otherwise closes it: the session
   * ended, expired or was blocked, or the person's standing changed, and the client connects again
   * as who they are now and refetches what it shows.
   */
  private keepIdentity(socket: LiveSocket, standing: SessionStanding | null): boolean {
    const before = socket.data.actor;
    if (before === null) return true;
    if (standing === null || !sameStanding(before, standing.actor)) {
      socket.disconnect(true);
      return false;
    }
    socket.data.actor = standing.actor;
    socket.data.validUntil = standing.validUntil;
    return true;
  }

  /** Runs `work` after the socket's earlier derivations; a failure closes the socket (fail closed). */
  private enqueue<T>(socket: LiveSocket, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(socket) ?? Promise.resolve();
    // A socket that closed meanwhile needs nothing more: its rooms went with it.
    const next = previous.then(() => (socket.connected ? work() : Promise.reject(new SocketGone())));
    const settled = next.catch((error: unknown) => {
      if (!(error instanceof SocketGone)) {
        this.log('deriving a socket’s rights failed; closing it', error);
        socket.disconnect(true);
      }
    });
    this.queues.set(socket, settled);
    return next;
  }
}

class SocketGone extends Error {}

/** A signed-in socket whose session would have ended by itself by `now` unless used since. */
function isDue(socket: LiveSocket, now: number): boolean {
  return socket.data.actor !== null && socket.data.validUntil <= now;
}

const notFound: SubscribeAck = { ok: false, appCode: 'NOT_FOUND' };

function sameStanding(a: Actor, b: Actor): boolean {
  return (
    a.userId === b.userId &&
    a.sessionId === b.sessionId &&
    a.platformRole === b.platformRole &&
    a.organisationId === b.organisationId &&
    a.organisationKind === b.organisationKind &&
    a.organisationVerified === b.organisationVerified &&
    a.emailVerified === b.emailVerified
  );
}

/** The one room of a dialogue's topic the actor may be in, or null when the dialogue is hidden from them (or gone). */
function roomFor(actor: Actor | null, dialogueId: string, facts: DialogueAccessFacts | null, topic: DialogueRoomTopic): string | null {
  if (facts === null || !canViewDialogue(actor, facts)) return null;
  return dialogueRoom(dialogueId, audienceOf(actor, facts), topic);
}

/** The live room of a session the actor may be in: none when the session is gone or cancelled, or its dialogue is hidden from them. */
function liveRoomFor(actor: Actor | null, sessionId: string, facts: LiveSessionFacts | null): string | null {
  if (facts === null || facts.cancelled || facts.dialogue === null || !canViewDialogue(actor, facts.dialogue)) return null;
  return liveRoom(sessionId, audienceOf(actor, facts.dialogue));
}

/** Notes that a session's live room belongs to its dialogue, so a change of the dialogue finds its sockets. */
function remember(sessionsOf: Map<string, Set<string>>, ownerId: string, sessionId: string): void {
  const sessions = sessionsOf.get(ownerId) ?? new Set<string>();
  sessions.add(sessionId);
  sessionsOf.set(ownerId, sessions);
}

function subscribedLiveRooms(socket: LiveSocket): string[] {
  const ids = new Set<string>();
  for (const room of socket.rooms) {
    const parsed = parseLiveRoom(room);
    if (parsed) ids.add(parsed.sessionId);
  }
  return [...ids];
}

/** The dialogues the socket is in a room of, once for each topic. */
function subscribedDialogues(socket: LiveSocket): { dialogueId: string; topic: DialogueRoomTopic }[] {
  const subscriptions = new Map<string, { dialogueId: string; topic: DialogueRoomTopic }>();
  for (const room of socket.rooms) {
    const parsed = parseDialogueRoom(room);
    if (parsed) subscriptions.set(`${parsed.dialogueId} ${parsed.topic}`, { dialogueId: parsed.dialogueId, topic: parsed.topic });
  }
  return [...subscriptions.values()];
}

/**
 * Puts the socket in `room`, one of an audience pair (buyers, public), and out of the pair's other
 * room (or out of both when `room` is null); true if anything moved. Dialogues and live rooms both.
 */
function placeInOneOf(socket: LiveSocket, pair: readonly [string, string], room: string | null): boolean {
  let moved = false;
  for (const candidate of pair) {
    if (candidate !== room && socket.rooms.has(candidate)) {
      void socket.leave(candidate);
      moved = true;
    }
  }
  if (room !== null && !socket.rooms.has(room) && socket.connected) {
    void socket.join(room);
    moved = true;
  }
  return moved;
}

function placeInDialogueRoom(socket: LiveSocket, dialogueId: string, topic: DialogueRoomTopic, room: string | null): boolean {
  return placeInOneOf(socket, [dialogueRoom(dialogueId, 'buyers', topic), dialogueRoom(dialogueId, 'public', topic)], room);
}

function placeInLiveRoom(socket: LiveSocket, sessionId: string, room: string | null): boolean {
  return placeInOneOf(socket, [liveRoom(sessionId, 'buyers'), liveRoom(sessionId, 'public')], room);
}
