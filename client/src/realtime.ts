// Live updates over socket.io. One socket per tab, connected when a dialogue page first needs it.
// A dialogue page subscribes to its room and applies what it is sent (threads/dialogue-threads.ts);
// after every reconnect it subscribes again and catches up on what it missed, so a gap in the
// connection never becomes a gap on the page.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dialogforum/contracts';
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
      everConnected = true;
      notifyStatus();
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
 * Keeps a dialogue page in its live room while it is mounted. Subscribing, then catching up once
 * the server confirms, closes the window between the first fetch and joining the room in which an
 * event could otherwise be missed. The asker's own sockets are also sent their unpublished
 * question's changes without subscribing; those arrive here too and are told apart by dialogue.
 */
export function useDialogueRoom(dialogueId: string, enabled: boolean, handlers: DialogueRoomHandlers): void {
  // Handlers change with every render (language, page state): read the current ones through a ref.
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    const live = getSocket();
    const subscribe = () => {
      live.emit('dialogue.subscribe', { dialogueId }, (ack) => {
        if (ack?.ok) latest.current.subscribed();
      });
    };
    // Every connection starts with no rooms (the server does not recover sessions): subscribe again.
    const onConnect = () => subscribe();
    const onThreadChanged: ServerToClientEvents['thread.changed'] = (event) => {
      if (event.dialogueId === dialogueId) latest.current.threadChanged?.(event);
    };
    const onDialogueChanged: ServerToClientEvents['dialogue.changed'] = (event) => {
      if (event.dialogueId === dialogueId) latest.current.dialogueChanged?.();
    };
    const onAccessChanged: ServerToClientEvents['dialogue.access_changed'] = (event) => {
      if (event.dialogueId === dialogueId) latest.current.accessChanged();
    };

    const onSessionChanged: ServerToClientEvents['session.changed'] = (event) => {
      if (event.dialogueId === dialogueId) latest.current.sessionChanged?.();
    };
    const onRoundChanged: ServerToClientEvents['round.changed'] = (event) => {
      if (event.dialogueId === dialogueId) latest.current.roundChanged?.(event);
    };

    live.on('connect', onConnect);
    live.on('session.changed', onSessionChanged);
    live.on('round.changed', onRoundChanged);
    live.on('thread.changed', onThreadChanged);
    live.on('dialogue.changed', onDialogueChanged);
    live.on('dialogue.access_changed', onAccessChanged);
    if (live.connected) subscribe();
    else if (!live.active) live.connect();

    return () => {
      live.off('connect', onConnect);
      live.off('session.changed', onSessionChanged);
      live.off('round.changed', onRoundChanged);
      live.off('thread.changed', onThreadChanged);
      live.off('dialogue.changed', onDialogueChanged);
      live.off('dialogue.access_changed', onAccessChanged);
      if (live.connected) live.emit('dialogue.unsubscribe', { dialogueId }, () => {});
    };
  }, [dialogueId, enabled]);
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

/**
 * Keeps a live room page in the session's room while it is mounted: joins at every connection and
 * then catches up (sessions/live-room-copy.ts), so a dropped connection never leaves a gap.
 */
export function useLiveRoom(sessionId: string, enabled: boolean, handlers: LiveRoomHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const live = getSocket();
    const subscribe = () => {
      live.emit('live.subscribe', { sessionId }, (ack) => {
        if (ack?.ok) latest.current.subscribed();
        else latest.current.refused();
      });
    };
    const onConnect = () => subscribe();
    const onChanged: ServerToClientEvents['live.changed'] = (event) => {
      if (event.sessionId === sessionId) latest.current.changed(event);
    };
    const onPresence: ServerToClientEvents['live.presence'] = (event) => {
      if (event.sessionId === sessionId) latest.current.presence(event);
    };
    const onAccessChanged: ServerToClientEvents['live.access_changed'] = (event) => {
      if (event.sessionId === sessionId) latest.current.refused();
    };
    live.on('connect', onConnect);
    live.on('live.changed', onChanged);
    live.on('live.presence', onPresence);
    live.on('live.access_changed', onAccessChanged);
    if (live.connected) subscribe();
    else if (!live.active) live.connect();
    return () => {
      live.off('connect', onConnect);
      live.off('live.changed', onChanged);
      live.off('live.presence', onPresence);
      live.off('live.access_changed', onAccessChanged);
      if (live.connected) live.emit('live.unsubscribe', { sessionId }, () => {});
    };
  }, [sessionId, enabled]);
}
