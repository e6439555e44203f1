import { useEffect, useState } from 'react';
import { backupWarningDays, type BackupStatus } from '../../../src-shared/contract';
import { formatDateTime } from '../../../src-shared/format';
import { invoke } from '../../api/client';

/**
 * On the home screen: a warning when the last good backup is more than two days old (or there is
 * none), with a button to back up now. Says nothing when backups are up to date.
 */
export function BackupWarning() {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('backups.status', {}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    return () => {
      live = false;
    };
  }, []);

  const backUp = async () => {
    setWorking(true);
    setOutcome(null);
    const result = await invoke('backups.now', {});
    setWorking(false);
    if (result.ok) {
      setOutcome({ ok: true, text: `Backed up and checked at ${formatDateTime(result.value.createdAt)}.` });
      const refreshed = await invoke('backups.status', {});
      if (refreshed.ok) setStatus(refreshed.value);
    } else {
      setOutcome({ ok: false, text: result.error.message });
    }
  };

  if (!status) return null;
  if (!status.overdue) {
    return outcome ? (
      <div className="nhsuk-inset-text" role="status">
        <p>{outcome.text}</p>
      </div>
    ) : null;
  }
  return (
    <div className="nhsuk-warning-callout">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Back up PlanWell
        </span>
      </h2>
      <p>
        {status.lastGood
          ? `The last good backup was made at ${formatDateTime(status.lastGood.at)}, more than ${backupWarningDays} days ago.`
          : 'PlanWell has not been backed up yet.'}{' '}
        If this computer failed, anything recorded since would be lost.
      </p>
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2" type="button" onClick={() => void backUp()} disabled={working} aria-disabled={working}>
        {working ? 'Backing up and checking…' : 'Back up now'}
      </button>
      <div role="status">{outcome ? <p className={outcome.ok ? undefined : 'nhsuk-error-message'}>{outcome.text}</p> : null}</div>
    </div>
  );
}
