import { Link } from 'wouter';
import type { BudgetSummary, CarePlan, ConversationGuide, PlanReview } from '../../../src-shared/contract';
import { planDifference } from '../../../src-shared/domain/plan-difference';
import { formatDate, formatPence, isoDateInLondon } from '../../../src-shared/format';
import { differenceWords } from '../budgets/budget-format';
import { personHref } from '../people/record/PersonRecord';
import { PlanDifferenceView } from '../plans/PlanDifferenceView';
import { Row, SummaryList } from '../plans/plan-view-document';
import { versionLabel } from '../plans/plan-view-page';

/** Goal attainment scaling, −2 to +2, with the words usually read with each score. */
export const attainmentWords: Record<number, string> = {
  [-2]: 'much less than expected',
  [-1]: 'less than expected',
  0: 'as expected',
  1: 'more than expected',
  2: 'much more than expected',
};
export const attainmentScores = [-2, -1, 0, 1, 2] as const;

/** "−2", "0", "+1": a minus sign, not a hyphen, and a plus for gains. */
export function attainmentText(score: number): string {
  return score < 0 ? `−${-score}` : score > 0 ? `+${score}` : '0';
}

/** The day a review was signed, in the UK. */
export function signedOn(review: Pick<PlanReview, 'signedAt'>): string {
  return review.signedAt ? formatDate(isoDateInLondon(new Date(review.signedAt))) : '';
}

/** A signed review, read again: `?review=<id>` on the review screen. */
export function signedReviewHref(review: Pick<PlanReview, 'personId' | 'id'>): string {
  return personHref(review.personId, `/review?review=${review.id}`);
}

/** "version 2, agreed 3 November 2026", inside a sentence. */
function versionWords(plan: CarePlan): string {
  return `version ${plan.version}${plan.agreedOn ? `, agreed ${formatDate(plan.agreedOn)}` : ''}`;
}

/**
 * What changed in the plan since the last review: the version the last signed review looked at
 * against the version under review, side by side.
 */
export function ReviewChanges({ plan, previous }: { plan: CarePlan; previous: { review: PlanReview; plan: CarePlan } | null | undefined }) {
  return (
    <section aria-labelledby="review-changes">
      <h2 id="review-changes">What changed since the last review</h2>
      {previous === undefined ? (
        <p role="status">Finding the last review…</p>
      ) : previous === null ? (
        <p>This is their first review. It looks at {versionWords(plan)}.</p>
      ) : previous.plan.id === plan.id ? (
        <p>
          Nothing in the plan has changed since the last review on {signedOn(previous.review)}: both look at {versionWords(plan)}.
        </p>
      ) : (
        <>
          <p>
            The last review, on {signedOn(previous.review)}, looked at version {previous.plan.version}. This review looks at {versionWords(plan)}.
          </p>
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">
                Show what changed from version {previous.plan.version} to version {plan.version}
              </span>
            </summary>
            <div className="nhsuk-details__text">
              <PlanDifferenceView
                difference={planDifference(previous.plan.content, plan.content)}
                versions={{ before: versionLabel(previous.plan), after: versionLabel(plan), beforeVersion: previous.plan.version, afterVersion: plan.version }}
              />
            </div>
          </details>
        </>
      )}
      {previous ? (
        <p>
          <Link href={signedReviewHref(previous.review)}>Read the last review, signed on {signedOn(previous.review)}</Link>
        </p>
      ) : null}
    </section>
  );
}

/** The Review guide's steps and prompts, beside the form, to read aloud or put in other words. */
export function ReviewPrompts({ guide }: { guide: ConversationGuide | null | undefined }) {
  if (!guide) return null;
  return (
    <div className="app-review-prompts">
      <h2 className="nhsuk-heading-s">Prompts for the conversation</h2>
      <p className="nhsuk-body-s">From the “{guide.name}” guide. Use your own words where they help.</p>
      {guide.steps.map((step) => (
        <div key={step.title}>
          <h3 className="nhsuk-heading-xs">{step.title}</h3>
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
            {step.prompts.map((prompt) => (
              <li key={prompt}>{prompt}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** This budget year's planned spending against what has been spent, and any alerts. */
export function BudgetFigures({ summary, personId }: { summary: BudgetSummary | null | undefined; personId: string }) {
  if (summary === undefined) return <p role="status">Loading the budget…</p>;
  if (summary === null) return <p>There is no agreed budget in use to look at.</p>;
  return (
    <>
      <SummaryList>
        <Row label="Budget year">
          {formatDate(summary.periodStart)} to {formatDate(summary.periodEnd)}
        </Row>
        <Row label="Planned to date">{formatPence(summary.plannedToDatePence)}</Row>
        <Row label="Spent to date">{formatPence(summary.spentPence)}</Row>
        <Row label="Against the plan">{differenceWords(summary.spentPence - summary.plannedToDatePence)}</Row>
        <Row label="Left to spend this year">{formatPence(summary.balancePence)}</Row>
      </SummaryList>
      {summary.alerts.length > 0 ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Budget alerts
            </span>
          </h3>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {summary.alerts.map((alert, index) => (
              <li key={`${alert.kind}-${index}`}>{alert.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        <Link href={personHref(personId, '/budget')}>See the budget and its payments</Link>
      </p>
    </>
  );
}
