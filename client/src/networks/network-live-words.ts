// The words of a network session's live room that differ from a dialogue session's (which it
// otherwise shares: sessions/live-room-words.ts), Swedish first and English. They load with the
// room's own (lazy) page, so they cost the first page load nothing.
import { usePageWords } from '../i18n/page-words.ts';

const sv = {
  notFoundText: 'Mötet finns inte, har ställts in, eller så är din organisation inte medlem i nätverket.',
  notStarted: 'Värden har inte öppnat liverummet än. Frågor kan ställas när det är öppet.',
  endedNotice: 'Liverummet är stängt. Frågorna finns kvar här för nätverkets medlemmar.',
  askHint: 'Visas direkt för alla i rummet, med ditt namn och din organisation. Bara nätverkets medlemmar ser rummet.',
  asked: '{name}, {organisation}',
  openRoom: 'Gå till liverummet',
};

export type NetworkLiveWordKey = keyof typeof sv;

const en: Record<NetworkLiveWordKey, string> = {
  notFoundText: 'The session does not exist, was cancelled, or your organisation is not a member of the network.',
  notStarted: 'The host has not opened the live room yet. Questions can be asked once it is open.',
  endedNotice: 'The live room is closed. Its questions stay here for the network’s members.',
  askHint: 'Shown at once to everyone in the room, with your name and organisation. Only the network’s members see the room.',
  asked: '{name}, {organisation}',
  openRoom: 'Go to the live room',
};

export function useNetworkLiveWords() {
  const { w, ...rest } = usePageWords<NetworkLiveWordKey>(sv, en);
  return { nl: w, ...rest };
}
