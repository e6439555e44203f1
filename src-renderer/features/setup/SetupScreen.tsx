import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createPracticeSchema } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Link } from 'wouter';
import { Main } from '../../app/Main';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { Checkboxes } from '../../components/Checkboxes';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';

type FormInput = z.input<typeof createPracticeSchema>;
type FormOutput = z.output<typeof createPracticeSchema>;
const fields = ['practiceName', 'odsCode', 'fullName', 'username', 'password', 'confirmPassword', 'clinicalRoles'] as const;

export function SetupScreen({ onSetUp }: { onSetUp: (recoveryCode: string) => void }) {
  usePageTitle('Set up PlanWell');
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createPracticeSchema),
    defaultValues: { practiceName: '', odsCode: '', fullName: '', username: '', password: '', confirmPassword: '', clinicalRoles: [] },
  });
  const { errors, isSubmitting } = formState;

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('setup.createPractice', values);
    if (result.ok) onSetUp(result.value.recoveryCode);
    else setFormMessage(applyServerError(result.error, fields, setError));
  });

  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
          <h1>Set up PlanWell</h1>
          <p>
            PlanWell keeps your practice&apos;s care plans on this computer, encrypted. Set up your practice and the
            first administrator. The administrator can add other staff later.
          </p>
          <p>
            Moving PlanWell to a new computer? <Link href="/restore">Restore your practice from a backup</Link> instead.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                <h2 className="nhsuk-fieldset__heading">Your practice</h2>
              </legend>
              <TextField id="practiceName" label="Practice name" autoComplete="organization" error={errors.practiceName?.message} registration={register('practiceName')} />
              <TextField id="odsCode" label="ODS code (optional)" hint="The practice code from the Organisation Data Service, for example A81001" width={10} autoComplete="off" error={errors.odsCode?.message} registration={register('odsCode')} />
            </fieldset>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                <h2 className="nhsuk-fieldset__heading">The first administrator</h2>
              </legend>
              <TextField id="fullName" label="Full name" autoComplete="name" error={errors.fullName?.message} registration={register('fullName')} />
              <TextField id="username" label="Username" hint="Letters, numbers, dots, hyphens and underscores, for example j.smith" width={20} autoComplete="username" spellCheck={false} error={errors.username?.message} registration={register('username')} />
              <TextField id="password" type="password" label="Password" hint="At least 12 characters. Three random words together make a good password." autoComplete="new-password" error={errors.password?.message} registration={register('password')} />
              <TextField id="confirmPassword" type="password" label="Type the password again" autoComplete="new-password" error={errors.confirmPassword?.message} registration={register('confirmPassword')} />
              <Checkboxes
                id="clinicalRoles"
                legend="Do you also work with patients?"
                hint="The administrator manages staff, settings and the audit trail, but cannot see patients' records without a clinical role. Select any that apply to you."
                error={errors.clinicalRoles?.message}
                options={[
                  { value: 'link-worker', label: 'Yes, as a social prescribing link worker' },
                  { value: 'nurse', label: 'Yes, as a nurse or care coordinator' },
                ]}
                registration={register('clinicalRoles')}
              />
            </fieldset>
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Set up PlanWell
            </button>
          </form>
        </div>
      </div>
    </Main>
  );
}
