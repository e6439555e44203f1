import { Link } from 'wouter';
import type { CaseloadSortColumn, PersonSummary } from '../../../../src-shared/contract';
import { formatNhsNumber } from '../../../../src-shared/domain/nhs-number';
import { formatDate } from '../../../../src-shared/format';
import { columnHelper } from '../../../components/DataTable';
import { rememberOpened } from './caseload-store';

const column = columnHelper<PersonSummary>();

/** The name, what they like to be called, and the accessible-information flag. */
function NameCell({ person }: { person: PersonSummary }) {
  const needs = person.communicationNeeds;
  return (
    <>
      <Link href={`/people/${person.id}`} data-person-id={person.id} onClick={() => rememberOpened(person.id)}>
        {`${person.familyName}, ${person.givenName}`}
      </Link>
      {person.preferredName ? <span className="nhsuk-u-secondary-text-colour"> (known as {person.preferredName})</span> : null}
      {needs.length > 0 ? (
        <span className="app-row-flag">
          <strong className="nhsuk-tag nhsuk-tag--yellow">Communication needs</strong>
          <span className="nhsuk-u-visually-hidden">: </span>
          {needs.join('; ')}
        </span>
      ) : null}
    </>
  );
}

/** Columns a member of staff may hide; the name always shows, as it is the way into the record. */
export const optionalColumns = [
  { id: 'nhsNumber', label: 'NHS number' },
  { id: 'dateOfBirth', label: 'Date of birth' },
  { id: 'postcode', label: 'Postcode' },
  { id: 'assignedWorker', label: 'Assigned worker' },
  { id: 'status', label: 'Record status' },
] as const;
export type OptionalColumnId = (typeof optionalColumns)[number]['id'];

/** Shown until someone chooses otherwise. */
export const defaultVisibleColumns: readonly OptionalColumnId[] = ['nhsNumber', 'dateOfBirth', 'postcode', 'assignedWorker'];

/** Column ids are the contract's sort columns where the database can sort by them. */
export const caseloadColumns = column.columns([
  column.accessor((person) => `${person.familyName}, ${person.givenName}`, {
    id: 'name' satisfies CaseloadSortColumn,
    header: 'Name',
    enableHiding: false,
    cell: (info) => <NameCell person={info.row.original} />,
  }),
  column.accessor('nhsNumber', {
    id: 'nhsNumber' satisfies CaseloadSortColumn,
    header: 'NHS number',
    cell: (info) => <span className="app-nowrap">{formatNhsNumber(info.getValue())}</span>,
  }),
  column.accessor('dateOfBirth', {
    id: 'dateOfBirth' satisfies CaseloadSortColumn,
    header: 'Date of birth',
    cell: (info) => <span className="app-nowrap">{formatDate(info.getValue())}</span>,
  }),
  column.accessor('postcode', {
    id: 'postcode' satisfies CaseloadSortColumn,
    header: 'Postcode',
    cell: (info) => <span className="app-nowrap">{info.getValue()}</span>,
  }),
  column.accessor('assignedWorkerName', {
    id: 'assignedWorker' satisfies CaseloadSortColumn,
    header: 'Assigned worker',
    cell: (info) => info.getValue() ?? <span className="nhsuk-u-secondary-text-colour">Not assigned</span>,
  }),
  column.accessor('status', {
    id: 'status',
    header: 'Record status',
    enableSorting: false,
    cell: (info) => (info.getValue() === 'closed' ? 'Closed' : 'Open'),
  }),
]);
