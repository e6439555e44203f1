import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import {
  defaultIdleLockMinutes,
  permissionsFor,
  type AppState,
  type ChannelParsedInput,
  type Role,
  type SignedInUser,
} from '../../src-shared/contract';
import { passwordProblem, passwordProblemMessages } from '../../src-shared/domain/password-policy';
import { auditHeadKey } from '../audit/chain';
import { currentAuditHead, recordAudit, writeAuditHead } from '../audit/trail';
import type { Clock } from '../clock';
import { openDatabase, type AppDatabase } from '../db/database';
import { AppError, conflict, unauthenticated } from '../ipc/errors';
import {
  createSlot,
  emptyKeyring,
  formatRecoveryCode,
  generateRecoveryCode,
  passwordSlotFor,
  passwordSlotForUser,
  recoverySlot,
  spendEquivalentTime,
  unwrapSlot,
  withPasswordSlot,
  writeKeyringAtomically,
  type Keyring,
} from '../auth/keyring';
import type { LoginThrottle } from '../auth/login-throttle';
import { newSession, type PracticeVault, type Session } from '../auth/vault';
import { readIdleLockMinutes } from './settings';
import { findActiveUser, findActiveUserByUsername } from './staff';

const wrongCredentials = 'Username or password is not right';

/** Failed log-ins happen while the database is closed; they are written at the next successful one. */
export interface FailedLogIn {
  username: string;
  at: Date;
}

export interface AuthDependencies {
  vault: PracticeVault;
  throttle: LoginThrottle;
  clock: Clock;
  failedLogIns: FailedLogIn[];
}

/** At most this many failed log-ins wait in memory for the next successful one. */
const maximumPendingFailures = 1000;

export async function appStatus({ vault }: AuthDependencies): Promise<AppState> {
  const state = vault.state();
  switch (state.kind) {
    case 'needs-setup':
      return { state: 'needs-setup' };
    case 'unavailable':
      return { state: 'unavailable', message: state.message };
    case 'signed-out':
      return { state: 'signed-out', practiceName: state.keyring.practiceName ?? '' };
    case 'locked':
      return { state: 'locked', practiceName: state.keyring.practiceName ?? '', user: state.user };
    case 'signed-in': {
      const { db } = state.session.database;
      const confirmed = await db.selectFrom('practice_setting').select('value').where('key', '=', 'recovery_code_confirmed_at').executeTakeFirst();
      return {
        state: 'signed-in',
        practiceName: state.keyring.practiceName ?? '',
        user: state.session.user,
        permissions: [...permissionsFor(state.session.user.roles)],
        // Only an administrator can confirm it; others are not held up by it.
        recoveryCodeConfirmed: confirmed !== undefined || !state.session.user.roles.includes('administrator'),
        mustChangePassword: state.session.mustChangePassword,
        idleLockMinutes: await readIdleLockMinutes(db),
      };
    }
  }
}

/**
 * First run: a new random database key, the first administrator and the recovery code.
 * The database is built under a temporary name and renamed into place after the keyring is
 * written, so an interrupted set-up never leaves a database nobody can open.
 */
export async function createPractice(
  deps: AuthDependencies,
  input: ChannelParsedInput<'setup.createPractice'>,
): Promise<{ recoveryCode: string; user: SignedInUser }> {
  const { vault, clock } = deps;
  if (vault.state().kind !== 'needs-setup') throw conflict('PlanWell is already set up on this computer.');
  const { paths } = vault;
  const now = clock.now();
  const timestamp = now.toISOString();
  const databaseKey = randomBytes(32);
  const userRoles: Role[] = ['administrator', ...input.clinicalRoles];
  const user: SignedInUser = { id: randomUUID(), username: input.username, fullName: input.fullName, roles: userRoles };

  for (const leftover of [paths.setupDatabase, `${paths.setupDatabase}-wal`, `${paths.setupDatabase}-shm`]) {
    if (existsSync(leftover)) rmSync(leftover);
  }
  const setup = await openDatabase(paths.setupDatabase, { key: databaseKey });
  try {
    await setup.db.transaction().execute(async (trx) => {
      await trx.insertInto('practice_setting').values([
        { key: 'practice_name', value: input.practiceName },
        { key: 'ods_code', value: input.odsCode },
        { key: 'created_at', value: timestamp },
        { key: 'idle_lock_minutes', value: String(defaultIdleLockMinutes) },
      ]).execute();
      await trx.insertInto('staff_user').values({
        id: user.id, username: user.username, full_name: user.fullName, active: 1, created_at: timestamp, updated_at: timestamp,
      }).execute();
      await trx.insertInto('staff_role').values(userRoles.map((role) => ({ user_id: user.id, role }))).execute();
      await recordAudit(trx, clock, { user, action: 'set-up', channel: 'setup.createPractice', detail: `Set up PlanWell for ${input.practiceName}` });
    });
    // The first head: from now on a missing head file while events exist means tampering.
    writeAuditHead(paths.auditHead, currentAuditHead(setup.sqlite), auditHeadKey(databaseKey));
  } finally {
    await setup.close();
  }

  const recoveryCode = generateRecoveryCode();
  let keyring: Keyring = emptyKeyring(input.practiceName);
  keyring = withPasswordSlot(keyring, await createSlot(databaseKey, input.password, { kind: 'password', userId: user.id, username: user.username }, now));
  keyring.slots.push(await createSlot(databaseKey, recoveryCode, { kind: 'recovery' }, now));
  writeKeyringAtomically(paths.keyring, keyring);
  vault.state(); // finishes the rename of the set-up database into place

  const database = await vault.open(databaseKey);
  vault.begin(newSession(user, database, databaseKey, false));
  return { recoveryCode: formatRecoveryCode(recoveryCode), user };
}

export async function confirmRecoveryCode({ vault, clock }: AuthDependencies): Promise<null> {
  const session = requireSession(vault);
  const { db } = session.database;
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('practice_setting')
      .values({ key: 'recovery_code_confirmed_at', value: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: now }))
      .execute();
    await recordAudit(trx, clock, { user: session.user, action: 'settings', channel: 'setup.confirmRecoveryCode', detail: 'Confirmed the recovery code is stored safely' });
  });
  return null;
}

export async function replaceRecoveryCode({ vault, clock }: AuthDependencies): Promise<{ recoveryCode: string }> {
  const session = requireSession(vault);
  const recoveryCode = generateRecoveryCode();
  const slot = await createSlot(session.databaseKey, recoveryCode, { kind: 'recovery' }, clock.now());
  await session.database.db.transaction().execute(async (trx) => {
    await recordAudit(trx, clock, { user: session.user, action: 'user-admin', channel: 'setup.replaceRecoveryCode', detail: 'Made a new recovery code; the old one no longer works' });
    const keyring = vault.keyring();
    writeKeyringAtomically(vault.paths.keyring, { ...keyring, slots: [...keyring.slots.filter((s) => s.kind !== 'recovery'), slot] });
  });
  return { recoveryCode: formatRecoveryCode(recoveryCode) };
}

export async function logIn(deps: AuthDependencies, input: ChannelParsedInput<'auth.logIn'>): Promise<SignedInUser> {
  const state = deps.vault.state();
  if (state.kind === 'signed-in') throw conflict('Someone is already logged in. Lock PlanWell or log out first.');
  if (state.kind !== 'signed-out' && state.kind !== 'locked') throw unavailableError(state);
  return signInWithPassword(deps, state.keyring, input.username, input.password, 'log-in');
}

export async function unlock(deps: AuthDependencies, input: ChannelParsedInput<'auth.unlock'>): Promise<SignedInUser> {
  const state = deps.vault.state();
  if (state.kind !== 'locked') throw conflict('PlanWell is not locked.');
  return signInWithPassword(deps, state.keyring, state.user.username, input.password, 'unlock');
}

async function signInWithPassword(
  deps: AuthDependencies,
  keyring: Keyring,
  username: string,
  password: string,
  action: 'log-in' | 'unlock',
): Promise<SignedInUser> {
  const { vault, throttle, clock } = deps;
  const delay = throttle.delayBeforeAttempt(username);
  if (delay > 0) await clock.sleep(delay);

  const slot = passwordSlotFor(keyring, username);
  const databaseKey = slot ? await unwrapSlot(slot, password) : null;
  if (!slot) await spendEquivalentTime(password);
  if (!slot || !databaseKey) throw recordFailure(deps, username);
  const database = await vault.open(databaseKey);
  const user = slot.userId ? await findActiveUser(database.db, slot.userId) : null;
  if (!user) {
    // A slot whose account was deactivated: answer exactly as for a wrong password.
    await database.close();
    databaseKey.fill(0);
    throw recordFailure(deps, username);
  }
  throttle.recordSuccess(username);
  const { mustChangePassword, ...signedIn } = user;
  await database.db.transaction().execute(async (trx) => {
    await flushFailedLogIns(trx, deps);
    await recordAudit(trx, clock, { user: signedIn, action, channel: action === 'log-in' ? 'auth.logIn' : 'auth.unlock' });
  });
  vault.begin(newSession(signedIn, database, databaseKey, mustChangePassword));
  return signedIn;
}

function recordFailure(deps: AuthDependencies, username: string): AppError {
  deps.throttle.recordFailure(username);
  if (deps.failedLogIns.length < maximumPendingFailures) deps.failedLogIns.push({ username, at: deps.clock.now() });
  return unauthenticated(wrongCredentials);
}

async function flushFailedLogIns(db: AppDatabase, deps: AuthDependencies): Promise<void> {
  for (const failure of deps.failedLogIns.splice(0)) {
    await recordAudit(db, deps.clock, {
      user: null, action: 'log-in-failed', channel: 'auth.logIn', outcome: 'failure', at: failure.at,
      detail: `Wrong username or password for "${failure.username.slice(0, 64)}"`,
    });
  }
}

/** The recovery code opens the practice, and an administrator must then choose a new password. */
export async function recover(deps: AuthDependencies, input: ChannelParsedInput<'auth.recover'>): Promise<SignedInUser> {
  const { vault, throttle, clock } = deps;
  const state = vault.state();
  if (state.kind === 'signed-in') throw conflict('Someone is already logged in. Lock PlanWell or log out first.');
  if (state.kind !== 'signed-out' && state.kind !== 'locked') throw unavailableError(state);
  const throttleKey = '(recovery code)';
  const delay = throttle.delayBeforeAttempt(throttleKey);
  if (delay > 0) await clock.sleep(delay);

  const slot = recoverySlot(state.keyring);
  const databaseKey = slot ? await unwrapSlot(slot, input.recoveryCode) : null;
  if (!databaseKey) {
    throttle.recordFailure(throttleKey);
    throw unauthenticated('That recovery code is not right. Check it against the printed copy.');
  }
  const database = await vault.open(databaseKey);
  const found = await findActiveUserByUsername(database.db, input.username);
  if (!found || !found.roles.includes('administrator')) {
    await database.close();
    databaseKey.fill(0);
    throw new AppError('INVALID_INPUT', 'The recovery code is right, but there is no active administrator with that username.', [
      { path: 'username', message: 'Enter the username of an active administrator' },
    ]);
  }
  const { mustChangePassword: _ignored, ...user } = found;
  const existing = passwordSlotForUser(state.keyring, user.id);
  const slotOwner = { kind: 'password' as const, userId: user.id, username: existing?.username ?? user.username };
  const newSlot = await createSlot(databaseKey, input.password, slotOwner, clock.now());
  await database.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_user').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
    await flushFailedLogIns(trx, deps);
    await recordAudit(trx, clock, { user, action: 'recovery', channel: 'auth.recover', detail: 'Opened PlanWell with the recovery code and set a new password' });
    writeKeyringAtomically(vault.paths.keyring, withPasswordSlot(state.keyring, newSlot));
  });
  throttle.recordSuccess(throttleKey);
  vault.begin(newSession(user, database, databaseKey, false));
  return user;
}

/** Everyone can change their own password; it rewraps their key slot. */
export async function changePassword(deps: AuthDependencies, input: ChannelParsedInput<'auth.changePassword'>): Promise<null> {
  const { vault, clock } = deps;
  const session = requireSession(vault);
  // The schema checks the other rules; it does not know whose password it is.
  if (passwordProblem(input.password, session.user.username) === 'contains-username') {
    const message = passwordProblemMessages['contains-username'];
    throw new AppError('INVALID_INPUT', `${message}.`, [{ path: 'password', message }]);
  }
  const keyring = vault.keyring();
  const slot = passwordSlotForUser(keyring, session.user.id);
  const key = slot ? await unwrapSlot(slot, input.currentPassword) : null;
  if (!slot || !key) {
    throw new AppError('INVALID_INPUT', 'Your current password is not right.', [{ path: 'currentPassword', message: 'Your current password is not right' }]);
  }
  key.fill(0);
  if (input.currentPassword === input.password) {
    throw new AppError('INVALID_INPUT', 'Choose a password different from your current one.', [{ path: 'password', message: 'Choose a password different from your current one' }]);
  }
  const newSlot = await createSlot(session.databaseKey, input.password, { kind: 'password', userId: session.user.id, username: session.user.username }, clock.now());
  await session.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_user').set({ must_change_password: 0, updated_at: clock.now().toISOString() }).where('id', '=', session.user.id).execute();
    await recordAudit(trx, clock, { user: session.user, action: 'password-change', channel: 'auth.changePassword' });
    writeKeyringAtomically(vault.paths.keyring, withPasswordSlot(vault.keyring(), newSlot));
  });
  session.mustChangePassword = false;
  return null;
}

/** Locks even if the audit row cannot be written (a full disk must not keep the key in memory). */
export async function lock({ vault, clock }: AuthDependencies, reason = 'Locked'): Promise<null> {
  const session = vault.currentSession();
  try {
    if (session) await recordAudit(session.database.db, clock, { user: session.user, action: 'lock', channel: 'auth.lock', detail: reason });
  } finally {
    await vault.lock();
  }
  return null;
}

/** Logs out even if the audit row cannot be written, as lock does. */
export async function logOut({ vault, clock }: AuthDependencies): Promise<null> {
  const session = vault.currentSession();
  try {
    if (session) await recordAudit(session.database.db, clock, { user: session.user, action: 'log-out', channel: 'auth.logOut' });
  } finally {
    await vault.signOut();
  }
  return null;
}

export function requireSession(vault: PracticeVault): Session {
  const session = vault.currentSession();
  if (!session) throw unauthenticated('Log in to continue.');
  return session;
}

function unavailableError(state: ReturnType<PracticeVault['state']>): AppError {
  if (state.kind === 'needs-setup') return conflict('PlanWell has not been set up on this computer yet.');
  if (state.kind === 'unavailable') return new AppError('INTERNAL', state.message);
  return conflict('PlanWell cannot do that now.');
}
