import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm, type DefaultValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { measureContexts, recordOutcomeSchema, type MeasureContext, type OutcomeRecord, type RecordOutcomeInput } from '../../../src-shared/contract';
import { ons4Questions, ons4ScaleWording, swemwbsIntroduction, swemwbsResponses, swemwbsStatements } from '../../../src-shared/domain/outcome-measures';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import type { SummaryError } from '../../components/ErrorSummary';
import { applyServerError, errorAt } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios } from '../people/record/form-fields';
import { NumberRadios } from './NumberRadios';
import { measureContextLabels, today } from './review-words';

type OutcomeFormOutput = z.output<typeof recordOutcomeSchema>;
type OutcomeForm = UseFormReturn<RecordOutcomeInput, unknown, OutcomeFormOutput>;
type Measure = OutcomeRecord['measure'];

/**
 * A follow-up belongs to a social prescribing referral, and a referral's scores are a baseline or a
 * follow-up: the choices offered are those the main process accepts.
 */
const referralContexts: readonly MeasureContext[] = ['baseline', 'follow-up'];
function contextOptionsFor(referralId: string | undefined) {
  const offered = referralId ? referralContexts : measureContexts.filter((context) => context !== 'follow-up');
  return offered.map((context) => ({ value: context, label: measureContextLabels[context] }));
}
const ons4Scale = Array.from({ length: 11 }, (_, score) => score);

/** Each answer's path in the form and the id of its control (two forms share the page). */
const ons4Answers = ons4Questions.map((question) => ({ question, path: `score.answers.${question.key}` as const, fieldId: `ons4-${question.key}` }));
const swemwbsAnswers = swemwbsStatements.map((statement, index) => ({ statement, index, path: `score.answers.${index}` as const, fieldId: `swemwbs-statement-${index + 1}` }));

function emptyValues(personId: string, measure: Measure, context: MeasureContext | undefined, referralId: string | undefined): DefaultValues<RecordOutcomeInput> {
  // Unanswered questions are missing, not zero: the schema then asks for each one by name.
  return {
    personId,
    takenOn: today(),
    ...(context ? { context } : {}),
    ...(referralId ? { referralId } : {}),
    score: measure === 'ons4' ? { measure, answers: {} } : { measure, answers: Array.from({ length: swemwbsStatements.length }, () => undefined) },
  };
}

interface OutcomeFormProps {
  personId: string;
  /** The context to start with: a review, when the form is opened from one. */
  context: MeasureContext | undefined;
  /** The social prescribing referral the score belongs to, when opened from one. */
  referralId?: string | undefined;
  onRecorded: (outcome: OutcomeRecord) => void;
  onErrors: (errors: SummaryError[]) => void;
}

/**
 * What both measures' forms share: the contract's schema, a draft of what is chosen, the date
 * and context, errors for the page's summary, and recording.
 */
function useOutcomeForm(measure: Measure, { personId, context, referralId, onRecorded, onErrors }: OutcomeFormProps, answerPaths: readonly { path: Path<RecordOutcomeInput>; fieldId: string }[]) {
  const form: OutcomeForm = useForm<RecordOutcomeInput, unknown, OutcomeFormOutput>({
    resolver: zodResolver(recordOutcomeSchema),
    defaultValues: emptyValues(personId, measure, context, referralId),
    // Errors change when the form is sent again: a changed error summary takes the focus.
    reValidateMode: 'onSubmit',
  });
  // A referral's scores are kept apart from the others, so a draft never moves a score between them.
  const draft = useFormDraft(personDraftKey(personId, referralId ? `outcomes-${measure}-referral-${referralId}` : `outcomes-${measure}`), form, { notRestored: ['referralId'] });
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { handleSubmit, setError, reset, getValues, formState } = form;
  const errors = formState.errors;
  const prefix = measure;

  const summary: SummaryError[] = [];
  if (formMessage) summary.push({ message: formMessage });
  const takenOnError = errorAt(errors, 'takenOn');
  const contextError = errorAt(errors, 'context');
  if (takenOnError) summary.push({ fieldId: `${prefix}-takenOn`, message: takenOnError });
  if (contextError) summary.push({ fieldId: `${prefix}-context`, message: contextError });
  const wholeListError = errorAt(errors, 'score.answers');
  const answerErrors = answerPaths.flatMap(({ path, fieldId }) => {
    const message = errorAt(errors, path);
    return message ? [{ fieldId, message }] : [];
  });
  if (measure === 'swemwbs') {
    // Seven statements can share one message: it is said once, with how many are missing.
    const first = answerErrors[0];
    if (first) summary.push({ fieldId: first.fieldId, message: answerErrors.length > 1 ? `${first.message} (${answerErrors.length} have no answer)` : first.message });
    else if (wholeListError) summary.push({ fieldId: swemwbsAnswers[0]?.fieldId ?? '', message: wholeListError });
  } else {
    summary.push(...answerErrors);
  }
  const signature = JSON.stringify(summary);
  useEffect(() => {
    onErrors(JSON.parse(signature) as SummaryError[]);
  }, [signature, onErrors]);

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('outcomes.record', values);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, ['takenOn', 'context', 'score.answers', ...answerPaths.map((a) => a.path)], setError));
      return;
    }
    // The date and context stay for the other measure, often taken at the same time.
    reset({ ...emptyValues(personId, measure, undefined, referralId), takenOn: getValues('takenOn'), context: getValues('context') });
    await draft.discard();
    onRecorded(result.value);
  });

  const whenFields = (
    <>
      <TextField
        id={`${prefix}-takenOn`}
        type="date"
        width={10}
        label="Date taken"
        hint="Today or earlier"
        error={takenOnError}
        registration={form.register('takenOn')}
      />
      <Radios id={`${prefix}-context`} legend="When it was taken" error={contextError} options={contextOptionsFor(referralId)} registration={form.register('context')} />
    </>
  );
  return { form, submit, whenFields, errors };
}

/** ONS4 personal wellbeing: the four published questions, each answered 0 to 10. */
export function Ons4Form(props: OutcomeFormProps) {
  const { form, submit, whenFields, errors } = useOutcomeForm('ons4', props, ons4Answers);
  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="ons4-heading">
      <p className="nhsuk-u-reading-width">{ons4ScaleWording}</p>
      {ons4Answers.map(({ question, path, fieldId }) => (
        <Controller
          key={question.key}
          control={form.control}
          name={path}
          render={({ field }) => (
            <NumberRadios
              id={fieldId}
              name={field.name}
              legend={question.text}
              error={errorAt(errors, path)}
              className="nhsuk-radios--small app-ons4-scale"
              options={ons4Scale.map((score) => ({
                value: score,
                label: (
                  <>
                    {score}
                    {score === 0 ? <span className="app-ons4-scale__end">Not at all</span> : null}
                    {score === 10 ? <span className="app-ons4-scale__end">Completely</span> : null}
                  </>
                ),
              }))}
              value={typeof field.value === 'number' ? field.value : undefined}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
            />
          )}
        />
      ))}
      {whenFields}
      <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
        Record the ONS4 scores
      </button>
    </form>
  );
}

/** SWEMWBS: the introduction and seven statements, each with five answers from 1 to 5. */
export function SwemwbsForm(props: OutcomeFormProps) {
  const { form, submit, whenFields, errors } = useOutcomeForm('swemwbs', props, swemwbsAnswers);
  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="swemwbs-heading">
      <p className="nhsuk-u-reading-width">{swemwbsIntroduction}</p>
      {swemwbsAnswers.map(({ statement, index, path, fieldId }) => (
        <div className="app-swemwbs-statement" key={statement}>
          <Controller
            control={form.control}
            name={path}
            render={({ field }) => (
              <NumberRadios
                id={fieldId}
                name={field.name}
                legend={`${index + 1}. ${statement}`}
                error={errorAt(errors, path)}
                inline={false}
                className="nhsuk-radios--small app-response-grid"
                options={swemwbsResponses.map((response, responseIndex) => ({ value: responseIndex + 1, label: response }))}
                value={typeof field.value === 'number' ? field.value : undefined}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
              />
            )}
          />
        </div>
      ))}
      {whenFields}
      <button className="nhsuk-button" type="submit" disabled={form.formState.isSubmitting}>
        Record the SWEMWBS score
      </button>
    </form>
  );
}
