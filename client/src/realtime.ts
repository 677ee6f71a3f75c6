// Live updates over socket.io. One socket per tab, connected when a dialogue page first needs it.
// A page keeps one room (a dialogue's, or a session's live room: `useRoom`) and applies what it is
// sent (threads/dialogue-threads.ts, sessions/live-room-copy.ts); after every reconnect it
// subscribes again and catches up on what it missed, so a gap in the connection never becomes a
// gap on the page.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, DialogueTopic, ServerToClientEvents } from '@dialogforum/contracts';
import { queryClient, trpc } from './api.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';

type DialogueSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: DialogueSocket | null = null;
let everConnected = false;
const statusListeners = new Set<() => void>();
const notifyStatus = () => statusListeners.forEach((listener) => listener());

function getSocket(): DialogueSocket {
  if (!socket) {
    socket = io({ path: '/socket.io/', autoConnect: false, withCredentials: true });
    socket.on('connect', () => {
      const reconnected = everConnected;
      everConnected = true;
      notifyStatus();
      if (reconnected) void viewerAfterReconnect();
    });
    socket.on('disconnect', (reason) => {
      notifyStatus();
      if (reason === 'io server disconnect') sessionEndedByServer();
    });
    socket.on('connect_error', notifyStatus);
    socket.io.on('reconnect_attempt', notifyStatus);
  }
  return socket;
}

/**
 * The server closes every socket of a person whose sessions ended (logging out on any device, a
 * password change or reset). socket.io does not reconnect by itself then: this tab finds out who
 * it is now, refetches what it shows, and connects again as that viewer (after a short pause, so a
 * repeated close cannot become a tight loop).
 */
let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
function sessionEndedByServer(): void {
  // When this tab's own account call ended the sessions (a password change, a login), the socket
  // can close before that call's answer has set the new cookie: asking "who am I" now would say
  // nobody. The call's own success handler updates the viewer instead (sessionChanged).
  const ownAccountCallInFlight = queryClient.isMutating({ mutationKey: trpc.accounts.pathKey() }) > 0;
  if (!ownAccountCallInFlight) void queryClient.invalidateQueries();
  if (reconnectTimer) clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(() => {
    reconnectTimer = null;
    if (socket && !socket.active) socket.connect();
  }, 1000);
}

/**
 * While the tab was offline its person may have been logged out on another device (or removed from
 * their organisation): the server closed their sockets then, but this tab could not hear it. The
 * socket that connects again is the new viewer's; the pages still show what the old one could see
 * and do (a host's console, say). So after every reconnect the tab asks who it is, and if that
 * changed, fetches every view again, as a sign-in or sign-out in this tab would.
 */
async function viewerAfterReconnect(): Promise<void> {
  const meKey = trpc.accounts.me.queryKey();
  const before = queryClient.getQueryData(meKey);
  if (before === undefined) return;
  const now = await queryClient.fetchQuery({ ...trpc.accounts.me.queryOptions(), staleTime: 0 }).catch(() => undefined);
  if (now === undefined || JSON.stringify(now) === JSON.stringify(before)) return;
  await queryClient.invalidateQueries({ predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(meKey) });
}

function connectionStatus(): ConnectionStatus {
  if (socket?.connected) return 'live';
  return everConnected ? 'reconnecting' : 'connecting';
}

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore((listener) => {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  }, connectionStatus);
}

/**
 * The session cookie is read when the socket connects, so after logging in or out the socket
 * connects again: the server then puts it in the room variant for the new viewer.
 */
export function restartSocketForNewSession(): void {
  // Never started: the first dialogue page connects it. Closed by the server (sessions ended): it
  // connects again now, with the new cookie.
  if (!socket || (!socket.active && !everConnected)) return;
  if (socket.active) socket.disconnect();
  socket.connect();
}

/** What a page does with each event its room is sent (the events of other rooms are not handed on). */
type RoomEvents = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };

/** A kind of room: how a socket joins and leaves one, which events it is sent, and what names the room in them. */
export type RoomKind = {
  join: 'dialogue.subscribe' | 'live.subscribe' | 'network.subscribe' | 'networkLive.subscribe' | 'consortium.subscribe' | 'opportunity.subscribe' | 'libraryItem.subscribe';
  leave: 'dialogue.unsubscribe' | 'live.unsubscribe' | 'network.unsubscribe' | 'networkLive.unsubscribe' | 'consortium.unsubscribe' | 'opportunity.unsubscribe' | 'libraryItem.unsubscribe';
  key: 'dialogueId' | 'sessionId' | 'networkId' | 'consortiumId' | 'opportunityId' | 'itemId';
  /** A dialogue's room narrowed to one topic (a round's page: its rounds alone); joined and left as such. */
  topic?: DialogueTopic;
  events: readonly (keyof ServerToClientEvents)[];
};

const DIALOGUE_ROOM: RoomKind = {
  join: 'dialogue.subscribe',
  leave: 'dialogue.unsubscribe',
  key: 'dialogueId',
  events: ['thread.changed', 'dialogue.changed', 'dialogue.access_changed', 'session.changed', 'round.changed'],
};

const LIVE_ROOM: RoomKind = {
  join: 'live.subscribe',
  leave: 'live.unsubscribe',
  key: 'sessionId',
  events: ['live.changed', 'live.presence', 'live.access_changed'],
};

type RoomHandlers = {
  /** The socket is in the room (again): catch up on what happened while it was not. */
  subscribed: () => void;
  /** The server would not let the socket in. */
  refused: () => void;
  events: RoomEvents;
};

/**
 * Keeps a page in one room while it is mounted. It joins at every connection, since the server
 * recovers no rooms, and catches up once the server confirms, which closes the window between the
 * page's first fetch and joining in which an event could otherwise be missed. Only the events that
 * name this room are handed on: the socket is also sent other rooms' and its own person's.
 */
export function useRoom(kind: RoomKind, id: string, enabled: boolean, handlers: RoomHandlers): void {
  // Handlers change with every render (language, page state): read the current ones through a ref.
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    const live = getSocket();
    const input = kind.topic ? { [kind.key]: id, topic: kind.topic } : { [kind.key]: id };
    const subscribe = () => {
      live.emit(kind.join, input, (ack) => {
        if (ack?.ok) latest.current.subscribed();
        else latest.current.refused();
      });
    };
    // socket.io-client's typed `on` cannot take a listener for a name chosen at run time.
    const listeners = kind.events.map((name) => {
      const listener = (event: Partial<Record<RoomKind['key'], string>>) => {
        if (event[kind.key] === id) (latest.current.events[name] as ((event: unknown) => void) | undefined)?.(event);
      };
      return [name, listener] as [string, (event: never) => void];
    });
    const untyped = live as unknown as { on(name: string, listener: (event: never) => void): void; off(name: string, listener: (event: never) => void): void };

    live.on('connect', subscribe);
    for (const [name, listener] of listeners) untyped.on(name, listener);
    if (live.connected) subscribe();
    else if (!live.active) live.connect();

    return () => {
      live.off('connect', subscribe);
      for (const [name, listener] of listeners) untyped.off(name, listener);
      if (live.connected) live.emit(kind.leave, input, () => {});
    };
  }, [kind, id, enabled]);
}

/** What a dialogue page does with what its room is sent. */
export type DialogueRoomHandlers = {
  /** The socket is in the dialogue's room (again): catch up on what happened while it was not. */
  subscribed: () => void;
  threadChanged?: ServerToClientEvents['thread.changed'];
  /** The dialogue itself changed (its deadline, its buyers, its Q&A mode). */
  dialogueChanged?: () => void;
  /** What this viewer may see of the dialogue changed: load it again. */
  accessChanged: () => void;
  /** A session of the dialogue was scheduled, changed, cancelled or filled. */
  sessionChanged?: () => void;
  /** A round of one-to-one meetings of the dialogue was opened, booked, given back, minuted or closed. */
  roundChanged?: ServerToClientEvents['round.changed'];
};

/**
 * Keeps a dialogue page in the dialogue's room while it is mounted (a round's page keeps the
 * dialogue's rounds room instead: meetings/use-round-pushes.ts). The asker's
 * own sockets are also sent their unpublished question's changes without subscribing; those arrive
 * here too and are told apart by dialogue.
 */
export function useDialogueRoom(dialogueId: string, enabled: boolean, handlers: DialogueRoomHandlers): void {
  useRoom(DIALOGUE_ROOM, dialogueId, enabled, {
    subscribed: handlers.subscribed,
    // A dialogue the viewer may not see shows its own refusal when the page loads it.
    refused: () => {},
    events: {
      'thread.changed': handlers.threadChanged,
      'dialogue.changed': handlers.dialogueChanged,
      'dialogue.access_changed': handlers.accessChanged,
      'session.changed': handlers.sessionChanged,
      'round.changed': handlers.roundChanged,
    },
  });
}

/**
 * Keeps this tab's socket connected while someone is signed in, so their notifications reach it
 * (the server sends them to the person's own sockets, whatever page is open). `reconnected` runs at
 * every (re)connection: what was pushed while the socket was down is then fetched instead.
 */
export function useNotificationPushes(
  enabled: boolean,
  handlers: { created: ServerToClientEvents['notification.created']; reconnected: () => void },
): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const live = getSocket();
    const onCreated: ServerToClientEvents['notification.created'] = (event) => latest.current.created(event);
    const onConnect = () => latest.current.reconnected();
    live.on('notification.created', onCreated);
    live.on('connect', onConnect);
    if (!live.active) live.connect();
    return () => {
      live.off('notification.created', onCreated);
      live.off('connect', onConnect);
    };
  }, [enabled]);
}

/** What a live room page does with what its room is sent. */
export type LiveRoomHandlers = {
  /** The socket is in the room (again): catch up on what changed while it was not. */
  subscribed: () => void;
  /** The room could not be joined, or the viewer may no longer be in it: load the page again. */
  refused: () => void;
  changed: ServerToClientEvents['live.changed'];
  presence: ServerToClientEvents['live.presence'];
};

/** Keeps a live room page in the session's room while it is mounted (sessions/live-room-copy.ts catches up). */
export function useLiveRoom(sessionId: string, enabled: boolean, handlers: LiveRoomHandlers): void {
  useRoom(LIVE_ROOM, sessionId, enabled, {
    subscribed: handlers.subscribed,
    refused: handlers.refused,
    events: {
      'live.changed': handlers.changed,
      'live.presence': handlers.presence,
      'live.access_changed': handlers.refused,
    },
  });
}
