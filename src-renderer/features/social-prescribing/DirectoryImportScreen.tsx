import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function DirectoryImportScreen() {
  return (
    <Main>
      <h1>DirectoryImportScreen</h1>
      <p></p>
    </Main>
  );
}
