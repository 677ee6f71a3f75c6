// "/networks/sessions/:id/live" — a network session's live room, for the network's members alone;
// to anyone else it does not exist. The host (whoever scheduled the session, or an admin
// organisation's person) opens and closes it and hides a question with a reason; members' people
// ask while it is open, and everyone in the room sees each question at once (the socket tells the
// page to fetch the room again). Losing the right takes the socket out and the page then shows
// what the viewer may see now: nothing.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { NetworkLiveQuestionView, NetworkLiveRoomView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { formatDateTime } from '../i18n/date-format.ts';
import { useRoom, type RoomKind } from '../realtime.ts';
import { Link } from '../router.tsx';
import { AskLiveQuestion, HideLiveQuestion } from '../sessions/live-question-forms.tsx';
import { useLiveRoomWords } from '../sessions/live-room-words.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useNetworkLiveWords } from './network-live-words.ts';

const NETWORK_LIVE_ROOM: RoomKind = {
  join: 'networkLive.subscribe',
  leave: 'networkLive.unsubscribe',
  key: 'sessionId',
  events: ['networkLive.changed', 'networkLive.access_changed'],
};

const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.networkLive.pathKey() });

export function NetworkLiveRoomPage({ params }: { params: Record<string, string> }) {
  const { w } = useLiveRoomWords();
  const { nl } = useNetworkLiveWords();
  const sessionId = params.id ?? '';
  const room = useQuery(trpc.networkLive.get.queryOptions({ sessionId }));
  useRoom(NETWORK_LIVE_ROOM, sessionId, room.isSuccess, {
    subscribed: refetch,
    refused: refetch,
    events: { 'networkLive.changed': refetch, 'networkLive.access_changed': refetch },
  });
  if (room.isPending) return <Loading />;
  if (room.isError) {
    const missing = appErrorCode(room.error) === 'NOT_FOUND' || appErrorCode(room.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{w(missing ? 'notFound' : 'loadError')}</PageHeading>
        {missing ? <p>{nl('notFoundText')}</p> : <ErrorNotice title={w('loadError')} error={room.error} onRetry={() => void room.refetch()} />}
      </>
    );
  }
  return <NetworkLiveRoom room={room.data} />;
}

function NetworkLiveRoom({ room }: { room: NetworkLiveRoomView }) {
  const { w } = useLiveRoomWords();
  const { nl } = useNetworkLiveWords();
  return (
    <article aria-labelledby="network-live-title">
      <p className="breadcrumb">
        <Link to={`/networks/${encodeURIComponent(room.networkId)}`}>{room.networkName}</Link> ›{' '}
        <Link to={`/networks/sessions/${encodeURIComponent(room.sessionId)}`}>{room.title}</Link>
      </p>
      <PageHeading id="network-live-title">{w('title', { title: room.title })}</PageHeading>
      {room.status === 'waiting' && <p className="notice notice-info">{nl('notStarted')}</p>}
      {room.status === 'ended' && <p className="notice notice-info">{nl('endedNotice')}</p>}
      {room.viewer.isHost && <NetworkLiveHost room={room} />}
      <section aria-labelledby="network-live-questions" className="page-section">
        <h2 id="network-live-questions">{w('questions')}</h2>
        {room.viewer.mayAsk && (
          <AskLiveQuestion
            formId="network-live-ask"
            sessionId={room.sessionId}
            hint={nl('askHint')}
            sent={w('sent')}
            mutationFor={(succeeded) => trpc.networkLive.ask.mutationOptions({ onSuccess: () => (succeeded(), refetch()) })}
          />
        )}
        {room.questions.length === 0 ? (
          <p className="muted">{w(room.status === 'live' ? 'noQuestions' : 'noQuestionsYet')}</p>
        ) : (
          <ol className="live-questions" aria-label={w('questions')}>
            {room.questions.map((question) => (
              <NetworkLiveQuestion key={question.id} question={question} isHost={room.viewer.isHost} />
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

function NetworkLiveHost({ room }: { room: NetworkLiveRoomView }) {
  const i18n = useLiveRoomWords();
  const { w } = i18n;
  // "Open" and "close" go away with what they do: the outcome takes the focus, so the keyboard stays here.
  const outcome = useOutcome();
  const start = useMutation(trpc.networkLive.start.mutationOptions({ onSuccess: () => (outcome.show(w('started'), { focus: true }), refetch()) }));
  const end = useMutation(trpc.networkLive.end.mutationOptions({ onSuccess: () => (outcome.show(w('ended'), { focus: true }), refetch()) }));
  const error = start.error ?? end.error;
  return (
    <section aria-labelledby="network-live-host" className="page-section live-host-console">
      <h2 id="network-live-host">{w('hostConsole')}</h2>
      <div className="owner-actions">
        {room.status === 'waiting' && (
          <button type="button" className="button" aria-disabled={start.isPending} onClick={() => !start.isPending && start.mutate({ sessionId: room.sessionId })}>
            {w('start')}
          </button>
        )}
        {room.status === 'live' && (
          <ConfirmAction label={w('end')} question={w('endQuestion')} confirmLabel={w('end')} onConfirm={() => end.mutate({ sessionId: room.sessionId })} pending={end.isPending} />
        )}
      </div>
      {outcome.node}
      {error ? (
        <p className="form-error" role="alert">
          {describeError(error, i18n)}
        </p>
      ) : null}
    </section>
  );
}

function NetworkLiveQuestion({ question, isHost }: { question: NetworkLiveQuestionView; isHost: boolean }) {
  const { w, lang } = useLiveRoomWords();
  const { nl } = useNetworkLiveWords();
  if (question.hidden && question.body === null) {
    return <li className="live-question live-question-hidden muted">{w('hiddenQuestion', { reason: question.hidden.reason })}</li>;
  }
  return (
    <li className="live-question">
      <p className="post-meta">
        {nl('asked', { name: question.askerName ?? '', organisation: question.organisationName ?? '' })} · <time dateTime={question.askedAt}>{formatDateTime(question.askedAt, lang)}</time>
        {question.hidden && <span className="badge badge-pending">{w('hiddenBadge')}</span>}
      </p>
      <p className="live-question-body">{question.body}</p>
      {question.hidden && <p className="muted">{w('hiddenBecause', { reason: question.hidden.reason })}</p>}
      {isHost && !question.hidden && (
        <HideLiveQuestion questionId={question.id} body={question.body} onHidden={refetch} mutationFor={(succeeded) => trpc.networkLive.hideQuestion.mutationOptions({ onSuccess: succeeded })} />
      )}
    </li>
  );
}


