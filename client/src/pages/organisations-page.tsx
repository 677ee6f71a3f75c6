// "/organisations" — the organisations the signed-in person belongs to, with their role and the one
// they act for (which they can switch); finding an organisation by name or number to ask to join;
// and creating a new one, with a Swedish organisation number checked as the server checks it.
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  createOrganisationInput,
  ORGANISATION_KINDS,
  type Me,
  type MyOrganisationView,
  type OrganisationKind,
  type OrganisationSummary,
} from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { Cell, DataTable, Row } from '../components/data-table.tsx';
import { FormAlert, RadioGroup, TextField } from '../components/form-fields.tsx';
import { JoinRequestButton } from '../components/join-request-button.tsx';
import { useAnnounce } from '../components/live-announcer.tsx';
import { OrganisationFacts, OrgNumber, useKindLabel, VerificationBadge } from '../components/organisation-badges.tsx';
import { useOutcome } from '../components/outcome.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorNotice, Loading } from '../components/query-states.tsx';
import { useFormSubmission } from '../components/use-form-submission.ts';
import { LoginNotice } from '../components/login-notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { useMe, viewerChanged } from '../session.ts';

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

function FindOrganisations({ signedIn }: { signedIn: boolean }) {
  const { t, plural } = useI18n();
  const { search } = useLocation();
  const q = (search.get('q') ?? '').trim().slice(0, 100);
  const [draft, setDraft] = useState(q);
  // Back/forward change the terms in the URL: show them in the box too.
  useEffect(() => setDraft(q), [q]);
  const found = useQuery({ ...trpc.organisations.find.queryOptions({ q }), enabled: q.length > 0 });
  const mine = useQuery({ ...trpc.organisations.mine.queryOptions(), enabled: signedIn });
  const roleIn = new Map((mine.data ?? []).map((organisation) => [organisation.id, organisation.role]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const terms = draft.trim();
    navigate(terms ? `/organisations?q=${encodeURIComponent(terms)}` : '/organisations');
  };

  let results;
  if (!q) results = null;
  else if (found.isPending) results = <Loading />;
  else if (found.isError) {
    results = <ErrorNotice title={t('organisations.findError')} error={found.error} onRetry={() => void found.refetch()} />;
  } else {
    results = (
      <>
        <p role="status" className="result-count">
          {found.data.length === 0 ? t('organisations.findNone', { q }) : plural('organisations.findCount', found.data.length, { q })}
        </p>
        {found.data.length > 0 && (
          <ul className="card-list" aria-label={t('organisations.findResults')}>
            {found.data.map((organisation) => (
              <li key={organisation.id}>
                <FoundOrganisation organisation={organisation} role={roleIn.get(organisation.id) ?? null} signedIn={signedIn} />
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="find-organisations-heading" className="page-section">
      <h2 id="find-organisations-heading">{t('organisations.find')}</h2>
      <p className="section-intro">{t('organisations.findIntro')}</p>
      <form role="search" className="search-form" onSubmit={submit} aria-labelledby="find-organisations-heading">
        <label htmlFor="find-organisations-q">{t('organisations.findField')}</label>
        <div className="search-row">
          <input
            id="find-organisations-q"
            type="search"
            name="q"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            maxLength={100}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t('organisations.findSubmit')}
          </button>
        </div>
      </form>
      {results}
    </section>
  );
}

function FoundOrganisation({
  organisation,
  role,
  signedIn,
}: {
  organisation: OrganisationSummary;
  role: 'owner' | 'member' | null;
  signedIn: boolean;
}) {
  const { t } = useI18n();
  const headingId = `found-${organisation.id}`;
  return (
    <article className="card organisation-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <Link to={`/organisations/${encodeURIComponent(organisation.id)}`}>{organisation.name}</Link>
      </h3>
      <OrganisationFacts organisation={organisation} className="meta" />
      {role ? (
        <p className="card-note">{t(role === 'owner' ? 'organisations.youAreOwner' : 'organisations.youAreMember')}</p>
      ) : signedIn ? (
        <JoinRequestButton organisationId={organisation.id} name={organisation.name} />
      ) : null}
    </article>
  );
}

const FORM_ID = 'create-organisation';
const FIELDS = ['name', 'kind', 'orgNumber'];

function CreateOrganisation() {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const announce = useAnnounce();
  const [values, setValues] = useState({ name: '', kind: '' as OrganisationKind | '', orgNumber: '' });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues({ ...values, [key]: value });

  const create = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: createOrganisationInput,
    mutation: trpc.organisations.create.mutationOptions({
      onSuccess: ({ organisationId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.organisations.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.accounts.me.queryKey() });
        navigate(`/organisations/${encodeURIComponent(organisationId)}`);
        announce(t('organisations.created', { name: values.name.trim() }));
      },
    }),
    // The number belongs to an organisation that is here already: say so at the field, and offer
    // to find it (below the form).
    explain: (code) =>
      code === 'ORGANISATION_EXISTS'
        ? { message: t('error.ORGANISATION_EXISTS'), issues: [{ path: 'orgNumber', code: 'org_number_taken' }] }
        : undefined,
  });

  const orgNumber = values.orgNumber.trim();
  const submit = (event: FormEvent) =>
    create.submit(event, { name: values.name, kind: values.kind, ...(orgNumber ? { orgNumber } : {}) });

  return (
    <section aria-labelledby="create-organisation-heading" className="page-section">
      <h2 id="create-organisation-heading">{t('organisations.create')}</h2>
      <p className="section-intro">{t('organisations.createIntro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="create-organisation-heading">
        <FormAlert message={create.formError} />
        {create.errorCode === 'ORGANISATION_EXISTS' && orgNumber && (
          <p className="form-followup">
            <Link to={`/organisations?q=${encodeURIComponent(orgNumber)}`}>{t('organisations.findExisting', { number: orgNumber })}</Link>
          </p>
        )}
        <TextField
          formId={FORM_ID}
          name="name"
          label={t('organisations.fieldName')}
          issue={create.errors.name}
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          maxLength={160}
          autoComplete="organization"
        />
        <RadioGroup<OrganisationKind>
          formId={FORM_ID}
          name="kind"
          label={t('organisations.fieldKind')}
          hint={t('organisations.fieldKindHint')}
          issue={create.errors.kind}
          value={values.kind}
          onChange={(value) => set('kind', value)}
          options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
        />
        <TextField
          formId={FORM_ID}
          name="orgNumber"
          label={t('organisations.fieldNumber')}
          hint={t('organisations.fieldNumberHint')}
          issue={create.errors.orgNumber}
          value={values.orgNumber}
          onChange={(event) => set('orgNumber', event.target.value)}
          maxLength={20}
          autoComplete="off"
          spellCheck={false}
          className="input-org-number"
        />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('common.sending') : t('organisations.createSubmit')}
        </button>
      </form>
    </section>
  );
}
