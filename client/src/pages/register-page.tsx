// "/register" — a new account for a person representing a buyer or a supplier organisation. The
// confirmation mail goes out in the language of the interface; the banner at the top of the next
// page says where it went (and screen readers hear it).
import { useState } from 'react';
import { registerInput, type Representation } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FormAlert, RadioGroup, TextField } from '../components/form-fields.tsx';
import { useAnnounce } from '../components/live-announcer.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useFormSubmission } from '../components/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, safeReturnPath, useLocation } from '../router.tsx';
import { sessionChanged } from '../session.ts';

const FORM_ID = 'register';
const FIELDS = ['name', 'email', 'password', 'representation', 'organisationName'];

export function RegisterPage() {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const { search } = useLocation();
  const next = safeReturnPath(search.get('next'));
  const [values, setValues] = useState({
    name: '',
    email: '',
    password: '',
    representation: '' as Representation | '',
    organisationName: '',
  });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues({ ...values, [key]: value });

  const register = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: registerInput,
    mutation: trpc.accounts.register.mutationOptions({
      onSuccess: (me) => {
        void sessionChanged(me);
        navigate(next);
        if (me && !me.emailVerified) announce(t('verification.banner', { email: me.email }));
      },
    }),
  });

  const loginLink = `/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;

  return (
    <div className="narrow">
      <PageHeading>{t('register.title')}</PageHeading>
      <form className="form" onSubmit={(event) => register.submit(event, { ...values, language: lang })} noValidate>
        <FormAlert message={register.formError} />
        <TextField
          formId={FORM_ID}
          name="name"
          label={t('register.name')}
          issue={register.errors.name}
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          autoComplete="name"
        />
        <TextField
          formId={FORM_ID}
          name="email"
          type="email"
          label={t('register.email')}
          issue={register.errors.email}
          value={values.email}
          onChange={(event) => set('email', event.target.value)}
          autoComplete="email"
        />
        <TextField
          formId={FORM_ID}
          name="password"
          type="password"
          label={t('register.password')}
          hint={t('password.hint')}
          issue={register.errors.password}
          value={values.password}
          onChange={(event) => set('password', event.target.value)}
          autoComplete="new-password"
        />
        <RadioGroup<Representation>
          formId={FORM_ID}
          name="representation"
          label={t('register.representation')}
          issue={register.errors.representation}
          value={values.representation}
          onChange={(value) => set('representation', value)}
          options={[
            { value: 'buyer', label: t('register.representation.buyer') },
            { value: 'supplier', label: t('register.representation.supplier') },
          ]}
        />
        <TextField
          formId={FORM_ID}
          name="organisationName"
          label={t('register.organisationName')}
          issue={register.errors.organisationName}
          value={values.organisationName}
          onChange={(event) => set('organisationName', event.target.value)}
          autoComplete="organization"
        />
        <button type="submit" className="button" disabled={register.isPending}>
          {register.isPending ? t('common.sending') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to={loginLink}>{t('register.loginLink')}</Link>
      </p>
    </div>
  );
}
