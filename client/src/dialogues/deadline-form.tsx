// The dialogue's buyers move its question deadline (usually to extend it). Typed in the browser's
// time zone, which the hint names, and sent as ISO 8601 with that zone's offset on that date, as in
// the create form. Everyone with the dialogue open sees the new deadline at once (dialogue.changed).
import { useRef, useState } from 'react';
import { setQuestionDeadlineInput, type DialogueView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { browserTimeZone, formatDateTime, isoToLocalInput, localInputToIsoWithOffset } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';

const FORM_ID = 'question-deadline';
const FIELDS = ['questionDeadline'];

export function DeadlineChange({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className="deadline-change">
      <button
        ref={toggle}
        type="button"
        className="button button-secondary"
        aria-expanded={open}
        aria-controls={open ? `${FORM_ID}-region` : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {t('deadlineChange.toggle')}
      </button>
      {open && (
        <div id={`${FORM_ID}-region`}>
          <DeadlineForm dialogue={dialogue} onDone={close} />
        </div>
      )}
    </div>
  );
}

function DeadlineForm({ dialogue, onDone }: { dialogue: DialogueView; onDone: () => void }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const [value, setValue] = useState(() => isoToLocalInput(dialogue.questionDeadline));
  const change = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: setQuestionDeadlineInput,
    mutation: trpc.dialogues.setQuestionDeadline.mutationOptions({
      onSuccess: async (_result, { questionDeadline }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.dialogues.get.queryKey({ dialogueId: dialogue.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.dialogues.list.queryKey() });
        announce(t('deadlineChange.done', { date: formatDateTime(questionDeadline, lang) }));
        onDone();
      },
    }),
  });

  return (
    <form
      className="form deadline-form"
      onSubmit={(event) => change.submit(event, { dialogueId: dialogue.id, questionDeadline: localInputToIsoWithOffset(value) })}
      noValidate
      aria-label={t('deadlineChange.formLabel')}
    >
      <FormAlert message={change.formError} />
      <TextField
        formId={FORM_ID}
        name="questionDeadline"
        type="datetime-local"
        label={t('deadlineChange.field')}
        hint={t('deadlineChange.hint', { zone: browserTimeZone() })}
        issue={change.errors.questionDeadline}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        autoFocus
      />
      <div className="form-actions">
        <SendButton pending={change.isPending} label={t('deadlineChange.submit')} />
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
