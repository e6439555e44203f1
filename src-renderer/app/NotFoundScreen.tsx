import { Link } from 'wouter';
import { usePageTitle } from '../components/PageTitle';
import { Main } from './Main';

export function NotFoundScreen() {
  usePageTitle('Page not found');
  return (
    <Main>
      <h1>Page not found</h1>
      <p>
        <Link href="/">Go to the caseload</Link>
      </p>
    </Main>
  );
}
