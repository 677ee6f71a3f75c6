import type { AppErrorCode, FieldIssue } from '@dialogforum/contracts';

/**
 * A refusal the user should understand. The router turns it into a tRPC error carrying `appCode`,
 * which the client translates; `message` is English, for logs and API users.
 */
export class AppError extends Error {
  constructor(
    readonly appCode: AppErrorCode,
    message: string,
    /** Problems that belong to one field of a form, found after input validation. */
    readonly fieldIssues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
