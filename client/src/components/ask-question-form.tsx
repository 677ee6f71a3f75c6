// A supplier's question to the buyers. Checked with the server's own schema before sending; the
// server's refusal (e.g. the deadline passed meanwhile) is shown in words above the form.
import { useState } from 'react';
import { askQuestionInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormAlert, TextArea, TextField } from './form-fields.tsx';
import { useAnnounce } from './live-announcer.tsx';
import { useFormSubmission } from './use-form-submission.ts';

const FORM_ID = 'ask';
const FIELDS = ['title', 'body'];

export function AskQuestionForm({ dialogueId }: { dialogueId: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [values, setValues] = useState({ title: '', body: '' });
  // After a refusal the form stays, with the reader's text, so nothing typed is lost (also when the
  // deadline passed while writing: the alert says so).
  const ask = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: askQuestionInput,
    mutation: trpc.threads.ask.mutationOptions({
      onSuccess: () => {
        setValues({ title: '', body: '' });
        announce(t('ask.sent'));
        void queryClient.invalidateQueries({ queryKey: trpc.threads.list.queryKey({ dialogueId }) });
      },
    }),
  });

  return (
    <form className="form" onSubmit={(event) => ask.submit(event, { dialogueId, ...values })} noValidate aria-labelledby="ask-heading">
      <FormAlert message={ask.formError} />
      <TextField
        formId={FORM_ID}
        name="title"
        label={t('ask.fieldTitle')}
        hint={t('ask.fieldTitleHint')}
        issue={ask.errors.title}
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
        issue={ask.errors.body}
        value={values.body}
        onChange={(event) => setValues({ ...values, body: event.target.value })}
      />
      <button type="submit" className="button" disabled={ask.isPending}>
        {ask.isPending ? t('common.sending') : t('ask.submit')}
      </button>
    </form>
  );
}
