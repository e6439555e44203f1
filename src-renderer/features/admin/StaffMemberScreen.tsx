import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import type { z } from 'zod';
import { roleLabels, staffRolesSchema, type StaffMember } from '../../../src-shared/contract';
import { formatDateTime } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { Checkboxes } from '../../components/Checkboxes';
import { ErrorSummary } from '../../components/ErrorSummary';
import { OneTimePassword } from '../../components/OneTimePassword';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { roleOptions } from './roleOptions';

type FormInput = z.input<typeof staffRolesSchema>;
type FormOutput = z.output<typeof staffRolesSchema>;
const fields = ['roles'] as const;

export function StaffMemberScreen({ userId }: { userId: string }) {
  const [member, setMember] = useState<StaffMember | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const [confirmingDeactivation, setConfirmingDeactivation] = useState(false);
  usePageTitle(member ? member.fullName : 'Staff member');

  const { register, handleSubmit, setError, formState, reset } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(staffRolesSchema),
    defaultValues: { userId, roles: [] },
  });
  const { errors, isSubmitting } = formState;

  const show = useCallback((value: StaffMember) => {
    setMember(value);
    reset({ userId: value.id, roles: value.roles });
  }, [reset]);

  useEffect(() => {
    void invoke('staff.list', {}).then((result) => {
      if (!result.ok) return setLoadError(result.error.message);
      const found = result.value.find((m) => m.id === userId);
      if (found) show(found);
      else setLoadError('That staff member is not in PlanWell.');
    });
  }, [userId, show]);

  const saveRoles = handleSubmit(async (values) => {
    setFormMessage(null);
    setNotice(null);
    const result = await invoke('staff.setRoles', values);
    if (result.ok) {
      show(result.value);
      setNotice('Roles saved. They apply from their next action in PlanWell.');
    } else {
      setFormMessage(applyServerError(result.error, fields, setError));
    }
  });

  const resetPassword = async () => {
    setFormMessage(null);
    setNotice(null);
    const result = await invoke('staff.resetPassword', { userId });
    if (result.ok) setOneTimePassword(result.value.oneTimePassword);
    else setFormMessage(result.error.message);
  };

  const deactivate = async () => {
    setFormMessage(null);
    setNotice(null);
    const result = await invoke('staff.deactivate', { userId });
    setConfirmingDeactivation(false);
    if (result.ok) {
      show(result.value);
      setNotice(`${result.value.fullName}'s account is deactivated. Their history stays in the audit trail.`);
    } else {
      setFormMessage(result.error.message);
    }
  };

  if (loadError) {
    return (
      <Main>
        <h1>Staff member not found</h1>
        <p>{loadError}</p>
        <Link href="/staff">Back to staff</Link>
      </Main>
    );
  }
  if (!member) return <Main><p role="status">Loading…</p></Main>;

  return (
    <Main>
      <Link className="nhsuk-back-link" href="/staff">
        Back to staff
      </Link>
      <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
      {notice ? (
        <Notice>{notice}</Notice>
      ) : null}
      <h1>
        <span className="nhsuk-caption-l">{member.username}</span>
        {member.fullName}
      </h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Status</dt>
          <dd className="nhsuk-summary-list__value">{!member.active ? 'Deactivated' : member.mustChangePassword ? 'Waiting for first log-in' : 'Active'}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Roles</dt>
          <dd className="nhsuk-summary-list__value">{member.roles.map((role) => roleLabels[role]).join('; ')}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Account created</dt>
          <dd className="nhsuk-summary-list__value">{formatDateTime(member.createdAt)}</dd>
        </div>
      </dl>
      {oneTimePassword ? <OneTimePassword username={member.username} password={oneTimePassword} /> : null}
      {member.active ? (
        <>
          <h2>Roles</h2>
          <form noValidate onSubmit={(event) => void saveRoles(event)}>
            <Checkboxes id="roles" legend="What they can do" hint="Select all that apply." error={errors.roles?.message} options={roleOptions} registration={register('roles')} />
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Save roles
            </button>
          </form>
          <h2>Password</h2>
          <p>If they have forgotten their password, give them a new one-time password. Their old password stops working.</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void resetPassword()}>
            Reset password
          </button>
          <h2>Deactivate account</h2>
          <p>They will not be able to log in. What they did stays in the audit trail.</p>
          {confirmingDeactivation ? (
            <div className="nhsuk-warning-callout">
              <h3 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  Are you sure?
                </span>
              </h3>
              <p>Deactivate {member.fullName}&apos;s account now?</p>
              <div className="nhsuk-button-group">
                <button type="button" className="nhsuk-button nhsuk-button--warning" onClick={() => void deactivate()}>
                  Yes, deactivate the account
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setConfirmingDeactivation(false)}>
                  No, keep it
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="nhsuk-button nhsuk-button--warning" onClick={() => setConfirmingDeactivation(true)}>
              Deactivate account
            </button>
          )}
        </>
      ) : null}
    </Main>
  );
}
