import { Link } from 'wouter';
import type { Budget } from '../../../src-shared/contract';
import { budgetTotals, fundersSentence, holdingSentence } from '../../../src-shared/domain/budget-costs';
import { formatPence } from '../../../src-shared/format';
import { personHref } from '../people/record/PersonRecord';
import { planHref } from '../plans/plan-view-links';

/** The agreed budget: spending, the balance and alerts. */
export function budgetHref(personId: string): string {
  // An empty query, so a version chosen on a plan screen does not follow (see planHref).
  return `${personHref(personId, '/budget')}?`;
}

/** The draft plan's budget, to plan or change. */
export function budgetEditorHref(personId: string): string {
  return planHref(personId, '/budget');
}

/** How the money is held, in one plain sentence: for the plan page. */
export function BudgetHoldingSentence({ budget }: { budget: Budget }) {
  return <p>{holdingSentence(budget)}</p>;
}

/**
 * A plan version's budget in a few lines, with the way to it: for the plan overview and the
 * person's page. `draft` says whether this version's budget can still be changed.
 */
export function PlanBudgetSummary({ personId, budget, draft, canWrite }: { personId: string; budget: Budget | null; draft: boolean; canWrite: boolean }) {
  if (!budget) {
    return draft && canWrite ? (
      <p>
        No personal health budget is planned in this version. <Link href={budgetEditorHref(personId)}>Plan a personal health budget</Link>
      </p>
    ) : null;
  }
  const totals = budgetTotals(budget);
  const funders = fundersSentence(budget);
  return (
    <>
      <h2>Personal health budget</h2>
      <BudgetHoldingSentence budget={budget} />
      <p>
        {budget.agreedPence !== null ? `Agreed amount ${formatPence(budget.agreedPence)} a year. ` : ''}
        The support costs {formatPence(totals.yearWithOneOffs)} in the budget year{funders ? `, funded by ${funders}` : ''}.
      </p>
      <p>
        {draft ? (
          canWrite ? <Link href={budgetEditorHref(personId)}>Change the budget in the draft plan</Link> : null
        ) : (
          <Link href={budgetHref(personId)}>Spending, balance and alerts</Link>
        )}
      </p>
    </>
  );
}
