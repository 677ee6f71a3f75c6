// The arena's dialogues and sessions: those going on now, the sessions coming up, and the past
// dialogues with what they published. Each list says so when it is empty. Dialogues are shown with
// the dialogue list's own card, nested below the arena page's headings.
import type { ArenaId, ArenaPastDialogue, ArenaUpcomingSession, DialogueSummary } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { DialogueCard } from '../dialogues/dialogue-list-page.tsx';
import { Link } from '../router.tsx';
import { SessionTime } from '../sessions/session-time.tsx';

export function CurrentDialogues({ arenaId, dialogues }: { arenaId: ArenaId; dialogues: DialogueSummary[] }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t('arena.currentDialogues')}</h3>
      {dialogues.length === 0 ? (
        <p className="empty-state">{t('arena.noCurrentDialogues')}</p>
      ) : (
        <ul className="card-list">
          {dialogues.map((dialogue) => (
            <DialogueCard key={dialogue.id} dialogue={dialogue} headingLevel={4} />
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
  const { t } = useI18n();
  if (dialogues.length === 0) return <p className="empty-state">{t('arena.noPastDialogues')}</p>;
  return (
    <ul className="card-list">
      {dialogues.map((dialogue) => (
        <DialogueCard key={dialogue.id} dialogue={dialogue} headingLevel={3}>
          <div>
            <dt>{t('arena.publishedQa')}</dt>
            <dd>{t('arena.publishedQaCount', { published: dialogue.publishedQuestions, answered: dialogue.answeredQuestions })}</dd>
          </div>
        </DialogueCard>
      ))}
    </ul>
  );
}
