import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { changePasswordSchema } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';

type FormInput = z.input<typeof changePasswordSchema>;
type FormOutput = z.output<typeof changePasswordSchema>;
const fields = ['currentPassword', 'password', 'confirmPassword'] as const;

interface ChangePasswordScreenProps {
  /** At first log-in with a one-time password nothing else is open until this is done. */
  firstLogIn: boolean;
  onChanged: () => void;
}

export function ChangePasswordScreen({ firstLogIn, onChanged }: ChangePasswordScreenProps) {
  usePageTitle(firstLogIn ? 'Choose your password' : 'Change my password');
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const { register, handleSubmit, setError, formState, reset } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', password: '', confirmPassword: '' },
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('auth.changePassword', values);
    if (result.ok) {
      reset();
      setChanged(true);
      onChanged();
    } else {
      setFormMessage(applyServerError(result.error, fields, setError));
    }
  });

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          {changed ? (
            <Notice>Your password has been changed.</Notice>
          ) : null}
          <h1>{firstLogIn ? 'Choose your password' : 'Change my password'}</h1>
          {firstLogIn ? (
            <p>You logged in with a one-time password. Choose your own password to carry on. Only you should know it.</p>
          ) : null}
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="currentPassword" type="password" label={firstLogIn ? 'One-time password' : 'Current password'} autoComplete="current-password" error={errors.currentPassword?.message} registration={register('currentPassword')} />
            <TextField id="password" type="password" label="New password" hint="At least 12 characters. Three random words together make a good password." autoComplete="new-password" error={errors.password?.message} registration={register('password')} />
            <TextField id="confirmPassword" type="password" label="Type the new password again" autoComplete="new-password" error={errors.confirmPassword?.message} registration={register('confirmPassword')} />
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              {firstLogIn ? 'Save password and continue' : 'Change password'}
            </button>
          </form>
        </div>
      </div>
    </Main>
  );
}
