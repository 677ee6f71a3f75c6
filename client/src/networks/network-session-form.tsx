// A member's form for a network session: the same fields and words as a dialogue's session form
// (times typed as the wall clock in the session's zone, checked by the server next to each field),
// without what only a dialogue's session has (a registration deadline, a live room's questions).
import { useState } from 'react';
import { DEFAULT_TIME_ZONE, SESSION_FORMATS, scheduleNetworkSessionInput, type SessionFormat } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { zoneChoices } from '../sessions/session-form.tsx';
import { FormAlert, RadioGroup, SelectField, TextField } from '../ui/form-fields.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';

const FIELDS = ['title', 'agenda', 'timeZone', 'startsAt', 'endsAt', 'format', 'meetingLink', 'address', 'capacity'];
const FORM_ID = 'network-session';

export function NetworkSessionForm({ networkId, onSaved }: { networkId: string; onSaved: (sessionId: string) => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState({ title: '', agenda: '', startsAt: '', endsAt: '', timeZone: DEFAULT_TIME_ZONE, format: 'online' as SessionFormat, meetingLink: '', address: '', capacity: '30' });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [key]: value }));
  const form = useFormSubmission({
    formId: FORM_ID,
    fields: FIELDS,
    schema: scheduleNetworkSessionInput,
    mutation: trpc.networks.scheduleSession.mutationOptions({
      onSuccess: ({ sessionId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
        onSaved(sessionId);
      },
    }),
  });
  const input = {
    networkId,
    title: values.title,
    agenda: values.agenda,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    timeZone: values.timeZone,
    format: values.format,
    capacity: Number(values.capacity),
    ...(values.format !== 'onsite' && values.meetingLink.trim() ? { meetingLink: values.meetingLink.trim() } : {}),
    ...(values.format !== 'online' && values.address.trim() ? { address: values.address.trim() } : {}),
  };
  const field = (name: 'title' | 'startsAt' | 'endsAt' | 'meetingLink' | 'address' | 'capacity') => ({
    formId: FORM_ID,
    name,
    issue: form.errors[name],
    value: values[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
  });
  return (
    <form className="form session-form" onSubmit={(event) => form.submit(event, input)} noValidate>
      <FormAlert message={form.formError} />
      <TextField {...field('title')} label={t('sessionForm.title')} maxLength={200} />
      <MarkdownField formId={FORM_ID} name="agenda" label={t('sessionForm.agenda')} issue={form.errors.agenda} value={values.agenda} onChange={(value) => set('agenda', value)} />
      <SelectField formId={FORM_ID} name="timeZone" label={t('sessionForm.timeZone')} hint={t('sessionForm.timeZoneHint')} issue={form.errors.timeZone} value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
        {zoneChoices(values.timeZone).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField {...field('startsAt')} type="datetime-local" label={t('sessionForm.startsAt')} />
        <TextField {...field('endsAt')} type="datetime-local" label={t('sessionForm.endsAt')} />
      </div>
      <RadioGroup
        formId={FORM_ID}
        name="format"
        label={t('sessionForm.format')}
        issue={form.errors.format}
        value={values.format}
        onChange={(format) => set('format', format)}
        options={SESSION_FORMATS.map((format) => ({ value: format, label: t(`sessions.format.${format}`) }))}
      />
      {values.format !== 'onsite' && <TextField {...field('meetingLink')} type="url" label={t('sessionForm.meetingLink')} hint={t('sessionForm.meetingLinkHint')} />}
      {values.format !== 'online' && <TextField {...field('address')} label={t('sessionForm.address')} maxLength={300} />}
      <TextField {...field('capacity')} type="number" min={1} max={10000} label={t('sessionForm.capacity')} />
      <button type="submit" className="button" disabled={form.isPending}>
        {form.isPending ? t('common.sending') : t('sessionForm.create')}
      </button>
    </form>
  );
}
