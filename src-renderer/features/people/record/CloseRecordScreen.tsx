import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import type { z } from 'zod';
import { closePersonSchema, type Person } from '../../../../src-shared/contract';
import { formatDate, isoDateInLondon } from '../../../../src-shared/format';
import { invoke } from '../../../api/client';
import { SaveOrCancel } from '../../../components/SaveOrCancel';
import { summaryErrors } from '../../../components/server-errors';
import { TextField } from '../../../components/TextField';
import { TextArea } from './form-fields';
import { personHref, usePersonRecord } from './PersonRecord';
import { RecordEditPage, recordSummaryErrors, useRecordForm } from './record-form';

type CloseInput = z.input<typeof closePersonSchema>;
type CloseOutput = z.output<typeof closePersonSchema>;
const fields = ['closedReason', 'closedOn'] as const;

const closeValues = (person: Person): CloseInput => ({
  id: person.id,
  rowVersion: person.rowVersion,
  closedReason: '',
  closedOn: isoDateInLondon(new Date()),
});

/** Closing keeps everything; the record leaves the active caseload and can be reopened. */
export function CloseRecordScreen() {
  const { person } = usePersonRecord();
  const form = useForm<CloseInput, unknown, CloseOutput>({ resolver: zodResolver(closePersonSchema), defaultValues: closeValues(person) });
  const { register, handleSubmit, formState } = form;
  const { errors, isSubmitting } = formState;
  const record = useRecordForm({ form, fields, draftKey: `person:${person.id}:close`, valuesFor: closeValues });

  const submit = handleSubmit(async (values) => {
    record.starting();
    await record.finish(await invoke('people.close', values), `${person.givenName}'s record is closed.`);
  });

  return (
    <RecordEditPage
      title="Close their record"
      errors={recordSummaryErrors(summaryErrors(errors, fields, null), record.formMessage, record.stale)}
      stale={record.stale}
      onReload={() => void record.reload()}
      restoredAt={record.draft.restoredAt}
    >
      {person.status === 'closed' ? (
        <>
          <p>
            Their record was closed on {formatDate(person.closedOn)}: {person.closedReason}
          </p>
          <p>
            <Link href={personHref(person.id)}>Back to their record</Link>
          </p>
        </>
      ) : (
        <>
          <p>Nothing is deleted. They leave the active caseload, and their record can be reopened at any time.</p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextArea
              id="closedReason"
              label="Why is their record being closed?"
              hint="For example, moved away from the area, no longer needs support, or has died"
              rows={3}
              error={errors.closedReason?.message}
              registration={register('closedReason')}
            />
            <TextField id="closedOn" type="date" label="Date closed" hint="For example, 24 11 2026" width={10} error={errors.closedOn?.message} registration={register('closedOn')} />
            <SaveOrCancel label="Close their record" warning submitting={isSubmitting} cancelHref={personHref(person.id)} onCancel={() => void record.draft.discard()} />
          </form>
        </>
      )}
    </RecordEditPage>
  );
}
