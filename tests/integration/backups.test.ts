import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { dataPaths } from '../../src-main/auth/vault';
import { readBackupHeader, type BackupManifest } from '../../src-main/backup/backup-file';
import { backupsToKeep } from '../../src-main/services/backups';
import { RecordingClock } from '../fixtures/clock';
import { call, callOk } from '../fixtures/dispatch';
import { testNhsNumber } from '../fixtures/nhs-numbers';
import { setUpPractice, type PracticeFixture } from '../fixtures/practice';
import { tempDirs } from '../fixtures/temp-dir';

const dirs = tempDirs();
const open: PracticeFixture[] = [];
afterEach(async () => {
  for (const practice of open.splice(0)) await practice.close();
  dirs.cleanUp();
});

async function practiceWithPeople(options: { clock?: RecordingClock; automaticBackups?: boolean } = {}) {
  const backupDirectory = dirs.make();
  const practice = await setUpPractice({ clinicalRoles: ['link-worker'], backupDirectory, ...options });
  open.push(practice);
  const ada = await callOk(practice.app, 'people.create', { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1950-12-10', nhsNumber: testNhsNumber('999101') });
  await callOk(practice.app, 'people.create', { givenName: 'Zoë', familyName: 'Ó Súilleabháin', dateOfBirth: '1961-04-02', nhsNumber: testNhsNumber('999102') });
  return { practice, backupDirectory, ada };
}

function backupFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.planwell-backup'));
}

describe('a backup', () => {
  it('is one encrypted file with the key slots and a manifest, checked before it takes its name', async () => {
    const { practice, backupDirectory } = await practiceWithPeople();
    const made = await callOk(practice.app, 'backups.now', {});
    expect(backupFiles(backupDirectory)).toEqual([made.fileName]);
    // Nothing half-written is left behind.
    expect(readdirSync(backupDirectory).filter((name) => name.startsWith('.'))).toEqual([]);
    const path = join(backupDirectory, made.fileName);
    const header = readBackupHeader(path);
    const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(header.manifest).toMatchObject({ practiceName: 'Riverside Surgery', reason: 'manual', appVersion: packageVersion, schemaVersion: expect.stringMatching(/^\d{4}-/) });
    expect(header.manifest.rowCounts.person).toBe(2);
    expect(header.keyring.slots.map((slot) => slot.kind).sort()).toEqual(['password', 'recovery']);
    // The database part is encrypted: no SQLite header, no name in the bytes.
    const bytes = readFileSync(path);
    const database = bytes.subarray(header.databaseOffset);
    expect(database.subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
    expect(bytes.includes(Buffer.from('Lovelace'))).toBe(false);
    expect(made.rowCounts.audit_event).toBe(header.manifest.rowCounts.audit_event);
    // The backup is audited, and the status says it is recent.
    const status = await callOk(practice.app, 'backups.status', {});
    expect(status).toMatchObject({ folder: backupDirectory, overdue: false, lastGood: { fileName: made.fileName } });
    const listed = await callOk(practice.app, 'backups.list', {});
    expect(listed.map((b) => b.fileName)).toEqual([made.fileName]);
  });

  it('says clearly when the folder cannot be used, and changes nothing', async () => {
    const { practice } = await practiceWithPeople();
    const notAFolder = join(dirs.make(), 'a-file');
    writeFileSync(notAFolder, 'not a folder');
    const refused = await call(practice.app, 'backups.saveSettings', { folder: join(notAFolder, 'backups'), keepDaily: 7, keepWeekly: 4 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'folder' }] } });
    expect((await callOk(practice.app, 'backups.status', {})).lastGood).toBeNull();
  });

  it('warns when the last good backup is more than two days old', async () => {
    const clock = new RecordingClock(new Date('2026-11-20T10:00:00Z'));
    const { practice } = await practiceWithPeople({ clock });
    expect(await callOk(practice.app, 'backups.status', {})).toMatchObject({ overdue: true, lastGood: null });
    await callOk(practice.app, 'backups.now', {});
    clock.advance(2 * 86_400_000);
    expect((await callOk(practice.app, 'backups.status', {})).overdue).toBe(false);
    clock.advance(86_400_000);
    expect((await callOk(practice.app, 'backups.status', {})).overdue).toBe(true);
  });
});

describe('restoring a backup', () => {
  it('brings back the data as it was, after backing up the current database, and everyone logs in again', async () => {
    const { practice, backupDirectory } = await practiceWithPeople();
    const made = await callOk(practice.app, 'backups.now', {});
    const later = await callOk(practice.app, 'people.create', { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1946-12-09', nhsNumber: testNhsNumber('999103') });
    const path = join(backupDirectory, made.fileName);
    expect(await callOk(practice.app, 'backups.inspect', { path })).toMatchObject({ fileName: made.fileName, rowCounts: { person: 2 } });

    const restored = await callOk(practice.app, 'backups.restore', { path, username: practice.admin.username, password: practice.admin.password });
    expect(restored.fileName).toBe(made.fileName);
    expect(await callOk(practice.app, 'app.status', {})).toMatchObject({ state: 'signed-out' });
    await callOk(practice.app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
    // Grace was added after the backup; the search index was rebuilt with the copy.
    expect((await callOk(practice.app, 'people.search', { query: '' })).total).toBe(2);
    expect((await callOk(practice.app, 'people.search', { query: 'suil' })).people.map((r) => r.familyName)).toEqual(['Ó Súilleabháin']);
    expect(await call(practice.app, 'people.get', { id: later.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await callOk(practice.app, 'audit.verify', {})).toMatchObject({ intact: true });
    // The database it replaced was backed up first, Grace and all.
    const before = (await callOk(practice.app, 'backups.list', {})).find((b) => b.reason === 'before-restore');
    expect(before?.rowCounts.person).toBe(3);
  });

  it('on a new machine, before set-up, with the recovery code', async () => {
    const { practice, backupDirectory } = await practiceWithPeople();
    const made = await callOk(practice.app, 'backups.now', {});
    const path = join(backupDirectory, made.fileName);
    const newMachine = dirs.make();
    const app = createApp({ dataDirectory: newMachine, idleCheckMilliseconds: 0 });
    try {
      expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'needs-setup' });
      expect(await callOk(app, 'setup.inspectBackup', { path })).toMatchObject({ practiceName: 'Riverside Surgery', rowCounts: { person: 2 } });
      const wrong = await call(app, 'setup.restoreBackup', { path, recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(existsSync(dataPaths(newMachine).database)).toBe(false);
      await callOk(app, 'setup.restoreBackup', { path, recoveryCode: practice.recoveryCode });
      expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-out', practiceName: 'Riverside Surgery' });
      await callOk(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
      expect((await callOk(app, 'people.search', { query: 'lovelace' })).total).toBe(1);
      expect(await callOk(app, 'audit.verify', {})).toMatchObject({ intact: true });
      // Once there is a practice, the new-machine path is closed.
      expect(await call(app, 'setup.restoreBackup', { path, recoveryCode: practice.recoveryCode })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    } finally {
      await app.close();
    }
  });

  it('refuses a damaged or altered backup and a wrong password, and changes nothing', async () => {
    const { practice, backupDirectory } = await practiceWithPeople();
    const made = await callOk(practice.app, 'backups.now', {});
    const path = join(backupDirectory, made.fileName);
    const later = await callOk(practice.app, 'people.create', { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1946-12-09', nhsNumber: testNhsNumber('999104') });

    const wrongPassword = await call(practice.app, 'backups.restore', { path, username: practice.admin.username, password: 'not-the-password-at-all' });
    expect(wrongPassword).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const bytes = readFileSync(path);
    const { databaseOffset } = readBackupHeader(path);
    const damaged = join(backupDirectory, 'damaged.planwell-backup');
    const copy = Buffer.from(bytes);
    copy[databaseOffset + 5000] = (copy[databaseOffset + 5000] ?? 0) ^ 0xff;
    writeFileSync(damaged, copy);
    const refused = await call(practice.app, 'backups.restore', { path: damaged, username: practice.admin.username, password: practice.admin.password });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('damaged or was changed') } });

    const cut = join(backupDirectory, 'cut.planwell-backup');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 4096));
    expect(await call(practice.app, 'backups.restore', { path: cut, recoveryCode: practice.recoveryCode })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('cut short') } });

    // A forged backup whose key slots ask scrypt for gigabytes is refused before any work is done.
    const headerEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1);
    const header = JSON.parse(bytes.subarray(bytes.indexOf(0x0a) + 1, headerEnd).toString('utf8')) as { keyring: { slots: { kdf: { N: number } }[] } };
    for (const slot of header.keyring.slots) slot.kdf.N = 2 ** 22;
    const forged = join(backupDirectory, 'forged.planwell-backup');
    writeFileSync(forged, Buffer.concat([bytes.subarray(0, bytes.indexOf(0x0a) + 1), Buffer.from(JSON.stringify(header)), bytes.subarray(headerEnd)]));
    expect(await call(practice.app, 'backups.restore', { path: forged, recoveryCode: practice.recoveryCode })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('not made by PlanWell') } });

    const notABackup = join(backupDirectory, 'photo.planwell-backup');
    writeFileSync(notABackup, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await call(practice.app, 'backups.inspect', { path: notABackup })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'This file is not a PlanWell backup.' } });

    // Still signed in, with Grace, who was added after the backup.
    expect(await callOk(practice.app, 'people.get', { id: later.id })).toMatchObject({ familyName: 'Hopper' });
    expect(backupFiles(backupDirectory).filter((name) => name.startsWith('planwell-backup'))).toEqual([made.fileName]);
  });
});

describe('automatic backups', () => {
  it('at the first log-in of each day and on quit when something changed', async () => {
    const clock = new RecordingClock(new Date('2026-11-23T08:00:00Z'));
    const { practice, backupDirectory } = await practiceWithPeople({ clock, automaticBackups: true });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    await callOk(practice.app, 'auth.logOut', {});
    await callOk(practice.app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
    await settle();
    expect(backupFiles(backupDirectory)).toHaveLength(1);
    await callOk(practice.app, 'auth.logOut', {});
    await callOk(practice.app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
    await settle();
    expect(backupFiles(backupDirectory)).toHaveLength(1);
    clock.advance(86_400_000);
    await callOk(practice.app, 'auth.logOut', {});
    await callOk(practice.app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
    await settle();
    expect(backupFiles(backupDirectory)).toHaveLength(2);
    await callOk(practice.app, 'people.create', { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1946-12-09', nhsNumber: testNhsNumber('999105') });
    clock.advance(60_000);
    await practice.app.close();
    // One a day is kept: on the 24th the backup on quit replaced that morning's.
    const kept = backupFiles(backupDirectory).map((name) => readBackupHeader(join(backupDirectory, name)).manifest).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    expect(kept.map((m) => [m.createdAt.slice(0, 10), m.reason])).toEqual([['2026-11-23', 'daily'], ['2026-11-24', 'quit']]);
    expect(kept[1]?.rowCounts.person).toBe(3);
  });

  it('keeps the newest of each of the last N days and M weeks, and every backup made before a restore', () => {
    const manifest = (createdAt: string, reason: BackupManifest['reason'] = 'daily') => ({ path: createdAt, manifest: { createdAt, reason } as BackupManifest });
    // Thirty days of two backups a day, 1 (a Sunday) to 30 November 2026 (a Monday).
    const backups = Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(2, '0')).flatMap((day) => [
      manifest(`2026-11-${day}T09:00:00.000Z`),
      manifest(`2026-11-${day}T17:00:00.000Z`, 'quit'),
    ]);
    backups.push(manifest('2026-11-03T12:00:00.000Z', 'before-restore'));
    const kept = [...backupsToKeep(backups, 3, 3)].sort();
    expect(kept).toEqual([
      '2026-11-03T12:00:00.000Z', // before a restore: always
      '2026-11-22T17:00:00.000Z', // newest of the week of 16–22 November
      '2026-11-28T17:00:00.000Z',
      '2026-11-29T17:00:00.000Z', // newest of the last three days; 29th the newest of 23–29, 30th of its own week
      '2026-11-30T17:00:00.000Z',
    ]);
  });
});

describe('a damaged or altered database', () => {
  async function closedPracticeWithBackup() {
    const { practice, backupDirectory } = await practiceWithPeople();
    const made = await callOk(practice.app, 'backups.now', {});
    await practice.app.close();
    return { practice, path: join(backupDirectory, made.fileName), paths: dataPaths(practice.dataDirectory) };
  }

  for (const [what, offset] of [
    ['a byte in a page', (size: number) => Math.floor(size / 2)],
    ["a page's authentication tag", () => 4096 * 3 - 10],
    ['the first page', () => 200],
  ] as const) {
    it(`is reported as damage on opening when ${what} has changed, with the way out; never a crash or wrong data`, async () => {
      const { practice, path, paths } = await closedPracticeWithBackup();
      const bytes = readFileSync(paths.database);
      const at = offset(bytes.length);
      bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
      writeFileSync(paths.database, bytes);

      const app = createApp({ dataDirectory: practice.dataDirectory, idleCheckMilliseconds: 0 });
      try {
        const refused = await call(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
        expect(refused).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('damaged or was changed outside PlanWell') } });
        expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'unavailable', message: expect.stringContaining('Restore the latest backup') });
        // The way out: restore, which keeps the damaged file beside as evidence.
        await callOk(app, 'setup.restoreBackup', { path, username: practice.admin.username, password: practice.admin.password });
        expect(readdirSync(practice.dataDirectory).some((name) => name.startsWith('planwell.db.replaced-'))).toBe(true);
        await callOk(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
        expect((await callOk(app, 'people.search', { query: 'lovelace' })).total).toBe(1);
      } finally {
        await app.close();
      }
    });
  }

  it('damage made while PlanWell was locked is found as pages are read, and answered the same way', async () => {
    const { practice, paths } = await closedPracticeWithBackup();
    const app = createApp({ dataDirectory: practice.dataDirectory, idleCheckMilliseconds: 0, logError: () => undefined });
    try {
      await callOk(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
      await callOk(app, 'auth.lock', {});
      // Every page but the first is changed: unlocking (which skips the whole-file check done at log-in) reads them.
      const bytes = readFileSync(paths.database);
      for (let page = 1; page * 4096 < bytes.length; page++) bytes[page * 4096 + 100] = (bytes[page * 4096 + 100] ?? 0) ^ 0x5a;
      writeFileSync(paths.database, bytes);
      const refused = await call(app, 'auth.unlock', { password: practice.admin.password });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('damaged or was changed outside PlanWell') } });
    } finally {
      await app.close();
    }
  });

  it('a missing key file has its own message, and the recovery code restores a backup with its key slots', async () => {
    const { practice, path, paths } = await closedPracticeWithBackup();
    rmSync(paths.keyring);
    const app = createApp({ dataDirectory: practice.dataDirectory, idleCheckMilliseconds: 0 });
    try {
      expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'unavailable', message: expect.stringContaining('not the key file keyring.json') });
      await callOk(app, 'setup.restoreBackup', { path, recoveryCode: practice.recoveryCode });
      await callOk(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
      expect(await callOk(app, 'audit.verify', {})).toMatchObject({ intact: true });
    } finally {
      await app.close();
    }
  });
});

describe('after a crash', () => {
  it('tidies a key file or audit head left under its temporary name, and nothing else', async () => {
    const { practice } = await practiceWithPeople();
    await practice.app.close();
    const leftovers = ['.audit-head.json.0b1c2d3e.tmp', '.keyring.json.4f5a6b7c.tmp'];
    for (const name of [...leftovers, 'notes.tmp']) writeFileSync(join(practice.dataDirectory, name), 'left by a crash');
    const app = createApp({ dataDirectory: practice.dataDirectory, idleCheckMilliseconds: 0 });
    try {
      await callOk(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
      const names = readdirSync(practice.dataDirectory);
      expect(names.filter((name) => leftovers.includes(name))).toEqual([]);
      expect(names).toContain('notes.tmp');
    } finally {
      await app.close();
    }
  });
});
