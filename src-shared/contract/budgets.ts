import { z } from 'zod';
import { isoDateInLondon } from '../format';
import { channel } from './channel';

/**
 * Personal health budgets (NHS England: options for managing the money). A budget belongs to a
 * plan version and is agreed with it. Money is integer pence everywhere.
 */

export const funders = ['chc', 'section-117', 'wheelchair', 'social-care', 'education', 'other-nhs', 'other'] as const;
export type Funder = (typeof funders)[number];
export const funderLabels: Record<Funder, string> = {
  chc: 'NHS Continuing Healthcare',
  'section-117': 'Section 117 after-care',
  wheelchair: 'Personal wheelchair budget',
  'social-care': 'Social care',
  education: 'Education',
  'other-nhs': 'Other NHS funding',
  other: 'Other',
};

export const holdingKinds = ['notional', 'third-party', 'direct-payment'] as const;
export type HoldingKind = (typeof holdingKinds)[number];
export const holdingKindLabels: Record<HoldingKind, string> = {
  notional: 'Notional budget (the NHS holds the money and arranges the support)',
  'third-party': 'Third party budget (an organisation holds the money)',
  'direct-payment': 'Direct payment (money paid to the person, a representative or a nominee)',
};

export const directPaymentRecipients = ['person', 'representative', 'nominee'] as const;
export type DirectPaymentRecipient = (typeof directPaymentRecipients)[number];

export const monitoringFrequencies = ['monthly', 'quarterly', 'six-monthly', 'yearly'] as const;
export type MonitoringFrequency = (typeof monitoringFrequencies)[number];
export const monitoringMonths: Record<MonitoringFrequency, number> = { monthly: 1, quarterly: 3, 'six-monthly': 6, yearly: 12 };

export const supportCategories = [
  'personal-assistant', 'agency-care', 'therapy', 'equipment', 'assistive-technology', 'activity', 'transport', 'short-break', 'other',
] as const;
export type SupportCategory = (typeof supportCategories)[number];
export const supportCategoryLabels: Record<SupportCategory, string> = {
  'personal-assistant': 'Personal assistant',
  'agency-care': 'Agency care',
  therapy: 'Therapy',
  equipment: 'Equipment',
  'assistive-technology': 'Assistive technology',
  activity: 'Activity',
  transport: 'Transport',
  'short-break': 'Short break',
  other: 'Other',
};

export const costFrequencies = ['week', 'month', 'year'] as const;
export type CostFrequency = (typeof costFrequencies)[number];

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).default('');
const isoDate = (label: string) =>
  z.string().trim().min(1, `Enter the ${label}`).pipe(z.iso.date({ error: `The ${label} must be a real date, for example 2026-04-01`, abort: true }));
const optionalIsoDate = (label: string) =>
  z.string().trim().refine((value) => value === '' || z.iso.date().safeParse(value).success, `The ${label} must be a real date, for example 2026-04-01`).default('');

/** Up to £10 million, in whole pence. */
export const maxPence = 1_000_000_000;
export const penceSchema = (label: string) =>
  z.number(`Enter the ${label} in pounds and pence`).int(`The ${label} must be a whole number of pence`).min(0, `The ${label} cannot be negative`).max(maxPence, `The ${label} must be £10,000,000 or less`);

export const holdingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('notional') }),
  z.strictObject({
    kind: z.literal('third-party'),
    organisation: z.string().trim().min(1, 'Enter the organisation that holds the money').max(200, 'The organisation must be 200 characters or fewer'),
    contact: text('Contact', 300),
  }),
  z
    .strictObject({
      kind: z.literal('direct-payment'),
      agreementDate: optionalIsoDate('direct payment agreement date'),
      recipient: z.enum(directPaymentRecipients, 'Choose who receives the direct payment'),
      recipientName: text('Name of who receives it', 200),
      separateAccountConfirmed: z.boolean().default(false),
      monitoring: z.enum(monitoringFrequencies, 'Choose how often the direct payment is monitored').default('quarterly'),
    })
    .refine((h) => h.recipient === 'person' || h.recipientName !== '', { message: 'Enter the name of the representative or nominee', path: ['recipientName'] }),
], { error: 'Choose how the money is held' });
export type Holding = z.output<typeof holdingSchema>;

export const fundingPartSchema = z.strictObject({
  id: z.uuid(),
  funder: z.enum(funders, 'Choose who funds this part'),
  amountPence: penceSchema('amount of this part'),
  holding: holdingSchema,
});
export type FundingPart = z.output<typeof fundingPartSchema>;

export const supportCostSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('one-off'), amountPence: penceSchema('cost') }),
  z.strictObject({
    kind: z.literal('recurring'),
    unitCostPence: penceSchema('unit cost').max(100_000_000, 'The unit cost must be £1,000,000 or less'),
    /** Hundredths of a unit, so 7.5 hours is 750: no floating point anywhere. */
    quantityHundredths: z.number('Enter how many').int('Enter the quantity to two decimal places at most').min(1, 'Enter how many, more than 0').max(1_000_000, 'The quantity must be 10,000 or fewer'),
    unit: text('Unit', 40),
    per: z.enum(costFrequencies, 'Choose how often: a week, a month or a year'),
  }),
], { error: 'Choose a one-off or a recurring cost' });
export type SupportCost = z.output<typeof supportCostSchema>;

export const supportItemSchema = z.strictObject({
  id: z.uuid(),
  category: z.enum(supportCategories, 'Choose what kind of support this is'),
  description: z.string().trim().min(1, 'Describe the support').max(500, 'The description must be 500 characters or fewer'),
  provider: text('Provider', 200),
  /** The goals it serves (ids of the plan's goals). */
  goalIds: z.array(z.uuid()).max(50).default([]),
  partId: z.uuid('Choose the funding part that pays for it'),
  /** How this item's money is held, when it differs from its part's. */
  holding: holdingSchema.nullable().default(null),
  cost: supportCostSchema,
  /** Why an item that matches a restriction is still right for this person. */
  justification: text('Justification', 2000),
});
export type SupportItem = z.output<typeof supportItemSchema>;

export const budgetSchema = z
  .strictObject({
    indicativePence: penceSchema('indicative amount').nullable().default(null),
    indicativeSetBy: text('Who set the indicative amount', 200),
    indicativeMethod: text('How the indicative amount was set', 500),
    agreedPence: penceSchema('agreed amount').nullable().default(null),
    periodStart: optionalIsoDate('start of the budget year'),
    parts: z.array(fundingPartSchema).max(10, 'A budget can have at most 10 funding parts').default([]),
    items: z.array(supportItemSchema).max(200, 'A budget can have at most 200 support items').default([]),
  })
  .superRefine((budget, ctx) => {
    const partIds = new Set(budget.parts.map((p) => p.id));
    budget.items.forEach((item, index) => {
      if (!partIds.has(item.partId)) ctx.addIssue({ code: 'custom', message: 'Choose the funding part that pays for it', path: ['items', index, 'partId'] });
    });
  });
export type BudgetInput = z.input<typeof budgetSchema>;
export type Budget = z.output<typeof budgetSchema>;

/** A kind of purchase a personal health budget cannot make; a list administrators keep. */
export interface SpendingRestriction {
  code: string;
  label: string;
  /** Words or phrases that, found in a support item, flag it. */
  keywords: string[];
  active: boolean;
}

export const restrictionSchema = z.strictObject({
  code: z.string().trim().max(64).optional(),
  label: z.string().trim().min(1, 'Enter what cannot be bought').max(200, 'The description must be 200 characters or fewer'),
  keywords: z
    .array(z.string().trim().toLowerCase().min(2, 'Each word must be 2 characters or more').max(60, 'Each word must be 60 characters or fewer'))
    .min(1, 'Enter at least one word that flags it')
    .max(40, 'Enter at most 40 words'),
  active: z.boolean().default(true),
});

export interface Spend {
  id: string;
  itemId: string;
  spentOn: string;
  amountPence: number;
  payee: string;
  reference: string;
  receipt: { name: string; type: string; bytes: number } | null;
  recordedByName: string | null;
  recordedAt: string;
}

export interface BudgetAlert {
  kind: 'overspend' | 'underspend' | 'monitoring-due';
  message: string;
}

export interface MonthlyPlannedActual {
  /** "2026-04" */
  month: string;
  plannedPence: number;
  actualPence: number;
}

export interface BudgetSummary {
  planId: string;
  planVersion: number;
  budget: Budget;
  periodStart: string;
  periodEnd: string;
  spends: Spend[];
  spentPence: number;
  /** The agreed amount (or the plan's yearly cost without one) less what has been spent this year. */
  balancePence: number;
  plannedToDatePence: number;
  byMonth: MonthlyPlannedActual[];
  byItem: { itemId: string; description: string; plannedToDatePence: number; actualPence: number }[];
  alerts: BudgetAlert[];
  lastMonitoredOn: string | null;
}

export const maxReceiptBytes = 5 * 1024 * 1024;
export const receiptTypes = ['image/png', 'image/jpeg', 'application/pdf'] as const;

export const recordSpendSchema = z.strictObject({
  personId: z.uuid('Person not recognised'),
  itemId: z.uuid('Choose the support item this was spent on'),
  spentOn: isoDate('date of the payment').refine((date) => date <= isoDateInLondon(new Date()), 'The date of the payment must be today or in the past'),
  amountPence: penceSchema('amount').min(1, 'Enter an amount more than £0'),
  payee: z.string().trim().min(1, 'Enter who was paid').max(200, 'The payee must be 200 characters or fewer'),
  reference: text('Reference', 100),
  receipt: z
    .strictObject({
      // No control or direction-changing characters: "receipt\u202Efdp.exe" must not pass for a PDF.
      name: z.string().trim().min(1).max(200, 'The file name must be 200 characters or fewer').regex(/^[^\p{Cc}\p{Cf}]+$/u, 'The file name has characters a file name cannot have'),
      type: z.enum(receiptTypes, 'A receipt must be a photo (PNG or JPEG) or a PDF'),
      /** The file, base64: the largest allowed file is about 6.7 million characters. */
      base64: z.base64('The receipt could not be read').max(Math.ceil(maxReceiptBytes / 3) * 4, 'A receipt must be 5 MB or smaller'),
    })
    .nullable()
    .default(null),
});
export type RecordSpendInput = z.input<typeof recordSpendSchema>;

export const recordMonitoringSchema = z.strictObject({
  personId: z.uuid('Person not recognised'),
  checkedOn: isoDate('date of the check').refine((date) => date <= isoDateInLondon(new Date()), 'The date of the check must be today or in the past'),
  notes: text('Notes', 2000),
});

const planId = z.uuid('Plan not recognised');
const personId = z.uuid('Person not recognised');

export const budgetsChannels = {
  /** The budget part of a draft plan; agreed with the plan. */
  'plans.saveBudget': channel<{ rowVersion: number; budget: Budget }>()({
    input: z.strictObject({ planId, rowVersion: z.number().int().min(1), budget: budgetSchema }),
    permission: 'people:write',
  }),
  /** The agreed budget in use, with spending, balance, planned against actual, and alerts. Null without one. */
  'budgets.summary': channel<BudgetSummary | null>()({ input: z.strictObject({ personId }), permission: 'people:read' }),
  'budgets.recordSpend': channel<BudgetSummary>()({ input: recordSpendSchema, permission: 'people:write' }),
  'budgets.receipt': channel<{ name: string; type: string; base64: string }>()({
    input: z.strictObject({ spendId: z.uuid('Payment not recognised') }),
    permission: 'people:read',
  }),
  'budgets.recordMonitoring': channel<BudgetSummary>()({ input: recordMonitoringSchema, permission: 'people:write' }),
  'restrictions.list': channel<SpendingRestriction[]>()({ input: z.strictObject({}), permission: 'session' }),
  'restrictions.save': channel<SpendingRestriction[]>()({ input: restrictionSchema, permission: 'settings:manage' }),
};
