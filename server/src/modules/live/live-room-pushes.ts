// Pushes a session's live room to the sockets in it. A push is "everything in the room whose
// change number is in (from, to]" for the socket's audience, read from the store as it is now and
// bounded by `to`, the highest change number among the events handled so far: so nothing reaches
// a socket before the realtime processor has handled (and re-derived rights for) every event
// before it, and a client that knows it has seen `from` knows it has seen `to` after applying it.
//
// Votes and poll answers are coalesced by a throttle on the room's pushes: a count goes at once when
// the room's last push began at least a window ago, and otherwise waits for the window to end, when
// one push carries every count that changed meanwhile (any other change pushes at once and takes the
// waiting counts with it). A burst of votes is therefore one message a window, not one a vote, and a
// lone vote does not wait. The window counts from the start of a push, so a busy room gets a push
// every window rather than every window plus the time its emit took; after a push that took long (a
// loaded server) half a window still passes before the next, for the requests and events between.
// A big room's window is longer: each push is one socket write per participant in the room on this
// node (~15 µs each, all in one turn of the event loop, ~15 ms for 1,000) and one message for every
// participant's browser to take in, so the window is at least as long as the room's sockets take at
// `socketWritesPerSecond` (50 ms up to 500 participants, 100 ms at 1,000, 1 s at 10,000): a room's
// fan-out holds the event loop for a bounded share of the time however many join, and a burst of
// votes is fewer messages for each of them. A lone vote still goes at once, whatever the room's size.
//
// A question whose only change since the last push was votes goes as its count alone (`votes` of
// the push), not as its whole view: the events handled say which questions those are. Any event
// that names a question otherwise, or may change every question (the session's start, end or
// minutes), sends the questions it touched whole.
//
// Everything here runs one thing at a time with the realtime processor's handling of events
// (`exclusive`), so a window that closes while a right is being taken away waits for that first.
import type { LivePresence } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { Audience } from '../../platform/policy/viewer.ts';
import { liveRoom } from '../../platform/realtime/rooms.ts';
import type { LiveSocket, SocketRights } from '../../platform/realtime/socket-rights.ts';
import type { LocalRooms } from '../../platform/realtime/socket-server.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { currentSession, roomChangesBetween } from '../sessions/live-room-queries.ts';

/** Events that change a live room; each carries the room's change number it took (`subject.change`). */
export const LIVE_ROOM_EVENTS = new Set<EventType>([
  'session.started',
  'session.ended',
  'session.minutes_published',
  'live.question_submitted',
  'live.question_voted',
  'live.question_approved',
  'live.question_hidden',
  'live.question_pinned',
  'live.question_answered',
  'live.approval_changed',
  'live.announced',
  'live.poll_opened',
  'live.poll_answered',
  'live.poll_closed',
]);

/** Events that change no question: they leave the questions' counts-only standing as it is. */
const LEAVE_QUESTIONS = new Set<EventType>(['live.announced', 'live.poll_opened', 'live.poll_answered', 'live.poll_closed', 'live.approval_changed']);

/** Counts that may wait a moment: a burst of them is one push. */
const COALESCED = new Set<EventType>(['live.question_voted', 'live.poll_answered']);

const AUDIENCES: Audience[] = ['buyers', 'public'];

export type LiveRoomTiming = {
  /** How often at most a room's waiting counts are pushed, from the start of one push to the next (one after a quiet moment does not wait). */
  coalesceMs: number;
  /** How many socket writes a second a room's pushes make at most on this node: a room with more sockets than fit in `coalesceMs` gets a longer window. */
  socketWritesPerSecond: number;
  /** How often at most a room's participant count is sent. */
  presenceMs: number;
};

// 50 ms from the start of one push to the next in a room of up to 500 on a node, so a vote waits 50 ms
// at most there. A busy room of 1,000 gets a push every 100 ms (its emit takes ~15 ms, nearly all of
// it one socket write per participant): at every 50 ms, the one core the benchmark gives 1,000
// participants spent ~83 % of its time taking in pushes, nearly all of it per message, not per
// byte, and the room's p99 was several windows long (liveroom bench, docs/benchmarks.md).
export const DEFAULT_LIVE_ROOM_TIMING: LiveRoomTiming = { coalesceMs: 50, socketWritesPerSecond: 10_000, presenceMs: 1000 };

type RoomState = {
  /** The room's change number up to which this node has pushed. */
  pushed: number;
  /** The highest change number among the events handled. */
  handled: number;
  /** Waiting counts are pushed when it fires. */
  window: NodeJS.Timeout | null;
  /** When (performance.now()) a count may next be pushed at once: a window after the last push began, and half a window after it ended. */
  nextPushAt: number;
  /** The questions changed since the last push: by votes alone (true), or otherwise too (false). */
  questions: Map<string, boolean>;
  /** An event since the last push may have changed every question: all go whole. */
  wholeRoom: boolean;
};

export class LiveRoomPushes {
  private readonly rooms = new Map<string, RoomState>();
  private readonly presenceDue = new Map<string, NodeJS.Timeout>();
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly io: LocalRooms,
    private readonly rights: SocketRights,
    private readonly socketsIn: (room: string) => LiveSocket[],
    /** Who is in the rooms on every node (LiveServer.roomMembers): the count is the room's, not this node's. */
    private readonly roomMembers: (rooms: string[]) => Promise<(Actor | null)[]>,
    private readonly log: (message: string, error: unknown) => void,
    private readonly timing: LiveRoomTiming = DEFAULT_LIVE_ROOM_TIMING,
  ) {}

  /** Runs `work` after everything started before it here (the realtime processor's events included). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work);
    this.turn = next.catch(() => {});
    return next;
  }

  /** An event of LIVE_ROOM_EVENTS, in log order, inside `exclusive`. */
  async handle(event: DomainEvent): Promise<void> {
    const sessionId = event.subject.sessionId;
    const change = Number(event.subject.change);
    if (!sessionId || !Number.isSafeInteger(change)) return;
    let room = this.rooms.get(sessionId);
    if (!room) {
      // First news of this room on this node: its clients learn of anything earlier by asking.
      room = { pushed: change - 1, handled: change - 1, window: null, nextPushAt: 0, questions: new Map(), wholeRoom: false };
      this.rooms.set(sessionId, room);
    }
    room.handled = Math.max(room.handled, change);
    noteQuestions(room, event);
    if (COALESCED.has(event.type)) {
      // A window is open: the count waits for its end, with every other count that comes meanwhile.
      if (room.window) return;
      const wait = room.nextPushAt - performance.now();
      // After a quiet moment it goes at once; right after a push it waits out the window that push began.
      if (wait > 0) this.openWindow(sessionId, room, wait);
      else await this.flush(sessionId);
      return;
    }
    await this.flush(sessionId);
  }

  /** At the window's end, the counts it gathered are pushed (unless another change took them along already). */
  private openWindow(sessionId: string, room: RoomState, wait: number): void {
    room.window = setTimeout(() => {
      void this.exclusive(async () => {
        if (this.rooms.get(sessionId) !== room || room.window === null) return;
        room.window = null;
        await this.flush(sessionId);
      }).catch((error: unknown) => this.log('pushing a live room failed', error));
    }, wait);
    room.window.unref();
  }

  private async flush(sessionId: string): Promise<void> {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    if (room.window) clearTimeout(room.window);
    room.window = null;
    if (room.handled <= room.pushed) return;
    const from = room.pushed;
    const to = room.handled;
    const countsOnly = room.wholeRoom ? new Set<string>() : new Set([...room.questions].flatMap(([questionId, votesAlone]) => (votesAlone ? [questionId] : [])));
    // Marked pushed first: if reading fails, the next push starts after `to`, and every client
    // sees the gap and asks for what it missed, rather than being sent the same range twice.
    room.pushed = to;
    room.questions = new Map();
    room.wholeRoom = false;
    const sockets = this.audienceSockets(sessionId).length;
    if (sockets === 0) {
      this.rooms.delete(sessionId);
      return;
    }
    const windowMs = this.windowFor(sockets);
    const startedAt = performance.now();
    try {
      await this.push(sessionId, from, to, countsOnly);
    } finally {
      room.nextPushAt = Math.max(startedAt + windowMs, performance.now() + windowMs / 2);
    }
  }

  /** A room's window: `coalesceMs`, or longer when its sockets here would make more writes a second than `socketWritesPerSecond`. */
  private windowFor(sockets: number): number {
    return Math.max(this.timing.coalesceMs, (sockets * 1000) / this.timing.socketWritesPerSecond);
  }

  /** Sends each audience in the room what changed in (from, to], as that audience may see it. */
  private async push(sessionId: string, from: number, to: number, countsOnly: ReadonlySet<string>): Promise<void> {
    await this.rights.beforeSendingLive(sessionId, this.clock.now().getTime());
    const session = await currentSession(this.store, sessionId);
    if (!session) return;
    for (const audience of AUDIENCES) {
      const target = liveRoom(sessionId, audience);
      if (this.socketsIn(target).length === 0) continue;
      const changes = await roomChangesBetween(this.store, { userId: null, seesAll: audience === 'buyers' }, session, from, to, countsOnly);
      this.io.to(target).emit('live.changed', changes);
    }
  }

  /** Someone entered or left the room, here or on another node: its count is sent once the moment has passed. */
  presenceChanged(sessionId: string): void {
    if (this.presenceDue.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.presenceDue.delete(sessionId);
      void this.sendPresence(sessionId).catch((error: unknown) => this.log('sending a live room’s participants failed', error));
    }, this.timing.presenceMs);
    timer.unref();
    this.presenceDue.set(sessionId, timer);
  }

  private async sendPresence(sessionId: string): Promise<void> {
    if (this.audienceSockets(sessionId).length === 0) return;
    // Asked before taking the turn: another node may be slow to answer, and the turn holds up every live push.
    const members = await this.roomMembers(AUDIENCES.map((audience) => liveRoom(sessionId, audience)));
    await this.exclusive(() => this.sendCount(sessionId, members));
  }

  private async sendCount(sessionId: string, members: (Actor | null)[]): Promise<void> {
    await this.rights.beforeSendingLive(sessionId, this.clock.now().getTime());
    if (!this.audienceSockets(sessionId).some((socket) => socket.connected)) return;
    // A person with the room open in two tabs (or on two nodes) counts once.
    const people = new Map<string, { name: string; organisationId: string | null }>();
    let anonymous = 0;
    for (const actor of members) {
      if (actor === null) anonymous += 1;
      else people.set(actor.userId, { name: actor.name, organisationId: actor.organisationId });
    }
    const organisations = await organisationSummaries(
      this.store,
      [...people.values()].flatMap((person) => (person.organisationId ? [person.organisationId] : [])),
    );
    const count = people.size + anonymous;
    const named = [...people.values()]
      .map((person) => ({ name: person.name, organisationName: person.organisationId ? (organisations.get(person.organisationId)?.name ?? '') : '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    const presence = (audience: Audience): LivePresence => ({ sessionId, count, people: audience === 'buyers' ? named : null });
    for (const audience of AUDIENCES) this.io.to(liveRoom(sessionId, audience)).emit('live.presence', presence(audience));
  }

  private audienceSockets(sessionId: string): LiveSocket[] {
    return AUDIENCES.flatMap((audience) => this.socketsIn(liveRoom(sessionId, audience)));
  }

  /** Stops the windows and timers (the app is closing). */
  close(): void {
    for (const room of this.rooms.values()) if (room.window) clearTimeout(room.window);
    for (const timer of this.presenceDue.values()) clearTimeout(timer);
    this.rooms.clear();
    this.presenceDue.clear();
  }
}

/** Keeps count of which questions changed since the last push, and whether by votes alone. */
function noteQuestions(room: RoomState, event: DomainEvent): void {
  const questionId = event.subject.questionId;
  if (questionId) room.questions.set(questionId, event.type === 'live.question_voted' && room.questions.get(questionId) !== false);
  else if (!LEAVE_QUESTIONS.has(event.type)) room.wholeRoom = true;
}
