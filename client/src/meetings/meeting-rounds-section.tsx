// A dialogue's rounds of one-to-one meetings on its page: how many slots are free, and for the
// buyers a way to open a new round.
import { useQuery } from '@tanstack/react-query';
import type { DialogueView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { SessionTime } from '../sessions/session-time.tsx';

export function MeetingRoundsSection({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const rounds = useQuery(trpc.meetings.rounds.queryOptions({ dialogueId: dialogue.id }));
  if (!dialogue.viewer.canAnswer && rounds.data?.length === 0) return null;
  return (
    <section aria-labelledby="rounds-heading" className="page-section rounds">
      <div className="section-header">
        <h2 id="rounds-heading">{t('rounds.title')}</h2>
        {dialogue.viewer.canAnswer && (
          <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}/rounds/new`} className="button button-secondary button-small">
            {t('rounds.open')}
          </Link>
        )}
      </div>
      {rounds.isPending ? (
        <Loading label={t('rounds.loading')} />
      ) : rounds.isError ? (
        <ErrorNotice title={t('rounds.loadError')} error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : rounds.data.length === 0 ? (
        <p className="empty-state">{t('rounds.empty')}</p>
      ) : (
        <ul className="card-list">
          {rounds.data.map((round) => (
            <li key={round.id} className="card">
              <h3 className="card-title">
                <Link to={`/rounds/${encodeURIComponent(round.id)}`}>{round.title}</Link>
              </h3>
              <p>
                <SessionTime startsAt={round.startsAt} endsAt={round.endsAt} timeZone={round.timeZone} />
              </p>
              <p className="post-meta">
                {t('rounds.slots', { minutes: round.slotMinutes, free: round.slotCount - round.bookedCount, count: round.slotCount })}
                {round.status === 'closed' ? ` · ${t('rounds.closed')}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
