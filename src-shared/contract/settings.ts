import { z } from 'zod';
import { channel } from './channel';

export interface PracticeSettings {
  practiceName: string;
  odsCode: string;
  idleLockMinutes: number;
  /** Unspent budget beyond this many months of planned spending raises an alert (a review trigger). */
  unspentAlertMonths: number;
}

export const defaultIdleLockMinutes = 10;
export const defaultUnspentAlertMonths = 3;

export const settingsSchema = z.strictObject({
  idleLockMinutes: z
    .number('Enter a number of minutes')
    .int('Enter a whole number of minutes')
    .min(1, 'PlanWell must lock after at least 1 minute')
    .max(60, 'PlanWell must lock after 60 minutes or fewer, to keep unattended screens safe'),
  /** Left out, it stays as it is. */
  unspentAlertMonths: z
    .number('Enter a number of months')
    .int('Enter a whole number of months')
    .min(1, 'The unspent money alert must be at least 1 month of planned spending')
    .max(12, 'The unspent money alert must be 12 months of planned spending or fewer')
    .optional(),
});
export type SettingsInput = z.input<typeof settingsSchema>;

/**
 * A form's unsaved input, autosaved as it is typed and kept when PlanWell locks or closes. Any
 * JSON (a plan's goals are lists of objects), bounded in size.
 */
export const draftKeySchema = z.string().min(1).max(200).regex(/^[a-z0-9:._-]+$/i, 'Not a draft name');
export const maxDraftCharacters = 500_000;
const draftValuesSchema = z
  .record(z.string().max(100), z.json())
  .refine((values) => Object.keys(values).length <= 200, 'The draft has too many fields')
  .refine((values) => JSON.stringify(values).length <= maxDraftCharacters, 'The draft is too large to keep');
export type DraftValues = z.infer<typeof draftValuesSchema>;

export const settingsChannels = {
  'settings.get': channel<PracticeSettings>()({ input: z.strictObject({}), permission: 'settings:manage' }),
  'settings.update': channel<PracticeSettings>()({ input: settingsSchema, permission: 'settings:manage' }),
  'drafts.save': channel<null>()({
    input: z.strictObject({ key: draftKeySchema, values: draftValuesSchema }),
    permission: 'session',
  }),
  'drafts.get': channel<{ values: DraftValues; savedAt: string } | null>()({
    input: z.strictObject({ key: draftKeySchema }),
    permission: 'session',
  }),
  'drafts.discard': channel<null>()({ input: z.strictObject({ key: draftKeySchema }), permission: 'session' }),
};
