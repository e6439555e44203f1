import type { Budget, HoldingKind } from '../contract/budgets';
import { effectiveHolding } from './budget-costs';
import { addDays, addMonths } from './calendar';

/**
 * When a plan's review falls due. Rules are data (per way of holding the money, and for plans
 * without a budget): the first review so many months after the plan is first agreed, then so
 * many months after each review. A plan held more than one way follows the strictest rule.
 */

export const reviewRuleKeys = ['direct-payment', 'third-party', 'notional', 'no-budget'] as const;
export type ReviewRuleKey = (typeof reviewRuleKeys)[number];
export const reviewRuleLabels: Record<ReviewRuleKey, string> = {
  'direct-payment': 'Direct payment',
  'third-party': 'Third party budget',
  notional: 'Notional budget',
  'no-budget': 'Plan without a budget',
};

export interface ReviewRule {
  key: ReviewRuleKey;
  /** Months from first agreement to the first review. */
  firstMonths: number;
  /** Months from each review to the next. */
  thenMonths: number;
}

/** The rules that apply to a plan: one per way its money is held, or the no-budget rule. */
export function applicableRuleKeys(budget: Budget | null): ReviewRuleKey[] {
  if (!budget) return ['no-budget'];
  const kinds = new Set<HoldingKind>();
  for (const part of budget.parts) kinds.add(part.holding.kind);
  for (const item of budget.items) {
    const holding = effectiveHolding(item, budget.parts);
    if (holding) kinds.add(holding.kind);
  }
  return kinds.size === 0 ? ['no-budget'] : reviewRuleKeys.filter((key) => kinds.has(key as HoldingKind));
}

/**
 * The latest date the next review may be: from the first agreement if there has been no review
 * yet, else from the last review; the earliest of the rules that apply.
 */
export function reviewLimit(rules: readonly ReviewRule[], keys: readonly ReviewRuleKey[], history: { firstAgreedOn: string; lastReviewedOn: string | null }): string {
  const applicable = rules.filter((rule) => keys.includes(rule.key));
  if (applicable.length === 0) throw new RangeError(`No review rule for ${keys.join(', ')}`);
  const dates = applicable.map((rule) =>
    history.lastReviewedOn ? addMonths(history.lastReviewedOn, rule.thenMonths) : addMonths(history.firstAgreedOn, rule.firstMonths),
  );
  return dates.reduce((earliest, date) => (date < earliest ? date : earliest));
}

export type ReviewBucket = 'overdue' | 'due-soon' | 'upcoming';
export const dueSoonDays = 14;

/** Overdue before today; due soon from today to 14 days on; upcoming after. */
export function reviewBucket(dueOn: string, today: string): ReviewBucket {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, dueSoonDays)) return 'due-soon';
  return 'upcoming';
}
