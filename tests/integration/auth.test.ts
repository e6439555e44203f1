import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { createSlot, readKeyring, withPasswordSlot, writeKeyringAtomically } from '../../src-main/auth/keyring';
import { dataPaths } from '../../src-main/auth/vault';
import { sessionSqlite, tableCounts } from '../fixtures/database';
import { call, callError, callOk } from '../fixtures/dispatch';
import { testNhsNumber } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, keyringBytes, practiceFrom, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';
import { tempDirs } from '../fixtures/temp-dir';

const wrongCredentials = { code: 'UNAUTHENTICATED', message: 'Username or password is not right' };
const newPassword = 'violet-lantern-meadow-3';

const dirs = tempDirs();
let template: PracticeTemplate;
let practice: PracticeFixture | undefined;
beforeAll(async () => {
  // The administrator is also a link worker, so the tests below can look for people.
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'] });
});
afterAll(() => template.remove());
afterEach(async () => {
  await practice?.close();
  practice = undefined;
  dirs.cleanUp();
});

describe('setting up a practice', () => {
  it('goes from needs-setup to signed-in, and the recovery code must be confirmed once', async () => {
    const dataDirectory = dirs.make();
    const app = createApp({ dataDirectory });
    try {
      expect(await callOk(app, 'app.status', {})).toEqual({ state: 'needs-setup' });
      // Before set-up there is nobody to log in as and nothing to read.
      expect(await callError(app, 'people.search', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await callError(app, 'auth.logIn', { username: 'jane.admin', password: 'anything-at-all' })).toMatchObject({ code: 'CONFLICT' });

      const created = await callOk(app, 'setup.createPractice', {
        practiceName: '  Riverside Surgery ',
        odsCode: 'a81001',
        fullName: 'Jane Admin',
        username: 'Jane.Admin',
        password: 'amber-kettle-harbour-7',
        confirmPassword: 'amber-kettle-harbour-7',
      });
      expect(created.recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(created.user).toMatchObject({ username: 'jane.admin', fullName: 'Jane Admin', roles: ['administrator'] });

      const paths = dataPaths(dataDirectory);
      expect(existsSync(paths.database)).toBe(true);
      expect(existsSync(paths.setupDatabase)).toBe(false);
      const keyring = readKeyring(paths.keyring);
      expect(keyring.practiceName).toBe('Riverside Surgery');
      expect(keyring.slots.map((slot) => slot.kind).sort()).toEqual(['password', 'recovery']);
      expect(keyring.slots.find((slot) => slot.kind === 'password')).toMatchObject({ userId: created.user.id, username: 'jane.admin' });

      expect(await callOk(app, 'app.status', {})).toEqual({
        state: 'signed-in',
        practiceName: 'Riverside Surgery',
        user: created.user,
        permissions: ['session', 'staff:manage', 'settings:manage', 'audit:read'],
        recoveryCodeConfirmed: false,
        mustChangePassword: false,
        idleLockMinutes: 10,
      });
      // No clinical role was chosen: the administrator manages the practice but cannot see people.
      expect(await callError(app, 'people.search', {})).toEqual({ code: 'FORBIDDEN', message: 'Your role in PlanWell does not allow this.' });
      expect(await callOk(app, 'setup.confirmRecoveryCode', {})).toBeNull();
      expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', recoveryCodeConfirmed: true });

      const settings = sessionSqlite(app).prepare('SELECT key, value FROM practice_setting ORDER BY key').all();
      expect(settings).toEqual(expect.arrayContaining([
        { key: 'practice_name', value: 'Riverside Surgery' },
        { key: 'ods_code', value: 'A81001' },
      ]));
    } finally {
      await app.close();
    }
  });

  it('a second set-up is a CONFLICT and changes nothing, signed out or in', async () => {
    practice = await practiceFrom(template);
    const { app, dataDirectory } = practice;
    const before = keyringBytes(dataDirectory);
    const second = {
      practiceName: 'Another Surgery',
      odsCode: 'B82002',
      fullName: 'Mallory Other',
      username: 'mallory',
      password: 'quiet-orchard-lantern-5',
      confirmPassword: 'quiet-orchard-lantern-5',
    };
    expect(await callError(app, 'setup.createPractice', second)).toEqual({
      code: 'CONFLICT',
      message: 'PlanWell is already set up on this computer.',
    });
    expect(keyringBytes(dataDirectory).equals(before)).toBe(true);

    await callOk(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
    const counts = tableCounts(sessionSqlite(app));
    expect(await callError(app, 'setup.createPractice', second)).toMatchObject({ code: 'CONFLICT' });
    expect(keyringBytes(dataDirectory).equals(before)).toBe(true);
    expect(tableCounts(sessionSqlite(app))).toEqual(counts);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', user: practice.user });
  });
});

describe('lock and unlock', () => {
  it('locking closes the data until the same user gives the right password', async () => {
    practice = await practiceFrom(template, { signIn: true });
    const { app, admin, user } = practice;
    expect(await callOk(app, 'auth.lock', {})).toBeNull();
    expect(app.vault.currentSession()).toBeNull();

    expect(await callOk(app, 'app.status', {})).toEqual({ state: 'locked', practiceName: practice.practiceName, user });
    expect(await callError(app, 'people.search', {})).toEqual({
      code: 'LOCKED',
      message: 'PlanWell is locked. Enter your password to unlock it.',
    });
    expect(await callError(app, 'people.create', { givenName: 'A', familyName: 'B', dateOfBirth: '1950-01-01', nhsNumber: testNhsNumber() })).toMatchObject({ code: 'LOCKED' });
    expect(await callError(app, 'auth.lock', {})).toMatchObject({ code: 'LOCKED' });

    expect(await callError(app, 'auth.unlock', { password: 'not-the-password' })).toEqual(wrongCredentials);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'locked' });

    expect(await callOk(app, 'auth.unlock', { password: admin.password })).toEqual(user);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', user });
    expect((await callOk(app, 'people.search', {})).total).toBe(0);
    expect(await callError(app, 'auth.unlock', { password: admin.password })).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('log out and log in', () => {
  it('answers an unknown user and a wrong password identically, and accepts the username in any case', async () => {
    practice = await practiceFrom(template);
    const { app, admin, user } = practice;
    expect(await callOk(app, 'auth.logOut', {})).toBeNull();
    expect(await callOk(app, 'app.status', {})).toEqual({ state: 'signed-out', practiceName: practice.practiceName });
    expect(await callError(app, 'people.search', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'Log in to continue.' });
    expect(await callError(app, 'setup.confirmRecoveryCode', {})).toMatchObject({ code: 'UNAUTHENTICATED' });

    const unknownUser = await callError(app, 'auth.logIn', { username: 'no.such.user', password: admin.password });
    const wrongPassword = await callError(app, 'auth.logIn', { username: admin.username, password: `${admin.password}x` });
    expect(unknownUser).toEqual(wrongCredentials);
    expect(wrongPassword).toEqual(unknownUser);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-out' });

    expect(await callOk(app, 'auth.logIn', { username: `  ${admin.username.toUpperCase()} `, password: admin.password })).toEqual(user);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', user });
    expect(await callError(app, 'auth.logIn', { username: admin.username, password: admin.password })).toMatchObject({ code: 'CONFLICT' });

    // Log out from a locked app too.
    await callOk(app, 'auth.lock', {});
    await callOk(app, 'auth.logOut', {});
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-out' });
  });

  it('a deactivated account is refused exactly like a wrong password', async () => {
    practice = await practiceFrom(template, { signIn: true });
    const { app, admin } = practice;
    sessionSqlite(app).prepare('UPDATE staff_user SET active = 0 WHERE username = ?').run(admin.username);
    await callOk(app, 'auth.logOut', {});
    expect(await callError(app, 'auth.logIn', { username: admin.username, password: admin.password })).toEqual(wrongCredentials);
    expect(app.vault.currentSession()).toBeNull();
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-out' });
  });
});

describe('recovery code', () => {
  it('lets an administrator choose a new password; the old one then fails', async () => {
    practice = await practiceFrom(template);
    const { app, admin, user, dataDirectory } = practice;
    const slotsBefore = readKeyring(dataPaths(dataDirectory).keyring).slots;

    expect(await callError(app, 'auth.recover', {
      recoveryCode: 'ABCDE-FGHJK-MNPQR-STVWX-YZ234', username: admin.username, password: newPassword, confirmPassword: newPassword,
    })).toEqual({ code: 'UNAUTHENTICATED', message: 'That recovery code is not right. Check it against the printed copy.' });

    // Typed from paper: lower case, spaces instead of hyphens.
    const typed = practice.recoveryCode.toLowerCase().replace(/-/g, ' ');
    expect(await callOk(app, 'auth.recover', {
      recoveryCode: typed, username: admin.username.toUpperCase(), password: newPassword, confirmPassword: newPassword,
    })).toEqual(user);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', user });

    const slotsAfter = readKeyring(dataPaths(dataDirectory).keyring).slots;
    expect(slotsAfter.map((slot) => slot.kind).sort()).toEqual(['password', 'recovery']);
    expect(slotsAfter.find((slot) => slot.kind === 'recovery')).toEqual(slotsBefore.find((slot) => slot.kind === 'recovery'));
    expect(slotsAfter.find((slot) => slot.kind === 'password')?.id).not.toBe(slotsBefore.find((slot) => slot.kind === 'password')?.id);

    await callOk(app, 'auth.logOut', {});
    expect(await callError(app, 'auth.logIn', { username: admin.username, password: admin.password })).toEqual(wrongCredentials);
    expect(await callOk(app, 'auth.logIn', { username: admin.username, password: newPassword })).toEqual(user);
  });

  it('is refused for a non-administrator or an unknown username, and changes nothing', async () => {
    practice = await practiceFrom(template, { signIn: true });
    const { app, admin, dataDirectory } = practice;
    const stamp = new Date().toISOString();
    const sqlite = sessionSqlite(app);
    sqlite.prepare('INSERT INTO staff_user (id, username, full_name, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)')
      .run('7d1f2a90-0000-4000-8000-000000000001', 'nina.nurse', 'Nina Nurse', stamp, stamp);
    sqlite.prepare('INSERT INTO staff_role (user_id, role) VALUES (?, ?)').run('7d1f2a90-0000-4000-8000-000000000001', 'nurse');
    await callOk(app, 'auth.logOut', {});
    const before = keyringBytes(dataDirectory);

    for (const username of ['nina.nurse', 'no.such.admin']) {
      const error = await callError(app, 'auth.recover', {
        recoveryCode: practice.recoveryCode, username, password: newPassword, confirmPassword: newPassword,
      });
      expect(error).toEqual({
        code: 'INVALID_INPUT',
        message: 'The recovery code is right, but there is no active administrator with that username.',
        issues: [{ path: 'username', message: 'Enter the username of an active administrator' }],
      });
      expect(keyringBytes(dataDirectory).equals(before)).toBe(true);
      expect(app.vault.currentSession()).toBeNull();
      expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-out' });
    }
    // The administrator's password still works, nobody else gained one, and recovery is refused
    // while someone is signed in.
    await callOk(app, 'auth.logIn', { username: admin.username, password: admin.password });
    expect(readKeyring(dataPaths(dataDirectory).keyring).slots.some((slot) => slot.username === 'nina.nurse')).toBe(false);
    expect(await callError(app, 'auth.recover', {
      recoveryCode: practice.recoveryCode, username: admin.username, password: newPassword, confirmPassword: newPassword,
    })).toMatchObject({ code: 'CONFLICT' });
    expect(keyringBytes(dataDirectory).equals(before)).toBe(true);
  });
});

describe('replacing the recovery code', () => {
  it('gives the administrator a new code; the old one stops working and passwords are untouched', async () => {
    practice = await practiceFrom(template, { signIn: true });
    const { app, admin, user, dataDirectory } = practice;
    const before = readKeyring(dataPaths(dataDirectory).keyring);

    const { recoveryCode } = await callOk(app, 'setup.replaceRecoveryCode', {});
    expect(recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(recoveryCode).not.toBe(practice.recoveryCode);
    const after = readKeyring(dataPaths(dataDirectory).keyring);
    expect(after.slots.filter((slot) => slot.kind === 'recovery')).toHaveLength(1);
    expect(after.slots.filter((slot) => slot.kind === 'password')).toEqual(before.slots.filter((slot) => slot.kind === 'password'));

    await callOk(app, 'auth.logOut', {});
    const recover = (code: string) => ({ recoveryCode: code, username: admin.username, password: newPassword, confirmPassword: newPassword });
    expect(await callError(app, 'auth.recover', recover(practice.recoveryCode))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await callOk(app, 'auth.recover', recover(recoveryCode))).toEqual(user);
  });

  it('is for administrators only, and needs someone signed in', async () => {
    practice = await practiceFrom(template, { signIn: true });
    const { app, dataDirectory } = practice;
    const session = app.vault.currentSession();
    if (!session) throw new Error('Expected a signed-in session');
    // A nurse with a password slot of her own (cheap scrypt: this test is about the role).
    const nurseId = '7d1f2a90-0000-4000-8000-000000000002';
    const stamp = new Date().toISOString();
    session.database.sqlite.prepare('INSERT INTO staff_user (id, username, full_name, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)')
      .run(nurseId, 'nina.nurse', 'Nina Nurse', stamp, stamp);
    session.database.sqlite.prepare('INSERT INTO staff_role (user_id, role) VALUES (?, ?)').run(nurseId, 'nurse');
    const nurseSlot = await createSlot(session.databaseKey, 'nurse-password-long', { kind: 'password', userId: nurseId, username: 'nina.nurse' }, new Date(), { name: 'scrypt', N: 1024, r: 8, p: 1 });
    writeKeyringAtomically(dataPaths(dataDirectory).keyring, withPasswordSlot(readKeyring(dataPaths(dataDirectory).keyring), nurseSlot));
    await callOk(app, 'auth.logOut', {});
    expect(await callError(app, 'setup.replaceRecoveryCode', {})).toMatchObject({ code: 'UNAUTHENTICATED' });

    expect(await callOk(app, 'auth.logIn', { username: 'nina.nurse', password: 'nurse-password-long' })).toMatchObject({ id: nurseId, roles: ['nurse'] });
    const before = keyringBytes(dataDirectory);
    expect(await callError(app, 'setup.replaceRecoveryCode', {})).toEqual({
      code: 'FORBIDDEN',
      message: 'Your role in PlanWell does not allow this.',
    });
    expect(await callError(app, 'setup.confirmRecoveryCode', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(keyringBytes(dataDirectory).equals(before)).toBe(true);
  });
});

describe('when the files are not as PlanWell left them', () => {
  it('says plainly that keyring.json is missing or damaged, and changes nothing', async () => {
    practice = await practiceFrom(template);
    const { app, dataDirectory } = practice;
    const paths = dataPaths(dataDirectory);
    const keyring = readFileSync(paths.keyring);
    const database = readFileSync(paths.database);

    rmSync(paths.keyring);
    const missing = await callOk(app, 'app.status', {});
    expect(missing.state).toBe('unavailable');
    expect(missing.state === 'unavailable' && missing.message).toMatch(/keyring\.json/);
    expect(await callError(app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password })).toMatchObject({ code: 'INTERNAL' });
    expect(await callError(app, 'setup.createPractice', {
      practiceName: 'X', odsCode: '', fullName: 'X', username: 'xavier', password: 'quiet-orchard-lantern-5', confirmPassword: 'quiet-orchard-lantern-5',
    })).toMatchObject({ code: 'CONFLICT' });

    writeFileSync(paths.keyring, '{"format":"planwell-keyring"');
    const damaged = await callOk(app, 'app.status', {});
    expect(damaged).toMatchObject({ state: 'unavailable' });
    expect(damaged.state === 'unavailable' && damaged.message).toMatch(/damaged/);

    expect(readFileSync(paths.database).equals(database)).toBe(true);
    writeFileSync(paths.keyring, keyring);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-out' });
  });

  it('finishes a set-up that stopped after writing the keyring', async () => {
    practice = await practiceFrom(template);
    const { admin, dataDirectory } = practice;
    const paths = dataPaths(dataDirectory);
    renameSync(paths.database, paths.setupDatabase);

    const restarted = createApp({ dataDirectory });
    try {
      expect(await callOk(restarted, 'app.status', {})).toMatchObject({ state: 'signed-out' });
      expect(existsSync(paths.database)).toBe(true);
      expect(existsSync(paths.setupDatabase)).toBe(false);
      expect((await call(restarted, 'auth.logIn', { username: admin.username, password: admin.password })).ok).toBe(true);
    } finally {
      await restarted.close();
    }
  });
});
