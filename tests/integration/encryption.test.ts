import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { dataPaths } from '../../src-main/auth/vault';
import { openDatabase } from '../../src-main/db/database';
import { DatabaseOpenError, openEncryptedDatabase } from '../../src-main/db/open';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { randomDatabaseKey } from '../fixtures/database';
import { callOk } from '../fixtures/dispatch';
import { testNhsNumber } from '../fixtures/nhs-numbers';
import { setUpPractice, type PracticeFixture } from '../fixtures/practice';
import { tempDirs } from '../fixtures/temp-dir';

const plainHeader = Buffer.from('SQLite format 3\0', 'latin1');
const sentinelFamilyName = 'Zzsentinelname';
const sentinelGivenName = 'Qqsentinelgiven';
const sentinelNhsNumber = testNhsNumber('9998765');

/** Every file in the directory with the sentinel texts it contains in clear (UTF-8). */
function sentinelsFound(directory: string, sentinels: string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    const hits = sentinels.filter((sentinel) => bytes.includes(Buffer.from(sentinel, 'utf8')));
    if (hits.length > 0) found[name] = hits;
  }
  return found;
}

function fileHeader(path: string): Buffer {
  return readFileSync(path).subarray(0, 16);
}

const dirs = tempDirs();
let practice: PracticeFixture | undefined;
afterEach(async () => {
  await practice?.close();
  practice = undefined;
  dirs.cleanUp();
});

describe('the database on disk', () => {
  const sentinels = [sentinelFamilyName, sentinelGivenName, sentinelNhsNumber, formatNhsNumber(sentinelNhsNumber)];

  it('never holds a person in clear (db, WAL, keyring; open and closed) and opens only with its key', async () => {
    practice = await setUpPractice({ clinicalRoles: ['nurse'] });
    const { app, dataDirectory } = practice;
    const paths = dataPaths(dataDirectory);
    const person = await callOk(app, 'people.create', {
      givenName: sentinelGivenName,
      familyName: sentinelFamilyName,
      dateOfBirth: '1948-05-17',
      nhsNumber: formatNhsNumber(sentinelNhsNumber),
    });
    expect(person.nhsNumber).toBe(sentinelNhsNumber);

    // While the app is open the new row sits in the write-ahead log.
    const wal = `${paths.database}-wal`;
    expect(existsSync(wal)).toBe(true);
    expect(statSync(wal).size).toBeGreaterThan(0);
    expect(existsSync(paths.keyring)).toBe(true);
    expect(sentinelsFound(dataDirectory, sentinels)).toEqual({});
    expect(fileHeader(paths.database).equals(plainHeader)).toBe(false);

    await app.close();
    expect(existsSync(paths.database)).toBe(true);
    expect(sentinelsFound(dataDirectory, sentinels)).toEqual({});
    expect(fileHeader(paths.database).equals(plainHeader)).toBe(false);

    // Without the key SQLite sees no database; with a wrong key PlanWell says so plainly.
    const before = readFileSync(paths.database);
    const plain = new Database(paths.database);
    try {
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/i);
    } finally {
      plain.close();
    }
    let thrown: unknown;
    try {
      openEncryptedDatabase(paths.database, { key: randomDatabaseKey() }).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatabaseOpenError);
    expect((thrown as DatabaseOpenError).reason).toBe('wrong-key');
    expect((thrown as DatabaseOpenError).message).toBe(
      'The database could not be opened with this key. It may belong to another PlanWell, or it may be damaged.',
    );
    expect(readFileSync(paths.database).equals(before)).toBe(true);
    expect(existsSync(wal)).toBe(false);

    // The data is really there: logging in again finds it.
    await callOk(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
    const found = await callOk(app, 'people.search', { query: sentinelFamilyName });
    expect(found.people.map((p) => p.nhsNumber)).toEqual([sentinelNhsNumber]);
  });

  it('(control) the same scan does find the sentinels in an unencrypted file', async () => {
    // Proves the scan above could fail: the same rows written without encryption are readable.
    const directory = dirs.make();
    const opened = await openDatabase(join(directory, 'plain.db'), { key: Buffer.alloc(0), unencryptedForBenchmark: true });
    try {
      opened.sqlite
        .prepare(`INSERT INTO practice_setting (key, value) VALUES (?, ?)`)
        .run('sentinel', `${sentinelFamilyName} ${sentinelGivenName} ${sentinelNhsNumber} ${formatNhsNumber(sentinelNhsNumber)}`);
      expect(Object.keys(sentinelsFound(directory, sentinels)).length).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
    expect(sentinelsFound(directory, sentinels)['plain.db']).toEqual(sentinels);
    expect(fileHeader(join(directory, 'plain.db')).equals(plainHeader)).toBe(true);
  });

  it('uses the SQLCipher v4 scheme with the key applied as a raw key', () => {
    const path = join(dirs.make(), 'scheme.db');
    const key = randomDatabaseKey();
    const db = openEncryptedDatabase(path, { key });
    db.exec(`CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('${sentinelFamilyName}')`);
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    db.close();

    // A fresh connection with the standard SQLCipher 4 settings and the raw key reads it.
    const sqlcipher = new Database(path);
    try {
      sqlcipher.pragma(`cipher='sqlcipher'`);
      sqlcipher.pragma('legacy=4');
      sqlcipher.pragma(`key="x'${key.toString('hex')}'"`);
      expect(sqlcipher.prepare('SELECT v FROM t').pluck().get()).toBe(sentinelFamilyName);
    } finally {
      sqlcipher.close();
    }

    // The same key as a passphrase (KDF) or under the driver's default cipher does not.
    for (const configure of [
      (d: Database.Database) => {
        d.pragma(`cipher='sqlcipher'`);
        d.pragma('legacy=4');
        d.key(key);
      },
      (d: Database.Database) => d.pragma(`key="x'${key.toString('hex')}'"`),
    ]) {
      const other = new Database(path);
      try {
        configure(other);
        expect(() => other.prepare('SELECT v FROM t').get()).toThrow(/not a database/i);
      } finally {
        other.close();
      }
    }
  });

  it('needs a 32-byte key', () => {
    const path = join(dirs.make(), 'short-key.db');
    expect(() => openEncryptedDatabase(path, { key: Buffer.alloc(31, 1) })).toThrow('The database key must be 32 bytes');
    expect(() => openEncryptedDatabase(path, { key: Buffer.alloc(33, 1) })).toThrow('The database key must be 32 bytes');
    expect(existsSync(path)).toBe(false);
  });

  const plainMakers: Record<string, (path: string) => Promise<void>> = {
    'plain better-sqlite3 (rollback journal)': async (path) => {
      const plain = new Database(path);
      plain.exec(`CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('kept as it was')`);
      plain.close();
    },
    'PlanWell\'s own benchmark mode (WAL, migrated)': async (path) => {
      const opened = await openDatabase(path, { key: Buffer.alloc(0), unencryptedForBenchmark: true });
      opened.sqlite.exec(`CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('kept as it was')`);
      await opened.close();
    },
  };
  for (const [how, makePlainFile] of Object.entries(plainMakers)) {
    it(`refuses to open an existing unencrypted SQLite file made by ${how}, and does not write to it`, async () => {
      const directory = dirs.make();
      const path = join(directory, 'plain.db');
      await makePlainFile(path);
      const before = readFileSync(path);
      const filesBefore = readdirSync(directory).sort();
      expect(before.subarray(0, 16).equals(plainHeader)).toBe(true);

      expect(() => openEncryptedDatabase(path, { key: randomDatabaseKey() })).toThrow(DatabaseOpenError);
      await expect(openDatabase(path, { key: randomDatabaseKey() })).rejects.toThrow(DatabaseOpenError);

      expect(readFileSync(path).equals(before)).toBe(true);
      expect(readdirSync(directory).sort()).toEqual(filesBefore);
      const reopened = new Database(path, { readonly: true });
      try {
        expect(reopened.prepare('SELECT text FROM note').pluck().all()).toEqual(['kept as it was']);
      } finally {
        reopened.close();
      }
    });
  }

  it('refuses a file that is neither SQLite nor a PlanWell database', () => {
    const path = join(dirs.make(), 'junk.db');
    const junk = Buffer.alloc(8192, 0x5a);
    writeFileSync(path, junk);
    expect(() => openEncryptedDatabase(path, { key: randomDatabaseKey() })).toThrow(DatabaseOpenError);
    expect(readFileSync(path).equals(junk)).toBe(true);
  });
});
