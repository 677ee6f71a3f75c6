// Checks a form with the same zod schema the server enforces, and turns the outcome into
// FieldIssues (the shape the server sends), keyed by field name for display next to each field.
import { toFieldIssue, type FieldIssue, type ZodLikeIssue } from '@dialogforum/contracts';

export type SafeParsable<T> = {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ZodLikeIssue[] } };
};

export type FieldErrors = Partial<Record<string, FieldIssue>>;

export type Validation<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

export function validate<T>(schema: SafeParsable<T>, values: unknown): Validation<T> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, issues: result.error.issues.map(toFieldIssue) };
}


/** The first issue of each field; issues without a field path go under "". */
export function byField(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (!errors[issue.path]) errors[issue.path] = issue;
  }
  return errors;
}
