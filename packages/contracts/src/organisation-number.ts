// Swedish organisation numbers (organisationsnummer): 10 digits, written NNNNNN-NNNN, the last digit
// a Luhn check digit over the first nine.
import { z } from 'zod';

export function hasValidLuhnCheckDigit(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // From the right, every second digit is doubled; here the string has even length, so even indexes.
    let value = Number(digits[i]);
    if (i % 2 === digits.length % 2) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return sum % 10 === 0;
}

/** Accepts "556677-8899" or "5566778899"; yields the 10 digits. */
export const orgNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{6}-?\d{4}$/, { error: 'org_number_format' })
  .transform((value) => value.replace('-', ''))
  .refine(hasValidLuhnCheckDigit, { error: 'org_number_check_digit' });

export function formatOrgNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}
