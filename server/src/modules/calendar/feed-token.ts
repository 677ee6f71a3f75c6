// Feed tokens: 32 random bytes in the URL, their SHA-256 in the store. A token is compared by its
// hash through an index lookup, so nothing about a stored token leaks through timing.
import { createHash, randomBytes } from 'node:crypto';

export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
