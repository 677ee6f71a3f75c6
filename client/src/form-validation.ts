// Checks a form with the same zod schema the server enforces, and turns the outcome into
// FieldIssues (the shape the server sends), keyed by field name for display next to each field.
import type { FieldIssue } from '@dialogforum/contracts';

type ZodLikeIssue = {
  code: string;
  path: PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
};

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

// The same mapping as the server's error formatter, so both produce identical messages.
function toFieldIssue(issue: ZodLikeIssue): FieldIssue {
  const fieldIssue: FieldIssue = { path: issue.path.map(String).join('.'), code: issue.code };
  if (issue.code === 'too_small' && issue.minimum !== undefined) fieldIssue.minimum = Number(issue.minimum);
  if (issue.code === 'too_big' && issue.maximum !== undefined) fieldIssue.maximum = Number(issue.maximum);
  if (issue.code === 'invalid_format' && issue.format !== undefined) fieldIssue.format = issue.format;
  return fieldIssue;
}

/** The first issue of each field; issues without a field path go under "". */
export function byField(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (!errors[issue.path]) errors[issue.path] = issue;
  }
  return errors;
}
