// Owners correct their organisation's name and number. Checked with the server's schema before
// sending; a number another organisation has is refused at the field. A verified buyer is told
// before saving that the moderators will see the change.
import { useState } from 'react';
import { formatOrgNumber, ORGANISATION_SIZES, updateOrganisationInput, type OrganisationSize, type OrganisationView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { FormAlert, SelectField, SendButton, TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricsTexts } from '../metrics/metrics-texts.ts';

export function OrganisationEdit({ organisation }: { organisation: OrganisationView }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="organisation-edit-heading" className="page-section">
      <h2 id="organisation-edit-heading" className="visually-hidden">
        {t('organisation.editToggle')}
      </h2>
      <DisclosureAction label={t('organisation.editToggle')} regionId="organisation-edit" className="button button-secondary">
        {(close) => <EditForm organisation={organisation} onDone={close} />}
      </DisclosureAction>
    </section>
  );
}

function EditForm({ organisation, onDone }: { organisation: OrganisationView; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [name, setName] = useState(organisation.name);
  const [number, setNumber] = useState(organisation.orgNumber ? formatOrgNumber(organisation.orgNumber) : '');
  // Companies and institutes declare their size themselves; the statistics count SMEs by it.
  const declaresSize = organisation.kind === 'supplier' || organisation.kind === 'research';
  const [size, setSize] = useState<OrganisationSize | ''>(organisation.size ?? '');
  const metricsTexts = useMetricsTexts();
  const save = useFormSubmission({
    formId: 'organisation-edit',
    fields: ['name', 'orgNumber', 'size'],
    schema: updateOrganisationInput,
    explain: (code) => (code === 'ORGANISATION_EXISTS' ? { message: t('error.ORGANISATION_EXISTS'), issues: [{ path: 'orgNumber', code: 'org_number_taken' }] } : undefined),
    mutation: trpc.organisations.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.organisations.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.accounts.me.queryKey() });
        announce(t('organisation.edited'));
        onDone();
      },
    }),
  });
  return (
    <form
      className="form"
      noValidate
      aria-label={t('organisation.editToggle')}
      onSubmit={(event) =>
        save.submit(event, {
          organisationId: organisation.id,
          name,
          orgNumber: number.trim() === '' ? null : number,
          ...(declaresSize ? { size: size === '' ? null : size } : {}),
        })
      }
    >
      {organisation.kind === 'buyer' && organisation.verified && <p className="field-hint">{t('organisation.editVerifiedNote')}</p>}
      <FormAlert message={save.formError} />
      <TextField formId="organisation-edit" name="name" label={t('organisation.editName')} issue={save.errors.name} value={name} onChange={(event) => setName(event.target.value)} maxLength={160} autoFocus />
      <TextField
        formId="organisation-edit"
        name="orgNumber"
        label={t('organisation.editNumber')}
        hint={t('organisation.editNumberHint')}
        issue={save.errors.orgNumber}
        value={number}
        onChange={(event) => setNumber(event.target.value)}
        inputMode="numeric"
        autoComplete="off"
      />
      {declaresSize && (
        <SelectField
          formId="organisation-edit"
          name="size"
          label={metricsTexts.size}
          hint={metricsTexts.sizeHint}
          issue={save.errors.size}
          value={size}
          onChange={(event) => setSize(event.target.value as OrganisationSize | '')}
        >
          <option value="">{metricsTexts.sizeNone}</option>
          {ORGANISATION_SIZES.map((value) => (
            <option key={value} value={value}>
              {metricsTexts.sizes[value]}
            </option>
          ))}
        </SelectField>
      )}
      <div className="form-actions">
        <SendButton pending={save.isPending} label={t('organisation.editSubmit')} />
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
