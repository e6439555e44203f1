import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanWellApp } from '../../src-main/app';
import { contract, defaultIdleLockMinutes } from '../../src-shared/contract';
import { channelNames, channelSamples } from '../fixtures/channel-samples';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import {
  createPracticeTemplate,
  keyringBytes,
  practiceFrom,
  staffMember,
  switchUser,
  type PracticeFixture,
  type PracticeTemplate,
} from '../fixtures/practice';

const minute = 60_000;
const grace = 60_000;
const locked = { code: 'LOCKED', message: 'PlanWell is locked. Enter your password to unlock it.' };
const forbidden = { code: 'FORBIDDEN', message: 'Your role in PlanWell does not allow this.' };

let template: PracticeTemplate;
let practice: PracticeFixture | undefined;
beforeAll(async () => {
  template = await createPracticeTemplate({ staff: [{ username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] }] });
});
afterAll(() => template.remove());
afterEach(async () => {
  await practice?.close();
  practice = undefined;
});

/** A copy of the practice over a hand-run clock, with the idle timer off: the test calls lockIfIdle. */
async function practiceWithClock(clock: RecordingClock, signIn: true | string = true, logError?: (channel: string, error: unknown) => void): Promise<PracticeFixture> {
  practice = await practiceFrom(template, { signIn, clock, idleCheckMilliseconds: 0, logError });
  return practice;
}

function stateOf(app: PlanWellApp): string {
  // Read from the vault, not app.status: a dispatch would count as activity.
  return app.vault.state().kind;
}

function lockEvents(app: PlanWellApp): { at: string; detail: string }[] {
  return sessionSqlite(app).prepare(`SELECT at, detail FROM audit_event WHERE action = 'lock' ORDER BY seq`).all() as { at: string; detail: string }[];
}

describe('the idle lock (the main process backstop)', () => {
  it('does not lock before the idle minutes plus a minute of grace, and locks at that moment', async () => {
    const clock = new RecordingClock();
    const { app, admin, user } = await practiceWithClock(clock);
    expect(defaultIdleLockMinutes).toBe(10);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', idleLockMinutes: 10 });

    clock.advance(10 * minute + grace - 1);
    expect(await app.lockIfIdle()).toBe(false);
    expect(stateOf(app)).toBe('signed-in');

    clock.advance(1);
    const lockedAt = clock.now().toISOString();
    expect(await app.lockIfIdle()).toBe(true);
    expect(stateOf(app)).toBe('locked');
    expect(app.vault.currentSession()).toBeNull();
    expect(await app.lockIfIdle()).toBe(false);
    expect(await callOk(app, 'app.status', {})).toEqual({ state: 'locked', practiceName: practice?.practiceName, user });

    await callOk(app, 'auth.unlock', { password: admin.password });
    expect(lockEvents(app)).toEqual([{ at: lockedAt, detail: 'Locked after 10 minutes without use' }]);
  });

  it('starts counting again at every request', async () => {
    const clock = new RecordingClock();
    const { app } = await practiceWithClock(clock);
    clock.advance(10 * minute);
    expect(await callOk(app, 'session.activity', {})).toBeNull();
    clock.advance(10 * minute + grace - 1);
    expect(await app.lockIfIdle()).toBe(false);
    // Any request counts, not only session.activity.
    expect(await callOk(app, 'staff.list', {})).toHaveLength(2);
    clock.advance(10 * minute + grace - 1);
    expect(await app.lockIfIdle()).toBe(false);
    expect(stateOf(app)).toBe('signed-in');
    clock.advance(1);
    expect(await app.lockIfIdle()).toBe(true);
    expect(stateOf(app)).toBe('locked');
  });

  it('once locked, answers LOCKED on every channel but app.status, auth.unlock and auth.logOut', async () => {
    const clock = new RecordingClock();
    const { app, admin, dataDirectory } = await practiceWithClock(clock);
    clock.advance(10 * minute + grace);
    expect(await app.lockIfIdle()).toBe(true);
    const keyring = keyringBytes(dataDirectory);

    const open = channelNames.filter((name) => 'allowedWhenLocked' in contract[name] && contract[name].allowedWhenLocked);
    expect(open.sort()).toEqual(['app.status', 'auth.logOut', 'auth.unlock']);
    for (const channel of channelNames.filter((name) => !open.includes(name))) {
      expect(await callError(app, channel, channelSamples[channel]), channel).toEqual(locked);
    }
    expect(keyringBytes(dataDirectory).equals(keyring)).toBe(true);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'locked' });
    expect(await callError(app, 'auth.unlock', channelSamples['auth.unlock'])).toEqual({ code: 'UNAUTHENTICATED', message: 'Username or password is not right' });
    expect(await callOk(app, 'auth.unlock', { password: admin.password })).toMatchObject({ username: admin.username });
    expect(stateOf(app)).toBe('signed-in');
  });

  it('locks even when the audit trail cannot be written, so the key never stays in memory', async () => {
    const clock = new RecordingClock();
    const logged: string[] = [];
    const { app, admin } = await practiceWithClock(clock, true, (channel) => logged.push(channel));
    // A temporary trigger on this connection only: every audit insert fails, as on a full disk.
    sessionSqlite(app).exec(`CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON main.audit_event BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    clock.advance(10 * minute + grace);
    await expect(app.lockIfIdle()).rejects.toThrow(/disk I\/O error/);
    expect(stateOf(app)).toBe('locked');
    expect(app.vault.currentSession()).toBeNull();

    // The trigger went with the connection; the same holds for locking by hand.
    await callOk(app, 'auth.unlock', { password: admin.password });
    sessionSqlite(app).exec(`CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON main.audit_event BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    expect(await callError(app, 'auth.lock', {})).toMatchObject({ code: 'INTERNAL' });
    expect(stateOf(app)).toBe('locked');
    expect(logged).toEqual(['auth.lock']);
  });
});

describe('drafts kept through a lock', () => {
  const key = 'people.create:new';
  const lenasDraft = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1950-12-10', consent: true, visits: 3, goals: ['walking group', 'gardening'], notes: null };

  it('come back to the same user after unlocking, and are never seen by anyone else', async () => {
    const clock = new RecordingClock();
    const { app, admin } = await practiceWithClock(clock, 'lena.link');
    const lena = staffMember(template, 'lena.link');

    expect(await callOk(app, 'drafts.get', { key })).toBeNull();
    const savedAt = clock.now().toISOString();
    expect(await callOk(app, 'drafts.save', { key, values: lenasDraft })).toBeNull();
    clock.advance(10 * minute + grace);
    expect(await app.lockIfIdle()).toBe(true);

    await callOk(app, 'auth.unlock', { password: lena.password });
    expect(await callOk(app, 'drafts.get', { key })).toEqual({ values: lenasDraft, savedAt });

    // Someone else at the same computer: log out from the lock screen, log in as them.
    await callOk(app, 'auth.lock', {});
    expect(await callError(app, 'auth.logIn', { username: admin.username, password: admin.password })).toEqual(locked);
    await callOk(app, 'auth.logOut', {});
    await callOk(app, 'auth.logIn', { username: admin.username, password: admin.password });
    expect(await callOk(app, 'drafts.get', { key })).toBeNull();
    // Their own draft under the same name is theirs alone, and discarding it touches only theirs.
    await callOk(app, 'drafts.save', { key, values: { givenName: 'Someone else' } });
    expect(await callOk(app, 'drafts.get', { key })).toMatchObject({ values: { givenName: 'Someone else' } });
    expect(await callOk(app, 'drafts.discard', { key })).toBeNull();
    expect(await callOk(app, 'drafts.get', { key })).toBeNull();
    expect(sessionSqlite(app).prepare('SELECT count(*) FROM draft').pluck().get()).toBe(1);

    await switchUser(app, lena);
    expect(await callOk(app, 'drafts.get', { key })).toEqual({ values: lenasDraft, savedAt });
    expect(await callOk(app, 'drafts.discard', { key })).toBeNull();
    expect(await callOk(app, 'drafts.get', { key })).toBeNull();
  });

  it('refuses a badly named, too large or too wide draft, and keeps nothing of it', async () => {
    const { app, dataDirectory } = await practiceWithClock(new RecordingClock(), 'lena.link');
    const before = practiceState(app, dataDirectory);
    for (const input of [
      { key: 'has spaces', values: {} },
      { key, values: { long: 'x'.repeat(500_001) } },
      { key, values: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`field${i}`, i])) },
    ]) {
      expect(await callError(app, 'drafts.save', input), JSON.stringify(input).slice(0, 60)).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(practiceState(app, dataDirectory)).toEqual(before);
  });
});

describe('the idle lock setting', () => {
  it('is for administrators only, is checked with clear messages, and is what the idle lock uses', async () => {
    const clock = new RecordingClock();
    const { app, dataDirectory, practiceName } = await practiceWithClock(clock);
    expect(await callOk(app, 'settings.get', {})).toEqual({ practiceName, odsCode: 'A81001', idleLockMinutes: 10, unspentAlertMonths: 3 });

    const before = practiceState(app, dataDirectory);
    const refusals: [unknown, string][] = [
      [0, 'PlanWell must lock after at least 1 minute'],
      [-5, 'PlanWell must lock after at least 1 minute'],
      [61, 'PlanWell must lock after 60 minutes or fewer, to keep unattended screens safe'],
      [2.5, 'Enter a whole number of minutes'],
      ['5', 'Enter a number of minutes'],
      [null, 'Enter a number of minutes'],
      [undefined, 'Enter a number of minutes'],
    ];
    for (const [idleLockMinutes, message] of refusals) {
      expect(await callError(app, 'settings.update', { idleLockMinutes }), String(idleLockMinutes)).toEqual({
        code: 'INVALID_INPUT', message: 'Some answers need correcting.', issues: [{ path: 'idleLockMinutes', message }],
      });
    }
    expect(practiceState(app, dataDirectory)).toEqual(before);

    for (const idleLockMinutes of [60, 1, 2]) {
      expect(await callOk(app, 'settings.update', { idleLockMinutes })).toEqual({ practiceName, odsCode: 'A81001', idleLockMinutes, unspentAlertMonths: 3 });
    }
    // The unspent budget alert: kept when left out, changed when given, 1 to 12 months.
    expect(await callOk(app, 'settings.update', { idleLockMinutes: 2, unspentAlertMonths: 6 })).toMatchObject({ idleLockMinutes: 2, unspentAlertMonths: 6 });
    expect(await callOk(app, 'settings.update', { idleLockMinutes: 2 })).toMatchObject({ unspentAlertMonths: 6 });
    expect((await callError(app, 'settings.update', { idleLockMinutes: 2, unspentAlertMonths: 13 })).issues).toEqual([
      { path: 'unspentAlertMonths', message: 'The unspent money alert must be 12 months of planned spending or fewer' },
    ]);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ idleLockMinutes: 2 });

    // It applies to everyone at the practice, and only an administrator may see or change it.
    await switchUser(app, staffMember(template, 'lena.link'));
    expect(await callOk(app, 'app.status', {})).toMatchObject({ idleLockMinutes: 2 });
    const asLena = practiceState(app, dataDirectory);
    expect(await callError(app, 'settings.get', {})).toEqual(forbidden);
    expect(await callError(app, 'settings.update', { idleLockMinutes: 60 })).toEqual(forbidden);
    expect(practiceState(app, dataDirectory)).toEqual(asLena);

    clock.advance(2 * minute + grace - 1);
    expect(await app.lockIfIdle()).toBe(false);
    clock.advance(1);
    expect(await app.lockIfIdle()).toBe(true);
    await callOk(app, 'auth.unlock', { password: staffMember(template, 'lena.link').password });
    expect(lockEvents(app).at(-1)?.detail).toBe('Locked after 2 minutes without use');
  });
});
