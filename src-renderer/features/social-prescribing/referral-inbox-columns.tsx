import { Link } from 'wouter';
import { referralSourceLabels, referralUrgencyLabels, type ReferralInboxRow } from '../../../src-shared/contract';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { formatDate } from '../../../src-shared/format';
import { columnHelper } from '../../components/DataTable';
import { ReferralStatusTag } from './referral-parts';
import { referralHref } from './referral-words';

const column = columnHelper<ReferralInboxRow>();

const NoWrap = ({ text }: { text: string }) => <span className="app-referral-nowrap">{text}</span>;

/**
 * Column ids are the contract's sort columns where the database can sort by them. The name opens
 * the referral; the NHS number and the source sit under the name and the date, to keep the table
 * narrow enough to read without scrolling.
 */
export const inboxColumns = column.columns([
  column.accessor('name', {
    id: 'name',
    header: 'Name',
    cell: (info) => (
      <>
        <Link href={referralHref(info.row.original.personId, info.row.original.referralId)}>
          {info.getValue()}
          <span className="nhsuk-u-visually-hidden">, referral of {formatDate(info.row.original.referredOn)}</span>
        </Link>
        <span className="app-referral-aside app-referral-nowrap">NHS number {formatNhsNumber(info.row.original.nhsNumber)}</span>
      </>
    ),
  }),
  column.accessor('referredOn', {
    id: 'referredOn',
    header: 'Referred',
    cell: (info) => (
      <>
        <NoWrap text={formatDate(info.getValue())} />
        <span className="app-referral-aside">by {referralSourceLabels[info.row.original.source]}</span>
      </>
    ),
  }),
  column.accessor((row) => row.reasons.join('; '), { id: 'reasons', header: 'Reasons', enableSorting: false }),
  column.accessor('urgency', { id: 'urgency', header: 'Urgency', cell: (info) => referralUrgencyLabels[info.getValue()] }),
  column.accessor('status', { id: 'status', header: 'Status', cell: (info) => <ReferralStatusTag status={info.getValue()} /> }),
  column.accessor('statusChangedOn', { id: 'statusChangedOn', header: 'Status since', cell: (info) => <NoWrap text={formatDate(info.getValue())} /> }),
  column.accessor('contactCount', { id: 'contactCount', header: 'Contacts', enableSorting: false }),
  column.accessor('workerName', {
    id: 'worker',
    header: 'Assigned worker',
    enableSorting: false,
    cell: (info) => info.getValue() ?? <span className="nhsuk-u-secondary-text-colour">Not assigned</span>,
  }),
]);
