import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import type { z } from 'zod';
import { reviewReasonLabels, reviewsChannels, type ReviewSchedule } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { applyServerError } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios, TextArea } from '../people/record/form-fields';
import { personHref } from '../people/record/PersonRecord';
import { dueWords, today } from './review-words';
import './reviews.scss';

/** The contract's own schema for bringing a review forward, so the form says what the main process would. */
const triggerSchema = reviewsChannels['reviews.trigger'].input;
type TriggerInput = z.input<typeof triggerSchema>;
type TriggerOutput = z.output<typeof triggerSchema>;
const fields = ['reason', 'dueOn', 'note'] as const;
/** Ids of their own: the card sits on a page with other forms. */
const fieldId = (field: (typeof fields)[number]) => `bring-forward-${field}`;

const reasonOptions = [
  { value: 'health-changed', label: 'Their health has changed a lot', hint: 'A fall, a stay in hospital, a new diagnosis or anything else that changes what they need' },
  { value: 'booked', label: 'Book a review', hint: 'They, someone close to them or the team asked for one' },
] as const;

/** The person's schedule, or undefined while it is being asked for. */
export function useReviewSchedule(personId: string) {
  const [schedule, setSchedule] = useState<ReviewSchedule | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('reviews.schedule', { personId }).then((result) => {
      if (!live) return;
      if (result.ok) setSchedule(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [personId]);
  return { schedule, error, setSchedule };
}

/** "Due 26 April 2027 (Scheduled review). Overdue by 3 days." */
export function ScheduleSentence({ schedule }: { schedule: ReviewSchedule }) {
  const words = dueWords(schedule.dueOn);
  return (
    <>
      <p>
        Their next review is due by <strong>{formatDate(schedule.dueOn)}</strong>
        {words ? <strong className={words.startsWith('Overdue') ? 'app-review-due--overdue' : undefined}>{`: ${words.toLowerCase()}`}</strong> : null}.
        <br />
        Reason: {reviewReasonLabels[schedule.reason]}
      </p>
      {schedule.note ? <p className="app-review-text">Note: {schedule.note}</p> : null}
    </>
  );
}

/**
 * When the person's next review is due and why, the way to it and to their wellbeing scores, and
 * for workers the way to bring it forward: their health has changed a lot, or a review is booked
 * by hand. It can only be brought forward; the rules say how late it may be.
 */
export function ReviewScheduleCard({ personId, showReviewLink = true, onChanged }: { personId: string; showReviewLink?: boolean; onChanged?: (schedule: ReviewSchedule) => void }) {
  const { schedule, error, setSchedule } = useReviewSchedule(personId);
  const canWrite = useCan()('people:write');
  const headingId = useId();
  return (
    <section className="nhsuk-card" aria-labelledby={headingId}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={headingId}>
          Reviews
        </h2>
        {error ? (
          <p className="nhsuk-error-message">{error}</p>
        ) : schedule === undefined ? (
          <p role="status">Loading…</p>
        ) : schedule === null ? (
          <p>No review is due: they have no agreed plan yet.</p>
        ) : (
          <ScheduleSentence schedule={schedule} />
        )}
        <ul className="nhsuk-list">
          {showReviewLink && schedule ? (
            <li>
              <Link href={personHref(personId, '/review')}>Review their plan</Link>
            </li>
          ) : null}
          <li>
            <Link href={personHref(personId, '/outcomes')}>Wellbeing scores</Link>
          </li>
        </ul>
        {canWrite && schedule ? (
          <BringForwardForm
            personId={personId}
            schedule={schedule}
            onChanged={(next) => {
              setSchedule(next);
              onChanged?.(next);
            }}
          />
        ) : null}
      </div>
    </section>
  );
}

function BringForwardForm({ personId, schedule, onChanged }: { personId: string; schedule: ReviewSchedule; onChanged: (schedule: ReviewSchedule) => void }) {
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<TriggerInput, unknown, TriggerOutput>({
    resolver: zodResolver(triggerSchema),
    defaultValues: { personId, dueOn: today(), note: '' },
    // Errors change when the form is sent again: a changed error summary takes the focus.
    reValidateMode: 'onSubmit',
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    setNotice(null);
    const result = await invoke('reviews.trigger', values);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    reset({ personId, dueOn: today(), note: '' });
    setNotice(`Review brought forward to ${formatDate(result.value.dueOn)}.`);
    onChanged(result.value);
  });

  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Health has changed, or book a review</span>
      </summary>
      <div className="nhsuk-details__text">
        <ErrorSummary
          errors={[
            ...(formMessage ? [{ message: formMessage }] : []),
            ...fields.flatMap((field) => {
              const message = errors[field]?.message;
              return message ? [{ fieldId: fieldId(field), message }] : [];
            }),
          ]}
        />
        {notice ? <Notice>{notice}</Notice> : null}
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Radios id={fieldId('reason')} legend="Why is a review needed sooner?" error={errors.reason?.message} options={reasonOptions} registration={register('reason')} />
          <TextField
            id={fieldId('dueOn')}
            type="date"
            width={10}
            label="Date of the review"
            hint={`Today or later, and no later than ${formatDate(schedule.dueOn)}, when it is due now`}
            error={errors.dueOn?.message}
            registration={register('dueOn')}
          />
          <TextArea id={fieldId('note')} label="Note (optional)" hint="What has happened, in a few words" rows={3} error={errors.note?.message} registration={register('note')} />
          <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={isSubmitting}>
            Bring the review forward
          </button>
        </form>
      </div>
    </details>
  );
}
