import { useMemo } from 'react';
import type { ImportRowReport } from '../../../src-shared/contract';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { formatDate } from '../../../src-shared/format';
import { columnHelper, DataTable } from '../../components/DataTable';

function nameOf(row: ImportRowReport): string {
  return [row.values.familyName, row.values.givenName].filter(Boolean).join(', ') || 'No name';
}

const column = columnHelper<ImportRowReport>();

const problemColumns = column.columns([
  column.accessor('line', { header: 'Line' }),
  column.accessor(nameOf, { id: 'name', header: 'Name' }),
  column.accessor((row) => row.values.nhsNumber ?? '', { id: 'nhsNumber', header: 'NHS number' }),
  column.accessor('problems', {
    header: 'What is wrong',
    cell: (info) => (
      <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
        {info.getValue().map((problem, index) => (
          <li key={`${index}:${problem}`}>{problem}</li>
        ))}
      </ul>
    ),
  }),
]);

const validColumns = column.columns([
  column.accessor('line', { header: 'Line' }),
  column.accessor(nameOf, { id: 'name', header: 'Name' }),
  column.accessor((row) => row.values.dateOfBirth ?? '', { id: 'dateOfBirth', header: 'Date of birth', cell: (info) => formatDate(info.getValue()) }),
  column.accessor((row) => row.values.nhsNumber ?? '', { id: 'nhsNumber', header: 'NHS number', cell: (info) => formatNhsNumber(info.getValue()) }),
  column.accessor((row) => row.values.postcode ?? '', { id: 'postcode', header: 'Postcode' }),
]);

const rowId = (row: ImportRowReport) => String(row.line);

/** The preview's rows: those that will not be imported and why, then those that will. */
export function ImportRowTables({ rows }: { rows: readonly ImportRowReport[] }) {
  const [invalid, valid] = useMemo(
    () => [rows.filter((row) => row.status === 'invalid'), rows.filter((row) => row.status === 'valid')],
    [rows],
  );
  return (
    <>
      {invalid.length > 0 ? (
        <>
          <h2>Rows that will not be imported</h2>
          <DataTable columns={problemColumns} data={invalid} caption="Rows that will not be imported, and why" rowId={rowId} />
        </>
      ) : null}
      {valid.length > 0 ? (
        <>
          <h2>People to import</h2>
          <DataTable columns={validColumns} data={valid} caption="People to import" rowId={rowId} />
        </>
      ) : null}
    </>
  );
}
