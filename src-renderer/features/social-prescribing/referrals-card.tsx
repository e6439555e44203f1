import { useEffect, useId, useState } from 'react';
import { Link } from 'wouter';
import type { Referral } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { columnHelper, DataTable } from '../../components/DataTable';
import { Loading, ReferralStatusTag } from './referral-parts';
import { newReferralHref, referralHref, referralSourceWords, referralTitle } from './referral-words';

const column = columnHelper<Referral>();
const columns = column.columns([
  column.accessor('referredOn', {
    header: 'Referral',
    cell: (info) => <Link href={referralHref(info.row.original.personId, info.row.original.id)}>{referralTitle(info.row.original)}</Link>,
  }),
  column.accessor((referral) => referralSourceWords(referral), { id: 'source', header: 'Referred by' }),
  column.accessor('status', {
    header: 'Status',
    cell: (info) => (
      <>
        <ReferralStatusTag status={info.getValue()} />
        <span className="app-referral-aside">since {formatDate(info.row.original.statusChangedOn)}</span>
      </>
    ),
  }),
]);

/**
 * The person's social prescribing referrals on their page, newest first, each leading to the
 * referral; and for workers, while the record is open, the way to record a new one.
 */
export function SocialPrescribingCard({ personId, canRecord }: { personId: string; canRecord: boolean }) {
  const [referrals, setReferrals] = useState<Referral[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  useEffect(() => {
    let live = true;
    void invoke('referrals.forPerson', { personId }).then((result) => {
      if (!live) return;
      if (result.ok) setReferrals(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [personId]);

  return (
    <section className="nhsuk-card" aria-labelledby={headingId}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={headingId}>
          Social prescribing
        </h2>
        {error ? (
          <p className="nhsuk-error-message">{error}</p>
        ) : !referrals ? (
          <Loading what="Loading…" />
        ) : referrals.length === 0 ? (
          <p>No social prescribing referrals.</p>
        ) : (
          <DataTable columns={columns} data={referrals} caption="Social prescribing referrals, newest first" rowId={(referral) => referral.id} />
        )}
        {canRecord ? (
          <p className="nhsuk-u-margin-bottom-0">
            <Link href={newReferralHref(personId)}>Record a referral</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
