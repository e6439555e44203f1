import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function NewReferralScreen() {
  return (
    <Main>
      <h1>NewReferralScreen</h1>
      <p></p>
    </Main>
  );
}
