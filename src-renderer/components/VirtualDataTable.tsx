import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import type { RowData } from '@tanstack/react-table';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { TableCells, TableHead, useLayoutTable, type TableLayoutProps } from './DataTable';

let lastHeadHeight = 0;

/** Where a list was scrolled to, with the row heights measured so far, so it comes back exactly. */
export interface ScrollPlace {
  offset: number;
  measurements: VirtualItem[];
}

interface VirtualDataTableProps<TData extends RowData> extends TableLayoutProps<TData> {
  /** How many rows the whole list has (in the database), whether loaded yet or not. */
  rowCount: number;
  /**
   * The row at an index, or undefined while its page is still loading. A new function whenever
   * rows arrive (memoise it on them), so the rows in view are looked up again.
   */
  rowAt: (index: number) => TData | undefined;
  /** Told which rows are in view (plus overscan), so the screen can load their pages. */
  onRangeChange: (first: number, last: number) => void;
  /** Where to start (to come back to the same place), as `onLeave` gave it. */
  place?: ScrollPlace;
  /** Told where the list was when the table leaves the page. */
  onLeave?: (place: ScrollPlace) => void;
  /** A new value scrolls back to the top (a new search). */
  scrollToTopKey?: number;
  /** A first guess at a row's height, in pixels; rows are measured once drawn. */
  estimatedRowHeight: number;
  /** What a row still loading says. */
  loadingText: string;
  /** A label for the scrolling region (it takes keyboard focus so it can be scrolled by keys). */
  regionLabel: string;
  overscan?: number;
}

/**
 * A long list as one table: only the rows in view (plus a few either side) are in the page, with
 * spacer rows standing in for the rest, so 100,000 people scroll as lightly as 10. aria-rowcount
 * and aria-rowindex tell assistive technology where each drawn row sits in the whole list. Tab
 * moves through the links in the rows (the browser scrolls each into view, and the rows around
 * it are drawn); the up and down arrow keys move between rows' first links.
 */
export function VirtualDataTable<TData extends RowData>(props: VirtualDataTableProps<TData>) {
  const { rowCount, rowAt, onRangeChange, place, onLeave, scrollToTopKey, estimatedRowHeight, loadingText, regionLabel, overscan = 8, ...layout } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  // Starts at the height last measured, so a list coming back lays its rows out where they were.
  const [headHeight, setHeadHeight] = useState(lastHeadHeight);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedRowHeight,
    overscan,
    paddingStart: headHeight,
    scrollPaddingStart: headHeight,
    initialOffset: place?.offset ?? 0,
    ...(place ? { initialMeasurementsCache: place.measurements } : {}),
    // Rows are laid out in the first render, so the list is tall enough to scroll back into place.
    initialRect: { width: 0, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useLayoutEffect(() => {
    const head = headRef.current;
    if (!head) return;
    const measure = () => {
      lastHeadHeight = head.offsetHeight;
      setHeadHeight(head.offsetHeight);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(head);
    measure();
    return () => observer.disconnect();
  }, []);

  const leave = useRef(onLeave);
  useEffect(() => {
    leave.current = onLeave;
  }, [onLeave]);
  // The element's own scrollTop, kept as it scrolls: by the time the table leaves, it is gone.
  const scrollTop = useRef(place?.offset ?? 0);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () => {
      scrollTop.current = element.scrollTop;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);
  useEffect(
    () => () => {
      leave.current?.({ offset: scrollTop.current, measurements: virtualizer.takeSnapshot() });
    },
    [virtualizer],
  );

  const topKey = useRef(scrollToTopKey);
  useEffect(() => {
    if (topKey.current === scrollToTopKey) return;
    topKey.current = scrollToTopKey;
    virtualizer.scrollToOffset(0);
  }, [scrollToTopKey, virtualizer]);

  useLayoutEffect(() => {
    if (last >= first) onRangeChange(first, last);
  }, [first, last, rowCount, onRangeChange]);

  // Only the rows in view go through the table model; it stays as small as the window.
  const data = useMemo(() => {
    const inView: TData[] = [];
    for (let index = first; index <= last; index++) {
      const row = rowAt(index);
      if (row !== undefined) inView.push(row);
    }
    return inView;
  }, [first, last, rowAt]);
  const table = useLayoutTable(layout, data);
  const rowsById = new Map(table.getRowModel().rows.map((row) => [row.id, row]));
  const columnCount = Math.max(1, table.getVisibleLeafColumns().length);

  const paddingTop = items.length > 0 ? items[0]!.start - headHeight : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;

  const moveBetweenRows = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const target = event.target as HTMLElement;
    const rowElement = target.closest<HTMLTableRowElement>('tr[data-index]');
    if (!rowElement || !(target instanceof HTMLAnchorElement || target instanceof HTMLButtonElement)) return;
    const next = Number(rowElement.dataset.index) + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= rowCount) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const focusNext = (attempt: number) => {
      const link = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${next}"] a, tr[data-index="${next}"] button`);
      if (link) link.focus();
      else if (attempt < 10) requestAnimationFrame(() => focusNext(attempt + 1));
    };
    requestAnimationFrame(() => focusNext(0));
  };

  const loadingRow = (index: number, key: string): ReactNode => (
    <tr className="nhsuk-table__row app-virtual-table__loading" key={key} data-index={index} ref={virtualizer.measureElement} aria-rowindex={index + 2}>
      <td className="nhsuk-table__cell" colSpan={columnCount}>
        {loadingText}
      </td>
    </tr>
  );

  return (
    <div className="app-virtual-table" ref={scrollRef} tabIndex={0} role="region" aria-label={regionLabel} style={{ scrollPaddingTop: headHeight }}>
      <table className="nhsuk-table" aria-rowcount={rowCount + 1}>
        <TableHead table={table} caption={layout.caption} captionVisible={layout.captionVisible} headRef={headRef} />
        <tbody className="nhsuk-table__body" onKeyDown={moveBetweenRows}>
          {paddingTop > 0 ? (
            <tr aria-hidden="true" className="app-virtual-table__spacer" style={{ height: paddingTop }}>
              <td colSpan={columnCount} />
            </tr>
          ) : null}
          {items.map((item) => {
            const data = rowAt(item.index);
            const row = data === undefined ? undefined : rowsById.get(layout.rowId(data));
            if (!row) return loadingRow(item.index, `loading-${item.index}`);
            return (
              <tr className="nhsuk-table__row" key={row.id} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                <TableCells table={table} row={row} />
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true" className="app-virtual-table__spacer" style={{ height: paddingBottom }}>
              <td colSpan={columnCount} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
