// The statutory clock at the moment of answering: after the cut-off for supplementary information
// (6 days, 4 if accelerated, before the tender deadline) a buyer's answer still goes to everyone, but
// the form says so before it is sent and offers to extend the tender deadline first, to the earliest
// moment that gives every supplier the days the law asks (changeable).
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { earliestTenderDeadlineAfter, supplementaryInformationDays, type DialogueView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { TextField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { browserTimeZone, formatDateTime, isoToLocalInput, localInputToIsoWithOffset } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from './countdown.tsx';

const HOUR = 3_600_000;

/** Whether an answer now comes after the cut-off, and the extension offered with it. */
export function useLateAnswer(dialogue: DialogueView | null) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const now = useNow();
  const cutoff = dialogue?.supplementaryCutoff ?? null;
  const active = dialogue !== null && cutoff !== null && (dialogue.pastSupplementaryCutoff || Date.parse(cutoff) <= now);
  const [extendTo, setExtendTo] = useState(() => {
    if (!dialogue) return '';
    const earliest = earliestTenderDeadlineAfter(new Date(), dialogue.accelerated).getTime();
    return isoToLocalInput(new Date(Math.ceil(earliest / HOUR) * HOUR).toISOString());
  });
  const update = useMutation(trpc.dialogues.update.mutationOptions());

  /** Moves the tender deadline; true when it moved, so the answer may follow. */
  const extend = async (): Promise<boolean> => {
    if (!dialogue) return false;
    const tenderDeadline = localInputToIsoWithOffset(extendTo);
    try {
      await update.mutateAsync({ dialogueId: dialogue.id, tenderDeadline });
    } catch {
      return false;
    }
    announce(t('statutory.extended', { date: formatDateTime(tenderDeadline, lang) }));
    void queryClient.invalidateQueries({ queryKey: trpc.dialogues.pathKey() });
    return true;
  };
  return { active, cutoff, extendTo, setExtendTo, extend, extendError: update.error, extending: update.isPending };
}

export type LateAnswer = ReturnType<typeof useLateAnswer>;

export function LateAnswerNotice({ formId, dialogue, late }: { formId: string; dialogue: DialogueView; late: LateAnswer }) {
  const { t, lang } = useI18n();
  if (!late.active || !late.cutoff) return null;
  const days = supplementaryInformationDays(dialogue.accelerated);
  const earliest = earliestTenderDeadlineAfter(new Date(), dialogue.accelerated).toISOString();
  return (
    <div className="notice notice-warning late-answer" role="note" aria-labelledby={`${formId}-late-title`}>
      <p id={`${formId}-late-title`}>
        <strong>{t('statutory.lateTitle')}</strong>
      </p>
      <p>{t('statutory.lateBody', { days, cutoff: formatDateTime(late.cutoff, lang) })}</p>
      <TextField
        formId={formId}
        name="extendTenderDeadline"
        type="datetime-local"
        label={t('statutory.extendTo')}
        hint={t('statutory.extendHint', { date: formatDateTime(earliest, lang), days, zone: browserTimeZone() })}
        value={late.extendTo}
        onChange={(event) => late.setExtendTo(event.target.value)}
      />
      <InlineError error={late.extendError} />
    </div>
  );
}
