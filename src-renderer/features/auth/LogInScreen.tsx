import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { logInSchema } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { useAppState } from '../../app/app-state';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { RecoverScreen } from './RecoverScreen';

type FormInput = z.input<typeof logInSchema>;
type FormOutput = z.output<typeof logInSchema>;
const fields = ['username', 'password'] as const;

export function LogInScreen({ practiceName }: { practiceName: string }) {
  const [recovering, setRecovering] = useState(false);
  if (recovering) return <RecoverScreen onCancel={() => setRecovering(false)} />;
  return <LogInForm practiceName={practiceName} onRecover={() => setRecovering(true)} />;
}

function LogInForm({ practiceName, onRecover }: { practiceName: string; onRecover: () => void }) {
  usePageTitle('Log in');
  const { refresh } = useAppState();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(logInSchema),
    defaultValues: { username: '', password: '' },
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('auth.logIn', values);
    if (result.ok) await refresh();
    else setFormMessage(applyServerError(result.error, fields, setError));
  });

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          <h1>
            {practiceName ? <span className="nhsuk-caption-l">{practiceName}</span> : null}
            Log in to PlanWell
          </h1>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="username" label="Username" width={20} autoComplete="username" spellCheck={false} error={errors.username?.message} registration={register('username')} />
            <TextField id="password" type="password" label="Password" autoComplete="current-password" error={errors.password?.message} registration={register('password')} />
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Log in
            </button>
          </form>
          <p>
            If you have forgotten your password, ask your practice&apos;s PlanWell administrator to reset it.
          </p>
          <p>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRecover}>
              Use the recovery code
            </button>
          </p>
        </div>
      </div>
    </Main>
  );
}
