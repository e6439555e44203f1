import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { PersonSummary } from '../../../src-shared/contract';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { columnHelper, DataTable, Pager, resultsSummary } from '../../components/DataTable';
import { usePageTitle } from '../../components/PageTitle';

const pageSize = 50;
const column = columnHelper<PersonSummary>();
const columns = column.columns([
  column.accessor((person) => `${person.familyName}, ${person.givenName}`, {
    id: 'name',
    header: 'Name',
    cell: (info) => <Link href={`/people/${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  column.accessor('nhsNumber', { header: 'NHS number', cell: (info) => formatNhsNumber(info.getValue()) }),
  column.accessor('dateOfBirth', { header: 'Date of birth', cell: (info) => formatDate(info.getValue()) }),
]);

/**
 * The caseload: search by any part of a name or by NHS number. Searching, counting and paging
 * happen in the database; the table only lays out the page it is given.
 */
export function CaseloadScreen() {
  usePageTitle('Caseload');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const [people, setPeople] = useState<PersonSummary[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    // Search as you type, but only once typing pauses.
    const timer = setTimeout(async () => {
      const result = await invoke('people.search', { query, limit: pageSize, offset: page * pageSize });
      if (!current) return;
      if (result.ok) {
        setPeople(result.value.people);
        setTotal(result.value.total);
        setError(null);
      } else {
        setError(result.error.message);
      }
    }, query ? 150 : 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, page]);

  return (
    <Main>
      <div className="app-table-actions">
        <h1 className="nhsuk-u-margin-bottom-4">Caseload</h1>
        <Link className="nhsuk-button nhsuk-u-margin-bottom-4" href="/people/new">
          Add a person
        </Link>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="caseload-search">
          Search by name or NHS number
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-30"
          id="caseload-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setPage(0);
          }}
        />
      </div>
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          {error}
        </p>
      ) : null}
      <p className="nhsuk-body" role="status" aria-live="polite">
        {total === null
          ? 'Loading…'
          : total === 0 && !query
            ? 'No one has been added yet.'
            : total === 0
              ? `No one matches “${query}”.`
              : resultsSummary(page, pageSize, people.length, total, ['person', 'people'])}
      </p>
      <DataTable columns={columns} data={people} caption="People in the caseload" rowId={(person) => person.id} />
      <Pager page={page} pageSize={pageSize} total={total ?? 0} label="Caseload pages" onPage={setPage} />
    </Main>
  );
}
