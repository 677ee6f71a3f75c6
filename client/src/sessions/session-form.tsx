// The buyers' form for a session, to plan one or change it: times are typed as the wall clock in the
// session's own zone (Stockholm by default), the server turns them into instants and says what is
// wrong with them (in the past, skipped by a clock change, overlapping another session) next to the
// field. Online sessions need a link to the buyer's own meeting tool; on-site ones an address.
import { useState } from 'react';
import { createSessionInput, DEFAULT_TIME_ZONE, SESSION_FORMATS, updateSessionInput, type SessionFormat, type SessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, RadioGroup, SelectField, TextField } from '../ui/form-fields.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { browserTimeZone } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

const FIELDS = ['title', 'agenda', 'startsAt', 'endsAt', 'timeZone', 'format', 'meetingLink', 'address', 'capacity', 'registrationDeadline', 'questionsNeedApproval'];

/** The zones a Swedish buyer usually needs, and the reader's own. */
export function zoneChoices(current: string): string[] {
  return [...new Set([DEFAULT_TIME_ZONE, browserTimeZone(), 'Europe/Helsinki', 'Europe/London', 'UTC', current])];
}

type Values = {
  title: string;
  agenda: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: SessionFormat;
  meetingLink: string;
  address: string;
  capacity: string;
  registrationDeadline: string;
  questionsNeedApproval: boolean;
};

function initial(session: SessionView | null): Values {
  if (!session) {
    return { title: '', agenda: '', startsAt: '', endsAt: '', timeZone: DEFAULT_TIME_ZONE, format: 'online', meetingLink: '', address: '', capacity: '50', registrationDeadline: '', questionsNeedApproval: false };
  }
  return {
    title: session.title,
    agenda: session.agenda,
    startsAt: session.local.startsAt,
    endsAt: session.local.endsAt,
    timeZone: session.timeZone,
    format: session.format,
    meetingLink: session.meetingLink ?? '',
    address: session.address ?? '',
    capacity: String(session.capacity),
    registrationDeadline: session.local.registrationDeadline === session.local.startsAt ? '' : session.local.registrationDeadline,
    questionsNeedApproval: session.questionsNeedApproval,
  };
}

export function SessionForm({ dialogueId, session, onSaved }: { dialogueId: string; session: SessionView | null; onSaved: (sessionId: string) => void }) {
  const { t } = useI18n();
  const formId = session ? `edit-session-${session.id}` : 'new-session';
  const [values, setValues] = useState<Values>(() => initial(session));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const input = {
    title: values.title,
    agenda: values.agenda,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    timeZone: values.timeZone,
    format: values.format,
    capacity: Number(values.capacity),
    questionsNeedApproval: values.questionsNeedApproval,
    ...(values.format !== 'onsite' && values.meetingLink.trim() ? { meetingLink: values.meetingLink.trim() } : {}),
    ...(values.format !== 'online' && values.address.trim() ? { address: values.address.trim() } : {}),
    ...(values.registrationDeadline ? { registrationDeadline: values.registrationDeadline } : {}),
  };
  const saved = (sessionId: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() });
    onSaved(sessionId);
  };
  const create = useFormSubmission({
    formId,
    fields: FIELDS,
    schema: createSessionInput,
    mutation: trpc.sessions.create.mutationOptions({ onSuccess: ({ sessionId }) => saved(sessionId) }),
  });
  const update = useFormSubmission({
    formId,
    fields: FIELDS,
    schema: updateSessionInput,
    mutation: trpc.sessions.update.mutationOptions({ onSuccess: () => saved(session?.id ?? '') }),
  });
  const form = session ? update : create;

  return (
    <form
      className="form session-form"
      onSubmit={(event) => (session ? update.submit(event, { sessionId: session.id, ...input }) : create.submit(event, { dialogueId, ...input }))}
      noValidate
    >
      <FormAlert message={form.formError} />
      <TextField formId={formId} name="title" label={t('sessionForm.title')} issue={form.errors.title} value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={200} />
      <MarkdownField formId={formId} name="agenda" label={t('sessionForm.agenda')} issue={form.errors.agenda} value={values.agenda} onChange={(value) => set('agenda', value)} />
      <SelectField formId={formId} name="timeZone" label={t('sessionForm.timeZone')} hint={t('sessionForm.timeZoneHint')} issue={form.errors.timeZone} value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
        {zoneChoices(values.timeZone).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField formId={formId} name="startsAt" type="datetime-local" label={t('sessionForm.startsAt')} issue={form.errors.startsAt} value={values.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
        <TextField formId={formId} name="endsAt" type="datetime-local" label={t('sessionForm.endsAt')} issue={form.errors.endsAt} value={values.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
      </div>
      <RadioGroup
        formId={formId}
        name="format"
        label={t('sessionForm.format')}
        issue={form.errors.format}
        value={values.format}
        onChange={(format) => set('format', format)}
        options={SESSION_FORMATS.map((format) => ({ value: format, label: t(`sessions.format.${format}`) }))}
      />
      {values.format !== 'onsite' && (
        <TextField formId={formId} name="meetingLink" type="url" label={t('sessionForm.meetingLink')} hint={t('sessionForm.meetingLinkHint')} issue={form.errors.meetingLink} value={values.meetingLink} onChange={(e) => set('meetingLink', e.target.value)} />
      )}
      {values.format !== 'online' && (
        <TextField formId={formId} name="address" label={t('sessionForm.address')} issue={form.errors.address} value={values.address} onChange={(e) => set('address', e.target.value)} maxLength={300} />
      )}
      <TextField formId={formId} name="capacity" type="number" min={1} max={10000} label={t('sessionForm.capacity')} hint={t('sessionForm.capacityHint')} issue={form.errors.capacity} value={values.capacity} onChange={(e) => set('capacity', e.target.value)} />
      <TextField
        formId={formId}
        name="registrationDeadline"
        type="datetime-local"
        label={t('sessionForm.registrationDeadline')}
        hint={t('sessionForm.registrationDeadlineHint')}
        issue={form.errors.registrationDeadline}
        value={values.registrationDeadline}
        onChange={(e) => set('registrationDeadline', e.target.value)}
      />
      <div className="field field-checkbox">
        <input type="checkbox" id={`${formId}-questionsNeedApproval`} checked={values.questionsNeedApproval} onChange={(e) => set('questionsNeedApproval', e.target.checked)} />
        <label htmlFor={`${formId}-questionsNeedApproval`}>{t('sessionForm.questionsNeedApproval')}</label>
      </div>
      <button type="submit" className="button" disabled={form.isPending}>
        {form.isPending ? t('common.sending') : t(session ? 'sessionForm.save' : 'sessionForm.create')}
      </button>
    </form>
  );
}
