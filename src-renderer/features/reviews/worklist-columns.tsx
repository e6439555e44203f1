import { Link } from 'wouter';
import { useCan } from '../../app/app-state';
import { reviewReasonLabels, type ReviewWorklistRow } from '../../../src-shared/contract';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { formatDate } from '../../../src-shared/format';
import { columnHelper } from '../../components/DataTable';
import { personHref } from '../people/record/PersonRecord';
import { dueWords } from './review-words';

const column = columnHelper<ReviewWorklistRow>();

/** The due date, and how far off it is in words (overdue is said, never only coloured). */
function DueCell({ dueOn }: { dueOn: string }) {
  const words = dueWords(dueOn);
  return (
    <>
      <span className="app-review-nowrap">{formatDate(dueOn)}</span>
      {words ? <span className={`app-review-due${words.startsWith('Overdue') ? ' app-review-due--overdue' : ''}`}>{words}</span> : null}
    </>
  );
}

/** The way into the review; for those who may only read, their record. */
function NameCell({ row }: { row: ReviewWorklistRow }) {
  const canWrite = useCan()('people:write');
  return <Link href={personHref(row.personId, canWrite ? '/review' : '')}>{row.name}</Link>;
}

/**
 * Column ids are the contract's sort columns where the database can sort by them. The name opens
 * the review; the worklist's query goes with it, so the review can lead back to the same place.
 */
export const worklistColumns = column.columns([
  column.accessor('name', {
    id: 'name',
    header: 'Name',
    cell: (info) => <NameCell row={info.row.original} />,
  }),
  column.accessor('nhsNumber', {
    id: 'nhsNumber',
    header: 'NHS number',
    enableSorting: false,
    cell: (info) => <span className="app-review-nowrap">{formatNhsNumber(info.getValue())}</span>,
  }),
  column.accessor('dueOn', { id: 'dueOn', header: 'Due', cell: (info) => <DueCell dueOn={info.getValue()} /> }),
  column.accessor('reason', { id: 'reason', header: 'Reason', cell: (info) => reviewReasonLabels[info.getValue()] }),
  column.accessor('workerName', {
    id: 'worker',
    header: 'Assigned worker',
    cell: (info) => info.getValue() ?? <span className="nhsuk-u-secondary-text-colour">Not assigned</span>,
  }),
  column.accessor('reviewId', {
    id: 'started',
    header: 'Review',
    enableSorting: false,
    cell: (info) => (info.getValue() ? <strong className="nhsuk-tag nhsuk-tag--blue app-review-nowrap">Review started</strong> : <span className="nhsuk-u-secondary-text-colour">Not started</span>),
  }),
]);
