import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearch } from 'wouter';
import type { z } from 'zod';
import { restoreSchema, type BackupManifestSummary, type BackupStatus, type RestoreInput } from '../../../src-shared/contract';
import { formatDateTime } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { Main } from '../../app/Main';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { backupReasonLabels, formatBytes } from './backup-words';

type RestoreOutput = z.output<typeof restoreSchema>;
const unlockOptions = [
  { value: 'password', label: 'A username and password', hint: 'As they were when the backup was made' },
  { value: 'recovery-code', label: 'The recovery code', hint: 'The 25-character code printed when the practice was set up' },
] as const;
const restoreFields = ['path', 'username', 'password', 'recoveryCode'] as const;

/**
 * Restoring a backup: choose the file, see what it holds, unlock it with a password or the
 * recovery code as they were when it was made. An administrator does this from Settings; on a
 * new machine, or when the database is damaged or its key file lost, it is done before log-in.
 */
export function RestoreBackupScreen({ onNewMachine }: { onNewMachine: boolean }) {
  usePageTitle('Restore a backup');
  const { refresh } = useAppState();
  const query = new URLSearchParams(useSearch());
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [manifest, setManifest] = useState<BackupManifestSummary | null>(null);
  const [unlockWith, setUnlockWith] = useState<'password' | 'recovery-code'>('password');
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const form = useForm<RestoreInput, unknown, RestoreOutput>({ resolver: zodResolver(restoreSchema), reValidateMode: 'onSubmit', defaultValues: { path: '', username: '', password: '', recoveryCode: '' } });
  const { register, handleSubmit, setError, setValue, getValues, formState } = form;

  // From the list of backups, the file is named; its folder comes from the settings.
  const fileName = query.get('file');
  useEffect(() => {
    if (onNewMachine) return;
    void invoke('backups.status', {}).then((result) => {
      if (!result.ok) return;
      setStatus(result.value);
      if (fileName) setValue('path', `${result.value.folder.replace(/[\\/]$/, '')}/${fileName}`);
    });
  }, [onNewMachine, fileName, setValue]);

  const inspect = async () => {
    setFormMessage(null);
    setManifest(null);
    const path = getValues('path').trim();
    if (!path) {
      setError('path', { message: 'Enter where the backup file is' });
      return;
    }
    const result = await invoke(onNewMachine ? 'setup.inspectBackup' : 'backups.inspect', { path });
    if (result.ok) setManifest(result.value);
    else setFormMessage(applyServerError(result.error, restoreFields, setError));
  };

  const restore = handleSubmit(async (values) => {
    setFormMessage(null);
    setWorking(true);
    const input = unlockWith === 'password' ? { ...values, recoveryCode: '' } : { path: values.path, recoveryCode: values.recoveryCode };
    const result = await invoke(onNewMachine ? 'setup.restoreBackup' : 'backups.restore', input);
    setWorking(false);
    if (result.ok) {
      window.location.hash = '#/';
      await refresh();
    } else setFormMessage(applyServerError(result.error, restoreFields, setError));
  });

  const errors: SummaryError[] = [
    ...(formMessage ? [{ message: formMessage }] : []),
    ...restoreFields.flatMap((field) => {
      const message = formState.errors[field]?.message;
      return message ? [{ fieldId: `restore-${field}`, message }] : [];
    }),
  ];

  return (
    <Main>
      <Link className="nhsuk-back-link" href={onNewMachine ? '/' : '/settings/backups'}>
        {onNewMachine ? 'Back' : 'Back to backups'}
      </Link>
      <ErrorSummary errors={errors} />
      <h1>Restore a backup</h1>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            What restoring does
          </span>
        </h2>
        <p>
          {onNewMachine
            ? 'PlanWell on this computer will hold the practice as it was when the backup was made. Everyone then logs in with the passwords they had then.'
            : 'Everything recorded since the backup was made is replaced by the backup. PlanWell backs up the current data first, so it can be brought back. Everyone then logs in again.'}
        </p>
      </div>
      <form noValidate onSubmit={(event) => void restore(event)}>
        <TextField
          id="restore-path"
          label="Backup file"
          hint={status ? `Backups are kept in ${status.folder}` : 'The full path of the file, for example on a network drive or memory stick. Its name ends .planwell-backup'}
          error={formState.errors.path?.message}
          registration={register('path')}
          autoComplete="off"
          spellCheck={false}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void inspect()}>
          Check the backup
        </button>
        {manifest ? (
          <>
            <h2>What this backup holds</h2>
            <dl className="nhsuk-summary-list">
              {[
                ['Practice', manifest.practiceName],
                ['Made', formatDateTime(manifest.createdAt)],
                ['Why', backupReasonLabels[manifest.reason]],
                ['People', (manifest.rowCounts.person ?? 0).toLocaleString('en-GB')],
                ['Plan versions', (manifest.rowCounts.care_plan ?? 0).toLocaleString('en-GB')],
                ['Size', formatBytes(manifest.databaseBytes)],
                ['Made by PlanWell', `${manifest.appVersion} (data version ${manifest.schemaVersion})`],
              ].map(([key, value]) => (
                <div className="nhsuk-summary-list__row" key={key}>
                  <dt className="nhsuk-summary-list__key">{key}</dt>
                  <dd className="nhsuk-summary-list__value">{value}</dd>
                </div>
              ))}
            </dl>
            <div className="nhsuk-form-group">
              <fieldset className="nhsuk-fieldset">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Unlock it with</legend>
                <div className="nhsuk-radios">
                  {unlockOptions.map((option) => (
                    <div className="nhsuk-radios__item" key={option.value}>
                      <input
                        className="nhsuk-radios__input"
                        id={`restore-unlock-${option.value}`}
                        type="radio"
                        name="unlock-with"
                        value={option.value}
                        checked={unlockWith === option.value}
                        onChange={() => setUnlockWith(option.value)}
                        aria-describedby={`restore-unlock-${option.value}-hint`}
                      />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor={`restore-unlock-${option.value}`}>
                        {option.label}
                      </label>
                      <div className="nhsuk-hint nhsuk-radios__hint" id={`restore-unlock-${option.value}-hint`}>
                        {option.hint}
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            {unlockWith === 'password' ? (
              <>
                <TextField id="restore-username" label="Username" error={formState.errors.username?.message} registration={register('username')} autoComplete="username" spellCheck={false} />
                <TextField id="restore-password" label="Password" type="password" error={formState.errors.password?.message} registration={register('password')} autoComplete="current-password" />
              </>
            ) : (
              <TextField id="restore-recoveryCode" label="Recovery code" error={formState.errors.recoveryCode?.message} registration={register('recoveryCode')} autoComplete="off" spellCheck={false} />
            )}
            <button className="nhsuk-button" type="submit" disabled={working} aria-disabled={working}>
              {working ? 'Checking and restoring…' : 'Restore this backup'}
            </button>
            <div role="status" className="nhsuk-u-visually-hidden">
              {working ? 'Checking and restoring the backup. This can take a minute.' : ''}
            </div>
          </>
        ) : null}
      </form>
    </Main>
  );
}
