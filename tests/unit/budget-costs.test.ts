import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetSchema, costFrequencies, funders, type Budget, type BudgetInput, type SpendingRestriction } from '../../src-shared/contract';
import { budgetAgreementProblems, budgetTotals, holdingSentence, itemCosts, restrictedMatches } from '../../src-shared/domain/budget-costs';
import { formatPence } from '../../src-shared/format';

const partA = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const partB = '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const budget = (input: BudgetInput): Budget => budgetSchema.parse(input);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const restrictions: SpendingRestriction[] = [
  { code: 'alcohol', label: 'Alcohol', keywords: ['alcohol', 'gin', 'wine'], active: true },
  { code: 'gambling', label: 'Gambling', keywords: ['bet', 'betting'], active: true },
  { code: 'dental', label: 'Dental treatment', keywords: ['dentist'], active: false },
];

describe('what support costs', () => {
  it('10 hours a week at £15.50 an hour: £155.00 a week, £671.67 a month, £8,060.00 a year', () => {
    const costs = itemCosts({ cost: { kind: 'recurring', unitCostPence: 1550, quantityHundredths: 1000, unit: 'hour', per: 'week' } });
    expect(costs).toEqual({ week: 15_500, month: 67_167, year: 806_000, oneOff: 0 });
    expect([costs.week, costs.month, costs.year].map(formatPence)).toEqual(['£155.00', '£671.67', '£8,060.00']);
  });

  it('a monthly therapy, a yearly fee and a one-off piece of equipment', () => {
    expect(itemCosts({ cost: { kind: 'recurring', unitCostPence: 4500, quantityHundredths: 400, unit: 'session', per: 'month' } })).toEqual({ week: 4154, month: 18_000, year: 216_000, oneOff: 0 });
    expect(itemCosts({ cost: { kind: 'recurring', unitCostPence: 9999, quantityHundredths: 100, unit: 'year', per: 'year' } })).toEqual({ week: 192, month: 833, year: 9999, oneOff: 0 });
    expect(itemCosts({ cost: { kind: 'one-off', amountPence: 249_900 } })).toEqual({ week: 0, month: 0, year: 0, oneOff: 249_900 });
  });

  it('totals per period, by funding part and by way of holding, always add up to the whole, in whole pence', () => {
    const holding = fc.oneof(
      fc.constant({ kind: 'notional' as const }),
      fc.constant({ kind: 'third-party' as const, organisation: 'Ace Support' }),
      fc.constant({ kind: 'direct-payment' as const, recipient: 'person' as const }),
    );
    const cost = fc.oneof(
      fc.record({ kind: fc.constant('one-off' as const), amountPence: fc.integer({ min: 0, max: 10_000_000 }) }),
      fc.record({
        kind: fc.constant('recurring' as const),
        unitCostPence: fc.integer({ min: 0, max: 100_000_000 }),
        quantityHundredths: fc.integer({ min: 1, max: 1_000_000 }),
        per: fc.constantFrom(...costFrequencies),
      }),
    );
    const items = fc.array(fc.record({ part: fc.constantFrom(partA, partB), holding: fc.option(holding, { nil: null }), cost }), { maxLength: 40 });
    fc.assert(
      fc.property(items, holding, holding, fc.constantFrom(...funders), (drawn, holdingA, holdingB, funder) => {
        const b = budget({
          parts: [
            { id: partA, funder, amountPence: 0, holding: holdingA },
            { id: partB, funder: 'social-care', amountPence: 0, holding: holdingB },
          ],
          items: drawn.map((item, i) => ({ id: uuid(i), category: 'other', description: `Item ${i}`, partId: item.part, holding: item.holding, cost: item.cost })),
        });
        const totals = budgetTotals(b);
        for (const period of ['week', 'month', 'year', 'oneOff'] as const) {
          const whole = totals.total[period];
          expect(Number.isSafeInteger(whole)).toBe(true);
          expect([...totals.byPart.values()].reduce((sum, c) => sum + c[period], 0)).toBe(whole);
          expect([...totals.byHolding.values()].reduce((sum, c) => sum + c[period], 0)).toBe(whole);
          expect([...totals.byItem.values()].reduce((sum, c) => sum + c[period], 0)).toBe(whole);
        }
        expect(totals.yearWithOneOffs).toBe(totals.total.year + totals.total.oneOff);
      }),
    );
  });

  it('says how far the support is over or under the indicative and agreed amounts', () => {
    const b = budget({
      indicativePence: 800_000,
      agreedPence: 900_000,
      parts: [{ id: partA, funder: 'chc', amountPence: 900_000, holding: { kind: 'notional' } }],
      items: [{ id: uuid(1), category: 'personal-assistant', description: 'PA', partId: partA, cost: { kind: 'recurring', unitCostPence: 1550, quantityHundredths: 1000, per: 'week' } }],
    });
    expect(budgetTotals(b)).toMatchObject({ yearWithOneOffs: 806_000, overIndicative: 6000, overAgreed: -94_000 });
  });
});

describe('how the money is held, in one sentence', () => {
  it('names the one way, or says it is mixed with the amount held each way', () => {
    const pa = { id: uuid(1), category: 'personal-assistant' as const, description: 'PA', partId: partA, cost: { kind: 'recurring' as const, unitCostPence: 1000, quantityHundredths: 100, per: 'week' as const } };
    expect(holdingSentence(budget({ parts: [{ id: partA, funder: 'chc', amountPence: 0, holding: { kind: 'direct-payment', recipient: 'nominee', recipientName: 'Ann Lee' } }], items: [pa] })))
      .toBe('The money is held as a direct payment to Ann Lee, their nominee.');
    expect(holdingSentence(budget({
      parts: [{ id: partA, funder: 'chc', amountPence: 0, holding: { kind: 'notional' } }],
      items: [pa, { ...pa, id: uuid(2), holding: { kind: 'third-party', organisation: 'Ace Support' }, cost: { kind: 'one-off', amountPence: 50_000 } }],
    }))).toBe('The money is held in more than one way (mixed): £520.00 notionally by the NHS, £500.00 by a third party a year.');
    expect(holdingSentence(budget({}))).toBe('How the money is held has not been decided yet.');
  });
});

describe('what a budget cannot buy', () => {
  const item = (description: string) => ({ description, provider: '' });
  it('flags whole words and phrases in any case, from active restrictions only', () => {
    expect(restrictedMatches(item('Gin and tonic for the weekend'), restrictions).map((r) => r.code)).toEqual(['alcohol']);
    expect(restrictedMatches(item('Engine repair for the adapted car'), restrictions)).toEqual([]);
    expect(restrictedMatches(item('A BET on the horses'), restrictions).map((r) => r.code)).toEqual(['gambling']);
    expect(restrictedMatches(item('Alphabet puzzles'), restrictions)).toEqual([]);
    expect(restrictedMatches(item('Private dentist'), restrictions)).toEqual([]);
  });

  it('a flagged item needs its justification, and a budget with support needs an agreed amount, before agreement', () => {
    const flagged = budget({
      parts: [{ id: partA, funder: 'chc', amountPence: 0, holding: { kind: 'notional' } }],
      items: [{ id: uuid(1), category: 'activity', description: 'Wine tasting club', partId: partA, cost: { kind: 'one-off', amountPence: 3000 } }],
    });
    expect(budgetAgreementProblems(flagged, restrictions)).toEqual([
      { path: 'budget.items.0.justification', message: '“Wine tasting club” may be something a budget cannot buy (alcohol): record why it is right for them before the plan is agreed' },
      { path: 'budget.agreedPence', message: 'Enter the agreed amount of the budget before the plan is agreed' },
    ]);
    const justified = { ...flagged, agreedPence: 3000, items: [{ ...flagged.items[0]!, justification: 'Social group; non-alcoholic tastings only, agreed with the ICB.' }] };
    expect(budgetAgreementProblems(justified, restrictions)).toEqual([]);
  });
});
