// The dialogue's deadlines as a reader needs them: the question deadline, and in a tender the last
// moment for supplementary information (the statutory clock) and the tender deadline, each with how
// long is left, in the reader's time zone; then the rest of the timeline.
import { supplementaryInformationDays, type DialogueView } from '@dialogforum/contracts';
import { browserTimeZone, formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Countdown, useNow } from './countdown.tsx';

export function StatutoryClock({ dialogue }: { dialogue: DialogueView }) {
  const { t, lang } = useI18n();
  const now = useNow();
  return (
    <section aria-labelledby="clock-heading" className="statutory-clock">
      <h2 id="clock-heading">{t('clock.title')}</h2>
      <p className="field-hint">{t('clock.zone', { zone: browserTimeZone() })}</p>
      <dl className="meta">
        <div>
          <dt>{t('clock.questionDeadline')}</dt>
          <dd>
            <Countdown iso={dialogue.questionDeadline} now={now} />
          </dd>
        </div>
        {dialogue.supplementaryCutoff && (
          <div>
            <dt>{t('clock.cutoff')}</dt>
            <dd>
              <Countdown iso={dialogue.supplementaryCutoff} now={now} />
            </dd>
          </div>
        )}
        {dialogue.tenderDeadline && (
          <div>
            <dt>{t('clock.tenderDeadline')}</dt>
            <dd>
              <Countdown iso={dialogue.tenderDeadline} now={now} />
              {dialogue.accelerated && <span className="badge">{t('clock.accelerated')}</span>}
            </dd>
          </div>
        )}
      </dl>
      {dialogue.supplementaryCutoff && (
        <p className="field-hint">{t('clock.cutoffExplain', { days: supplementaryInformationDays(dialogue.accelerated) })}</p>
      )}
      <h3>{t('dialogue.timeline')}</h3>
      {dialogue.milestones.length === 0 ? (
        <p>{t('dialogue.timelineEmpty')}</p>
      ) : (
        <ol className="timeline">
          {dialogue.milestones.map((milestone) => (
            <li key={`${milestone.at}-${milestone.label}`}>
              <time dateTime={milestone.at}>{formatDateTime(milestone.at, lang)}</time>: {milestone.label}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
