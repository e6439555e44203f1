/**
 * Typed amounts and quantities to whole numbers and back, by reading the digits as text: "15.5"
 * is the digits "15" and "50", so 1550 pence. Never `parseFloat` and × 100, which turns 0.29 into
 * 28.999…; money is integer pence everywhere (see src-shared/format.ts).
 */

/** Digits, an optional decimal point and at most two decimals: "1234", "1234.5", ".50". */
const decimalText = /^(\d*)(?:\.(\d{0,2}))?$/;
/** More digits than this could not be a budget's amount and would lose precision as a number. */
const maxDigits = 15;

/** "£1,234.50", "1234.5", "15" → pence; null when it is not an amount of money (or is empty). */
export function parsePence(text: string): number | null {
  // People type the pound sign, thousands commas and spaces; none of them changes the amount.
  const cleaned = text.trim().replace(/^£/, '').replace(/[,\s]/g, '');
  return parseHundredths(cleaned);
}

/** "10", "7.5", "7.25" → hundredths (1000, 750, 725); null when not a number with at most two decimals. */
export function parseHundredths(text: string): number | null {
  const match = decimalText.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return null;
  const digits = `${whole}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > maxDigits) return null;
  return Number(digits);
}

/** Pence as it is typed back into a field: 123450 → "1,234.50". */
export function penceAsText(pence: number): string {
  const pounds = Math.trunc(pence / 100);
  return `${pounds.toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;
}

/** Hundredths as a quantity: 1000 → "10", 750 → "7.5", 725 → "7.25". */
export function hundredthsAsText(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const fraction = String(hundredths % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Pence from text, or NaN: the contract's schema then says what to enter, in its own words. */
export function penceOrNaN(text: string): number {
  return parsePence(text) ?? Number.NaN;
}
