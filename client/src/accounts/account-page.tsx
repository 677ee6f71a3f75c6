// "/account" — the signed-in person's own page: who they are, whether their e-mail address is
// confirmed (with a new link on request), changing the password, logging out everywhere, a copy of
// their data, removing the account, and notifications and e-mail (notifications/).
import { useState } from 'react';
import { changePasswordInput, type Me } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { ResendVerificationButton } from './email-verification.tsx';
import { FormAlert, SendButton, TextField } from '../ui/form-fields.tsx';
import { AccountRemovedNotice, DownloadMyDataSection, RemoveAccountSection } from './personal-data.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { LoginNotice } from '../ui/login-notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { NotificationSettingsSection } from '../notifications/notification-settings.tsx';
import { CalendarSection } from '../calendar/calendar-section.tsx';
import { Link } from '../router.tsx';
import { sessionChanged, useLogout, useMe } from '../session.ts';

export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  // Once the account is removed the person is signed out; the page says what happened instead.
  const [removed, setRemoved] = useState(false);

  let content;
  if (removed) content = <AccountRemovedNotice />;
  else if (me.isPending) content = <Loading />;
  else if (!me.data) {
    content = (
      <LoginNotice message={t('account.needsLogin')} returnTo="/account" />
    );
  } else {
    content = (
      <>
        <AccountDetails me={me.data} />
        <NotificationSettingsSection />
        {me.data.emailVerified && <CalendarSection />}
        <ChangePasswordForm me={me.data} />
        <LogoutSection />
        <DownloadMyDataSection />
        <RemoveAccountSection me={me.data} onRemoved={() => setRemoved(true)} />
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('account.title')}</PageHeading>
      {content}
    </>
  );
}

function AccountDetails({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="account-details-heading" className="account-section">
      <h2 id="account-details-heading">{t('account.details')}</h2>
      <dl className="details-list">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>{me.name}</dd>
        </div>
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>{t('account.organisation')}</dt>
          <dd>
            {me.organisation ? (
              <>
                {t('account.organisationWithKind', { name: me.organisation.name, kind: t(`organisationKind.${me.organisation.kind}`) })}
                {/* Moderators verify buyers (who publish); for others "not verified" would only worry. */}
                {(me.organisation.verified || me.organisation.kind === 'buyer') && (
                  <span className="field-hint">
                    {me.organisation.verified ? t('account.organisationVerified') : t('account.organisationUnverified')}
                  </span>
                )}
              </>
            ) : (
              t('account.noOrganisation')
            )}
            <span className="field-hint">
              <Link to="/organisations">{t('account.manageOrganisations')}</Link>
            </span>
          </dd>
        </div>
        {me.platformRole && (
          <div>
            <dt>{t('account.platformRole')}</dt>
            <dd>{t(`platformRole.${me.platformRole}`)}</dd>
          </div>
        )}
        <div>
          <dt>{t('account.emailStatus')}</dt>
          <dd>
            {me.emailVerified ? (
              <span className="badge badge-confirmed">
                <span aria-hidden="true">✓ </span>
                {t('account.emailVerified')}
              </span>
            ) : (
              <>
                <span className="badge badge-unconfirmed">
                  <span aria-hidden="true">! </span>
                  {t('account.emailUnverified')}
                </span>
                <p className="field-hint">{t('account.emailUnverifiedHint', { email: me.email })}</p>
                <ResendVerificationButton email={me.email} />
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

const FORM_ID = 'change-password';
const FIELDS = ['currentPassword', 'newPassword'];

function ChangePasswordForm({ me }: { me: Me }) {
  const { t } = useI18n();
  const empty = { currentPassword: '', newPassword: '' };
  const [values, setValues] = useState(empty);
  const [changed, setChanged] = useState(false);
  const change = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: changePasswordInput,
    mutation: trpc.accounts.changePassword.mutationOptions({
      onSuccess: (signedIn) => {
        setValues(empty);
        setChanged(true);
        // A new session for this browser; its socket reconnects with it.
        void sessionChanged(signedIn);
      },
    }),
    // Here INVALID_CREDENTIALS can only mean the current password: say so, at that field.
    explain: (code) =>
      code === 'INVALID_CREDENTIALS'
        ? { message: t('account.currentPasswordWrong'), issues: [{ path: 'currentPassword', code: 'wrong_password' }] }
        : undefined,
  });

  return (
    <section aria-labelledby="change-password-heading" className="account-section">
      <h2 id="change-password-heading">{t('account.changePassword')}</h2>
      <p className="section-intro">{t('account.changePasswordIntro')}</p>
      <form
        className="form"
        onSubmit={(event) => {
          setChanged(false);
          change.submit(event, values);
        }}
        noValidate
        aria-labelledby="change-password-heading"
      >
        <FormAlert message={change.formError} />
        {/* For password managers: which account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
        <TextField
          formId={FORM_ID}
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          issue={change.errors.currentPassword}
          value={values.currentPassword}
          onChange={(event) => setValues({ ...values, currentPassword: event.target.value })}
          autoComplete="current-password"
        />
        <TextField
          formId={FORM_ID}
          name="newPassword"
          type="password"
          label={t('account.newPassword')}
          hint={t('password.hint')}
          issue={change.errors.newPassword}
          value={values.newPassword}
          onChange={(event) => setValues({ ...values, newPassword: event.target.value })}
          autoComplete="new-password"
        />
        <SendButton pending={change.isPending} label={t('account.changePasswordSubmit')} />
      </form>
      {/* There from the start, so the confirmation is announced; focus stays on the button. */}
      <div role="status" className="form-status">
        {changed && <p className="notice notice-success">{t('account.passwordChanged')}</p>}
      </div>
    </section>
  );
}

function LogoutSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const logout = useLogout();
  return (
    <section aria-labelledby="logout-heading" className="account-section">
      <h2 id="logout-heading">{t('account.logoutTitle')}</h2>
      <p className="section-intro">{t('account.logoutNote')}</p>
      <SendButton pending={logout.isPending} label={t('account.logoutButton')} tone="secondary" onClick={() => logout.mutate()} />
      <FormAlert message={logout.isError ? describeError(logout.error, i18n) : null} />
    </section>
  );
}
