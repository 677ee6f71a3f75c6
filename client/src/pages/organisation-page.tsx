// "/organisations/:id" — one organisation: name, kind, number and whether a moderator verified it.
// Who else may do what here follows the server's view of the viewer: a non-member asks to join (or
// sees that the request is pending); owners manage members, decide join requests and invite by
// e-mail; members leave; moderators verify an unverified organisation.
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { inviteMemberInput, type JoinRequestView, type Me, type MemberView, type OrganisationSize, type OrganisationView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { ConfirmAction } from '../components/confirm-action.tsx';
import { Cell, DataTable, Row } from '../components/data-table.tsx';
import { FormAlert, TextField } from '../components/form-fields.tsx';
import { JoinRequestButton } from '../components/join-request-button.tsx';
import { OrganisationFacts } from '../components/organisation-badges.tsx';
import { useOutcome } from '../components/outcome.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorNotice, Loading } from '../components/query-states.tsx';
import { useFormSubmission } from '../components/use-form-submission.ts';
import { formatDate, formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricsTexts } from '../metrics/metrics-texts.ts';
import { Link, useLocation } from '../router.tsx';
import { useMe, viewerChanged } from '../session.ts';
import { MergeOrganisation } from '../organisations/merge-organisation.tsx';
import { OrganisationEdit } from '../organisations/organisation-edit.tsx';
import { RejectVerification } from '../organisations/reject-verification.tsx';
import { VerificationStatus } from '../organisations/verification-status.tsx';

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

/** After a change: this organisation, the viewer's list, and (their role may have changed) the viewer. */
function refreshOrganisation(organisationId: string) {
  void queryClient.invalidateQueries({ queryKey: trpc.organisations.get.queryKey({ organisationId }) });
  void queryClient.invalidateQueries({ queryKey: trpc.organisations.mine.queryKey() });
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

function VerifySection({
  organisation,
  onVerified,
  onRejected,
}: {
  organisation: OrganisationView;
  onVerified: () => void;
  onRejected: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const verify = useMutation(
    trpc.organisations.verify.mutationOptions({
      onSuccess: () => {
        refreshOrganisation(organisation.id);
        void queryClient.invalidateQueries({ queryKey: trpc.organisations.verificationQueue.queryKey() });
        onVerified();
      },
    }),
  );
  return (
    <section aria-labelledby="verify-heading" className="page-section notice notice-info moderator-panel">
      <h2 id="verify-heading">{t('organisation.verifyTitle')}</h2>
      <p>{t('organisation.verifyIntro')}</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => verify.mutate({ organisationId: organisation.id })} disabled={verify.isPending}>
          {verify.isPending ? t('common.sending') : t('organisation.verify')}
        </button>
        <RejectVerification organisation={organisation} withdraw={organisation.verified} onRejected={onRejected} className="button button-secondary" />
      </div>
      {verify.isError && (
        <p role="alert" className="inline-error">
          {describeError(verify.error, i18n)}
        </p>
      )}
    </section>
  );
}

function MembersSection({
  organisation,
  members,
  me,
  canManage,
}: {
  organisation: OrganisationView;
  members: MemberView[];
  me: Me;
  canManage: boolean;
}) {
  const i18n = useI18n();
  const { t, lang, plural } = i18n;
  const outcome = useOutcome();
  const nameOf = (userId: string) => members.find((member) => member.userId === userId)?.name ?? '';

  const setRole = useMutation(
    trpc.organisations.setMemberRole.mutationOptions({
      onSuccess: (_result, { userId, role }) => {
        refreshOrganisation(organisation.id);
        // The button stays where it was (its text changes), so focus stays on it.
        outcome.show(t(role === 'owner' ? 'organisation.madeOwner' : 'organisation.madeMember', { name: nameOf(userId) }));
      },
    }),
  );
  const remove = useMutation(
    trpc.organisations.removeMember.mutationOptions({
      onSuccess: (_result, { userId }) => {
        refreshOrganisation(organisation.id);
        outcome.show(t('organisation.removed', { name: nameOf(userId) }), { focus: true });
      },
    }),
  );
  const failed = setRole.isError ? setRole.error : remove.isError ? remove.error : null;

  const columns = {
    name: t('organisation.column.member'),
    email: t('organisation.column.email'),
    role: t('organisation.column.role'),
    since: t('organisation.column.since'),
    actions: t('organisation.column.actions'),
  };

  return (
    <section aria-labelledby="members-heading" className="page-section">
      <h2 id="members-heading">
        {t('organisation.members')} <span className="count">({members.length})</span>
      </h2>
      {canManage && <p className="section-intro">{t('organisation.membersIntro')}</p>}
      <FormAlert message={failed ? describeError(failed, i18n) : null} />
      <DataTable
        caption={plural('organisation.membersCaption', members.length, { name: organisation.name })}
        captionHidden
        columns={canManage ? Object.values(columns) : [columns.name, columns.email, columns.role, columns.since]}
      >
        {members.map((member) => {
          const self = member.userId === me.id;
          return (
            <Row key={member.userId}>
              <Cell label={columns.name} rowHeader>
                {member.name}
                {self && <span className="muted"> {t('author.you')}</span>}
              </Cell>
              <Cell label={columns.email}>{member.email}</Cell>
              <Cell label={columns.role}>{t(`role.${member.role}`)}</Cell>
              <Cell label={columns.since}>
                <time dateTime={member.since}>{formatDate(member.since, lang)}</time>
              </Cell>
              {canManage && (
                <Cell label={columns.actions} className="actions-cell">
                  {self ? (
                    <span className="muted">{t('organisation.selfActions')}</span>
                  ) : (
                    <span className="table-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        // Not `disabled` while sending: a focused button that is disabled loses focus,
                        // and this one stays where it is (its text changes) for the next action.
                        aria-disabled={setRole.isPending}
                        aria-label={`${t(member.role === 'owner' ? 'organisation.makeMember' : 'organisation.makeOwner')}: ${member.name}`}
                        onClick={() => {
                          if (setRole.isPending) return;
                          setRole.reset();
                          remove.reset();
                          setRole.mutate({
                            organisationId: organisation.id,
                            userId: member.userId,
                            role: member.role === 'owner' ? 'member' : 'owner',
                          });
                        }}
                      >
                        {t(member.role === 'owner' ? 'organisation.makeMember' : 'organisation.makeOwner')}
                      </button>
                      <ConfirmAction
                        className="button button-secondary button-small"
                        label={t('organisation.remove')}
                        ariaLabel={`${t('organisation.remove')}: ${member.name}`}
                        question={t('organisation.removeQuestion', { name: member.name })}
                        confirmLabel={t('organisation.removeConfirm')}
                        pending={remove.isPending}
                        onConfirm={() => {
                          setRole.reset();
                          remove.mutate({ organisationId: organisation.id, userId: member.userId });
                        }}
                      />
                    </span>
                  )}
                </Cell>
              )}
            </Row>
          );
        })}
      </DataTable>
      {outcome.node}
    </section>
  );
}

function JoinRequestsSection({
  organisation,
  requests,
  canManage,
}: {
  organisation: OrganisationView;
  requests: JoinRequestView[];
  canManage: boolean;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const outcome = useOutcome();
  const decide = useMutation(
    trpc.organisations.decideJoinRequest.mutationOptions({
      onSuccess: (_result, { requestId, approve }) => {
        const name = requests.find((request) => request.id === requestId)?.name ?? '';
        refreshOrganisation(organisation.id);
        outcome.show(t(approve ? 'organisation.approved' : 'organisation.declined', { name }), { focus: true });
      },
    }),
  );
  const columns = {
    name: t('organisation.column.person'),
    email: t('organisation.column.email'),
    at: t('organisation.column.requestedAt'),
    decision: t('organisation.column.decision'),
  };

  return (
    <section aria-labelledby="join-requests-heading" className="page-section">
      <h2 id="join-requests-heading">
        {t('organisation.joinRequests')} <span className="count">({requests.length})</span>
      </h2>
      {requests.length === 0 ? (
        <p className="empty-state">{t('organisation.noJoinRequests')}</p>
      ) : (
        <>
          <FormAlert message={decide.isError ? describeError(decide.error, i18n) : null} />
          <DataTable
            caption={t('organisation.joinRequestsCaption', { name: organisation.name })}
            captionHidden
            columns={canManage ? Object.values(columns) : [columns.name, columns.email, columns.at]}
          >
            {requests.map((request) => (
              <Row key={request.id}>
                <Cell label={columns.name} rowHeader>
                  {request.name}
                </Cell>
                <Cell label={columns.email}>{request.email}</Cell>
                <Cell label={columns.at}>
                  <time dateTime={request.requestedAt}>{formatDateTime(request.requestedAt, lang)}</time>
                </Cell>
                {canManage && (
                  <Cell label={columns.decision} className="actions-cell">
                    <span className="table-actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={decide.isPending}
                        aria-label={`${t('organisation.approve')}: ${request.name}`}
                        onClick={() => decide.mutate({ requestId: request.id, approve: true })}
                      >
                        {t('organisation.approve')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        disabled={decide.isPending}
                        aria-label={`${t('organisation.decline')}: ${request.name}`}
                        onClick={() => decide.mutate({ requestId: request.id, approve: false })}
                      >
                        {t('organisation.decline')}
                      </button>
                    </span>
                  </Cell>
                )}
              </Row>
            ))}
          </DataTable>
        </>
      )}
      {outcome.node}
    </section>
  );
}

const INVITE_FORM = 'invite';
const INVITE_FIELDS = ['email'];

function InviteSection({ organisation }: { organisation: OrganisationView }) {
  const { t } = useI18n();
  const outcome = useOutcome();
  const [email, setEmail] = useState('');
  const invite = useFormSubmission({
    formId: INVITE_FORM,
    fields: INVITE_FIELDS,
    schema: inviteMemberInput,
    mutation: trpc.organisations.invite.mutationOptions({
      onSuccess: (_result, variables) => {
        setEmail('');
        outcome.show(t('organisation.invited', { email: variables.email }));
      },
    }),
  });

  return (
    <section aria-labelledby="invite-heading" className="page-section">
      <h2 id="invite-heading">{t('organisation.inviteTitle')}</h2>
      <p className="section-intro">{t('organisation.inviteIntro')}</p>
      <form
        className="form"
        onSubmit={(event) => {
          outcome.clear();
          invite.submit(event, { organisationId: organisation.id, email });
        }}
        noValidate
        aria-labelledby="invite-heading"
      >
        <FormAlert message={invite.formError} />
        <TextField
          formId={INVITE_FORM}
          name="email"
          type="email"
          label={t('organisation.inviteEmail')}
          issue={invite.errors.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="button" disabled={invite.isPending}>
          {invite.isPending ? t('common.sending') : t('organisation.inviteSubmit')}
        </button>
      </form>
      {outcome.node}
    </section>
  );
}

function LeaveSection({ organisation, me, onLeft }: { organisation: OrganisationView; me: Me; onLeft: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const leave = useMutation(
    trpc.organisations.removeMember.mutationOptions({
      onSuccess: async () => {
        // Who this person acts for may have changed with it.
        await viewerChanged();
        onLeft();
      },
    }),
  );
  const error = leave.isError
    ? appErrorCode(leave.error) === 'LAST_OWNER'
      ? t('organisation.leaveLastOwner')
      : describeError(leave.error, i18n)
    : null;

  return (
    <section aria-labelledby="leave-heading" className="page-section">
      <h2 id="leave-heading">{t('organisation.leaveTitle')}</h2>
      <p className="section-intro">{t('organisation.leaveIntro', { name: organisation.name })}</p>
      <ConfirmAction
        label={t('organisation.leave')}
        question={t('organisation.leaveQuestion', { name: organisation.name })}
        confirmLabel={t('organisation.leaveConfirm')}
        pending={leave.isPending}
        onConfirm={() => leave.mutate({ organisationId: organisation.id, userId: me.id })}
      />
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
    </section>
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
