import { randomBytes, randomUUID } from 'node:crypto';
import type { ChannelParsedInput, Role, SignedInUser, StaffMember } from '../../src-shared/contract';
import { roles } from '../../src-shared/contract';
import { recordAudit } from '../audit/trail';
import { createSlot, withPasswordSlot, writeKeyringAtomically } from '../auth/keyring';
import type { AppDatabase } from '../db/database';
import { AppError, conflict, notFound } from '../ipc/errors';
import type { VaultDependencies as StaffDependencies } from './session-dependencies';

function toRoles(rows: { role: string }[]): Role[] {
  return rows.map((row) => row.role).filter((role): role is Role => (roles as readonly string[]).includes(role));
}

/** Reads a staff member with their roles; null if unknown or deactivated. */
export async function findActiveUser(db: AppDatabase, userId: string): Promise<(SignedInUser & { mustChangePassword: boolean }) | null> {
  const member = await findStaffMember(db, userId);
  if (!member || !member.active) return null;
  return { id: member.id, username: member.username, fullName: member.fullName, roles: member.roles, mustChangePassword: member.mustChangePassword };
}

export async function findActiveUserByUsername(db: AppDatabase, username: string) {
  const row = await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst();
  return row ? findActiveUser(db, row.id) : null;
}

async function findStaffMember(db: AppDatabase, userId: string): Promise<StaffMember | null> {
  const user = await db.selectFrom('staff_user').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return null;
  const roleRows = await db.selectFrom('staff_role').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    roles: toRoles(roleRows),
    active: user.active === 1,
    mustChangePassword: user.must_change_password === 1,
    createdAt: user.created_at,
  };
}

export async function listStaff({ db }: StaffDependencies): Promise<StaffMember[]> {
  const users = await db.selectFrom('staff_user').selectAll().orderBy('active', 'desc').orderBy('full_name').execute();
  const roleRows = await db.selectFrom('staff_role').select(['user_id', 'role']).orderBy('role').execute();
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    roles: toRoles(roleRows.filter((row) => row.user_id === user.id)),
    active: user.active === 1,
    mustChangePassword: user.must_change_password === 1,
    createdAt: user.created_at,
  }));
}

/** Crockford base-32 in four groups of four: 80 bits, easy to read out over a desk. */
export function generateOneTimePassword(): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  const symbols = [...randomBytes(16)].map((byte) => alphabet[byte & 31]).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

export async function createStaffMember(
  deps: StaffDependencies,
  input: ChannelParsedInput<'staff.create'>,
): Promise<{ member: StaffMember; oneTimePassword: string }> {
  const { db, clock, user, vault, session } = deps;
  const timestamp = clock.now().toISOString();
  const id = randomUUID();
  const oneTimePassword = generateOneTimePassword();
  // Derived before the transaction: scrypt takes a few hundred milliseconds.
  const slot = await createSlot(session.databaseKey, oneTimePassword, { kind: 'password', userId: id, username: input.username }, clock.now());
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('staff_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) {
      throw conflict(`The username ${input.username} is already taken.`, [{ path: 'username', message: 'This username is already taken' }]);
    }
    await trx.insertInto('staff_user').values({
      id, username: input.username, full_name: input.fullName, active: 1, must_change_password: 1, created_at: timestamp, updated_at: timestamp,
    }).execute();
    await trx.insertInto('staff_role').values(input.roles.map((role) => ({ user_id: id, role }))).execute();
    await recordAudit(trx, clock, {
      user, action: 'user-admin', channel: 'staff.create',
      detail: `Created account ${input.username} (${input.roles.join(', ')})`,
    });
    // Last, so a failure to write the key file rolls the account back too.
    writeKeyringAtomically(vault.paths.keyring, withPasswordSlot(vault.keyring(), slot));
  });
  return { member: (await findStaffMember(db, id))!, oneTimePassword };
}

export async function resetStaffPassword(
  deps: StaffDependencies,
  input: ChannelParsedInput<'staff.resetPassword'>,
): Promise<{ oneTimePassword: string }> {
  const { db, clock, user, vault, session } = deps;
  const member = await requireMember(db, input.userId);
  if (!member.active) throw conflict(`${member.fullName}'s account is deactivated. Reactivate it before resetting the password.`);
  const oneTimePassword = generateOneTimePassword();
  const slot = await createSlot(session.databaseKey, oneTimePassword, { kind: 'password', userId: member.id, username: member.username }, clock.now());
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_user').set({ must_change_password: 1, updated_at: clock.now().toISOString() }).where('id', '=', member.id).execute();
    await recordAudit(trx, clock, { user, action: 'user-admin', channel: 'staff.resetPassword', detail: `Reset the password of ${member.username}` });
    writeKeyringAtomically(vault.paths.keyring, withPasswordSlot(vault.keyring(), slot));
  });
  return { oneTimePassword };
}

export async function deactivateStaffMember(
  deps: StaffDependencies,
  input: ChannelParsedInput<'staff.deactivate'>,
): Promise<StaffMember> {
  const { db, clock, user, vault } = deps;
  const member = await requireMember(db, input.userId);
  if (member.id === user.id) throw conflict('You cannot deactivate your own account. Ask another administrator.');
  await db.transaction().execute(async (trx) => {
    if (member.roles.includes('administrator')) await requireAnotherActiveAdministrator(trx, member.id);
    await trx.updateTable('staff_user').set({ active: 0, updated_at: clock.now().toISOString() }).where('id', '=', member.id).execute();
    await recordAudit(trx, clock, { user, action: 'user-admin', channel: 'staff.deactivate', detail: `Deactivated account ${member.username}` });
    // Without a key slot the account cannot open the database, whatever the password.
    const keyring = vault.keyring();
    writeKeyringAtomically(vault.paths.keyring, { ...keyring, slots: keyring.slots.filter((s) => s.userId !== member.id) });
  });
  return (await findStaffMember(db, member.id))!;
}

export async function setStaffRoles(
  deps: StaffDependencies,
  input: ChannelParsedInput<'staff.setRoles'>,
): Promise<StaffMember> {
  const { db, clock, user, session } = deps;
  const member = await requireMember(db, input.userId);
  await db.transaction().execute(async (trx) => {
    if (member.roles.includes('administrator') && !input.roles.includes('administrator') && member.active) {
      await requireAnotherActiveAdministrator(trx, member.id);
    }
    await trx.deleteFrom('staff_role').where('user_id', '=', member.id).execute();
    await trx.insertInto('staff_role').values(input.roles.map((role) => ({ user_id: member.id, role }))).execute();
    await trx.updateTable('staff_user').set({ updated_at: clock.now().toISOString() }).where('id', '=', member.id).execute();
    await recordAudit(trx, clock, {
      user, action: 'user-admin', channel: 'staff.setRoles',
      detail: `Changed the roles of ${member.username} from ${member.roles.join(', ')} to ${input.roles.join(', ')}`,
    });
  });
  const updated = (await findStaffMember(db, member.id))!;
  // Your own new roles apply from your next request, not from your next log-in.
  if (session.user.id === member.id) session.user = { ...session.user, roles: updated.roles };
  return updated;
}

async function requireMember(db: AppDatabase, userId: string): Promise<StaffMember> {
  const member = await findStaffMember(db, userId);
  if (!member) throw notFound('That staff member is not in PlanWell.');
  return member;
}

/** A practice must never be left without someone who can manage staff. */
async function requireAnotherActiveAdministrator(db: AppDatabase, exceptUserId: string): Promise<void> {
  const others = await db
    .selectFrom('staff_user')
    .innerJoin('staff_role', 'staff_role.user_id', 'staff_user.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_role.role', '=', 'administrator')
    .where('staff_user.active', '=', 1)
    .where('staff_user.id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) {
    throw new AppError('CONFLICT', 'PlanWell needs at least one active administrator. Give someone else the administrator role first.');
  }
}
