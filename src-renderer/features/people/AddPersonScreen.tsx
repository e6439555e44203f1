import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import { newPersonSchema, type NewPerson, type NewPersonInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { useFormDraft } from '../../app/drafts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';

const fields = ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber'] as const;

export function AddPersonScreen() {
  usePageTitle('Add a person');
  const [, navigate] = useLocation();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const form = useForm<NewPersonInput, unknown, NewPerson>({
    resolver: zodResolver(newPersonSchema),
    defaultValues: { givenName: '', familyName: '', dateOfBirth: '', nhsNumber: '' },
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
    }
    else setFormMessage(applyServerError(result.error, fields, setError));
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
          {draft.restoredAt ? (
            <Notice>We kept what you had typed before PlanWell locked. Check it and save when ready.</Notice>
          ) : null}
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="givenName" label="Given name" autoComplete="off" spellCheck={false} error={errors.givenName?.message} registration={register('givenName')} />
            <TextField id="familyName" label="Family name" autoComplete="off" spellCheck={false} error={errors.familyName?.message} registration={register('familyName')} />
            <TextField id="dateOfBirth" type="date" label="Date of birth" hint="For example, 27 3 1950" width={10} error={errors.dateOfBirth?.message} registration={register('dateOfBirth')} />
            <TextField id="nhsNumber" label="NHS number" hint="10 digits, for example 943 476 5919" width={10} inputMode="numeric" autoComplete="off" spellCheck={false} error={errors.nhsNumber?.message} registration={register('nhsNumber')} />
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Save person
            </button>
          </form>
        </div>
      </div>
    </Main>
  );
}
