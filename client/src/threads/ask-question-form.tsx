// A supplier's question to the buyers. Checked with the server's own schema before sending; a
// refusal (e.g. the deadline passed meanwhile) is shown in words above the form and what was
// typed stays. In moderated Q&A, or asked in confidence, the question goes to the buyers first.
import { useState } from 'react';
import { askQuestionInput, type DialogueView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useThreads } from './threads-context.tsx';

const FORM_ID = 'ask';
const FIELDS = ['title', 'body', 'confidential'];

export type QuestionDraft = { title: string; body: string; confidential: boolean };
export const EMPTY_DRAFT: QuestionDraft = { title: '', body: '', confidential: false };

/** What the supplier typed lives with the page, not the form: if the dialogue closes under it, the text stays. */
export function useQuestionDraft() {
  return useState<QuestionDraft>(EMPTY_DRAFT);
}

export function AskQuestionForm({
  dialogue,
  values,
  setValues,
}: {
  dialogue: DialogueView;
  values: QuestionDraft;
  setValues: (values: QuestionDraft) => void;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { store } = useThreads();
  const ask = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: askQuestionInput,
    mutation: trpc.threads.ask.mutationOptions({
      onSuccess: ({ threadId }) => {
        const waits = dialogue.qaMode === 'moderated' || values.confidential;
        setValues(EMPTY_DRAFT);
        store.markOwn('thread', threadId);
        announce(t(waits ? 'ask.sentToBuyers' : 'ask.sent'));
        void store.catchUp();
      },
    }),
  });

  return (
    <form className="form" onSubmit={(event) => ask.submit(event, { dialogueId: dialogue.id, ...values })} noValidate aria-labelledby="ask-heading">
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
      <MarkdownField
        formId={FORM_ID}
        name="body"
        label={t('ask.fieldBody')}
        issue={ask.errors.body}
        value={values.body}
        onChange={(body) => setValues({ ...values, body })}
      />
      <div className="field field-checkbox">
        <input
          type="checkbox"
          id={`${FORM_ID}-confidential`}
          checked={values.confidential}
          onChange={(event) => setValues({ ...values, confidential: event.target.checked })}
          aria-describedby={`${FORM_ID}-confidential-hint`}
        />
        <label htmlFor={`${FORM_ID}-confidential`}>{t('ask.confidential')}</label>
        <p id={`${FORM_ID}-confidential-hint`} className="field-hint">
          {t('ask.confidentialHint')}
        </p>
      </div>
      <SendButton pending={ask.isPending} label={t('ask.submit')} />
    </form>
  );
}
