import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { invoke } from '../../api/client';
import { myReviewsSentence } from './review-words';
import { defaultPlace, worklistHref } from './worklist-query';

/**
 * On the caseload, straight after log-in: how many of the signed-in worker's reviews are overdue
 * or due in the next 14 days, with the way to them. Nothing when there are none.
 */
export function MyReviewsNotice() {
  const [counts, setCounts] = useState<{ overdue: number; dueSoon: number } | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('reviews.myCounts', {}).then((result) => {
      if (live && result.ok) setCounts(result.value);
    });
    return () => {
      live = false;
    };
  }, []);
  const sentence = counts ? myReviewsSentence(counts) : null;
  if (!counts || !sentence) return null;
  const href = worklistHref({ ...defaultPlace, bucket: counts.overdue > 0 ? 'overdue' : 'due-soon', worker: 'me' });
  return (
    <div className="nhsuk-inset-text app-my-reviews">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        {sentence} <Link href={href}>See your reviews</Link>
      </p>
    </div>
  );
}
