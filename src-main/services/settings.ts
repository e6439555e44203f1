import {
  defaultIdleLockMinutes,
  defaultUnspentAlertMonths,
  type ChannelParsedInput,
  type DraftValues,
  type PracticeSettings,
} from '../../src-shared/contract';
import { recordAudit } from '../audit/trail';
import type { AppDatabase } from '../db/database';
import type { SessionDependencies } from './session-dependencies';

async function readSetting(db: AppDatabase, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('practice_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function readIdleLockMinutes(db: AppDatabase): Promise<number> {
  const minutes = Number(await readSetting(db, 'idle_lock_minutes'));
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= 60 ? minutes : defaultIdleLockMinutes;
}

export async function readUnspentAlertMonths(db: AppDatabase): Promise<number> {
  const months = Number(await readSetting(db, 'unspent_alert_months'));
  return Number.isInteger(months) && months >= 1 && months <= 12 ? months : defaultUnspentAlertMonths;
}

export async function getSettings({ db }: SessionDependencies): Promise<PracticeSettings> {
  return {
    practiceName: (await readSetting(db, 'practice_name')) ?? '',
    odsCode: (await readSetting(db, 'ods_code')) ?? '',
    idleLockMinutes: await readIdleLockMinutes(db),
    unspentAlertMonths: await readUnspentAlertMonths(db),
  };
}

export async function updateSettings(deps: SessionDependencies, input: ChannelParsedInput<'settings.update'>): Promise<PracticeSettings> {
  const { db, clock, user } = deps;
  const before = await readIdleLockMinutes(db);
  const unspentBefore = await readUnspentAlertMonths(db);
  const write = (trx: AppDatabase, key: string, value: number) =>
    trx.insertInto('practice_setting').values({ key, value: String(value) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) })).execute();
  await db.transaction().execute(async (trx) => {
    await write(trx, 'idle_lock_minutes', input.idleLockMinutes);
    const changes = [`Automatic lock changed from ${before} to ${input.idleLockMinutes} minutes`];
    if (input.unspentAlertMonths !== undefined) {
      await write(trx, 'unspent_alert_months', input.unspentAlertMonths);
      changes.push(`unspent budget alert changed from ${unspentBefore} to ${input.unspentAlertMonths} months`);
    }
    await recordAudit(trx, clock, { user, action: 'settings', channel: 'settings.update', detail: changes.join('; ') });
  });
  return getSettings(deps);
}

/** Drafts belong to one member of staff: nobody else ever reads them. */
export async function saveDraft({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'drafts.save'>): Promise<null> {
  const savedAt = clock.now().toISOString();
  const valuesJson = JSON.stringify(input.values);
  await db
    .insertInto('draft')
    .values({ user_id: user.id, key: input.key, values_json: valuesJson, saved_at: savedAt })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ values_json: valuesJson, saved_at: savedAt }))
    .execute();
  return null;
}

export async function getDraft(
  { db, user }: SessionDependencies,
  input: ChannelParsedInput<'drafts.get'>,
): Promise<{ values: DraftValues; savedAt: string } | null> {
  const row = await db.selectFrom('draft').select(['values_json', 'saved_at']).where('user_id', '=', user.id).where('key', '=', input.key).executeTakeFirst();
  return row ? { values: JSON.parse(row.values_json) as DraftValues, savedAt: row.saved_at } : null;
}

export async function discardDraft({ db, user }: SessionDependencies, input: ChannelParsedInput<'drafts.discard'>): Promise<null> {
  await db.deleteFrom('draft').where('user_id', '=', user.id).where('key', '=', input.key).execute();
  return null;
}
