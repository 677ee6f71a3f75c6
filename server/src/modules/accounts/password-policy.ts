// Refuses passwords that appear in breach corpora. The list ships with the product (the
// zxcvbn-ts common-password dictionary, ~49k entries, from public breach data); no password is
// ever sent anywhere to be checked.
import { dictionary } from '@zxcvbn-ts/language-common';

let commonPasswords: Set<string> | null = null;

function common(): Set<string> {
  commonPasswords ??= new Set((dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()));
  return commonPasswords;
}

/**
 * True when the password is a known common one, or one with digits and symbols stuck on its end
 * ("Password12345!", "sommar2024!!!"), or the same few characters repeated.
 */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  if (common().has(lowered)) return true;
  const core = lowered.replace(/[\d\W_]+$/u, '');
  if (core.length >= 4 && common().has(core)) return true;
  return new Set(lowered).size <= 3;
}
