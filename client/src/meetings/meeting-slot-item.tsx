// One slot of a round: its time, whether it is free, who booked it (as the viewer may know), the
// button to book it, and the minutes — for the buyers a form to record them while the round is open.
import { useMutation } from '@tanstack/react-query';
import { recordMinutesInput, type MeetingRoundView, type MeetingSlotView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export const refreshRounds = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.pathKey() });

export function MeetingSlotItem({ round, slot }: { round: MeetingRoundView; slot: MeetingSlotView }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const when = formatDateTime(slot.startsAt, lang);
  const book = useMutation(
    trpc.meetings.book.mutationOptions({
      onSuccess: () => {
        announce(t('round.bookedNow', { time: when }));
        void refreshRounds();
      },
      onError: () => void refreshRounds(),
    }),
  );
  const open = round.status === 'open';
  const supplier =
    slot.supplier === null ? null : slot.supplier.kind === 'organisation' ? `${slot.supplier.name} (${slot.supplier.person})` : t('round.pseudonym', { label: slot.supplier.label });
  const state = slot.mine ? t('round.slotMine') : slot.booked ? t('round.slotBooked') : t('round.slotFree');

  return (
    <li className={`card slot${slot.mine ? ' slot-mine' : ''}`} aria-labelledby={`slot-${slot.id}`}>
      <h3 className="card-title" id={`slot-${slot.id}`}>
        <time dateTime={slot.startsAt}>{when}</time> · {state}
      </h3>
      {supplier && <p className="post-meta">{t('round.with', { supplier })}</p>}
      {open && !slot.booked && round.viewer.canBook && (
        <button type="button" className="button button-small" aria-disabled={book.isPending} onClick={() => !book.isPending && book.mutate({ slotId: slot.id })}>
          {t('round.book', { time: when })}
        </button>
      )}
      <InlineError error={book.error} />
      {slot.minutes !== null && (
        <div className="minutes">
          <h4>{t('round.minutes')}</h4>
          <SafeMarkdown source={slot.minutes} />
        </div>
      )}
      {round.viewer.isHost && open && slot.booked && (
        <DisclosureAction label={slot.minutes === null ? t('round.recordMinutes') : t('round.editMinutes')} regionId={`minutes-${slot.id}`}>
          {(close) => (
            <ActionForm
              formId={`minutes-${slot.id}`}
              fields={[{ name: 'minutes', kind: 'markdown', label: t('round.minutes'), hint: t('round.minutesHint'), initial: slot.minutes ?? '' }]}
              schema={recordMinutesInput}
              mutation={trpc.meetings.recordMinutes.mutationOptions({
                onSuccess: () => {
                  announce(t('round.minutesSaved'));
                  void refreshRounds();
                  close();
                },
              })}
              input={(values) => ({ slotId: slot.id, minutes: values.minutes })}
              submitLabel={t('round.saveMinutes')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
      {round.viewer.isHost && open && slot.booked && slot.minutes === null && <p className="muted">{t('round.noMinutesYet')}</p>}
    </li>
  );
}
