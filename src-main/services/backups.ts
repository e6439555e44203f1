import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  backupWarningDays,
  type BackupManifestSummary,
  type BackupStatus,
  type ChannelParsedInput,
} from '../../src-shared/contract';
import { addDays } from '../../src-shared/domain/calendar';
import { isoDateInLondon } from '../../src-shared/format';
import { auditHeadKey } from '../audit/chain';
import { currentAuditHead, recordAudit, writeAuditHead } from '../audit/trail';
import { defaultKdf, passwordSlotFor, recoverySlot, unwrapSlot, writeKeyringAtomically } from '../auth/keyring';
import type { PracticeVault, Session } from '../auth/vault';
import {
  BackupFileError,
  checkDatabaseCopy,
  extractDatabase,
  readBackupHeader,
  userTableCounts,
  writeBackupFile,
  type BackupManifest,
} from '../backup/backup-file';
import type { Clock } from '../clock';
import type { AppDatabase } from '../db/database';
import { migrations } from '../db/migrations';
import { AppError } from '../ipc/errors';
import { version } from '../../package.json';

/**
 * Backups of the whole practice: a consistent encrypted copy made by SQLite (VACUUM INTO, never a
 * copy of the live file), checked (opened with the key, integrity_check, every table's rows
 * counted against the live database) and written under a temporary name before it takes its
 * own. Restoring checks the copy again and backs up the current database first.
 */

export const backupExtension = '.planwell-backup';

export interface BackupDependencies {
  vault: PracticeVault;
  clock: Clock;
  /** Used when the practice has not chosen a folder: the data folder's `backups`. */
  defaultFolder: string;
  logError: (channel: string, error: unknown) => void;
}

interface BackupSettings {
  folder: string;
  keepDaily: number;
  keepWeekly: number;
  lastGoodAt: string | null;
  lastGoodFile: string | null;
  /** The audit trail's newest event when the last backup was made: later events mean changes. */
  lastAuditSeq: number;
}

async function readSettings(db: AppDatabase, defaultFolder: string): Promise<BackupSettings> {
  const rows = await db.selectFrom('practice_setting').select(['key', 'value']).where('key', 'like', 'backup_%').execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    folder: value('backup_folder') ?? defaultFolder,
    keepDaily: Number(value('backup_keep_daily') ?? 7),
    keepWeekly: Number(value('backup_keep_weekly') ?? 4),
    lastGoodAt: value('backup_last_good_at') ?? null,
    lastGoodFile: value('backup_last_good_file') ?? null,
    lastAuditSeq: Number(value('backup_last_audit_seq') ?? -1),
  };
}

async function writeSettings(db: AppDatabase, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await db.insertInto('practice_setting').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}

function summaryOf(fileName: string, manifest: BackupManifest): BackupManifestSummary {
  return {
    fileName, createdAt: manifest.createdAt, practiceName: manifest.practiceName, appVersion: manifest.appVersion, schemaVersion: manifest.schemaVersion,
    reason: manifest.reason, databaseBytes: manifest.databaseBytes, rowCounts: manifest.rowCounts, auditHeadSeq: manifest.auditHead.seq,
  };
}

function quoteSqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function removeCopy(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Makes one backup from the open session into `folder`. Everything between the copy and the
 * counts it is checked against runs without yielding, so no other request can write in between.
 */
export async function makeBackup(session: Session, vault: PracticeVault, clock: Clock, folder: string, reason: BackupManifest['reason']): Promise<BackupManifestSummary> {
  const { db, sqlite } = session.database;
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // The backup records its own making, so the copy's audit trail ends with it.
  await recordAudit(db, clock, { user: session.user, action: 'export', channel: 'backups', detail: `Backed up the database (${reason === 'manual' ? 'by hand' : reason === 'daily' ? 'first log-in of the day' : reason === 'quit' ? 'on quit' : 'before a restore'})` });
  const createdAt = clock.now();
  const copy = join(folder, `.planwell-${randomUUID()}.db.partial`);
  const fileName = `planwell-backup-${createdAt.toISOString().replace(/[:.]/g, '-')}${backupExtension}`;
  try {
    sqlite.exec(`VACUUM INTO ${quoteSqlString(copy)}`);
    const liveCounts = userTableCounts(sqlite);
    const auditHead = currentAuditHead(sqlite);
    const copyCounts = checkDatabaseCopy(copy, session.databaseKey, { rebuildSearch: true });
    const differing = Object.keys(liveCounts).filter((table) => liveCounts[table] !== copyCounts[table]);
    if (differing.length > 0) throw new BackupFileError(`The copy does not hold the same rows as the database (${differing.join(', ')}).`);
    const keyring = vault.keyring();
    const manifest = writeBackupFile(join(folder, fileName), copy, {
      manifest: { createdAt: createdAt.toISOString(), practiceName: keyring.practiceName ?? '', appVersion: version, schemaVersion: Object.keys(migrations).at(-1) ?? '', rowCounts: liveCounts, auditHead, reason },
      keyring,
    });
    await writeSettings(db, { backup_last_good_at: manifest.createdAt, backup_last_good_file: fileName, backup_last_audit_seq: String(auditHead.seq) });
    return summaryOf(fileName, manifest);
  } finally {
    removeCopy(copy);
  }
}

/** The backups in a folder, newest first, read from their headers (not verified: that is done on restore). */
export function listBackupFiles(folder: string): { path: string; manifest: BackupManifest }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(backupExtension) && !name.startsWith('.'))
    .flatMap((name) => {
      try {
        return [{ path: join(folder, name), manifest: readBackupHeader(join(folder, name)).manifest }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => (a.manifest.createdAt < b.manifest.createdAt ? 1 : -1));
}

/** The ISO week a date falls in, as "2026-W48": weekly backups keep the newest of each. */
function isoWeek(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / 604_800_000 - ((firstThursday.getUTCDay() + 6) % 7 - 3) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups to keep: the newest of each of the last `keepDaily` days that have one, and the
 * newest of each of the last `keepWeekly` weeks. Backups made before a restore are always kept.
 */
export function backupsToKeep(backups: readonly { path: string; manifest: BackupManifest }[], keepDaily: number, keepWeekly: number): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => (a.manifest.createdAt < b.manifest.createdAt ? 1 : -1));
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of newestFirst) {
    if (backup.manifest.reason === 'before-restore') keep.add(backup.path);
    const day = isoDateInLondon(new Date(backup.manifest.createdAt));
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(backup.path);
    }
    const week = isoWeek(day);
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      keep.add(backup.path);
    }
  }
  return keep;
}

function prune(folder: string, keepDaily: number, keepWeekly: number): void {
  const backups = listBackupFiles(folder);
  const keep = backupsToKeep(backups, keepDaily, keepWeekly);
  for (const backup of backups) if (!keep.has(backup.path)) rmSync(backup.path, { force: true });
}

/** Makes a backup now and applies the practice's keeping rules. */
export async function backUpAndPrune(deps: BackupDependencies, session: Session, reason: BackupManifest['reason']): Promise<BackupManifestSummary> {
  const settings = await readSettings(session.database.db, deps.defaultFolder);
  const made = await makeBackup(session, deps.vault, deps.clock, settings.folder, reason);
  prune(settings.folder, settings.keepDaily, settings.keepWeekly);
  return made;
}

function signedIn(deps: BackupDependencies): Session {
  const session = deps.vault.currentSession();
  if (!session) throw new AppError('UNAUTHENTICATED', 'Log in first.');
  return session;
}

export async function backupStatus(deps: BackupDependencies): Promise<BackupStatus> {
  const session = signedIn(deps);
  const settings = await readSettings(session.database.db, deps.defaultFolder);
  const today = isoDateInLondon(deps.clock.now());
  const lastDay = settings.lastGoodAt ? isoDateInLondon(new Date(settings.lastGoodAt)) : null;
  return {
    folder: settings.folder,
    keepDaily: settings.keepDaily,
    keepWeekly: settings.keepWeekly,
    lastGood: settings.lastGoodAt && settings.lastGoodFile ? { at: settings.lastGoodAt, fileName: settings.lastGoodFile } : null,
    overdue: lastDay === null || lastDay < addDays(today, -backupWarningDays),
  };
}

/** Backs up by hand; a failure is answered in words that say what to do. */
export async function backUpNow(deps: BackupDependencies): Promise<BackupManifestSummary> {
  const session = signedIn(deps);
  try {
    return await backUpAndPrune(deps, session, 'manual');
  } catch (error) {
    deps.logError('backups.now', error);
    throw new AppError('CONFLICT', backupFailureMessage(error));
  }
}

export function backupFailureMessage(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'The backup folder is full. Free some space or choose another folder, then back up again.';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'PlanWell may not write to the backup folder. Choose another folder, or ask IT to allow it.';
  if (code === 'ENOENT' || code === 'SQLITE_CANTOPEN') return 'The backup folder cannot be reached. If it is on a network drive, check the connection.';
  if (error instanceof BackupFileError) return `The backup failed its check: ${error.message} Nothing was replaced.`;
  return 'The backup could not be made. Try again; if it fails again, tell your practice manager.';
}

export async function saveBackupSettings(deps: BackupDependencies, input: ChannelParsedInput<'backups.saveSettings'>): Promise<BackupStatus> {
  const session = signedIn(deps);
  const folder = resolve(input.folder);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new AppError('INVALID_INPUT', backupFailureMessage(error), [{ path: 'folder', message: 'PlanWell cannot use this folder' }]);
  }
  await session.database.db.transaction().execute(async (trx) => {
    await writeSettings(trx, { backup_folder: folder, backup_keep_daily: String(input.keepDaily), backup_keep_weekly: String(input.keepWeekly) });
    await recordAudit(trx, deps.clock, { user: session.user, action: 'settings', channel: 'backups.saveSettings', detail: `Backups kept in ${folder}: ${input.keepDaily} daily, ${input.keepWeekly} weekly` });
  });
  return backupStatus(deps);
}

export async function listBackups(deps: BackupDependencies): Promise<BackupManifestSummary[]> {
  const settings = await readSettings(signedIn(deps).database.db, deps.defaultFolder);
  return listBackupFiles(settings.folder).map((b) => summaryOf(basename(b.path), b.manifest));
}

/**
 * `setup.*` restores on a new machine, before set-up; `backups.*` is an administrator's (the
 * dispatcher checks the role). Each answers only in its own state.
 */
function requireMayRestore(deps: BackupDependencies, onNewMachine: boolean): Session | null {
  const state = deps.vault.state();
  if (onNewMachine) {
    // A new machine, or one whose database is damaged or whose key file is lost.
    if (state.kind !== 'needs-setup' && state.kind !== 'unavailable') throw new AppError('CONFLICT', 'This PlanWell already has a practice. An administrator restores backups from Settings.');
    return null;
  }
  return signedIn(deps);
}

function readableBackup(path: string): string {
  const full = resolve(path);
  if (!full.endsWith(backupExtension)) throw new AppError('INVALID_INPUT', `Choose a PlanWell backup file (its name ends ${backupExtension}).`, [{ path: 'path', message: 'Choose a PlanWell backup file' }]);
  return full;
}

function asInputError(error: unknown): never {
  if (error instanceof BackupFileError) throw new AppError('INVALID_INPUT', error.message, [{ path: 'path', message: error.message }]);
  throw error;
}

export function inspectBackup(deps: BackupDependencies, input: ChannelParsedInput<'backups.inspect'>, onNewMachine = false): BackupManifestSummary {
  requireMayRestore(deps, onNewMachine);
  const path = readableBackup(input.path);
  try {
    return summaryOf(basename(path), readBackupHeader(path).manifest);
  } catch (error) {
    return asInputError(error);
  }
}

/**
 * Restores a backup: unlocks it with a password or the recovery code as they were when it was
 * made, checks it whole (checksum, integrity, row counts, audit head), backs up the database it
 * replaces, then puts it in place with its key slots. Everyone then logs in again.
 */
export async function restoreBackup(deps: BackupDependencies, input: ChannelParsedInput<'backups.restore'>, onNewMachine = false): Promise<BackupManifestSummary> {
  const current = requireMayRestore(deps, onNewMachine);
  const path = readableBackup(input.path);
  // The header first (cheap); the database bytes are checked as they are copied out, once unlocked.
  let header;
  try {
    header = readBackupHeader(path);
  } catch (error) {
    return asInputError(error);
  }
  const slot = input.recoveryCode ? recoverySlot(header.keyring) : passwordSlotFor(header.keyring, input.username);
  // A forged backup could ask scrypt for gigabytes: PlanWell's own slots never ask for more than its defaults.
  if (slot && (slot.kdf.N > defaultKdf.N || slot.kdf.r > defaultKdf.r || slot.kdf.p > defaultKdf.p)) {
    throw new AppError('INVALID_INPUT', 'This backup was not made by PlanWell: its key slots are not in the expected form.', [{ path: 'path', message: 'Choose a backup PlanWell made' }]);
  }
  const key = slot ? await unwrapSlot(slot, input.recoveryCode || input.password) : null;
  if (!key) {
    throw new AppError('UNAUTHENTICATED', 'That did not open this backup. Use a username and password as they were when the backup was made, or the recovery code.');
  }
  const paths = deps.vault.paths;
  const incoming = join(paths.directory, `.restore-${randomUUID()}.db`);
  try {
    extractDatabase(path, incoming);
    const counts = checkDatabaseCopy(incoming, key, { rebuildSearch: false });
    const differing = Object.keys(header.manifest.rowCounts).filter((table) => header.manifest.rowCounts[table] !== counts[table]);
    if (differing.length > 0) throw new BackupFileError(`It does not hold the rows its manifest lists (${differing.join(', ')}).`);
    if (current) await backUpAndPrune(deps, current, 'before-restore');
    await deps.vault.signOut();
    // The database first, then its key slots: a crash in between leaves the old slots, which open
    // the same practice's key, never a key file without its database.
    const replaced = `${paths.database}.replaced-${deps.clock.now().toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(paths.database)) renameSync(paths.database, replaced);
    for (const suffix of ['-wal', '-shm']) rmSync(`${paths.database}${suffix}`, { force: true });
    renameSync(incoming, paths.database);
    writeKeyringAtomically(paths.keyring, header.keyring);
    writeAuditHead(paths.auditHead, header.manifest.auditHead, auditHeadKey(key));
    // A database backed up just now is not needed; a damaged one is kept beside, as evidence.
    if (current) rmSync(replaced, { force: true });
    deps.vault.clearDamage();
    return summaryOf(basename(path), header.manifest);
  } catch (error) {
    return asInputError(error);
  } finally {
    key.fill(0);
    removeCopy(incoming);
  }
}

/** At the first log-in of the day, if the last good backup was made before today. */
export async function backUpIfFirstToday(deps: BackupDependencies): Promise<void> {
  const session = deps.vault.currentSession();
  if (!session) return;
  const settings = await readSettings(session.database.db, deps.defaultFolder);
  const today = isoDateInLondon(deps.clock.now());
  if (settings.lastGoodAt && isoDateInLondon(new Date(settings.lastGoodAt)) >= today) return;
  await backUpAndPrune(deps, session, 'daily');
}

/** On quit, if anything was recorded since the last backup. */
export async function backUpIfChanged(deps: BackupDependencies): Promise<void> {
  const session = deps.vault.currentSession();
  if (!session) return;
  const settings = await readSettings(session.database.db, deps.defaultFolder);
  if (currentAuditHead(session.database.sqlite).seq <= settings.lastAuditSeq) return;
  await backUpAndPrune(deps, session, 'quit');
}
