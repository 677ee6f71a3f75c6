// How the procurement ended (issue 11 §6): what its buyers recorded, for everyone to read once it
// is recorded, and the buyers' form to record or correct it once the procurement has ended
// (contract & follow-up, or archived). The innovation statistics count it.
import { useMutation } from '@tanstack/react-query';
import { CONTRACT_VALUE_BANDS, type ContractValueBand, type DialogueView } from '@dialogforum/contracts';
import { useState, type FormEvent } from 'react';
import { queryClient, trpc } from '../api.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { focusFirstInvalid, RadioGroup, SelectField } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { withParams, useI18n } from '../i18n/i18n.tsx';
import { useMetricsTexts } from '../metrics/metrics-texts.ts';

const FORM_ID = 'dialogue-outcome';
const FIELDS = ['procuredInnovation', 'newToMarket', 'contractValueBand'] as const;

export function OutcomeSection({ dialogue }: { dialogue: DialogueView }) {
  const texts = useMetricsTexts();
  const { lang } = useI18n();
  const saved = useOutcome();
  const ended = dialogue.phase === 'contract' || dialogue.archivedAt !== null;
  const mayRecord = dialogue.viewer.canEdit && ended;
  const { outcome } = dialogue;
  if (!outcome && !mayRecord) return null;
  const yesNo = (value: boolean) => (value ? texts.yes : texts.no);
  return (
    <section aria-labelledby="dialogue-outcome-heading" className="page-section dialogue-outcome">
      <h2 id="dialogue-outcome-heading">{texts.outcomeTitle}</h2>
      {outcome ? (
        <dl className="meta">
          <div>
            <dt>{texts.procuredInnovation}</dt>
            <dd>{yesNo(outcome.procuredInnovation)}</dd>
          </div>
          <div>
            <dt>{texts.newToMarketQuestion}</dt>
            <dd>{yesNo(outcome.newToMarket)}</dd>
          </div>
          <div>
            <dt>{texts.contractValue}</dt>
            <dd>{texts.band[outcome.contractValueBand]}</dd>
          </div>
        </dl>
      ) : (
        <p>{texts.outcomeIntro}</p>
      )}
      {outcome && <p className="field-hint">{withParams(texts.recordedAt, { date: formatDate(outcome.recordedAt, lang) })}</p>}
      {mayRecord && (
        <DisclosureAction label={outcome ? texts.correctOutcome : texts.recordOutcome} regionId={FORM_ID} className="button button-secondary">
          {(close) => (
            <OutcomeForm
              dialogue={dialogue}
              onSaved={() => {
                close();
                saved.show(texts.outcomeSaved);
              }}
            />
          )}
        </DisclosureAction>
      )}
      {saved.node}
    </section>
  );
}

function OutcomeForm({ dialogue, onSaved }: { dialogue: DialogueView; onSaved: () => void }) {
  const texts = useMetricsTexts();
  const [procured, setProcured] = useState<'yes' | 'no' | ''>(dialogue.outcome ? (dialogue.outcome.procuredInnovation ? 'yes' : 'no') : '');
  const [newToMarket, setNewToMarket] = useState<'yes' | 'no' | ''>(dialogue.outcome ? (dialogue.outcome.newToMarket ? 'yes' : 'no') : '');
  const [band, setBand] = useState<ContractValueBand | ''>(dialogue.outcome?.contractValueBand ?? '');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const record = useMutation(
    trpc.dialogues.recordOutcome.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.dialogues.pathKey() });
        onSaved();
      },
    }),
  );
  const yesNo = [
    { value: 'yes' as const, label: texts.yes },
    { value: 'no' as const, label: texts.no },
  ];
  const issue = (name: string) => (missing.has(name) ? { path: name, code: 'invalid_type' as const } : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    const empty = new Set([procured === '' ? 'procuredInnovation' : '', newToMarket === '' ? 'newToMarket' : '', band === '' ? 'contractValueBand' : ''].filter(Boolean));
    setMissing(empty);
    if (empty.size > 0) {
      // Not the fieldset itself: it takes no focus, so focus would stay on the button unheard.
      focusFirstInvalid(FORM_ID, FIELDS, Object.fromEntries([...empty].map((name) => [name, true])));
      return;
    }
    record.mutate({ dialogueId: dialogue.id, procuredInnovation: procured === 'yes', newToMarket: newToMarket === 'yes', contractValueBand: band as ContractValueBand });
  }

  return (
    <form id={FORM_ID} aria-label={texts.outcomeTitle} onSubmit={submit} noValidate>
      <RadioGroup label={texts.procuredInnovation} name="procuredInnovation" formId={FORM_ID} options={yesNo} value={procured} onChange={setProcured} issue={issue('procuredInnovation')} />
      <RadioGroup label={texts.newToMarketQuestion} name="newToMarket" formId={FORM_ID} options={yesNo} value={newToMarket} onChange={setNewToMarket} issue={issue('newToMarket')} />
      <SelectField label={texts.contractValue} name="contractValueBand" formId={FORM_ID} value={band} onChange={(event) => setBand(event.target.value as ContractValueBand | '')} issue={issue('contractValueBand')}>
        <option value="">–</option>
        {CONTRACT_VALUE_BANDS.map((value) => (
          <option key={value} value={value}>
            {texts.band[value]}
          </option>
        ))}
      </SelectField>
      <InlineError error={record.error} />
      <button type="submit" className="button" disabled={record.isPending}>
        {texts.recordOutcome}
      </button>
    </form>
  );
}
