/** Formatting for people to read: en-GB dates and money, whatever the machine's locale. */

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "2026-11-23" → "23 November 2026". Dates are stored as ISO calendar dates. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return longDate.format(new Date(Date.UTC(year, month - 1, day)));
}

/** An ISO timestamp as UK local time: "23 Nov 2026, 14:05". */
export function formatDateTime(isoTimestamp: string): string {
  const date = new Date(isoTimestamp);
  return Number.isNaN(date.getTime()) ? isoTimestamp : dateTime.format(date);
}

/** Whole years between a date of birth and a day, both ISO calendar dates. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = onDate.split('-').map(Number);
  if (!by || !bm || !bd || !ty || !tm || !td) return Number.NaN;
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** Money is integer pence everywhere; this is the only place it becomes "£1,234.50". */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new Error('Money must be a whole number of pence');
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

// Made once: building a formatter costs far more than using one, and the date-of-birth schema asks
// for today's date on every row of an import.
const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
});

/** Today's date as an ISO calendar date in UK time. */
export function isoDateInLondon(date: Date): string {
  const parts = londonDate.formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
