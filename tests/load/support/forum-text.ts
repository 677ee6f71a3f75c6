// Deterministic made-up forum content for the store benchmarks: every run inserts the same posts.

/** A seeded pseudo-random number generator (mulberry32): values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Swedish and English words of procurement dialogues, Swedish letters included. */
export const FORUM_WORDS = (
  'journalsystem integration patient anhörig surfplatta inloggning tillgänglighet budget pilot avtal ' +
  'leverantör region vårdplats hemmet säkerhet data ägande gränssnitt FHIR BankID SITHS krav upphandling ' +
  'the solution must integrate with existing records and support accessible login for patients at home'
).split(' ');

/** A sentence of `words` words drawn with `random`. */
export function forumSentence(words: number, random: () => number): string {
  return Array.from({ length: words }, () => FORUM_WORDS[Math.floor(random() * FORUM_WORDS.length)]).join(' ');
}
