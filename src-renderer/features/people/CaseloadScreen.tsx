import { useCallback, useEffect, useMemo } from 'react';
import { Link } from 'wouter';
import type { CaseloadSortColumn } from '../../../src-shared/contract';
import { caseloadSortColumns } from '../../../src-shared/contract';
import { useAppState } from '../../app/app-state';
import { Main } from '../../app/Main';
import { BackupWarning } from '../backups/BackupWarning';
import type { TableSort } from '../../components/DataTable';
import { usePageTitle } from '../../components/PageTitle';
import { VirtualDataTable } from '../../components/VirtualDataTable';
import { MyReviewsNotice } from '../reviews/MyReviewsNotice';
import {
  filtersNarrow,
  forgetOpened,
  openCaseload,
  personAt,
  rememberPlace,
  setFilters,
  showRows,
  useCaseloadState,
  type CaseloadFilters as Filters,
} from './caseload/caseload-store';
import { CaseloadFilters } from './caseload/CaseloadFilters';
import { ColumnChooser } from './caseload/ColumnChooser';
import { caseloadColumns, optionalColumns } from './caseload/columns';
import { useColumnChoice } from './caseload/column-choice';
import './caseload/caseload.scss';

/** A row's height before it is measured: one line of text in an NHS.UK table cell. */
const estimatedRowHeight = 57;

function isSortColumn(id: string): id is CaseloadSortColumn {
  return (caseloadSortColumns as readonly string[]).includes(id);
}

function describeResults(total: number, filters: Filters): string {
  const query = filters.query.trim();
  if (total === 0 && !query && !filtersNarrow(filters)) return 'No one has been added yet.';
  if (total === 0 && query) return `No one matches “${query}”${filtersNarrow(filters) ? ' with these filters' : ''}.`;
  if (total === 0) return 'No one matches these filters.';
  const people = `${total.toLocaleString('en-GB')} ${total === 1 ? 'person' : 'people'}`;
  return query ? `Showing ${people} matching “${query}”` : `Showing ${people}`;
}

/**
 * The caseload: everyone in PlanWell, or the people matching a search and filters, in one long
 * list that scrolls through tens of thousands of people with only the rows in view in the page.
 * Searching, filtering, sorting and counting happen in the database; rows arrive a page at a time
 * as they come into view. The list keeps its place while a person's record is open.
 */
export function CaseloadScreen() {
  usePageTitle('Caseload');
  const { status } = useAppState();
  const userId = status?.state === 'signed-in' ? status.user.id : '';
  const caseload = useCaseloadState();
  const { filters, results, pending, error } = caseload;
  const columns = useColumnChoice(userId);

  useEffect(() => {
    openCaseload(userId);
  }, [userId]);

  // Back from a person's record: focus goes back to the link that opened it.
  const lastOpenedId = caseload.lastOpenedId;
  useEffect(() => {
    if (!lastOpenedId || !results) return;
    // Only if nothing else has focus yet: never take it from where someone has moved on to.
    const active = document.activeElement;
    if (active && active !== document.body && active.id !== 'maincontent') {
      forgetOpened();
      return;
    }
    const link = document.querySelector<HTMLElement>(`a[data-person-id="${CSS.escape(lastOpenedId)}"]`);
    if (link) {
      link.focus({ preventScroll: true });
      forgetOpened();
    }
  }, [lastOpenedId, results]);

  const rowAt = useCallback((index: number) => personAt(results, index), [results]);
  const columnVisibility = useMemo(
    () => Object.fromEntries(optionalColumns.map((column) => [column.id, columns.visible.includes(column.id)])),
    [columns.visible],
  );
  const sort: TableSort = { columnId: filters.sort.column, direction: filters.sort.direction };
  const onSortChange = useCallback((next: TableSort) => {
    if (isSortColumn(next.columnId)) setFilters({ sort: { column: next.columnId, direction: next.direction } });
  }, []);

  return (
    <Main>
      <div className="app-table-actions">
        <h1 className="nhsuk-u-margin-bottom-4">Caseload</h1>
        <Link className="nhsuk-button nhsuk-u-margin-bottom-4" href="/people/new">
          Add a person
        </Link>
      </div>
      <BackupWarning />
      <MyReviewsNotice />
      <CaseloadFilters filters={filters} />
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          {error}
        </p>
      ) : null}
      {columns.error ? (
        <p className="nhsuk-error-message" role="alert">
          {columns.error}
        </p>
      ) : null}
      <div className="app-caseload-summary">
        <p className="nhsuk-body nhsuk-u-margin-bottom-2" role="status" aria-live="polite">
          {results ? describeResults(results.total, results.filters) : 'Loading…'}
        </p>
        <ColumnChooser visible={columns.visible} onChange={columns.setVisible} />
      </div>
      {results && results.total > 0 ? (
        <div className="app-caseload-table" aria-busy={pending !== null}>
          <VirtualDataTable
            columns={caseloadColumns}
            caption="People in the caseload"
            rowId={(person) => person.id}
            sort={sort}
            onSortChange={onSortChange}
            columnVisibility={columnVisibility}
            rowCount={results.total}
            rowAt={rowAt}
            onRangeChange={showRows}
            place={caseload.place ?? undefined}
            onLeave={rememberPlace}
            scrollToTopKey={caseload.scrollResets}
            estimatedRowHeight={estimatedRowHeight}
            loadingText="Loading…"
            regionLabel="People in the caseload"
          />
        </div>
      ) : null}
    </Main>
  );
}
