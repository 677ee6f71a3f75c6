// A dialogue's live sessions (dialogmöten) on its page: when, how, how full, and a link to each;
// the buyers plan a new one from here. Kept live: a session scheduled, changed, cancelled or filled
// elsewhere shows here without reloading.
import { useQuery } from '@tanstack/react-query';
import type { DialogueView, SessionSummary } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useMe } from '../session.ts';
import { CalendarFeedControl } from '../calendar/calendar-feed-control.tsx';
import { SessionTime } from './session-time.tsx';

export function SessionsSection({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const sessions = useQuery(trpc.sessions.list.queryOptions({ dialogueId: dialogue.id }));
  const upcoming = sessions.data?.filter((session) => session.status === 'scheduled' || session.status === 'live') ?? [];
  const past = sessions.data?.filter((session) => session.status === 'ended' || session.status === 'cancelled') ?? [];

  return (
    <section aria-labelledby="sessions-heading" className="page-section sessions">
      <div className="section-header">
        <h2 id="sessions-heading">{t('sessions.title')}</h2>
        {dialogue.viewer.canAnswer && (
          <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}/sessions/new`} className="button button-secondary button-small">
            {t('sessions.plan')}
          </Link>
        )}
      </div>
      {sessions.isPending ? (
        <Loading label={t('sessions.loading')} />
      ) : sessions.isError ? (
        <ErrorNotice title={t('sessions.loadError')} error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.length === 0 ? (
        <p className="empty-state">{t('sessions.empty')}</p>
      ) : (
        <>
          {upcoming.length > 0 && <SessionList sessions={upcoming} />}
          {past.length > 0 && (
            <details className="past-sessions">
              <summary>{t('sessions.past', { count: past.length })}</summary>
              <SessionList sessions={past} />
            </details>
          )}
        </>
      )}
      <DialogueCalendar dialogueId={dialogue.id} />
    </section>
  );
}

/** Subscribing to the dialogue's sessions: for those signed in with a confirmed address. */
function DialogueCalendar({ dialogueId }: { dialogueId: string }) {
  const { t } = useI18n();
  const me = useMe();
  if (!me.data?.emailVerified) return null;
  return (
    <details className="dialogue-calendar">
      <summary>{t('calendarFeed.dialogueTitle')}</summary>
      <p className="section-intro">{t('calendarFeed.dialogueIntro')}</p>
      <CalendarFeedControl input={{ scope: 'dialogue', dialogueId }} />
    </details>
  );
}

function SessionList({ sessions }: { sessions: SessionSummary[] }) {
  const { t } = useI18n();
  return (
    <ul className="card-list">
      {sessions.map((session) => (
        <li key={session.id} className="card">
          <h3 className="card-title">
            <Link to={`/sessions/${encodeURIComponent(session.id)}`}>{session.title}</Link>
          </h3>
          <p>
            <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} timeZone={session.timeZone} />
          </p>
          <p className="post-meta">
            {t(`sessions.format.${session.format}`)} · <SessionPlaces session={session} />
            {session.status !== 'scheduled' ? ` · ${t(`sessions.status.${session.status}`)}` : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function SessionPlaces({ session }: { session: SessionSummary }) {
  const { t } = useI18n();
  const left = Math.max(0, session.capacity - session.registeredCount);
  if (left > 0) return <>{t('sessions.placesLeft', { left, capacity: session.capacity })}</>;
  return <>{t('sessions.full', { waiting: session.waitlistCount })}</>;
}
