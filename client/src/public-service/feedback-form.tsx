// The form that reaches the operators: report an accessibility barrier, ask for content in an
// accessible form, or anything else. Anyone may send it, signed in or not (a barrier may be what keeps
// someone from signing in); a signed-in person's name and address are filled in for them to keep or
// clear. The page it is about comes from `?page=` (the footer link passes the page the reader was on).
import { useState } from 'react';
import { FEEDBACK_KINDS, feedbackInput, type FeedbackKind, type FeedbackReceipt } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FocusedNotice } from '../ui/focused-notice.tsx';
import { FormAlert, RadioGroup, SendButton, TextArea, TextField } from '../ui/form-fields.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useFormValues } from '../ui/use-form-values.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMe } from '../session.ts';

const FORM_ID = 'feedback';
const FIELDS = ['kind', 'message', 'page', 'name', 'email'];

type Values = { kind: FeedbackKind | ''; message: string; page: string; name: string; email: string };

export function FeedbackForm({ page }: { page: string }) {
  const { t, lang } = useI18n();
  const me = useMe().data;
  const blank = (): Values => ({ kind: '', message: '', page, name: me?.name ?? '', email: me?.email ?? '' });
  const fields = useFormValues<Values>(FORM_ID, blank);
  const { values, setValues } = fields;
  const [sent, setSent] = useState<{ receipt: FeedbackReceipt; email: string } | null>(null);
  const send = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: feedbackInput,
    mutation: trpc.publicService.sendFeedback.mutationOptions({
      onSuccess: (receipt, input) => setSent({ receipt, email: typeof input.email === 'string' ? input.email : '' }),
    }),
  });

  if (sent) {
    return (
      <FocusedNotice title={t('feedback.sentTitle')}>
        <p>{t('feedback.reference', { reference: sent.receipt.reference })}</p>
        <p>
          {sent.receipt.receiptMailed
            ? t('feedback.receiptMailed', { email: sent.email })
            : sent.email
              ? t('feedback.receiptLimited', { email: sent.email })
              : t('feedback.noAddress')}
        </p>
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              send.reset();
              setValues(blank());
              setSent(null);
            }}
          >
            {t('feedback.another')}
          </button>
        </p>
      </FocusedNotice>
    );
  }

  return (
    <form className="form" onSubmit={(event) => send.submit(event, { ...values, language: lang })} noValidate>
      <p>{t('feedback.intro')}</p>
      <FormAlert message={send.formError} />
      <RadioGroup<FeedbackKind>
        {...fields.choice('kind', send.errors)}
        label={t('feedback.kind')}
        options={FEEDBACK_KINDS.map((kind) => ({ value: kind, label: t(`feedback.kind.${kind}`) }))}
      />
      <TextArea
        {...fields.text('message', send.errors)}
        label={t('feedback.message')}
        hint={t('feedback.messageHint')}
      />
      <TextField
        {...fields.text('page', send.errors)}
        label={t('feedback.page')}
        hint={t('feedback.pageHint')}
      />
      <TextField
        {...fields.text('name', send.errors)}
        label={t('feedback.name')}
        autoComplete="name"
      />
      <TextField
        {...fields.text('email', send.errors)}
        type="email"
        label={t('feedback.email')}
        hint={t('feedback.emailHint')}
        autoComplete="email"
      />
      <SendButton pending={send.isPending} label={t('feedback.submit')} />
    </form>
  );
}
