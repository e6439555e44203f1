import type { AppDatabase } from '../db/database';
import { conflict, notFound } from '../ipc/errors';

/** The one rule every change to a plan version goes through: only the draft the caller last saw. */

export const staleVersion = () =>
  conflict('Someone else has changed this plan since you opened it. Reload it to see their changes, then make yours again.');

export const agreedIsFinal = () =>
  conflict('This version of the plan has been agreed and cannot be changed. Start a new draft from it to make changes.');

/** The draft row, refusing anything that is not the same draft the caller last saw. */
export async function requireDraft(trx: AppDatabase, planId: string, rowVersion: number) {
  const row = await trx.selectFrom('care_plan').select(['person_id', 'version', 'status', 'row_version']).where('id', '=', planId).executeTakeFirst();
  if (!row) throw notFound('That plan is not in PlanWell.');
  if (row.status !== 'draft') throw agreedIsFinal();
  if (row.row_version !== rowVersion) throw staleVersion();
  return row;
}

