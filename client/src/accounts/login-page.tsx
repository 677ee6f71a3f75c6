// "/login" — sign in with email and password; afterwards back to where the reader came from.
import { useState } from 'react';
import { loginInput } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, safeReturnPath, useLocation } from '../router.tsx';
import { sessionChanged, useMe } from '../session.ts';

const FORM_ID = 'login';
const FIELDS = ['email', 'password'];

export function LoginPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const next = safeReturnPath(search.get('next'));
  const me = useMe();
  const [values, setValues] = useState({ email: '', password: '' });
  const login = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: loginInput,
    mutation: trpc.accounts.login.mutationOptions({
      onSuccess: (signedIn) => {
        void sessionChanged(signedIn);
        navigate(next);
      },
    }),
  });

  const registerLink = `/register${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;

  return (
    <div className="narrow">
      <PageHeading>{t('login.title')}</PageHeading>
      {me.data && <p className="notice notice-info">{t('login.alreadySignedIn', { name: me.data.name })}</p>}
      <form className="form" onSubmit={(event) => login.submit(event, values)} noValidate>
        <FormAlert message={login.formError} />
        <TextField
          formId={FORM_ID}
          name="email"
          type="email"
          label={t('login.email')}
          issue={login.errors.email}
          value={values.email}
          onChange={(event) => setValues({ ...values, email: event.target.value })}
          autoComplete="username"
        />
        <TextField
          formId={FORM_ID}
          name="password"
          type="password"
          label={t('login.password')}
          issue={login.errors.password}
          value={values.password}
          onChange={(event) => setValues({ ...values, password: event.target.value })}
          autoComplete="current-password"
        />
        <SendButton pending={login.isPending} label={t('login.submit')} />
      </form>
      <p>
        <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to={registerLink}>{t('login.registerLink')}</Link>
      </p>
    </div>
  );
}
