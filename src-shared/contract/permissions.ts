/**
 * Roles and what each may do. The main process enforces this on every call (the dispatcher denies
 * by default); the renderer uses the same table only to hide what a role cannot do.
 */
export const roles = ['administrator', 'link-worker', 'nurse', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  administrator: 'Administrator (practice manager)',
  'link-worker': 'Social prescribing link worker',
  nurse: 'Nurse or care coordinator',
  viewer: 'Viewer (read plans and budgets)',
};

export const roleDescriptions: Record<Role, string> = {
  administrator: 'Staff accounts, settings, reports and the audit trail. Cannot see patients unless also given a clinical role.',
  'link-worker': 'The caseload, conversations, plans, budgets and social prescribing.',
  nurse: 'Reviews, plans and budgets.',
  viewer: 'Reads plans and budgets, for example a GP.',
};

/**
 * `public`: set-up, log-in and status. `session`: anyone signed in, even before they have
 * replaced a one-time password (change password, lock, log out, drafts). The rest need a role.
 */
export const permissions = [
  'session',
  'people:read',
  'people:write',
  'staff:manage',
  'settings:manage',
  'audit:read',
] as const;
export type Permission = 'public' | (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: ['session', 'staff:manage', 'settings:manage', 'audit:read'],
  'link-worker': ['session', 'people:read', 'people:write'],
  nurse: ['session', 'people:read', 'people:write'],
  viewer: ['session', 'people:read'],
};

export function permissionsFor(userRoles: readonly Role[]): Set<Permission> {
  return new Set(userRoles.flatMap((role) => rolePermissions[role]));
}
