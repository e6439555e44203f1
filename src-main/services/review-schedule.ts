import {
  type Budget,
  type ReviewReason,
  type SignedInUser,
} from '../../src-shared/contract';
import { applicableRuleKeys, reviewLimit, reviewRuleLabels, type ReviewRule, type ReviewRuleKey } from '../../src-shared/domain/review-due';
import { formatDate, isoDateInLondon } from '../../src-shared/format';
import type { Clock } from '../clock';
import type { AppDatabase } from '../db/database';

/**
 * Each person's next review (`review_schedule`) and the rules it is counted by. Plans and reviews
 * both set it: agreeing a plan, signing a review, a trigger bringing it forward.
 */

export async function readRules(db: AppDatabase): Promise<ReviewRule[]> {
  const rows = await db.selectFrom('review_rule').selectAll().orderBy('key').execute();
  return rows.map((r) => ({ key: r.key as ReviewRuleKey, firstMonths: r.first_months, thenMonths: r.then_months }));
}

/** The dates the rules count from: the person's first agreement, and their last signed review. */
async function reviewHistory(db: AppDatabase, personId: string, today: string): Promise<{ firstAgreedOn: string; lastReviewedOn: string | null }> {
  const first = await db.selectFrom('care_plan').select((eb) => eb.fn.min('agreed_on').as('first')).where('person_id', '=', personId).where('agreed_on', 'is not', null).executeTakeFirst();
  const last = await db.selectFrom('plan_review').select((eb) => eb.fn.max('signed_at').as('last')).where('person_id', '=', personId).where('status', '=', 'signed').executeTakeFirst();
  return { firstAgreedOn: (first?.first as string | null) ?? today, lastReviewedOn: last?.last ? isoDateInLondon(new Date(last.last as string)) : null };
}

/** The latest the next review may be, for a plan with this budget, counted as the rules say. */
export async function nextReviewLimit(db: AppDatabase, personId: string, budget: Budget | null, today: string, history?: { firstAgreedOn: string; lastReviewedOn: string | null }): Promise<string> {
  return reviewLimit(await readRules(db), applicableRuleKeys(budget), history ?? (await reviewHistory(db, personId, today)));
}

function ruleExplanation(budget: Budget | null): string {
  return applicableRuleKeys(budget).map((key) => reviewRuleLabels[key].toLowerCase()).join(' and ');
}

/**
 * For plans.agree: the review date must not be later than the rules allow. Returns the problem,
 * or null; the agreement then schedules the review with `scheduleReview`.
 */
export async function agreedReviewDateProblem(trx: AppDatabase, personId: string, budget: Budget | null, reviewDate: string, today: string): Promise<{ path: string; message: string } | null> {
  const history = await reviewHistory(trx, personId, today);
  // Agreeing now counts as the first agreement if there has been none.
  const limit = await nextReviewLimit(trx, personId, budget, today, history);
  if (reviewDate === '' || reviewDate <= limit) return null;
  return { path: 'reviewDate', message: `The review date must be on or before ${formatDate(limit)}, as the review rules say for a ${ruleExplanation(budget)}` };
}

export async function scheduleReview(trx: AppDatabase, clock: Clock, user: SignedInUser, personId: string, dueOn: string, reason: ReviewReason, note = ''): Promise<void> {
  const values = { due_on: dueOn, reason, note, set_at: clock.now().toISOString(), set_by: user.id };
  await trx.insertInto('review_schedule').values({ person_id: personId, ...values }).onConflict((oc) => oc.column('person_id').doUpdateSet(values)).execute();
}

