// The two forms every live room has, a dialogue session's and a network session's alike: asking a
// question, and the host hiding one with a reason. Each room passes its own procedure (as a
// factory taking what to do once it succeeded) and the words that differ.
import { useState, type FormEvent } from 'react';
import type { UseMutationOptions } from '@tanstack/react-query';
import { hideLiveQuestionInput, LIVE_QUESTION_MAX, submitLiveQuestionInput } from '@dialogforum/contracts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { FormAlert, TextArea } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useLiveRoomWords } from './live-room-words.ts';

type MutationFor<TData, TError, TVariables> = (succeeded: () => void) => UseMutationOptions<TData, TError, TVariables, unknown>;

export function AskLiveQuestion<TData, TError>({
  formId,
  sessionId,
  hint,
  sent,
  mutationFor,
}: {
  formId: string;
  sessionId: string;
  hint: string;
  /** Announced once the question went. */
  sent: string;
  mutationFor: MutationFor<TData, TError, { sessionId: string; body: string }>;
}) {
  const { w } = useLiveRoomWords();
  const announce = useAnnounce();
  const [body, setBody] = useState('');
  const form = useFormSubmission({
    formId,
    fields: ['body'],
    schema: submitLiveQuestionInput,
    mutation: mutationFor(() => {
      setBody('');
      announce(sent);
    }),
  });
  const send = (event: FormEvent) => form.submit(event, { sessionId, body });
  return (
    <form id={formId} className="form" onSubmit={send} noValidate>
      <FormAlert message={form.formError} />
      <TextArea
        formId={formId}
        name="body"
        label={w('askLabel')}
        hint={hint}
        issue={form.errors.body}
        value={body}
        rows={3}
        maxLength={LIVE_QUESTION_MAX}
        onChange={(event) => setBody(event.target.value)}
      />
      <button type="submit" className="button" aria-disabled={form.isPending}>
        {w('askSubmit')}
      </button>
    </form>
  );
}

export function HideLiveQuestion<TData, TError>({
  questionId,
  body,
  onHidden,
  mutationFor,
}: {
  questionId: string;
  body: string | null;
  onHidden: () => void;
  mutationFor: MutationFor<TData, TError, { questionId: string; reason: string }>;
}) {
  const { w } = useLiveRoomWords();
  const announce = useAnnounce();
  return (
    <DisclosureAction label={w('hide')} context={body ?? ''} regionId={`hide-${questionId}`}>
      {(close) => (
        <ActionForm
          formId={`hide-${questionId}`}
          fields={[{ name: 'reason', kind: 'reason', label: w('hideReason'), hint: w('hideReasonHint') }]}
          schema={hideLiveQuestionInput}
          mutation={mutationFor(() => {
            onHidden();
            announce(w('hidden'));
            close();
          })}
          input={(values) => ({ questionId, reason: values.reason })}
          submitLabel={w('hideSubmit')}
          intro={w('hideIntro')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
