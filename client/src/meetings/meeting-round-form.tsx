// The buyers' form for a round of one-to-one meetings: one agenda, one length and one place for
// every slot, which follow each other from the first start. Equal by construction: there is no
// way to give one supplier a longer meeting or another agenda.
import { createMeetingRoundInput, DEFAULT_TIME_ZONE, MEETING_PLACES, type MeetingPlace } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, RadioGroup, SendButton, TextField } from '../ui/form-fields.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useFormValues } from '../ui/use-form-values.ts';
import { useI18n } from '../i18n/i18n.tsx';

const FIELDS = ['title', 'agenda', 'timeZone', 'firstStartsAt', 'slotMinutes', 'breakMinutes', 'slotCount', 'place', 'meetingLink', 'address'];

export function MeetingRoundForm({ dialogueId, onSaved }: { dialogueId: string; onSaved: (roundId: string) => void }) {
  const { t } = useI18n();
  const formId = 'new-round';
  const fields = useFormValues(formId, { title: '', agenda: '', firstStartsAt: '', slotMinutes: '45', breakMinutes: '15', slotCount: '6', place: 'online' as MeetingPlace, meetingLink: '', address: '' });
  const { values } = fields;
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
      <TextField {...fields.text('title', form.errors)} label={t('roundForm.title')} maxLength={200} />
      <MarkdownField {...fields.choice('agenda', form.errors)} label={t('roundForm.agenda')} hint={t('roundForm.agendaHint')} />
      <TextField {...fields.text('firstStartsAt', form.errors)} type="datetime-local" label={t('roundForm.firstStartsAt')} hint={t('roundForm.firstStartsAtHint')} />
      <div className="field-row">
        <TextField {...fields.text('slotMinutes', form.errors)} type="number" min={10} max={240} label={t('roundForm.slotMinutes')} />
        <TextField {...fields.text('breakMinutes', form.errors)} type="number" min={0} max={120} label={t('roundForm.breakMinutes')} />
        <TextField {...fields.text('slotCount', form.errors)} type="number" min={1} max={40} label={t('roundForm.slotCount')} />
      </div>
      <RadioGroup
        {...fields.choice('place', form.errors)}
        label={t('roundForm.place')}
        options={MEETING_PLACES.map((place) => ({ value: place, label: t(`roundForm.place.${place}`) }))}
      />
      {values.place === 'online' ? (
        <TextField {...fields.text('meetingLink', form.errors)} type="url" label={t('sessionForm.meetingLink')} hint={t('roundForm.meetingLinkHint')} />
      ) : (
        <TextField {...fields.text('address', form.errors)} label={t('sessionForm.address')} maxLength={300} />
      )}
      <SendButton pending={form.isPending} label={t('roundForm.create')} />
    </form>
  );
}
