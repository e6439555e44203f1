import { useRef, type ReactNode, type RefObject } from 'react';
import { Link } from 'wouter';
import { Pager, resultsSummary } from './DataTable';

interface PagedResultsProps {
  /** How many rows this page shows and match in all; null while the first answer is on its way. */
  counts: { shown: number; total: number } | null;
  page: number;
  pageSize: number;
  /** "review", "reviews": what the rows are, for the summary. */
  nouns: [string, string];
  /** Said when nothing matches at all. */
  emptyMessage: string;
  firstPageHref: string;
  pagerLabel: string;
  onPage: (page: number) => void;
  /** The table of this page's rows, shown when there are any. */
  children: ReactNode;
  /** The summary, for a screen that also moves the keyboard to it (after a new search). */
  summaryRef?: RefObject<HTMLParagraphElement | null>;
}

/**
 * A page of results from the database: a summary of what is shown (announced, and where the
 * keyboard goes after paging, since the button pressed may be gone), the table, a way back when
 * the list has become shorter than the page asked for, and the pager.
 */
export function PagedResults({ counts, page, pageSize, nouns, emptyMessage, firstPageHref, pagerLabel, onPage, children, summaryRef: givenRef }: PagedResultsProps) {
  const ownRef = useRef<HTMLParagraphElement>(null);
  const summaryRef = givenRef ?? ownRef;
  return (
    <>
      <p className="nhsuk-body" role="status" ref={summaryRef} tabIndex={-1}>
        {!counts
          ? 'Loading…'
          : counts.total === 0
            ? emptyMessage
            : counts.shown === 0
              ? `There are no ${nouns[1]} on this page: the list has become shorter since it was opened.`
              : resultsSummary(page, pageSize, counts.shown, counts.total, nouns)}
      </p>
      {counts && counts.shown > 0 ? children : null}
      {counts && counts.shown === 0 && counts.total > 0 ? (
        <p>
          <Link href={firstPageHref}>Go to the first page</Link>
        </p>
      ) : null}
      {counts ? (
        <Pager
          page={page}
          pageSize={pageSize}
          total={counts.total}
          label={pagerLabel}
          onPage={(next) => {
            onPage(next);
            summaryRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}
