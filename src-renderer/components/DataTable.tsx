import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type Header,
  type Row,
  type RowData,
  type SortingState,
  type TableOptions,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import type { ReactNode, Ref } from 'react';
import { TableScroll } from './TableScroll';
import './data-table.scss';

/**
 * Every table in PlanWell: a TanStack Table laid out with NHS.UK table styles. Sorting, filtering
 * and paging happen in the database, so the table only lays out the rows it is given; when a
 * screen passes `sorting`, the headers become buttons that ask for another order (aria-sort says
 * which one is in force). `VirtualDataTable` lays out very long lists the same way.
 */
export const tableCoreFeatures = tableFeatures({ columnVisibilityFeature, rowSortingFeature });
export type TableCoreFeatures = typeof tableCoreFeatures;
export type TableColumns<TData extends RowData> = TableOptions<TableCoreFeatures, TData>['columns'];
export type TableRow<TData extends RowData> = Row<TableCoreFeatures, TData>;

export function columnHelper<TData extends RowData>() {
  return createColumnHelper<TableCoreFeatures, TData>();
}

/** One column's order, as the database is asked for it. */
export interface TableSort {
  columnId: string;
  direction: 'ascending' | 'descending';
}

/** What both table components share: columns, caption, ids, and the optional server-side sort. */
export interface TableLayoutProps<TData extends RowData> {
  /** Keep at module scope (or memoised): a new array each render rebuilds the table. */
  columns: TableColumns<TData>;
  caption: string;
  /** Shows the caption to everyone; otherwise only to screen readers. */
  captionVisible?: boolean;
  rowId: (row: TData) => string;
  /** The order in force. With `onSortChange`, columns that allow sorting get header buttons. */
  sort?: TableSort;
  onSortChange?: (sort: TableSort) => void;
  /** Columns to hide, by id (`false` hides; a missing id is shown). */
  columnVisibility?: ColumnVisibilityState;
}

const noVisibilityChoices: ColumnVisibilityState = {};

/** The TanStack table for a layout: sorting and visibility are owned by the screen, rows by the database. */
export function useLayoutTable<TData extends RowData>(props: TableLayoutProps<TData>, data: TData[]) {
  const { columns, rowId, sort, onSortChange, columnVisibility } = props;
  const sorting: SortingState = sort ? [{ id: sort.columnId, desc: sort.direction === 'descending' }] : [];
  return useTable({
    features: tableCoreFeatures,
    columns,
    data,
    getRowId: rowId,
    manualSorting: true,
    enableSorting: Boolean(onSortChange),
    enableMultiSort: false,
    enableSortingRemoval: false,
    // A first press sorts A to Z, oldest date first; the next press reverses it.
    sortDescFirst: false,
    state: { sorting, columnVisibility: columnVisibility ?? noVisibilityChoices },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && onSortChange) onSortChange({ columnId: first.id, direction: first.desc ? 'descending' : 'ascending' });
    },
  });
}

type LayoutTable<TData extends RowData> = ReturnType<typeof useLayoutTable<TData>>;

function ariaSort<TData extends RowData>(header: Header<TableCoreFeatures, TData, unknown>): 'ascending' | 'descending' | 'none' | undefined {
  if (!header.column.getCanSort()) return undefined;
  const sorted = header.column.getIsSorted();
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

/** The caption and the header row; sortable headers hold a button (as in the MOJ sortable table). */
export function TableHead<TData extends RowData>({
  table,
  caption,
  captionVisible,
  headRef,
}: {
  table: LayoutTable<TData>;
  caption: string;
  captionVisible?: boolean;
  /** For a table that needs to know how tall its header row is. */
  headRef?: Ref<HTMLTableSectionElement>;
}) {
  return (
    <>
      <caption className={`nhsuk-table__caption${captionVisible ? '' : ' nhsuk-u-visually-hidden'}`}>{caption}</caption>
      <thead className="nhsuk-table__head" ref={headRef}>
        {table.getHeaderGroups().map((group) => (
          <tr className="nhsuk-table__row" key={group.id}>
            {group.headers.map((header) => {
              const sort = ariaSort(header);
              return (
                <th className="nhsuk-table__header" scope="col" key={header.id} aria-sort={sort} data-column={header.column.id}>
                  {sort ? (
                    <button type="button" className="app-sort-button" data-sort={sort} onClick={header.column.getToggleSortingHandler()}>
                      <table.FlexRender header={header} />
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
    </>
  );
}

/** One row's cells (the visible columns only). */
export function TableCells<TData extends RowData>({ table, row }: { table: LayoutTable<TData>; row: TableRow<TData> }) {
  return row.getVisibleCells().map((cell) => (
    <td className="nhsuk-table__cell" key={cell.id}>
      <table.FlexRender cell={cell} />
    </td>
  ));
}

interface DataTableProps<TData extends RowData> extends TableLayoutProps<TData> {
  data: TData[];
  empty?: ReactNode;
}

/** A short table, all of whose rows are in the page (staff, audit events, a page of results). */
export function DataTable<TData extends RowData>({ data, empty, ...layout }: DataTableProps<TData>) {
  const table = useLayoutTable(layout, data);
  if (data.length === 0 && empty) return <>{empty}</>;
  return (
    <TableScroll label={layout.caption}>
      <table className="nhsuk-table">
        <TableHead table={table} caption={layout.caption} captionVisible={layout.captionVisible} />
        <tbody className="nhsuk-table__body">
          {table.getRowModel().rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.id}>
              <TableCells table={table} row={row} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
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
