import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetSchema } from '../../src-shared/contract';
import { addDays, addMonths, daysBetween } from '../../src-shared/domain/calendar';
import {
  formatHundredths,
  ons4AnxietyBand,
  ons4Band,
  ons4Change,
  swemwbsScore,
  swemwbsStatements,
} from '../../src-shared/domain/outcome-measures';
import { applicableRuleKeys, reviewBucket, reviewLimit, type ReviewRule } from '../../src-shared/domain/review-due';

const defaults: ReviewRule[] = [
  { key: 'direct-payment', firstMonths: 3, thenMonths: 12 },
  { key: 'third-party', firstMonths: 6, thenMonths: 12 },
  { key: 'notional', firstMonths: 6, thenMonths: 12 },
  { key: 'no-budget', firstMonths: 12, thenMonths: 12 },
];

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('calendar months', () => {
  it('keep the day, or fall back to the month’s last day: 31 January, leap years, 29 February', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('for any date and months: later, within the target month, never past its end, the day kept when it exists', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 36 }), (date, months) => {
        const later = addMonths(date, months);
        expect(later >= date).toBe(true);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [ly, lm, ld] = later.split('-').map(Number) as [number, number, number];
        expect((ly - y) * 12 + (lm - m)).toBe(months);
        const monthLength = new Date(Date.UTC(ly, lm, 0)).getUTCDate();
        expect(ld).toBe(Math.min(d, monthLength));
        expect(daysBetween(date, addDays(date, 45))).toBe(45);
      }),
    );
  });
});

describe('when a review falls due', () => {
  const part = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const budget = (kinds: ('notional' | 'direct-payment')[]) =>
    budgetSchema.parse({
      parts: kinds.map((kind, i) => ({
        id: i === 0 ? part : `1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5${i}`,
        funder: 'chc',
        amountPence: 0,
        holding: kind === 'notional' ? { kind } : { kind, recipient: 'person' },
      })),
    });

  it('a direct payment: three months after first agreement, then twelve after each review', () => {
    const keys = applicableRuleKeys(budget(['direct-payment']));
    expect(keys).toEqual(['direct-payment']);
    expect(reviewLimit(defaults, keys, { firstAgreedOn: '2026-11-30', lastReviewedOn: null })).toBe('2027-02-28');
    expect(reviewLimit(defaults, keys, { firstAgreedOn: '2026-11-30', lastReviewedOn: '2027-02-20' })).toBe('2028-02-20');
  });

  it('a mixed budget follows the strictest rule; a plan without a budget has its own', () => {
    expect(applicableRuleKeys(budget(['notional', 'direct-payment']))).toEqual(['direct-payment', 'notional']);
    expect(reviewLimit(defaults, ['direct-payment', 'notional'], { firstAgreedOn: '2026-01-10', lastReviewedOn: null })).toBe('2026-04-10');
    expect(applicableRuleKeys(null)).toEqual(['no-budget']);
    expect(applicableRuleKeys(budgetSchema.parse({}))).toEqual(['no-budget']);
    expect(reviewLimit(defaults, ['no-budget'], { firstAgreedOn: '2028-02-29', lastReviewedOn: null })).toBe('2029-02-28');
  });

  it('for any dates the limit is after the date it counts from, and never later than the rule allows', () => {
    fc.assert(
      fc.property(isoDate, fc.option(isoDate, { nil: null }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), (agreed, reviewed, first, then) => {
        const rules: ReviewRule[] = [{ key: 'notional', firstMonths: first, thenMonths: then }];
        const limit = reviewLimit(rules, ['notional'], { firstAgreedOn: agreed, lastReviewedOn: reviewed });
        const from = reviewed ?? agreed;
        const months = reviewed ? then : first;
        expect(limit > from).toBe(true);
        expect(limit <= addDays(addMonths(from, months), 0)).toBe(true);
        expect(daysBetween(from, limit)).toBeLessThanOrEqual(months * 31);
        expect(daysBetween(from, limit)).toBeGreaterThanOrEqual(months * 28);
      }),
    );
  });

  it('buckets: overdue before today, due soon up to fourteen days on, upcoming after', () => {
    expect(reviewBucket('2026-11-23', '2026-11-24')).toBe('overdue');
    expect(reviewBucket('2026-11-24', '2026-11-24')).toBe('due-soon');
    expect(reviewBucket('2026-12-08', '2026-11-24')).toBe('due-soon');
    expect(reviewBucket('2026-12-09', '2026-11-24')).toBe('upcoming');
    expect(reviewBucket('2029-01-01', '2028-12-31')).toBe('due-soon');
  });
});

describe('ONS4 personal wellbeing', () => {
  it('bands every score as the ONS does, anxiety the other way up', () => {
    expect([0, 4, 5, 6, 7, 8, 9, 10].map(ons4Band)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'very high', 'very high']);
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(ons4AnxietyBand)).toEqual(['very low', 'very low', 'low', 'low', 'medium', 'medium', 'high', 'high']);
  });

  it('a fall in anxiety is better; a fall in happiness is worse', () => {
    expect(ons4Change('anxiety', 8, 5)).toEqual({ difference: -3, direction: 'better' });
    expect(ons4Change('happiness', 8, 5)).toEqual({ difference: -3, direction: 'worse' });
    expect(ons4Change('worthwhile', 4, 4)).toEqual({ difference: 0, direction: 'no change' });
  });
});

describe('SWEMWBS', () => {
  it('converts every raw score from 7 to 35 with the published table', () => {
    const published = [
      '7.00', '9.51', '11.25', '12.40', '13.33', '14.08', '14.75', '15.32', '15.84', '16.36', '16.88', '17.43', '17.98', '18.59', '19.25',
      '19.98', '20.73', '21.54', '22.35', '23.21', '24.11', '25.03', '26.02', '27.03', '28.13', '29.31', '30.70', '32.55', '35.00',
    ];
    for (let raw = 7; raw <= 35; raw++) {
      // Seven answers adding up to `raw`.
      const items = Array.from({ length: 7 }, (_, i) => 1 + Math.min(4, Math.max(0, raw - 7 - i * 4)));
      expect(items.reduce((a, b) => a + b, 0)).toBe(raw);
      const score = swemwbsScore(items);
      expect(score.raw).toBe(raw);
      expect(formatHundredths(score.metricHundredths)).toBe(published[raw - 7]);
    }
    expect(swemwbsStatements).toHaveLength(7);
  });

  it('refuses anything but seven answers of 1 to 5', () => {
    for (const items of [[1, 2, 3], [1, 2, 3, 4, 5, 5, 6], [0, 1, 1, 1, 1, 1, 1], [1.5, 1, 1, 1, 1, 1, 1]]) {
      expect(() => swemwbsScore(items)).toThrow('SWEMWBS needs an answer of 1 to 5');
    }
    expect(formatHundredths(-50)).toBe('−0.50');
  });
});
