// Turns zod issues into FieldIssues, the shape sent to and shown by the client. Server and client
// both use this, so a form checked in the browser says exactly what the server would.
import type { FieldIssue } from './errors.ts';

export type ZodLikeIssue = {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
};

/** A schema's own message written as a key (e.g. `org_number_check_digit`) names the problem exactly. */
const MESSAGE_KEY = /^[a-z][a-z_]+$/;

export function toFieldIssue(issue: ZodLikeIssue): FieldIssue {
  const code = MESSAGE_KEY.test(issue.message) ? issue.message : issue.code;
  const fieldIssue: FieldIssue = { path: issue.path.map(String).join('.'), code };
  if (issue.code === 'too_small' && issue.minimum !== undefined) fieldIssue.minimum = Number(issue.minimum);
  if (issue.code === 'too_big' && issue.maximum !== undefined) fieldIssue.maximum = Number(issue.maximum);
  if (issue.code === 'invalid_format' && issue.format !== undefined) fieldIssue.format = issue.format;
  return fieldIssue;
}
