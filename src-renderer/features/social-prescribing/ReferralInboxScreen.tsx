import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function ReferralInboxScreen() {
  return (
    <Main>
      <h1>ReferralInboxScreen</h1>
      <p></p>
    </Main>
  );
}
