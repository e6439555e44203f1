import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { batchExportSchema, documentFormatLabels, documentFormats, type BatchExportInput, type BatchExportStatus } from '../../../src-shared/contract';
import { formatDate, isoDateInLondon } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios } from '../people/record/form-fields';
import './exports.scss';

/** The form's answers: '' is "each person's recorded format", which the call leaves out. */
const batchFormSchema = z
  .object({ agreedFrom: z.string(), agreedTo: z.string(), format: z.union([z.literal(''), z.enum(documentFormats)]) })
  .transform(({ format, ...dates }): BatchExportInput => (format ? { ...dates, format } : dates))
  .pipe(batchExportSchema);
type BatchForm = z.input<typeof batchFormSchema>;
type BatchRequest = z.output<typeof batchFormSchema>;
const fields = ['agreedFrom', 'agreedTo', 'format'] as const;

const formatOptions = [
  { value: '', label: 'Each person’s recorded format', hint: 'Large print or easy read where their record asks for it, otherwise standard print' },
  ...documentFormats.map((format) => ({ value: format, label: documentFormatLabels[format] })),
];

/** How often progress is asked for while the main process exports. */
const pollMilliseconds = 500;
/** Screen readers hear progress at most this often, and when it finishes: every plan would be too many. */
const announceMilliseconds = 10_000;

function exportedCount(status: BatchExportStatus): number {
  return status.done - status.failures.length;
}

function progressSentence(status: BatchExportStatus): string {
  const failed = status.failures.length > 0 ? `, ${status.failures.length} could not be exported` : '';
  return `${exportedCount(status)} of ${status.total} ${status.total === 1 ? 'plan' : 'plans'} exported${failed}`;
}

/**
 * Every plan agreed between two dates, as PDFs into a new folder (a month's agreed plans for the
 * post, say). The main process does the work and keeps going if this screen is left; this
 * screen starts it and follows its progress.
 */
export function BatchExportScreen() {
  usePageTitle('Export plans as PDFs');
  const today = isoDateInLondon(new Date());
  const form = useForm<BatchForm, unknown, BatchRequest>({
    resolver: zodResolver(batchFormSchema),
    defaultValues: { agreedFrom: `${today.slice(0, 8)}01`, agreedTo: today, format: '' },
  });
  const { register, handleSubmit, formState, setError } = form;
  const { errors, isSubmitting } = formState;
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [job, setJob] = useState<{ request: BatchRequest; status: BatchExportStatus } | null>(null);
  const [followError, setFollowError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const lastAnnounced = useRef(0);
  const progressHeading = useRef<HTMLHeadingElement>(null);

  const announce = (status: BatchExportStatus) => {
    lastAnnounced.current = Date.now();
    setAnnouncement(status.finished ? `Finished: ${progressSentence(status)}.` : `${progressSentence(status)}.`);
  };

  const submit = handleSubmit(async (request) => {
    setFormMessage(null);
    setFollowError(null);
    const result = await invoke('exports.startBatch', request);
    if (!result.ok) return setFormMessage(applyServerError(result.error, fields, setError));
    setJob({ request, status: result.value });
    announce(result.value);
  });

  const jobId = job?.status.jobId;
  useEffect(() => {
    // The heading says what is happening, so keyboard and screen reader users start there.
    if (jobId) progressHeading.current?.focus();
  }, [jobId]);

  // Asks again a moment after each answer until the export has finished.
  const status = job?.status;
  useEffect(() => {
    if (!status || status.finished) return;
    let live = true;
    const timer = setTimeout(() => {
      void invoke('exports.batchStatus', { jobId: status.jobId }).then((result) => {
        if (!live) return;
        if (!result.ok) return setFollowError(result.error.message);
        setJob((current) => (current ? { ...current, status: result.value } : current));
        if (result.value.finished || Date.now() - lastAnnounced.current >= announceMilliseconds) announce(result.value);
      });
    }, pollMilliseconds);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [status]);

  const running = status !== undefined && !status.finished && !followError;
  const summary = [...summaryErrors(errors, fields, formMessage), ...(followError ? [{ message: followError }] : [])];
  return (
    <Main>
      <ErrorSummary errors={summary} />
      <h1>Export plans as PDFs</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p>Every plan agreed between two dates, each as a PDF, saved together in a new folder. Each PDF is recorded in the audit trail as an export.</p>
          <p>The PDFs hold personal information and are not protected by PlanWell once saved: keep the folder safe, and delete it when they have been sent.</p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                <h2 className="nhsuk-fieldset__heading">Plans agreed between</h2>
              </legend>
              <TextField id="agreedFrom" type="date" label="First date" hint="For example, 1 11 2026" width={10} error={errors.agreedFrom?.message} registration={register('agreedFrom')} />
              <TextField id="agreedTo" type="date" label="Last date" hint="For example, 30 11 2026" width={10} error={errors.agreedTo?.message} registration={register('agreedTo')} />
            </fieldset>
            <Radios id="format" legend="Format" options={formatOptions} error={errors.format?.message} registration={register('format')} />
            <button className="nhsuk-button" type="submit" disabled={isSubmitting || running}>
              Start the export
            </button>
          </form>

          {job ? (
            <section aria-labelledby="export-progress-heading">
              <h2 className="nhsuk-heading-m" id="export-progress-heading" ref={progressHeading} tabIndex={-1}>
                Plans agreed from {formatDate(job.request.agreedFrom)} to {formatDate(job.request.agreedTo)}
              </h2>
              <BatchProgress status={job.status} stopped={followError !== null} />
            </section>
          ) : null}
          {/* Always present, so that what it says next is announced; only now and then, and at the end. */}
          <p className="nhsuk-u-visually-hidden" role="status">
            {announcement}
          </p>
        </div>
      </div>
    </Main>
  );
}

function BatchProgress({ status, stopped }: { status: BatchExportStatus; stopped: boolean }) {
  if (status.finished && status.total === 0) {
    return <p>No plans were agreed between these dates, so there was nothing to export.</p>;
  }
  return (
    <>
      <label className="nhsuk-label" htmlFor="export-progress">
        Plans exported so far
      </label>
      <progress className="app-export-progress" id="export-progress" max={status.total} value={status.done}>
        {status.done} of {status.total}
      </progress>
      <p>{progressSentence(status)}</p>
      <p>
        {status.finished ? 'The PDFs are in this folder:' : 'The PDFs are being saved in this folder:'}
        <br />
        <strong className="app-export-folder">{status.folder}</strong>
      </p>
      {status.failures.length > 0 ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {status.failures.length === 1 ? '1 plan could not be exported' : `${status.failures.length} plans could not be exported`}
            </span>
          </h3>
          <ul>
            {status.failures.map((failure) => (
              <li key={failure.fileName}>
                {failure.fileName}: {failure.message}
              </li>
            ))}
          </ul>
          <p>Export those plans one at a time from each person’s plan, or try again later.</p>
        </div>
      ) : null}
      {status.finished ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Finished. {progressSentence(status)}.</p>
        </div>
      ) : stopped ? null : (
        <p>Stay on this page to see when it has finished. If you leave it, the export carries on.</p>
      )}
    </>
  );
}
