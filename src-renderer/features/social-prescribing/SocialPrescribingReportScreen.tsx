import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function SocialPrescribingReportScreen() {
  return (
    <Main>
      <h1>SocialPrescribingReportScreen</h1>
      <p></p>
    </Main>
  );
}
