// "/reset-password?token=" — the link in the password-reset mail: choose a new password. Afterwards
// every session of the person has ended, this browser's too, so the way on is to log in.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { accountTokenSchema, resetPasswordInput } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { sessionChanged } from '../session.ts';

const FORM_ID = 'reset-password';
const FIELDS = ['newPassword'];

export function ResetPasswordPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const wellFormed = accountTokenSchema.safeParse(token).success;
  const [newPassword, setNewPassword] = useState('');
  const reset = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: resetPasswordInput,
    mutation: trpc.accounts.resetPassword.mutationOptions({
      onSuccess: () => {
        setNewPassword('');
        void sessionChanged(null);
      },
    }),
  });

  let content;
  if (!wellFormed || reset.errorCode === 'INVALID_TOKEN') {
    // A malformed link shows this from the start (the page heading has focus); a link the server
    // refuses replaces the form the reader was in, so then focus moves here.
    content = (
      <Outcome title={t('reset.invalidTitle')} tone="error" takeFocus={wellFormed}>
        <p>{t('reset.invalid')}</p>
        <p>
          <Link to="/forgot-password" className="button">
            {t('reset.requestNew')}
          </Link>
        </p>
      </Outcome>
    );
  } else if (reset.isSuccess) {
    content = (
      <Outcome title={t('reset.successTitle')} tone="success" takeFocus>
        <p>{t('reset.success')}</p>
        <p>
          <Link to="/login" className="button">
            {t('nav.login')}
          </Link>
        </p>
      </Outcome>
    );
  } else {
    content = (
      <>
        <p>{t('reset.intro')}</p>
        <form className="form" onSubmit={(event) => reset.submit(event, { token, newPassword })} noValidate>
          <FormAlert message={reset.formError} />
          <TextField
            formId={FORM_ID}
            name="newPassword"
            type="password"
            label={t('reset.newPassword')}
            hint={t('password.hint')}
            issue={reset.errors.newPassword}
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            autoComplete="new-password"
          />
          <SendButton pending={reset.isPending} label={t('reset.submit')} />
        </form>
      </>
    );
  }

  return (
    <div className="narrow">
      <PageHeading>{t('reset.title')}</PageHeading>
      {content}
    </div>
  );
}

/** What happened, in place of the form; its heading takes focus, since the form (and focus) are gone. */
function Outcome({ title, tone, takeFocus, children }: { title: string; tone: 'success' | 'error'; takeFocus: boolean; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  return (
    <div className={`notice notice-${tone}`}>
      <h2 ref={heading} tabIndex={-1} className="notice-heading">
        {title}
      </h2>
      {children}
    </div>
  );
}
