// "/organisations" — the organisations the signed-in person belongs to, with their role and the one
// they act for (which they can switch); finding an organisation by name or number to ask to join;
// and creating a new one, with a Swedish organisation number checked as the server checks it.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Me, MyOrganisationView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { FormAlert } from '../ui/form-fields.tsx';
import { OrgNumber, useKindLabel, VerificationBadge } from './organisation-badges.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useMe, viewerChanged } from '../session.ts';
import { CreateOrganisation } from './create-organisation.tsx';
import { FindOrganisations } from './find-organisations.tsx';

export function OrganisationsPage() {
  const { t } = useI18n();
  const me = useMe();

  return (
    <>
      <div className="page-intro">
        <PageHeading>{t('organisations.title')}</PageHeading>
        <p>{t('organisations.intro')}</p>
      </div>
      {me.isPending ? (
        <Loading />
      ) : !me.data ? (
        <LoginNotice message={t('organisations.needsLogin')} returnTo="/organisations" />
      ) : (
        <MyOrganisations me={me.data} />
      )}
      <FindOrganisations signedIn={Boolean(me.data)} />
      {me.data && <CreateOrganisation />}
    </>
  );
}

function MyOrganisations({ me }: { me: Me }) {
  const i18n = useI18n();
  const { t } = i18n;
  const kindLabel = useKindLabel();
  const mine = useQuery(trpc.organisations.mine.queryOptions());
  const outcome = useOutcome();
  const actFor = useMutation(
    trpc.organisations.actFor.mutationOptions({
      onSuccess: async (_result, { organisationId }) => {
        const name = mine.data?.find((organisation) => organisation.id === organisationId)?.name ?? '';
        await viewerChanged();
        // The button that was pressed is gone (its row now says "you act for this"): focus the outcome.
        outcome.show(t('organisations.nowActingFor', { name }), { focus: true });
      },
    }),
  );

  let content;
  if (mine.isPending) content = <Loading />;
  else if (mine.isError) {
    content = <ErrorNotice title={t('organisations.mineLoadError')} error={mine.error} onRetry={() => void mine.refetch()} />;
  } else if (mine.data.length === 0) {
    content = <p className="empty-state">{t('organisations.mineEmpty')}</p>;
  } else {
    const columns = {
      name: t('organisations.column.name'),
      kind: t('organisations.column.kind'),
      number: t('organisations.column.number'),
      verification: t('organisations.column.verification'),
      role: t('organisations.column.yourRole'),
      acting: t('organisations.column.acting'),
    };
    content = (
      <DataTable caption={t('organisations.mineCaption', { name: me.name })} captionHidden columns={Object.values(columns)}>
        {mine.data.map((organisation: MyOrganisationView) => (
          <Row key={organisation.id}>
            <Cell label={columns.name} rowHeader>
              <Link to={`/organisations/${encodeURIComponent(organisation.id)}`}>{organisation.name}</Link>
            </Cell>
            <Cell label={columns.kind}>{kindLabel(organisation.kind)}</Cell>
            <Cell label={columns.number}>
              <OrgNumber digits={organisation.orgNumber} short />
            </Cell>
            <Cell label={columns.verification}>
              <VerificationBadge verified={organisation.verified} kind={organisation.kind} short />
            </Cell>
            <Cell label={columns.role}>{t(`role.${organisation.role}`)}</Cell>
            <Cell label={columns.acting}>
              {organisation.actingFor ? (
                <span className="badge badge-acting">
                  <span aria-hidden="true">✓ </span>
                  {t('organisations.actingFor')}
                </span>
              ) : (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={`${t('organisations.actFor')} ${organisation.name}`}
                  onClick={() => actFor.mutate({ organisationId: organisation.id })}
                  disabled={actFor.isPending}
                >
                  {t('organisations.actFor')}
                </button>
              )}
            </Cell>
          </Row>
        ))}
      </DataTable>
    );
  }

  return (
    <section aria-labelledby="my-organisations-heading" className="page-section">
      <h2 id="my-organisations-heading">{t('organisations.mine')}</h2>
      <p className="section-intro">{t('organisations.actingExplained')}</p>
      {content}
      {outcome.node}
      <FormAlert message={actFor.isError ? describeError(actFor.error, i18n) : null} />
    </section>
  );
}
