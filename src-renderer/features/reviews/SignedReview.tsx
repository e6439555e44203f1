import { Link } from 'wouter';
import { goalProgressLabels, reviewDecisionLabels, reviewReasonLabels, type CarePlan, type PlanReview } from '../../../src-shared/contract';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { MultilineText } from '../people/record/MultilineText';
import { NotWritten, Row, SummaryList } from '../plans/plan-view-document';
import { planHref } from '../plans/plan-view-links';
import { attainmentText, attainmentWords } from './review-parts';

const meetsNeedsLabels = { yes: 'Yes', no: 'No', 'not-sure': 'Not sure', '': '' } as const;

function Words({ text }: { text: string }) {
  return text ? <MultilineText text={text} /> : <NotWritten />;
}

/**
 * A signed review, read-only: it is final. Who signed it and when, the next review date, and the
 * new draft of the plan its decision started, if any.
 */
export function SignedReview({ review, plan }: { review: PlanReview; plan: CarePlan | null }) {
  const { content } = review;
  const goals = new Map((plan?.content.goals ?? []).map((goal) => [goal.id, goal.outcome]));
  return (
    <>
      <p>
        <strong className="nhsuk-tag nhsuk-tag--green">Signed</strong> Signed off by {review.signedByName ?? 'a member of staff no longer named'} on{' '}
        {review.signedAt ? formatDateTime(review.signedAt) : 'an unknown date'}. A signed review is final and cannot be changed.
      </p>
      {review.newPlanId ? (
        <p>
          The decision started a new draft version of their plan. <Link href={planHref(review.personId, '/edit')}>Open the new draft of their plan</Link>
        </p>
      ) : null}
      <SummaryList>
        <Row label="Plan reviewed">Version {review.planVersion}</Row>
        <Row label="Why it was reviewed">{reviewReasonLabels[review.reason]}</Row>
        <Row label="Started">
          {formatDateTime(review.startedAt)}
          {review.startedByName ? ` by ${review.startedByName}` : ''}
        </Row>
        <Row label="Next review">{content.nextReviewOn ? formatDate(content.nextReviewOn) : <NotWritten text="Not set" />}</Row>
        {content.laterReviewReason ? (
          <Row label="Why it is later than the rules say">
            <MultilineText text={content.laterReviewReason} />
          </Row>
        ) : null}
      </SummaryList>

      <h2>Goals</h2>
      {content.goals.length === 0 ? <p>The plan had no goals.</p> : null}
      {content.goals.map((goal, index) => (
        <div className="app-review-goal" key={goal.goalId}>
          <h3 className="app-review-text">
            Goal {index + 1}
            {plan ? `: ${goals.get(goal.goalId) ?? 'a goal no longer in the plan'}` : ''}
          </h3>
          <SummaryList>
            <Row label="How it is going">{goal.progress ? goalProgressLabels[goal.progress] : <NotWritten text="Not said" />}</Row>
            <Row label="Goal attainment">
              {goal.attainment === null ? <NotWritten text="Not scored" /> : `${attainmentText(goal.attainment)}, ${attainmentWords[goal.attainment] ?? ''}`}
            </Row>
            <Row label="In their words">
              <Words text={goal.inTheirWords} />
            </Row>
          </SummaryList>
        </div>
      ))}

      {plan?.budget || content.budgetStillMeetsNeeds || content.budgetNotes ? (
        <>
          <h2>The budget</h2>
          <SummaryList>
            <Row label="Does the amount still meet their needs?">{content.budgetStillMeetsNeeds ? meetsNeedsLabels[content.budgetStillMeetsNeeds] : <NotWritten text="Not said" />}</Row>
            <Row label="Notes">
              <Words text={content.budgetNotes} />
            </Row>
          </SummaryList>
        </>
      ) : null}

      <h2>What they think</h2>
      <p className="app-review-text">{content.whatTheyThink || <NotWritten />}</p>

      <h2>What happens next</h2>
      <SummaryList>
        <Row label="Decision">{content.decision ? reviewDecisionLabels[content.decision] : <NotWritten text="Not chosen" />}</Row>
        {content.decision === 'end-budget' ? (
          <Row label="Why the budget is ending">
            <Words text={content.endBudgetReason} />
          </Row>
        ) : null}
      </SummaryList>
    </>
  );
}
