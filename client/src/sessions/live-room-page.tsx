// "/sessions/:id/live" — a session's live room: the live participant count, announcements, polls
// and questions, every change arriving at once; for the hosts, the console. Nothing here moves
// focus by itself: what arrives is announced politely (LiveAnnouncer).
import { useQuery } from '@tanstack/react-query';
import type { LiveRoomView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { ConnectionStatus } from '../ui/connection-status.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useLiveRoomWords } from './live-room-words.ts';
import { Link } from '../router.tsx';
import { LiveHostConsole } from './live-host-console.tsx';
import { LivePoll } from './live-poll.tsx';
import { LiveQuestionsSection } from './live-questions-section.tsx';
import { useLiveRoomCopy } from './use-live-room.ts';

export function LiveRoomPage({ params }: { params: Record<string, string> }) {
  const { t, w } = useLiveRoomWords();
  const sessionId = params.id ?? '';
  // The socket keeps the room current: the first answer is all the page needs from this query.
  const room = useQuery({ ...trpc.liveRoom.get.queryOptions({ sessionId }), staleTime: Infinity, refetchOnWindowFocus: false });
  if (room.isPending) return <Loading />;
  if (room.isError) {
    const missing = appErrorCode(room.error) === 'NOT_FOUND' || appErrorCode(room.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{w(missing ? 'notFound' : 'loadError')}</PageHeading>
        {missing ? <p>{w('notFoundText')}</p> : <ErrorNotice title={w('loadError')} error={room.error} onRetry={() => void room.refetch()} />}
        <p>
          <Link to="/">{t('dialogue.backToList')}</Link>
        </p>
      </>
    );
  }
  // A new page load (after the room said this viewer's access changed) starts a new copy.
  return <LiveRoom key={room.dataUpdatedAt} room={room.data} />;
}

function LiveRoom({ room: loaded }: { room: LiveRoomView }) {
  const { t, w, wPlural, lang } = useLiveRoomWords();
  const { copy, snapshot } = useLiveRoomCopy(loaded);
  const { room, presence } = snapshot;
  const mayAnswerPolls = room.viewer.mayTakePart && room.status === 'live';
  return (
    <article aria-labelledby="live-title" className="live-room">
      <p className="breadcrumb">
        <Link to={`/dialogues/${encodeURIComponent(room.dialogueId)}`}>{room.dialogueTitle}</Link> ›{' '}
        <Link to={`/sessions/${encodeURIComponent(room.sessionId)}`}>{room.title}</Link>
      </p>
      <PageHeading id="live-title">{w('title', { title: room.title })}</PageHeading>
      <p className="meta live-status">
        <span className={`badge${room.status === 'live' ? ' badge-official' : ''}`}>{t(`sessions.status.${room.status}`)}</span>{' '}
        <span data-testid="live-count">{presence ? wPlural('participants', presence.count) : ''}</span>
      </p>
      <ConnectionStatus />
      {room.status === 'scheduled' && <p className="notice notice-info">{w('notStarted')}</p>}
      {room.status === 'ended' && <p className="notice notice-info">{w('endedNotice')}</p>}

      {room.viewer.isHost && <LiveHostConsole room={room} presence={presence} />}

      {room.minutes && (
        <section aria-labelledby="live-minutes-heading" className="page-section">
          <h2 id="live-minutes-heading">{w('minutes')}</h2>
          <p className="meta">{w('minutesPublishedAt', { date: formatDateTime(room.minutes.at, lang) })}</p>
          <SafeMarkdown source={room.minutes.text} />
        </section>
      )}

      {snapshot.announcements.length > 0 && (
        <section aria-labelledby="live-announcements-heading" className="page-section">
          <h2 id="live-announcements-heading">{w('announcements')}</h2>
          <ul className="live-announcements">
            {snapshot.announcements.map((announcement) => (
              <li key={announcement.id}>
                <time dateTime={announcement.at}>{formatDateTime(announcement.at, lang)}</time> {announcement.body}
              </li>
            ))}
          </ul>
        </section>
      )}

      {snapshot.polls.length > 0 && (
        <section aria-labelledby="live-polls-heading" className="page-section">
          <h2 id="live-polls-heading">{w('polls')}</h2>
          {snapshot.polls.map((poll) => (
            <LivePoll
              key={poll.id}
              poll={poll}
              mayAnswer={mayAnswerPolls}
              isHost={room.viewer.isHost}
              choices={room.viewer.pollChoices[poll.id]}
              onAnswered={(choices) => copy.setViewer({ pollChoices: { ...room.viewer.pollChoices, [poll.id]: choices } })}
            />
          ))}
        </section>
      )}

      <LiveQuestionsSection snapshot={snapshot} copy={copy} />
    </article>
  );
}
