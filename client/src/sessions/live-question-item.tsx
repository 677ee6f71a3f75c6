// One live question: what was asked and by whom (a pseudonym, or the name for the hosts), its
// upvotes, and whether it is pinned, answered, waiting or hidden. Attendees upvote it once (the
// button says whether they have: aria-pressed); the hosts approve, pin, answer and hide it.
import { useEffect, useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import { answerLiveQuestionInput, type LiveQuestionView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { useAuthorName } from '../ui/author-name.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { HideLiveQuestion } from './live-question-forms.tsx';
import { useLiveRoomWords } from './live-room-words.ts';
import { Link } from '../router.tsx';

export type LiveQuestionRole = {
  isHost: boolean;
  /** May upvote now (taking part, the session live). */
  mayVote: boolean;
  voted: boolean;
  onVoted: (up: boolean) => void;
  live: boolean;
  dialogueId: string;
};

export function LiveQuestionItem({ question, role }: { question: LiveQuestionView; role: LiveQuestionRole }) {
  const { w, wPlural, lang } = useLiveRoomWords();
  const authorName = useAuthorName();
  const announce = useAnnounce();
  const vote = useMutation(trpc.liveRoom.vote.mutationOptions({ onSuccess: (_data, input) => role.onVoted(input.up) }));
  const approve = useMutation(trpc.liveRoom.approve.mutationOptions({ onSuccess: () => announce(w('approved')) }));
  // "Approve" goes away when the room shows the question: the keyboard moves on to its "pin".
  const approvedHere = useRef(false);
  const pinButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (approvedHere.current && question.status === 'visible') {
      approvedHere.current = false;
      pinButton.current?.focus();
    }
  }, [question.status]);
  // "Hide" goes away once the room shows the question hidden: the keyboard lands on the note that
  // says why, not at the top of the page.
  // The room's push may come before the call's answer or after it, so both ends look.
  const hiddenHere = useRef(false);
  const hiddenNote = useRef<HTMLParagraphElement>(null);
  const shownHidden = useRef(false);
  shownHidden.current = question.status === 'hidden';
  const focusHiddenNote = () => {
    if (!hiddenHere.current || !shownHidden.current) return;
    hiddenHere.current = false;
    hiddenNote.current?.focus();
  };
  useEffect(focusHiddenNote, [question.status]);
  const hidden = () => {
    hiddenHere.current = true;
    focusHiddenNote();
  };
  const pin = useMutation(trpc.liveRoom.pin.mutationOptions({ onSuccess: (_data, input) => announce(w(input.pinned ? 'pinned' : 'unpinned')) }));
  const error = vote.error ?? approve.error ?? pin.error;
  const headingId = `live-question-${question.id}`;

  if (question.status === 'hidden' && question.body === null) {
    return (
      <li className="live-question live-question-hidden" aria-labelledby={headingId}>
        <p id={headingId} className="muted">
          {w('hiddenQuestion', { reason: question.hidden?.reason ?? '' })}
        </p>
      </li>
    );
  }

  return (
    <li className={`live-question${question.pinned ? ' live-question-pinned' : ''}`} aria-labelledby={headingId}>
      <div className="live-question-badges">
        {question.pinned && <span className="badge badge-new">{w('pinnedBadge')}</span>}
        {question.answer && <span className="badge badge-official">{w('answeredBadge')}</span>}
        {question.status === 'pending' && <span className="badge badge-pending">{w('pendingBadge')}</span>}
        {question.status === 'hidden' && <span className="badge badge-pending">{w('hiddenBadge')}</span>}
      </div>
      <p id={headingId} className="live-question-body">
        {question.body}
      </p>
      <p className="meta">
        {question.author && <span>{authorName(question.author, false)}</span>} ·{' '}
        <time dateTime={question.createdAt}>{formatDateTime(question.createdAt, lang)}</time>
      </p>
      {question.hidden && (
        <p className="muted" ref={hiddenNote} tabIndex={-1}>
          {w('hiddenBecause', { reason: question.hidden.reason })}
        </p>
      )}
      {question.answer && (
        <div className="live-answer">
          <h4 className="visually-hidden">{w('answerHeading')}</h4>
          <p>{question.answer.text}</p>
        </div>
      )}
      {question.threadId && (
        <p>
          <Link to={`/dialogues/${encodeURIComponent(role.dialogueId)}#thread-${question.threadId}`}>{w('publishedThread')}</Link>
        </p>
      )}
      <div className="live-question-actions">
        {question.status === 'visible' && (
          <span className="vote-count" aria-hidden={role.mayVote}>
            {wPlural('votes', question.votes)}
          </span>
        )}
        {role.mayVote && question.status === 'visible' && (
          <button
            type="button"
            className="button button-secondary button-small vote-button"
            aria-pressed={role.voted}
            aria-disabled={vote.isPending}
            onClick={() => !vote.isPending && vote.mutate({ questionId: question.id, up: !role.voted })}
          >
            {w('upvote')} <span className="visually-hidden">{wPlural('votes', question.votes)}</span>
          </button>
        )}
        {role.isHost && role.live && question.status === 'pending' && (
          <button
            type="button"
            className="button button-small"
            aria-disabled={approve.isPending}
            onClick={() => {
              if (approve.isPending) return;
              approvedHere.current = true;
              approve.mutate({ questionId: question.id });
            }}
          >
            {w('approve')}
          </button>
        )}
        {role.isHost && role.live && question.status === 'visible' && (
          <button
            ref={pinButton}
            type="button"
            className="button button-secondary button-small"
            aria-pressed={question.pinned}
            aria-disabled={pin.isPending}
            onClick={() => !pin.isPending && pin.mutate({ questionId: question.id, pinned: !question.pinned })}
          >
            {w('pin')}
          </button>
        )}
        {role.isHost && question.status === 'visible' && !question.threadId && <AnswerQuestion question={question} />}
        {role.isHost && role.live && question.status !== 'hidden' && (
          <HideLiveQuestion questionId={question.id} body={question.body} onHidden={hidden} mutationFor={(succeeded) => trpc.liveRoom.hide.mutationOptions({ onSuccess: succeeded })} />
        )}
      </div>
      <InlineError error={error} />
    </li>
  );
}

function AnswerQuestion({ question }: { question: LiveQuestionView }) {
  const { w } = useLiveRoomWords();
  const announce = useAnnounce();
  return (
    <DisclosureAction label={question.answer ? w('editAnswer') : w('markAnswered')} context={question.body ?? ''} regionId={`answer-${question.id}`}>
      {(close) => (
        <ActionForm
          formId={`answer-${question.id}`}
          fields={[{ name: 'answer', kind: 'reason', label: w('answerLabel'), hint: w('answerHint'), initial: question.answer?.text ?? '' }]}
          schema={answerLiveQuestionInput}
          mutation={trpc.liveRoom.answer.mutationOptions({
            onSuccess: () => {
              announce(w('answered'));
              close();
            },
          })}
          input={(values) => ({ questionId: question.id, answer: values.answer })}
          submitLabel={w('saveAnswer')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}

