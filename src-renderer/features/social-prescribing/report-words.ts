import { formatHundredths } from '../../../src-shared/domain/outcome-measures';
import { countWords } from './directory-words';

/** The first day of the UK financial year (1 April to 31 March) that holds an ISO date. */
export function financialYearStart(isoDate: string): string {
  const [year = 0, month = 0] = isoDate.split('-').map(Number);
  return `${month >= 4 ? year : year - 1}-04-01`;
}


/** "3 hours 5 minutes", "1 hour", "45 minutes". */
export function hoursAndMinutes(totalMinutes: number): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return countWords(minutes, 'minute', 'minutes');
  return minutes === 0 ? countWords(hours, 'hour', 'hours') : `${countWords(hours, 'hour', 'hours')} ${countWords(minutes, 'minute', 'minutes')}`;
}

/** A change in hundredths with its sign: "+2.13", "−0.50", "0.00". */
export function signedHundredths(hundredths: number): string {
  return `${hundredths > 0 ? '+' : ''}${formatHundredths(hundredths)}`;
}

/** A whole-number change with its sign: "+2", "−3", "0". */
export function signedWhole(value: number): string {
  if (value === 0) return '0';
  return value > 0 ? `+${value.toLocaleString('en-GB')}` : `−${(-value).toLocaleString('en-GB')}`;
}

/**
 * Each person's change (hundredths) counted by whole points, rounded half away from zero, from
 * the lowest to the highest with the empty points between, so the spread is shown as it is.
 */
export function changeBins(changes: readonly number[]): { change: number; people: number }[] {
  if (changes.length === 0) return [];
  const points = changes.map((c) => Math.sign(c) * Math.round(Math.abs(c) / 100) || 0);
  const lowest = Math.min(...points);
  const highest = Math.max(...points);
  const bins: { change: number; people: number }[] = [];
  for (let change = lowest; change <= highest; change++) bins.push({ change, people: points.filter((p) => p === change).length });
  return bins;
}
