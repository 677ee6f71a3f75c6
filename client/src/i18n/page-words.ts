// Words that only one part of the app shows, kept beside that part's (lazy) code instead of in the
// shared catalogues (`sv.ts`, `en.ts`), whose Swedish half is in every first page load. A part
// declares its words in both languages with the same keys, and reads them through this hook.
import { withParams, useI18n, type I18n, type MessageParams } from './i18n.tsx';

/** The keys of `words` that have a `.one` and `.other` form, without the ending. */
type PluralOf<K extends string> = K extends `${infer P}.one` ? P : never;

export type PageWords<K extends string> = I18n & {
  w: (key: K, params?: MessageParams) => string;
  wPlural: (key: PluralOf<K>, count: number, params?: MessageParams) => string;
};

export function usePageWords<K extends string>(sv: Record<K, string>, en: Record<K, string>): PageWords<K> {
  const i18n = useI18n();
  const words = i18n.lang === 'en' ? en : sv;
  const w = (key: K, params?: MessageParams) => withParams(words[key], params);
  const wPlural = (key: PluralOf<K>, count: number, params?: MessageParams) => {
    const category = new Intl.PluralRules(i18n.lang).select(count) === 'one' ? 'one' : 'other';
    return w(`${key}.${category}` as K, { count, ...params });
  };
  return { ...i18n, w, wPlural };
}
