import { Link } from 'wouter';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { budgetHref } from '../budgets/budget-links';
import { planHref } from './plan-view-links';
import { PlanStatusTag, usePlanVersions } from './plan-view-page';

/** Where the person's plan stands, on their record page: agreed, being drafted, or not yet started. */
export function PlanSummaryCard({ personId }: { personId: string }) {
  const { versions, error } = usePlanVersions(personId);
  const agreed = versions?.find((v) => v.status === 'agreed');
  const draft = versions?.find((v) => v.status === 'draft');
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">Care and support plan</h2>
        {error ? (
          <p className="nhsuk-error-message">{error}</p>
        ) : !versions ? (
          <p role="status">Loading…</p>
        ) : (
          <>
            {agreed ? (
              <p>
                <PlanStatusTag status="agreed" /> Version {agreed.version}
                {agreed.agreedOn ? `, agreed ${formatDate(agreed.agreedOn)}` : ''}. {agreed.reviewDate ? `Review by ${formatDate(agreed.reviewDate)}.` : ''}
              </p>
            ) : null}
            {draft ? (
              <p>
                <PlanStatusTag status="draft" /> {agreed ? 'Changes' : 'A first plan'} in progress as version {draft.version}, last changed{' '}
                {formatDateTime(draft.updatedAt)}
                {draft.updatedByName ? ` by ${draft.updatedByName}` : ''}.
              </p>
            ) : null}
            {!agreed && !draft ? <p>No plan yet.</p> : null}
          </>
        )}
        <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
          <li>
            <Link href={planHref(personId)}>View the plan</Link>
          </li>
          {agreed ? (
            <li>
              <Link href={budgetHref(personId)}>Personal health budget and spending</Link>
            </li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}
