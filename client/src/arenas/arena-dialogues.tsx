// The arena's dialogues and sessions: those going on now, the sessions coming up, and the past
// dialogues with what they published. Each list says so when it is empty.
import type { ArenaId, ArenaPastDialogue, ArenaUpcomingSession, DialogueSummary } from '@dialogforum/contracts';
import { Deadline, isPast } from '../components/deadline.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { SessionTime } from '../sessions/session-time.tsx';

export function CurrentDialogues({ arenaId, dialogues }: { arenaId: ArenaId; dialogues: DialogueSummary[] }) {
  const { t, plural } = useI18n();
  return (
    <>
      <h3>{t('arena.currentDialogues')}</h3>
      {dialogues.length === 0 ? (
        <p className="empty-state">{t('arena.noCurrentDialogues')}</p>
      ) : (
        <ul className="card-list">
          {dialogues.map((dialogue) => (
            <li key={dialogue.id} className="card">
              <h4 className="card-title">
                <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
              </h4>
              <dl className="meta">
                <div>
                  <dt>{t('list.owners')}</dt>
                  <dd>{dialogue.owners.map((owner) => owner.name).join(', ')}</dd>
                </div>
                <div>
                  <dt>{t('list.phase')}</dt>
                  <dd>{t(`phase.${dialogue.phase}`)}</dd>
                </div>
                <div>
                  <dt>{t('list.deadline')}</dt>
                  <dd>
                    <Deadline iso={dialogue.questionDeadline} passed={isPast(dialogue.questionDeadline)} />
                  </dd>
                </div>
                <div>
                  <dt>{t('list.questions')}</dt>
                  <dd>{plural('list.questionCount', dialogue.threadCount)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/?arena=${encodeURIComponent(arenaId)}`}>{t('arena.allDialogues')}</Link>
      </p>
    </>
  );
}

export function UpcomingSessions({ sessions }: { sessions: ArenaUpcomingSession[] }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t('arena.upcomingSessions')}</h3>
      {sessions.length === 0 ? (
        <p className="empty-state">{t('arena.noSessions')}</p>
      ) : (
        <ul className="plain-list">
          {sessions.map((session) => (
            <li key={session.id}>
              <Link to={`/sessions/${encodeURIComponent(session.id)}`}>{session.title}</Link> ({session.dialogueTitle}){' '}
              <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} timeZone={session.timeZone} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function PastDialogues({ dialogues }: { dialogues: ArenaPastDialogue[] }) {
  const { t, lang } = useI18n();
  if (dialogues.length === 0) return <p className="empty-state">{t('arena.noPastDialogues')}</p>;
  return (
    <ul className="card-list">
      {dialogues.map((dialogue) => (
        <li key={dialogue.id} className="card">
          <h3 className="card-title">
            <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
          </h3>
          <dl className="meta">
            <div>
              <dt>{t('list.owners')}</dt>
              <dd>{dialogue.owners.map((owner) => owner.name).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('list.phase')}</dt>
              <dd>{t(`phase.${dialogue.phase}`)}</dd>
            </div>
            {dialogue.archivedAt && (
              <div>
                <dt>{t('list.archivedAt')}</dt>
                <dd>
                  <time dateTime={dialogue.archivedAt}>{formatDate(dialogue.archivedAt, lang)}</time>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('arena.publishedQa')}</dt>
              <dd>{t('arena.publishedQaCount', { published: dialogue.publishedQuestions, answered: dialogue.answeredQuestions })}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
