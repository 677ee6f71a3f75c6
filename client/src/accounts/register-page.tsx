// "/register" — a new account for a person representing a buyer or a supplier organisation. The
// answer is the same whether or not the address already has an account (so the form cannot be used
// to find out who is on the platform): "check your e-mail". A new address gets a confirmation link,
// which signs the person in; the owner of a taken address gets a mail saying what to do instead.
// Mail goes out in the language of the interface. No organisation is made here: once the address is
// confirmed the person finds theirs (or accepts an invitation to it) or creates it ("/get-started").
import { useState } from 'react';
import { registerInput, type Representation } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { MailSentNotice } from '../ui/focused-notice.tsx';
import { FormAlert, RadioGroup, SendButton, TextField } from '../ui/form-fields.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useFormValues } from '../ui/use-form-values.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, safeReturnPath, useLocation } from '../router.tsx';

const FORM_ID = 'register';
const FIELDS = ['name', 'email', 'password', 'representation'];

export function RegisterPage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  const next = safeReturnPath(search.get('next'));
  const fields = useFormValues(FORM_ID, {
    name: '',
    email: '',
    password: '',
    representation: '' as Representation | '',
  });
  const { values } = fields;
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [again, setAgain] = useState(false);

  const register = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: registerInput,
    mutation: trpc.accounts.register.mutationOptions({
      onSuccess: (_ok, sent) => setSentTo(sent.email),
    }),
  });

  const tryAgain = () => {
    register.reset();
    setSentTo(null);
    setAgain(true);
  };

  const loginLink = `/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;

  if (sentTo) {
    return (
      <div className="narrow">
        <PageHeading>{t('register.title')}</PageHeading>
        <Sent email={sentTo} loginLink={loginLink} onTryAgain={tryAgain} />
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageHeading>{t('register.title')}</PageHeading>
      <form className="form" onSubmit={(event) => register.submit(event, { ...values, language: lang })} noValidate>
        <FormAlert message={register.formError} />
        <TextField
          {...fields.text('name', register.errors)}
          label={t('register.name')}
          autoComplete="name"
        />
        <TextField
          {...fields.text('email', register.errors)}
          type="email"
          label={t('register.email')}
          autoComplete="email"
          autoFocus={again}
        />
        <TextField
          {...fields.text('password', register.errors)}
          type="password"
          label={t('register.password')}
          hint={t('password.hint')}
          autoComplete="new-password"
        />
        <RadioGroup<Representation>
          {...fields.choice('representation', register.errors)}
          label={t('register.representation')}
          options={[
            { value: 'buyer', label: t('register.representation.buyer') },
            { value: 'supplier', label: t('register.representation.supplier') },
          ]}
        />
        <p className="field-hint">{t('register.organisationLater')}</p>
        {/* Before the account is made (GDPR art. 13: information when the data is collected). */}
        <p id="register-privacy">
          {t('register.privacyBefore')} <Link to="/privacy">{t('register.privacyLink')}</Link> {t('register.termsBefore')}{' '}
          <Link to="/terms">{t('register.termsLink')}</Link>.
        </p>
        <SendButton pending={register.isPending} label={t('register.submit')} />
      </form>
      <p>
        {t('register.haveAccount')} <Link to={loginLink}>{t('register.loginLink')}</Link>
      </p>
    </div>
  );
}

/** The same words whether or not the address has an account: the mail says which case it is. */
function Sent({ email, loginLink, onTryAgain }: { email: string; loginLink: string; onTryAgain: () => void }) {
  const { t } = useI18n();
  return (
    <MailSentNotice title={t('register.sentTitle')} onTryAgain={onTryAgain}>
      <p>{t('register.sent', { email })}</p>
      <p>{t('register.sentTaken')}</p>
      <p>
        {t('register.loginNow')} <Link to={loginLink}>{t('register.loginLink')}</Link>
      </p>
    </MailSentNotice>
  );
}
