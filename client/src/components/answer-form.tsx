// A buyer's official answer to one question. Published answers cannot be edited, which the hint says.
import { useState } from 'react';
import { answerQuestionInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormAlert, TextArea } from './form-fields.tsx';
import { useAnnounce } from './live-announcer.tsx';
import { useFormSubmission } from './use-form-submission.ts';

const FIELDS = ['body'];

export function AnswerForm({ threadId, onDone }: { threadId: string; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const formId = `answer-${threadId}`;
  const [body, setBody] = useState('');
  const answer = useFormSubmission({
    formId,
    fields: FIELDS,
    schema: answerQuestionInput,
    mutation: trpc.threads.answer.mutationOptions({
      onSuccess: () => {
        announce(t('answer.sent'));
        void queryClient.invalidateQueries({ queryKey: trpc.threads.list.queryKey() });
        onDone();
      },
    }),
  });

  return (
    <form className="form answer-form" onSubmit={(event) => answer.submit(event, { threadId, body })} noValidate>
      <FormAlert message={answer.formError} />
      <TextArea
        formId={formId}
        name="body"
        label={t('answer.field')}
        hint={t('answer.fieldHint')}
        issue={answer.errors.body}
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
