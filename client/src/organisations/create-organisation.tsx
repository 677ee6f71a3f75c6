// Creating an organisation, with a Swedish organisation number checked as the server checks it; its
// creator owns it, and someone without an organisation acts for it at once. A buyer organisation
// asks the moderators to verify it. On the organisations page and on "find your organisation".
import type { FormEvent } from 'react';
import { createOrganisationInput, ORGANISATION_KINDS, type OrganisationKind } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { FormAlert, RadioGroup, SendButton, TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useKindLabel } from './organisation-badges.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useFormValues } from '../ui/use-form-values.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../router.tsx';
import { viewerChanged } from '../session.ts';

const FORM_ID = 'create-organisation';
const FIELDS = ['name', 'kind', 'orgNumber'];

/** `initialKind`: what the person said they represent at registration, chosen in advance. */
export function CreateOrganisation({ initialKind = '' }: { initialKind?: OrganisationKind | '' }) {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const announce = useAnnounce();
  const fields = useFormValues(FORM_ID, { name: '', kind: initialKind, orgNumber: '' });
  const { values } = fields;

  const create = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: createOrganisationInput,
    mutation: trpc.organisations.create.mutationOptions({
      onSuccess: ({ organisationId }) => {
        // Someone without an organisation acts for this one now: every view and the socket follow.
        void viewerChanged();
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
          {...fields.text('name', create.errors)}
          label={t('organisations.fieldName')}
          maxLength={160}
          autoComplete="organization"
        />
        <RadioGroup<OrganisationKind>
          {...fields.choice('kind', create.errors)}
          label={t('organisations.fieldKind')}
          hint={t('organisations.fieldKindHint')}
          options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
        />
        <TextField
          {...fields.text('orgNumber', create.errors)}
          label={t('organisations.fieldNumber')}
          hint={t('organisations.fieldNumberHint')}
          maxLength={20}
          autoComplete="off"
          spellCheck={false}
          className="input-org-number"
        />
        <SendButton pending={create.isPending} label={t('organisations.createSubmit')} />
      </form>
    </section>
  );
}
