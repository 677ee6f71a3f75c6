// One form for small acts (answer, comment, publish, redact, correct, flag, hide, lock, cancel a
// session …): its fields are Markdown, a line, or a reason; it is checked with the server's own
// schema before sending; a refusal keeps what was typed and says why above the form.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { UseMutationOptions } from '@tanstack/react-query';
import type { DialogueView } from '@dialogforum/contracts';
import { LateAnswerNotice, useLateAnswer } from '../dialogues/late-answer-notice.tsx';
import { FormAlert, TextArea, TextField } from './form-fields.tsx';
import { MarkdownField } from './markdown-field.tsx';
import { useFormSubmission } from './use-form-submission.ts';
import type { SafeParsable } from '../form-validation.ts';
import { useI18n } from '../i18n/i18n.tsx';

export type ActionField = {
  name: string;
  kind: 'markdown' | 'line' | 'reason';
  label: string;
  hint?: string;
  initial?: string;
  maxLength?: number;
};

export function ActionForm<TData, TError, TVariables, TChecked extends TVariables>({
  formId,
  fields,
  schema,
  mutation,
  input,
  submitLabel,
  intro,
  onCancel,
  supplementary,
  extra,
  busy = false,
}: {
  formId: string;
  fields: ActionField[];
  schema: SafeParsable<TChecked>;
  mutation: UseMutationOptions<TData, TError, TVariables, unknown>;
  /** The input the schema checks, from the fields' values (plus ids). */
  input: (values: Record<string, string>) => unknown;
  submitLabel: string;
  /** What the act means, said before the fields (e.g. that a private answer is recorded with its reason). */
  intro?: string;
  onCancel: () => void;
  /**
   * The dialogue, when what the form sends reaches its suppliers as supplementary information (an
   * answer, a correction): after the statutory cut-off the form warns and offers to extend the
   * tender deadline first.
   */
  supplementary?: DialogueView;
  /** More than text, after the fields (the files an answer is published with). */
  extra?: ReactNode;
  /** Something the input needs is not ready yet (a file still uploading): sending waits. */
  busy?: boolean;
}) {
  const { t } = useI18n();
  const late = useLateAnswer(supplementary ?? null);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.name, field.initial ?? ''])));
  const form = useFormSubmission({ formId, fields: fields.map((field) => field.name), schema, mutation });
  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const send = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (!(late.active && submitter instanceof HTMLElement && submitter.dataset.extend === 'true')) {
      form.submit(event, input(values));
      return;
    }
    // Extend first, then send: the answer goes out with the new deadline already announced.
    event.preventDefault();
    void late.extend().then((extended) => {
      if (extended) form.submit({ preventDefault() {} } as FormEvent, input(values));
    });
  };

  return (
    <form className="form action-form" id={formId} onSubmit={(event) => send(event)} noValidate>
      {intro ? <p className="field-hint">{intro}</p> : null}
      <FormAlert message={form.formError} />
      {fields.map((field, index) => {
        const common = { formId, name: field.name, label: field.label, issue: form.errors[field.name], autoFocus: index === 0 };
        if (field.kind === 'markdown') {
          return <MarkdownField key={field.name} {...common} hint={field.hint} value={values[field.name] ?? ''} onChange={(value) => set(field.name, value)} />;
        }
        if (field.kind === 'reason') {
          return (
            <TextArea
              key={field.name}
              {...common}
              hint={field.hint}
              rows={3}
              value={values[field.name] ?? ''}
              onChange={(event) => set(field.name, event.target.value)}
            />
          );
        }
        return (
          <TextField
            key={field.name}
            {...common}
            hint={field.hint}
            maxLength={field.maxLength}
            autoComplete="off"
            value={values[field.name] ?? ''}
            onChange={(event) => set(field.name, event.target.value)}
          />
        );
      })}
      {extra}
      {supplementary && <LateAnswerNotice formId={formId} dialogue={supplementary} late={late} />}
      <div className="form-actions">
        {late.active && (
          <button type="submit" className="button" data-extend="true" disabled={form.isPending || late.extending || busy}>
            {t('statutory.extendAndSend')}
          </button>
        )}
        <button type="submit" className={late.active ? 'button button-secondary' : 'button'} disabled={form.isPending || busy}>
          {form.isPending ? t('common.sending') : late.active ? t('statutory.sendAnyway') : submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
