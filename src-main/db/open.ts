import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

export type SqliteDatabase = Database.Database;

/** The first 16 bytes of every unencrypted SQLite file. */
const plainSqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'wrong-key' | 'not-encrypted' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenOptions {
  /** The 32-byte database key. Applied as a raw key, so no KDF runs on each open. */
  key: Buffer;
  /** For the benchmark only: the same code over a plain file, to measure what encryption costs. */
  unencryptedForBenchmark?: boolean;
}

/**
 * Opens (or creates) the database with the SQLCipher v4 scheme and proves encryption is in force
 * before anything is written: a build whose SQLite ignored the key once silently wrote plain files.
 */
export function openEncryptedDatabase(path: string, options: OpenOptions): SqliteDatabase {
  if (!options.unencryptedForBenchmark && options.key.length !== 32) {
    throw new Error('The database key must be 32 bytes');
  }
  const db = new Database(path);
  try {
    if (!options.unencryptedForBenchmark) {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${options.key.toString('hex')}'"`);
      const cipher = db.pragma('cipher', { simple: true });
      if (cipher !== 'sqlcipher') {
        throw new DatabaseOpenError('not-encrypted', 'The database driver did not accept the SQLCipher scheme, so PlanWell will not write any data.');
      }
    }
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if (isSqliteCode(error, 'SQLITE_NOTADB')) {
        throw new DatabaseOpenError('wrong-key', 'The database could not be opened with this key. It may belong to another PlanWell, or it may be damaged.');
      }
      throw error;
    }
    // WAL persists in the header, so this also writes page 1 of a new file and lets us read it back.
    db.pragma('journal_mode = WAL');
    if (!options.unencryptedForBenchmark && startsWithPlainHeader(path)) {
      throw new DatabaseOpenError('not-encrypted', 'The database file on disk is not encrypted, so PlanWell refuses to write to it.');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of decrypted pages: a whole caseload of 100,000 people stays in memory, so lists
    // and counts do not decrypt the same pages again and again.
    db.pragma('cache_size = -65536');
    // FULL: an acknowledged save survives a power cut, not only a crash of the app.
    db.pragma('synchronous = FULL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export const damageMessage =
  'This PlanWell database is damaged or was changed outside PlanWell, so PlanWell will not show anything from it. Restore the latest backup: an administrator chooses the backup file and unlocks it with their password or the recovery code. PlanWell has not changed the damaged file.';

/** SQLite's answers for a file whose pages are not what they should be (an authentication tag fails, or the structure is broken). */
export function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function startsWithPlainHeader(path: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, 16, 0);
    return read === 16 && header.equals(plainSqliteHeader);
  } finally {
    closeSync(fd);
  }
}

function isSqliteCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
