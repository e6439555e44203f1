import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function DirectoryScreen() {
  return (
    <Main>
      <h1>DirectoryScreen</h1>
      <p></p>
    </Main>
  );
}
