import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import type { z } from 'zod';
import { backupSettingsSchema, type BackupManifestSummary, type BackupSettingsInput, type BackupStatus } from '../../../src-shared/contract';
import { formatDateTime } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { columnHelper, DataTable } from '../../components/DataTable';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { backupReasonLabels, formatBytes } from './backup-words';

type SettingsOutput = z.output<typeof backupSettingsSchema>;
const settingsFields = ['folder', 'keepDaily', 'keepWeekly'] as const;

const column = columnHelper<BackupManifestSummary>();
const columns = column.columns([
  column.accessor('createdAt', { header: 'Made', cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time> }),
  column.accessor('reason', { header: 'Why', cell: (info) => backupReasonLabels[info.getValue()] }),
  column.accessor((backup) => backup.rowCounts.person ?? 0, { id: 'people', header: 'People' }),
  column.accessor('databaseBytes', { header: 'Size', cell: (info) => formatBytes(info.getValue()) }),
  column.display({
    id: 'restore',
    header: 'Restore',
    cell: (info) => (
      <Link href={`/settings/backups/restore?file=${encodeURIComponent(info.row.original.fileName)}`}>
        Restore<span className="nhsuk-u-visually-hidden"> the backup made {formatDateTime(info.row.original.createdAt)}</span>
      </Link>
    ),
  }),
]);

/**
 * Backups for administrators: where they go (often a network share) and how many are kept, a
 * backup made by hand, and the backups in the folder, each of which can be restored.
 */
export function BackupsScreen() {
  usePageTitle('Backups');
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [backups, setBackups] = useState<BackupManifestSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const form = useForm<BackupSettingsInput, unknown, SettingsOutput>({ resolver: zodResolver(backupSettingsSchema), reValidateMode: 'onSubmit' });
  const { register, handleSubmit, reset, setError, formState } = form;

  const load = useCallback(async () => {
    const [statusResult, listResult] = await Promise.all([invoke('backups.status', {}), invoke('backups.list', {})]);
    if (statusResult.ok) {
      setStatus(statusResult.value);
      // Reloaded after "Back up now" too: settings typed and not yet saved stay as typed.
      reset({ folder: statusResult.value.folder, keepDaily: statusResult.value.keepDaily, keepWeekly: statusResult.value.keepWeekly }, { keepDirtyValues: true });
    } else setLoadError(statusResult.error.message);
    if (listResult.ok) setBackups(listResult.value);
    else setLoadError(listResult.error.message);
  }, [reset]);
  useEffect(() => void load(), [load]);

  const backUp = async () => {
    setWorking(true);
    setNotice(null);
    const result = await invoke('backups.now', {});
    setWorking(false);
    if (result.ok) {
      setNotice(`Backed up and checked: ${result.value.fileName}.`);
      await load();
    } else setFormMessage(result.error.message);
  };

  const save = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('backups.saveSettings', values);
    if (result.ok) {
      setStatus(result.value);
      setNotice('Backup settings saved.');
      const listed = await invoke('backups.list', {});
      if (listed.ok) setBackups(listed.value);
    } else setFormMessage(applyServerError(result.error, settingsFields, setError));
  });

  const errors: SummaryError[] = [
    ...(loadError ? [{ message: loadError }] : []),
    ...(formMessage ? [{ message: formMessage }] : []),
    ...settingsFields.flatMap((field) => {
      const message = formState.errors[field]?.message;
      return message ? [{ fieldId: `backup-${field}`, message }] : [];
    }),
  ];

  return (
    <Main>
      <Link className="nhsuk-back-link" href="/settings">
        Back to settings
      </Link>
      <ErrorSummary errors={errors} />
      <h1>Backups</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <p className="nhsuk-u-reading-width">
        PlanWell backs up the whole practice at the first log-in of each day and when it closes after changes. Each backup is encrypted with
        the practice&apos;s key and checked before it is kept. Keep backups on another computer or a network drive, so a failed disk does
        not take them too.
      </p>
      {status ? (
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Last good backup</dt>
            <dd className="nhsuk-summary-list__value">{status.lastGood ? formatDateTime(status.lastGood.at) : 'None yet'}</dd>
          </div>
        </dl>
      ) : null}
      <button className="nhsuk-button" type="button" onClick={() => void backUp()} disabled={working} aria-disabled={working}>
        {working ? 'Backing up and checking…' : 'Back up now'}
      </button>
      <div role="status" className="nhsuk-u-visually-hidden">
        {working ? 'Backing up and checking. This can take a minute.' : ''}
      </div>

      <h2>Where backups go and how many are kept</h2>
      {/* Shown once the saved settings are in it: typed before they arrived, a value would be overwritten. */}
      {status ? (
        <form noValidate onSubmit={(event) => void save(event)}>
          <TextField id="backup-folder" label="Backup folder" hint="The full path, for example a network drive" error={formState.errors.folder?.message} registration={register('folder')} autoComplete="off" spellCheck={false} />
          <TextField id="backup-keepDaily" label="Daily backups to keep" hint="The newest backup of each of this many days" error={formState.errors.keepDaily?.message} registration={register('keepDaily', { valueAsNumber: true })} inputMode="numeric" width={3} />
          <TextField id="backup-keepWeekly" label="Weekly backups to keep" hint="The newest backup of each of this many weeks" error={formState.errors.keepWeekly?.message} registration={register('keepWeekly', { valueAsNumber: true })} inputMode="numeric" width={3} />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Save backup settings
          </button>
        </form>
      ) : loadError ? null : (
        <p role="status">Loading the backup settings…</p>
      )}

      <h2>Backups in the folder</h2>
      {backups ? (
        <DataTable columns={columns} data={backups} caption="Backups, newest first" rowId={(backup) => backup.fileName} empty={<p>There are no backups in this folder yet.</p>} />
      ) : (
        <p role="status">Loading the backups…</p>
      )}
      <p>
        <Link href="/settings/backups/restore">Restore a backup from another folder</Link>
      </p>
    </Main>
  );
}
