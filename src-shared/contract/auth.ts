import { z } from 'zod';
import { passwordProblem, passwordProblemMessages } from '../domain/password-policy';
import { channel } from './channel';

import type { Permission, Role } from './permissions';

export interface SignedInUser {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
}

export type AppState =
  | { state: 'needs-setup' }
  | { state: 'unavailable'; message: string }
  | { state: 'signed-out'; practiceName: string }
  | { state: 'locked'; practiceName: string; user: SignedInUser }
  | {
      state: 'signed-in';
      practiceName: string;
      user: SignedInUser;
      /** What this user's roles allow; the renderer hides the rest (the main process refuses it). */
      permissions: Permission[];
      recoveryCodeConfirmed: boolean;
      /** Signed in with a one-time password: nothing else until they choose their own. */
      mustChangePassword: boolean;
      /** Minutes without input before PlanWell locks itself. */
      idleLockMinutes: number;
    };

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Username must be at least 3 characters')
  .max(64, 'Username must be 64 characters or fewer')
  .regex(/^[a-z0-9._-]+$/, 'Username can only use letters, numbers, dots, hyphens and underscores');

/** A password being typed to log in: any length, so the answer never hints at the rules. */
const enteredPasswordSchema = z
  .string()
  .min(1, 'Enter your password')
  .max(1024, 'Password is too long');

/**
 * A new password with its confirmation, checked against NCSC-style rules. The username is
 * passed in so the rule "must not contain your username" can be checked in the same schema.
 */
export function withNewPassword<Shape extends z.ZodRawShape>(shape: Shape, usernameKey?: keyof Shape) {
  return z
    .strictObject({
      ...shape,
      password: z.string().max(1024, 'Password is too long'),
      confirmPassword: z.string(),
    })
    .superRefine((value, ctx) => {
      const record = value as Record<string, unknown>;
      const username = usernameKey ? String(record[usernameKey as string] ?? '') : undefined;
      const problem = passwordProblem(String(record.password), username);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['password'], message: passwordProblemMessages[problem] });
      }
      if (record.password !== record.confirmPassword) {
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Passwords do not match' });
      }
    });
}

export const createPracticeSchema = withNewPassword(
  {
    practiceName: z.string().trim().min(1, 'Enter the practice name').max(200, 'Practice name must be 200 characters or fewer'),
    odsCode: z
      .string()
      .trim()
      .toUpperCase()
      .max(10, 'ODS code must be 10 characters or fewer')
      .regex(/^[A-Z0-9]*$/, 'ODS code can only use letters and numbers, for example A81001'),
    fullName: z.string().trim().min(1, 'Enter your full name').max(200, 'Full name must be 200 characters or fewer'),
    username: usernameSchema,
    /** Clinical roles the first administrator also holds (a small practice's manager may see patients too). */
    clinicalRoles: z
      .array(z.enum(['link-worker', 'nurse']))
      .max(2)
      .refine((list) => new Set(list).size === list.length, 'Each role can be chosen once')
      .default([]),
  },
  'username',
);
export type CreatePracticeInput = z.input<typeof createPracticeSchema>;

export const logInSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, 'Enter your username').max(64, 'Username must be 64 characters or fewer'),
  password: enteredPasswordSchema,
});
export type LogInInput = z.input<typeof logInSchema>;

/**
 * Recovery codes are typed from paper: case, spaces and hyphens do not matter, and the letters
 * the code never uses are read as the digits they look like (Crockford's base32).
 */
export const recoveryCodeSchema = z
  .string()
  .max(100, 'Enter the 25-character recovery code')
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'))
  .pipe(z.string().regex(/^[0-9A-Z]{25}$/, 'Enter the 25-character recovery code, for example ABCDE-FGHJK-MNPQR-STVWX-YZ234'));

export const recoverSchema = withNewPassword(
  {
    recoveryCode: recoveryCodeSchema,
    username: z.string().trim().toLowerCase().min(1, 'Enter the administrator username').max(64, 'Username must be 64 characters or fewer'),
  },
  'username',
);
export type RecoverInput = z.input<typeof recoverSchema>;

export const unlockSchema = z.strictObject({ password: enteredPasswordSchema });
export type UnlockInput = z.input<typeof unlockSchema>;

/** Changing your own password: the current one proves it is you at the keyboard. */
export const changePasswordSchema = withNewPassword({ currentPassword: enteredPasswordSchema });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

const noInput = z.strictObject({});

export const authChannels = {
  'app.status': channel<AppState>()({ input: noInput, permission: 'public', allowedWhenLocked: true }),
  'setup.createPractice': channel<{ recoveryCode: string; user: SignedInUser }>()({
    input: createPracticeSchema,
    permission: 'public',
  }),
  'setup.confirmRecoveryCode': channel<null>()({ input: noInput, permission: 'staff:manage' }),
  /** Makes a new recovery code (the old one stops working). */
  'setup.replaceRecoveryCode': channel<{ recoveryCode: string }>()({ input: noInput, permission: 'staff:manage' }),
  'auth.logIn': channel<SignedInUser>()({ input: logInSchema, permission: 'public' }),
  'auth.recover': channel<SignedInUser>()({ input: recoverSchema, permission: 'public' }),
  'auth.lock': channel<null>()({ input: noInput, permission: 'session' }),
  'auth.changePassword': channel<null>()({ input: changePasswordSchema, permission: 'session' }),
  /** The page tells the main process someone is still using it; the main process locks if it stops hearing. */
  'session.activity': channel<null>()({ input: noInput, permission: 'session' }),
  'auth.unlock': channel<SignedInUser>()({ input: unlockSchema, permission: 'public', allowedWhenLocked: true }),
  'auth.logOut': channel<null>()({ input: noInput, permission: 'public', allowedWhenLocked: true }),
};
