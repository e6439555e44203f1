import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { PlanWellApp } from '../../src-main/app';
import { readKeyring, type KeySlot } from '../../src-main/auth/keyring';
import { dataPaths } from '../../src-main/auth/vault';
import { deactivateStaffMember } from '../../src-main/services/staff';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { testNhsNumber } from '../fixtures/nhs-numbers';
import {
  createPracticeTemplate,
  keyringBytes,
  practiceFrom,
  staffMember,
  switchUser,
  type PracticeFixture,
  type PracticeTemplate,
} from '../fixtures/practice';

const wrongCredentials = { code: 'UNAUTHENTICATED', message: 'Username or password is not right' };
const forbidden = { code: 'FORBIDDEN', message: 'Your role in PlanWell does not allow this.' };
const mustChangeFirst = { code: 'FORBIDDEN', message: 'Choose your own password before you carry on.' };
const needAnAdministrator = {
  code: 'CONFLICT',
  message: 'PlanWell needs at least one active administrator. Give someone else the administrator role first.',
};
const notYourself = { code: 'CONFLICT', message: 'You cannot deactivate your own account. Ask another administrator.' };
const oneTimePasswordPattern = /^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let template: PracticeTemplate;
let practice: PracticeFixture | undefined;
beforeAll(async () => {
  // The first administrator is also the practice's link worker. Nina and Bob were made with
  // staff.create and have chosen their own passwords.
  template = await createPracticeTemplate({
    clinicalRoles: ['link-worker'],
    staff: [
      { username: 'nina.nurse', fullName: 'Nina Nurse', roles: ['nurse'] },
      { username: 'bob.boss', fullName: 'Bob Boss', roles: ['administrator'] },
    ],
  });
});
afterAll(() => template.remove());
afterEach(async () => {
  await practice?.close();
  practice = undefined;
});

async function signedInPractice(clock?: RecordingClock): Promise<PracticeFixture> {
  practice = await practiceFrom(template, { signIn: true, clock });
  return practice;
}

function slots(dataDirectory: string): KeySlot[] {
  return readKeyring(dataPaths(dataDirectory).keyring).slots;
}

function auditRowsOf(app: PlanWellApp, userId: string): unknown[] {
  return sessionSqlite(app).prepare('SELECT seq, action, hash FROM audit_event WHERE user_id = ? ORDER BY seq').all(userId);
}

describe('creating a member of staff', () => {
  it('gives a one-time password that logs in, must be replaced first, and then stops working', async () => {
    const clock = new RecordingClock(new Date('2026-03-02T09:30:00.000Z'));
    const { app, dataDirectory } = await signedInPractice(clock);
    const slotsBefore = slots(dataDirectory);

    const { member, oneTimePassword } = await callOk(app, 'staff.create', { fullName: '  Nell Newcomer ', username: ' Nell.New ', roles: ['viewer', 'nurse'] });
    expect(member).toEqual({
      id: expect.stringMatching(uuidPattern),
      username: 'nell.new',
      fullName: 'Nell Newcomer',
      roles: ['nurse', 'viewer'],
      active: true,
      mustChangePassword: true,
      createdAt: clock.now().toISOString(),
    });
    expect(oneTimePassword).toMatch(oneTimePasswordPattern);
    expect(await callOk(app, 'staff.list', {})).toContainEqual(member);

    // One new key slot, for her; the others untouched. The one-time password is not kept in clear.
    const slotsAfter = slots(dataDirectory);
    expect(slotsAfter.filter((slot) => !slotsBefore.some((old) => old.id === slot.id))).toEqual([
      expect.objectContaining({ kind: 'password', userId: member.id, username: 'nell.new' }),
    ]);
    expect(slotsAfter).toEqual(expect.arrayContaining(slotsBefore));
    expect(keyringBytes(dataDirectory).includes(Buffer.from(oneTimePassword))).toBe(false);
    expect(sessionSqlite(app).prepare('SELECT count(*) FROM audit_event WHERE detail LIKE ?').pluck().get(`%${oneTimePassword}%`)).toBe(0);

    await callOk(app, 'auth.logOut', {});
    expect(await callOk(app, 'auth.logIn', { username: 'nell.new', password: oneTimePassword })).toEqual({
      id: member.id, username: 'nell.new', fullName: 'Nell Newcomer', roles: ['nurse', 'viewer'],
    });
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', mustChangePassword: true, permissions: ['session', 'people:read', 'people:write'] });
    expect(await callError(app, 'people.search', {})).toEqual(mustChangeFirst);

    // Refusals leave the key file, the account and the must-change flag as they were.
    const unchanged = practiceState(app, dataDirectory);
    const ownPassword = 'copper-meadow-lantern-4';
    expect(await callError(app, 'auth.changePassword', { currentPassword: 'not-my-one-time-password', password: ownPassword, confirmPassword: ownPassword })).toEqual({
      code: 'INVALID_INPUT',
      message: 'Your current password is not right.',
      issues: [{ path: 'currentPassword', message: 'Your current password is not right' }],
    });
    const policyCases: [string, string, { path: string; message: string }][] = [
      ['too-short-1', 'too-short-1', { path: 'password', message: 'Password must be at least 12 characters' }],
      ['password1234', 'password1234', { path: 'password', message: 'This password is too common. Try three random words together' }],
      ['abcdefghijklmnop', 'abcdefghijklmnop', { path: 'password', message: 'This password is too common. Try three random words together' }],
      [ownPassword, `${ownPassword}x`, { path: 'confirmPassword', message: 'Passwords do not match' }],
    ];
    for (const [password, confirmPassword, issue] of policyCases) {
      expect(await callError(app, 'auth.changePassword', { currentPassword: oneTimePassword, password, confirmPassword })).toEqual({
        code: 'INVALID_INPUT', message: 'Some answers need correcting.', issues: [issue],
      });
    }
    expect(await callError(app, 'auth.changePassword', { currentPassword: oneTimePassword, password: 'my-NELL.new-password', confirmPassword: 'my-NELL.new-password' })).toEqual({
      code: 'INVALID_INPUT',
      message: 'Password must not contain your username.',
      issues: [{ path: 'password', message: 'Password must not contain your username' }],
    });
    expect(await callError(app, 'auth.changePassword', { currentPassword: oneTimePassword, password: oneTimePassword, confirmPassword: oneTimePassword })).toEqual({
      code: 'INVALID_INPUT',
      message: 'Choose a password different from your current one.',
      issues: [{ path: 'password', message: 'Choose a password different from your current one' }],
    });
    expect(practiceState(app, dataDirectory)).toEqual(unchanged);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ mustChangePassword: true });

    expect(await callOk(app, 'auth.changePassword', { currentPassword: oneTimePassword, password: ownPassword, confirmPassword: ownPassword })).toBeNull();
    expect(await callOk(app, 'app.status', {})).toMatchObject({ mustChangePassword: false });
    expect(await callOk(app, 'people.search', {})).toEqual({ people: [], total: 0 });
    expect(sessionSqlite(app).prepare('SELECT must_change_password FROM staff_user WHERE id = ?').pluck().get(member.id)).toBe(0);
    // Her slot was rewrapped under the new password; nobody else's changed.
    expect(slots(dataDirectory).filter((slot) => slot.userId !== member.id)).toEqual(slotsAfter.filter((slot) => slot.userId !== member.id));

    await callOk(app, 'auth.logOut', {});
    expect(await callError(app, 'auth.logIn', { username: 'nell.new', password: oneTimePassword })).toEqual(wrongCredentials);
    await callOk(app, 'auth.logIn', { username: 'nell.new', password: ownPassword });
    expect(await callOk(app, 'app.status', {})).toMatchObject({ state: 'signed-in', mustChangePassword: false });
  });

  it('refuses a username already taken, in any case, and changes nothing', async () => {
    const { app, dataDirectory, admin } = await signedInPractice();
    const before = practiceState(app, dataDirectory);
    for (const username of [admin.username, admin.username.toUpperCase()]) {
      expect(await callError(app, 'staff.create', { fullName: 'Someone Else', username, roles: ['viewer'] })).toEqual({
        code: 'CONFLICT',
        message: `The username ${admin.username} is already taken.`,
        issues: [{ path: 'username', message: 'This username is already taken' }],
      });
    }
    expect(await callError(app, 'staff.create', { fullName: 'No Roles', username: 'no.roles', roles: [] })).toMatchObject({
      code: 'INVALID_INPUT', issues: [{ path: 'roles', message: 'Choose at least one role' }],
    });
    expect(practiceState(app, dataDirectory)).toEqual(before);
  });
});

describe('resetting a password', () => {
  it('replaces the old password with a new one-time password that must be changed again', async () => {
    const { app, dataDirectory } = await signedInPractice();
    const nina = staffMember(template, 'nina.nurse');
    const ninaSlot = slots(dataDirectory).find((slot) => slot.userId === nina.id);

    const { oneTimePassword } = await callOk(app, 'staff.resetPassword', { userId: nina.id });
    expect(oneTimePassword).toMatch(oneTimePasswordPattern);
    expect(slots(dataDirectory).find((slot) => slot.userId === nina.id)?.id).not.toBe(ninaSlot?.id);
    expect(sessionSqlite(app).prepare('SELECT must_change_password FROM staff_user WHERE id = ?').pluck().get(nina.id)).toBe(1);
    expect(await callError(app, 'staff.resetPassword', { userId: '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f' })).toEqual({
      code: 'NOT_FOUND', message: 'That staff member is not in PlanWell.',
    });

    await callOk(app, 'auth.logOut', {});
    expect(await callError(app, 'auth.logIn', { username: nina.username, password: nina.password })).toEqual(wrongCredentials);
    await callOk(app, 'auth.logIn', { username: nina.username, password: oneTimePassword });
    expect(await callOk(app, 'app.status', {})).toMatchObject({ user: { id: nina.id }, mustChangePassword: true });
    expect(await callError(app, 'people.search', {})).toEqual(mustChangeFirst);
  });
});

describe('deactivating a member of staff', () => {
  it('removes their key slot so they cannot log in, and keeps their account row and history', async () => {
    const { app, dataDirectory, admin } = await signedInPractice();
    const nina = staffMember(template, 'nina.nurse');
    const herHistory = auditRowsOf(app, nina.id);
    expect(herHistory.length).toBeGreaterThanOrEqual(2); // her log-in and her password change
    const otherSlots = slots(dataDirectory).filter((slot) => slot.userId !== nina.id);

    expect(await callOk(app, 'staff.deactivate', { userId: nina.id })).toMatchObject({ id: nina.id, username: 'nina.nurse', active: false });
    expect(slots(dataDirectory)).toEqual(otherSlots);
    expect(sessionSqlite(app).prepare('SELECT active, username FROM staff_user WHERE id = ?').get(nina.id)).toEqual({ active: 0, username: 'nina.nurse' });
    expect(auditRowsOf(app, nina.id)).toEqual(herHistory);
    expect(await callOk(app, 'staff.list', {})).toContainEqual(expect.objectContaining({ id: nina.id, active: false }));

    // Nothing more can be done to a deactivated account's password, and the username stays taken.
    expect(await callError(app, 'staff.resetPassword', { userId: nina.id })).toMatchObject({ code: 'CONFLICT' });
    expect(await callError(app, 'staff.create', { fullName: 'New Nina', username: 'nina.nurse', roles: ['nurse'] })).toMatchObject({ code: 'CONFLICT' });

    await callOk(app, 'auth.logOut', {});
    expect(await callError(app, 'auth.logIn', { username: nina.username, password: nina.password })).toEqual(wrongCredentials);
    expect(await callError(app, 'auth.logIn', { username: 'no.such.person', password: nina.password })).toEqual(wrongCredentials);
    expect(app.vault.currentSession()).toBeNull();
    await callOk(app, 'auth.logIn', { username: admin.username, password: admin.password });
    expect(auditRowsOf(app, nina.id)).toEqual(herHistory);
  });

  it('is refused for your own account, whoever else is an administrator, and changes nothing', async () => {
    const { app, dataDirectory, user } = await signedInPractice();
    const before = practiceState(app, dataDirectory);
    expect(await callError(app, 'staff.deactivate', { userId: user.id })).toEqual(notYourself);
    expect(await callError(app, 'staff.deactivate', { userId: '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f' })).toEqual({
      code: 'NOT_FOUND', message: 'That staff member is not in PlanWell.',
    });
    expect(practiceState(app, dataDirectory)).toEqual(before);
  });
});

describe('the last active administrator', () => {
  it('cannot be deactivated or lose the administrator role; once another exists, can', async () => {
    const { app, dataDirectory, user: jane } = await signedInPractice();
    const nina = staffMember(template, 'nina.nurse');
    const bob = staffMember(template, 'bob.boss');
    // Bob leaves: Jane is the last active administrator.
    await callOk(app, 'staff.deactivate', { userId: bob.id });

    const before = practiceState(app, dataDirectory);
    expect(await callError(app, 'staff.setRoles', { userId: jane.id, roles: ['link-worker'] })).toEqual(needAnAdministrator);
    expect(await callError(app, 'staff.deactivate', { userId: jane.id })).toEqual(notYourself);
    expect(practiceState(app, dataDirectory)).toEqual(before);
    expect(await callOk(app, 'staff.list', {})).toContainEqual(expect.objectContaining({ id: jane.id, roles: ['administrator', 'link-worker'], active: true }));

    // The service refuses too when someone else asks (the dispatcher never lets a non-administrator this far).
    const session = app.vault.currentSession();
    if (!session) throw new Error('Expected a signed-in session');
    const asNina = {
      db: session.database.db, clock: new RecordingClock(), session, vault: app.vault,
      user: { id: nina.id, username: nina.username, fullName: nina.fullName, roles: nina.roles },
    };
    await expect(deactivateStaffMember(asNina, { userId: jane.id })).rejects.toMatchObject(needAnAdministrator);
    expect(practiceState(app, dataDirectory)).toEqual(before);

    // Nina becomes an administrator too: now Jane may step down, and is refused staff work at her very next call.
    await callOk(app, 'staff.setRoles', { userId: nina.id, roles: ['administrator', 'nurse'] });
    expect(await callOk(app, 'staff.setRoles', { userId: jane.id, roles: ['link-worker'] })).toMatchObject({ id: jane.id, roles: ['link-worker'] });
    expect(await callError(app, 'staff.list', {})).toEqual(forbidden);
    expect(await callOk(app, 'app.status', {})).toMatchObject({ user: { roles: ['link-worker'] }, permissions: ['session', 'people:read', 'people:write'] });
    expect((await callOk(app, 'people.search', {})).total).toBe(0);

    // Nina deactivates Jane; then she is the last, and the same rules hold for her.
    await switchUser(app, nina);
    expect(await callOk(app, 'staff.deactivate', { userId: jane.id })).toMatchObject({ id: jane.id, active: false });
    const lastOne = practiceState(app, dataDirectory);
    expect(await callError(app, 'staff.setRoles', { userId: nina.id, roles: ['nurse'] })).toEqual(needAnAdministrator);
    expect(await callError(app, 'staff.deactivate', { userId: nina.id })).toEqual(notYourself);
    expect(practiceState(app, dataDirectory)).toEqual(lastOne);
    // Changing her other roles while keeping administrator is fine.
    expect(await callOk(app, 'staff.setRoles', { userId: nina.id, roles: ['administrator', 'viewer'] })).toMatchObject({ roles: ['administrator', 'viewer'] });
  });
});

describe('changing roles', () => {
  it('changes what someone may do at their next call', async () => {
    const { app, dataDirectory, user: jane } = await signedInPractice();
    const nina = staffMember(template, 'nina.nurse');
    const person = { givenName: 'Ada', familyName: 'Roles', dateOfBirth: '1950-12-10', nhsNumber: testNhsNumber('999555') };
    expect(await callOk(app, 'staff.setRoles', { userId: nina.id, roles: ['viewer'] })).toMatchObject({ id: nina.id, roles: ['viewer'] });

    await switchUser(app, nina);
    expect(await callError(app, 'people.create', person)).toEqual(forbidden);
    expect((await callOk(app, 'people.search', {})).total).toBe(0);

    await switchUser(app, template.admin);
    expect(await callOk(app, 'staff.setRoles', { userId: nina.id, roles: ['nurse'] })).toMatchObject({ id: nina.id, roles: ['nurse'] });
    await switchUser(app, nina);
    expect(await callOk(app, 'people.create', person)).toMatchObject({ familyName: 'Roles' });

    // Your own roles change at once, in this very session.
    await switchUser(app, template.admin);
    expect((await callOk(app, 'people.search', {})).total).toBe(1);
    await callOk(app, 'staff.setRoles', { userId: jane.id, roles: ['administrator'] });
    expect(await callError(app, 'people.search', {})).toEqual(forbidden);
    await callOk(app, 'staff.setRoles', { userId: jane.id, roles: ['administrator', 'nurse'] });
    expect((await callOk(app, 'people.search', {})).total).toBe(1);

    const before = practiceState(app, dataDirectory);
    expect(await callError(app, 'staff.setRoles', { userId: nina.id, roles: ['nurse', 'nurse'] })).toMatchObject({
      code: 'INVALID_INPUT', issues: [{ path: 'roles', message: 'Each role can be chosen once' }],
    });
    expect(await callError(app, 'staff.setRoles', { userId: nina.id, roles: [] })).toMatchObject({
      code: 'INVALID_INPUT', issues: [{ path: 'roles', message: 'Choose at least one role' }],
    });
    expect(await callError(app, 'staff.setRoles', { userId: '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f', roles: ['nurse'] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(practiceState(app, dataDirectory)).toEqual(before);
  });
});
