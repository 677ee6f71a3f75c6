// "/dialogues/new" — a buyer publishes a dialogue. The deadline is typed in the browser's time zone
// (named next to the field) and sent as ISO 8601 with that zone's offset on that date.
import type { FormEvent } from 'react';
import { PHASES, createDialogueInput, type Phase } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { arenaOptions } from '../arena-names.ts';
import { VerificationRequiredNotice } from '../accounts/email-verification.tsx';
import { FormAlert, RadioGroup, SelectField, SendButton, TextArea, TextField } from '../ui/form-fields.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useFormValues } from '../ui/use-form-values.ts';
import { LoginNotice } from '../ui/login-notice.tsx';
import { browserTimeZone, localInputToIsoWithOffset } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { isBuyer, useMe } from '../session.ts';

const FORM_ID = 'create-dialogue';
const FIELDS = ['title', 'description', 'arenaId', 'phase', 'questionDeadline', 'tenderDeadline', 'visibility'];

type Visibility = 'public' | 'registered';

export function DialogueCreatePage() {
  const { t } = useI18n();
  const me = useMe();

  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) {
    content = (
      <LoginNotice message={t('create.needsLogin')} returnTo="/dialogues/new" />
    );
  } else if (!isBuyer(me.data)) content = <p className="notice notice-info">{t('create.onlyBuyers')}</p>;
  else if (!me.data.emailVerified) content = <VerificationRequiredNotice action="create" me={me.data} />;
  else if (me.data.organisation?.kind !== 'buyer') content = <p className="notice notice-info">{t('create.onlyBuyers')}</p>;
  else if (!me.data.organisation.verified) {
    // Only organisations a moderator has verified publish (a buyer must be a real authority).
    content = <p className="notice notice-info">{t('create.organisationUnverified', { organisation: me.data.organisation.name })}</p>;
  } else content = <CreateDialogueForm />;

  return (
    <>
      <div className="page-intro">
        <PageHeading>{t('create.title')}</PageHeading>
        <p>{t('create.intro')}</p>
      </div>
      {content}
    </>
  );
}

function CreateDialogueForm() {
  const { t, lang } = useI18n();
  const fields = useFormValues(FORM_ID, {
    title: '',
    description: '',
    arenaId: '',
    phase: 'market-dialogue' as Phase,
    deadline: '',
    tenderDeadline: '',
    visibility: 'public' as Visibility,
  });
  const { values, set } = fields;

  const create = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: createDialogueInput,
    mutation: trpc.dialogues.create.mutationOptions({
      onSuccess: ({ dialogueId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.dialogues.list.queryKey() });
        navigate(`/dialogues/${encodeURIComponent(dialogueId)}`);
      },
    }),
  });

  const submit = (event: FormEvent) =>
    create.submit(event, {
      title: values.title,
      description: values.description,
      arenaId: values.arenaId,
      phase: values.phase,
      questionDeadline: localInputToIsoWithOffset(values.deadline),
      ...(values.phase === 'tender' ? { tenderDeadline: localInputToIsoWithOffset(values.tenderDeadline) } : {}),
      visibility: values.visibility,
    });

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('create.title')}>
      <FormAlert message={create.formError} />
      <TextField
        {...fields.text('title', create.errors)}
        label={t('create.fieldTitle')}
        maxLength={200}
        autoComplete="off"
      />
      <TextArea
        {...fields.text('description', create.errors)}
        label={t('create.fieldDescription')}
        hint={t('create.fieldDescriptionHint')}
        rows={10}
      />
      <SelectField
        {...fields.text('arenaId', create.errors)}
        label={t('create.fieldArena')}
      >
        <option value="">{t('create.chooseArena')}</option>
        {arenaOptions(lang).map((arena) => (
          <option key={arena.id} value={arena.id}>
            {arena.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        {...fields.text('phase', create.errors)}
        label={t('create.fieldPhase')}
      >
        {PHASES.map((phase) => (
          <option key={phase} value={phase}>
            {t(`phase.${phase}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        formId={FORM_ID}
        name="questionDeadline"
        type="datetime-local"
        label={t('create.fieldDeadline')}
        hint={t('create.fieldDeadlineHint', { zone: browserTimeZone() })}
        issue={create.errors.questionDeadline}
        value={values.deadline}
        onChange={(event) => set('deadline', event.target.value)}
      />
      {values.phase === 'tender' && (
        <TextField
          {...fields.text('tenderDeadline', create.errors)}
          type="datetime-local"
          label={t('create.fieldTenderDeadline')}
          hint={t('create.fieldTenderDeadlineHint', { zone: browserTimeZone() })}
        />
      )}
      <RadioGroup<Visibility>
        {...fields.choice('visibility', create.errors)}
        label={t('create.fieldVisibility')}
        options={[
          { value: 'public', label: t('visibility.public') },
          { value: 'registered', label: t('visibility.registered') },
        ]}
      />
      <SendButton pending={create.isPending} label={t('create.submit')} />
    </form>
  );
}
