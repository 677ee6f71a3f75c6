import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'df_session';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The store keeps only this, so a leaked database holds no usable session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
