import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function SocialPrescribingSettingsScreen() {
  return (
    <Main>
      <h1>SocialPrescribingSettingsScreen</h1>
      <p></p>
    </Main>
  );
}
