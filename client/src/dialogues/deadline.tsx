// A question deadline: the date in the reader's language and time zone, and in words whether it
// is still open (never by colour alone). An open page turns to "passed" when the time comes.
import { useEffect, useState } from 'react';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function Deadline({ iso, passed }: { iso: string; passed: boolean }) {
  const { t, lang } = useI18n();
  const date = formatDateTime(iso, lang);
  return (
    <span className={`deadline ${passed ? 'deadline-passed' : 'deadline-open'}`}>
      <time dateTime={iso}>{date}</time>{' '}
      <span className="badge deadline-state">{passed ? t('deadline.passed') : t('deadline.open')}</span>
    </span>
  );
}

export function isPast(iso: string, now = Date.now()): boolean {
  const time = Date.parse(iso);
  return !Number.isNaN(time) && time <= now;
}

// setTimeout holds at most 2^31-1 ms (about 24.8 days); a later deadline is checked again then.
const MAX_TIMEOUT = 2 ** 31 - 1;

/** Whether the deadline has passed, by the server's word or the clock; re-renders at the deadline. */
export function useDeadlinePassed(iso: string, passedByServer: boolean): boolean {
  const [, setTick] = useState(0);
  const passed = passedByServer || isPast(iso);
  useEffect(() => {
    if (passed) return;
    const wait = Math.min(Date.parse(iso) - Date.now() + 250, MAX_TIMEOUT);
    const timer = setTimeout(() => setTick((tick) => tick + 1), Math.max(wait, 0));
    return () => clearTimeout(timer);
  });
  return passed;
}
