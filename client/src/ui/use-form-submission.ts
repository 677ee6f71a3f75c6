// Sending a form: its values are checked in the browser with the same zod schema the server
// enforces, and only valid values are sent. A refusal, from the browser or from the server, shows
// the same way: each issue next to its field, the server's reason in words above the form, and
// focus on the first invalid field in the order the form lists its fields.
import { useState, type FormEvent } from 'react';
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import type { FieldIssue } from '@dialogforum/contracts';
import { appErrorCode, describeError, fieldIssuesOf, type ClientErrorCode } from '../app-error.ts';
import { byField, validate, type SafeParsable } from '../form-validation.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { focusFirstInvalid } from './form-fields.tsx';

/** A form's own words for a refusal, where the general sentence would mislead. */
export type Explanation = { message: string; issues?: FieldIssue[] };

export function useFormSubmission<TData, TError, TVariables, TContext, TChecked extends TVariables>({
  formId,
  fields,
  schema,
  mutation,
  explain,
}: {
  formId: string;
  /** The form's field names in the order it shows them. */
  fields: readonly string[];
  /** The server's input schema, checked before sending. */
  schema: SafeParsable<TChecked>;
  /** The tRPC mutation that sends the checked values, with the form's success action. */
  mutation: UseMutationOptions<TData, TError, TVariables, TContext>;
  /**
   * Optional: the form's own message (and field issues) for some error codes, e.g. "the current
   * password is wrong" instead of "wrong e-mail address or password". Undefined keeps the default.
   */
  explain?: (code: ClientErrorCode) => Explanation | undefined;
}) {
  const i18n = useI18n();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<ClientErrorCode | null>(null);

  const showIssues = (found: FieldIssue[]) => {
    setIssues(found);
    focusFirstInvalid(formId, fields, byField(found));
  };

  const send = useMutation({
    ...mutation,
    onSuccess: (...args) => {
      setIssues([]);
      setFormError(null);
      setErrorCode(null);
      return mutation.onSuccess?.(...args);
    },
    onError: (error) => {
      // The form keeps the reader's values, so nothing typed is lost.
      const code = appErrorCode(error);
      const own = explain?.(code);
      setErrorCode(code);
      setFormError(own?.message ?? describeError(error, i18n));
      showIssues([...fieldIssuesOf(error), ...(own?.issues ?? [])]);
    },
  });

  /** The form's onSubmit: `input` is what the schema checks (the values, plus e.g. the dialogue's id). */
  const submit = (event: FormEvent, input: unknown) => {
    event.preventDefault();
    setFormError(null);
    setErrorCode(null);
    const checked = validate(schema, input);
    if (!checked.ok) {
      showIssues(checked.issues);
      return;
    }
    setIssues([]);
    send.mutate(checked.data);
  };

  return {
    submit,
    errors: byField(issues),
    formError,
    /** The code of the server's last refusal, for forms that show some refusals as their own state. */
    errorCode,
    isPending: send.isPending,
    isSuccess: send.isSuccess,
    reset: () => {
      send.reset();
      setIssues([]);
      setFormError(null);
      setErrorCode(null);
    },
  };
}
