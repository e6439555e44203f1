import { z } from 'zod';
import { reviewRuleKeys, type ReviewBucket, type ReviewRule } from '../domain/review-due';
import { isoDateInLondon } from '../format';
import { channel } from './channel';

/**
 * Reviews of plans and budgets: when they fall due (rules as data, brought forward by triggers),
 * the worklist, the review itself (immutable once signed) and outcome measures.
 */

export const reviewReasons = ['scheduled', 'underspend', 'overspend', 'health-changed', 'booked'] as const;
export type ReviewReason = (typeof reviewReasons)[number];
export const reviewReasonLabels: Record<ReviewReason, string> = {
  scheduled: 'Scheduled review',
  underspend: 'Unspent budget building up',
  overspend: 'Budget overspent',
  'health-changed': 'Health has changed',
  booked: 'Booked by hand',
};

export const goalProgressValues = ['achieved', 'partly', 'not-yet', 'no-longer-relevant'] as const;
export type GoalProgress = (typeof goalProgressValues)[number];
export const goalProgressLabels: Record<GoalProgress, string> = {
  achieved: 'Achieved',
  partly: 'Partly achieved',
  'not-yet': 'Not yet',
  'no-longer-relevant': 'No longer relevant',
};

export const reviewDecisions = ['continue', 'change-plan', 'change-budget', 'end-budget'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  continue: 'Continue the plan unchanged',
  'change-plan': 'Change the plan (starts a new draft version)',
  'change-budget': 'Change the budget (starts a new draft version)',
  'end-budget': 'End the personal health budget',
};

/** Baseline and follow-up belong to a social prescribing referral; review and discharge to plans. */
export const measureContexts = ['baseline', 'review', 'follow-up', 'discharge'] as const;
export type MeasureContext = (typeof measureContexts)[number];

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).default('');
const isoDate = (label: string) =>
  z.string().trim().min(1, `Enter the ${label}`).pipe(z.iso.date({ error: `The ${label} must be a real date, for example 2027-03-31`, abort: true }));
const pastDate = (label: string) => isoDate(label).refine((date) => date <= isoDateInLondon(new Date()), `The ${label} must be today or in the past`);

const ons4Score = (label: string) => z.number(`Choose a score from 0 to 10 for ${label}`).int().min(0, 'Scores go from 0 to 10').max(10, 'Scores go from 0 to 10');
export const ons4AnswersSchema = z.strictObject({
  lifeSatisfaction: ons4Score('life satisfaction'),
  worthwhile: ons4Score('feeling things are worthwhile'),
  happiness: ons4Score('happiness'),
  anxiety: ons4Score('anxiety'),
});
export const swemwbsAnswersSchema = z
  .array(z.number('Choose an answer for each statement').int().min(1, 'Choose an answer for each statement').max(5, 'Choose an answer for each statement'))
  .length(7, 'Answer all seven statements');

export const outcomeScoreSchema = z.discriminatedUnion('measure', [
  z.strictObject({ measure: z.literal('ons4'), answers: ons4AnswersSchema }),
  z.strictObject({ measure: z.literal('swemwbs'), answers: swemwbsAnswersSchema }),
], { error: 'Choose a measure' });

export const recordOutcomeSchema = z.strictObject({
  personId: z.uuid('Person not recognised'),
  takenOn: pastDate('date the measure was taken'),
  context: z.enum(measureContexts, 'Choose when it was taken: baseline, review, follow-up or discharge'),
  score: outcomeScoreSchema,
  /** The social prescribing referral a baseline or follow-up belongs to. */
  referralId: z.uuid('Referral not recognised').optional(),
});
export type RecordOutcomeInput = z.input<typeof recordOutcomeSchema>;

export interface OutcomeRecord {
  id: string;
  takenOn: string;
  context: MeasureContext;
  referralId: string | null;
  measure: 'ons4' | 'swemwbs';
  /** ONS4: the four answers; SWEMWBS: raw score and metric score in hundredths. */
  ons4: { lifeSatisfaction: number; worthwhile: number; happiness: number; anxiety: number } | null;
  swemwbs: { answers: number[]; raw: number; metricHundredths: number } | null;
  recordedByName: string | null;
}

/** What a review records, filled in over the conversation; final once signed. */
export const reviewContentSchema = z.strictObject({
  goals: z
    .array(
      z.strictObject({
        goalId: z.uuid(),
        progress: z.enum(goalProgressValues, 'Choose how the goal is going').nullable().default(null),
        /** Goal attainment scaling, −2 to +2; optional. */
        attainment: z.number().int().min(-2, 'Goal attainment goes from −2 to +2').max(2, 'Goal attainment goes from −2 to +2').nullable().default(null),
        inTheirWords: text('Their words', 2000),
      }),
    )
    .max(50)
    .default([]),
  budgetStillMeetsNeeds: z.enum(['yes', 'no', 'not-sure', '']).default(''),
  budgetNotes: text('Notes about the budget', 2000),
  whatTheyThink: text('What they think', 4000),
  decision: z.enum([...reviewDecisions, '']).default(''),
  endBudgetReason: text('Why the budget is ending', 1000),
  nextReviewOn: z.string().trim().refine((v) => v === '' || z.iso.date().safeParse(v).success, 'The next review date must be a real date, for example 2027-11-24').default(''),
  /** Needed only to set the next review later than the rule allows. */
  laterReviewReason: text('Why the next review is later than the rule', 1000),
});
export type ReviewContentInput = z.input<typeof reviewContentSchema>;
export type ReviewContent = z.output<typeof reviewContentSchema>;

export interface PlanReview {
  id: string;
  personId: string;
  planId: string;
  planVersion: number;
  status: 'draft' | 'signed';
  reason: ReviewReason;
  content: ReviewContent;
  /** The latest the next review may be, by the rules, if signed today. */
  nextReviewLimit: string;
  startedAt: string;
  startedByName: string | null;
  signedAt: string | null;
  signedByName: string | null;
  /** A new draft plan version the decision started, if any. */
  newPlanId: string | null;
  rowVersion: number;
}

export interface ReviewWorklistRow {
  personId: string;
  name: string;
  nhsNumber: string;
  dueOn: string;
  reason: ReviewReason;
  bucket: ReviewBucket;
  workerName: string | null;
  /** A review already started and not yet signed. */
  reviewId: string | null;
}

export const worklistSchema = z.strictObject({
  bucket: z.enum(['overdue', 'due-soon', 'upcoming']).default('overdue'),
  assignedTo: z.union([z.literal('me'), z.literal('nobody'), z.uuid()]).optional(),
  reason: z.enum(reviewReasons).optional(),
  sort: z
    .strictObject({ column: z.enum(['dueOn', 'name', 'reason', 'worker']), direction: z.enum(['ascending', 'descending']) })
    .default({ column: 'dueOn', direction: 'ascending' }),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
export type WorklistInput = z.input<typeof worklistSchema>;

export interface ReviewSchedule {
  dueOn: string;
  reason: ReviewReason;
  note: string;
  /** The latest the rules allow. */
  limit: string;
}

export const reviewRuleSchema = z.strictObject({
  key: z.enum(reviewRuleKeys),
  firstMonths: z.number('Enter a number of months').int('Enter a whole number of months').min(1, 'At least 1 month').max(24, '24 months or fewer'),
  thenMonths: z.number('Enter a number of months').int('Enter a whole number of months').min(1, 'At least 1 month').max(24, '24 months or fewer'),
});

const personId = z.uuid('Person not recognised');
const reviewId = z.uuid('Review not recognised');

export const reviewsChannels = {
  'reviews.rules': channel<ReviewRule[]>()({ input: z.strictObject({}), permission: 'session' }),
  'reviews.setRule': channel<ReviewRule[]>()({ input: reviewRuleSchema, permission: 'settings:manage' }),
  'reviews.worklist': channel<{ rows: ReviewWorklistRow[]; total: number; counts: Record<ReviewBucket, number> }>()({ input: worklistSchema, permission: 'people:read' }),
  /** How many of the signed-in worker's reviews are overdue or due in the next 14 days. */
  'reviews.myCounts': channel<{ overdue: number; dueSoon: number }>()({ input: z.strictObject({}), permission: 'people:read' }),
  'reviews.schedule': channel<ReviewSchedule | null>()({ input: z.strictObject({ personId }), permission: 'people:read' }),
  /** Brings a review forward: health has changed, or booked by hand. */
  'reviews.trigger': channel<ReviewSchedule>()({
    input: z.strictObject({
      personId,
      reason: z.enum(['health-changed', 'booked'], 'Choose why the review is needed'),
      dueOn: isoDate('date of the review'),
      note: text('Note', 1000),
    }),
    permission: 'people:write',
  }),
  'reviews.start': channel<PlanReview>()({ input: z.strictObject({ personId }), permission: 'people:write' }),
  'reviews.get': channel<PlanReview>()({ input: z.strictObject({ reviewId }), permission: 'people:read' }),
  'reviews.list': channel<PlanReview[]>()({ input: z.strictObject({ personId }), permission: 'people:read' }),
  'reviews.save': channel<PlanReview>()({ input: z.strictObject({ reviewId, rowVersion: z.number().int().min(1), content: reviewContentSchema }), permission: 'people:write' }),
  'reviews.sign': channel<PlanReview>()({ input: z.strictObject({ reviewId, rowVersion: z.number().int().min(1) }), permission: 'people:write' }),
  'outcomes.record': channel<OutcomeRecord>()({ input: recordOutcomeSchema, permission: 'people:write' }),
  'outcomes.list': channel<OutcomeRecord[]>()({ input: z.strictObject({ personId }), permission: 'people:read' }),
};
