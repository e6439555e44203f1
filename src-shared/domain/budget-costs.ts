import {
  funderLabels,
  type Budget,
  type CostFrequency,
  type FundingPart,
  type Holding,
  type HoldingKind,
  type SpendingRestriction,
  type SupportItem,
} from '../contract/budgets';
import { formatPence } from '../format';

/**
 * What support costs, in whole pence, with no floating point anywhere. Each item's cost in each
 * period is worked out once, as an integer (rounded half up); every total is a sum of those
 * integers, so totals by funding part and by way of holding always add up to the whole.
 */

export interface PeriodCosts {
  week: number;
  month: number;
  /** Recurring costs over a year. */
  year: number;
  /** One-off costs, counted once in the budget year. */
  oneOff: number;
}

const zero = (): PeriodCosts => ({ week: 0, month: 0, year: 0, oneOff: 0 });
const weeksPerYear = 52n;
const monthsPerYear = 12n;

/** numerator / denominator, rounded half up, for non-negative integers. */
function divideRounded(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** A year's worth of a frequency, as a fraction (periods per year). */
const perYear: Record<CostFrequency, bigint> = { week: weeksPerYear, month: monthsPerYear, year: 1n };

export function itemCosts(item: Pick<SupportItem, 'cost'>): PeriodCosts {
  const { cost } = item;
  if (cost.kind === 'one-off') return { ...zero(), oneOff: cost.amountPence };
  // unit cost × quantity (hundredths) for one period of the item's own frequency, × 100.
  const perPeriodTimes100 = BigInt(cost.unitCostPence) * BigInt(cost.quantityHundredths);
  const yearTimes100 = perPeriodTimes100 * perYear[cost.per];
  return {
    week: divideRounded(yearTimes100, 100n * weeksPerYear),
    month: divideRounded(yearTimes100, 100n * monthsPerYear),
    year: divideRounded(yearTimes100, 100n),
    oneOff: 0,
  };
}

function add(into: PeriodCosts, costs: PeriodCosts): void {
  into.week += costs.week;
  into.month += costs.month;
  into.year += costs.year;
  into.oneOff += costs.oneOff;
}

/** An item's money is held as its own holding says, or else as its funding part's. */
export function effectiveHolding(item: SupportItem, parts: readonly FundingPart[]): Holding | null {
  return item.holding ?? parts.find((part) => part.id === item.partId)?.holding ?? null;
}

export interface BudgetTotals {
  total: PeriodCosts;
  /** The budget year's cost: a year of recurring support plus the one-off costs. */
  yearWithOneOffs: number;
  byPart: Map<string, PeriodCosts>;
  byHolding: Map<HoldingKind, PeriodCosts>;
  byItem: Map<string, PeriodCosts>;
  /** Positive when the support costs more than the amount; null without an amount. */
  overIndicative: number | null;
  overAgreed: number | null;
}

export function budgetTotals(budget: Budget): BudgetTotals {
  const total = zero();
  const byPart = new Map<string, PeriodCosts>(budget.parts.map((part) => [part.id, zero()]));
  const byHolding = new Map<HoldingKind, PeriodCosts>();
  const byItem = new Map<string, PeriodCosts>();
  for (const item of budget.items) {
    const costs = itemCosts(item);
    byItem.set(item.id, costs);
    add(total, costs);
    const part = byPart.get(item.partId);
    if (part) add(part, costs);
    const holding = effectiveHolding(item, budget.parts);
    if (holding) {
      const held = byHolding.get(holding.kind) ?? zero();
      add(held, costs);
      byHolding.set(holding.kind, held);
    }
  }
  const yearWithOneOffs = total.year + total.oneOff;
  return {
    total,
    yearWithOneOffs,
    byPart,
    byHolding,
    byItem,
    overIndicative: budget.indicativePence === null ? null : yearWithOneOffs - budget.indicativePence,
    overAgreed: budget.agreedPence === null ? null : yearWithOneOffs - budget.agreedPence,
  };
}

function describeHolding(holding: Holding): string {
  switch (holding.kind) {
    case 'notional':
      return 'by the NHS, which arranges the support (a notional budget)';
    case 'third-party':
      return `by ${holding.organisation}, a third party`;
    case 'direct-payment':
      return holding.recipient === 'person'
        ? 'as a direct payment to the person'
        : `as a direct payment to ${holding.recipientName}, their ${holding.recipient}`;
  }
}

/** How the money is held, in one plain sentence for the plan page. */
export function holdingSentence(budget: Budget): string {
  const holdings = [
    ...budget.parts.map((part) => part.holding),
    ...budget.items.flatMap((item) => (item.holding ? [item.holding] : [])),
  ];
  if (holdings.length === 0) return 'How the money is held has not been decided yet.';
  const described = [...new Set(holdings.map(describeHolding))];
  if (described.length === 1) return `The money is held ${described[0]}.`;
  const totals = budgetTotals(budget);
  const amounts = [...totals.byHolding.entries()]
    .map(([kind, costs]) => `${formatPence(costs.year + costs.oneOff)} ${kind === 'notional' ? 'notionally by the NHS' : kind === 'third-party' ? 'by a third party' : 'as a direct payment'}`)
    .join(', ');
  return `The money is held in more than one way (mixed): ${amounts} a year.`;
}

/** "NHS Continuing Healthcare and Social care" */
export function fundersSentence(budget: Budget): string {
  const names = [...new Set(budget.parts.map((part) => funderLabels[part.funder]))];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The restrictions a support item's words match (whole words or phrases, any case). */
export function restrictedMatches(item: Pick<SupportItem, 'description' | 'provider'>, restrictions: readonly SpendingRestriction[]): SpendingRestriction[] {
  const words = `${item.description} ${item.provider}`.toLowerCase();
  return restrictions.filter(
    (restriction) =>
      restriction.active && restriction.keywords.some((keyword) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(keyword.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(words)),
  );
}

/** What stops a budget being agreed with its plan, as messages by the field. */
export function budgetAgreementProblems(budget: Budget, restrictions: readonly SpendingRestriction[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  budget.items.forEach((item, index) => {
    const matches = restrictedMatches(item, restrictions);
    if (matches.length > 0 && item.justification === '') {
      problems.push({
        path: `budget.items.${index}.justification`,
        message: `“${item.description}” may be something a budget cannot buy (${matches.map((m) => m.label.toLowerCase()).join('; ')}): record why it is right for them before the plan is agreed`,
      });
    }
  });
  if (budget.items.length > 0 && budget.agreedPence === null) problems.push({ path: 'budget.agreedPence', message: 'Enter the agreed amount of the budget before the plan is agreed' });
  return problems;
}
