import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { accessibilityFeatures, directoryStaleMonths, type AccessibilityFeature, type DirectoryEntry, type ListOption } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useAnswerFor } from '../../api/use-answer';
import { useCan } from '../../app/app-state';
import { Main } from '../../app/Main';
import { columnHelper, DataTable } from '../../components/DataTable';
import { PagedResults } from '../../components/PagedResults';
import { downloadTextFile } from '../../components/download-file';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { useSocialPrescribingOptions } from './directory-options';
import { directoryHref, directoryInput, directoryPageSize, emptyPlace, placeFromSearch, placeNarrows, type DirectoryPlace } from './directory-query';
import { accessibilityOptions, accessibilityWords, countWords, NotOfferedTag, StaleTag } from './directory-words';
import './directory.scss';

const column = columnHelper<DirectoryEntry>();
const columns = column.columns([
  column.accessor('name', {
    header: 'Name',
    cell: ({ row }) => (
      <>
        <Link href={`/directory/${row.original.id}`}>{row.original.name}</Link>
        {row.original.active ? null : (
          <span className="app-directory-tags">
            <NotOfferedTag />
          </span>
        )}
      </>
    ),
  }),
  column.accessor('categoryLabel', { header: 'Category' }),
  column.accessor('area', { header: 'Area' }),
  column.accessor('cost', { header: 'Cost' }),
  column.accessor('whenItRuns', { header: 'When it runs' }),
  column.accessor((entry) => accessibilityWords(entry), { id: 'accessibility', header: 'Accessibility' }),
  column.accessor('lastCheckedOn', {
    header: 'Last checked',
    // An out-of-date entry says so in words; the date alone would leave the reader to work it out.
    cell: ({ row }) => (row.original.stale ? <StaleTag lastCheckedOn={row.original.lastCheckedOn} /> : formatDate(row.original.lastCheckedOn)),
  }),
]);

/**
 * The directory of local support: searched by words, category, area and accessibility in the
 * main process, a page at a time. The search is in the address, so back from an entry comes back
 * to the same results. Entries not checked for six months are flagged, with a way to list them.
 */
export function DirectoryScreen() {
  usePageTitle('Directory of local support');
  const search = useSearch();
  const [, navigate] = useLocation();
  const can = useCan();
  const place = useMemo(() => placeFromSearch(search), [search]);
  const href = directoryHref(place);
  const { options, error: optionsError } = useSocialPrescribingOptions();
  const input = useMemo(() => directoryInput(place), [place]);
  const { answer, error } = useAnswerFor('directory.search', href, input);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  /** A new search or page adds a step to the history, so back returns to the one before. */
  const go = (next: DirectoryPlace) => {
    navigate(directoryHref(next));
    // The control used may be gone with the new results: the keyboard goes to the summary of them.
    summaryRef.current?.focus();
  };

  const exportCsv = async () => {
    setExporting(true);
    setNotice(null);
    setExportError(null);
    const result = await invoke('directory.exportCsv', {});
    setExporting(false);
    if (!result.ok) return setExportError(result.error.message);
    downloadTextFile(result.value.fileName, result.value.csv);
    setNotice(`Exported ${countWords(result.value.rows, 'entry', 'entries')} to ${result.value.fileName}.`);
  };

  const pending = answer?.href !== href;
  const problems = [error, exportError, optionsError].filter((message): message is string => Boolean(message)).map((message) => ({ message }));

  return (
    <Main>
      <ErrorSummary errors={problems} />
      <h1>Directory of local support</h1>
      <p>Groups, services and activities people can be connected to. Search by what it is, where it is and what access people need.</p>
      <div className="app-directory-actions">
        {can('people:write') ? (
          <>
            <p>
              <Link href="/directory/new">Add an entry</Link>
            </p>
            <p>
              <Link href="/directory/import">Import from CSV</Link>
            </p>
          </>
        ) : null}
        <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={exporting} onClick={() => void exportCsv()}>
          {exporting ? 'Exporting…' : 'Export as CSV'}
        </button>
      </div>
      {notice ? (
        <p className="nhsuk-body" role="status">
          {notice}
        </p>
      ) : null}

      {answer && answer.staleCount > 0 ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {countWords(answer.staleCount, 'entry needs', 'entries need')} checking
            </span>
          </h2>
          <p>
            {countWords(answer.staleCount, 'entry has', 'entries have')} not been checked for {directoryStaleMonths} months or more, so {answer.staleCount === 1 ? 'it' : 'they'} may be out
            of date. Check with the organisation before you connect someone, and record the date you checked.
          </p>
          {place.staleOnly ? null : (
            <p>
              <Link href={directoryHref({ ...emptyPlace, staleOnly: true })}>Show only entries that need checking</Link>
            </p>
          )}
        </div>
      ) : null}

      {/* Keyed by the address: back or forward puts the form's fields back as that search had them. */}
      <DirectorySearchForm key={href} place={place} categories={options?.categories ?? []} onSearch={go} />

      {error && !answer ? null : (
        <div aria-busy={pending}>
          <h2 className="nhsuk-heading-m">Results</h2>
          <PagedResults
            counts={answer ? { shown: answer.entries.length, total: answer.total } : null}
            page={place.page}
            pageSize={directoryPageSize}
            nouns={['entry', 'entries']}
            emptyMessage={placeNarrows(place) ? 'No entries match this search. Try fewer words or filters.' : 'The directory is empty. Add the groups and services people can be connected to.'}
            firstPageHref={directoryHref({ ...place, page: 0 })}
            pagerLabel="Pages of directory entries"
            onPage={(page) => go({ ...place, page })}
            summaryRef={summaryRef}
          >
            <div className="app-directory-table">
              <DataTable columns={columns} data={answer?.entries ?? []} caption="Directory entries" rowId={(entry) => entry.id} />
            </div>
          </PagedResults>
        </div>
      )}
    </Main>
  );
}

/** The search as typed, sent when the button is pressed (the GOV.UK filter pattern). */
function DirectorySearchForm({ place, categories, onSearch }: { place: DirectoryPlace; categories: ListOption[]; onSearch: (place: DirectoryPlace) => void }) {
  const [typed, setTyped] = useState<DirectoryPlace>(place);
  const knownCategory = place.category === '' || categories.length === 0 || categories.some((category) => category.key === place.category);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ ...typed, words: typed.words.trim(), area: typed.area.trim(), page: 0 });
  };

  const toggleFeature = (feature: AccessibilityFeature, checked: boolean) => {
    const chosen = new Set(typed.accessibility);
    if (checked) chosen.add(feature);
    else chosen.delete(feature);
    setTyped({ ...typed, accessibility: accessibilityFeatures.filter((f) => chosen.has(f)) });
  };

  return (
    <search aria-label="Search the directory">
      <form noValidate onSubmit={submit}>
        <div className="app-directory-search__row">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="directory-words">
              Words
            </label>
            <div className="nhsuk-hint" id="directory-words-hint">
              In the name, description, area or address
            </div>
            <input
              className="nhsuk-input nhsuk-input--width-20"
              id="directory-words"
              type="search"
              autoComplete="off"
              maxLength={200}
              aria-describedby="directory-words-hint"
              value={typed.words}
              onChange={(event) => setTyped({ ...typed, words: event.target.value })}
            />
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="directory-category">
              Category
            </label>
            <select className="nhsuk-select" id="directory-category" value={typed.category} onChange={(event) => setTyped({ ...typed, category: event.target.value })}>
              <option value="">Any category</option>
              {categories.map((category) => (
                <option key={category.key} value={category.key}>
                  {category.label}
                </option>
              ))}
              {knownCategory ? null : <option value={place.category}>A category no longer listed</option>}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="directory-area">
              Area
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-10"
              id="directory-area"
              type="text"
              autoComplete="off"
              maxLength={100}
              value={typed.area}
              onChange={(event) => setTyped({ ...typed, area: event.target.value })}
            />
          </div>
        </div>
        <div className="nhsuk-form-group app-directory-search__features">
          <fieldset className="nhsuk-fieldset" aria-describedby="directory-accessibility-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Accessibility</legend>
            <div className="nhsuk-hint" id="directory-accessibility-hint">
              Only entries with every feature you choose
            </div>
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {accessibilityOptions.map((option) => (
                <div className="nhsuk-checkboxes__item" key={option.value}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`directory-access-${option.value}`}
                    type="checkbox"
                    checked={typed.accessibility.includes(option.value)}
                    onChange={(event) => toggleFeature(option.value, event.target.checked)}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`directory-access-${option.value}`}>
                    {option.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which entries</legend>
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="directory-stale"
                  type="checkbox"
                  checked={typed.staleOnly}
                  onChange={(event) => setTyped({ ...typed, staleOnly: event.target.checked })}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="directory-stale">
                  Show only entries that need checking
                </label>
              </div>
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="directory-inactive"
                  type="checkbox"
                  checked={typed.includeInactive}
                  onChange={(event) => setTyped({ ...typed, includeInactive: event.target.checked })}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="directory-inactive">
                  Include entries no longer offered
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <div className="nhsuk-button-group">
          <button type="submit" className="nhsuk-button">
            Search
          </button>
          {placeNarrows(place) ? (
            <Link className="nhsuk-link" href={directoryHref(emptyPlace)}>
              Clear the search
            </Link>
          ) : null}
        </div>
      </form>
    </search>
  );
}
