// "/sessions/:id" — one live dialogue session: when and how, the agenda, registration (with the
// meeting link once registered), and for its hosts: changing it, cancelling it, and who is coming.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { cancelSessionInput, sessionCalendarPath, type SessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { CancelSessionAction } from './cancel-session-action.tsx';
import { SessionForm } from './session-form.tsx';
import { SessionRegistration } from './session-registration.tsx';
import { SessionRegistrations } from './session-registrations.tsx';
import { SessionPlaces } from './sessions-section.tsx';
import { SessionTime } from './session-time.tsx';

export function SessionPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const sessionId = params.id ?? '';
  const session = useQuery(trpc.sessions.get.queryOptions({ sessionId }));
  if (session.isPending) return <Loading />;
  if (session.isError) {
    const missing = appErrorCode(session.error) === 'NOT_FOUND' || appErrorCode(session.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{t(missing ? 'session.notFound' : 'session.loadError')}</PageHeading>
        {missing ? <p>{t('session.notFoundText')}</p> : <ErrorNotice title={t('session.loadError')} error={session.error} onRetry={() => void session.refetch()} />}
        <p>
          <Link to="/">{t('dialogue.backToList')}</Link>
        </p>
      </>
    );
  }
  return <SessionContent session={session.data} />;
}

function SessionContent({ session }: { session: SessionView }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <article aria-labelledby="session-title" className="session">
      <p className="breadcrumb">
        <Link to={`/dialogues/${encodeURIComponent(session.dialogueId)}`}>{session.dialogueTitle}</Link>
      </p>
      <PageHeading id="session-title">{session.title}</PageHeading>
      {session.cancellation && (
        <p className="notice notice-warning" role="status">
          {t('session.cancelled', { date: formatDateTime(session.cancellation.at, lang), reason: session.cancellation.reason })}
        </p>
      )}
      <dl className="meta meta-large">
        <div>
          <dt>{t('session.when')}</dt>
          <dd>
            <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} timeZone={session.timeZone} />
          </dd>
        </div>
        <div>
          <dt>{t('session.format')}</dt>
          <dd>{t(`sessions.format.${session.format}`)}</dd>
        </div>
        {session.address && (
          <div>
            <dt>{t('session.address')}</dt>
            <dd>{session.address}</dd>
          </div>
        )}
        {session.meetingLink && (
          <div>
            <dt>{t('session.meetingLink')}</dt>
            <dd>
              <a href={session.meetingLink} rel="noopener noreferrer nofollow">
                {session.meetingLink}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('session.places')}</dt>
          <dd>
            <SessionPlaces session={session} />
          </dd>
        </div>
        <div>
          <dt>{t('session.registrationDeadline')}</dt>
          <dd>
            <time dateTime={session.registrationDeadline}>{formatDateTime(session.registrationDeadline, lang)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('session.status')}</dt>
          <dd>{t(`sessions.status.${session.status}`)}</dd>
        </div>
      </dl>

      <p>
        <a className="button button-secondary button-small" href={`${sessionCalendarPath(session.id)}?language=${lang}`} download>
          {t('session.addToCalendar')}
        </a>
      </p>
      {session.status !== 'cancelled' && (
        <p>
          <Link className="button" to={`/sessions/${encodeURIComponent(session.id)}/live`}>
            {t(session.status === 'live' ? 'session.joinLiveRoom' : session.status === 'ended' ? 'session.liveRoomRecord' : session.viewer.isHost ? 'session.openLiveRoom' : 'session.liveRoom')}
          </Link>
        </p>
      )}

      <section aria-labelledby="agenda-heading" className="page-section">
        <h2 id="agenda-heading">{t('session.agenda')}</h2>
        {session.agenda.trim() ? <SafeMarkdown source={session.agenda} /> : <p className="muted">{t('session.noAgenda')}</p>}
      </section>

      {!session.viewer.isHost && <SessionRegistration session={session} />}

      {session.viewer.isHost && (
        <section aria-labelledby="host-heading" className="page-section">
          <h2 id="host-heading">{t('session.hostTools')}</h2>
          {session.status === 'scheduled' && (
            <div className="owner-actions">
              <button type="button" className="button button-secondary" aria-expanded={editing} onClick={() => setEditing((value) => !value)}>
                {t('session.edit')}
              </button>
              <CancelSession session={session} />
            </div>
          )}
          {editing && <SessionForm dialogueId={session.dialogueId} session={session} onSaved={() => setEditing(false)} />}
          <SessionRegistrations sessionId={session.id} />
        </section>
      )}
    </article>
  );
}

function CancelSession({ session }: { session: SessionView }) {
  return (
    <CancelSessionAction
      sessionId={session.id}
      schema={cancelSessionInput}
      mutation={(done) =>
        trpc.sessions.cancel.mutationOptions({
          onSuccess: () => {
            void queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() });
            done();
          },
        })
      }
    />
  );
}
