// The buyers' form for a round of one-to-one meetings: one agenda, one length and one place for
// every slot, which follow each other from the first start. Equal by construction: there is no
// way to give one supplier a longer meeting or another agenda.
import { useState } from 'react';
import { createMeetingRoundInput, DEFAULT_TIME_ZONE, MEETING_PLACES, type MeetingPlace } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, RadioGroup, TextField } from '../ui/form-fields.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';

const FIELDS = ['title', 'agenda', 'timeZone', 'firstStartsAt', 'slotMinutes', 'breakMinutes', 'slotCount', 'place', 'meetingLink', 'address'];

export function MeetingRoundForm({ dialogueId, onSaved }: { dialogueId: string; onSaved: (roundId: string) => void }) {
  const { t } = useI18n();
  const formId = 'new-round';
  const [values, setValues] = useState({ title: '', agenda: '', firstStartsAt: '', slotMinutes: '45', breakMinutes: '15', slotCount: '6', place: 'online' as MeetingPlace, meetingLink: '', address: '' });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [key]: value }));
  const form = useFormSubmission({
    formId,
    fields: FIELDS,
    schema: createMeetingRoundInput,
    mutation: trpc.meetings.openRound.mutationOptions({
      onSuccess: ({ roundId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.meetings.pathKey() });
        onSaved(roundId);
      },
    }),
  });
  const input = {
    dialogueId,
    title: values.title,
    agenda: values.agenda,
    timeZone: DEFAULT_TIME_ZONE,
    firstStartsAt: values.firstStartsAt,
    slotMinutes: Number(values.slotMinutes),
    breakMinutes: Number(values.breakMinutes),
    slotCount: Number(values.slotCount),
    place: values.place,
    ...(values.place === 'online' && values.meetingLink.trim() ? { meetingLink: values.meetingLink.trim() } : {}),
    ...(values.place === 'onsite' && values.address.trim() ? { address: values.address.trim() } : {}),
  };
  return (
    <form className="form round-form" onSubmit={(event) => form.submit(event, input)} noValidate>
      <FormAlert message={form.formError} />
      <TextField formId={formId} name="title" label={t('roundForm.title')} issue={form.errors.title} value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={200} />
      <MarkdownField formId={formId} name="agenda" label={t('roundForm.agenda')} hint={t('roundForm.agendaHint')} issue={form.errors.agenda} value={values.agenda} onChange={(value) => set('agenda', value)} />
      <TextField formId={formId} name="firstStartsAt" type="datetime-local" label={t('roundForm.firstStartsAt')} hint={t('roundForm.firstStartsAtHint')} issue={form.errors.firstStartsAt} value={values.firstStartsAt} onChange={(e) => set('firstStartsAt', e.target.value)} />
      <div className="field-row">
        <TextField formId={formId} name="slotMinutes" type="number" min={10} max={240} label={t('roundForm.slotMinutes')} issue={form.errors.slotMinutes} value={values.slotMinutes} onChange={(e) => set('slotMinutes', e.target.value)} />
        <TextField formId={formId} name="breakMinutes" type="number" min={0} max={120} label={t('roundForm.breakMinutes')} issue={form.errors.breakMinutes} value={values.breakMinutes} onChange={(e) => set('breakMinutes', e.target.value)} />
        <TextField formId={formId} name="slotCount" type="number" min={1} max={40} label={t('roundForm.slotCount')} issue={form.errors.slotCount} value={values.slotCount} onChange={(e) => set('slotCount', e.target.value)} />
      </div>
      <RadioGroup
        formId={formId}
        name="place"
        label={t('roundForm.place')}
        issue={form.errors.place}
        value={values.place}
        onChange={(place) => set('place', place)}
        options={MEETING_PLACES.map((place) => ({ value: place, label: t(`roundForm.place.${place}`) }))}
      />
      {values.place === 'online' ? (
        <TextField formId={formId} name="meetingLink" type="url" label={t('sessionForm.meetingLink')} hint={t('roundForm.meetingLinkHint')} issue={form.errors.meetingLink} value={values.meetingLink} onChange={(e) => set('meetingLink', e.target.value)} />
      ) : (
        <TextField formId={formId} name="address" label={t('sessionForm.address')} issue={form.errors.address} value={values.address} onChange={(e) => set('address', e.target.value)} maxLength={300} />
      )}
      <button type="submit" className="button" disabled={form.isPending}>
        {form.isPending ? t('common.sending') : t('roundForm.create')}
      </button>
    </form>
  );
}
