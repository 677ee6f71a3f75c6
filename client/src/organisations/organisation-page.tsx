// "/organisations/:id" — one organisation: name, kind, number and whether a moderator verified it.
// Who else may do what here follows the server's view of the viewer: a non-member asks to join (or
// sees that the request is pending); owners manage members, decide join requests and invite by
// e-mail; members leave; moderators verify an unverified organisation.
import { useQuery } from '@tanstack/react-query';
import { type OrganisationSize, type OrganisationView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { JoinRequestButton } from './join-request-button.tsx';
import { OrganisationFacts } from './organisation-badges.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricsTexts } from '../metrics/metrics-texts.ts';
import { Link, useLocation } from '../router.tsx';
import { useMe } from '../session.ts';
import { MergeOrganisation } from './merge-organisation.tsx';
import { OrganisationEdit } from './organisation-edit.tsx';
import { VerificationStatus } from './verification-status.tsx';
import { InviteSection } from './invite-member.tsx';
import { JoinRequestsSection } from './join-requests.tsx';
import { LeaveSection } from './leave-organisation.tsx';
import { MembersSection } from './organisation-members.tsx';
import { VerifySection } from './verify-organisation.tsx';

export function OrganisationPage({ params }: { params: Record<string, string> }) {
  const organisationId = params.id ?? '';
  const { t } = useI18n();
  const organisation = useQuery(trpc.organisations.get.queryOptions({ organisationId }));

  if (organisation.isPending) return <Loading />;
  if (organisation.isError) {
    const code = appErrorCode(organisation.error);
    if (code === 'NOT_FOUND' || code === 'VALIDATION') {
      return (
        <>
          <PageHeading>{t('organisation.notFoundTitle')}</PageHeading>
          <p>{t('organisation.notFound')}</p>
          <p>
            <Link to="/organisations">{t('organisation.backToList')}</Link>
          </p>
        </>
      );
    }
    return (
      <>
        <PageHeading>{t('organisation.loadError')}</PageHeading>
        <ErrorNotice title={t('organisation.loadError')} error={organisation.error} onRetry={() => void organisation.refetch()} />
      </>
    );
  }
  return <OrganisationContent organisation={organisation.data} />;
}


function OrganisationContent({ organisation }: { organisation: OrganisationView }) {
  const { t } = useI18n();
  const me = useMe();
  const { pathname } = useLocation();
  const outcome = useOutcome();
  const role = organisation.viewer.role;
  const isOwner = role === 'owner';
  const actingFor = me.data?.organisation?.id === organisation.id;

  return (
    <article aria-labelledby="organisation-title" className="organisation">
      <PageHeading id="organisation-title">{organisation.name}</PageHeading>
      {organisation.mergedInto && (
        <p className="notice notice-info" role="status">
          {t('organisation.mergedNotice', { name: organisation.mergedInto.name })}{' '}
          <Link to={`/organisations/${encodeURIComponent(organisation.mergedInto.id)}`}>{organisation.mergedInto.name}</Link>
        </p>
      )}

      <section aria-labelledby="organisation-details-heading">
        <h2 id="organisation-details-heading" className="visually-hidden">
          {t('organisation.details')}
        </h2>
        <OrganisationFacts
          organisation={organisation}
          className="details-list"
          verificationNote={
            !organisation.verified &&
            organisation.kind === 'buyer' && <span className="field-hint">{t('organisation.unverifiedBuyerHint')}</span>
          }
        >
          {organisation.size && <DeclaredSize size={organisation.size} />}
          {me.data && (
            <div>
              <dt>{t('organisations.column.yourRole')}</dt>
              <dd>
                {role ? t(`role.${role}`) : t('organisation.notMember')}
                {actingFor && <span className="field-hint">{t('organisation.youActForIt')}</span>}
              </dd>
            </div>
          )}
        </OrganisationFacts>
      </section>

      {outcome.node}

      {organisation.verification && <VerificationStatus organisation={organisation} status={organisation.verification} isOwner={isOwner} />}
      {isOwner && !organisation.mergedInto && <OrganisationEdit organisation={organisation} />}
      {organisation.viewer.canVerify && (
        <VerifySection
          organisation={organisation}
          onVerified={() => outcome.show(t('organisation.verifiedNow'), { focus: true })}
          onRejected={() => outcome.show(t('organisation.rejected'), { focus: true })}
        />
      )}
      {organisation.viewer.canMerge && <MergeOrganisation organisation={organisation} />}

      {!role &&
        (me.isPending ? null : me.data ? (
          <section aria-labelledby="join-heading" className="page-section">
            <h2 id="join-heading">{t('organisation.joinTitle')}</h2>
            <p className="section-intro">{t('organisation.joinIntro')}</p>
            {organisation.viewer.hasPendingRequest ? (
              <p className="notice notice-info">{t('organisation.requestPending')}</p>
            ) : (
              <JoinRequestButton organisationId={organisation.id} name={organisation.name} />
            )}
          </section>
        ) : (
          <p className="notice notice-info">
            <Link to={`/login?next=${encodeURIComponent(pathname)}`}>{t('organisation.loginToJoin')}</Link>
          </p>
        ))}

      {organisation.members && me.data && (
        <MembersSection organisation={organisation} members={organisation.members} me={me.data} canManage={isOwner} />
      )}
      {organisation.joinRequests && (
        <JoinRequestsSection organisation={organisation} requests={organisation.joinRequests} canManage={isOwner} />
      )}
      {isOwner && <InviteSection organisation={organisation} />}
      {role && me.data && (
        <LeaveSection
          organisation={organisation}
          me={me.data}
          onLeft={() => outcome.show(t('organisation.left', { name: organisation.name }), { focus: true })}
        />
      )}
    </article>
  );
}

/** The size the organisation declared itself (the statistics count small and medium-sized ones by it). */
function DeclaredSize({ size }: { size: OrganisationSize }) {
  const texts = useMetricsTexts();
  return (
    <div>
      <dt>{texts.size}</dt>
      <dd>{texts.sizes[size]}</dd>
    </div>
  );
}
