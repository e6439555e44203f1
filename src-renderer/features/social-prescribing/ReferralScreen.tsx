import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function ReferralScreen({ referralId }: { referralId: string }) {
  return (
    <Main>
      <h1>ReferralScreen</h1>
      <p>{String(referralId)}</p>
    </Main>
  );
}
