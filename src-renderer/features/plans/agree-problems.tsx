import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import type { FieldIssue } from '../../../src-shared/result';
import { planHref } from './plan-view-links';

/** Where a problem is put right: the budget's own editor for the budget, the plan editor for the rest. */
function problemScreen(path: string): string {
  return path === 'budget' || path.startsWith('budget.') ? '/budget' : '/edit';
}

/**
 * What must be in the plan before it can be agreed (planAgreementProblems, and whatever else the
 * main process checks then, such as the review rules and the budget), in the NHS error summary's
 * form. The fixes are made on other screens, so each problem links there, asking it to open at
 * that part.
 */
export function AgreementProblems({ personId, problems }: { personId: string; problems: readonly FieldIssue[] }) {
  const summary = useRef<HTMLDivElement>(null);
  const signature = problems.map((problem) => problem.message).join('|');
  useEffect(() => {
    summary.current?.focus();
  }, [signature]);
  return (
    <div className="nhsuk-error-summary" aria-labelledby="agreement-problems-title" role="alert" tabIndex={-1} ref={summary}>
      <h2 className="nhsuk-error-summary__title" id="agreement-problems-title">
        The plan is not ready to agree
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>Finish the draft plan first:</p>
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {problems.map((problem) => (
            <li key={`${problem.path}:${problem.message}`}>
              <Link href={planHref(personId, problemScreen(problem.path))} state={{ focus: problem.path }}>
                {problem.message}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
