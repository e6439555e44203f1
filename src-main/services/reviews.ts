import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  budgetSchema,
  planContentSchema,
  reviewContentSchema,
  type ChannelParsedInput,
  type OutcomeRecord,
  type PlanReview,
  type ReviewContent,
  type ReviewReason,
  type ReviewSchedule,
  type ReviewWorklistRow,
  type SignedInUser,
} from '../../src-shared/contract';
import { addDays } from '../../src-shared/domain/calendar';
import { swemwbsScore } from '../../src-shared/domain/outcome-measures';
import { applicableRuleKeys, dueSoonDays, reviewBucket, reviewLimit, reviewRuleLabels, type ReviewBucket, type ReviewRule } from '../../src-shared/domain/review-due';
import { formatDate, isoDateInLondon } from '../../src-shared/format';
import { recordAudit } from '../audit/trail';
import type { Clock } from '../clock';
import type { AppDatabase } from '../db/database';
import { AppError, conflict, notFound } from '../ipc/errors';
import { summarise } from './budgets';
import { nextReviewLimit, readRules, scheduleReview } from './review-schedule';
import { loadPerson } from './people';
import { createDraft } from './plans';
import type { SessionDependencies } from './session-dependencies';

/**
 * Reviews: each person with an agreed plan has one next review (`review_schedule`), worked out
 * from the rules when a plan is agreed and when a review is signed, and brought forward by
 * triggers (health changed, booked by hand, a budget's underspend or overspend). A review is a
 * draft until signed, then final.
 */

export async function listRules({ db }: SessionDependencies): Promise<ReviewRule[]> {
  return readRules(db);
}

export async function setRule({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.setRule'>): Promise<ReviewRule[]> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('review_rule').set({ first_months: input.firstMonths, then_months: input.thenMonths }).where('key', '=', input.key).execute();
    await recordAudit(trx, clock, {
      user, action: 'settings', channel: 'reviews.setRule',
      detail: `Review rule for ${reviewRuleLabels[input.key].toLowerCase()}: first within ${input.firstMonths} months, then every ${input.thenMonths}`,
    });
  });
  return readRules(db);
}

async function agreedPlan(db: AppDatabase, personId: string) {
  const row = await db.selectFrom('care_plan').select(['id', 'version', 'content_json', 'budget_json']).where('person_id', '=', personId).where('status', '=', 'agreed').executeTakeFirst();
  if (!row) return null;
  return { id: row.id, version: row.version, content: planContentSchema.parse(JSON.parse(row.content_json)), budget: row.budget_json ? budgetSchema.parse(JSON.parse(row.budget_json)) : null };
}

export async function getSchedule({ db, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.schedule'>): Promise<ReviewSchedule | null> {
  await loadPerson(db, input.personId);
  return readSchedule(db, input.personId, isoDateInLondon(clock.now()));
}

async function readSchedule(db: AppDatabase, personId: string, today: string): Promise<ReviewSchedule | null> {
  const row = await db.selectFrom('review_schedule').selectAll().where('person_id', '=', personId).executeTakeFirst();
  const plan = await agreedPlan(db, personId);
  if (!row || !plan) return null;
  return { dueOn: row.due_on, reason: row.reason as ReviewReason, note: row.note, limit: await nextReviewLimit(db, personId, plan.budget, today) };
}

/** Brings the next review forward: health changed, or booked by hand. Never pushes it later. */
export async function triggerReview({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.trigger'>): Promise<ReviewSchedule> {
  const today = isoDateInLondon(clock.now());
  return db.transaction().execute(async (trx) => {
    await loadPerson(trx, input.personId);
    const current = await readSchedule(trx, input.personId, today);
    if (!current) throw conflict('They have no agreed plan to review yet.');
    if (input.dueOn < today) throw new AppError('INVALID_INPUT', 'The review date must be today or later.', [{ path: 'dueOn', message: 'The review date must be today or later' }]);
    if (input.dueOn > current.dueOn) {
      throw new AppError('INVALID_INPUT', `Their next review is already due on ${formatDate(current.dueOn)}; this can only bring it forward.`, [
        { path: 'dueOn', message: `Choose a date on or before ${formatDate(current.dueOn)}, when their next review is already due` },
      ]);
    }
    await scheduleReview(trx, clock, user, input.personId, input.dueOn, input.reason, input.note);
    await recordAudit(trx, clock, { user, action: 'update', channel: 'reviews.trigger', personId: input.personId, detail: `Review brought forward to ${formatDate(input.dueOn)}` });
    const schedule = await readSchedule(trx, input.personId, today);
    if (!schedule) throw new Error('The schedule disappeared');
    return schedule;
  });
}

/** A budget's overspend or building underspend brings its review forward to today. */
export async function triggerFromBudgetAlerts(trx: AppDatabase, clock: Clock, user: SignedInUser, personId: string, today: string): Promise<void> {
  const summary = await summarise(trx, personId, today);
  const alert = summary?.alerts.find((a) => a.kind === 'overspend' || a.kind === 'underspend');
  if (!alert) return;
  const current = await trx.selectFrom('review_schedule').select(['due_on', 'reason']).where('person_id', '=', personId).executeTakeFirst();
  if (!current || current.due_on <= today) return;
  await scheduleReview(trx, clock, user, personId, today, alert.kind === 'overspend' ? 'overspend' : 'underspend', alert.message);
  await recordAudit(trx, clock, { user, action: 'update', channel: 'reviews.trigger', personId, detail: `Review brought forward to ${formatDate(today)}: budget ${alert.kind}` });
}

/**
 * Time alone builds an underspend, and spending an overspend: the worklist looks again at every
 * agreed budget when the day has changed or a payment has been recorded since it last looked.
 */
async function sweepBudgetAlerts(db: AppDatabase, clock: Clock, user: SignedInUser, today: string): Promise<void> {
  const last = await db.selectFrom('practice_setting').select('value').where('key', '=', 'budget_review_sweep_at').executeTakeFirst();
  const lastAt = last?.value ?? '';
  const newSpending = await db.selectFrom('budget_spend').select('id').where('created_at', '>', lastAt).limit(1).executeTakeFirst();
  if (lastAt.slice(0, 10) === clock.now().toISOString().slice(0, 10) && !newSpending) return;
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const people = await trx.selectFrom('care_plan').select('person_id').where('status', '=', 'agreed').where('budget_json', 'is not', null).execute();
    for (const { person_id } of people) await triggerFromBudgetAlerts(trx, clock, user, person_id, today);
    await trx.insertInto('practice_setting').values({ key: 'budget_review_sweep_at', value: at }).onConflict((oc) => oc.column('key').doUpdateSet({ value: at })).execute();
  });
}

const worklistSort = {
  dueOn: 'review_schedule.due_on',
  name: 'person.sort_name',
  reason: 'review_schedule.reason',
  worker: 'person.worker_sort',
} as const;

export async function worklist(
  { db, user, clock }: SessionDependencies,
  input: ChannelParsedInput<'reviews.worklist'>,
): Promise<{ rows: ReviewWorklistRow[]; total: number; counts: Record<ReviewBucket, number> }> {
  const today = isoDateInLondon(clock.now());
  await sweepBudgetAlerts(db, clock, user, today);
  const soon = addDays(today, dueSoonDays);
  let base = db.selectFrom('review_schedule').innerJoin('person', 'person.id', 'review_schedule.person_id').where('person.status', '=', 'active');
  if (input.assignedTo === 'me') base = base.where('person.assigned_worker_id', '=', user.id);
  else if (input.assignedTo === 'nobody') base = base.where('person.assigned_worker_id', 'is', null);
  else if (input.assignedTo) base = base.where('person.assigned_worker_id', '=', input.assignedTo);
  if (input.reason) base = base.where('review_schedule.reason', '=', input.reason);
  const inBucket = (bucket: ReviewBucket) => {
    if (bucket === 'overdue') return base.where('review_schedule.due_on', '<', today);
    if (bucket === 'due-soon') return base.where('review_schedule.due_on', '>=', today).where('review_schedule.due_on', '<=', soon);
    return base.where('review_schedule.due_on', '>', soon);
  };
  const countOf = async (bucket: ReviewBucket) => Number((await inBucket(bucket).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const direction = input.sort.direction === 'ascending' ? 'asc' : 'desc';
  const rows = await inBucket(input.bucket)
    .leftJoin('staff_user', 'staff_user.id', 'person.assigned_worker_id')
    .leftJoin('plan_review', (join) => join.onRef('plan_review.person_id', '=', 'person.id').on('plan_review.status', '=', 'draft'))
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.nhs_number', 'review_schedule.due_on', 'review_schedule.reason', 'staff_user.full_name', 'plan_review.id as review_id'])
    .orderBy(worklistSort[input.sort.column], direction)
    .orderBy('review_schedule.due_on', direction)
    .orderBy('person.sort_name')
    .orderBy('person.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const counts = { overdue: await countOf('overdue'), 'due-soon': await countOf('due-soon'), upcoming: await countOf('upcoming') };
  return {
    rows: rows.map((r) => ({
      personId: r.id,
      name: `${r.given_name} ${r.family_name}`,
      nhsNumber: r.nhs_number,
      dueOn: r.due_on,
      reason: r.reason as ReviewReason,
      bucket: reviewBucket(r.due_on, today),
      workerName: r.full_name,
      reviewId: r.review_id,
    })),
    total: counts[input.bucket],
    counts,
  };
}

export async function myCounts(deps: SessionDependencies): Promise<{ overdue: number; dueSoon: number }> {
  const mine = await worklist(deps, { bucket: 'overdue', assignedTo: 'me', sort: { column: 'dueOn', direction: 'ascending' }, limit: 1, offset: 0 });
  return { overdue: mine.counts.overdue, dueSoon: mine.counts['due-soon'] };
}

async function loadReview(db: AppDatabase, reviewId: string, today: string, knownRules?: ReviewRule[]): Promise<PlanReview> {
  const row = await db
    .selectFrom('plan_review')
    .innerJoin('care_plan', 'care_plan.id', 'plan_review.plan_id')
    .leftJoin('staff_user as starter', 'starter.id', 'plan_review.started_by')
    .leftJoin('staff_user as signer', 'signer.id', 'plan_review.signed_by')
    .selectAll('plan_review')
    .select(['care_plan.version', 'care_plan.budget_json', 'starter.full_name as started_by_name', 'signer.full_name as signed_by_name'])
    .where('plan_review.id', '=', reviewId)
    .executeTakeFirst();
  if (!row) throw notFound('That review is not in PlanWell.');
  const budget = row.budget_json ? budgetSchema.parse(JSON.parse(row.budget_json)) : null;
  // Signed today, the next review may be no later than the rule's interval after today.
  const rules = knownRules ?? (await readRules(db));
  const limit = reviewLimit(rules, applicableRuleKeys(budget), { firstAgreedOn: today, lastReviewedOn: row.signed_at ? isoDateInLondon(new Date(row.signed_at)) : today });
  return {
    id: row.id,
    personId: row.person_id,
    planId: row.plan_id,
    planVersion: row.version,
    status: row.status as PlanReview['status'],
    reason: row.reason as ReviewReason,
    content: reviewContentSchema.parse(JSON.parse(row.content_json)),
    nextReviewLimit: limit,
    startedAt: row.started_at,
    startedByName: row.started_by_name,
    signedAt: row.signed_at,
    signedByName: row.signed_by_name,
    newPlanId: row.new_plan_id,
    rowVersion: row.row_version,
  };
}

/** Starts the review of the agreed plan, or returns the one already under way. */
export async function startReview({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.start'>): Promise<PlanReview> {
  const today = isoDateInLondon(clock.now());
  return db.transaction().execute(async (trx) => {
    const person = await loadPerson(trx, input.personId);
    const existing = await trx.selectFrom('plan_review').select('id').where('person_id', '=', input.personId).where('status', '=', 'draft').executeTakeFirst();
    if (existing) return loadReview(trx, existing.id, today);
    if (person.status === 'closed') throw conflict('Their record is closed. Reopen it before reviewing their plan.');
    const plan = await agreedPlan(trx, input.personId);
    if (!plan) throw conflict('They have no agreed plan to review yet.');
    const schedule = await trx.selectFrom('review_schedule').select('reason').where('person_id', '=', input.personId).executeTakeFirst();
    const content: ReviewContent = reviewContentSchema.parse({ goals: plan.content.goals.map((goal) => ({ goalId: goal.id })) });
    const id = randomUUID();
    await trx
      .insertInto('plan_review')
      .values({ id, person_id: input.personId, plan_id: plan.id, reason: schedule?.reason ?? 'scheduled', status: 'draft', content_json: JSON.stringify(content), started_at: clock.now().toISOString(), started_by: user.id })
      .execute();
    await recordAudit(trx, clock, { user, action: 'create', channel: 'reviews.start', personId: input.personId, detail: `Started a review of plan version ${plan.version}` });
    return loadReview(trx, id, today);
  });
}

export async function getReview({ db, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.get'>): Promise<PlanReview> {
  return loadReview(db, input.reviewId, isoDateInLondon(clock.now()));
}

export async function listReviews({ db, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.list'>): Promise<PlanReview[]> {
  await loadPerson(db, input.personId);
  const rows = await db.selectFrom('plan_review').select('id').where('person_id', '=', input.personId).orderBy('started_at', 'desc').execute();
  const today = isoDateInLondon(clock.now());
  // A person has a handful of reviews; the rules are read once for all of them.
  const rules = await readRules(db);
  return Promise.all(rows.map((r) => loadReview(db, r.id, today, rules)));
}

async function requireDraftReview(trx: AppDatabase, reviewId: string, rowVersion: number) {
  const row = await trx.selectFrom('plan_review').select(['person_id', 'plan_id', 'status', 'row_version', 'content_json']).where('id', '=', reviewId).executeTakeFirst();
  if (!row) throw notFound('That review is not in PlanWell.');
  if (row.status !== 'draft') throw conflict('This review has been signed and cannot be changed.');
  if (row.row_version !== rowVersion) throw conflict('Someone else has changed this review since you opened it. Reload it to see their changes, then make yours again.');
  return row;
}

export async function saveReview({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.save'>): Promise<PlanReview> {
  return db.transaction().execute(async (trx) => {
    const row = await requireDraftReview(trx, input.reviewId, input.rowVersion);
    await trx.updateTable('plan_review').set({ content_json: JSON.stringify(input.content), row_version: sql`row_version + 1` }).where('id', '=', input.reviewId).execute();
    await recordAudit(trx, clock, { user, action: 'update', channel: 'reviews.save', personId: row.person_id, detail: 'Saved a review in progress' });
    return loadReview(trx, input.reviewId, isoDateInLondon(clock.now()));
  });
}

/** What a review needs before it is signed, by the field. */
function signingProblems(content: ReviewContent, today: string, limit: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  content.goals.forEach((goal, index) => {
    if (goal.progress === null && goal.attainment === null) problems.push({ path: `goals.${index}.progress`, message: 'Say how this goal is going' });
  });
  if (content.decision === '') problems.push({ path: 'decision', message: 'Choose what happens next' });
  if (content.decision === 'end-budget' && content.endBudgetReason === '') problems.push({ path: 'endBudgetReason', message: 'Say why the budget is ending' });
  if (content.nextReviewOn === '') problems.push({ path: 'nextReviewOn', message: 'Set the date of the next review' });
  else if (content.nextReviewOn <= today) problems.push({ path: 'nextReviewOn', message: 'The next review must be after today' });
  else if (content.nextReviewOn > limit && content.laterReviewReason === '') {
    problems.push({ path: 'laterReviewReason', message: `The rules say the next review is due by ${formatDate(limit)}: record why it will be later` });
  }
  return problems;
}

/**
 * Signs the review: final from now on. Schedules the next review, and for a decision to change
 * the plan or the budget, or to end the budget, starts a new draft version from the agreed plan.
 */
export async function signReview({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'reviews.sign'>): Promise<PlanReview> {
  const today = isoDateInLondon(clock.now());
  return db.transaction().execute(async (trx) => {
    const row = await requireDraftReview(trx, input.reviewId, input.rowVersion);
    const content = reviewContentSchema.parse(JSON.parse(row.content_json));
    const review = await loadReview(trx, input.reviewId, today);
    const problems = signingProblems(content, today, review.nextReviewLimit);
    if (problems.length > 0) throw new AppError('INVALID_INPUT', 'The review is not ready to sign. Check the answers marked.', problems);
    let newPlanId: string | null = null;
    if (content.decision !== 'continue') {
      const draft = await trx.selectFrom('care_plan').select('id').where('person_id', '=', row.person_id).where('status', '=', 'draft').executeTakeFirst();
      newPlanId = draft?.id ?? (await createDraft(trx, { user, clock }, row.person_id, 'review', { withoutBudget: content.decision === 'end-budget', reason: 'after a review' }));
    }
    await trx.updateTable('plan_review').set({ status: 'signed', signed_at: clock.now().toISOString(), signed_by: user.id, new_plan_id: newPlanId, row_version: sql`row_version + 1` }).where('id', '=', input.reviewId).execute();
    await scheduleReview(trx, clock, user, row.person_id, content.nextReviewOn, 'scheduled', content.laterReviewReason);
    await recordAudit(trx, clock, {
      user, action: 'update', channel: 'reviews.sign', personId: row.person_id,
      detail: `Signed a review of plan version ${review.planVersion}; next review ${formatDate(content.nextReviewOn)}`,
    });
    return loadReview(trx, input.reviewId, today);
  });
}

export async function recordOutcome({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'outcomes.record'>): Promise<OutcomeRecord> {
  const id = randomUUID();
  const swemwbs = input.score.measure === 'swemwbs' ? swemwbsScore(input.score.answers) : null;
  await db.transaction().execute(async (trx) => {
    await loadPerson(trx, input.personId);
    await checkReferralOfOutcome(trx, input);
    await trx
      .insertInto('outcome_score')
      .values({
        id, person_id: input.personId, measure: input.score.measure, answers_json: JSON.stringify(input.score.answers),
        raw_score: swemwbs?.raw ?? null, metric_hundredths: swemwbs?.metricHundredths ?? null, taken_on: input.takenOn, context: input.context,
        referral_id: input.referralId ?? null, created_at: clock.now().toISOString(), created_by: user.id,
      })
      .execute();
    await recordAudit(trx, clock, { user, action: 'create', channel: 'outcomes.record', personId: input.personId, detail: `Recorded ${input.score.measure === 'ons4' ? 'ONS4' : 'SWEMWBS'} (${input.context})` });
  });
  const [recorded] = await readOutcomes(db, input.personId, id);
  if (!recorded) throw new Error('The outcome just recorded was not found');
  return recorded;
}

export async function listOutcomes({ db }: SessionDependencies, input: ChannelParsedInput<'outcomes.list'>): Promise<OutcomeRecord[]> {
  await loadPerson(db, input.personId);
  return readOutcomes(db, input.personId);
}

/** A baseline or follow-up for social prescribing belongs to one of the person's referrals. */
async function checkReferralOfOutcome(db: AppDatabase, input: ChannelParsedInput<'outcomes.record'>): Promise<void> {
  if (input.referralId === undefined) {
    if (input.context === 'follow-up') {
      throw new AppError('INVALID_INPUT', 'A follow-up score belongs to a social prescribing referral: record it from the referral.', [{ path: 'context', message: 'Record a follow-up score from the referral' }]);
    }
    return;
  }
  const referral = await db.selectFrom('referral').select(['person_id', 'referred_on']).where('id', '=', input.referralId).executeTakeFirst();
  if (!referral || referral.person_id !== input.personId) throw notFound('That referral is not in PlanWell.');
  if (input.takenOn < referral.referred_on) {
    throw new AppError('INVALID_INPUT', `A score for this referral must be taken on or after ${formatDate(referral.referred_on)}, when they were referred.`, [
      { path: 'takenOn', message: `The date must be on or after ${formatDate(referral.referred_on)}` },
    ]);
  }
  if (input.context !== 'baseline' && input.context !== 'follow-up') {
    throw new AppError('INVALID_INPUT', 'A score for a referral is a baseline or a follow-up.', [{ path: 'context', message: 'Choose baseline or follow-up' }]);
  }
}

/** A person's scores, oldest first; or just one of them. */
export async function readOutcomes(db: AppDatabase, personId: string, onlyId?: string): Promise<OutcomeRecord[]> {
  let query = db
    .selectFrom('outcome_score')
    .leftJoin('staff_user', 'staff_user.id', 'outcome_score.created_by')
    .selectAll('outcome_score')
    .select('staff_user.full_name')
    .where('person_id', '=', personId)
    .orderBy('taken_on')
    .orderBy('outcome_score.created_at');
  if (onlyId) query = query.where('outcome_score.id', '=', onlyId);
  const rows = await query.execute();
  return rows.map((r) => {
    const answers = JSON.parse(r.answers_json) as unknown;
    return {
      id: r.id,
      takenOn: r.taken_on,
      context: r.context as OutcomeRecord['context'],
      referralId: r.referral_id,
      measure: r.measure as OutcomeRecord['measure'],
      ons4: r.measure === 'ons4' ? (answers as NonNullable<OutcomeRecord['ons4']>) : null,
      swemwbs: r.measure === 'swemwbs' ? { answers: answers as number[], raw: r.raw_score ?? 0, metricHundredths: r.metric_hundredths ?? 0 } : null,
      recordedByName: r.full_name,
    };
  });
}
