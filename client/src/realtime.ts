// Live updates over socket.io. One socket per tab, connected when a dialogue page first needs it.
// A dialogue page subscribes to its room; each pushed event makes the page refetch its views (so
// what appears is filtered by the viewer's own policy) and is announced politely to screen readers.
// After every reconnect the page re-subscribes and refetches, so a gap in the connection never
// becomes a gap on the page.
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

export type LiveMessages = {
  newQuestion: (title: string) => string;
  newAnswer: (threadTitle: string, official: boolean) => string;
  /** The dialogue changed; `deadline` is its new question deadline when that is what moved. */
  dialogueChanged: (deadline: string | null) => string;
};

function refetchDialogue(dialogueId: string) {
  void queryClient.invalidateQueries({ queryKey: trpc.threads.list.queryKey({ dialogueId }) });
  void queryClient.invalidateQueries({ queryKey: trpc.dialogues.get.queryKey({ dialogueId }) });
  void queryClient.invalidateQueries({ queryKey: trpc.dialogues.list.queryKey() });
}

function threadTitle(dialogueId: string, threadId: string): string {
  const threads = queryClient.getQueryData(trpc.threads.list.queryKey({ dialogueId }));
  return threads?.find((thread) => thread.id === threadId)?.title ?? '';
}

/** Keeps a dialogue page live while it is mounted. */
export function useDialogueLiveUpdates(
  dialogueId: string,
  enabled: boolean,
  announce: (message: string) => void,
  messages: LiveMessages,
): void {
  // Language switches must not resubscribe: read the current messages through a ref.
  const latest = useRef({ announce, messages });
  latest.current = { announce, messages };

  useEffect(() => {
    if (!enabled) return;
    const live = getSocket();

    // Subscribing, then refetching once the server confirms, closes the window between the first
    // fetch and joining the room in which an event could otherwise be missed.
    const subscribe = () => {
      live.emit('dialogue.subscribe', { dialogueId }, (ack) => {
        if (ack?.ok) refetchDialogue(dialogueId);
      });
    };
    // Every connection starts with no rooms (the server does not recover sessions): subscribe again.
    const onConnect = () => subscribe();
    const onThreadCreated: ServerToClientEvents['thread.created'] = (event) => {
      if (event.dialogueId !== dialogueId) return;
      refetchDialogue(dialogueId);
      latest.current.announce(latest.current.messages.newQuestion(event.thread.title));
    };
    const onPostPublished: ServerToClientEvents['post.published'] = (event) => {
      if (event.dialogueId !== dialogueId || event.post.kind === 'question') return;
      const title = threadTitle(dialogueId, event.threadId);
      refetchDialogue(dialogueId);
      latest.current.announce(latest.current.messages.newAnswer(title, event.post.official));
    };
    const onDialogueChanged: ServerToClientEvents['dialogue.changed'] = (event) => {
      if (event.dialogueId !== dialogueId) return;
      const key = trpc.dialogues.get.queryKey({ dialogueId });
      const before = queryClient.getQueryData(key);
      void queryClient.invalidateQueries({ queryKey: trpc.dialogues.list.queryKey() });
      // Announced once the page shows the new state, with the new deadline when that moved; not at
      // all when this tab already showed it (the buyer who made the change heard it from the form).
      void queryClient.invalidateQueries({ queryKey: key }).then(() => {
        const after = queryClient.getQueryData(key);
        if (!after || JSON.stringify(after) === JSON.stringify(before)) return;
        const deadlineMoved = after.questionDeadline !== before?.questionDeadline;
        latest.current.announce(latest.current.messages.dialogueChanged(deadlineMoved ? after.questionDeadline : null));
      });
    };

    // The server moved this socket between the dialogue's rooms (or out of them): what the page
    // shows may now be more or less than this viewer may see, so it is fetched again.
    const onAccessChanged: ServerToClientEvents['dialogue.access_changed'] = (event) => {
      if (event.dialogueId === dialogueId) refetchDialogue(dialogueId);
    };

    live.on('connect', onConnect);
    live.on('dialogue.access_changed', onAccessChanged);
    live.on('thread.created', onThreadCreated);
    live.on('post.published', onPostPublished);
    live.on('dialogue.changed', onDialogueChanged);
    if (live.connected) subscribe();
    else if (!live.active) live.connect();

    return () => {
      live.off('connect', onConnect);
      live.off('dialogue.access_changed', onAccessChanged);
      live.off('thread.created', onThreadCreated);
      live.off('post.published', onPostPublished);
      live.off('dialogue.changed', onDialogueChanged);
      if (live.connected) live.emit('dialogue.unsubscribe', { dialogueId }, () => {});
    };
  }, [dialogueId, enabled]);
}
