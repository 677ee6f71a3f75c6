// A buyer's official answer to one question. Published answers cannot be edited, which the hint says.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { answerQuestionInput, type FieldIssue } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError, fieldIssuesOf } from '../app-error.ts';
import { byField, validate } from '../form-validation.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormAlert, TextArea, focusFirstInvalid } from './form-fields.tsx';
import { useAnnounce } from './live-announcer.tsx';

const FIELDS = ['body'];

export function AnswerForm({ threadId, onDone }: { threadId: string; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const formId = `answer-${threadId}`;
  const [body, setBody] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const errors = byField(issues);

  const answer = useMutation(
    trpc.threads.answer.mutationOptions({
      onSuccess: () => {
        announce(t('answer.sent'));
        void queryClient.invalidateQueries({ queryKey: trpc.threads.list.queryKey() });
        onDone();
      },
      onError: (error) => {
        const fieldIssues = fieldIssuesOf(error);
        setIssues(fieldIssues);
        setFormError(describeError(error, t));
        focusFirstInvalid(formId, FIELDS, byField(fieldIssues));
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = validate(answerQuestionInput, { threadId, body });
    if (!checked.ok) {
      setIssues(checked.issues);
      focusFirstInvalid(formId, FIELDS, byField(checked.issues));
      return;
    }
    setIssues([]);
    answer.mutate(checked.data);
  };

  return (
    <form className="form answer-form" onSubmit={submit} noValidate>
      <FormAlert message={formError} />
      <TextArea
        formId={formId}
        name="body"
        label={t('answer.field')}
        hint={t('answer.fieldHint')}
        issue={errors.body}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        autoFocus
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={answer.isPending}>
          {answer.isPending ? t('common.sending') : t('answer.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
