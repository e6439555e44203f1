import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { unlockSchema, type SignedInUser } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { useAppState } from '../../app/app-state';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';

type FormInput = z.input<typeof unlockSchema>;
type FormOutput = z.output<typeof unlockSchema>;
const fields = ['password'] as const;

export function LockedScreen({ user }: { user: SignedInUser }) {
  usePageTitle('PlanWell is locked');
  const { refresh } = useAppState();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(unlockSchema),
    defaultValues: { password: '' },
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('auth.unlock', values);
    if (result.ok) await refresh();
    else setFormMessage(applyServerError(result.error, fields, setError));
  });

  // Someone else starts fresh, at the start page; the locked user's drafts stay theirs.
  const switchUser = async () => {
    await invoke('auth.logOut', {});
    window.location.hash = '#/';
    await refresh();
  };

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          <h1>PlanWell is locked</h1>
          <p>
            Locked for <strong>{user.fullName}</strong> ({user.username}). Enter your password to carry on where you
            left off.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="password" type="password" label="Password" autoComplete="current-password" error={errors.password?.message} registration={register('password')} />
            <div className="nhsuk-button-group">
              <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
                Unlock
              </button>
              <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void switchUser()}>
                Log in as someone else
              </button>
            </div>
          </form>
        </div>
      </div>
    </Main>
  );
}
