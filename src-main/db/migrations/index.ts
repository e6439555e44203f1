import type { Migration } from 'kysely/migration';
import * as initial from './0001-initial';
import * as staffAuditDrafts from './0002-staff-audit-drafts';
import * as personRecord from './0003-person-record';
import * as caseloadIndexes from './0004-caseload-indexes';
import * as carePlans from './0005-care-plans';
import * as budgets from './0006-budgets';
import * as reviews from './0007-reviews';
import * as socialPrescribing from './0008-social-prescribing';

/**
 * Every migration, in order. A static list because bundling removes folders; the name's number
 * fixes the order. Never edit or remove a migration that has shipped: add the next one.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-staff-audit-drafts': staffAuditDrafts,
  '0003-person-record': personRecord,
  '0004-caseload-indexes': caseloadIndexes,
  '0005-care-plans': carePlans,
  '0006-budgets': budgets,
  '0007-reviews': reviews,
  '0008-social-prescribing': socialPrescribing,
};
