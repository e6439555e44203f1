import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import { newPersonSchema, type NewPerson, type NewPersonInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { useFormDraft } from '../../app/drafts';
import { SaveStatus } from '../../components/SaveStatus';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { AboutFields, ContactFields, IdentityFields, workerIdFromSelect } from './record/EditDetailsScreen';
import { Select } from './record/form-fields';
import { useStaffOptions } from './record/record-form';

// In page order. The four that identify someone come first: often there is a patient in the room.
const fields = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'nhsNumber',
  'preferredName',
  'sexOrGender',
  'registeredPractice',
  'address',
  'postcode',
  'phone',
  'email',
  'preferredContactMethod',
  'assignedWorkerId',
] as const;

export function AddPersonScreen() {
  usePageTitle('Add a person');
  const [, navigate] = useLocation();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const staffOptions = useStaffOptions();
  const form = useForm<NewPersonInput, unknown, NewPerson>({
    resolver: zodResolver(newPersonSchema),
    defaultValues: {
      givenName: '',
      familyName: '',
      dateOfBirth: '',
      nhsNumber: '',
      preferredName: '',
      sexOrGender: '',
      registeredPractice: '',
      address: '',
      postcode: '',
      phone: '',
      email: '',
      preferredContactMethod: '',
      assignedWorkerId: null,
    },
  });
  const { register, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft('add-person', form);

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('people.create', values);
    if (result.ok) {
      await draft.discard();
      navigate(`/people/${result.value.id}`);
    } else setFormMessage(applyServerError(result.error, fields, setError));
  });

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <Link className="nhsuk-back-link" href="/">
            Back to caseload
          </Link>
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          <h1>Add a person</h1>
          <p>
            Adding many people? <Link href="/people/import">Import people from a file</Link>
          </p>
          {draft.restoredAt ? (
            <Notice>We kept what you had typed before PlanWell locked. Check it and save when ready.</Notice>
          ) : null}
          <form noValidate onSubmit={(event) => void submit(event)}>
            <IdentityFields register={register} errors={errors} />
            <p>Everything below is optional. You can add it now or later, from their record.</p>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                <h2 className="nhsuk-fieldset__heading">About them</h2>
              </legend>
              <AboutFields register={register} errors={errors} />
            </fieldset>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                <h2 className="nhsuk-fieldset__heading">Contact details</h2>
              </legend>
              <ContactFields register={register} errors={errors} />
            </fieldset>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                <h2 className="nhsuk-fieldset__heading">Their worker</h2>
              </legend>
              {staffOptions ? (
                <Select
                  id="assignedWorkerId"
                  label="Assigned worker (optional)"
                  hint="The member of staff who looks after their plan"
                  options={staffOptions}
                  error={errors.assignedWorkerId?.message}
                  registration={register('assignedWorkerId', { setValueAs: workerIdFromSelect })}
                />
              ) : (
                <p className="nhsuk-body" role="status">
                  Finding staff…
                </p>
              )}
            </fieldset>
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Save person
            </button>
          </form>
          <SaveStatus status={draft.status} />
        </div>
      </div>
    </Main>
  );
}
