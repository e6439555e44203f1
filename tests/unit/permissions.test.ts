import { describe, expect, it } from 'vitest';
import { permissions, permissionsFor, roleDescriptions, roleLabels, rolePermissions, roles, type Permission } from '../../src-shared/contract';

const clinical: Permission[] = ['people:read', 'people:write'];
const management: Permission[] = ['staff:manage', 'settings:manage', 'audit:read'];

describe('roles and permissions', () => {
  it('every role may use its own session (change password, lock, drafts)', () => {
    for (const role of roles) expect(rolePermissions[role], role).toContain('session');
  });

  it('an administrator manages the practice but does not see people', () => {
    expect([...rolePermissions.administrator].sort()).toEqual(['session', ...management].sort());
    for (const permission of clinical) expect(rolePermissions.administrator).not.toContain(permission);
  });

  it('link workers and nurses read and write people, and manage nothing', () => {
    for (const role of ['link-worker', 'nurse'] as const) {
      expect([...rolePermissions[role]].sort(), role).toEqual(['session', ...clinical].sort());
    }
  });

  it('a viewer reads people and writes nothing', () => {
    expect([...rolePermissions.viewer].sort()).toEqual(['people:read', 'session']);
  });

  it('nobody is granted "public" (it is not a permission to hold) and every grant is a known permission', () => {
    for (const role of roles) {
      for (const permission of rolePermissions[role]) {
        expect((permissions as readonly string[]).includes(permission), `${role}: ${permission}`).toBe(true);
      }
    }
  });

  it('permissionsFor is the union of the roles held, and empty for none', () => {
    expect(permissionsFor([])).toEqual(new Set());
    expect(permissionsFor(['administrator', 'nurse'])).toEqual(new Set(['session', ...management, ...clinical]));
    expect(permissionsFor(['viewer', 'viewer'])).toEqual(new Set(['session', 'people:read']));
    expect(permissionsFor(roles)).toEqual(new Set(permissions));
  });

  it('every role has a label and a description to show when choosing roles', () => {
    for (const role of roles) {
      expect(roleLabels[role].length, role).toBeGreaterThan(0);
      expect(roleDescriptions[role].length, role).toBeGreaterThan(0);
    }
  });
});
