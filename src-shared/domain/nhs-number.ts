/**
 * NHS number rules: ten digits whose last is a Modulus 11 check digit.
 * Weights 10..2 over the first nine digits; check = 11 − (sum mod 11); 11 becomes 0; 10 is invalid.
 */

const weights = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Removes the spaces (and hyphens) people type between the 3-3-4 groups. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The check digit for nine leading digits, or null when no check digit can make them valid. */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new Error('nhsCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export type NhsNumberProblem = 'not-ten-digits' | 'check-digit';

/** Why a typed NHS number is not valid, or null when it is. Spaces are allowed. */
export function nhsNumberProblem(input: string): NhsNumberProblem | null {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return 'not-ten-digits';
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check !== null && check === Number(digits[9]) ? null : 'check-digit';
}

export function isValidNhsNumber(input: string): boolean {
  return nhsNumberProblem(input) === null;
}

/** Shown as 3-3-4, the way it is printed on NHS letters: "943 476 5919". */
export function formatNhsNumber(digits: string): string {
  const d = normaliseNhsNumber(digits);
  if (d.length !== 10) return digits;
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** Numbers 999 000 0000 – 999 999 9999 are never issued, so demo and test data use only these. */
export function isTestRangeNhsNumber(input: string): boolean {
  return normaliseNhsNumber(input).startsWith('999');
}
