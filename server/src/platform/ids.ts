import { randomBytes } from 'node:crypto';

/** A new document id: 24 hex characters, unguessable, and accepted by the shared `idSchema`. */
export function newId(): string {
  return randomBytes(12).toString('hex');
}
