import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetInput, CarePlan, Person } from '../../src-shared/contract';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, switchUser, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';

/**
 * Personal health budgets (issue 6) through the dispatcher over a real encrypted database: the
 * budget agreed with its plan, restricted spending, spending with receipts, and a simulated year
 * of spending that builds up an underspend.
 */

let template: PracticeTemplate;
beforeAll(async () => {
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'], staff: [{ username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] }] });
});
afterAll(() => template.remove());

const nextNhsNumber = nhsNumberSource('999222');
let clock: RecordingClock;
let practice: PracticeFixture;
beforeEach(async () => {
  clock = new RecordingClock(new Date('2026-04-01T09:00:00.000Z'));
  practice = await practiceFrom(template, { signIn: 'lena.link', clock });
  return () => practice.close();
});

const part = randomUUID();
const pa = randomUUID();
const wheelchair = randomUUID();
const goal = randomUUID();

/** A personal assistant 10 hours a week at £15.50 (£8,060 a year) and a one-off wheelchair. */
const budgetInput: BudgetInput = {
  indicativePence: 1_000_000,
  indicativeSetBy: 'ICB personal health budget team',
  indicativeMethod: 'Resource allocation system',
  agreedPence: 1_050_000,
  periodStart: '2026-04-01',
  parts: [{ id: part, funder: 'chc', amountPence: 1_050_000, holding: { kind: 'direct-payment', recipient: 'person', separateAccountConfirmed: true, monitoring: 'quarterly' } }],
  items: [
    { id: pa, category: 'personal-assistant', description: 'Personal assistant for shopping and walks', provider: 'Self-employed PA', goalIds: [goal], partId: part, cost: { kind: 'recurring', unitCostPence: 1550, quantityHundredths: 1000, unit: 'hour', per: 'week' } },
    { id: wheelchair, category: 'equipment', description: 'Lightweight wheelchair', partId: part, cost: { kind: 'one-off', amountPence: 240_000 } },
  ],
};

async function draftWithBudget(budget: BudgetInput = budgetInput): Promise<{ person: Person; plan: CarePlan; rowVersion: number }> {
  const person = await callOk(practice.app, 'people.create', { givenName: 'Ravi', familyName: 'Shankar', dateOfBirth: '1959-03-04', nhsNumber: nextNhsNumber() });
  const draft = await callOk(practice.app, 'plans.startDraft', { personId: person.id });
  const plan = await callOk(practice.app, 'plans.saveDraft', {
    planId: draft.id, rowVersion: draft.rowVersion,
    content: { whatMatters: 'Getting out of the house on my own terms.', goals: [{ id: goal, outcome: 'Go to the shops by myself' }], reviewDate: '2026-07-01' },
  });
  const saved = await callOk(practice.app, 'plans.saveBudget', { planId: plan.id, rowVersion: plan.rowVersion, budget });
  return { person, plan, rowVersion: saved.rowVersion };
}

async function agree(planId: string, rowVersion: number) {
  return callOk(practice.app, 'plans.agree', { planId, rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2026-04-01' });
}

/** The smallest real PNG and PDF: what a phone photo and a scanned receipt begin with. */
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

describe('the budget in a plan', () => {
  it('is saved with the draft, agreed with the plan, and can never change after', async () => {
    const { plan, rowVersion } = await draftWithBudget();
    const agreed = await agree(plan.id, rowVersion);
    expect(agreed.budget?.items.map((i) => i.description)).toEqual(['Personal assistant for shopping and walks', 'Lightweight wheelchair']);
    expect(await callError(practice.app, 'plans.saveBudget', { planId: plan.id, rowVersion: agreed.rowVersion, budget: budgetInput }))
      .toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('agreed and cannot be changed') });
    expect(() => sessionSqlite(practice.app).prepare(`UPDATE care_plan SET budget_json = '{}' WHERE id = ?`).run(plan.id)).toThrow('An agreed plan cannot be changed');
    // A new version starts with the same budget, item ids and all, so spending stays matched.
    const next = await callOk(practice.app, 'plans.startDraft', { personId: plan.personId, guideCode: 'review' });
    expect(next.budget).toEqual(agreed.budget);
  });

  it('refuses support linked to a goal the plan does not have, and drops links to goals later removed', async () => {
    const { plan, rowVersion } = await draftWithBudget();
    const error = await callError(practice.app, 'plans.saveBudget', {
      planId: plan.id, rowVersion, budget: { ...budgetInput, items: [{ ...budgetInput.items![0]!, goalIds: [randomUUID()] }] },
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'budget.items.0.goalIds', message: 'Choose goals from this plan' }] });
    const withoutGoal = await callOk(practice.app, 'plans.saveDraft', { planId: plan.id, rowVersion, content: { ...plan.content, goals: [] } });
    expect(withoutGoal.budget?.items[0]?.goalIds).toEqual([]);
  });

  it('cannot be agreed while an item that matches a restriction has no justification', async () => {
    const flagged = { ...budgetInput, items: [...budgetInput.items!, { id: randomUUID(), category: 'activity' as const, description: 'Betting shop trips with a friend', partId: part, cost: { kind: 'one-off' as const, amountPence: 2000 } }] };
    const { plan, rowVersion } = await draftWithBudget(flagged);
    const before = practiceState(practice.app, practice.dataDirectory);
    const error = await callError(practice.app, 'plans.agree', { planId: plan.id, rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2026-04-01' });
    expect(error.issues).toEqual([
      { path: 'budget.items.2.justification', message: '“Betting shop trips with a friend” may be something a budget cannot buy (gambling): record why it is right for them before the plan is agreed' },
    ]);
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
    const justified = await callOk(practice.app, 'plans.saveBudget', {
      planId: plan.id, rowVersion, budget: { ...flagged, items: flagged.items.map((item, i) => (i === 2 ? { ...item, justification: 'Only the travel and the café; the ICB agreed this in writing.' } : item)) },
    });
    expect((await agree(plan.id, justified.rowVersion)).status).toBe('agreed');
  });

  it('the restriction list is data: an administrator adds to it, and it flags from then on', async () => {
    await switchUser(practice.app, template.admin);
    const list = await callOk(practice.app, 'restrictions.save', { label: 'Holidays abroad', keywords: ['Flights', 'holiday abroad'] });
    expect(list.at(-1)).toEqual({ code: 'local-holidays-abroad', label: 'Holidays abroad', keywords: ['flights', 'holiday abroad'], active: true });
    expect(list.map((r) => r.code)).toContain('alcohol');
    expect(await callError(practice.app, 'restrictions.save', { label: 'Holidays abroad', keywords: ['x1'] })).toMatchObject({ code: 'CONFLICT' });
    const { plan, rowVersion } = await draftWithBudget({ ...budgetInput, items: [{ ...budgetInput.items![1]!, description: 'Flights to Spain' }] });
    const error = await callError(practice.app, 'plans.agree', { planId: plan.id, rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2026-04-01' });
    expect(error.issues?.[0]?.message).toContain('(holidays abroad)');
  });
});

describe('spending', () => {
  it('is recorded against an agreed item, with a real receipt kept inside the database; a bad receipt changes nothing', async () => {
    const { person, plan, rowVersion } = await draftWithBudget();
    await agree(plan.id, rowVersion);
    clock.advance(3 * 86_400_000);
    const summary = await callOk(practice.app, 'budgets.recordSpend', {
      personId: person.id, itemId: pa, spentOn: '2026-04-03', amountPence: 15_500, payee: 'Mo Patel (PA)', reference: 'Week 1',
      receipt: { name: 'timesheet.png', type: 'image/png', base64: png.toString('base64') },
    });
    expect(summary.spentPence).toBe(15_500);
    expect(summary.spends[0]).toMatchObject({ amountPence: 15_500, payee: 'Mo Patel (PA)', receipt: { name: 'timesheet.png', type: 'image/png', bytes: png.length } });
    const receipt = await callOk(practice.app, 'budgets.receipt', { spendId: summary.spends[0]!.id });
    expect(Buffer.from(receipt.base64, 'base64').equals(png)).toBe(true);

    const before = practiceState(practice.app, practice.dataDirectory);
    const spend = { personId: person.id, itemId: pa, spentOn: '2026-04-03', amountPence: 100, payee: 'Someone' };
    const fake = await callError(practice.app, 'budgets.recordSpend', { ...spend, receipt: { name: 'receipt.pdf', type: 'application/pdf', base64: png.toString('base64') } });
    expect(fake).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'receipt', message: 'Choose a PNG or JPEG photo, or a PDF' }] });
    const huge = await callError(practice.app, 'budgets.recordSpend', { ...spend, receipt: { name: 'scan.pdf', type: 'application/pdf', base64: Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]).toString('base64') } });
    expect(huge.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(huge)).toContain('5 MB or smaller');
    expect(await callError(practice.app, 'budgets.recordSpend', { ...spend, itemId: randomUUID() })).toMatchObject({ issues: [{ path: 'itemId' }] });
    expect(await callError(practice.app, 'budgets.recordSpend', { ...spend, amountPence: 10.5 })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'amountPence', message: 'The amount must be a whole number of pence' }] });
    expect(await callError(practice.app, 'budgets.recordSpend', { ...spend, spentOn: '2026-04-05' })).toMatchObject({ issues: [{ path: 'spentOn' }] });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
    // A PDF receipt is fine.
    await callOk(practice.app, 'budgets.recordSpend', { ...spend, receipt: { name: 'scan.pdf', type: 'application/pdf', base64: pdf.toString('base64') } });
  });

  it('over a simulated year: planned against actual by month, the balance, an underspend alert once money builds up, monitoring due', async () => {
    const { person, plan, rowVersion } = await draftWithBudget();
    await agree(plan.id, rowVersion);
    const day = 86_400_000;
    // The wheelchair is bought at once; the PA is paid weekly for 8 weeks, then the PA leaves.
    await callOk(practice.app, 'budgets.recordSpend', { personId: person.id, itemId: wheelchair, spentOn: '2026-04-01', amountPence: 240_000, payee: 'Mobility Ltd' });
    for (let week = 0; week < 8; week++) {
      clock.advance(7 * day);
      const spentOn = clock.now().toISOString().slice(0, 10);
      await callOk(practice.app, 'budgets.recordSpend', { personId: person.id, itemId: pa, spentOn, amountPence: 15_500, payee: 'Mo Patel (PA)' });
    }
    let summary = (await callOk(practice.app, 'budgets.summary', { personId: person.id }))!;
    expect(summary.spentPence).toBe(240_000 + 8 * 15_500);
    expect(summary.alerts.map((a) => a.kind)).toEqual([]);
    expect(summary.byMonth.slice(0, 2)).toEqual([
      { month: '2026-04', plannedPence: 67_167 + 240_000, actualPence: 240_000 + 4 * 15_500 },
      { month: '2026-05', plannedPence: 67_167, actualPence: 4 * 15_500 },
    ]);
    expect(summary.byMonth).toHaveLength(12);
    expect(summary.balancePence).toBe(1_050_000 - summary.spentPence);

    // Three more months with no PA: the direct payment builds up past 3 months of planned spending.
    let weeks = 0;
    while (!summary.alerts.some((a) => a.kind === 'underspend')) {
      clock.advance(7 * day);
      weeks++;
      summary = (await callOk(practice.app, 'budgets.summary', { personId: person.id }))!;
      expect(weeks).toBeLessThan(20);
    }
    const unspent = summary.plannedToDatePence - summary.spentPence;
    expect(unspent).toBeGreaterThan(3 * 67_167);
    expect(unspent - 67_167 * 7 * 12 / 52).toBeLessThanOrEqual(3 * 67_167);
    expect(summary.alerts.find((a) => a.kind === 'underspend')?.message).toContain('more than 3 months of planned spending (£2,015.01)');
    // Quarterly monitoring of the direct payment was due three months after agreement.
    expect(summary.alerts.find((a) => a.kind === 'monitoring-due')?.message).toBe('Direct payment monitoring was due on 1 July 2026.');
    const monitored = await callOk(practice.app, 'budgets.recordMonitoring', { personId: person.id, checkedOn: clock.now().toISOString().slice(0, 10), notes: 'Statements seen' });
    expect(monitored.alerts.map((a) => a.kind)).toEqual(['underspend']);

    // The next budget year starts afresh.
    clock.advance(365 * day);
    summary = (await callOk(practice.app, 'budgets.summary', { personId: person.id }))!;
    expect(summary.periodStart).toBe('2027-04-01');
    expect(summary.spentPence).toBe(0);
  });

  it('spending more than the plan by now, or than the agreed amount, is an overspend', async () => {
    const { person, plan, rowVersion } = await draftWithBudget();
    await agree(plan.id, rowVersion);
    const ahead = await callOk(practice.app, 'budgets.recordSpend', { personId: person.id, itemId: pa, spentOn: '2026-04-01', amountPence: 300_000, payee: 'Agency' });
    expect(ahead.alerts.map((a) => a.message)).toEqual([expect.stringContaining('Spending is ahead of plan: £3,000.00 spent so far')]);
    const over = await callOk(practice.app, 'budgets.recordSpend', { personId: person.id, itemId: pa, spentOn: '2026-04-01', amountPence: 800_000, payee: 'Agency' });
    expect(over.alerts.map((a) => a.message)).toEqual(['Overspent: £11,000.00 has been spent this budget year, more than the £10,500.00 agreed.']);
    expect(over.balancePence).toBe(-50_000);
  });
});
