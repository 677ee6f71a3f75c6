// The fields of a research facility's opportunity, for publishing one and for editing it (then
// filled with the text as it is, with a note of why it changes). Checked with the server's schema.
import { useState } from 'react';
import type { UseMutationOptions } from '@tanstack/react-query';
import type { ArenaId } from '@dialogforum/contracts';
import { arenaOptions } from '../arena-names.ts';
import { FormAlert, SelectField, SendButton, TextArea, TextField } from '../ui/form-fields.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import type { SafeParsable } from '../form-validation.ts';
import { useConsortiaText } from './consortia-text.ts';

export type OpportunityValues = { title: string; facility: string; description: string; expectedAt: string; arenaId: ArenaId; note: string };

/** What the form sends: the fields, an empty date as none; the note only when editing. */
export type OpportunityFields = Omit<OpportunityValues, 'expectedAt' | 'note'> & { expectedAt: string | null; note?: string };

export function OpportunityForm<TData, TError, TVariables, TChecked extends TVariables>({
  formId,
  initial,
  withNote,
  schema,
  mutation,
  toInput,
  submitLabel,
  onCancel,
}: {
  formId: string;
  initial: OpportunityValues;
  withNote: boolean;
  schema: SafeParsable<TChecked>;
  mutation: UseMutationOptions<TData, TError, TVariables, unknown>;
  toInput: (fields: OpportunityFields) => unknown;
  submitLabel: string;
  onCancel?: () => void;
}) {
  const { c, t, lang } = useConsortiaText();
  const [values, setValues] = useState(initial);
  const set = (name: keyof OpportunityValues) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const fields = ['title', 'facility', 'arenaId', 'expectedAt', 'description', ...(withNote ? ['note'] : [])];
  const form = useFormSubmission({ formId, fields, schema, mutation });
  const { note, ...rest } = values;
  return (
    <form className="form" id={formId} noValidate aria-label={submitLabel}
      onSubmit={(event) => form.submit(event, toInput({ ...rest, expectedAt: values.expectedAt || null, ...(withNote ? { note: note.trim() } : {}) }))}>
      <FormAlert message={form.formError} />
      <TextField formId={formId} name="title" label={c('oppTitle')} issue={form.errors.title} value={values.title} maxLength={200} autoComplete="off" onChange={set('title')} />
      <TextField formId={formId} name="facility" label={c('oppFacility')} issue={form.errors.facility} value={values.facility} maxLength={120} onChange={set('facility')} />
      <SelectField formId={formId} name="arenaId" label={c('arena')} issue={form.errors.arenaId} value={values.arenaId} onChange={set('arenaId')}>
        {arenaOptions(lang).map((arena) => (
          <option key={arena.id} value={arena.id}>
            {arena.name}
          </option>
        ))}
      </SelectField>
      <TextField formId={formId} name="expectedAt" type="date" label={c('oppExpected')} issue={form.errors.expectedAt} value={values.expectedAt} onChange={set('expectedAt')} />
      <TextArea formId={formId} name="description" label={c('oppDescription')} issue={form.errors.description} value={values.description} maxLength={20000} onChange={set('description')} />
      {withNote && <TextField formId={formId} name="note" label={c('editNote')} issue={form.errors.note} value={values.note} maxLength={300} onChange={set('note')} />}
      <div className="form-actions">
        <SendButton pending={form.isPending} label={submitLabel} />
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
