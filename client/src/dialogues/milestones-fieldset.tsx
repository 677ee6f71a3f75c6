// The timeline's dates in the edit form: rows of "what happens" and "when", added and removed with
// buttons that name the row they act on; focus goes to the new row's first field, or after a removal
// to the "add" button, so keyboard users never lose their place.
import { useRef } from 'react';
import type { FieldErrors } from '../form-validation.ts';
import { TextField } from '../ui/form-fields.tsx';
import { browserTimeZone } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { milestoneKey, type MilestoneValues } from './edit-values.ts';

export function MilestonesFieldset({
  formId,
  milestones,
  errors,
  onChange,
}: {
  formId: string;
  milestones: MilestoneValues[];
  errors: FieldErrors;
  onChange: (milestones: MilestoneValues[]) => void;
}) {
  const { t } = useI18n();
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);
  const set = (index: number, patch: Partial<MilestoneValues>) =>
    onChange(milestones.map((milestone, i) => (i === index ? { ...milestone, ...patch } : milestone)));
  return (
    <fieldset className="field milestones">
      <legend>{t('edit.milestonesLegend')}</legend>
      <p className="field-hint">{t('edit.milestonesHint')}</p>
      {milestones.map((milestone, index) => (
        <div key={milestone.key} className="milestone-row" role="group" aria-label={t('edit.milestoneNumber', { number: index + 1 })}>
          <TextField
            formId={formId}
            name={`milestones.${index}.label`}
            label={t('edit.milestoneLabel')}
            issue={errors[`milestones.${index}.label`]}
            value={milestone.label}
            onChange={(event) => set(index, { label: event.target.value })}
            maxLength={120}
          />
          <TextField
            formId={formId}
            name={`milestones.${index}.at`}
            type="datetime-local"
            label={t('edit.milestoneAt')}
            hint={browserTimeZone()}
            issue={errors[`milestones.${index}.at`]}
            value={milestone.at}
            onChange={(event) => set(index, { at: event.target.value })}
          />
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              onChange(milestones.filter((_, i) => i !== index));
              addButton.current?.focus();
            }}
          >
            {t('edit.removeMilestone', { number: index + 1 })}
          </button>
        </div>
      ))}
      <button
        ref={addButton}
        type="button"
        className="button button-secondary button-small"
        onClick={() => {
          onChange([...milestones, { key: milestoneKey(), label: '', at: '' }]);
          focusAfterRender(`${formId}-milestones.${milestones.length}.label`);
        }}
      >
        {t('edit.addMilestone')}
      </button>
    </fieldset>
  );
}
