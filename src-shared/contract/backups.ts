import { z } from 'zod';
import { recoveryCodeSchema } from './auth';
import { channel } from './channel';

/**
 * Backups: an encrypted copy of the database with the key slots that open it and a manifest, made
 * by hand, at the first log-in of the day and on quit, kept by the practice's rules, and restored
 * by an administrator (or on a new machine, before set-up) with a staff password or the recovery code.
 */

/** The home screen warns when the last good backup is older than this. */
export const backupWarningDays = 2;

export interface BackupManifestSummary {
  fileName: string;
  createdAt: string;
  practiceName: string;
  appVersion: string;
  schemaVersion: string;
  reason: 'manual' | 'daily' | 'quit' | 'before-restore';
  databaseBytes: number;
  /** People, plans, audit events…: the rows the copy holds, by table. */
  rowCounts: Record<string, number>;
  auditHeadSeq: number;
}

export interface BackupStatus {
  folder: string;
  keepDaily: number;
  keepWeekly: number;
  lastGood: { at: string; fileName: string } | null;
  /** No good backup, or the last is older than backupWarningDays. */
  overdue: boolean;
}

export const backupSettingsSchema = z.strictObject({
  folder: z.string().trim().min(1, 'Enter the folder backups are saved in').max(1000, 'The folder must be 1,000 characters or fewer'),
  keepDaily: z.number('Enter a number of days').int('Enter a whole number').min(1, 'Keep at least 1 daily backup').max(90, 'Keep 90 daily backups or fewer'),
  keepWeekly: z.number('Enter a number of weeks').int('Enter a whole number').min(0, 'Enter 0 or more weekly backups').max(104, 'Keep 104 weekly backups or fewer'),
});
export type BackupSettingsInput = z.input<typeof backupSettingsSchema>;

const backupPath = z.string().trim().min(1, 'Choose a backup file').max(2000, 'The file path is too long');

export const restoreSchema = z
  .strictObject({
    path: backupPath,
    /** A member of staff's username and password, as at the time of the backup… */
    username: z.string().trim().toLowerCase().max(64, 'Username must be 64 characters or fewer').default(''),
    password: z.string().max(1000).default(''),
    /** …or the recovery code. */
    recoveryCode: z.union([z.literal(''), recoveryCodeSchema]).default(''),
  })
  .refine((input) => input.recoveryCode !== '' || (input.username !== '' && input.password !== ''), {
    message: 'Enter a username and password, or the recovery code',
    path: ['password'],
  });
export type RestoreInput = z.input<typeof restoreSchema>;

export const backupsChannels = {
  'backups.status': channel<BackupStatus>()({ input: z.strictObject({}), permission: 'session' }),
  /**
   * Backs up now and answers when the copy is made and checked. SQLite's copy holds the main
   * process until it is done, so there is nothing to report part-way: the page shows it is working.
   */
  'backups.now': channel<BackupManifestSummary>()({ input: z.strictObject({}), permission: 'session' }),
  'backups.saveSettings': channel<BackupStatus>()({ input: backupSettingsSchema, permission: 'settings:manage' }),
  'backups.list': channel<BackupManifestSummary[]>()({ input: z.strictObject({}), permission: 'settings:manage' }),
  'backups.inspect': channel<BackupManifestSummary>()({ input: z.strictObject({ path: backupPath }), permission: 'settings:manage' }),
  /** Verifies and restores a backup, after backing up the current database; then everyone logs in again. */
  'backups.restore': channel<BackupManifestSummary>()({ input: restoreSchema, permission: 'settings:manage' }),
  /** The same on a new machine, before set-up: answered only while PlanWell has no practice. */
  'setup.inspectBackup': channel<BackupManifestSummary>()({ input: z.strictObject({ path: backupPath }), permission: 'public' }),
  'setup.restoreBackup': channel<BackupManifestSummary>()({ input: restoreSchema, permission: 'public' }),
};
