// The reader's language: Swedish by default, English on request, remembered in localStorage and
// reflected in <html lang>. `t` looks a message up and fills in `{placeholders}`.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { sv, type MessageKey, type Messages } from './sv.ts';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// A reader needs one language's messages, so only Swedish (the default) is in the first load; English
// is fetched the first time it is wanted (each catalogue is some 17 kB gzip and grows with features).
const catalogues: Partial<Record<Language, Messages>> = { sv };

function loadCatalogue(lang: Language): Promise<Messages> {
  const loaded = catalogues[lang];
  if (loaded) return Promise.resolve(loaded);
  return import('./en.ts').then(({ en }) => (catalogues.en = en));
}

type Shown = { lang: Language; messages: Messages };
const STORAGE_KEY = 'dialogforum.language';

/** Names of the languages, each in its own language (shown in the switch whatever is selected). */
export const LANGUAGE_NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English' };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export type I18n = {
  lang: Language;
  setLang: (lang: Language) => void;
  t: Translate;
  /** Picks `<key>.one` or `<key>.other` by the count's plural category, with `{count}` filled in. */
  plural: (key: PluralKey, count: number, params?: MessageParams) => string;
};

type PluralKey = MessageKey extends infer K ? (K extends `${infer P}.one` ? P : never) : never;

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'sv' || stored === 'en') return stored;
  } catch {
    // Storage can be disabled (private mode, policies): fall back to Swedish.
  }
  return 'sv';
}

/** A message with its {name} parameters filled in; a name without a value is left as written. */
export function withParams(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  // The language and its messages change together: a page never says English words under lang="sv".
  const [shown, setShown] = useState<Shown | null>(() => {
    const lang = storedLanguage();
    const messages = catalogues[lang];
    return messages ? { lang, messages } : null;
  });

  const show = useCallback((lang: Language) => {
    loadCatalogue(lang).then(
      (messages) => setShown({ lang, messages }),
      // Not fetched (offline, a new release replaced the file): stay in the language on screen, or Swedish.
      () => setShown((current) => current ?? { lang: 'sv', messages: sv }),
    );
  }, []);

  useEffect(() => {
    if (!shown) show(storedLanguage());
    // Only the first render can lack messages; later switches go through setLang.
  }, []);

  useEffect(() => {
    if (shown) document.documentElement.lang = shown.lang;
  }, [shown]);

  const setLang = useCallback(
    (next: Language) => {
      show(next);
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, but still switched for this visit.
      }
    },
    [show],
  );

  const value = useMemo<I18n | null>(() => {
    if (!shown) return null;
    const { lang, messages } = shown;
    const t: Translate = (key, params) => withParams(messages[key], params);
    const rules = new Intl.PluralRules(lang);
    const plural: I18n['plural'] = (key, count, params) => {
      const category = rules.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}.${category}` as MessageKey, { count, ...params });
    };
    return { lang, setLang, t, plural };
  }, [shown, setLang]);

  // An English reader's first visit waits for the English messages (one small request) rather than
  // flashing Swedish.
  if (!value) return null;
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside LanguageProvider');
  return value;
}
