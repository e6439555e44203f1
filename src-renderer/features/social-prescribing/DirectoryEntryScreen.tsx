import { Main } from '../../app/Main';

/** Placeholder while the screen is written (issue 9). */
export function DirectoryEntryScreen({ entryId }: { entryId?: string }) {
  return (
    <Main>
      <h1>DirectoryEntryScreen</h1>
      <p>{String(entryId)}</p>
    </Main>
  );
}
