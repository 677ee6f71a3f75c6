import type { AppErrorCode } from '@dialogforum/contracts';

/**
 * A refusal the user should understand. The router turns it into a tRPC error carrying `appCode`,
 * which the client translates; `message` is English, for logs and API users.
 */
export class AppError extends Error {
  constructor(
    readonly appCode: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
