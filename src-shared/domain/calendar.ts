/**
 * Calendar arithmetic on ISO dates ("2026-01-31"), in whole days and months, in UTC so no time
 * zone or clock change can move a date.
 */

function parts(isoDate: string): [number, number, number] {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) throw new RangeError(`Not an ISO date: ${isoDate}`);
  return [year, month, day];
}

/** Months later (or earlier), keeping the day where it exists, else the month's last day: 31 Jan + 1 month is 28 or 29 Feb. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = parts(isoDate);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = parts(isoDate);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from one date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}
