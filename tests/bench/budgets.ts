/**
 * g. Personal health budgets, for `npm run bench`: the budget's totals (budgetTotals) and the
 *    budget page's query (summarise: this year's spending, planned against actual by month and by
 *    item, alerts) for a person with 1 year and with 5 years of weekly spending on every item,
 *    side by side, on an encrypted database.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createApp } from '../../src-main/app';
import type { Clock } from '../../src-main/clock';
import { summarise } from '../../src-main/services/budgets';
import type { BudgetInput, ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import { budgetSchema } from '../../src-shared/contract';
import { budgetTotals } from '../../src-shared/domain/budget-costs';
import type { Result } from '../../src-shared/result';
import { count, median, ms, percentile, ratio, table, time } from './report';

const runs = 200;
const itemCount = 10;

/** A clock the bench moves by hand, so five years of weekly payments are recorded in order. */
class BenchClock implements Clock {
  constructor(private time: number) {}
  now(): Date {
    return new Date(this.time);
  }
  async sleep(milliseconds: number): Promise<void> {
    this.time += milliseconds;
  }
  advanceDays(days: number): void {
    this.time += days * 86_400_000;
  }
}

function budgetWithItems(partId: string): BudgetInput {
  return {
    agreedPence: 5_000_000,
    periodStart: '2021-01-04',
    parts: [{ id: partId, funder: 'chc', amountPence: 5_000_000, holding: { kind: 'direct-payment', recipient: 'person', monitoring: 'quarterly' } }],
    items: Array.from({ length: itemCount }, (_, i) => ({
      id: randomUUID(),
      category: 'personal-assistant' as const,
      description: `Support ${i + 1}`,
      partId,
      cost: { kind: 'recurring' as const, unitCostPence: 1500 + i * 10, quantityHundredths: 500 + i * 25, unit: 'hour', per: 'week' as const },
    })),
  };
}

export async function budgetQueries(directory: string): Promise<string> {
  const clock = new BenchClock(Date.parse('2021-01-04T10:00:00Z'));
  const app = createApp({ dataDirectory: join(directory, 'budgets'), clock, idleCheckMilliseconds: 0 });
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = (await app.dispatch(channel, input)) as Result<ChannelOutput<C>>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  try {
    await call('setup.createPractice', {
      practiceName: 'Bench Surgery', odsCode: 'Y99999', fullName: 'Bench Admin', username: 'bench.admin',
      password: 'bench-practice-password-1', confirmPassword: 'bench-practice-password-1', clinicalRoles: ['link-worker'],
    });
    const people: { id: string; items: string[] }[] = [];
    for (const [index, nhsNumber] of ['9990000018', '9990000026'].entries()) {
      const person = await call('people.create', { givenName: 'Bench', familyName: `Person ${index + 1}`, dateOfBirth: '1960-01-01', nhsNumber });
      const draft = await call('plans.startDraft', { personId: person.id });
      const goal = randomUUID();
      const saved = await call('plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: { whatMatters: 'Bench', goals: [{ id: goal, outcome: 'Bench' }], reviewDate: '2021-03-01' } });
      const budget = budgetWithItems(randomUUID());
      const withBudget = await call('plans.saveBudget', { planId: saved.id, rowVersion: saved.rowVersion, budget });
      await call('plans.agree', { planId: saved.id, rowVersion: withBudget.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2021-01-04' });
      people.push({ id: person.id, items: budget.items!.map((item) => item.id) });
    }
    // Person 1: weekly payments on every item for the last year only; person 2: for five years.
    const weeks = 5 * 52;
    let recorded = 0;
    const started = performance.now();
    for (let week = 0; week < weeks; week++) {
      const spentOn = clock.now().toISOString().slice(0, 10);
      for (const [index, person] of people.entries()) {
        if (index === 0 && week < weeks - 52) continue;
        for (const itemId of person.items) {
          await call('budgets.recordSpend', { personId: person.id, itemId, spentOn, amountPence: 7_500, payee: 'PA' });
          recorded++;
        }
      }
      clock.advanceDays(7);
    }
    const recordingMs = performance.now() - started;

    const session = app.vault.currentSession();
    if (!session) throw new Error('No session for the budget bench');
    const today = clock.now().toISOString().slice(0, 10);
    const summaryTimes: number[][] = [[], []];
    for (let i = 0; i < runs + 20; i++) {
      for (const [index, person] of (i % 2 === 0 ? people.entries() : [...people.entries()].reverse())) {
        const { elapsed } = await time(() => summarise(session.database.db, person.id, today));
        if (i >= 20) summaryTimes[index]!.push(elapsed);
      }
    }
    const rowsFor = (personId: string) => Number(session.database.sqlite.prepare('SELECT count(*) FROM budget_spend WHERE person_id = ?').pluck().get(personId));
    const budget = budgetSchema.parse(budgetWithItems(randomUUID()));
    const big = budgetSchema.parse({ ...budget, items: Array.from({ length: 20 }, () => budget.items).flat().map((item) => ({ ...item, id: randomUUID() })) });
    const totalsTimes = (b: typeof budget) => {
      const values: number[] = [];
      for (let i = 0; i < 2_000; i++) {
        const start = performance.now();
        budgetTotals(b);
        values.push(performance.now() - start);
      }
      return values;
    };
    const small = totalsTimes(budget);
    const large = totalsTimes(big);
    const [oneYear, fiveYears] = summaryTimes as [number[], number[]];
    return [
      'g. Personal health budgets: totals, and the budget page’s query (summarise), encrypted',
      '',
      table(['', '1 year of payments', '5 years of payments', '5y / 1y'], [
        ['payments stored for the person', count(rowsFor(people[0]!.id)), count(rowsFor(people[1]!.id)), ratio(rowsFor(people[1]!.id), rowsFor(people[0]!.id))],
        ['summary (this year, by month, by item, alerts), p50', ms(median(oneYear)), ms(median(fiveYears)), ratio(median(fiveYears), median(oneYear))],
        ['summary, p95', ms(percentile(oneYear, 95)), ms(percentile(fiveYears, 95)), ratio(percentile(fiveYears, 95), percentile(oneYear, 95))],
      ]),
      '',
      table(['budgetTotals', `${itemCount} items`, `${big.items.length} items`, 'ratio'], [
        ['p50', ms(median(small)), ms(median(large)), ratio(median(large), median(small))],
        ['p95', ms(percentile(small, 95)), ms(percentile(large, 95)), ratio(percentile(large, 95), percentile(small, 95))],
      ]),
      '',
      `${count(recorded)} weekly payments recorded through budgets.recordSpend (each with its audit event) in ${ms(recordingMs)}.`,
      `${runs} summaries per person, alternating which goes first. The summary reads only this budget year's payments, through budget_spend(person_id, spent_on).`,
    ].join('\n');
  } finally {
    await app.close();
  }
}
