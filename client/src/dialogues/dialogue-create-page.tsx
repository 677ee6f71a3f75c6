// "/dialogues/new" — a buyer publishes a dialogue. The deadline is typed in the browser's time zone
// (named next to the field) and sent as ISO 8601 with that zone's offset on that date.
import { useState, type FormEvent } from 'react';
import { PHASES, createDialogueInput, type Phase } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { arenaOptions } from '../arena-names.ts';
import { VerificationRequiredNotice } from '../accounts/email-verification.tsx';
import { FormAlert, RadioGroup, SelectField, TextArea, TextField } from '../ui/form-fields.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
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
  const [values, setValues] = useState({
    title: '',
    description: '',
    arenaId: '',
    phase: 'market-dialogue' as Phase,
    deadline: '',
    tenderDeadline: '',
    visibility: 'public' as Visibility,
  });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues({ ...values, [key]: value });

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
        formId={FORM_ID}
        name="title"
        label={t('create.fieldTitle')}
        issue={create.errors.title}
        value={values.title}
        onChange={(event) => set('title', event.target.value)}
        maxLength={200}
        autoComplete="off"
      />
      <TextArea
        formId={FORM_ID}
        name="description"
        label={t('create.fieldDescription')}
        hint={t('create.fieldDescriptionHint')}
        issue={create.errors.description}
        value={values.description}
        onChange={(event) => set('description', event.target.value)}
        rows={10}
      />
      <SelectField
        formId={FORM_ID}
        name="arenaId"
        label={t('create.fieldArena')}
        issue={create.errors.arenaId}
        value={values.arenaId}
        onChange={(event) => set('arenaId', event.target.value)}
      >
        <option value="">{t('create.chooseArena')}</option>
        {arenaOptions(lang).map((arena) => (
          <option key={arena.id} value={arena.id}>
            {arena.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        formId={FORM_ID}
        name="phase"
        label={t('create.fieldPhase')}
        issue={create.errors.phase}
        value={values.phase}
        onChange={(event) => set('phase', event.target.value as Phase)}
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
          formId={FORM_ID}
          name="tenderDeadline"
          type="datetime-local"
          label={t('create.fieldTenderDeadline')}
          hint={t('create.fieldTenderDeadlineHint', { zone: browserTimeZone() })}
          issue={create.errors.tenderDeadline}
          value={values.tenderDeadline}
          onChange={(event) => set('tenderDeadline', event.target.value)}
        />
      )}
      <RadioGroup<Visibility>
        formId={FORM_ID}
        name="visibility"
        label={t('create.fieldVisibility')}
        issue={create.errors.visibility}
        value={values.visibility}
        onChange={(value) => set('visibility', value)}
        options={[
          { value: 'public', label: t('visibility.public') },
          { value: 'registered', label: t('visibility.registered') },
        ]}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? t('common.sending') : t('create.submit')}
      </button>
    </form>
  );
}
