import type { SqliteDatabase } from '../../src-main/db/open';
import { checkSearchIndex } from '../fixtures/database';
import { formDraftKey, type Intent } from './protocol';

/**
 * What the harness checks in the database after each kill, read straight from SQLite in the
 * parent: every acknowledged write is there, and nothing anyone wrote is half there.
 */

export interface Acknowledged {
  intent: Intent;
  /** The row the write made, as the writer's answer named it. */
  id?: string;
}

/** The database as the checks need it, read once per round. */
interface Snapshot {
  personByNhs: Map<string, string>;
  plans: Map<string, { personId: string; status: string; rowVersion: number; saved: boolean; budgeted: boolean }>;
  planByPerson: Map<string, string>;
  spendByReference: Map<string, { id: string; amountPence: number; receiptBytes: number }>;
  referralByNotes: Map<string, string>;
  contactByNotes: Map<string, string>;
  formN: number;
}

function snapshot(sqlite: SqliteDatabase, userId: string): Snapshot {
  const people = sqlite.prepare('SELECT id, nhs_number FROM person').all() as { id: string; nhs_number: string }[];
  const plans = sqlite
    .prepare(`SELECT id, person_id, status, row_version, json_extract(content_json, '$.whatMatters') <> '' AS saved, budget_json IS NOT NULL AS budgeted FROM care_plan`)
    .all() as { id: string; person_id: string; status: string; row_version: number; saved: number; budgeted: number }[];
  const spends = sqlite.prepare('SELECT id, reference, amount_pence, coalesce(length(receipt), 0) AS bytes FROM budget_spend').all() as {
    id: string; reference: string; amount_pence: number; bytes: number;
  }[];
  const referrals = sqlite.prepare('SELECT id, notes FROM referral').all() as { id: string; notes: string }[];
  const contacts = sqlite.prepare('SELECT id, notes FROM referral_contact').all() as { id: string; notes: string }[];
  const draft = sqlite.prepare('SELECT values_json FROM draft WHERE user_id = ? AND key = ?').get(userId, formDraftKey) as { values_json: string } | undefined;
  return {
    personByNhs: new Map(people.map((p) => [p.nhs_number, p.id])),
    plans: new Map(plans.map((p) => [p.id, { personId: p.person_id, status: p.status, rowVersion: p.row_version, saved: p.saved === 1, budgeted: p.budgeted === 1 }])),
    planByPerson: new Map(plans.map((p) => [p.person_id, p.id])),
    spendByReference: new Map(spends.map((s) => [s.reference, { id: s.id, amountPence: s.amount_pence, receiptBytes: s.bytes }])),
    referralByNotes: new Map(referrals.map((r) => [r.notes, r.id])),
    contactByNotes: new Map(contacts.map((c) => [c.notes, c.id])),
    formN: draft ? Number((JSON.parse(draft.values_json) as { n?: unknown }).n ?? 0) : 0,
  };
}

/**
 * Whether the write is in the database: the row it names, with what it wrote. For an in-flight
 * write either answer is right; for an acknowledged one only yes is. `exact` (in flight) asks
 * whether this very write landed, not a later one.
 */
function landed(s: Snapshot, intent: Intent, id: string | undefined, exact: boolean): boolean {
  const sameId = (found: string | undefined) => found !== undefined && (id === undefined || found === id);
  switch (intent.op) {
    case 'person':
      return sameId(s.personByNhs.get(intent.nhsNumber));
    case 'draft':
      return sameId(s.planByPerson.get(intent.personId));
    case 'saveDraft': {
      const plan = s.plans.get(intent.planId);
      return plan !== undefined && plan.saved && plan.rowVersion >= intent.rowVersion;
    }
    case 'budget': {
      const plan = s.plans.get(intent.planId);
      return plan !== undefined && plan.budgeted && plan.rowVersion >= intent.rowVersion;
    }
    case 'agree':
      return s.plans.get(intent.planId)?.status === 'agreed';
    case 'spend': {
      const spend = s.spendByReference.get(intent.reference);
      return spend !== undefined && sameId(spend.id) && spend.amountPence === intent.amountPence && spend.receiptBytes === intent.receiptBytes;
    }
    case 'referral':
      return sameId(s.referralByNotes.get(intent.tag));
    case 'contact':
      return sameId(s.contactByNotes.get(intent.tag));
    case 'formDraft':
      // A later save overwrites the same row: an acknowledged save must be there or overtaken.
      return exact ? s.formN === intent.n : s.formN >= intent.n;
  }
}

export interface LedgerCheck {
  problems: string[];
  /** Whether the write in flight when the writer was killed had committed; null if none was. */
  inFlightLanded: boolean | null;
}

/** Every acknowledged write is present; and whether the one in flight landed. */
export function checkLedger(sqlite: SqliteDatabase, userId: string, acknowledged: readonly Acknowledged[], inFlight: Intent | null): LedgerCheck {
  const s = snapshot(sqlite, userId);
  const problems: string[] = [];
  for (const ack of acknowledged) {
    if (!landed(s, ack.intent, ack.id, false)) problems.push(`An acknowledged write is missing or different: ${JSON.stringify(ack)}`);
  }
  return { problems, inFlightLanded: inFlight ? landed(s, inFlight, undefined, true) : null };
}

type Counts = Map<string, number>;

function countBy(rows: readonly { key: string | null; n: number }[]): Counts {
  return new Map(rows.flatMap((row) => (row.key === null ? [] : [[row.key, row.n] as const])));
}

/**
 * The rows each kind of transaction writes together are all there or none, for every row in the
 * database, acknowledged or not: each change and its audit event, an agreed plan and its review
 * schedule, a referral and its reason and status history, a contact and the status it moved.
 */
export function checkNothingHalfWritten(sqlite: SqliteDatabase): string[] {
  const problems: string[] = [];
  const events = sqlite
    .prepare(`SELECT person_id, channel, count(*) AS n FROM audit_event WHERE person_id IS NOT NULL GROUP BY person_id, channel`)
    .all() as { person_id: string; channel: string; n: number }[];
  const eventsOf = new Map<string, Counts>();
  for (const row of events) {
    const counts = eventsOf.get(row.channel) ?? new Map<string, number>();
    counts.set(row.person_id, row.n);
    eventsOf.set(row.channel, counts);
  }
  const audited = (channel: string, personId: string) => eventsOf.get(channel)?.get(personId) ?? 0;
  const expectSame = (what: string, rows: Counts, channel: string) => {
    for (const personId of new Set([...rows.keys(), ...(eventsOf.get(channel)?.keys() ?? [])])) {
      const rowCount = rows.get(personId) ?? 0;
      const eventCount = audited(channel, personId);
      if (rowCount !== eventCount) problems.push(`Person ${personId} has ${rowCount} ${what} but ${eventCount} ${channel} audit events`);
    }
  };

  const people = countBy(sqlite.prepare('SELECT id AS key, 1 AS n FROM person').all() as { key: string; n: number }[]);
  expectSame('person rows', people, 'people.create');
  const plansPerPerson = countBy(sqlite.prepare('SELECT person_id AS key, count(*) AS n FROM care_plan GROUP BY person_id').all() as { key: string; n: number }[]);
  expectSame('plan versions', plansPerPerson, 'plans.startDraft');
  const spends = countBy(sqlite.prepare('SELECT person_id AS key, count(*) AS n FROM budget_spend GROUP BY person_id').all() as { key: string; n: number }[]);
  expectSame('payments', spends, 'budgets.recordSpend');
  const referrals = countBy(sqlite.prepare('SELECT person_id AS key, count(*) AS n FROM referral GROUP BY person_id').all() as { key: string; n: number }[]);
  expectSame('referrals', referrals, 'referrals.create');
  const contacts = countBy(sqlite.prepare('SELECT person_id AS key, count(*) AS n FROM referral_contact GROUP BY person_id').all() as { key: string; n: number }[]);
  expectSame('contacts', contacts, 'referrals.logContact');

  // The writer keeps one plan per person, so its version counter moves with its audit events.
  const plans = sqlite
    .prepare(
      `SELECT cp.id, cp.person_id, cp.status, cp.row_version, cp.review_date, cp.agreed_on, cp.record_json IS NOT NULL AS has_record,
              json_extract(cp.content_json, '$.whatMatters') <> '' AS saved, cp.budget_json IS NOT NULL AS budgeted,
              rs.due_on, rs.reason
         FROM care_plan cp LEFT JOIN review_schedule rs ON rs.person_id = cp.person_id`,
    )
    .all() as {
    id: string; person_id: string; status: string; row_version: number; review_date: string; agreed_on: string | null; has_record: number;
    saved: number; budgeted: number; due_on: string | null; reason: string | null;
  }[];
  for (const plan of plans) {
    const saves = audited('plans.saveDraft', plan.person_id);
    const budgets = audited('plans.saveBudget', plan.person_id);
    const agreements = audited('plans.agree', plan.person_id);
    if (plan.row_version !== 1 + saves + budgets + agreements) {
      problems.push(`Plan ${plan.id} is at row version ${plan.row_version} after ${saves} saves, ${budgets} budget saves and ${agreements} agreements`);
    }
    if ((plan.saved === 1) !== saves > 0) problems.push(`Plan ${plan.id}: content saved ${plan.saved === 1} but ${saves} plans.saveDraft events`);
    if ((plan.budgeted === 1) !== budgets > 0) problems.push(`Plan ${plan.id}: budget saved ${plan.budgeted === 1} but ${budgets} plans.saveBudget events`);
    const agreed = plan.status === 'agreed';
    if (agreed !== (agreements === 1)) problems.push(`Plan ${plan.id} is ${plan.status} with ${agreements} plans.agree events`);
    if (agreed !== (plan.due_on !== null)) problems.push(`Plan ${plan.id} is ${plan.status} but its person ${plan.due_on === null ? 'has no' : 'has a'} review scheduled`);
    if (agreed && (plan.agreed_on === null || plan.has_record !== 1)) problems.push(`Agreed plan ${plan.id} lacks its agreement details`);
    if (agreed && plan.reason === 'scheduled' && plan.due_on !== plan.review_date) {
      problems.push(`Plan ${plan.id}'s review is scheduled for ${plan.due_on ?? 'nothing'}, not its review date ${plan.review_date}`);
    }
  }
  const schedulesWithoutAgreedPlan = sqlite
    .prepare(`SELECT person_id FROM review_schedule WHERE person_id NOT IN (SELECT person_id FROM care_plan WHERE status = 'agreed')`)
    .all() as { person_id: string }[];
  for (const row of schedulesWithoutAgreedPlan) problems.push(`Person ${row.person_id} has a review scheduled without an agreed plan`);
  const spendsOffPlan = sqlite
    .prepare(`SELECT s.id FROM budget_spend s LEFT JOIN care_plan cp ON cp.id = s.plan_id AND cp.status = 'agreed' WHERE cp.id IS NULL`)
    .all() as { id: string }[];
  for (const row of spendsOffPlan) problems.push(`Payment ${row.id} is not against an agreed plan`);

  // A referral is written with its reasons and its first status; the first contact moves it on.
  const referralRows = sqlite
    .prepare(
      `SELECT r.id, r.status,
              (SELECT count(*) FROM referral_reason_link l WHERE l.referral_id = r.id) AS reasons,
              (SELECT count(*) FROM referral_status_change c WHERE c.referral_id = r.id AND c.status = 'new') AS new_changes,
              (SELECT count(*) FROM referral_status_change c WHERE c.referral_id = r.id AND c.status = 'contacted') AS contacted_changes,
              (SELECT count(*) FROM referral_contact c WHERE c.referral_id = r.id) AS contacts
         FROM referral r`,
    )
    .all() as { id: string; status: string; reasons: number; new_changes: number; contacted_changes: number; contacts: number }[];
  for (const r of referralRows) {
    if (r.reasons < 1 || r.new_changes !== 1) problems.push(`Referral ${r.id} has ${r.reasons} reasons and ${r.new_changes} "new" status rows`);
    const contacted = r.contacts > 0;
    if ((r.status === 'contacted') !== contacted || r.contacted_changes !== (contacted ? 1 : 0)) {
      problems.push(`Referral ${r.id} is ${r.status} with ${r.contacts} contacts and ${r.contacted_changes} "contacted" status rows`);
    }
  }
  return problems;
}

/** SQLite's own checks: the file's structure, the foreign keys, and the search index against its table. */
export function checkStructure(sqlite: SqliteDatabase): string[] {
  const problems: string[] = [];
  const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
    problems.push(`integrity_check: ${integrity.slice(0, 5).map((row) => row.integrity_check).join('; ')}`);
  }
  const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) problems.push(`foreign_key_check found ${foreignKeys.length} broken references`);
  try {
    checkSearchIndex(sqlite);
  } catch (error) {
    problems.push(`The search index does not match the people: ${(error as Error).message}`);
  }
  return problems;
}
