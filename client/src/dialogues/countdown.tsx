// How long until a deadline, in the reader's words ("om 3 dagar", "in 5 hours"), next to the date in
// their time zone. Re-rendered as time passes, so a page left open stays right.
import { useEffect, useState } from 'react';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

const LOCALES = { sv: 'sv-SE', en: 'en-GB' } as const;

/** The current time, renewed every `intervalMs` while mounted. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The largest whole unit that says how far ahead the moment is: days, then hours, then minutes. */
export function remaining(untilMs: number, lang: 'sv' | 'en'): string {
  const format = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'always' });
  const minutes = Math.max(1, Math.ceil(untilMs / 60_000));
  if (minutes >= 2 * 24 * 60) return format.format(Math.floor(minutes / (24 * 60)), 'day');
  if (minutes >= 120) return format.format(Math.floor(minutes / 60), 'hour');
  return format.format(minutes, 'minute');
}

export function Countdown({ iso, now }: { iso: string; now: number }) {
  const { t, lang } = useI18n();
  const left = Date.parse(iso) - now;
  return (
    <span className={`countdown ${left > 0 ? 'countdown-open' : 'countdown-passed'}`}>
      <time dateTime={iso}>{formatDateTime(iso, lang)}</time>{' '}
      <span className="badge">{left > 0 ? remaining(left, lang) : t('clock.passed')}</span>
    </span>
  );
}
