import { z } from 'zod';
import { channel } from './channel';
import { roles, type Role } from './permissions';
import { usernameSchema } from './auth';

export interface StaffMember {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

const rolesSchema = z
  .array(z.enum(roles))
  .min(1, 'Choose at least one role')
  .max(roles.length)
  .refine((list) => new Set(list).size === list.length, 'Each role can be chosen once');

export const newStaffSchema = z.strictObject({
  fullName: z.string().trim().min(1, 'Enter their full name').max(200, 'Full name must be 200 characters or fewer'),
  username: usernameSchema,
  roles: rolesSchema,
});
export type NewStaffInput = z.input<typeof newStaffSchema>;

export const staffIdSchema = z.strictObject({ userId: z.uuid('Staff member not recognised') });

export const staffRolesSchema = z.strictObject({
  userId: z.uuid('Staff member not recognised'),
  roles: rolesSchema,
});
export type StaffRolesInput = z.input<typeof staffRolesSchema>;

const noInput = z.strictObject({});

export const staffChannels = {
  'staff.list': channel<StaffMember[]>()({ input: noInput, permission: 'staff:manage' }),
  /** Answers with a one-time password, shown once; the new member must choose their own at first log-in. */
  'staff.create': channel<{ member: StaffMember; oneTimePassword: string }>()({ input: newStaffSchema, permission: 'staff:manage' }),
  'staff.resetPassword': channel<{ oneTimePassword: string }>()({ input: staffIdSchema, permission: 'staff:manage' }),
  /** Removes their key slot; their history stays. */
  'staff.deactivate': channel<StaffMember>()({ input: staffIdSchema, permission: 'staff:manage' }),
  'staff.setRoles': channel<StaffMember>()({ input: staffRolesSchema, permission: 'staff:manage' }),
};
