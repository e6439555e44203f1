import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import type {
  AppState,
  ChannelParsedInput,
  SignedInUser,
} from '../../src-shared/contract';
import type { Clock } from '../clock';
import { openDatabase } from '../db/database';
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
import type { PracticeVault } from '../auth/vault';
import { findActiveUser, findActiveUserByUsername } from './staff';

const wrongCredentials = 'Username or password is not right';

export interface AuthDependencies {
  vault: PracticeVault;
  throttle: LoginThrottle;
  clock: Clock;
}

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
      const confirmed = await state.session.database.db
        .selectFrom('practice_setting')
        .select('value')
        .where('key', '=', 'recovery_code_confirmed_at')
        .executeTakeFirst();
      return {
        state: 'signed-in',
        practiceName: state.keyring.practiceName ?? '',
        user: state.session.user,
        recoveryCodeConfirmed: confirmed !== undefined,
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
  const user: SignedInUser = { id: randomUUID(), username: input.username, fullName: input.fullName, roles: ['administrator'] };

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
      ]).execute();
      await trx.insertInto('staff_user').values({
        id: user.id, username: user.username, full_name: user.fullName, active: 1, created_at: timestamp, updated_at: timestamp,
      }).execute();
      await trx.insertInto('staff_role').values({ user_id: user.id, role: 'administrator' }).execute();
    });
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
  vault.begin({ user, database, databaseKey });
  return { recoveryCode: formatRecoveryCode(recoveryCode), user };
}

export async function confirmRecoveryCode({ vault, clock }: AuthDependencies): Promise<null> {
  const session = requireSession(vault);
  await session.database.db
    .insertInto('practice_setting')
    .values({ key: 'recovery_code_confirmed_at', value: clock.now().toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: clock.now().toISOString() }))
    .execute();
  return null;
}

export async function replaceRecoveryCode({ vault, clock }: AuthDependencies): Promise<{ recoveryCode: string }> {
  const session = requireSession(vault);
  if (!session.user.roles.includes('administrator')) {
    throw new AppError('FORBIDDEN', 'Only an administrator can make a new recovery code.');
  }
  const recoveryCode = generateRecoveryCode();
  const slot = await createSlot(session.databaseKey, recoveryCode, { kind: 'recovery' }, clock.now());
  const keyring = vault.keyring();
  writeKeyringAtomically(vault.paths.keyring, { ...keyring, slots: [...keyring.slots.filter((s) => s.kind !== 'recovery'), slot] });
  return { recoveryCode: formatRecoveryCode(recoveryCode) };
}

export async function logIn(
  deps: AuthDependencies,
  input: ChannelParsedInput<'auth.logIn'>,
): Promise<SignedInUser> {
  const { vault } = deps;
  const state = vault.state();
  if (state.kind === 'signed-in') throw conflict('Someone is already logged in. Lock PlanWell or log out first.');
  if (state.kind !== 'signed-out' && state.kind !== 'locked') throw unavailableError(state);
  return signInWithPassword(deps, state.keyring, input.username, input.password);
}

export async function unlock(
  deps: AuthDependencies,
  input: ChannelParsedInput<'auth.unlock'>,
): Promise<SignedInUser> {
  const state = deps.vault.state();
  if (state.kind !== 'locked') throw conflict('PlanWell is not locked.');
  return signInWithPassword(deps, state.keyring, state.user.username, input.password);
}

async function signInWithPassword(
  deps: AuthDependencies,
  keyring: Keyring,
  username: string,
  password: string,
): Promise<SignedInUser> {
  const { vault, throttle, clock } = deps;
  const delay = throttle.delayBeforeAttempt(username);
  if (delay > 0) await clock.sleep(delay);

  const slot = passwordSlotFor(keyring, username);
  const databaseKey = slot ? await unwrapSlot(slot, password) : null;
  if (!slot) await spendEquivalentTime(password);
  if (!slot || !databaseKey) {
    throttle.recordFailure(username);
    throw unauthenticated(wrongCredentials);
  }
  const database = await vault.open(databaseKey);
  const user = slot.userId ? await findActiveUser(database.db, slot.userId) : null;
  if (!user) {
    // A slot whose account was deactivated: answer exactly as for a wrong password.
    await database.close();
    databaseKey.fill(0);
    throttle.recordFailure(username);
    throw unauthenticated(wrongCredentials);
  }
  throttle.recordSuccess(username);
  vault.begin({ user, database, databaseKey });
  return user;
}

/** The recovery code opens the practice, and an administrator must then choose a new password. */
export async function recover(
  deps: AuthDependencies,
  input: ChannelParsedInput<'auth.recover'>,
): Promise<SignedInUser> {
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
  const user = await findActiveUserByUsername(database.db, input.username);
  if (!user || !user.roles.includes('administrator')) {
    await database.close();
    databaseKey.fill(0);
    throw new AppError('INVALID_INPUT', 'The recovery code is right, but there is no active administrator with that username.', [
      { path: 'username', message: 'Enter the username of an active administrator' },
    ]);
  }
  const existing = passwordSlotForUser(state.keyring, user.id);
  const slotOwner = { kind: 'password' as const, userId: user.id, username: existing?.username ?? user.username };
  writeKeyringAtomically(vault.paths.keyring, withPasswordSlot(state.keyring, await createSlot(databaseKey, input.password, slotOwner, clock.now())));
  throttle.recordSuccess(throttleKey);
  vault.begin({ user, database, databaseKey });
  return user;
}

export async function lock({ vault }: AuthDependencies): Promise<null> {
  await vault.lock();
  return null;
}

export async function logOut({ vault }: AuthDependencies): Promise<null> {
  await vault.signOut();
  return null;
}

export function requireSession(vault: PracticeVault) {
  const session = vault.currentSession();
  if (!session) throw unauthenticated('Log in to continue.');
  return session;
}

function unavailableError(state: ReturnType<PracticeVault['state']>): AppError {
  if (state.kind === 'needs-setup') return conflict('PlanWell has not been set up on this computer yet.');
  if (state.kind === 'unavailable') return new AppError('INTERNAL', state.message);
  return conflict('PlanWell cannot do that now.');
}
