import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hundredthsAsText, parseHundredths, parsePence, penceAsText } from '../../src-shared/domain/money-text';
import { formatPence } from '../../src-shared/format';

describe('money typed as text', () => {
  it('reads pounds and pence from the digits, never through floating point', () => {
    expect(parsePence('£1,234.50')).toBe(123_450);
    expect(parsePence('15.5')).toBe(1550);
    expect(parsePence('0.29')).toBe(29);
    expect(parsePence('  £ 12 ')).toBe(1200);
    expect(parsePence('.5')).toBe(50);
    for (const bad of ['', '£', '1.234', '12.3.4', 'ten', '-5', '1e3', '12,34.5x']) expect(parsePence(bad), bad).toBeNull();
  });

  it('quantities to two decimal places as hundredths', () => {
    expect([parseHundredths('10'), parseHundredths('7.5'), parseHundredths('7.25'), parseHundredths('0')]).toEqual([1000, 750, 725, 0]);
    expect(parseHundredths('7.255')).toBeNull();
    expect([1000, 750, 725, 5].map(hundredthsAsText)).toEqual(['10', '7.5', '7.25', '0.05']);
  });

  it('any amount written back into a field reads back the same, and matches how it is shown', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (pence) => {
        expect(parsePence(penceAsText(pence))).toBe(pence);
        expect(parsePence(formatPence(pence))).toBe(pence);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (hundredths) => {
        expect(parseHundredths(hundredthsAsText(hundredths))).toBe(hundredths);
      }),
    );
  });
});
