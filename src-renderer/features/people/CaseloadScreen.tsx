import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { PersonSummary } from '../../../src-shared/contract';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { usePageTitle } from '../../components/PageTitle';

const pageSize = 50;
const features = tableFeatures({});
const column = createColumnHelper<typeof features, PersonSummary>();
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

  const table = useTable({ features, columns, data: people });
  const pages = total === null ? 0 : Math.ceil(total / pageSize);
  const first = page * pageSize + 1;
  const last = page * pageSize + people.length;

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
          : total === 0
            ? query
              ? `No one matches “${query}”.`
              : 'No one has been added yet.'
            : `Showing ${first.toLocaleString('en-GB')} to ${last.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${total === 1 ? 'person' : 'people'}`}
      </p>
      {people.length > 0 ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">People in the caseload</caption>
          <thead className="nhsuk-table__head">
            {table.getHeaderGroups().map((group) => (
              <tr className="nhsuk-table__row" key={group.id}>
                {group.headers.map((header) => (
                  <th className="nhsuk-table__header" scope="col" key={header.id}>
                    <table.FlexRender header={header} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="nhsuk-table__body">
            {table.getRowModel().rows.map((row) => (
              <tr className="nhsuk-table__row" key={row.original.id}>
                {row.getAllCells().map((cell) => (
                  <td className="nhsuk-table__cell" key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pages > 1 ? (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Caseload pages">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {page > 0 ? (
              <li className="nhsuk-pagination-item--previous">
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setPage(page - 1)}>
                  Previous page
                </button>
              </li>
            ) : null}
            <li>
              Page {page + 1} of {pages}
            </li>
            {page + 1 < pages ? (
              <li className="nhsuk-pagination-item--next">
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setPage(page + 1)}>
                  Next page
                </button>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Main>
  );
}
