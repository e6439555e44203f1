import { get } from 'react-hook-form';
import { z } from 'zod';
import {
  budgetSchema,
  fundingPartSchema,
  holdingSchema,
  supportCostSchema,
  supportItemSchema,
  type Budget,
  type CostFrequency,
  type DirectPaymentRecipient,
  type Funder,
  type FundingPart,
  type Holding,
  type HoldingKind,
  type MonitoringFrequency,
  type SupportCategory,
  type SupportCost,
  type SupportItem,
} from '../../../src-shared/contract';
import { hundredthsAsText, parseHundredths, parsePence, penceAsText, penceOrNaN } from '../../../src-shared/domain/money-text';

/*
 * The budget editor's form holds what is typed: money and quantities as text, each choice as the
 * radio or select left it, every way of holding money with all its fields (so switching between
 * them loses nothing). The form mirrors the Budget's shape field for field, so the contract's
 * schema checks the converted values and its error paths are the form's own field names.
 */

/** For an item, 'part' is "the same as its funding part" (no holding of its own). */
export type HoldingChoice = '' | 'part' | HoldingKind;

export interface HoldingFormValues {
  kind: HoldingChoice;
  organisation: string;
  contact: string;
  agreementDate: string;
  recipient: '' | DirectPaymentRecipient;
  recipientName: string;
  separateAccountConfirmed: boolean;
  monitoring: MonitoringFrequency;
}

export interface PartFormValues {
  id: string;
  funder: '' | Funder;
  amountPence: string;
  holding: HoldingFormValues;
}

export interface CostFormValues {
  kind: '' | SupportCost['kind'];
  amountPence: string;
  unitCostPence: string;
  quantityHundredths: string;
  unit: string;
  per: '' | CostFrequency;
}

export interface ItemFormValues {
  id: string;
  category: '' | SupportCategory;
  description: string;
  provider: string;
  goalIds: string[];
  partId: string;
  holding: HoldingFormValues;
  cost: CostFormValues;
  justification: string;
}

export interface BudgetFormValues {
  indicativePence: string;
  indicativeSetBy: string;
  indicativeMethod: string;
  agreedPence: string;
  periodStart: string;
  parts: PartFormValues[];
  items: ItemFormValues[];
}

const emptyHolding = (kind: HoldingChoice): HoldingFormValues => ({
  kind,
  organisation: '',
  contact: '',
  agreementDate: '',
  recipient: '',
  recipientName: '',
  separateAccountConfirmed: false,
  monitoring: 'quarterly',
});

export function newPart(): PartFormValues {
  return { id: crypto.randomUUID(), funder: '', amountPence: '', holding: emptyHolding('') };
}

export function newItem(partId: string): ItemFormValues {
  return {
    id: crypto.randomUUID(),
    category: '',
    description: '',
    provider: '',
    goalIds: [],
    partId,
    holding: emptyHolding('part'),
    cost: { kind: '', amountPence: '', unitCostPence: '', quantityHundredths: '', unit: '', per: '' },
    justification: '',
  };
}

function holdingToForm(holding: Holding | null): HoldingFormValues {
  if (!holding) return emptyHolding('part');
  switch (holding.kind) {
    case 'notional':
      return emptyHolding('notional');
    case 'third-party':
      return { ...emptyHolding('third-party'), organisation: holding.organisation, contact: holding.contact };
    case 'direct-payment':
      return {
        ...emptyHolding('direct-payment'),
        agreementDate: holding.agreementDate,
        recipient: holding.recipient,
        recipientName: holding.recipientName,
        separateAccountConfirmed: holding.separateAccountConfirmed,
        monitoring: holding.monitoring,
      };
  }
}

function costToForm(cost: SupportCost): CostFormValues {
  return cost.kind === 'one-off'
    ? { kind: 'one-off', amountPence: penceAsText(cost.amountPence), unitCostPence: '', quantityHundredths: '', unit: '', per: '' }
    : {
        kind: 'recurring',
        amountPence: '',
        unitCostPence: penceAsText(cost.unitCostPence),
        quantityHundredths: hundredthsAsText(cost.quantityHundredths),
        unit: cost.unit,
        per: cost.per,
      };
}

/** The form's values for a saved budget; a plan without one starts with one funding part to fill in. */
export function budgetToForm(budget: Budget | null): BudgetFormValues {
  if (!budget) {
    return { indicativePence: '', indicativeSetBy: '', indicativeMethod: '', agreedPence: '', periodStart: '', parts: [newPart()], items: [] };
  }
  return {
    indicativePence: budget.indicativePence === null ? '' : penceAsText(budget.indicativePence),
    indicativeSetBy: budget.indicativeSetBy,
    indicativeMethod: budget.indicativeMethod,
    agreedPence: budget.agreedPence === null ? '' : penceAsText(budget.agreedPence),
    periodStart: budget.periodStart,
    parts: budget.parts.map((part) => ({ id: part.id, funder: part.funder, amountPence: penceAsText(part.amountPence), holding: holdingToForm(part.holding) })),
    items: budget.items.map((item) => ({
      id: item.id,
      category: item.category,
      description: item.description,
      provider: item.provider,
      goalIds: item.goalIds,
      partId: item.partId,
      holding: holdingToForm(item.holding),
      cost: costToForm(item.cost),
      justification: item.justification,
    })),
  };
}

/* What is typed, converted for the contract's schemas. A choice not made yet is left out, so the schema says to make it. */

const chosen = <Value extends string>(value: Value | ''): Value | undefined => (value === '' ? undefined : value);

function holdingCandidate(holding: HoldingFormValues): unknown {
  switch (holding.kind) {
    case '':
      return {};
    case 'part':
      return null;
    case 'notional':
      return { kind: 'notional' };
    case 'third-party':
      return { kind: 'third-party', organisation: holding.organisation, contact: holding.contact };
    case 'direct-payment':
      return {
        kind: 'direct-payment',
        agreementDate: holding.agreementDate,
        recipient: chosen(holding.recipient),
        recipientName: holding.recipient === 'person' ? '' : holding.recipientName,
        separateAccountConfirmed: holding.separateAccountConfirmed,
        monitoring: holding.monitoring,
      };
  }
}

function costCandidate(cost: CostFormValues): unknown {
  switch (cost.kind) {
    case '':
      return {};
    case 'one-off':
      return { kind: 'one-off', amountPence: penceOrNaN(cost.amountPence) };
    case 'recurring':
      return {
        kind: 'recurring',
        unitCostPence: penceOrNaN(cost.unitCostPence),
        quantityHundredths: parseHundredths(cost.quantityHundredths) ?? Number.NaN,
        unit: cost.unit,
        per: chosen(cost.per),
      };
  }
}

const partCandidate = (part: PartFormValues) => ({ id: part.id, funder: chosen(part.funder), amountPence: penceOrNaN(part.amountPence), holding: holdingCandidate(part.holding) });

const itemCandidate = (item: ItemFormValues) => ({
  id: item.id,
  category: chosen(item.category),
  description: item.description,
  provider: item.provider,
  // One checkbox alone can come back from the form as a lone value rather than a list.
  goalIds: asList(item.goalIds),
  partId: chosen(item.partId),
  holding: holdingCandidate(item.holding),
  cost: costCandidate(item.cost),
  justification: item.justification,
});

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

const optionalPence = (text: string) => (text.trim() === '' ? null : penceOrNaN(text));

function budgetCandidate(values: BudgetFormValues) {
  return {
    indicativePence: optionalPence(values.indicativePence),
    indicativeSetBy: values.indicativeSetBy,
    indicativeMethod: values.indicativeMethod,
    agreedPence: optionalPence(values.agreedPence),
    periodStart: values.periodStart,
    parts: values.parts.map(partCandidate),
    items: values.items.map(itemCandidate),
  };
}

/**
 * The form's resolver: what is typed, converted, then checked by the contract's own budgetSchema,
 * so the rules and their words are the ones the main process applies. Every problem is reported
 * at once, each at its field.
 */
export const budgetFormSchema = z.custom<BudgetFormValues>((value) => typeof value === 'object' && value !== null).transform((values, ctx): Budget => {
  const parsed = budgetSchema.safeParse(budgetCandidate(values));
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: typedMessage(values, issue.path, issue.message), path: issue.path, input: undefined });
  return z.NEVER;
});

/** Something was typed that is not a number at all: say what a number looks like here. */
function typedMessage(values: BudgetFormValues, path: readonly PropertyKey[], message: string): string {
  const field = path.at(-1);
  const typed: unknown = get(values, path.map(String).join('.'));
  if (typeof typed !== 'string' || typed.trim() === '') return message;
  if (field === 'quantityHundredths' && parseHundredths(typed) === null) return 'Enter how many as a number, with at most 2 decimal places, like 10 or 7.5';
  if (typeof field === 'string' && field.endsWith('Pence') && parsePence(typed) === null) return `${message}, like 15.50`;
  return message;
}

export interface ReadableBudget {
  budget: Budget;
  /** Support items whose cost is not complete, so not in the totals. */
  uncounted: number;
}

/**
 * As much of the budget as can be read while it is being typed, for the live totals: every part
 * and every item whose cost is complete. For showing, never for saving.
 */
export function readableBudget(values: BudgetFormValues): ReadableBudget {
  const candidate = budgetCandidate(values);
  const shape = budgetSchema.shape;
  const value = <Output>(schema: { safeParse(input: unknown): { success: true; data: Output } | { success: false } }, input: unknown, otherwise: Output): Output => {
    const parsed = schema.safeParse(input);
    return parsed.success ? parsed.data : otherwise;
  };
  const parts: FundingPart[] = candidate.parts.flatMap((part) => {
    const parsed = fundingPartSchema.safeParse(part);
    return parsed.success ? [parsed.data] : [];
  });
  let uncounted = 0;
  const items: SupportItem[] = candidate.items.flatMap((item) => {
    const parsed = supportItemSchema.safeParse(item);
    if (parsed.success) return [parsed.data];
    const cost = supportCostSchema.safeParse(item.cost);
    if (!cost.success) {
      uncounted++;
      return [];
    }
    // Counted by its cost while its other details are still being typed.
    return [{
      id: item.id,
      category: item.category ?? 'other',
      description: item.description,
      provider: item.provider,
      goalIds: [],
      partId: item.partId ?? '',
      holding: value(holdingSchema.nullable(), item.holding, null),
      cost: cost.data,
      justification: item.justification,
    }];
  });
  return {
    budget: {
      indicativePence: value(shape.indicativePence, candidate.indicativePence, null),
      indicativeSetBy: candidate.indicativeSetBy,
      indicativeMethod: candidate.indicativeMethod,
      agreedPence: value(shape.agreedPence, candidate.agreedPence, null),
      periodStart: value(shape.periodStart, candidate.periodStart, ''),
      parts,
      items,
    },
    uncounted,
  };
}

/** An element id from a field's path: "items.0.cost.unitCostPence" → "items-0-cost-unitCostPence". */
export function fieldId(path: string): string {
  return path.replaceAll('.', '-');
}

function holdingPaths(prefix: string, holding: HoldingFormValues): string[] {
  const paths = [`${prefix}.kind`];
  if (holding.kind === 'third-party') paths.push(`${prefix}.organisation`, `${prefix}.contact`);
  if (holding.kind === 'direct-payment') paths.push(`${prefix}.agreementDate`, `${prefix}.recipient`, `${prefix}.recipientName`, `${prefix}.monitoring`);
  return paths;
}

/**
 * Every field's path in the order the page shows them, for the error summary and for placing
 * errors from the main process. A group of radios or checkboxes is one path (its first control
 * has the path's id); a choice between kinds (of holding, of cost) is reported at its `kind`.
 */
export function budgetFieldPaths(values: BudgetFormValues): string[] {
  const paths = ['indicativePence', 'indicativeSetBy', 'indicativeMethod', 'agreedPence', 'periodStart', 'parts'];
  values.parts.forEach((part, index) => {
    paths.push(`parts.${index}.funder`, `parts.${index}.amountPence`, ...holdingPaths(`parts.${index}.holding`, part.holding));
  });
  paths.push('items');
  values.items.forEach((item, index) => {
    const at = `items.${index}`;
    paths.push(`${at}.category`, `${at}.description`, `${at}.provider`, `${at}.goalIds`, `${at}.partId`, ...holdingPaths(`${at}.holding`, item.holding), `${at}.cost.kind`);
    if (item.cost.kind === 'one-off') paths.push(`${at}.cost.amountPence`);
    if (item.cost.kind === 'recurring') paths.push(`${at}.cost.unitCostPence`, `${at}.cost.quantityHundredths`, `${at}.cost.unit`, `${at}.cost.per`);
    paths.push(`${at}.justification`);
  });
  return paths;
}
