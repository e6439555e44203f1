import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import type { z } from 'zod';
import {
  contactMethodLabels,
  contactMethods,
  updatePersonSchema,
  type NewPersonInput,
  type Person,
  type UpdatePersonInput,
} from '../../../../src-shared/contract';
import { formatNhsNumber } from '../../../../src-shared/domain/nhs-number';
import { invoke } from '../../../api/client';
import type { SummaryError } from '../../../components/ErrorSummary';
import { SaveOrCancel } from '../../../components/SaveOrCancel';
import { summaryErrors } from '../../../components/server-errors';
import { TextField } from '../../../components/TextField';
import { Radios, Select, TextArea } from './form-fields';
import { personHref, usePersonRecord } from './PersonRecord';
import { RecordEditPage, recordSummaryErrors, useFocusRequested, useRecordForm, useStaffOptions } from './record-form';

type DetailsOutput = z.output<typeof updatePersonSchema>;
type DetailField = Exclude<keyof UpdatePersonInput & keyof Person, 'id' | 'rowVersion'>;

/** The parts of a person's details, each changed on its own short screen. */
export const detailSections = {
  personal: {
    title: 'Change personal details',
    notice: 'Personal details saved.',
    fields: ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'preferredName', 'sexOrGender', 'registeredPractice'],
  },
  contact: {
    title: 'Change contact details',
    notice: 'Contact details saved.',
    fields: ['address', 'postcode', 'phone', 'email', 'preferredContactMethod'],
  },
  sharing: {
    title: 'Change sharing choices',
    notice: 'Sharing choices saved.',
    fields: ['sharingPreferences'],
  },
  worker: {
    title: 'Change assigned worker',
    notice: 'Assigned worker saved.',
    fields: ['assignedWorkerId'],
  },
} as const satisfies Record<string, { title: string; notice: string; fields: readonly DetailField[] }>;
export type DetailSection = keyof typeof detailSections;

const allFields = Object.values(detailSections).flatMap((section) => section.fields) as DetailField[];

export function detailsValues(person: Person): UpdatePersonInput {
  return {
    id: person.id,
    rowVersion: person.rowVersion,
    givenName: person.givenName,
    familyName: person.familyName,
    preferredName: person.preferredName,
    dateOfBirth: person.dateOfBirth,
    nhsNumber: formatNhsNumber(person.nhsNumber),
    sexOrGender: person.sexOrGender,
    address: person.address,
    postcode: person.postcode,
    phone: person.phone,
    email: person.email,
    preferredContactMethod: person.preferredContactMethod,
    registeredPractice: person.registeredPractice,
    assignedWorkerId: person.assignedWorkerId,
    sharingPreferences: person.sharingPreferences,
  };
}

export const contactMethodOptions = [
  ...contactMethods.map((method) => ({ value: method, label: contactMethodLabels[method] })),
  { value: '', label: 'No preference' },
];

/** "" in a select means nobody; the contract says null. */
export const workerIdFromSelect = (value: string | null) => (value ? value : null);

/** Personal details, contact details, sharing choices or the assigned worker: one section per screen. */
export function EditDetailsScreen({ section }: { section: DetailSection }) {
  const { title, notice, fields } = detailSections[section];
  const { person } = usePersonRecord();
  const form = useForm<UpdatePersonInput, unknown, DetailsOutput>({ resolver: zodResolver(updatePersonSchema), defaultValues: detailsValues(person) });
  const record = useRecordForm({ form, fields, draftKey: `person:${person.id}:${section}`, valuesFor: detailsValues });
  const { register, handleSubmit, formState } = form;
  const { errors, isSubmitting } = formState;
  const staffOptions = useStaffOptions(section === 'worker' ? { id: person.assignedWorkerId, name: person.assignedWorkerName } : undefined);
  useFocusRequested(form, fields, section !== 'worker' || staffOptions !== null);

  const submit = handleSubmit(async (values) => {
    record.starting();
    if (fields.every((field) => values[field] === person[field])) return record.unchanged();
    await record.finish(await invoke('people.update', values), notice);
  });

  // Answers on other screens were valid when saved; if one no longer is, say so here.
  const elsewhere: SummaryError[] = allFields
    .filter((field) => !(fields as readonly string[]).includes(field))
    .flatMap((field) => (errors[field]?.message ? [{ message: errors[field].message }] : []));

  return (
    <RecordEditPage
      title={title}
      errors={recordSummaryErrors([...summaryErrors(errors, fields, null), ...elsewhere], record.formMessage, record.stale)}
      stale={record.stale}
      onReload={() => void record.reload()}
      restoredAt={record.draft.restoredAt}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        {section === 'personal' ? <PersonalFields register={register} errors={errors} /> : null}
        {section === 'contact' ? <ContactFields register={register} errors={errors} /> : null}
        {section === 'sharing' ? (
          <TextArea
            id="sharingPreferences"
            label="Who may see their plan"
            hint="In their words: who they agree may see or be sent their plan, and anyone who must not. Whether each person around them may receive the plan is recorded with that person."
            rows={6}
            error={errors.sharingPreferences?.message}
            registration={register('sharingPreferences')}
          />
        ) : null}
        {section === 'worker' ? (
          staffOptions ? (
            <Select
              id="assignedWorkerId"
              label="Assigned worker"
              hint="The member of staff who looks after their plan."
              options={staffOptions}
              error={errors.assignedWorkerId?.message}
              registration={register('assignedWorkerId', { setValueAs: workerIdFromSelect })}
            />
          ) : (
            <p className="nhsuk-body" role="status">
              Finding staff…
            </p>
          )
        ) : null}
        <SaveOrCancel label="Save" submitting={isSubmitting} cancelHref={personHref(person.id)} onCancel={() => void record.draft.discard()} />
      </form>
    </RecordEditPage>
  );
}

/** Shared with adding a person: the same fields, the same words. */
interface FieldsProps {
  register: UseFormRegister<NewPersonInput>;
  errors: FieldErrors<NewPersonInput>;
}

export function PersonalFields({ register, errors }: FieldsProps) {
  return (
    <>
      <IdentityFields register={register} errors={errors} />
      <AboutFields register={register} errors={errors} />
    </>
  );
}

/** What every person must have: who they are, beyond doubt. */
export function IdentityFields({ register, errors }: FieldsProps) {
  return (
    <>
      <TextField id="givenName" label="Given name" autoComplete="off" spellCheck={false} error={errors.givenName?.message} registration={register('givenName')} />
      <TextField id="familyName" label="Family name" autoComplete="off" spellCheck={false} error={errors.familyName?.message} registration={register('familyName')} />
      <TextField id="dateOfBirth" type="date" label="Date of birth" hint="For example, 27 3 1950" width={10} error={errors.dateOfBirth?.message} registration={register('dateOfBirth')} />
      <TextField id="nhsNumber" label="NHS number" hint="10 digits, for example 943 476 5919" width={10} inputMode="numeric" autoComplete="off" spellCheck={false} error={errors.nhsNumber?.message} registration={register('nhsNumber')} />
    </>
  );
}

export function AboutFields({ register, errors }: FieldsProps) {
  return (
    <>
      <TextField id="preferredName" label="Preferred name (optional)" hint="What they like to be called, if it is not their given name" autoComplete="off" spellCheck={false} error={errors.preferredName?.message} registration={register('preferredName')} />
      <TextField id="sexOrGender" label="Sex or gender (optional)" hint="As they describe it" width={20} autoComplete="off" error={errors.sexOrGender?.message} registration={register('sexOrGender')} />
      <TextField id="registeredPractice" label="Registered GP practice (optional)" autoComplete="off" error={errors.registeredPractice?.message} registration={register('registeredPractice')} />
    </>
  );
}

export function ContactFields({ register, errors }: FieldsProps) {
  return (
    <>
      <TextArea id="address" label="Address (optional)" hint="Without the postcode" rows={4} autoComplete="off" error={errors.address?.message} registration={register('address')} />
      <TextField id="postcode" label="Postcode (optional)" width={10} autoComplete="off" spellCheck={false} error={errors.postcode?.message} registration={register('postcode')} />
      <TextField id="phone" type="tel" label="Phone number (optional)" width={20} autoComplete="off" error={errors.phone?.message} registration={register('phone')} />
      <TextField id="email" type="email" label="Email address (optional)" autoComplete="off" spellCheck={false} error={errors.email?.message} registration={register('email')} />
      <Radios id="preferredContactMethod" legend="How they prefer to be contacted" options={contactMethodOptions} error={errors.preferredContactMethod?.message} registration={register('preferredContactMethod')} />
    </>
  );
}
