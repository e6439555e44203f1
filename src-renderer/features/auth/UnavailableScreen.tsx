import { Link } from 'wouter';
import { Main } from '../../app/Main';
import { usePageTitle } from '../../components/PageTitle';

export function UnavailableScreen({ message }: { message: string }) {
  usePageTitle('PlanWell cannot open its data');
  return (
    <Main>
      <h1>PlanWell cannot open its data</h1>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            What happened
          </span>
        </h2>
        <p>{message}</p>
      </div>
      <p>
        <Link className="nhsuk-button" href="/restore">
          Restore a backup
        </Link>
      </p>
      <p>Ask your practice manager or IT support for help. Do not delete any PlanWell files.</p>
    </Main>
  );
}
