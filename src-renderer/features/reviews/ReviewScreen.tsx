import { useCallback, useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { PlanReview, ReviewSchedule } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { usePersonRecord } from '../people/record/PersonRecord';
import { planHref } from '../plans/plan-view-links';
import { ReviewForm } from './ReviewForm';
import { ReviewPage } from './review-page';
import { signedOn, signedReviewHref } from './review-parts';
import { dueBucket } from './review-words';
import { ReviewScheduleCard } from './ReviewScheduleCard';
import { SignedReview } from './SignedReview';
import { useReviewContext } from './use-review-context';

type Opening =
  | { state: 'loading' }
  | { state: 'problem'; message: string }
  /** Their next review is not due yet, and none is under way: nothing is started by opening the screen. */
  | { state: 'not-due'; schedule: ReviewSchedule; reviews: PlanReview[] }
  | { state: 'open'; review: PlanReview; reviews: PlanReview[]; notice: string | null };

/**
 * The review of a person's plan. Opening it carries on with the review under way, or starts one
 * (reviews.start) when their review is due: overdue, due in the next 14 days, or brought forward.
 * A review not due yet is started only when asked, so looking does not start one. `?review=<id>`
 * shows one of their reviews, read-only once signed.
 */
export function ReviewScreen() {
  const { person } = usePersonRecord();
  const askedId = new URLSearchParams(useSearch()).get('review');
  const [opening, setOpening] = useState<Opening>({ state: 'loading' });

  const start = useCallback(
    async (reviews: PlanReview[]) => {
      const result = await invoke('reviews.start', { personId: person.id });
      if (result.ok) setOpening({ state: 'open', review: result.value, reviews: [result.value, ...reviews.filter((r) => r.id !== result.value.id)], notice: null });
      else setOpening({ state: 'problem', message: result.error.message });
    },
    [person.id],
  );

  useEffect(() => {
    let live = true;
    setOpening({ state: 'loading' });
    void Promise.all([invoke('reviews.list', { personId: person.id }), invoke('reviews.schedule', { personId: person.id })]).then(([list, schedule]) => {
      if (!live) return;
      if (!list.ok) return setOpening({ state: 'problem', message: list.error.message });
      if (!schedule.ok) return setOpening({ state: 'problem', message: schedule.error.message });
      const reviews = list.value;
      const shown = reviews.find((r) => r.id === askedId) ?? reviews.find((r) => r.status === 'draft');
      if (shown) return setOpening({ state: 'open', review: shown, reviews, notice: null });
      if (schedule.value && dueBucket(schedule.value.dueOn) === 'upcoming') return setOpening({ state: 'not-due', schedule: schedule.value, reviews });
      void start(reviews);
    });
    return () => {
      live = false;
    };
  }, [person.id, askedId, start]);

  switch (opening.state) {
    case 'loading':
      return (
        <ReviewPage>
          <p className="nhsuk-body" role="status">
            Opening the review…
          </p>
        </ReviewPage>
      );
    case 'problem':
      return (
        <ReviewPage>
          <p>{opening.message}</p>
          <p>
            <Link href={planHref(person.id)}>Go to their plan</Link>
          </p>
        </ReviewPage>
      );
    case 'not-due':
      return <NotDue schedule={opening.schedule} reviews={opening.reviews} onStart={() => void start(opening.reviews)} />;
    case 'open':
      return (
        <OpenReview
          // A review shown after another starts afresh: its own form and draft.
          key={opening.review.id}
          review={opening.review}
          reviews={opening.reviews}
          notice={opening.notice}
          onChanged={(review, notice) =>
            setOpening({ state: 'open', review, reviews: opening.reviews.map((r) => (r.id === review.id ? review : r)), notice })
          }
        />
      );
  }
}

function OpenReview({ review, reviews, notice, onChanged }: { review: PlanReview; reviews: PlanReview[]; notice: string | null; onChanged: (review: PlanReview, notice: string | null) => void }) {
  const context = useReviewContext(review, reviews);
  if (review.status === 'signed') {
    return (
      <ReviewPage notice={notice} formMessage={context.error}>
        <SignedReview review={review} plan={context.plan} />
      </ReviewPage>
    );
  }
  if (!context.plan) {
    return (
      <ReviewPage formMessage={context.error}>
        {context.error ? null : (
          <p className="nhsuk-body" role="status">
            Opening the plan under review…
          </p>
        )}
      </ReviewPage>
    );
  }
  return <ReviewForm review={review} context={context} plan={context.plan} onChanged={onChanged} />;
}

/** No review under way and none due yet: when it is due, the way to bring it forward, and their last review. */
function NotDue({ schedule, reviews, onStart }: { schedule: ReviewSchedule; reviews: PlanReview[]; onStart: () => void }) {
  const { person } = usePersonRecord();
  const [current, setCurrent] = useState(schedule);
  const signed = reviews.filter((review) => review.status === 'signed');
  const due = dueBucket(current.dueOn) !== 'upcoming';
  return (
    <ReviewPage>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2>{due ? 'Their review is due' : 'Their review is not due yet'}</h2>
          <p>{due ? 'Start it when you are with them.' : 'You can still start it now, for example if you are seeing them anyway.'}</p>
          <button type="button" className={`nhsuk-button${due ? '' : ' nhsuk-button--secondary'}`} onClick={onStart}>
            {due ? 'Start the review' : 'Start the review now'}
          </button>
          <ReviewScheduleCard personId={person.id} showReviewLink={false} onChanged={setCurrent} />
          <h2>Earlier reviews</h2>
          {signed.length === 0 ? (
            <p>They have not had a review yet.</p>
          ) : (
            <ul className="nhsuk-list">
              {signed.map((review) => (
                <li key={review.id}>
                  <Link href={signedReviewHref(review)}>
                    Review of version {review.planVersion}, signed on {signedOn(review)}
                  </Link>
                  {review.signedByName ? ` by ${review.signedByName}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </ReviewPage>
  );
}
