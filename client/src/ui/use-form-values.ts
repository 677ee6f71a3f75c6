// A form's values, and the wiring of a field to one of them: its form, name, value, change and issue.
// Written once here, so a form lists only what differs from field to field (label, hint, type).
import { useState, type ChangeEvent } from 'react';
import type { FieldErrors } from '../form-validation.ts';

export function useFormValues<V extends Record<string, string>>(formId: string, initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((current) => ({ ...current, [key]: value }));
  return {
    values,
    set,
    setValues,
    /** A TextField's, TextArea's or SelectField's wiring to the value `name`. */
    text: <K extends keyof V & string>(name: K, errors: FieldErrors) => ({
      formId,
      name,
      issue: errors[name],
      value: values[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => set(name, event.target.value as V[K]),
    }),
    /** A RadioGroup's or MarkdownField's wiring to the value `name`: they hand over the value itself. */
    choice: <K extends keyof V & string>(name: K, errors: FieldErrors) => ({
      formId,
      name,
      issue: errors[name],
      value: values[name],
      onChange: (value: V[K]) => set(name, value),
    }),
  };
}
