// The words for changing a network session, Swedish first and English. They load with the network
// session page's own (lazy) code, so they cost the first page load nothing.
import { usePageWords } from '../i18n/page-words.ts';

const sv = {
  intro: 'Du kan ändra mötet tills det är slut. De anmälda får besked i appen om tid eller plats ändras. Har mötet börjat ligger tiden fast.',
  capacityHint: '{count} är anmälda: platserna kan inte bli färre.',
  saved: 'Mötet är ändrat.',
};

const en: Record<keyof typeof sv, string> = {
  intro: 'You can change the session until it has ended. Those registered are told in the app if its time or place changes. Once it has started, its time stays.',
  capacityHint: '{count} are registered: the places cannot be fewer.',
  saved: 'The session is changed.',
};

export function useNetworkSessionEditText() {
  const { w, ...rest } = usePageWords(sv, en);
  return { e: w, ...rest };
}
