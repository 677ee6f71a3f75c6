// A set of checkboxes under one legend, wired like the other form fields: the hint and the error
// are tied to the group, and the group takes focus (through its first box) when it is invalid.
import { useId } from 'react';
import type { FieldIssue } from '@dialogforum/contracts';
import { describeFieldIssue } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldId } from './form-fields.tsx';

export function CheckboxGroup<V extends string>({
  formId, name, label, hint, issue, options, values, onChange,
}: {
  formId: string;
  name: string;
  label: string;
  hint?: string;
  issue?: FieldIssue | undefined;
  options: { value: V; label: string }[];
  values: V[];
  onChange: (values: V[]) => void;
}) {
  const { t } = useI18n();
  const id = fieldId(formId, name);
  const optionId = useId();
  const describedBy = [issue ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  const toggle = (value: V, checked: boolean) =>
    onChange(checked ? options.map((option) => option.value).filter((option) => option === value || values.includes(option)) : values.filter((option) => option !== value));
  return (
    <fieldset id={id} className={`field checkbox-group${issue ? ' field-invalid' : ''}`} aria-describedby={describedBy} aria-invalid={issue ? true : undefined}>
      <legend>{label}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {issue && (
        <p id={`${id}-error`} className="field-error">
          <span className="field-error-icon" aria-hidden="true">!</span>
          {describeFieldIssue(issue, t)}
        </p>
      )}
      {options.map((option) => (
        <div className="checkbox" key={option.value}>
          <input
            type="checkbox"
            id={`${optionId}-${option.value}`}
            checked={values.includes(option.value)}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
          <label htmlFor={`${optionId}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
