import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { recoverSchema } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { useAppState } from '../../app/app-state';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';

type FormInput = z.input<typeof recoverSchema>;
type FormOutput = z.output<typeof recoverSchema>;
const fields = ['recoveryCode', 'username', 'password', 'confirmPassword'] as const;

/** For when every administrator password is lost: the printed recovery code opens the practice. */
export function RecoverScreen({ onCancel }: { onCancel: () => void }) {
  usePageTitle('Use the recovery code');
  const { refresh } = useAppState();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(recoverSchema),
    defaultValues: { recoveryCode: '', username: '', password: '', confirmPassword: '' },
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('auth.recover', values);
    if (result.ok) await refresh();
    else setFormMessage(applyServerError(result.error, fields, setError));
  });

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          <h1>Use the recovery code</h1>
          <p>Type the recovery code that was printed when PlanWell was set up, then choose a new password for an administrator.</p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="recoveryCode" label="Recovery code" hint="25 letters and numbers. Spaces and hyphens do not matter." autoComplete="off" spellCheck={false} error={errors.recoveryCode?.message} registration={register('recoveryCode')} />
            <TextField id="username" label="Administrator username" width={20} autoComplete="username" spellCheck={false} error={errors.username?.message} registration={register('username')} />
            <TextField id="password" type="password" label="New password" hint="At least 12 characters. Three random words together make a good password." autoComplete="new-password" error={errors.password?.message} registration={register('password')} />
            <TextField id="confirmPassword" type="password" label="Type the new password again" autoComplete="new-password" error={errors.confirmPassword?.message} registration={register('confirmPassword')} />
            <div className="nhsuk-button-group">
              <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
                Set password and log in
              </button>
              <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
                Back to log in
              </button>
            </div>
          </form>
        </div>
      </div>
    </Main>
  );
}
