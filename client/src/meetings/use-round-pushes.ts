// Keeps a round's page in step with its dialogue's rounds room (the dialogue's room narrowed to its
// rounds, so the page is sent no thread it would throw away): a booking, a slot given back, minutes
// and the closing reach it as a nudge naming the round, and the page reads the round again as its
// viewer may see it (the push carries no view, so it cannot show anyone more than the query does).
// What others changed is announced politely, never moving focus; the viewer's own actions announce
// themselves.
import type { MeetingRoundView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { useRoom, type RoomKind } from '../realtime.ts';

const ROUNDS_ROOM: RoomKind = {
  join: 'dialogue.subscribe',
  leave: 'dialogue.unsubscribe',
  key: 'dialogueId',
  topic: 'rounds',
  events: ['round.changed', 'dialogue.access_changed'],
};

export function useRoundPushes(round: MeetingRoundView): void {
  const { t } = useI18n();
  const announce = useAnnounce();
  const readAgain = (tell: boolean) => {
    const key = trpc.meetings.round.queryKey({ roundId: round.id });
    const before = queryClient.getQueryData(key);
    // The dialogue's list of rounds (free slots) is read again too when it is on screen.
    void queryClient.invalidateQueries({ queryKey: trpc.meetings.pathKey() }).then(() => {
      const after = queryClient.getQueryData(key);
      const news = tell && before && after ? roundNews(before, after, t) : null;
      if (news) announce(news);
    });
  };
  useRoom(ROUNDS_ROOM, round.dialogueId, true, {
    // Joined (again): whatever changed while the socket was away is read now.
    subscribed: () => readAgain(false),
    // The round's own query answers as the viewer may see it now.
    refused: () => readAgain(false),
    events: {
      'dialogue.access_changed': () => readAgain(false),
      'round.changed': (event) => {
        if (event.roundId === round.id) readAgain(true);
      },
    },
  });
}

function roundNews(before: MeetingRoundView, after: MeetingRoundView, t: Translate): string | null {
  if (before.status === 'open' && after.status === 'closed') return after.viewer.isHost ? null : t('round.closedLive');
  // The viewer's organisation booked or gave back: the action said so (or a colleague did, and the page shows it).
  if (before.viewer.bookedSlotId !== after.viewer.bookedSlotId) return null;
  if (before.bookedCount !== after.bookedCount) return t('round.freeLive', { free: after.slotCount - after.bookedCount, count: after.slotCount });
  return null;
}
