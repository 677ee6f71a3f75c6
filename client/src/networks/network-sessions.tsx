// A network's own sessions on its page: upcoming (soonest first) and past, each with its time, form
// and places, and planning a new one. Members only — the server sends no sessions to anyone else.
import type { NetworkSessionSummary, NetworkView } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { SessionTime } from '../sessions/session-time.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkSessions({ network }: { network: NetworkView }) {
  const { n } = useNetworksText();
  return (
    <section aria-labelledby="network-sessions-heading" className="page-section">
      <h2 id="network-sessions-heading">{n('sessions')}</h2>
      <p>{n('sessionsIntro')}</p>
      {!network.dissolved && (
        <p>
          <Link to={`/networks/${encodeURIComponent(network.id)}/sessions/new`} className="button">
            {n('scheduleSession')}
          </Link>
        </p>
      )}
      <SessionList id="network-upcoming-heading" heading={n('upcomingSessions')} empty={n('noUpcomingSessions')} sessions={network.sessions.upcoming} />
      <SessionList id="network-past-heading" heading={n('pastSessions')} empty={n('noPastSessions')} sessions={network.sessions.past} />
    </section>
  );
}

function SessionList({ id, heading, empty, sessions }: { id: string; heading: string; empty: string; sessions: NetworkSessionSummary[] }) {
  const { n } = useNetworksText();
  const { t } = useI18n();
  return (
    <>
      <h3 id={id}>{heading}</h3>
      {sessions.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <ul className="plain-list" aria-labelledby={id}>
          {sessions.map((session) => (
            <li key={session.id}>
              <Link to={`/networks/sessions/${encodeURIComponent(session.id)}`}>{session.title}</Link>
              {session.cancelled && <strong className="network-facts">{` · ${t('sessions.status.cancelled')}`}</strong>}
              {' · '}
              <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} timeZone={session.timeZone} />
              <span className="network-facts">
                {' · '}
                {n('sessionFacts', { format: t(`sessions.format.${session.format}`), registered: session.registeredCount, capacity: session.capacity })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
