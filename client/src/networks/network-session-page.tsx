// "/networks/sessions/:id" — one of a network's own sessions, for its members alone; to anyone else
// it does not exist. Members register here; the meeting link shows once they are registered. The
// session's live room, for members' questions while it is held, is a page of its own.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { NetworkSessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { RegistrationSection } from '../sessions/registration-section.tsx';
import { SessionTime } from '../sessions/session-time.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { useNetworkRoom } from './network-room.ts';
import { CancelNetworkSession } from './network-session-cancel.tsx';
import { EditNetworkSession } from './network-session-edit.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkSessionPage({ params }: { params: Record<string, string> }) {
  const { n } = useNetworksText();
  const sessionId = params.id ?? '';
  const session = useQuery(trpc.networks.session.queryOptions({ sessionId }));
  useNetworkRoom(session.data?.networkId ?? '', session.isSuccess);
  if (session.isPending) return <Loading />;
  if (session.isError) {
    const missing = appErrorCode(session.error) === 'NOT_FOUND' || appErrorCode(session.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{n(missing ? 'sessionNotFound' : 'loadError')}</PageHeading>
        {missing ? <p>{n('notFoundText')}</p> : <ErrorNotice title={n('loadError')} error={session.error} onRetry={() => void session.refetch()} />}
      </>
    );
  }
  return <SessionContent session={session.data} />;
}

function SessionContent({ session }: { session: NetworkSessionView }) {
  const { n } = useNetworksText();
  const { t, lang } = useI18n();
  return (
    <article aria-labelledby="network-session-title">
      <p className="breadcrumb">
        <Link to={`/networks/${encodeURIComponent(session.networkId)}`}>{session.networkName}</Link>
      </p>
      <PageHeading id="network-session-title" title={session.title}>
        {session.title}
      </PageHeading>
      <p className="post-meta">{n('sessionByline', { name: session.scheduledByName, organisation: session.organisationName })}</p>
      {session.cancelled && (
        <p className="notice notice-warning" role="status">
          {t('session.cancelled', { date: formatDateTime(session.cancelled.at, lang), reason: session.cancelled.reason })}
        </p>
      )}
      <dl className="meta meta-large">
        <dt>{t('session.when')}</dt>
        <dd>
          <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} timeZone={session.timeZone} />
        </dd>
        <dt>{t('session.format')}</dt>
        <dd>{t(`sessions.format.${session.format}`)}</dd>
        {session.address && (
          <>
            <dt>{t('session.address')}</dt>
            <dd>{session.address}</dd>
          </>
        )}
        {session.meetingLink && (
          <>
            <dt>{t('session.meetingLink')}</dt>
            <dd>
              <a href={session.meetingLink} rel="noopener noreferrer" target="_blank">
                {session.meetingLink}
              </a>
            </dd>
          </>
        )}
        <dt>{t('session.places')}</dt>
        <dd>{t('sessions.placesLeft', { left: Math.max(0, session.capacity - session.registeredCount), capacity: session.capacity })}</dd>
      </dl>
      {session.agenda && <SafeMarkdown source={session.agenda} />}
      {!session.cancelled && (
        <p>
          <Link className="button button-secondary" to={`/networks/sessions/${encodeURIComponent(session.id)}/live`}>
            {t('session.liveRoom')}
          </Link>
        </p>
      )}
      <Registration session={session} />
      {session.viewer.mayEdit && <EditNetworkSession session={session} />}
      {session.viewer.mayCancel && <CancelNetworkSession session={session} />}
    </article>
  );
}

function Registration({ session }: { session: NetworkSessionView }) {
  const { n } = useNetworksText();
  const { t } = useI18n();
  const announce = useAnnounce();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
  const register = useMutation(trpc.networks.registerForSession.mutationOptions({ onSuccess: () => (announce(t('registration.registered')), void refresh()) }));
  const unregister = useMutation(trpc.networks.unregisterFromSession.mutationOptions({ onSuccess: () => (announce(t('registration.unregistered')), void refresh()) }));
  const { viewer } = session;
  const error = register.error ?? unregister.error;
  let content;
  if (session.cancelled) {
    content = <p className="notice notice-info">{t('registration.cannot.closed')}</p>;
  } else if (viewer.registered) {
    content = <p className="notice notice-success">{t('registration.youAreRegistered')}</p>;
  } else if (viewer.mayRegister) {
    content = (
      <button type="button" className="button" aria-disabled={register.isPending} onClick={() => !register.isPending && register.mutate({ sessionId: session.id })}>
        {t('registration.register')}
      </button>
    );
  } else {
    content = (
      <p className="notice notice-info">
        {viewer.cannotRegisterBecause === 'full' ? n('sessionFull') : t('registration.cannot.closed')}
      </p>
    );
  }
  return (
    <RegistrationSection
      headingId="network-registration-heading"
      unregister={viewer.registered && !session.cancelled && viewer.cannotRegisterBecause === null ? { confirm: () => unregister.mutate({ sessionId: session.id }), pending: unregister.isPending } : null}
      error={error}
    >
      {content}
    </RegistrationSection>
  );
}
