import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, formatDate, formatDateTime, formatPence, isoDateInLondon } from '../../src-shared/format';

describe('formatDate', () => {
  it('writes ISO dates the British way, whatever the machine time zone', () => {
    expect(formatDate('2026-11-23')).toBe('23 November 2026');
    expect(formatDate('1950-01-01')).toBe('1 January 1950');
    expect(formatDate('2024-02-29')).toBe('29 February 2024');
    expect(formatDate('1999-12-31')).toBe('31 December 1999');
  });

  it('leaves text that is not a date as it was', () => {
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate('')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('shows UK local time, summer and winter', () => {
    expect(formatDateTime('2026-07-01T13:05:00Z')).toBe('1 Jul 2026, 14:05'); // BST
    expect(formatDateTime('2026-01-15T13:05:00Z')).toBe('15 Jan 2026, 13:05'); // GMT
  });

  it('leaves text that is not a timestamp as it was', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('isoDateInLondon', () => {
  it('gives the UK calendar date, which differs from UTC late on a summer evening', () => {
    expect(isoDateInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(isoDateInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('formatPence', () => {
  it('shows pounds and pence with thousands separators', () => {
    expect(formatPence(0)).toBe('£0.00');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(99)).toBe('£0.99');
    expect(formatPence(100)).toBe('£1.00');
    expect(formatPence(123450)).toBe('£1,234.50');
    expect(formatPence(100000000)).toBe('£1,000,000.00');
    expect(formatPence(123456789)).toBe('£1,234,567.89');
  });

  it('shows a negative amount with a minus sign before the pound sign', () => {
    expect(formatPence(-5)).toBe('−£0.05');
    expect(formatPence(-123450)).toBe('−£1,234.50');
  });

  it('refuses anything but a whole number of pence', () => {
    expect(() => formatPence(1.5)).toThrow(/whole number of pence/);
    expect(() => formatPence(Number.NaN)).toThrow();
    expect(() => formatPence(Number.MAX_SAFE_INTEGER + 2)).toThrow();
  });

  it('round-trips: the digits shown are the pence given', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (pence) => {
        const shown = formatPence(pence);
        expect(shown).toMatch(/^−?£\d{1,3}(,\d{3})*\.\d{2}$/);
        const back = Number(shown.replace(/[£,.]/g, '').replace('−', '-'));
        expect(back).toBe(pence === 0 ? 0 : pence);
      }),
    );
  });
});

describe('ageOn', () => {
  it('counts whole years, turning over on the birthday itself', () => {
    expect(ageOn('1950-03-27', '2026-03-26')).toBe(75);
    expect(ageOn('1950-03-27', '2026-03-27')).toBe(76);
    expect(ageOn('1950-03-27', '2026-03-28')).toBe(76);
    expect(ageOn('1950-03-27', '2026-02-28')).toBe(75);
    expect(ageOn('1950-03-27', '2026-04-01')).toBe(76);
    expect(ageOn('2026-05-01', '2026-05-01')).toBe(0);
  });

  it('for someone born on 29 February, counts the birthday from 1 March in other years', () => {
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2000-02-29', '2028-02-28')).toBe(27);
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28);
  });

  it('is not a number for text that is not a date', () => {
    expect(ageOn('unknown', '2026-01-01')).toBeNaN();
    expect(ageOn('2000-01-01', '')).toBeNaN();
  });
});
