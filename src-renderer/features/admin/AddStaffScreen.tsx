import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import type { z } from 'zod';
import { newStaffSchema } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { Checkboxes } from '../../components/Checkboxes';
import { ErrorSummary } from '../../components/ErrorSummary';
import { OneTimePassword } from '../../components/OneTimePassword';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { roleOptions } from './roleOptions';

type FormInput = z.input<typeof newStaffSchema>;
type FormOutput = z.output<typeof newStaffSchema>;
const fields = ['fullName', 'username', 'roles'] as const;

export function AddStaffScreen() {
  usePageTitle('Add a staff member');
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ username: string; oneTimePassword: string; id: string } | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(newStaffSchema),
    defaultValues: { fullName: '', username: '', roles: [] },
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('staff.create', values);
    if (result.ok) setCreated({ username: result.value.member.username, oneTimePassword: result.value.oneTimePassword, id: result.value.member.id });
    else setFormMessage(applyServerError(result.error, fields, setError));
  });

  if (created) {
    return (
      <Main>
        <h1>Account created</h1>
        <OneTimePassword username={created.username} password={created.oneTimePassword} />
        <p>
          <Link href="/staff">Back to staff</Link>
        </p>
      </Main>
    );
  }

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <Link className="nhsuk-back-link" href="/staff">
            Back to staff
          </Link>
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          <h1>Add a staff member</h1>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="fullName" label="Full name" autoComplete="off" error={errors.fullName?.message} registration={register('fullName')} />
            <TextField id="username" label="Username" hint="Letters, numbers, dots, hyphens and underscores, for example j.smith" width={20} autoComplete="off" spellCheck={false} error={errors.username?.message} registration={register('username')} />
            <Checkboxes id="roles" legend="Roles" hint="Give only the access their work needs. Select all that apply." error={errors.roles?.message} options={roleOptions} registration={register('roles')} />
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Create account
            </button>
          </form>
        </div>
      </div>
    </Main>
  );
}
