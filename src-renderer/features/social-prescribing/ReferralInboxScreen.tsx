import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { referralStatuses, referralStatusLabels, type ReferralStatus } from '../../../src-shared/contract';
import { useAnswerFor } from '../../api/use-answer';
import { Main } from '../../app/Main';
import { DataTable, type TableSort } from '../../components/DataTable';
import { LinkTabs } from '../../components/LinkTabs';
import { PagedResults } from '../../components/PagedResults';
import { usePageTitle } from '../../components/PageTitle';
import { inboxColumns } from './referral-inbox-columns';
import { inboxHref, inboxInput, inboxPageSize, inboxPlaceFromSearch, isInboxSortColumn, type InboxPlace } from './referral-inbox-query';
import './referrals.scss';

const tabs: readonly (ReferralStatus | '')[] = ['', ...referralStatuses];
const tabLabel = (status: ReferralStatus | '') => (status ? referralStatusLabels[status] : 'All');

const whoseOptions: { value: InboxPlace['whose']; label: string }[] = [
  { value: '', label: 'Everyone' },
  { value: 'me', label: 'My caseload' },
  { value: 'nobody', label: 'Nobody assigned' },
];

/**
 * Social prescribing referrals: a tab per status with its count, filtered by whose caseload the
 * person is on, sorted and paged in the database. The tab, filter, order and page are in the
 * address, so back from a referral comes back to the same place.
 */
export function ReferralInboxScreen() {
  usePageTitle('Referrals');
  const search = useSearch();
  const [, navigate] = useLocation();
  const place = useMemo(() => inboxPlaceFromSearch(search), [search]);
  const href = inboxHref(place);
  const input = useMemo(() => inboxInput(place), [place]);
  const { answer, error } = useAnswerFor('referrals.inbox', href, input);

  /** The filter and order replace the current place in the history; tabs and pages add one. */
  const go = (changes: Partial<InboxPlace>, replace = false) => navigate(inboxHref({ ...place, page: 0, ...changes }), { replace });
  const pending = answer?.href !== href;
  const sort: TableSort = { columnId: place.sort.column, direction: place.sort.direction };
  const count = (status: ReferralStatus | '') => {
    if (!answer) return null;
    return status ? answer.counts[status] : Object.values(answer.counts).reduce((sum, n) => sum + n, 0);
  };
  const heading = place.status ? referralStatusLabels[place.status] : 'All referrals';

  return (
    <Main>
      <h1>Referrals</h1>
      <p>Social prescribing referrals and where each one has got to. Open a name to see the referral, log a contact or connect them to support.</p>
      <ul className="nhsuk-list app-referral-links">
        <li>
          <Link href="/directory?">Directory of local support</Link>
        </li>
        <li>
          <Link href="/reports/social-prescribing?">Caseload report</Link>
        </li>
      </ul>

      <search className="app-referral-filters" aria-label="Filter the referrals">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="inbox-whose">
            Whose referrals
          </label>
          <select
            className="nhsuk-select"
            id="inbox-whose"
            value={place.whose}
            onChange={(event) => go({ whose: whoseOptions.find((option) => option.value === event.target.value)?.value ?? '' }, true)}
          >
            {whoseOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </search>

      {error ? (
        <p className="nhsuk-error-message" role="alert">
          {error}
        </p>
      ) : null}

      <LinkTabs
        label="Referrals by status"
        busy={pending}
        tabs={tabs.map((status) => ({ key: status || 'all', label: tabLabel(status), href: inboxHref({ ...place, status, page: 0 }), selected: status === place.status, count: count(status) }))}
      >
        <h2 className="nhsuk-heading-m">{heading}</h2>
        <PagedResults
          counts={answer ? { shown: answer.rows.length, total: answer.total } : null}
          page={place.page}
          pageSize={inboxPageSize}
          nouns={['referral', 'referrals']}
          emptyMessage={`There are no ${place.status ? `${referralStatusLabels[place.status].toLowerCase()} ` : ''}referrals${place.whose ? ' with this filter' : ''}.`}
          firstPageHref={inboxHref({ ...place, page: 0 })}
          pagerLabel="Pages of referrals"
          onPage={(page) => go({ page })}
        >
          <DataTable
            columns={inboxColumns}
            data={answer?.rows ?? []}
            caption={`Referrals: ${heading.toLowerCase()}`}
            rowId={(row) => row.referralId}
            sort={sort}
            onSortChange={(next) => {
              if (isInboxSortColumn(next.columnId)) go({ sort: { column: next.columnId, direction: next.direction } }, true);
            }}
          />
        </PagedResults>
      </LinkTabs>
    </Main>
  );
}
