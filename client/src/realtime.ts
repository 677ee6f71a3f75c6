// Live updates over socket.io. One socket per tab, connected when a dialogue page first needs it.
// A dialogue page subscribes to its room; each pushed event makes the page refetch its views (so
// what appears is filtered by the viewer's own policy) and is announced politely to screen readers.
// After a reconnect that socket.io could not recover, the page re-subscribes and refetches, so a
// gap in the connection never becomes a gap on the page.
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
    socket.on('disconnect', notifyStatus);
    socket.on('connect_error', notifyStatus);
    socket.io.on('reconnect_attempt', notifyStatus);
  }
  return socket;
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
  if (!socket || !socket.active) return;
  socket.disconnect();
  socket.connect();
}

export type LiveMessages = {
  newQuestion: (title: string) => string;
  newAnswer: (threadTitle: string, official: boolean) => string;
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
    const onConnect = () => {
      if (!live.recovered) subscribe();
    };
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

    live.on('connect', onConnect);
    live.on('thread.created', onThreadCreated);
    live.on('post.published', onPostPublished);
    if (live.connected) subscribe();
    else if (!live.active) live.connect();

    return () => {
      live.off('connect', onConnect);
      live.off('thread.created', onThreadCreated);
      live.off('post.published', onPostPublished);
      if (live.connected) live.emit('dialogue.unsubscribe', { dialogueId }, () => {});
    };
  }, [dialogueId, enabled]);
}
