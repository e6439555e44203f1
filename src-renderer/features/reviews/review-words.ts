import type { MeasureContext } from '../../../src-shared/contract';
import { daysBetween } from '../../../src-shared/domain/calendar';
import { reviewBucket, type ReviewBucket } from '../../../src-shared/domain/review-due';
import { isoDateInLondon } from '../../../src-shared/format';

/** Today in the UK, as the main process counts it for due dates. */
export function today(): string {
  return isoDateInLondon(new Date());
}

const plural = (count: number, noun: string) => `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;

/**
 * How far off a due date is, in words, so overdue never rests on colour alone: "Overdue by 12
 * days", "Due today", "Due in 3 days"; nothing for a date further off than the due-soon window.
 */
export function dueWords(dueOn: string, on: string = today()): string {
  const days = daysBetween(on, dueOn);
  if (days < 0) return `Overdue by ${plural(-days, 'day')}`;
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  return reviewBucket(dueOn, on) === 'due-soon' ? `Due in ${plural(days, 'day')}` : '';
}

export function dueBucket(dueOn: string): ReviewBucket {
  return reviewBucket(dueOn, today());
}

export const bucketLabels: Record<ReviewBucket, string> = {
  overdue: 'Overdue',
  'due-soon': 'Due in the next 14 days',
  upcoming: 'Upcoming',
};

export const measureContextLabels: Record<MeasureContext, string> = {
  baseline: 'Baseline (at the start)',
  review: 'At a review',
  'follow-up': 'Follow-up (social prescribing)',
  discharge: 'At discharge (at the end)',
};

/** Shorter, for tables. */
export const measureContextShortLabels: Record<MeasureContext, string> = {
  baseline: 'Baseline',
  review: 'Review',
  'follow-up': 'Follow-up',
  discharge: 'Discharge',
};

/**
 * The log-in notice: "You have 2 reviews overdue and 3 due in the next 14 days", or null when
 * there is nothing to say.
 */
export function myReviewsSentence(counts: { overdue: number; dueSoon: number }): string | null {
  const { overdue, dueSoon } = counts;
  if (overdue === 0 && dueSoon === 0) return null;
  if (dueSoon === 0) return `You have ${plural(overdue, 'review')} overdue.`;
  if (overdue === 0) return `You have ${plural(dueSoon, 'review')} due in the next 14 days.`;
  return `You have ${plural(overdue, 'review')} overdue and ${dueSoon.toLocaleString('en-GB')} due in the next 14 days.`;
}
