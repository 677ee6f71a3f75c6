// The host's console in the live room: start and end the session, whether questions wait for
// approval, short announcements, polls, who is in the room, and once the session has ended the
// minutes, which publish the answered questions to the dialogue.
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { announceInput, openPollInput, publishMinutesInput, type LivePresence, type LiveRoomView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { FormAlert, TextArea, TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useLiveRoomWords } from './live-room-words.ts';

export function LiveHostConsole({ room, presence }: { room: LiveRoomView; presence: LivePresence | null }) {
  const { w } = useLiveRoomWords();
  const announce = useAnnounce();
  const refreshSession = () => queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() });
  // "Start" and "end" go away with what they do: the outcome takes the focus, so the keyboard stays here.
  const outcome = useOutcome();
  const start = useMutation(trpc.sessions.start.mutationOptions({ onSuccess: () => (outcome.show(w('started'), { focus: true }), void refreshSession()) }));
  const end = useMutation(trpc.sessions.end.mutationOptions({ onSuccess: () => (outcome.show(w('ended'), { focus: true }), void refreshSession()) }));
  // While a change of the setting is on its way, the box shows what the host chose; once the room
  // says so too (or the change is refused), what the room says.
  const [chosenApproval, setChosenApproval] = useState<boolean | null>(null);
  const approval = useMutation(
    trpc.liveRoom.setApproval.mutationOptions({
      onSuccess: (_data, input) => announce(w(input.questionsNeedApproval ? 'approvalOn' : 'approvalOff')),
      onError: () => setChosenApproval(null),
    }),
  );
  useEffect(() => {
    if (chosenApproval === room.questionsNeedApproval) setChosenApproval(null);
  }, [chosenApproval, room.questionsNeedApproval]);
  const error = start.error ?? end.error ?? approval.error;
  // Publishing the minutes takes its button away (the room then shows them): the outcome takes focus
  // where the button was, so a keyboard user is not dropped at the top of the page.
  const published = useOutcome();
  const live = room.status === 'live';

  return (
    <section aria-labelledby="host-console-heading" className="page-section live-host-console">
      <h2 id="host-console-heading">{w('hostConsole')}</h2>
      <div className="owner-actions">
        {room.status === 'scheduled' && (
          <button type="button" className="button" aria-disabled={start.isPending} onClick={() => !start.isPending && start.mutate({ sessionId: room.sessionId })}>
            {w('start')}
          </button>
        )}
        {live && (
          <ConfirmAction
            label={w('end')}
            question={w('endQuestion')}
            confirmLabel={w('end')}
            onConfirm={() => end.mutate({ sessionId: room.sessionId })}
            pending={end.isPending}
          />
        )}
      </div>
      {outcome.node}
      {room.status !== 'ended' && (
        <div className="checkbox">
          <input
            type="checkbox"
            id="live-approval"
            checked={chosenApproval ?? room.questionsNeedApproval}
            aria-describedby="live-approval-hint"
            onChange={(event) => {
              setChosenApproval(event.target.checked);
              approval.mutate({ sessionId: room.sessionId, questionsNeedApproval: event.target.checked });
            }}
          />
          <label htmlFor="live-approval">{w('requireApproval')}</label>
          <p id="live-approval-hint" className="field-hint">
            {w('requireApprovalHint')}
          </p>
        </div>
      )}
      <InlineError error={error} />
      {live && (
        <div className="owner-actions">
          <DisclosureAction label={w('announce')} regionId="live-announce-panel" className="button button-secondary">
            {(close) => (
              <ActionForm
                formId="live-announce"
                fields={[{ name: 'body', kind: 'line', label: w('announcementLabel'), maxLength: 280 }]}
                schema={announceInput}
                mutation={trpc.liveRoom.announce.mutationOptions({
                  onSuccess: () => {
                    announce(w('announced'));
                    close();
                  },
                })}
                input={(values) => ({ sessionId: room.sessionId, body: values.body })}
                submitLabel={w('announceSubmit')}
                onCancel={close}
              />
            )}
          </DisclosureAction>
          <DisclosureAction label={w('openPoll')} regionId="live-poll-panel" className="button button-secondary">
            {(close) => <OpenPollForm sessionId={room.sessionId} onDone={close} />}
          </DisclosureAction>
        </div>
      )}
      <Participants presence={presence} />
      {room.status === 'ended' && !room.minutes && <PublishMinutes sessionId={room.sessionId} onPublished={(message) => published.show(message, { focus: true })} />}
      {published.node}
    </section>
  );
}

function Participants({ presence }: { presence: LivePresence | null }) {
  const { t, w, wPlural } = useLiveRoomWords();
  if (!presence?.people) return null;
  return (
    <details className="live-participants">
      <summary>{wPlural('participants', presence.count)}</summary>
      {presence.people.length === 0 ? (
        <p className="muted">{w('onlyAnonymous')}</p>
      ) : (
        <ul>
          {presence.people.map((person, index) => (
            <li key={index}>{person.organisationName ? t('author.person', { name: person.name, organisation: person.organisationName }) : person.name}</li>
          ))}
        </ul>
      )}
    </details>
  );
}

function OpenPollForm({ sessionId, onDone }: { sessionId: string; onDone: () => void }) {
  const { t, w } = useLiveRoomWords();
  const announce = useAnnounce();
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [multiple, setMultiple] = useState(false);
  const form = useFormSubmission({
    formId: 'live-poll-form',
    fields: ['question', 'options'],
    schema: openPollInput,
    mutation: trpc.liveRoom.openPoll.mutationOptions({
      onSuccess: () => {
        announce(w('pollOpened'));
        onDone();
      },
    }),
  });
  const optionsIssue = Object.entries(form.errors).find(([field]) => field.startsWith('options'))?.[1];
  const send = (event: FormEvent) =>
    form.submit(event, {
      sessionId,
      question,
      options: options.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
      multiple,
    });
  return (
    <form id="live-poll-form" className="form" onSubmit={send} noValidate>
      <FormAlert message={form.formError} />
      <TextField formId="live-poll-form" name="question" label={w('pollQuestion')} issue={form.errors.question} value={question} onChange={(event) => setQuestion(event.target.value)} autoFocus />
      <TextArea
        formId="live-poll-form"
        name="options"
        label={w('pollOptions')}
        hint={w('pollOptionsHint')}
        issue={optionsIssue}
        value={options}
        rows={4}
        onChange={(event) => setOptions(event.target.value)}
      />
      <div className="checkbox">
        <input type="checkbox" id="live-poll-multiple" checked={multiple} onChange={(event) => setMultiple(event.target.checked)} />
        <label htmlFor="live-poll-multiple">{w('pollAllowMultiple')}</label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={form.isPending}>
          {w('pollOpenSubmit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function PublishMinutes({ sessionId, onPublished }: { sessionId: string; onPublished: (message: string) => void }) {
  const { w, wPlural } = useLiveRoomWords();
  return (
    <DisclosureAction label={w('publishMinutes')} regionId="live-minutes" className="button">
      {(close) => (
        <ActionForm
          formId="live-minutes"
          fields={[{ name: 'minutes', kind: 'markdown', label: w('minutesLabel'), hint: w('minutesHint') }]}
          schema={publishMinutesInput}
          mutation={trpc.liveRoom.publishMinutes.mutationOptions({
            onSuccess: ({ publishedQuestions }) => {
              close();
              onPublished(wPlural('minutesPublished', publishedQuestions));
            },
          })}
          input={(values) => ({ sessionId, minutes: values.minutes })}
          submitLabel={w('publishMinutesSubmit')}
          intro={w('publishMinutesIntro')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
