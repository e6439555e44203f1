import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  budgetSchema,
  maxReceiptBytes,
  monitoringMonths,
  type Budget,
  type BudgetAlert,
  type BudgetSummary,
  type ChannelParsedInput,
  type Spend,
  type SpendingRestriction,
} from '../../src-shared/contract';
import { budgetTotals, effectiveHolding } from '../../src-shared/domain/budget-costs';
import { addDays, addMonths, daysBetween } from '../../src-shared/domain/calendar';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { formatDate, formatPence, isoDateInLondon } from '../../src-shared/format';
import { recordAudit } from '../audit/trail';
import type { AppDatabase } from '../db/database';
import { AppError, conflict, notFound } from '../ipc/errors';
import { loadPerson } from './people';
import { requireDraft } from './plan-drafts';
import { readUnspentAlertMonths } from './settings';
import type { SessionDependencies } from './session-dependencies';

/**
 * Personal health budgets: the budget part of a draft plan, and — once agreed — spending against
 * it, the balance, planned against actual, and the alerts that trigger a review. Money is integer
 * pence; every sum here is of integers.
 */

export async function saveBudget({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'plans.saveBudget'>): Promise<{ rowVersion: number; budget: Budget }> {
  return db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, input.planId, input.rowVersion);
    const plan = await trx.selectFrom('care_plan').select('content_json').where('id', '=', input.planId).executeTakeFirstOrThrow();
    const goalIds = new Set((JSON.parse(plan.content_json) as { goals?: { id: string }[] }).goals?.map((g) => g.id) ?? []);
    const unknownGoal = input.budget.items.findIndex((item) => item.goalIds.some((id) => !goalIds.has(id)));
    if (unknownGoal >= 0) {
      throw new AppError('INVALID_INPUT', 'Link support only to goals in this plan.', [{ path: `budget.items.${unknownGoal}.goalIds`, message: 'Choose goals from this plan' }]);
    }
    const ids = [...input.budget.parts, ...input.budget.items].map((x) => x.id);
    if (new Set(ids).size !== ids.length) throw new AppError('INVALID_INPUT', 'Each funding part and support item must be listed once.');
    await trx
      .updateTable('care_plan')
      .set({ budget_json: JSON.stringify(input.budget), updated_at: clock.now().toISOString(), updated_by: user.id, row_version: sql`row_version + 1` })
      .where('id', '=', input.planId)
      .execute();
    await recordAudit(trx, clock, { user, action: 'update', channel: 'plans.saveBudget', personId: row.person_id, detail: `Saved the budget of draft plan version ${row.version}` });
    return { rowVersion: input.rowVersion + 1, budget: input.budget };
  });
}

export async function listRestrictions({ db }: SessionDependencies): Promise<SpendingRestriction[]> {
  return readRestrictions(db);
}

export async function readRestrictions(db: AppDatabase): Promise<SpendingRestriction[]> {
  const rows = await db.selectFrom('spending_restriction').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, label: r.label, keywords: JSON.parse(r.keywords_json) as string[], active: r.active === 1 }));
}

/** Adds a restriction, or changes one (named by its code). */
export async function saveRestriction({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'restrictions.save'>): Promise<SpendingRestriction[]> {
  await db.transaction().execute(async (trx) => {
    const keywords = JSON.stringify([...new Set(input.keywords)]);
    if (input.code) {
      const existing = await trx.selectFrom('spending_restriction').select('code').where('code', '=', input.code).executeTakeFirst();
      if (!existing) throw notFound('That restriction is not in PlanWell.');
      await trx.updateTable('spending_restriction').set({ label: input.label, keywords_json: keywords, active: input.active ? 1 : 0 }).where('code', '=', input.code).execute();
    } else {
      const code = `local-${foldForSearch(input.label).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || randomUUID().slice(0, 8)}`;
      if (await trx.selectFrom('spending_restriction').select('code').where((eb) => eb.or([eb('code', '=', code), eb('label', '=', input.label)])).executeTakeFirst()) {
        throw conflict('There is already a restriction with that description.', [{ path: 'label', message: 'There is already a restriction with that description' }]);
      }
      const last = await trx.selectFrom('spending_restriction').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
      await trx.insertInto('spending_restriction').values({ code, label: input.label, keywords_json: keywords, active: input.active ? 1 : 0, sort_order: Number(last?.n ?? 0) + 10 }).execute();
    }
    await recordAudit(trx, clock, { user, action: 'settings', channel: 'restrictions.save', detail: `${input.code ? 'Changed' : 'Added'} spending restriction "${input.label}"` });
  });
  return readRestrictions(db);
}

/** a × b / c, rounded half up, for non-negative integers. */
function scale(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (BigInt(c) * 2n));
}

/** The budget year (start + 12 months) that holds `today`, counting whole years from the start. */
export function budgetYear(start: string, today: string): { start: string; end: string } {
  let from = start;
  if (today >= start) {
    while (addMonths(from, 12) <= today) from = addMonths(from, 12);
  }
  return { start: from, end: addDays(addMonths(from, 12), -1) };
}

async function agreedBudget(db: AppDatabase, personId: string) {
  const row = await db
    .selectFrom('care_plan')
    .select(['id', 'version', 'budget_json', 'agreed_on'])
    .where('person_id', '=', personId)
    .where('status', '=', 'agreed')
    .executeTakeFirst();
  if (!row?.budget_json) return null;
  return { planId: row.id, version: row.version, agreedOn: row.agreed_on ?? '', budget: budgetSchema.parse(JSON.parse(row.budget_json)) };
}

export async function budgetSummary(deps: SessionDependencies, input: ChannelParsedInput<'budgets.summary'>): Promise<BudgetSummary | null> {
  await loadPerson(deps.db, input.personId);
  return summarise(deps.db, input.personId, isoDateInLondon(deps.clock.now()));
}

/** Everything the budget page shows, worked out for `today`. */
export async function summarise(db: AppDatabase, personId: string, today: string): Promise<BudgetSummary | null> {
  const agreed = await agreedBudget(db, personId);
  if (!agreed) return null;
  const { budget } = agreed;
  const year = budgetYear(budget.periodStart || agreed.agreedOn, today);
  const totals = budgetTotals(budget);
  const rows = await db
    .selectFrom('budget_spend')
    .leftJoin('staff_user', 'staff_user.id', 'budget_spend.created_by')
    .select([
      'budget_spend.id', 'item_id', 'spent_on', 'amount_pence', 'payee', 'reference', 'receipt_name', 'receipt_type',
      sql<number | null>`length(receipt)`.as('receipt_bytes'), 'budget_spend.created_at', 'staff_user.full_name',
    ])
    .where('person_id', '=', personId)
    .where('spent_on', '>=', year.start)
    .where('spent_on', '<=', year.end)
    .orderBy('spent_on', 'desc')
    .orderBy('budget_spend.created_at', 'desc')
    .execute();
  const spends: Spend[] = rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    spentOn: r.spent_on,
    amountPence: r.amount_pence,
    payee: r.payee,
    reference: r.reference,
    receipt: r.receipt_name && r.receipt_type ? { name: r.receipt_name, type: r.receipt_type, bytes: r.receipt_bytes ?? 0 } : null,
    recordedByName: r.full_name,
    recordedAt: r.created_at,
  }));
  const spentPence = spends.reduce((sum, s) => sum + s.amountPence, 0);
  const yearDays = daysBetween(year.start, year.end) + 1;
  const elapsedDays = Math.min(yearDays, Math.max(0, daysBetween(year.start, today) + 1));
  // Recurring support is planned evenly through the year; one-off costs from the first day.
  const plannedToDate = (costs: { year: number; oneOff: number }) => scale(costs.year, elapsedDays, yearDays) + costs.oneOff;
  const plannedToDatePence = plannedToDate(totals.total);

  const byMonth: BudgetSummary['byMonth'] = [];
  for (let month = 0; month < 12; month++) {
    const key = addMonths(year.start, month).slice(0, 7);
    byMonth.push({
      month: key,
      plannedPence: totals.total.month + (month === 0 ? totals.total.oneOff : 0),
      actualPence: spends.filter((s) => s.spentOn.startsWith(key)).reduce((sum, s) => sum + s.amountPence, 0),
    });
  }
  const byItem = budget.items.map((item) => ({
    itemId: item.id,
    description: item.description,
    plannedToDatePence: plannedToDate(totals.byItem.get(item.id) ?? { year: 0, oneOff: 0 }),
    actualPence: spends.filter((s) => s.itemId === item.id).reduce((sum, s) => sum + s.amountPence, 0),
  }));

  const alerts: BudgetAlert[] = [];
  const allowance = budget.agreedPence ?? totals.yearWithOneOffs;
  if (spentPence > allowance) {
    alerts.push({ kind: 'overspend', message: `Overspent: ${formatPence(spentPence)} has been spent this budget year, more than the ${formatPence(allowance)} agreed.` });
  } else if (spentPence > plannedToDatePence) {
    alerts.push({ kind: 'overspend', message: `Spending is ahead of plan: ${formatPence(spentPence)} spent so far, against ${formatPence(plannedToDatePence)} planned by now.` });
  }
  const thresholdMonths = await readUnspentAlertMonths(db);
  const unspent = plannedToDatePence - spentPence;
  const threshold = totals.total.month * thresholdMonths;
  if (totals.total.month > 0 && unspent > threshold) {
    alerts.push({
      kind: 'underspend',
      message: `Unspent money is building up: ${formatPence(unspent)} planned by now has not been spent, more than ${thresholdMonths} months of planned spending (${formatPence(threshold)}). Review the budget with them.`,
    });
  }
  const monitoring = await db.selectFrom('budget_monitoring').select('checked_on').where('person_id', '=', personId).orderBy('checked_on', 'desc').limit(1).executeTakeFirst();
  const directPayments = budget.items
    .map((item) => effectiveHolding(item, budget.parts))
    .concat(budget.parts.map((part) => part.holding))
    .flatMap((holding) => (holding?.kind === 'direct-payment' ? [monitoringMonths[holding.monitoring]] : []));
  if (directPayments.length > 0) {
    const since = monitoring?.checked_on ?? agreed.agreedOn;
    const due = addMonths(since, Math.min(...directPayments));
    if (due <= today) alerts.push({ kind: 'monitoring-due', message: `Direct payment monitoring was due on ${formatDate(due)}.` });
  }

  return {
    planId: agreed.planId,
    planVersion: agreed.version,
    budget,
    periodStart: year.start,
    periodEnd: year.end,
    spends,
    spentPence,
    balancePence: allowance - spentPence,
    plannedToDatePence,
    byMonth,
    byItem,
    alerts,
    lastMonitoredOn: monitoring?.checked_on ?? null,
  };
}

const receiptSignatures: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

export async function recordSpend(deps: SessionDependencies, input: ChannelParsedInput<'budgets.recordSpend'>): Promise<BudgetSummary> {
  const { db, user, clock } = deps;
  const today = isoDateInLondon(clock.now());
  let receipt: Buffer | null = null;
  if (input.receipt) {
    receipt = Buffer.from(input.receipt.base64, 'base64');
    if (receipt.length === 0) throw new AppError('INVALID_INPUT', 'The receipt file is empty.', [{ path: 'receipt', message: 'The receipt file is empty' }]);
    if (receipt.length > maxReceiptBytes) throw new AppError('INVALID_INPUT', 'A receipt must be 5 MB or smaller.', [{ path: 'receipt', message: 'A receipt must be 5 MB or smaller' }]);
    if (!receiptSignatures[input.receipt.type]?.(receipt)) {
      throw new AppError('INVALID_INPUT', 'The receipt is not the photo or PDF it says it is.', [{ path: 'receipt', message: 'Choose a PNG or JPEG photo, or a PDF' }]);
    }
  }
  return db.transaction().execute(async (trx) => {
    await loadPerson(trx, input.personId);
    const agreed = await agreedBudget(trx, input.personId);
    if (!agreed) throw conflict('They have no agreed budget to record spending against.');
    if (!agreed.budget.items.some((item) => item.id === input.itemId)) {
      throw new AppError('INVALID_INPUT', 'Choose a support item from their agreed budget.', [{ path: 'itemId', message: 'Choose a support item from their agreed budget' }]);
    }
    if (input.spentOn > today) throw new AppError('INVALID_INPUT', 'The date of the payment must be today or in the past.', [{ path: 'spentOn', message: 'The date of the payment must be today or in the past' }]);
    await trx
      .insertInto('budget_spend')
      .values({
        id: randomUUID(), person_id: input.personId, plan_id: agreed.planId, item_id: input.itemId, spent_on: input.spentOn, amount_pence: input.amountPence,
        payee: input.payee, reference: input.reference, receipt, receipt_name: input.receipt?.name ?? null, receipt_type: input.receipt?.type ?? null,
        created_at: clock.now().toISOString(), created_by: user.id,
      })
      .execute();
    await recordAudit(trx, clock, {
      user, action: 'create', channel: 'budgets.recordSpend', personId: input.personId,
      detail: `Recorded a payment of ${formatPence(input.amountPence)}${receipt ? ' with a receipt' : ''}`,
    });
    const summary = await summarise(trx, input.personId, today);
    if (!summary) throw new Error('The agreed budget disappeared while recording a payment');
    return summary;
  });
}

export async function getReceipt({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'budgets.receipt'>): Promise<{ name: string; type: string; base64: string }> {
  const row = await db.selectFrom('budget_spend').select(['person_id', 'receipt', 'receipt_name', 'receipt_type']).where('id', '=', input.spendId).executeTakeFirst();
  if (!row?.receipt || !row.receipt_name || !row.receipt_type) throw notFound('That payment has no receipt.');
  await recordAudit(db, clock, { user, action: 'view', channel: 'budgets.receipt', personId: row.person_id, detail: 'Opened a receipt' });
  return { name: row.receipt_name, type: row.receipt_type, base64: Buffer.from(row.receipt).toString('base64') };
}

export async function recordMonitoring(deps: SessionDependencies, input: ChannelParsedInput<'budgets.recordMonitoring'>): Promise<BudgetSummary> {
  const { db, user, clock } = deps;
  const today = isoDateInLondon(clock.now());
  return db.transaction().execute(async (trx) => {
    await loadPerson(trx, input.personId);
    const agreed = await agreedBudget(trx, input.personId);
    if (!agreed) throw conflict('They have no agreed budget to monitor.');
    if (input.checkedOn > today) throw new AppError('INVALID_INPUT', 'The date of the check must be today or in the past.', [{ path: 'checkedOn', message: 'The date of the check must be today or in the past' }]);
    await trx
      .insertInto('budget_monitoring')
      .values({ id: randomUUID(), person_id: input.personId, plan_id: agreed.planId, checked_on: input.checkedOn, notes: input.notes, created_at: clock.now().toISOString(), created_by: user.id })
      .execute();
    await recordAudit(trx, clock, { user, action: 'create', channel: 'budgets.recordMonitoring', personId: input.personId, detail: `Recorded direct payment monitoring on ${formatDate(input.checkedOn)}` });
    const summary = await summarise(trx, input.personId, today);
    if (!summary) throw new Error('The agreed budget disappeared while recording monitoring');
    return summary;
  });
}
