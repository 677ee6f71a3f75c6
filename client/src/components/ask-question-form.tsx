// A supplier's question to the buyers. Checked with the server's own schema before sending; the
// server's refusal (e.g. the deadline passed meanwhile) is shown in words above the form.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { askQuestionInput, type FieldIssue } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError, fieldIssuesOf } from '../app-error.ts';
import { byField, validate } from '../form-validation.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormAlert, TextArea, TextField, focusFirstInvalid } from './form-fields.tsx';
import { useAnnounce } from './live-announcer.tsx';

const FORM_ID = 'ask';
const FIELDS = ['title', 'body'];

export function AskQuestionForm({ dialogueId }: { dialogueId: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [values, setValues] = useState({ title: '', body: '' });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const errors = byField(issues);

  const ask = useMutation(
    trpc.threads.ask.mutationOptions({
      onSuccess: () => {
        setValues({ title: '', body: '' });
        setIssues([]);
        setFormError(null);
        announce(t('ask.sent'));
        void queryClient.invalidateQueries({ queryKey: trpc.threads.list.queryKey({ dialogueId }) });
      },
      onError: (error) => {
        const fieldIssues = fieldIssuesOf(error);
        setIssues(fieldIssues);
        setFormError(describeError(error, t));
        // After a refusal the form stays, with the reader's text, so nothing typed is lost (also
        // when the deadline passed while writing: the alert says so).
        focusFirstInvalid(FORM_ID, FIELDS, byField(fieldIssues));
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = validate(askQuestionInput, { dialogueId, ...values });
    if (!checked.ok) {
      setIssues(checked.issues);
      focusFirstInvalid(FORM_ID, FIELDS, byField(checked.issues));
      return;
    }
    setIssues([]);
    ask.mutate(checked.data);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="ask-heading">
      <FormAlert message={formError} />
      <TextField
        formId={FORM_ID}
        name="title"
        label={t('ask.fieldTitle')}
        hint={t('ask.fieldTitleHint')}
        issue={errors.title}
        value={values.title}
        onChange={(event) => setValues({ ...values, title: event.target.value })}
        maxLength={200}
        autoComplete="off"
      />
      <TextArea
        formId={FORM_ID}
        name="body"
        label={t('ask.fieldBody')}
        hint={t('ask.fieldBodyHint')}
        issue={errors.body}
        value={values.body}
        onChange={(event) => setValues({ ...values, body: event.target.value })}
      />
      <button type="submit" className="button" disabled={ask.isPending}>
        {ask.isPending ? t('common.sending') : t('ask.submit')}
      </button>
    </form>
  );
}
