import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type DefaultValues } from 'react-hook-form';
import type { z } from 'zod';
import {
  referralConsentLabels,
  referralConsents,
  referralStatusChangeSchema,
  referralStatusLabels,
  type Referral,
  type ReferralStatus,
  type ReferralStatusChange,
  type ReferralStatusChangeInput,
} from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import { columnHelper, DataTable } from '../../components/DataTable';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { SaveStatus } from '../../components/SaveStatus';
import { applyServerError, errorAt, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios, TextArea } from '../people/record/form-fields';
import { isStaleRecord } from '../people/record/record-form';
import { today } from '../reviews/review-words';
import { ReferralStatusTag } from './referral-parts';

type StatusChangeOutput = z.output<typeof referralStatusChangeSchema>;

const column = columnHelper<ReferralStatusChange>();
const historyColumns = column.columns([
  column.accessor('changedOn', { header: 'Date', cell: (info) => <span className="app-referral-nowrap">{formatDate(info.getValue())}</span> }),
  column.accessor('status', { header: 'Status', cell: (info) => <ReferralStatusTag status={info.getValue()} /> }),
  column.accessor('note', { header: 'Note', cell: (info) => <span className="app-referral-text">{info.getValue()}</span> }),
  column.accessor((change) => (change.conceptId ? `${change.conceptId} ${change.term}` : ''), {
    id: 'code',
    header: 'SNOMED CT code',
    cell: (info) =>
      info.row.original.conceptId ? (
        <>
          <span className="app-referral-nowrap">{info.row.original.conceptId}</span>
          <span className="app-referral-aside">{info.row.original.term}</span>
        </>
      ) : (
        <span className="nhsuk-u-secondary-text-colour">None</span>
      ),
  }),
  column.accessor('changedByName', { header: 'Recorded by', cell: (info) => info.getValue() ?? 'PlanWell' }),
]);

/** Every status the referral has had, oldest first, with the code each recorded for the GP record. */
export function StatusHistory({ history }: { history: ReferralStatusChange[] }) {
  return (
    <DataTable columns={historyColumns} data={history} caption="Status history, oldest first" captionVisible rowId={(change) => `${change.changedOn}-${change.status}`} />
  );
}

const statusHints: Record<ReferralStatus, string> = {
  new: '',
  contacted: 'You have spoken to them. Logging the first contact does this too.',
  accepted: 'They want support from social prescribing',
  declined: 'They do not want it',
  'did-not-engage': 'They could not be reached, or stopped taking part',
  discharged: 'Social prescribing has finished. The summary for the GP becomes final.',
};

/** Ids of their own: the form shares the page with the connections' forms. */
const fields = ['status', 'changedOn', 'consent', 'note'] as const;
const fieldId = (field: (typeof fields)[number]) => `change-${field}`;

function emptyChange(referral: Referral): DefaultValues<ReferralStatusChangeInput> {
  return { referralId: referral.id, rowVersion: referral.rowVersion, changedOn: today(), note: '' };
}

interface ChangeStatusFormProps {
  referral: Referral;
  personId: string;
  onChanged: (referral: Referral) => void;
  /** Asks for the referral again, after someone else changed it. */
  onReload: () => Promise<void>;
}

/**
 * Moves the referral on, offering only the statuses it may move to. Consent is often asked at the
 * first conversation, so accepting a referral without it asks for it here.
 */
export function ChangeStatusForm({ referral, personId, onChanged, onReload }: ChangeStatusFormProps) {
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const form = useForm<ReferralStatusChangeInput, unknown, StatusChangeOutput>({
    resolver: zodResolver(referralStatusChangeSchema),
    defaultValues: emptyChange(referral),
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, setError, reset, watch, formState } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft(personDraftKey(personId, `referral-${referral.id}-status`), form, { notRestored: ['referralId', 'rowVersion'] });
  const askConsent = watch('status') === 'accepted' && referral.consent !== 'yes';

  const summary: SummaryError[] = [
    ...(formMessage ? [stale ? { fieldId: 'reload-referral', message: formMessage } : { message: formMessage }] : []),
    ...summaryErrors(errors, fields, null, fieldId),
  ];

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    setStale(false);
    // Consent goes with accepting only: a choice left from another status is not sent.
    const result = await invoke('referrals.changeStatus', { ...values, rowVersion: referral.rowVersion, consent: askConsent ? values.consent : undefined });
    if (!result.ok) {
      setStale(isStaleRecord(result.error));
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    reset(emptyChange(result.value));
    await draft.discard();
    onChanged(result.value);
  });

  const reload = async () => {
    await onReload();
    setStale(false);
    setFormMessage(null);
  };

  const statusOptions = referral.nextStatuses.map((status) => ({ value: status, label: referralStatusLabels[status], ...(statusHints[status] ? { hint: statusHints[status] } : {}) }));
  return (
    <div className="nhsuk-u-reading-width">
      <h3>Change the status</h3>
      <ErrorSummary errors={summary} />
      {stale ? (
        <button type="button" id="reload-referral" className="nhsuk-button nhsuk-button--secondary" onClick={() => void reload()}>
          Reload the referral
        </button>
      ) : null}
      <form noValidate onSubmit={(event) => void submit(event)} aria-label="Change the status">
        <Radios id={fieldId('status')} legend="What has happened?" error={errorAt(errors, 'status')} options={statusOptions} registration={register('status')} />
        <TextField
          id={fieldId('changedOn')}
          type="date"
          width={10}
          label="Date"
          hint={`Today or earlier, and not before ${formatDate(referral.statusChangedOn)}`}
          error={errorAt(errors, 'changedOn')}
          registration={register('changedOn')}
        />
        {askConsent ? (
          <Radios
            id={fieldId('consent')}
            legend="Have they agreed to be referred?"
            hint={`Recorded as: ${referralConsentLabels[referral.consent].toLowerCase()}. A referral is accepted only with their agreement.`}
            error={errorAt(errors, 'consent')}
            options={referralConsents.map((consent) => ({ value: consent, label: referralConsentLabels[consent] }))}
            registration={register('consent')}
          />
        ) : null}
        <TextArea id={fieldId('note')} label="Note (optional)" rows={2} error={errorAt(errors, 'note')} registration={register('note')} />
        <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
          Change the status
        </button>
      </form>
      <SaveStatus status={draft.status} />
    </div>
  );
}
