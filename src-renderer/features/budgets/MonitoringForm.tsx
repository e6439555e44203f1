import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { recordMonitoringSchema, type BudgetSummary } from '../../../src-shared/contract';
import { formatDate, isoDateInLondon } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import type { SummaryError } from '../../components/ErrorSummary';
import { SaveStatus } from '../../components/SaveStatus';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { TextArea } from '../people/record/form-fields';

type MonitoringInput = z.input<typeof recordMonitoringSchema>;
type MonitoringOutput = z.output<typeof recordMonitoringSchema>;
const fields = ['checkedOn', 'notes'] as const;

const blankCheck = (personId: string): MonitoringInput => ({ personId, checkedOn: isoDateInLondon(new Date()), notes: '' });

interface MonitoringFormProps {
  personId: string;
  lastMonitoredOn: string | null;
  onRecorded: (summary: BudgetSummary, notice: string) => void;
  onErrors: (errors: SummaryError[]) => void;
}

/**
 * A direct payment is monitored (NHS direct payments regulations): a check that the money was
 * used as agreed, with its date and what was seen.
 */
export function MonitoringForm({ personId, lastMonitoredOn, onRecorded, onErrors }: MonitoringFormProps) {
  const form = useForm<MonitoringInput, unknown, MonitoringOutput>({
    resolver: zodResolver(recordMonitoringSchema),
    defaultValues: blankCheck(personId),
    // Checked again only when sent: the error summary takes the focus whenever its errors change.
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, formState, setError, reset } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft(personDraftKey(personId, 'budget-monitoring'), form);
  const [formMessage, setFormMessage] = useState<string | null>(null);

  const signature = JSON.stringify(summaryErrors(errors, fields, formMessage));
  useEffect(() => {
    onErrors(JSON.parse(signature) as SummaryError[]);
  }, [signature, onErrors]);

  const submit = handleSubmit(async (check) => {
    setFormMessage(null);
    const result = await invoke('budgets.recordMonitoring', check);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    reset(blankCheck(personId));
    await draft.discard();
    onRecorded(result.value, `Direct payment monitoring on ${formatDate(check.checkedOn)} recorded.`);
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="record-monitoring-heading">
      <h2 id="record-monitoring-heading">Direct payment monitoring</h2>
      <p>{lastMonitoredOn ? `Last monitored on ${formatDate(lastMonitoredOn)}.` : 'Not monitored yet since the budget was agreed.'}</p>
      <TextField id="checkedOn" type="date" label="Date of the check" hint="For example, 1 7 2026" width={10} error={errors.checkedOn?.message} registration={register('checkedOn')} />
      <TextArea
        id="notes"
        label="What was checked (optional)"
        hint="For example, bank statements and receipts seen, and whether the money was used as agreed"
        rows={3}
        error={errors.notes?.message}
        registration={register('notes')}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={isSubmitting}>
        Record the monitoring check
      </button>
      <SaveStatus status={draft.status} />
    </form>
  );
}
