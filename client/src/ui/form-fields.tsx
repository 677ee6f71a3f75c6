// Labelled form controls: every control has a visible label, an optional hint and its error message
// tied to it with aria-describedby, and aria-invalid when the error shows.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { FieldIssue } from '@dialogforum/contracts';
import { describeFieldIssue } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Common = {
  label: string;
  hint?: ReactNode;
  issue?: FieldIssue | undefined;
  /** Field ids follow the name, so the form can move focus to the first invalid field. */
  name: string;
  formId: string;
};

export function fieldId(formId: string, name: string): string {
  return `${formId}-${name}`;
}

function useDescription(formId: string, name: string, hint: ReactNode, issue: FieldIssue | undefined) {
  const { t } = useI18n();
  const id = fieldId(formId, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = issue ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const hintNode = hint ? (
    <p id={hintId} className="field-hint">
      {hint}
    </p>
  ) : null;
  const errorNode = issue ? (
    <p id={errorId} className="field-error">
      <span className="field-error-icon" aria-hidden="true">!</span>
      {describeFieldIssue(issue, t)}
    </p>
  ) : null;
  return { id, describedBy, hintNode, errorNode, invalid: issue ? true : undefined };
}

/** What ties a single control to its label, hint and error message. */
type ControlWiring = { id: string; name: string; 'aria-invalid': boolean | undefined; 'aria-describedby': string | undefined };

/** A label, then hint and error message, then the one control `children` renders with `wiring`. */
function LabelledControl({
  label, hint, issue, name, formId, children,
}: Common & { children: (wiring: ControlWiring) => ReactNode }) {
  const d = useDescription(formId, name, hint, issue);
  return (
    <div className={`field${issue ? ' field-invalid' : ''}`}>
      <label htmlFor={d.id}>{label}</label>
      {d.hintNode}
      {d.errorNode}
      {children({ id: d.id, name, 'aria-invalid': d.invalid, 'aria-describedby': d.describedBy })}
    </div>
  );
}

export function TextField({
  label, hint, issue, name, formId, ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>) {
  return (
    <LabelledControl label={label} hint={hint} issue={issue} name={name} formId={formId}>
      {(wiring) => <input {...wiring} {...input} />}
    </LabelledControl>
  );
}

export function TextArea({
  label, hint, issue, name, formId, ...textarea
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>) {
  return (
    <LabelledControl label={label} hint={hint} issue={issue} name={name} formId={formId}>
      {(wiring) => <textarea {...wiring} rows={6} {...textarea} />}
    </LabelledControl>
  );
}

export function SelectField({
  label, hint, issue, name, formId, children, ...select
}: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'>) {
  return (
    <LabelledControl label={label} hint={hint} issue={issue} name={name} formId={formId}>
      {(wiring) => (
        <select {...wiring} {...select}>
          {children}
        </select>
      )}
    </LabelledControl>
  );
}

export function RadioGroup<V extends string>({
  label, hint, issue, name, formId, options, value, onChange,
}: Common & { options: { value: V; label: string }[]; value: V | ''; onChange: (value: V) => void }) {
  const d = useDescription(formId, name, hint, issue);
  const optionId = useId();
  return (
    <fieldset
      id={d.id}
      role="radiogroup"
      className={`field radio-group${issue ? ' field-invalid' : ''}`}
      aria-labelledby={`${d.id}-legend`}
      aria-describedby={d.describedBy}
      aria-invalid={d.invalid}
    >
      <legend id={`${d.id}-legend`}>{label}</legend>
      {d.hintNode}
      {d.errorNode}
      {options.map((option) => {
        const id = `${optionId}-${option.value}`;
        return (
          <div className="radio" key={option.value}>
            <input
              type="radio"
              id={id}
              name={`${formId}-${name}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A form-level message (e.g. "deadline passed", "email taken"), announced when it appears. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
    </div>
  );
}

/** Moves focus to the first field with an issue, in the order the form lists its fields. */
export function focusFirstInvalid(formId: string, order: readonly string[], invalid: Record<string, unknown>): void {
  const first = order.find((name) => invalid[name]);
  if (!first) return;
  const element = document.getElementById(fieldId(formId, first));
  // A radio group is focused through its first option.
  const target = element instanceof HTMLFieldSetElement ? element.querySelector('input') : element;
  target?.focus();
}

/**
 * A form's send button: while its request is on its way it says so ("Skickar …") and cannot be
 * pressed a second time. Given onClick it acts alone (type="button"); otherwise it submits its form.
 */
export function SendButton({
  pending,
  label,
  tone,
  onClick,
}: {
  pending: boolean;
  label: string;
  tone?: 'secondary' | 'danger';
  onClick?: () => void;
}) {
  const { t } = useI18n();
  return (
    <button
      type={onClick ? 'button' : 'submit'}
      className={tone ? `button button-${tone}` : 'button'}
      onClick={onClick}
      disabled={pending}
    >
      {pending ? t('common.sending') : label}
    </button>
  );
}
