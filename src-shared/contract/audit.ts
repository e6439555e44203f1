import { z } from 'zod';
import { channel } from './channel';
import { nhsNumberSchema } from './people';

/** Plain words for each action, for the audit screen and its filter. */
export const auditActionLabels: Record<string, string> = {
  'set-up': 'Set up PlanWell',
  'log-in': 'Logged in',
  'log-in-failed': 'Failed log-in',
  'log-out': 'Logged out',
  lock: 'Locked',
  unlock: 'Unlocked',
  recovery: 'Used the recovery code',
  'password-change': 'Changed own password',
  view: 'Viewed a record',
  create: 'Added',
  update: 'Changed',
  delete: 'Deleted',
  export: 'Exported',
  print: 'Printed',
  'user-admin': 'Staff administration',
  settings: 'Settings',
  'audit-check': 'Checked the audit trail',
};

export const auditActions = [
  'set-up',
  'log-in',
  'log-in-failed',
  'log-out',
  'lock',
  'unlock',
  'recovery',
  'password-change',
  'view',
  'create',
  'update',
  'delete',
  'export',
  'print',
  'user-admin',
  'settings',
  'audit-check',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEvent {
  seq: number;
  at: string;
  userId: string | null;
  userName: string | null;
  roles: string;
  action: AuditAction;
  channel: string | null;
  personId: string | null;
  personName: string | null;
  outcome: 'success' | 'failure';
  detail: string;
}

export type AuditIntegrity =
  | { intact: true; events: number }
  | { intact: false; firstBrokenSeq: number; reason: string };

const isoDate = z.iso.date('Enter a real date, for example 2026-11-24');

export const auditFilterSchema = z
  .strictObject({
    personId: z.uuid('Person not recognised').optional(),
    /** Administrators find a person's events by NHS number: they may not be allowed to search people. */
    nhsNumber: nhsNumberSchema.optional(),
    userId: z.uuid('Staff member not recognised').optional(),
    action: z.enum(auditActions).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The start date must be on or before the end date', path: ['to'] });
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditListSchema = z.strictObject({
  filter: auditFilterSchema.default({}),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(100_000_000).default(0),
});

/** The most rows one CSV export holds; a narrower filter gets the rest. */
export const auditExportLimit = 200_000;

export const auditChannels = {
  'audit.list': channel<{ events: AuditEvent[]; total: number }>()({ input: auditListSchema, permission: 'audit:read' }),
  'audit.verify': channel<AuditIntegrity>()({ input: z.strictObject({}), permission: 'audit:read' }),
  'audit.exportCsv': channel<{ csv: string; fileName: string; rows: number; truncated: boolean }>()({
    input: z.strictObject({ filter: auditFilterSchema.default({}) }),
    permission: 'audit:read',
  }),
};
