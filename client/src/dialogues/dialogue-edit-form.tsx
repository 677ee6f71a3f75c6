// The buyers' form for a published dialogue: its facts, phase, deadlines, visibility and timeline.
// Checked with the server's own schema before sending; only changed fields are sent. Moving into the
// tender phase asks, in the same edit, how questions are to be handled there (moderated by default).
import { useState, type FormEvent } from 'react';
import { PHASES, updateDialogueInput, type DialogueView, type Phase, type QaMode, type Visibility } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, RadioGroup, SelectField, SendButton, TextArea, TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import type { SafeParsable } from '../form-validation.ts';
import { browserTimeZone } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { editInput, editValuesOf, movesIntoTender, type EditValues } from './edit-values.ts';
import { MilestonesFieldset } from './milestones-fieldset.tsx';

const FORM_ID = 'edit-dialogue';

/** The shared schema, with a list's issues (a CPV code, "cpvCodes.2") shown at the field that holds the list. */
const schema: SafeParsable<ReturnType<typeof updateDialogueInput.parse>> = {
  safeParse(value) {
    const result = updateDialogueInput.safeParse(value);
    if (result.success) return result;
    const issues = result.error.issues.map((issue) => (issue.path[0] === 'cpvCodes' ? { ...issue, path: ['cpvCodes'] } : issue));
    return { success: false, error: { issues } };
  },
};

export function DialogueEditForm({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [initial] = useState(() => editValuesOf(dialogue));
  const [values, setValues] = useState(initial);
  const set = <K extends keyof EditValues>(key: K, value: EditValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const intoTender = movesIntoTender(dialogue, values);
  const fields = [
    'title', 'description', 'phase', 'tenderQaMode', 'questionDeadline', 'tenderDeadline', 'accelerated', 'visibility',
    'referenceNumber', 'cpvCodes', 'contact.name', 'contact.email', 'contact.phone',
    ...values.milestones.flatMap((_, index) => [`milestones.${index}.label`, `milestones.${index}.at`]),
  ];
  const dialoguePage = `/dialogues/${encodeURIComponent(dialogue.id)}`;

  const save = useFormSubmission({
    formId: FORM_ID,
    fields,
    schema,
    mutation: trpc.dialogues.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.dialogues.pathKey() });
        announce(t('edit.saved'));
        navigate(dialoguePage);
      },
    }),
  });

  const submit = (event: FormEvent) => {
    const input = editInput(dialogue, initial, values);
    if (Object.keys(input).length === 1) {
      event.preventDefault();
      announce(t('edit.unchanged'));
      navigate(dialoguePage);
      return;
    }
    save.submit(event, input);
  };

  const zone = browserTimeZone();
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="edit-heading">
      <FormAlert message={save.formError} />
      <TextField formId={FORM_ID} name="title" label={t('create.fieldTitle')} issue={save.errors.title} value={values.title} onChange={(event) => set('title', event.target.value)} maxLength={200} autoComplete="off" />
      <TextArea formId={FORM_ID} name="description" label={t('create.fieldDescription')} hint={t('create.fieldDescriptionHint')} issue={save.errors.description} value={values.description} onChange={(event) => set('description', event.target.value)} rows={10} />
      <SelectField formId={FORM_ID} name="phase" label={t('create.fieldPhase')} issue={save.errors.phase} value={values.phase} onChange={(event) => set('phase', event.target.value as Phase)}>
        {PHASES.map((phase) => (
          <option key={phase} value={phase}>
            {t(`phase.${phase}`)}
          </option>
        ))}
      </SelectField>
      {intoTender && (
        <RadioGroup<QaMode>
          formId={FORM_ID}
          name="tenderQaMode"
          label={t('edit.tenderQaLegend')}
          issue={save.errors.qaMode}
          value={values.tenderQaMode}
          onChange={(value) => set('tenderQaMode', value)}
          options={[
            { value: 'moderated', label: t('edit.tenderQaModerated') },
            { value: 'open', label: t('edit.tenderQaOpen') },
          ]}
        />
      )}
      <TextField formId={FORM_ID} name="questionDeadline" type="datetime-local" label={t('create.fieldDeadline')} hint={t('create.fieldDeadlineHint', { zone })} issue={save.errors.questionDeadline} value={values.questionDeadline} onChange={(event) => set('questionDeadline', event.target.value)} />
      <TextField formId={FORM_ID} name="tenderDeadline" type="datetime-local" label={t('edit.fieldTenderDeadline')} hint={t('edit.fieldTenderDeadlineHint', { zone })} issue={save.errors.tenderDeadline} value={values.tenderDeadline} onChange={(event) => set('tenderDeadline', event.target.value)} />
      <div className="field field-checkbox">
        <input type="checkbox" id={`${FORM_ID}-accelerated`} checked={values.accelerated} onChange={(event) => set('accelerated', event.target.checked)} />
        <label htmlFor={`${FORM_ID}-accelerated`}>{t('edit.fieldAccelerated')}</label>
      </div>
      <RadioGroup<Visibility>
        formId={FORM_ID}
        name="visibility"
        label={t('create.fieldVisibility')}
        issue={save.errors.visibility}
        value={values.visibility}
        onChange={(value) => set('visibility', value)}
        options={[
          { value: 'public', label: t('visibility.public') },
          { value: 'registered', label: t('visibility.registered') },
        ]}
      />
      <TextField formId={FORM_ID} name="referenceNumber" label={t('edit.fieldReferenceNumber')} issue={save.errors.referenceNumber} value={values.referenceNumber} onChange={(event) => set('referenceNumber', event.target.value)} maxLength={60} autoComplete="off" />
      <TextField formId={FORM_ID} name="cpvCodes" label={t('edit.fieldCpvCodes')} hint={t('edit.fieldCpvCodesHint')} issue={save.errors.cpvCodes} value={values.cpvCodes} onChange={(event) => set('cpvCodes', event.target.value)} autoComplete="off" />
      <fieldset className="field contact-fields">
        <legend>{t('edit.contactLegend')}</legend>
        <TextField formId={FORM_ID} name="contact.name" label={t('edit.contactName')} issue={save.errors['contact.name']} value={values.contactName} onChange={(event) => set('contactName', event.target.value)} autoComplete="off" />
        <TextField formId={FORM_ID} name="contact.email" type="email" label={t('edit.contactEmail')} issue={save.errors['contact.email']} value={values.contactEmail} onChange={(event) => set('contactEmail', event.target.value)} autoComplete="off" />
        <TextField formId={FORM_ID} name="contact.phone" type="tel" label={t('edit.contactPhone')} issue={save.errors['contact.phone']} value={values.contactPhone} onChange={(event) => set('contactPhone', event.target.value)} autoComplete="off" />
      </fieldset>
      <MilestonesFieldset formId={FORM_ID} milestones={values.milestones} errors={save.errors} onChange={(milestones) => set('milestones', milestones)} />
      <div className="form-actions">
        <SendButton pending={save.isPending} label={t('edit.submit')} />
        <a className="button button-secondary" href={dialoguePage} onClick={(event) => { event.preventDefault(); navigate(dialoguePage); }}>
          {t('common.cancel')}
        </a>
      </div>
    </form>
  );
}
