// The room's questions: the form to ask one (for those taking part while the session is live),
// sorting by votes or newest (pinned first either way), and the list. The hosts see what waits
// for approval and what was hidden; everyone else sees what the room may see.
import { useMemo, useState } from 'react';
import type { LiveQuestionView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { RadioGroup } from '../ui/form-fields.tsx';
import { AskLiveQuestion } from './live-question-forms.tsx';
import { useLiveRoomWords } from './live-room-words.ts';
import { LiveQuestionItem, type LiveQuestionRole } from './live-question-item.tsx';
import type { LiveRoomCopy, LiveRoomSnapshot } from './live-room-copy.ts';

type Sort = 'votes' | 'newest';

export function LiveQuestionsSection({ snapshot, copy }: { snapshot: LiveRoomSnapshot; copy: LiveRoomCopy }) {
  const { w, wPlural } = useLiveRoomWords();
  const [sort, setSort] = useState<Sort>('votes');
  const { room } = snapshot;
  const live = room.status === 'live';
  const voted = useMemo(() => new Set(room.viewer.votedQuestionIds), [room.viewer.votedQuestionIds]);
  const questions = useMemo(() => sortQuestions(snapshot.questions, sort), [snapshot.questions, sort]);
  const waiting = questions.filter((question) => question.status === 'pending').length;
  const roleOf = (question: LiveQuestionView): LiveQuestionRole => ({
    isHost: room.viewer.isHost,
    mayVote: room.viewer.mayTakePart && live,
    voted: voted.has(question.id),
    live,
    dialogueId: room.dialogueId,
    onVoted: (up) =>
      copy.setViewer({ votedQuestionIds: up ? [...room.viewer.votedQuestionIds, question.id] : room.viewer.votedQuestionIds.filter((id) => id !== question.id) }),
  });

  return (
    <section aria-labelledby="live-questions-heading" className="page-section">
      <h2 id="live-questions-heading">{w('questions')}</h2>
      {room.viewer.mayTakePart && live && (
        <AskLiveQuestion
          formId="live-ask"
          sessionId={room.sessionId}
          hint={w(room.questionsNeedApproval ? 'askHintApproval' : 'askHint')}
          sent={w(room.questionsNeedApproval ? 'sentForApproval' : 'sent')}
          mutationFor={(succeeded) => trpc.liveRoom.ask.mutationOptions({ onSuccess: succeeded })}
        />
      )}
      {room.viewer.isHost && waiting > 0 && <p className="notice notice-info">{wPlural('waiting', waiting)}</p>}
      <RadioGroup
        formId="live-sort"
        name="sort"
        label={w('sort')}
        options={[
          { value: 'votes', label: w('sortVotes') },
          { value: 'newest', label: w('sortNewest') },
        ]}
        value={sort}
        onChange={setSort}
      />
      {questions.length === 0 ? (
        <p className="muted">{w(live ? 'noQuestions' : 'noQuestionsYet')}</p>
      ) : (
        <ol className="live-questions" aria-label={w('questions')}>
          {questions.map((question) => (
            <LiveQuestionItem key={question.id} question={question} role={roleOf(question)} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** Pinned first; then by votes (newest first among equals) or by time. Hidden ones last. */
function sortQuestions(questions: LiveQuestionView[], sort: Sort): LiveQuestionView[] {
  const rank = (question: LiveQuestionView) => (question.pinned ? 0 : question.status === 'hidden' ? 2 : 1);
  return [...questions].sort(
    (a, b) => rank(a) - rank(b) || (sort === 'votes' ? b.votes - a.votes : 0) || b.createdAt.localeCompare(a.createdAt),
  );
}

