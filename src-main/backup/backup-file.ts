import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { keyringSchema, type Keyring } from '../auth/keyring';
import { DatabaseOpenError, isDamageError, openEncryptedDatabase, type SqliteDatabase } from '../db/open';

/**
 * A PlanWell backup is one file: a first line naming the format, a line of JSON (the manifest,
 * readable before unlocking, and the key slots that open the copy), then the database copy itself,
 * still encrypted with the practice's key. The manifest's checksum covers the database bytes, so a
 * damaged or altered copy is found before anything is replaced.
 */

const magic = 'PLANWELL-BACKUP 1\n';
/** The header is a manifest and a few key slots: far smaller than this. */
const headerLimitBytes = 1_048_576;
const chunkBytes = 1_048_576;

export const manifestSchema = z.strictObject({
  createdAt: z.string(),
  practiceName: z.string(),
  appVersion: z.string(),
  /** The newest migration the copy has. */
  schemaVersion: z.string(),
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  databaseBytes: z.number().int().min(0),
  /** SHA-256 of the database bytes, hex. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  auditHead: z.strictObject({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** Why it was made: by hand, the first log-in of the day, or on quit. */
  reason: z.enum(['manual', 'daily', 'quit', 'before-restore']),
});
export type BackupManifest = z.output<typeof manifestSchema>;

const headerSchema = z.strictObject({ manifest: manifestSchema, keyring: keyringSchema });
export type BackupHeader = z.output<typeof headerSchema>;

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* Windows cannot fsync a directory handle. */
  }
}

/** The tables a backup counts: every table of the app's own (not SQLite's, not the search index's shadow tables). */
export function userTableCounts(sqlite: SqliteDatabase): Record<string, number> {
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'person_search%' AND name NOT LIKE 'kysely_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((table) => [table, sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]));
}

/**
 * Writes the backup file at `path` from an encrypted database copy at `databaseCopy`: under a
 * temporary name, synced to disk, read back and checked against its own checksum, then renamed.
 * Returns the manifest with the checksum and size filled in.
 */
export function writeBackupFile(path: string, databaseCopy: string, header: { manifest: Omit<BackupManifest, 'checksum' | 'databaseBytes'>; keyring: Keyring }): BackupManifest {
  const hash = createHash('sha256');
  const copyFd = openSync(databaseCopy, 'r');
  let databaseBytes = 0;
  try {
    const buffer = Buffer.alloc(chunkBytes);
    for (let read = readSync(copyFd, buffer, 0, chunkBytes, null); read > 0; read = readSync(copyFd, buffer, 0, chunkBytes, null)) {
      hash.update(buffer.subarray(0, read));
      databaseBytes += read;
    }
  } finally {
    closeSync(copyFd);
  }
  const manifest: BackupManifest = { ...header.manifest, checksum: hash.digest('hex'), databaseBytes };
  const headerLine = `${JSON.stringify({ manifest, keyring: header.keyring })}\n`;
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.partial`);
  try {
    const out = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(out, magic);
      writeSync(out, headerLine);
      const input = openSync(databaseCopy, 'r');
      try {
        const buffer = Buffer.alloc(chunkBytes);
        for (let read = readSync(input, buffer, 0, chunkBytes, null); read > 0; read = readSync(input, buffer, 0, chunkBytes, null)) {
          writeSync(out, buffer, 0, read);
        }
      } finally {
        closeSync(input);
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    // What reached the disk is what the manifest describes, before the file takes its name.
    verifyBackupBytes(temporary);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
  return manifest;
}

/** Reads the first line and the header of a backup file; throws BackupFileError if it is not one. */
export function readBackupHeader(path: string): BackupHeader & { databaseOffset: number; fileBytes: number } {
  if (!existsSync(path)) throw new BackupFileError('That backup file is not there any more.');
  // A folder, or a pipe that would never end, named like a backup is not opened.
  if (!statSync(path).isFile()) throw new BackupFileError('This is not a PlanWell backup file.');
  const fd = openSync(path, 'r');
  try {
    const fileBytes = fstatSync(fd).size;
    const start = Buffer.alloc(Math.min(fileBytes, headerLimitBytes + magic.length));
    readSync(fd, start, 0, start.length, 0);
    if (!start.subarray(0, magic.length).equals(Buffer.from(magic, 'latin1'))) {
      throw new BackupFileError('This file is not a PlanWell backup.');
    }
    const end = start.indexOf(0x0a, magic.length);
    if (end < 0) throw new BackupFileError('This PlanWell backup is damaged: its description is missing or too long.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(start.subarray(magic.length, end).toString('utf8'));
    } catch {
      throw new BackupFileError('This PlanWell backup is damaged: its description cannot be read.');
    }
    const header = headerSchema.safeParse(parsed);
    if (!header.success) throw new BackupFileError('This PlanWell backup is damaged: its description is not in the expected form.');
    return { ...header.data, databaseOffset: end + 1, fileBytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the database bytes once, checking them against the manifest's size and checksum, and
 * copies them to `target` on the way if one is given (removed again if the check fails).
 */
function readDatabaseBytes(path: string, header: ReturnType<typeof readBackupHeader>, target: string | null): void {
  const { manifest } = header;
  if (header.fileBytes - header.databaseOffset !== manifest.databaseBytes) {
    throw new BackupFileError('This PlanWell backup is damaged: it is not the size it should be (it may have been cut short while copying).');
  }
  const hash = createHash('sha256');
  const input = openSync(path, 'r');
  const out = target === null ? null : openSync(target, 'wx', 0o600);
  try {
    const buffer = Buffer.alloc(chunkBytes);
    let position = header.databaseOffset;
    for (let read = readSync(input, buffer, 0, chunkBytes, position); read > 0; read = readSync(input, buffer, 0, chunkBytes, position)) {
      hash.update(buffer.subarray(0, read));
      if (out !== null) writeSync(out, buffer, 0, read);
      position += read;
    }
    if (out !== null) fsyncSync(out);
  } finally {
    if (out !== null) closeSync(out);
    closeSync(input);
  }
  if (hash.digest('hex') !== manifest.checksum) {
    if (target !== null) rmSync(target, { force: true });
    throw new BackupFileError('This PlanWell backup is damaged or was changed after it was made: its contents do not match its checksum.');
  }
}

/** Checks the database bytes against the manifest's size and checksum. */
export function verifyBackupBytes(path: string): BackupHeader {
  const header = readBackupHeader(path);
  readDatabaseBytes(path, header, null);
  return { manifest: header.manifest, keyring: header.keyring };
}

/** Copies the database bytes out to `target`, checked against the checksum on the way. */
export function extractDatabase(path: string, target: string): BackupHeader {
  const header = readBackupHeader(path);
  readDatabaseBytes(path, header, target);
  return { manifest: header.manifest, keyring: header.keyring };
}

/**
 * Opens a database copy with the key, runs integrity_check and counts its rows. The search index
 * is external content keyed by rowid, which VACUUM INTO may renumber: it is rebuilt here.
 */
export function checkDatabaseCopy(path: string, key: Buffer, options: { rebuildSearch: boolean }): Record<string, number> {
  let sqlite: SqliteDatabase;
  try {
    sqlite = openEncryptedDatabase(path, { key });
  } catch (error) {
    if (error instanceof DatabaseOpenError || isDamageError(error)) throw new BackupFileError('The database in this backup cannot be opened: it is damaged.');
    throw error;
  }
  try {
    if (options.rebuildSearch) sqlite.exec(`INSERT INTO person_search(person_search) VALUES ('rebuild')`);
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupFileError(`The database copy failed SQLite's integrity check: ${String(integrity)}.`);
    // Back to a single file, so the copy needs no -wal or -shm beside it.
    sqlite.pragma('journal_mode = DELETE');
    return userTableCounts(sqlite);
  } catch (error) {
    if (isDamageError(error)) throw new BackupFileError('The database in this backup is damaged.');
    throw error;
  } finally {
    sqlite.close();
  }
}
