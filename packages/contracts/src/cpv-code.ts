// CPV codes (Common Procurement Vocabulary, Regulation (EC) 2195/2002 as amended by 213/2008): eight
// digits for the subject of the contract and a check digit, written "45000000-7".
import { z } from 'zod';

// The check digit is the weighted sum of the eight digits, weights 3, 7, 1 repeating, modulo 10.
// This is what the published 2008 vocabulary follows, except for codes the Commission itself
// documents as wrongly computed in that revision (they cannot be changed now, and are real codes a
// buyer must be able to give); those are listed here by hand.
const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7] as const;
const PUBLISHED_WITH_ANOTHER_CHECK_DIGIT = new Set(['03300000-2']);

export function cpvCheckDigit(eightDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(eightDigits[i]) * (WEIGHTS[i] ?? 0);
  return sum % 10;
}

export function hasValidCpvCheckDigit(code: string): boolean {
  if (PUBLISHED_WITH_ANOTHER_CHECK_DIGIT.has(code)) return true;
  return cpvCheckDigit(code.slice(0, 8)) === Number(code.slice(9));
}

/** "45000000-7"; the hyphen may be left out ("450000007") and is put back. */
export const cpvCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{8}-?\d$/, { error: 'cpv_format' })
  .transform((value) => (value.includes('-') ? value : `${value.slice(0, 8)}-${value.slice(8)}`))
  .refine(hasValidCpvCheckDigit, { error: 'cpv_check_digit' });
