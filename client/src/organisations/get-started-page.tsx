// "/get-started" — "find your organisation or create one", where a newcomer lands once their address
// is confirmed (registration makes an account, never an organisation). Invitations waiting for their
// address come first; then finding an organisation to ask to join (an owner decides); then creating
// one, its kind chosen from what they said they represent.
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { ResendVerificationButton } from '../accounts/email-verification.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useMe } from '../session.ts';
import { CreateOrganisation } from './create-organisation.tsx';
import { FindOrganisations } from './find-organisations.tsx';
import { InvitationsForMe } from './invitations-for-me.tsx';

export function GetStartedPage() {
  const { t } = useI18n();
  const me = useMe();

  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={t('getStarted.needsLogin')} returnTo="/get-started" />;
  else if (!me.data.emailVerified) {
    content = (
      <div className="notice notice-warning">
        <p>{t('getStarted.confirmFirst', { email: me.data.email })}</p>
        <ResendVerificationButton email={me.data.email} />
      </div>
    );
  } else {
    content = (
      <>
        {me.data.organisation && (
          <p className="notice notice-info">
            {t('getStarted.actingFor', { name: me.data.organisation.name })}{' '}
            <Link to={`/organisations/${encodeURIComponent(me.data.organisation.id)}`}>{me.data.organisation.name}</Link>
          </p>
        )}
        <InvitationsForMe />
        <FindOrganisations signedIn basePath="/get-started" />
        <CreateOrganisation initialKind={me.data.representation === 'buyer' ? 'buyer' : ''} />
      </>
    );
  }

  return (
    <>
      <div className="page-intro">
        <PageHeading>{t('getStarted.title')}</PageHeading>
        <p>{t('getStarted.intro')}</p>
      </div>
      {content}
    </>
  );
}
