// "/forgot-password" — asks for a mail with a link to choose a new password. Whether an account
// exists is not revealed: afterwards the page always says the same thing.
import { useState } from 'react';
import { requestPasswordResetInput } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { MailSentNotice } from '../ui/focused-notice.tsx';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

const FORM_ID = 'forgot-password';
const FIELDS = ['email'];

export function ForgotPasswordPage() {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [again, setAgain] = useState(false);
  const request = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: requestPasswordResetInput,
    mutation: trpc.accounts.requestPasswordReset.mutationOptions({
      onSuccess: (_ok, sent) => setSentTo(sent.email),
    }),
  });

  const tryAgain = () => {
    request.reset();
    setSentTo(null);
    setAgain(true);
  };

  return (
    <div className="narrow">
      <PageHeading>{t('forgot.title')}</PageHeading>
      {sentTo ? (
        <Sent email={sentTo} onTryAgain={tryAgain} />
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <form className="form" onSubmit={(event) => request.submit(event, { email, language: lang })} noValidate>
            <FormAlert message={request.formError} />
            <TextField
              formId={FORM_ID}
              name="email"
              type="email"
              label={t('forgot.email')}
              issue={request.errors.email}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              autoComplete="email"
              autoFocus={again}
            />
            <SendButton pending={request.isPending} label={t('forgot.submit')} />
          </form>
        </>
      )}
      <p>
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </div>
  );
}

/** The same words whether or not the address has an account. */
function Sent({ email, onTryAgain }: { email: string; onTryAgain: () => void }) {
  const { t } = useI18n();
  return (
    <MailSentNotice title={t('forgot.sentTitle')} onTryAgain={onTryAgain}>
      <p>{t('forgot.sent', { email })}</p>
    </MailSentNotice>
  );
}
