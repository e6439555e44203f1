import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { eligibilitySchema, type EligibilityGroup, type Person } from '../../../../src-shared/contract';
import { invoke } from '../../../api/client';
import { Checkboxes } from '../../../components/Checkboxes';
import { SaveOrCancel } from '../../../components/SaveOrCancel';
import { summaryErrors } from '../../../components/server-errors';
import { personHref, usePersonRecord } from './PersonRecord';
import { RecordEditPage, recordSummaryErrors, useRecordForm } from './record-form';

/** The practice's eligibility groups: the legal-right groups and those offered locally, as data. */
export function useEligibilityGroups(): { groups: EligibilityGroup[] | null; error: string | null } {
  const [groups, setGroups] = useState<EligibilityGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('eligibility.list', {}).then((result) => {
      if (!live) return;
      if (result.ok) setGroups(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, []);
  return { groups, error };
}

type EligibilityInput = z.input<typeof eligibilitySchema>;
type EligibilityOutput = z.output<typeof eligibilitySchema>;
const fields = ['groups'] as const;

const eligibilityValues = (person: Person): EligibilityInput => ({ personId: person.id, groups: person.eligibility });

/** Which groups with a right to, or a local offer of, a personal health budget they belong to. */
export function EligibilityScreen() {
  const { person } = usePersonRecord();
  const { groups, error: loadError } = useEligibilityGroups();
  const form = useForm<EligibilityInput, unknown, EligibilityOutput>({ resolver: zodResolver(eligibilitySchema), defaultValues: eligibilityValues(person) });
  const { register, handleSubmit, formState } = form;
  const { errors, isSubmitting } = formState;
  const record = useRecordForm({ form, fields, draftKey: `person:${person.id}:eligibility`, valuesFor: eligibilityValues });

  const submit = handleSubmit(async (values) => {
    record.starting();
    if ([...values.groups].sort().join('|') === [...person.eligibility].sort().join('|')) return record.unchanged();
    await record.finish(await invoke('people.setEligibility', { ...values, rowVersion: person.rowVersion }), 'Eligibility saved.');
  });

  // Groups no longer offered stay visible for anyone already in them.
  const shown = (groups ?? []).filter((group) => group.active || person.eligibility.includes(group.code));
  const option = (group: EligibilityGroup) => ({ value: group.code, label: group.label, ...(group.active ? {} : { hint: 'No longer offered here' }) });
  const legal = shown.filter((group) => group.legalRight).map(option);
  const local = shown.filter((group) => !group.legalRight).map(option);

  return (
    <RecordEditPage
      title="Change personal health budget eligibility"
      errors={recordSummaryErrors(summaryErrors(errors, fields, loadError), record.formMessage, record.stale)}
      stale={record.stale}
      onReload={() => void record.reload()}
      restoredAt={record.draft.restoredAt}
    >
      {!groups ? (
        loadError ? null : (
          <p className="nhsuk-body" role="status">
            Finding the groups…
          </p>
        )
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          {legal.length > 0 ? (
            <Checkboxes
              id="groups"
              legend="Groups with a legal right to a personal health budget"
              hint="Select all that apply. People in these groups have a right to have one."
              error={errors.groups?.message}
              options={legal}
              registration={register('groups')}
            />
          ) : null}
          {local.length > 0 ? (
            <Checkboxes
              id={legal.length > 0 ? 'groups-local' : 'groups'}
              legend="Groups offered a personal health budget locally"
              hint="Select all that apply."
              error={legal.length > 0 ? undefined : errors.groups?.message}
              options={local}
              registration={register('groups')}
            />
          ) : null}
          <SaveOrCancel label="Save eligibility" submitting={isSubmitting} cancelHref={personHref(person.id)} onCancel={() => void record.draft.discard()} />
        </form>
      )}
    </RecordEditPage>
  );
}
