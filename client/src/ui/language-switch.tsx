// Svenska / English. Each name is written in its own language (and marked with lang), the current
// one is pressed.
import { LANGUAGES, LANGUAGE_NAMES, useI18n } from '../i18n/i18n.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={lang === option}
          onClick={() => setLang(option)}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
