/**
 * The crash harness's writer process. It opens a practice's data directory with the real app
 * (createApp: the dispatcher, the services, the audit head beside the database), begins a session
 * with the raw key the harness hands it (no scrypt: start-up must be fast, it runs once per kill),
 * then performs acknowledged writes through app.dispatch until it is killed: one JSON line before
 * each call ("begin") and one after it answered ok ("ack"). See harness.ts.
 *
 * Bundled once per run by esbuild (the printing libraries stubbed out) and run with plain node,
 * never through tsx.
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createApp, type PlanWellApp } from '../../src-main/app';
import { newSession } from '../../src-main/auth/vault';
import type { SqliteDatabase } from '../../src-main/db/open';
import { streamFor } from '../../src-main/demo/random';
import type { BudgetInput, ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import { addDays } from '../../src-shared/domain/calendar';
import { nhsCheckDigit } from '../../src-shared/domain/nhs-number';
import { isoDateInLondon } from '../../src-shared/format';
import { formDraftKey, type Intent, type WriterConfig, type WriterLine } from './protocol';

/**
 * Synchronous writes to the pipe: a line is in the parent's hands before the next statement runs,
 * so an ack is never printed for a call that has not answered, nor lost after it was printed.
 */
function emit(line: WriterLine): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

interface PersonState {
  id: string;
  planId: string | null;
  planStatus: 'draft' | 'agreed' | null;
  rowVersion: number;
  saved: boolean;
  budgeted: boolean;
  /** The budget's personal assistant item, which payments are recorded against. */
  itemId: string | null;
  referralId: string | null;
}

/** How many of the newest people the writer carries on with: earlier rounds' unfinished plans included. */
const peopleInPlay = 40;

/**
 * Picks up where earlier rounds stopped (even where a write committed but was never acknowledged),
 * so later rounds change rows written long before, not only append.
 */
function loadState(sqlite: SqliteDatabase, config: WriterConfig): { people: PersonState[]; formN: number } {
  const rows = sqlite
    .prepare(
      `SELECT p.id, cp.id AS plan_id, cp.status, cp.row_version, json_extract(cp.content_json, '$.whatMatters') <> '' AS saved,
              cp.budget_json IS NOT NULL AS budgeted, json_extract(cp.budget_json, '$.items[0].id') AS item_id, r.id AS referral_id
         FROM person p LEFT JOIN care_plan cp ON cp.person_id = p.id LEFT JOIN referral r ON r.person_id = p.id
        ORDER BY p.created_at DESC, p.id LIMIT ?`,
    )
    .all(peopleInPlay) as {
    id: string; plan_id: string | null; status: string | null; row_version: number | null; saved: number | null;
    budgeted: number | null; item_id: string | null; referral_id: string | null;
  }[];
  const people = rows.map((row): PersonState => ({
    id: row.id,
    planId: row.plan_id,
    planStatus: row.status === 'draft' || row.status === 'agreed' ? row.status : null,
    rowVersion: row.row_version ?? 0,
    saved: row.saved === 1,
    budgeted: row.budgeted === 1,
    itemId: row.item_id,
    referralId: row.referral_id,
  }));
  const draft = sqlite.prepare('SELECT values_json FROM draft WHERE user_id = ? AND key = ?').get(config.user.id, formDraftKey) as { values_json: string } | undefined;
  const formN = draft ? Number((JSON.parse(draft.values_json) as { n?: unknown }).n ?? 0) : 0;
  return { people, formN };
}

class Writer {
  private readonly random: () => number;
  private readonly people: PersonState[];
  private formN: number;
  private nextBody: number;
  private counter = 0;

  constructor(private readonly app: PlanWellApp, private readonly config: WriterConfig, state: { people: PersonState[]; formN: number }) {
    this.random = streamFor(config.seed, 1);
    this.people = state.people;
    this.formN = state.formN;
    this.nextBody = config.nhsBodies.first;
  }

  private tag(kind: string): string {
    this.counter += 1;
    return `crash-${this.config.round}-${kind}-${this.counter}`;
  }

  private async call<C extends ChannelName>(intent: Intent, channel: C, input: ChannelInput<C>, idOf?: (value: ChannelOutput<C>) => string): Promise<ChannelOutput<C>> {
    emit({ t: 'begin', intent });
    const result = await this.app.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    const value = result.value as ChannelOutput<C>;
    emit({ t: 'ack', intent, ...(idOf ? { id: idOf(value) } : {}) });
    return value;
  }

  private nextNhsNumber(): string {
    while (this.nextBody < this.config.nhsBodies.last) {
      const firstNine = String(this.nextBody++);
      const check = nhsCheckDigit(firstNine);
      if (check !== null) return `${firstNine}${check}`;
    }
    throw new Error(`Round ${this.config.round} ran out of test NHS numbers`);
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('Picked from an empty list');
    return item;
  }

  /** One write, chosen at random among those the current state allows. */
  async step(): Promise<void> {
    const withPlanStep = this.people.filter((p) => p.planStatus !== 'agreed');
    const agreed = this.people.filter((p) => p.planStatus === 'agreed' && p.itemId);
    const unreferred = this.people.filter((p) => !p.referralId);
    const referred = this.people.filter((p) => p.referralId);
    const choices: [number, () => Promise<void>][] = [
      [2, () => this.createPerson()],
      [withPlanStep.length > 0 ? 4 : 0, () => this.planStep(this.pick(withPlanStep))],
      [agreed.length > 0 ? 3 : 0, () => this.recordSpend(this.pick(agreed))],
      [unreferred.length > 0 ? 1 : 0, () => this.refer(this.pick(unreferred))],
      [referred.length > 0 ? 2 : 0, () => this.logContact(this.pick(referred))],
      [1, () => this.saveFormDraft()],
    ];
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let r = this.random() * total;
    for (const [weight, run] of choices) {
      if (r < weight) return run();
      r -= weight;
    }
    return this.saveFormDraft();
  }

  private async createPerson(): Promise<void> {
    const nhsNumber = this.nextNhsNumber();
    const person = await this.call({ op: 'person', nhsNumber }, 'people.create', {
      givenName: this.pick(['Amara', 'Bill', 'Chen', 'Dorota', 'Eamon', 'Fatima']),
      familyName: `Crashtest${this.config.round}`,
      dateOfBirth: '1952-06-14',
      nhsNumber,
    }, (value) => value.id);
    this.people.unshift({ id: person.id, planId: null, planStatus: null, rowVersion: 0, saved: false, budgeted: false, itemId: null, referralId: null });
    if (this.people.length > peopleInPlay) this.people.pop();
  }

  /** The plan's next step: start a draft, save its content, save its budget, agree it. */
  private async planStep(person: PersonState): Promise<void> {
    const today = isoDateInLondon(new Date());
    if (!person.planId) {
      const plan = await this.call({ op: 'draft', personId: person.id }, 'plans.startDraft', { personId: person.id }, (value) => value.id);
      Object.assign(person, { planId: plan.id, planStatus: 'draft', rowVersion: plan.rowVersion });
    } else if (!person.saved) {
      const plan = await this.call({ op: 'saveDraft', planId: person.planId, rowVersion: person.rowVersion + 1 }, 'plans.saveDraft', {
        planId: person.planId,
        rowVersion: person.rowVersion,
        content: {
          whatMatters: 'Getting out to the allotment twice a week and seeing my grandchildren.',
          goals: [{ id: randomUUID(), outcome: 'Walk to the allotment on my own by the summer' }],
          reviewDate: addDays(today, 30),
        },
      });
      Object.assign(person, { saved: true, rowVersion: plan.rowVersion });
    } else if (!person.budgeted) {
      const budget = budgetFor();
      const saved = await this.call({ op: 'budget', planId: person.planId, rowVersion: person.rowVersion + 1 }, 'plans.saveBudget', {
        planId: person.planId, rowVersion: person.rowVersion, budget,
      });
      Object.assign(person, { budgeted: true, rowVersion: saved.rowVersion, itemId: budget.items?.[0]?.id ?? null });
    } else {
      const plan = await this.call({ op: 'agree', planId: person.planId, personId: person.id }, 'plans.agree', {
        planId: person.planId, rowVersion: person.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today,
      });
      Object.assign(person, { planStatus: 'agreed', rowVersion: plan.rowVersion });
    }
  }

  private async recordSpend(person: PersonState): Promise<void> {
    if (!person.itemId) throw new Error('No budget item to pay against');
    const reference = this.tag('payment');
    const amountPence = 100 + Math.floor(this.random() * 50_000);
    // Some payments carry a receipt of up to 48 KB: the WAL grows faster, so kills also land in checkpoints.
    const receiptBytes = this.random() < 0.3 ? 16 + Math.floor(this.random() * 48_000) : 0;
    const receipt = receiptBytes > 0
      ? { name: `${reference}.pdf`, type: 'application/pdf' as const, base64: Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), Buffer.alloc(receiptBytes - 9, 0x25)]).toString('base64') }
      : null;
    const itemId = person.itemId;
    await this.call({ op: 'spend', personId: person.id, reference, amountPence, receiptBytes }, 'budgets.recordSpend', {
      personId: person.id, itemId, spentOn: isoDateInLondon(new Date()), amountPence, payee: 'Mo Patel (PA)', reference, receipt,
    }, (summary) => summary.spends.find((spend) => spend.reference === reference)?.id ?? 'missing');
  }

  private async refer(person: PersonState): Promise<void> {
    const tag = this.tag('referral');
    const referral = await this.call({ op: 'referral', personId: person.id, tag }, 'referrals.create', {
      personId: person.id, referredOn: isoDateInLondon(new Date()), source: 'gp', referrerName: 'Dr Okafor', reasons: ['loneliness'],
      urgency: 'routine', consent: 'yes', notes: tag,
    }, (value) => value.id);
    person.referralId = referral.id;
  }

  private async logContact(person: PersonState): Promise<void> {
    if (!person.referralId) throw new Error('No referral to log a contact on');
    const tag = this.tag('contact');
    await this.call({ op: 'contact', referralId: person.referralId, tag }, 'referrals.logContact', {
      referralId: person.referralId, contactOn: isoDateInLondon(new Date()), durationMinutes: 5 + Math.floor(this.random() * 55), type: 'phone', notes: tag,
    }, (value) => value.id);
  }

  private async saveFormDraft(): Promise<void> {
    const n = this.formN + 1;
    await this.call({ op: 'formDraft', key: formDraftKey, n }, 'drafts.save', {
      key: formDraftKey, values: { n, whatMatters: 'Typing…'.repeat(1 + Math.floor(this.random() * 200)) },
    });
    this.formN = n;
  }
}

/** A direct payment for a personal assistant (the item payments go against) and a one-off purchase. */
function budgetFor(): BudgetInput {
  const part = randomUUID();
  return {
    indicativePence: 1_000_000,
    agreedPence: 1_050_000,
    periodStart: isoDateInLondon(new Date()),
    parts: [{ id: part, funder: 'chc', amountPence: 1_050_000, holding: { kind: 'direct-payment', recipient: 'person', separateAccountConfirmed: true, monitoring: 'quarterly' } }],
    items: [
      { id: randomUUID(), category: 'personal-assistant', description: 'Personal assistant for shopping and walks', partId: part, cost: { kind: 'recurring', unitCostPence: 1550, quantityHundredths: 1000, unit: 'hour', per: 'week' } },
      { id: randomUUID(), category: 'equipment', description: 'Lightweight wheelchair', partId: part, cost: { kind: 'one-off', amountPence: 240_000 } },
    ],
  };
}

/**
 * The config arrives as one line on stdin: the harness starts the next writer while it checks the
 * last round (its start-up overlaps the checks) and sends the config, with the key, when the data
 * is free. A pipe leaves no key on disk and cannot be read by other users.
 */
async function readConfig(): Promise<WriterConfig> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    const end = text.indexOf('\n');
    if (end >= 0) return JSON.parse(text.slice(0, end)) as WriterConfig;
  }
  throw new Error('The harness closed stdin before sending the config');
}

async function main(): Promise<void> {
  const loaded = performance.now();
  const config = await readConfig();
  const opening = performance.now();
  const key = Buffer.from(config.keyHex, 'hex');
  const app = createApp({ dataDirectory: config.dataDirectory, automaticBackups: false, idleCheckMilliseconds: 0 });
  // The log-in path without scrypt: open (quick_check included) and begin the session.
  const database = await app.vault.open(key);
  app.vault.begin(newSession(config.user, database, key, false));
  // Some rounds checkpoint every few pages, so kills also land while the WAL is copied into the
  // database file and that file is fsynced; the checkpoint code is SQLite's own either way.
  if (config.walAutocheckpointPages !== null) database.sqlite.pragma(`wal_autocheckpoint = ${config.walAutocheckpointPages}`);
  const writer = new Writer(app, config, loadState(database.sqlite, config));
  emit({ t: 'ready', milliseconds: performance.now() - opening, loadedMilliseconds: loaded });
  for (;;) await writer.step();
}

main().catch((error: unknown) => {
  emit({ t: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
