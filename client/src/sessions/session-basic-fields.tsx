// The fields every session has, a dialogue's or a buyers' network's: title, agenda, the time zone
// and the wall-clock times in it, the format, the meeting link or address it needs, and the places.
// Each form keeps its own values and adds what only it has after these.
import { DEFAULT_TIME_ZONE, SESSION_FORMATS, type FieldIssue, type SessionFormat } from '@dialogforum/contracts';
import { browserTimeZone } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RadioGroup, SelectField, TextField } from '../ui/form-fields.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';

export type SessionBasics = {
  title: string;
  agenda: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: SessionFormat;
  meetingLink: string;
  address: string;
  capacity: string;
};

export const SESSION_BASIC_FIELDS = ['title', 'agenda', 'timeZone', 'startsAt', 'endsAt', 'format', 'meetingLink', 'address', 'capacity'] as const;

/** The zones a Swedish buyer usually needs, and the reader's own. */
function zoneChoices(current: string): string[] {
  return [...new Set([DEFAULT_TIME_ZONE, browserTimeZone(), 'Europe/Helsinki', 'Europe/London', 'UTC', current])];
}

/** The checked input's share of the basics: a link only when it meets online, an address only on site. */
export function sessionBasicsInput(values: SessionBasics) {
  return {
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
}

export function SessionBasicFields({
  formId,
  values,
  errors,
  set,
  capacityHint,
}: {
  formId: string;
  values: SessionBasics;
  errors: Partial<Record<string, FieldIssue>>;
  set: <K extends keyof SessionBasics>(key: K, value: SessionBasics[K]) => void;
  capacityHint?: string;
}) {
  const { t } = useI18n();
  const text = (name: 'title' | 'startsAt' | 'endsAt' | 'meetingLink' | 'address' | 'capacity') => ({
    formId,
    name,
    issue: errors[name],
    value: values[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
  });
  return (
    <>
      <TextField {...text('title')} label={t('sessionForm.title')} maxLength={200} />
      <MarkdownField formId={formId} name="agenda" label={t('sessionForm.agenda')} issue={errors.agenda} value={values.agenda} onChange={(value) => set('agenda', value)} />
      <SelectField formId={formId} name="timeZone" label={t('sessionForm.timeZone')} hint={t('sessionForm.timeZoneHint')} issue={errors.timeZone} value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
        {zoneChoices(values.timeZone).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField {...text('startsAt')} type="datetime-local" label={t('sessionForm.startsAt')} />
        <TextField {...text('endsAt')} type="datetime-local" label={t('sessionForm.endsAt')} />
      </div>
      <RadioGroup
        formId={formId}
        name="format"
        label={t('sessionForm.format')}
        issue={errors.format}
        value={values.format}
        onChange={(format) => set('format', format)}
        options={SESSION_FORMATS.map((format) => ({ value: format, label: t(`sessions.format.${format}`) }))}
      />
      {values.format !== 'onsite' && <TextField {...text('meetingLink')} type="url" label={t('sessionForm.meetingLink')} hint={t('sessionForm.meetingLinkHint')} />}
      {values.format !== 'online' && <TextField {...text('address')} label={t('sessionForm.address')} maxLength={300} />}
      <TextField {...text('capacity')} type="number" min={1} max={10000} label={t('sessionForm.capacity')} hint={capacityHint} />
    </>
  );
}
