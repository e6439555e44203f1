import { createColumnHelper, tableFeatures, useTable, type RowData, type TableOptions } from '@tanstack/react-table';
import type { ReactNode } from 'react';

/**
 * Every table in PlanWell: a TanStack Table laid out with NHS.UK table styles. Sorting, filtering
 * and paging happen in the database, so the table only lays out the rows it is given.
 */
export const tableCoreFeatures = tableFeatures({});
export type TableCoreFeatures = typeof tableCoreFeatures;

export function columnHelper<TData extends RowData>() {
  return createColumnHelper<TableCoreFeatures, TData>();
}

interface DataTableProps<TData extends RowData> {
  /** Keep at module scope (or memoised): a new array each render rebuilds the table. */
  columns: TableOptions<TableCoreFeatures, TData>['columns'];
  data: TData[];
  caption: string;
  /** Shows the caption to everyone; otherwise only to screen readers. */
  captionVisible?: boolean;
  rowId: (row: TData) => string;
  empty?: ReactNode;
}

export function DataTable<TData extends RowData>({ columns, data, caption, captionVisible, rowId, empty }: DataTableProps<TData>) {
  const table = useTable({ features: tableCoreFeatures, columns, data, getRowId: rowId });
  if (data.length === 0 && empty) return <>{empty}</>;
  return (
    <table className="nhsuk-table">
      <caption className={`nhsuk-table__caption${captionVisible ? '' : ' nhsuk-u-visually-hidden'}`}>{caption}</caption>
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
          <tr className="nhsuk-table__row" key={row.id}>
            {row.getAllCells().map((cell) => (
              <td className="nhsuk-table__cell" key={cell.id}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  label: string;
  onPage: (page: number) => void;
}

/** Previous and next page, for results paged in the database. */
export function Pager({ page, pageSize, total, label, onPage }: PagerProps) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  return (
    <nav className="nhsuk-pagination" aria-label={label}>
      <ul className="nhsuk-list nhsuk-pagination__list">
        {page > 0 ? (
          <li className="nhsuk-pagination-item--previous">
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => onPage(page - 1)}>
              Previous page
            </button>
          </li>
        ) : null}
        <li>
          Page {page + 1} of {pages}
        </li>
        {page + 1 < pages ? (
          <li className="nhsuk-pagination-item--next">
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => onPage(page + 1)}>
              Next page
            </button>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** "Showing 1 to 50 of 312 people", or what to say when there is nothing. */
export function resultsSummary(page: number, pageSize: number, shown: number, total: number, noun: [string, string]): string {
  if (total === 0) return `No ${noun[1]} found.`;
  const first = page * pageSize + 1;
  const last = page * pageSize + shown;
  return `Showing ${first.toLocaleString('en-GB')} to ${last.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${total === 1 ? noun[0] : noun[1]}`;
}
