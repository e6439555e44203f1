import type { Budget } from '../../../src-shared/contract';
import type { BudgetTotals } from '../../../src-shared/domain/budget-costs';
import { formatPence } from '../../../src-shared/format';
import { partName } from './BudgetCostTables';

/** Over an amount: a warning callout, in words as well as looks. */
function Over({ heading, children }: { heading: string; children: string }) {
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {heading}
        </span>
      </h3>
      <p>{children}</p>
    </div>
  );
}

/**
 * A cost against an amount, in words: "The support costs £2,650.00 more than the indicative amount
 * of £10,000.00: £12,650.00 in the budget year."
 */
function comparedWith(cost: string, amountName: string, overPence: number, amountPence: number, costPence: number): string {
  if (overPence === 0) return `${cost} exactly ${amountName}, ${formatPence(amountPence)}.`;
  const difference = overPence > 0 ? `${formatPence(overPence)} more than` : `${formatPence(-overPence)} less than`;
  return `${cost} ${difference} ${amountName} of ${formatPence(amountPence)}: ${formatPence(costPence)} in the budget year.`;
}

/**
 * The budget year's cost (a year of regular support and the one-off costs) against the indicative
 * and agreed amounts, and each funding part's cost against its amount. Over an amount is a warning;
 * under or equal is said plainly. Every difference is a subtraction of whole pence.
 */
export function BudgetComparison({ budget, totals }: { budget: Budget; totals: BudgetTotals }) {
  const year = formatPence(totals.yearWithOneOffs);
  const comparisons: { key: string; over: number; heading: string; sentence: string }[] = [];
  if (budget.indicativePence !== null && totals.overIndicative !== null) {
    comparisons.push({
      key: 'indicative',
      over: totals.overIndicative,
      heading: 'The support costs more than the indicative amount',
      sentence: comparedWith('The support costs', 'the indicative amount', totals.overIndicative, budget.indicativePence, totals.yearWithOneOffs),
    });
  }
  if (budget.agreedPence !== null && totals.overAgreed !== null) {
    comparisons.push({
      key: 'agreed',
      over: totals.overAgreed,
      heading: 'The support costs more than the agreed amount',
      sentence: comparedWith('The support costs', 'the agreed amount', totals.overAgreed, budget.agreedPence, totals.yearWithOneOffs),
    });
  }
  for (const part of budget.parts) {
    const costs = totals.byPart.get(part.id);
    if (!costs) continue;
    const over = costs.year + costs.oneOff - part.amountPence;
    comparisons.push({
      key: part.id,
      over,
      heading: `${partName(budget, part.id)} pays for more than its amount`,
      sentence: comparedWith(`The support paid for by ${partName(budget, part.id)} costs`, 'its amount', over, part.amountPence, costs.year + costs.oneOff),
    });
  }
  const partsTotal = budget.parts.reduce((sum, part) => sum + part.amountPence, 0);
  return (
    <>
      <p className="nhsuk-body-l app-budget-year-cost">
        In the budget year the support costs <strong>{year}</strong>
        {totals.total.oneOff > 0 ? `, including ${formatPence(totals.total.oneOff)} of one-off costs` : ''}.
      </p>
      {comparisons.map((comparison) =>
        comparison.over > 0 ? (
          <Over key={comparison.key} heading={comparison.heading}>
            {comparison.sentence}
          </Over>
        ) : (
          <p key={comparison.key}>{comparison.sentence}</p>
        ),
      )}
      {budget.agreedPence !== null && budget.parts.length > 0 && partsTotal !== budget.agreedPence ? (
        <p>
          The funding parts add up to {formatPence(partsTotal)}, which is {formatPence(Math.abs(partsTotal - budget.agreedPence))}{' '}
          {partsTotal > budget.agreedPence ? 'more' : 'less'} than the agreed amount.
        </p>
      ) : null}
    </>
  );
}
