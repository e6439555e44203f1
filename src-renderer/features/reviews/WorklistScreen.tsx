import { useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { reviewReasonLabels, reviewReasons } from '../../../src-shared/contract';
import type { ReviewBucket } from '../../../src-shared/domain/review-due';
import { useAnswerFor } from '../../api/use-answer';
import { Main } from '../../app/Main';
import { DataTable, type TableSort } from '../../components/DataTable';
import { LinkTabs } from '../../components/LinkTabs';
import { PagedResults } from '../../components/PagedResults';
import { usePageTitle } from '../../components/PageTitle';
import { useStaffOptions } from '../people/record/record-form';
import { bucketLabels } from './review-words';
import { worklistColumns } from './worklist-columns';
import { isWorklistSortColumn, placeFromSearch, worklistHref, worklistInput, worklistPageSize, type WorklistPlace } from './worklist-query';
import './reviews.scss';

const buckets: readonly ReviewBucket[] = ['overdue', 'due-soon', 'upcoming'];

const emptyMessages: Record<ReviewBucket, string> = {
  overdue: 'No reviews are overdue',
  'due-soon': 'No reviews are due in the next 14 days',
  upcoming: 'No reviews are coming up',
};

/**
 * Whose review is overdue, due in the next 14 days, or coming up: one tab each with its count,
 * filtered by assigned worker and reason, sorted and paged in the database. The tab, filters,
 * order and page are in the address, so back from a review comes back to the same place.
 */
export function WorklistScreen() {
  usePageTitle('Reviews');
  const search = useSearch();
  const [, navigate] = useLocation();
  const place = useMemo(() => placeFromSearch(search), [search]);
  const href = worklistHref(place);
  // Active staff, without the assigned-worker form's "Nobody" (this list has its own).
  const staff = (useStaffOptions() ?? []).filter((option) => option.value !== '');
  const input = useMemo(() => worklistInput(place), [place]);
  const { answer, error } = useAnswerFor('reviews.worklist', href, input);

  /** Filters and order replace the current place in the history; tabs and pages add one. */
  const go = (changes: Partial<WorklistPlace>, replace = false) => navigate(worklistHref({ ...place, page: 0, ...changes }), { replace });
  const pending = answer?.href !== href;
  const sort: TableSort = { columnId: place.sort.column, direction: place.sort.direction };
  const knownWorker = ['', 'me', 'nobody', ...staff.map((member) => member.value)].includes(place.worker);

  return (
    <Main>
      <h1>Reviews</h1>
      <p>Plans and budgets are reviewed when the rules say, and sooner when money or health changes. Open a name to start or carry on with the review.</p>
      <search className="app-review-filters" aria-label="Filter the reviews">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="worklist-worker">
            Assigned worker
          </label>
          <select className="nhsuk-select" id="worklist-worker" value={place.worker} onChange={(event) => go({ worker: event.target.value }, true)}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="nobody">Nobody (not assigned)</option>
            {staff.map((member) => (
              <option key={member.value} value={member.value}>
                {member.label}
              </option>
            ))}
            {knownWorker ? null : <option value={place.worker}>Someone no longer working here</option>}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="worklist-reason">
            Reason
          </label>
          <select
            className="nhsuk-select"
            id="worklist-reason"
            value={place.reason}
            onChange={(event) => go({ reason: reviewReasons.find((reason) => reason === event.target.value) ?? '' }, true)}
          >
            <option value="">Any reason</option>
            {reviewReasons.map((reason) => (
              <option key={reason} value={reason}>
                {reviewReasonLabels[reason]}
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
        label="Reviews by when they are due"
        className="app-review-tabs"
        busy={pending}
        tabs={buckets.map((bucket) => ({ key: bucket, label: bucketLabels[bucket], href: worklistHref({ ...place, bucket, page: 0 }), selected: bucket === place.bucket, count: answer ? answer.counts[bucket] : null }))}
      >
        <h2 className="nhsuk-heading-m">{bucketLabels[place.bucket]}</h2>
        <PagedResults
          counts={answer ? { shown: answer.rows.length, total: answer.total } : null}
          page={place.page}
          pageSize={worklistPageSize}
          nouns={['review', 'reviews']}
          emptyMessage={`${emptyMessages[place.bucket]}${place.worker || place.reason ? ' with these filters' : ''}.`}
          firstPageHref={worklistHref({ ...place, page: 0 })}
          pagerLabel="Pages of reviews"
          onPage={(page) => go({ page })}
        >
          <DataTable
            columns={worklistColumns}
            data={answer?.rows ?? []}
            caption={`Reviews: ${bucketLabels[place.bucket].toLowerCase()}`}
            rowId={(row) => row.personId}
            sort={sort}
            onSortChange={(next) => {
              if (isWorklistSortColumn(next.columnId)) go({ sort: { column: next.columnId, direction: next.direction } }, true);
            }}
          />
        </PagedResults>
      </LinkTabs>
    </Main>
  );
}
