import type { Role, SignedInUser } from '../../src-shared/contract';
import { roles } from '../../src-shared/contract';
import type { AppDatabase } from '../db/database';

/** Reads a staff member with their roles; null if unknown or deactivated. */
export async function findActiveUser(db: AppDatabase, userId: string): Promise<SignedInUser | null> {
  const user = await db
    .selectFrom('staff_user')
    .select(['id', 'username', 'full_name', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.active !== 1) return null;
  const roleRows = await db.selectFrom('staff_role').select('role').where('user_id', '=', userId).execute();
  const userRoles = roleRows.map((row) => row.role).filter((role): role is Role => (roles as readonly string[]).includes(role));
  return { id: user.id, username: user.username, fullName: user.full_name, roles: userRoles };
}

export async function findActiveUserByUsername(db: AppDatabase, username: string): Promise<SignedInUser | null> {
  const row = await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst();
  return row ? findActiveUser(db, row.id) : null;
}
