import type { BackupManifestSummary } from '../../../src-shared/contract';

export const backupReasonLabels: Record<BackupManifestSummary['reason'], string> = {
  manual: 'Made by hand',
  daily: 'First log-in of the day',
  quit: 'When PlanWell closed',
  'before-restore': 'Before a restore',
};

/** "12.4 MB", for backup sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString('en-GB')} KB`;
  return `${(bytes / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}
