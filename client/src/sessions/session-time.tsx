// When a session is: in the reader's own time zone (named), and also in the session's zone when
// that is another one, so "10:00 Stockholm time" is never lost on someone reading from abroad.
import { browserTimeZone, formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function SessionTime({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const { t, lang } = useI18n();
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  const endTime = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(endsAt));
  const own = browserTimeZone();
  const inSessionZone =
    own === timeZone
      ? null
      : new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(startsAt));
  return (
    <span className="session-time">
      <time dateTime={startsAt}>{formatDateTime(startsAt, lang)}</time>–<time dateTime={endsAt}>{endTime}</time>
      {inSessionZone ? <span className="muted"> ({t('sessions.inZone', { time: inSessionZone, zone: timeZone })})</span> : null}
    </span>
  );
}
