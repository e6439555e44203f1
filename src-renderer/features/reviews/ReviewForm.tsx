import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Controller, useForm, useWatch, type Path } from 'react-hook-form';
import { Link } from 'wouter';
import {
  goalProgressLabels,
  goalProgressValues,
  reviewContentSchema,
  reviewDecisionLabels,
  reviewDecisions,
  reviewReasonLabels,
  type CarePlan,
  type PlanReview,
  type ReviewContent,
  type ReviewContentInput,
} from '../../../src-shared/contract';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import type { AppErrorBody } from '../../../src-shared/result';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import type { SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { formatKeptTime, RestoredDraftNotice, SaveStatus } from '../../components/SaveStatus';
import { applyServerError, errorAt } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios, TextArea } from '../people/record/form-fields';
import { personHref } from '../people/record/PersonRecord';
import { isStaleRecord } from '../people/record/record-form';
import { NumberRadios } from './NumberRadios';
import { ReviewPage } from './review-page';
import { attainmentScores, attainmentText, BudgetFigures, ReviewChanges, ReviewPrompts } from './review-parts';
import type { ReviewContext } from './use-review-context';
import { WellbeingChanges } from './WellbeingChanges';

type Fields = Path<ReviewContentInput>;

/** The form's values for a review: the next review date starts at the latest the rules allow. */
export function reviewFormValues(review: PlanReview): ReviewContentInput {
  return { ...review.content, nextReviewOn: review.content.nextReviewOn || review.nextReviewLimit };
}

/** Answers hidden by other answers are not kept: a reason only goes with the choice that needs it. */
function contentToSave(values: ReviewContent, limit: string): ReviewContent {
  return {
    ...values,
    endBudgetReason: values.decision === 'end-budget' ? values.endBudgetReason : '',
    laterReviewReason: values.nextReviewOn > limit ? values.laterReviewReason : '',
  };
}

const goalPaths = (index: number) => ({
  progress: `goals.${index}.progress` as const,
  attainment: `goals.${index}.attainment` as const,
  inTheirWords: `goals.${index}.inTheirWords` as const,
});
const laterFields = ['budgetStillMeetsNeeds', 'budgetNotes', 'whatTheyThink', 'decision', 'endBudgetReason', 'nextReviewOn', 'laterReviewReason'] as const satisfies Fields[];

/** Every field in page order: errors are placed on them and listed in this order. Ids are the paths. */
function pageFields(goalCount: number): { path: Fields; label: string | null }[] {
  const goals = Array.from({ length: goalCount }, (_, index) => {
    const paths = goalPaths(index);
    return [paths.progress, paths.attainment, paths.inTheirWords].map((path) => ({ path, label: `Goal ${index + 1}` }));
  });
  return [...goals.flat(), ...laterFields.map((path) => ({ path, label: null }))];
}

/** Checked by the same schema, the content's field paths come back under `content.` when saved. */
function withoutContentPrefix(error: AppErrorBody): AppErrorBody {
  return error.issues ? { ...error, issues: error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^content\./, '') })) } : error;
}

const meetsNeedsOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-sure', label: 'Not sure' },
];
const progressOptions = goalProgressValues.map((value) => ({ value, label: goalProgressLabels[value] }));
const attainmentOptions = [
  { value: null, label: 'Not scored' },
  ...attainmentScores.map((score) => ({ value: score, label: attainmentText(score) })),
];

interface ReviewFormProps {
  review: PlanReview;
  context: ReviewContext;
  plan: CarePlan;
  /** The review as saved or signed, with what to say about it (null: nothing to say). */
  onChanged: (review: PlanReview, notice: string | null) => void;
}

/**
 * The review being filled in, beside the Review guide's prompts: each goal's progress in their
 * words, the budget, wellbeing scores, what they think, the decision and the next review date.
 * What is typed is kept as a draft as it is typed; Save keeps it in the review for anyone to carry
 * on; signing off saves it and makes it final, after a confirmation that says so.
 */
export function ReviewForm({ review, context, plan, onChanged }: ReviewFormProps) {
  const form = useForm<ReviewContentInput, unknown, ReviewContent>({
    resolver: zodResolver(reviewContentSchema),
    defaultValues: reviewFormValues(review),
    // Errors change when the form is sent again, not as each is put right: a changed error summary
    // takes the focus, which would pull it away from the answer being given.
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, setError, reset, getValues, control, formState } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft(personDraftKey(review.personId, `review:${review.id}`), form);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const signButton = useRef<HTMLButtonElement>(null);
  /** The review's version as last saved here: the next save or sign-off must match it. */
  const rowVersion = useRef(review.rowVersion);
  const decision = useWatch({ control, name: 'decision' });
  const nextReviewOn = useWatch({ control, name: 'nextReviewOn' }) ?? '';
  const limit = review.nextReviewLimit;
  const goals = new Map(plan.content.goals.map((goal) => [goal.id, goal.outcome]));
  const fields = pageFields(review.content.goals.length);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const failed = (error: AppErrorBody) => {
    setConfirming(false);
    if (isStaleRecord(error)) {
      setStale(true);
      setFormMessage(error.message);
      return;
    }
    setFormMessage(
      applyServerError(
        withoutContentPrefix(error),
        fields.map((field) => field.path),
        setError,
      ),
    );
  };

  const save = async (values: ReviewContent): Promise<PlanReview | null> => {
    setFormMessage(null);
    setStale(false);
    setSaved(null);
    const onScreen = getValues();
    const result = await invoke('reviews.save', { reviewId: review.id, rowVersion: rowVersion.current, content: contentToSave(values, limit) });
    if (!result.ok) {
      failed(result.error);
      return null;
    }
    rowVersion.current = result.value.rowVersion;
    await draft.discard(onScreen);
    return result.value;
  };

  const submitSave = handleSubmit(async (values) => {
    const updated = await save(values);
    if (!updated) return;
    setSaved(`Review saved at ${formatKeptTime(new Date().toISOString())}. Anyone can carry on with it; sign it off when it is complete.`);
    onChanged(updated, null);
  });

  const askToSign = handleSubmit(() => {
    setFormMessage(null);
    setSaved(null);
    setConfirming(true);
  });

  const sign = handleSubmit(async (values) => {
    const updated = await save(values);
    if (!updated) return;
    onChanged(updated, null);
    const result = await invoke('reviews.sign', { reviewId: review.id, rowVersion: updated.rowVersion });
    if (!result.ok) {
      failed(result.error);
      return;
    }
    await draft.discard();
    const next = result.value.content.nextReviewOn;
    onChanged(result.value, `Review signed off. It is final now. Their next review is due by ${formatDate(next)}.`);
  });

  const reload = async () => {
    const result = await invoke('reviews.get', { reviewId: review.id });
    if (!result.ok) {
      setFormMessage(result.error.message);
      return;
    }
    setStale(false);
    setFormMessage(null);
    if (result.value.status === 'signed') {
      await draft.discard();
      onChanged(result.value, 'Someone else signed this review off while you had it open. This is the review as they signed it.');
      return;
    }
    rowVersion.current = result.value.rowVersion;
    // Reset first: the draft then knows these values are kept in the review, not typed.
    reset(reviewFormValues(result.value));
    await draft.discard();
    onChanged(result.value, null);
  };

  const summary: SummaryError[] = fields.flatMap(({ path, label }) => {
    const message = errorAt(errors, path);
    return message ? [{ fieldId: path, message: label ? `${label}: ${message}` : message }] : [];
  });
  const error = (path: Fields) => errorAt(errors, path);
  const decisionOptions = reviewDecisions
    .filter((choice) => plan.budget || (choice !== 'change-budget' && choice !== 'end-budget'))
    .map((choice) => ({ value: choice, label: reviewDecisionLabels[choice] }));

  return (
    <ReviewPage errors={summary} formMessage={formMessage} onReload={stale ? () => void reload() : undefined}>
      <RestoredDraftNotice restoredAt={draft.restoredAt} />
      <p>
        <strong className="nhsuk-tag nhsuk-tag--blue">In progress</strong> {reviewReasonLabels[review.reason]}, started {formatDateTime(review.startedAt)}
        {review.startedByName ? ` by ${review.startedByName}` : ''}. It looks at version {review.planVersion} of their plan.
      </p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ReviewChanges plan={plan} previous={context.previous} />
          <form noValidate onSubmit={(event) => void submitSave(event)}>
            <h2>Their goals</h2>
            {review.content.goals.length === 0 ? <p>The plan has no goals to look at.</p> : null}
            {review.content.goals.map((goal, index) => {
              const paths = goalPaths(index);
              return (
                <div className="app-review-goal" key={goal.goalId}>
                  <h3 className="app-review-text">
                    Goal {index + 1}: {goals.get(goal.goalId) ?? 'a goal no longer in the plan'}
                  </h3>
                  <Radios id={paths.progress} legend={`How is goal ${index + 1} going?`} error={error(paths.progress)} options={progressOptions} registration={register(paths.progress)} />
                  <Controller
                    control={control}
                    name={paths.attainment}
                    render={({ field }) => (
                      <NumberRadios
                        id={paths.attainment}
                        name={field.name}
                        legend={`Goal attainment score for goal ${index + 1} (optional)`}
                        hint="−2 is much less than expected, 0 as expected, +2 much more than expected"
                        error={error(paths.attainment)}
                        options={attainmentOptions}
                        value={field.value ?? null}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        inputRef={field.ref}
                      />
                    )}
                  />
                  <TextArea id={paths.inTheirWords} label={`Goal ${index + 1} in their words (optional)`} rows={3} error={error(paths.inTheirWords)} registration={register(paths.inTheirWords)} />
                </div>
              );
            })}

            {plan.budget ? (
              <>
                <h2>The budget</h2>
                <BudgetFigures summary={context.budget} personId={review.personId} />
                <Radios
                  id="budgetStillMeetsNeeds"
                  legend="Does the amount still meet their needs?"
                  inline
                  error={error('budgetStillMeetsNeeds')}
                  options={meetsNeedsOptions}
                  registration={register('budgetStillMeetsNeeds')}
                />
                <TextArea id="budgetNotes" label="Notes about the budget (optional)" rows={3} error={error('budgetNotes')} registration={register('budgetNotes')} />
              </>
            ) : null}

            <h2>Wellbeing scores</h2>
            {context.outcomes ? <WellbeingChanges outcomes={context.outcomes} /> : <p role="status">Loading the scores…</p>}
            <p>
              <Link href={personHref(review.personId, '/outcomes?context=review&from=review')}>Record wellbeing scores for this review</Link>
            </p>

            <h2>What they think</h2>
            <TextArea
              id="whatTheyThink"
              label="What they think of their plan and support, in their words"
              rows={5}
              error={error('whatTheyThink')}
              registration={register('whatTheyThink')}
            />

            <h2>What happens next</h2>
            <Radios id="decision" legend="What did you decide together?" error={error('decision')} options={decisionOptions} registration={register('decision')} />
            {decision === 'end-budget' ? (
              <TextArea id="endBudgetReason" label="Why the personal health budget is ending" error={error('endBudgetReason')} registration={register('endBudgetReason')} />
            ) : null}
            <TextField
              id="nextReviewOn"
              type="date"
              width={10}
              label="Date of the next review"
              hint={`The rules say by ${formatDate(limit)} at the latest. It can be sooner.`}
              error={error('nextReviewOn')}
              registration={register('nextReviewOn')}
            />
            {nextReviewOn > limit ? (
              <TextArea
                id="laterReviewReason"
                label="Why the next review will be later than the rules say"
                hint={`The rules say by ${formatDate(limit)}. For example, they will be away, or they asked for a later date.`}
                error={error('laterReviewReason')}
                registration={register('laterReviewReason')}
              />
            ) : null}

            {saved ? <Notice>{saved}</Notice> : null}
            {confirming ? (
              <div className="nhsuk-warning-callout">
                <h3 className="nhsuk-warning-callout__label" tabIndex={-1} ref={confirmHeading}>
                  <span role="text">
                    <span className="nhsuk-u-visually-hidden">Important: </span>
                    Sign off the review?
                  </span>
                </h3>
                <p>
                  Once signed off, the review is final: nobody can change it. Their next review will be due by{' '}
                  {nextReviewOn ? formatDate(nextReviewOn) : 'the date you set'}.
                  {decision && decision !== 'continue' ? ' A new draft version of their plan will be started from this one.' : ''}
                </p>
                <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
                  <button type="button" className="nhsuk-button" disabled={isSubmitting} onClick={() => void sign()}>
                    Yes, sign it off
                  </button>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary"
                    onClick={() => {
                      // The keyboard goes back to the button that asked, not to the top of the page.
                      flushSync(() => setConfirming(false));
                      signButton.current?.focus();
                    }}
                  >
                    Not yet
                  </button>
                </div>
              </div>
            ) : (
              <div className="nhsuk-button-group">
                <button type="button" className="nhsuk-button" ref={signButton} disabled={isSubmitting} onClick={() => void askToSign()}>
                  Sign off the review
                </button>
                <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={isSubmitting}>
                  Save
                </button>
              </div>
            )}
          </form>
          <SaveStatus status={draft.status} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <ReviewPrompts guide={context.guide} />
        </div>
      </div>
    </ReviewPage>
  );
}
