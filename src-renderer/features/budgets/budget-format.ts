import { formatPence } from '../../../src-shared/format';

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

function monthDate(month: string): Date | null {
  const [year, monthNumber] = month.split('-').map(Number);
  return year && monthNumber ? new Date(Date.UTC(year, monthNumber - 1, 1)) : null;
}

/** "2026-04" → "April 2026". */
export function formatMonth(month: string): string {
  const date = monthDate(month);
  return date ? monthFormat.format(date) : month;
}

/** "2026-04" → "Apr", for a chart's axis, where the year is in the chart's description. */
export function formatShortMonth(month: string): string {
  const date = monthDate(month);
  return date ? shortMonthFormat.format(date) : month;
}

/** A difference in words, so it never rests on colour: "£600.00 over", "£25.00 under", "On plan". */
export function differenceWords(overPence: number): string {
  if (overPence > 0) return `${formatPence(overPence)} over`;
  if (overPence < 0) return `${formatPence(-overPence)} under`;
  return 'On plan';
}

/**
 * An axis label: whole pounds without pence ("£2,500"), otherwise the exact amount. The chart's
 * scale can pick values that are not whole pence; those are shown as they are, never rounded.
 */
export function formatAxisPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) return '';
  return pence % 100 === 0 ? formatPence(pence).slice(0, -3) : formatPence(pence);
}
