// Deterministic procurement posts for the search benchmark: Swedish and English dialogue text with
// a realistic vocabulary — common words, procurement terms in their Swedish inflections, made-up
// compounds (Swedish builds new words by joining: "vinter" + "väghållning"), reference numbers —
// so that typo and prefix expansion face tens of thousands of terms, not a word list of fifty.
import type { SearchDocument } from '../../server/src/platform/search/search-index.ts';
import { seededRandom } from './support/forum-text.ts';

const COMMON =
  'och att det som en på är av för med till den har de inte om ett men var vi så kan när ska skulle kommer ut får finns vara alla andra mycket än här då över bara även vad mer ingen dessa detta ' +
  'the and of to in for with is are be it this that as from we our your can will should must may'.split(' ').join(' ');
const STEMS = (
  'upphandling leverantör avtal ramavtal anbud krav tjänst tjänster pris priser kostnad budget region kommun skola vård ' +
  'sensor sensorer väg väghållning vinter snöröjning belysning trafik parkering fordon elbil laddning energi värme fjärrvärme ' +
  'data system integration journal patient säkerhet inloggning tillgänglighet gränssnitt plattform molntjänst lagring ' +
  'leverans leveranstid möbler städning kontor lokal transport taxi skolskjuts livsmedel måltid kök konsult utbildning ' +
  'underhåll reparation garanti support licens programvara hårdvara nätverk telefoni avfall återvinning vatten avlopp ' +
  'bygg renovering fastighet entreprenad projekt tidplan milstolpe uppföljning rapport statistik kvalitet miljö hållbarhet ' +
  'förfrågan underlag bilaga villkor vite option förlängning uppsägning ersättning faktura betalning moms ' +
  'procurement supplier contract tender requirement service price cost budget school care road winter lighting traffic ' +
  'vehicle charging energy heating data integration record patient security login accessibility interface platform ' +
  'delivery furniture cleaning office transport catering training maintenance repair warranty licence software network ' +
  'waste recycling water construction property project schedule milestone report quality environment sustainability'
).split(' ');
const SWEDISH_ENDINGS = ['', '', '', 'en', 'er', 'ar', 'na', 'et', 's', 'erna', 'arna'];
const ARENAS = ['halsa', 'skola', 'vag', 'energi', 'it', 'bygg', 'transport', 'miljo'];
const PHASES = ['needs-analysis', 'market-dialogue', 'tender', 'evaluation'];

export type Corpus = { docs: SearchDocument[]; arenas: string[] };

export function searchCorpus(count: number, seed: number): Corpus {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // 8,000 compounds of two stems: a vocabulary like a real Swedish forum's.
  const compounds = Array.from({ length: 8000 }, () => pick(STEMS) + pick(STEMS));
  const word = (): string => {
    const roll = random();
    if (roll < 0.45) return pick(COMMON.split(' '));
    if (roll < 0.8) return pick(STEMS) + pick(SWEDISH_ENDINGS);
    if (roll < 0.97) return pick(compounds) + pick(SWEDISH_ENDINGS);
    return `${pick(['KS', 'DNR', 'REF'])}-${Math.floor(random() * 9000) + 1000}`;
  };
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, word).join(' ');
    return text[0]!.toUpperCase() + text.slice(1) + '.';
  };
  const dialogues = Array.from({ length: 500 }, (_, i) => ({
    id: `dialogue${i}`,
    arenaId: pick(ARENAS),
    phase: pick(PHASES),
    buyers: random() < 0.1 ? [`org${Math.floor(random() * 100)}`, `org${Math.floor(random() * 100)}`] : [`org${Math.floor(random() * 100)}`],
    visibility: random() < 0.2 ? ('registered' as const) : ('public' as const),
  }));
  const epoch = Date.parse('2025-01-01T00:00:00Z');
  const docs: SearchDocument[] = [];
  let thread = 0;
  let postInThread = 0;
  let threadTitle = '';
  for (let i = 0; i < count; i++) {
    if (postInThread === 0 || random() < 0.3) {
      thread++;
      postInThread = 0;
      threadTitle = sentence(4 + Math.floor(random() * 5));
    }
    const dialogue = dialogues[thread % dialogues.length]!;
    const kind = postInThread === 0 ? 'question' : postInThread === 1 ? 'answer' : 'comment';
    const id = `post:p${i}`;
    docs.push({
      id,
      kind,
      group: kind === 'comment' ? id : `thread:t${thread}`,
      dialogueId: dialogue.id,
      threadId: `t${thread}`,
      arenaId: dialogue.arenaId,
      visibility: dialogue.visibility,
      readers: [],
      buyerOrganisationIds: dialogue.buyers,
      phase: dialogue.phase,
      answered: kind !== 'comment' && random() < 0.6,
      title: threadTitle,
      body: Array.from({ length: 2 + Math.floor(random() * 5) }, () => sentence(8 + Math.floor(random() * 12))).join(' '),
      createdAt: new Date(epoch + i * 60_000).toISOString(),
    });
    postInThread++;
  }
  return { docs, arenas: ARENAS };
}

/** One typo in `word`: a letter dropped, doubled, replaced, or two neighbours swapped. */
export function withTypo(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const roll = random();
  if (roll < 0.25) return word.slice(0, at) + word.slice(at + 1);
  if (roll < 0.5) return word.slice(0, at) + word[at] + word.slice(at);
  if (roll < 0.75) {
    const letters = 'abcdefghijklmnopqrstuvwxyzåäö';
    let letter = word[at]!;
    while (letter === word[at]) letter = letters[Math.floor(random() * letters.length)]!;
    return word.slice(0, at) + letter + word.slice(at + 1);
  }
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}
