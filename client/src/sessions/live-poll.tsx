// A poll in the live room: its results for everyone, live (count and share of each option, in text
// as well as a bar), and for those taking part a form to answer or change their answer — radio
// buttons for one choice, checkboxes for several. The host closes it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { PollView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { useLiveRoomWords } from './live-room-words.ts';

export function LivePoll({
  poll,
  mayAnswer,
  isHost,
  choices,
  onAnswered,
}: {
  poll: PollView;
  mayAnswer: boolean;
  isHost: boolean;
  choices: number[] | undefined;
  onAnswered: (choices: number[]) => void;
}) {
  const { w, wPlural } = useLiveRoomWords();
  const announce = useAnnounce();
  const id = useId();
  const [chosen, setChosen] = useState<number[]>(choices ?? []);
  const answer = useMutation(
    trpc.liveRoom.answerPoll.mutationOptions({
      onSuccess: (_data, input) => {
        onAnswered(input.choices);
        announce(w('pollAnswered'));
      },
    }),
  );
  const close = useMutation(trpc.liveRoom.closePoll.mutationOptions({ onSuccess: () => announce(w('pollClosedNow')) }));
  // "Close" goes away when the room shows the poll closed: the keyboard moves to the poll's heading.
  const closedHere = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (closedHere.current && poll.closed) {
      closedHere.current = false;
      heading.current?.focus();
    }
  }, [poll.closed]);
  const total = poll.options.reduce((sum, option) => sum + option.votes, 0);
  const open = !poll.closed;
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0 || answer.isPending) return;
    answer.mutate({ pollId: poll.id, choices: chosen });
  };
  const toggle = (index: number) =>
    setChosen((current) => (poll.multiple ? (current.includes(index) ? current.filter((c) => c !== index) : [...current, index].sort()) : [index]));
  const error = answer.error ?? close.error;

  return (
    <section className="live-poll" aria-labelledby={`${id}-question`}>
      <h3 id={`${id}-question`} ref={heading} tabIndex={-1}>
        {poll.question}
      </h3>
      <p className="meta">
        {w(poll.multiple ? 'pollMultiple' : 'pollSingle')} · {wPlural('pollVoters', poll.voters)}
        {poll.closed ? ` · ${w('pollClosed')}` : ''}
      </p>
      {mayAnswer && open && (
        <form onSubmit={send} className="form live-poll-form">
          <fieldset>
            <legend className="visually-hidden">{poll.question}</legend>
            {poll.options.map((option, index) => (
              <div className={poll.multiple ? 'checkbox' : 'radio'} key={index}>
                <input
                  type={poll.multiple ? 'checkbox' : 'radio'}
                  id={`${id}-${index}`}
                  name={`${id}-choice`}
                  checked={chosen.includes(index)}
                  onChange={() => toggle(index)}
                />
                <label htmlFor={`${id}-${index}`}>{option.text}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button button-small" aria-disabled={chosen.length === 0 || answer.isPending}>
            {choices ? w('pollChange') : w('pollSubmit')}
          </button>
        </form>
      )}
      <ul className="poll-results" aria-label={w('pollResults')}>
        {poll.options.map((option, index) => {
          const share = total === 0 ? 0 : Math.round((option.votes / total) * 100);
          return (
            <li key={index}>
              <span className="poll-option">{option.text}</span>{' '}
              <span className="poll-count">{w('pollResult', { count: option.votes, share })}</span>
              <span className="poll-bar" aria-hidden="true">
                <span style={{ width: `${share}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      {isHost && open && (
        <button
          type="button"
          className="button button-secondary button-small"
          aria-disabled={close.isPending}
          onClick={() => {
            if (close.isPending) return;
            closedHere.current = true;
            close.mutate({ pollId: poll.id });
          }}
        >
          {w('closePoll')}
        </button>
      )}
      <InlineError error={error} />
    </section>
  );
}
