// A live room page's copy of the room, kept in step with the session's socket room; questions
// that arrive are announced politely to screen readers (a few at a time, never moving focus).
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { LiveRoomView } from '@dialogforum/contracts';
import { queryClient, trpc, trpcClient } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useLiveRoomWords } from './live-room-words.ts';
import { useLiveRoom } from '../realtime.ts';
import { LiveRoomCopy, type LiveRoomApi } from './live-room-copy.ts';

const api: LiveRoomApi = { changes: (input) => trpcClient.liveRoom.changes.query(input) };

export function useLiveRoomCopy(room: LiveRoomView) {
  const { w, wPlural, lang } = useLiveRoomWords();
  const announce = useAnnounce();
  // One copy per room and page load: the query's later answers do not replace what the socket keeps.
  const copy = useMemo(() => new LiveRoomCopy(api, room), [room.sessionId]);
  const snapshot = useSyncExternalStore(copy.subscribe, copy.getSnapshot);
  useLiveRoom(room.sessionId, true, {
    subscribed: () => void copy.catchUp(),
    // The room is out of reach now (the session was cancelled, the dialogue hidden): load the page again.
    refused: () => void queryClient.invalidateQueries({ queryKey: trpc.liveRoom.get.queryKey({ sessionId: room.sessionId }) }),
    changed: (changes) => copy.receive(changes),
    presence: (presence) => copy.presence(presence),
  });

  const arrived = snapshot.arrived;
  // The words change only with the language (\`w\` itself is new on every render), so the arrivals
  // are announced once each, not again on every render.
  useEffect(() => {
    if (arrived.length === 1) announce(w('newQuestion', { text: arrived[0]!.body ?? '' }));
    else if (arrived.length > 1) announce(wPlural('newQuestions', arrived.length));
  }, [arrived, announce, lang]);

  return { copy, snapshot };
}
