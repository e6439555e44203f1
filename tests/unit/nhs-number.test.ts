import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatNhsNumber,
  isTestRangeNhsNumber,
  isValidNhsNumber,
  nhsCheckDigit,
  nhsNumberProblem,
  normaliseNhsNumber,
} from '../../src-shared/domain/nhs-number';
import { nhsNumberSource, testNhsNumber, testNhsNumbers } from '../fixtures/nhs-numbers';

/** Modulus 11 written out independently of the code under test, straight from the published rule. */
function referenceCheckDigit(firstNine: string): number | null {
  const sum = [...firstNine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? null : check;
}

const nineDigits = fc.stringMatching(/^\d{9}$/);

describe('NHS number', () => {
  it('accepts the published valid example', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(nhsNumberProblem('9434765919')).toBeNull();
    expect(nhsCheckDigit('943476591')).toBe(9);
  });

  it('rejects a wrong check digit', () => {
    expect(nhsNumberProblem('9434765918')).toBe('check-digit');
    for (let d = 0; d <= 9; d++) {
      if (d !== 9) expect(isValidNhsNumber(`943476591${d}`)).toBe(false);
    }
  });

  it('computes check digits worked out by hand in the test range', () => {
    // 9×10 + 9×9 + 9×8 = 243; 243 mod 11 = 1; 11 − 1 = 10 → no check digit works.
    expect(nhsCheckDigit('999000000')).toBeNull();
    // 243 + 1×2 = 245; 245 mod 11 = 3; 11 − 3 = 8.
    expect(nhsCheckDigit('999000001')).toBe(8);
    expect(isValidNhsNumber('9990000018')).toBe(true);
    // 243 + 5×2 = 253 = 11 × 23; 11 − 0 = 11, which becomes 0.
    expect(nhsCheckDigit('999000005')).toBe(0);
    expect(isValidNhsNumber('9990000050')).toBe(true);
  });

  it('finds no check digit when the remainder gives 10', () => {
    expect(nhsCheckDigit('999000000')).toBeNull();
    for (let d = 0; d <= 9; d++) {
      expect(nhsNumberProblem(`999000000${d}`)).toBe('check-digit');
      expect(isValidNhsNumber(`999000000${d}`)).toBe(false);
    }
  });

  it('agrees with the published rule for any nine digits', () => {
    fc.assert(
      fc.property(nineDigits, (firstNine) => {
        expect(nhsCheckDigit(firstNine)).toBe(referenceCheckDigit(firstNine));
      }),
    );
  });

  it('catches every single mistyped digit and every swap of two neighbouring different digits', () => {
    const validNumber = nineDigits
      .filter((firstNine) => referenceCheckDigit(firstNine) !== null)
      .map((firstNine) => `${firstNine}${referenceCheckDigit(firstNine)}`);
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (number, position, change) => {
        expect(isValidNhsNumber(number)).toBe(true);
        const digits = [...number];
        digits[position] = String((Number(digits[position]) + change) % 10);
        expect(isValidNhsNumber(digits.join(''))).toBe(false);
      }),
    );
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 8 }), (number, position) => {
        const digits = [...number];
        fc.pre(digits[position] !== digits[position + 1]);
        [digits[position], digits[position + 1]] = [digits[position + 1]!, digits[position]!];
        expect(isValidNhsNumber(digits.join(''))).toBe(false);
      }),
    );
  });

  it('accepts spaces and hyphens between the groups', () => {
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(isValidNhsNumber(' 943 476 5919 ')).toBe(true);
    expect(isValidNhsNumber('943\t476\u00a05919')).toBe(true);
    expect(normaliseNhsNumber('943 476-5919')).toBe('9434765919');
  });

  it('refuses nine or eleven digits, letters and empty input as not ten digits', () => {
    expect(nhsNumberProblem('943476591')).toBe('not-ten-digits');
    expect(nhsNumberProblem('94347659190')).toBe('not-ten-digits');
    expect(nhsNumberProblem('943 476 59190')).toBe('not-ten-digits');
    expect(nhsNumberProblem('94347659I9')).toBe('not-ten-digits');
    expect(nhsNumberProblem('ABC4765919')).toBe('not-ten-digits');
    expect(nhsNumberProblem('943.476.5919')).toBe('not-ten-digits');
    expect(nhsNumberProblem('')).toBe('not-ten-digits');
    expect(isValidNhsNumber('943476591')).toBe(false);
  });

  it('nhsCheckDigit insists on exactly nine digits', () => {
    expect(() => nhsCheckDigit('94347659')).toThrow(/nine digits/);
    expect(() => nhsCheckDigit('9434765919')).toThrow(/nine digits/);
    expect(() => nhsCheckDigit('94347659x')).toThrow(/nine digits/);
  });

  it('formats 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
    expect(formatNhsNumber('94 34 76 59 19')).toBe('943 476 5919');
  });

  it('leaves anything that is not ten digits as it was typed', () => {
    expect(formatNhsNumber('943476591')).toBe('943476591');
    expect(formatNhsNumber('943 476 59190')).toBe('943 476 59190');
  });

  it('knows the reserved test range 999 000 0000 – 999 999 9999', () => {
    expect(isTestRangeNhsNumber('9990000018')).toBe(true);
    expect(isTestRangeNhsNumber('999 000 0018')).toBe(true);
    expect(isTestRangeNhsNumber('999-999-9999')).toBe(true);
    expect(isTestRangeNhsNumber('9434765919')).toBe(false);
  });
});

describe('test NHS number fixtures', () => {
  it('give only valid numbers in the test range, distinct and with the asked prefix', () => {
    const numbers = testNhsNumbers(50, '999123');
    expect(new Set(numbers).size).toBe(50);
    for (const number of numbers) {
      expect(number).toMatch(/^999123\d{4}$/);
      expect(isValidNhsNumber(number)).toBe(true);
      expect(isTestRangeNhsNumber(number)).toBe(true);
    }
    expect(testNhsNumber()).toBe('9990000018');
  });

  it('a source never repeats a number', () => {
    const next = nhsNumberSource('99977');
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const number = next();
      expect(isValidNhsNumber(number)).toBe(true);
      expect(number.startsWith('99977')).toBe(true);
      seen.add(number);
    }
    expect(seen.size).toBe(200);
  });

  it('refuse a prefix outside the test range', () => {
    expect(() => testNhsNumbers(1, '943')).toThrow(/999/);
  });
});
