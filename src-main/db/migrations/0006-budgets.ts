import { type Kysely, sql } from 'kysely';

/**
 * Personal health budgets: the budget is part of a plan version (agreed with it, final with it),
 * spending and direct-payment monitoring are recorded against the person's agreed budget, and
 * the list of what a budget cannot buy is data administrators keep.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('care_plan').addColumn('budget_json', 'text').execute();
  // The agreed-is-final rule now covers the budget too.
  await sql`DROP TRIGGER care_plan_agreed_is_final`.execute(db);
  await sql`CREATE TRIGGER care_plan_agreed_is_final BEFORE UPDATE ON care_plan
    WHEN old.status <> 'draft' AND (
      new.content_json IS NOT old.content_json OR new.budget_json IS NOT old.budget_json OR new.record_json IS NOT old.record_json
      OR new.review_date IS NOT old.review_date OR new.version IS NOT old.version OR new.person_id IS NOT old.person_id
      OR new.agreed_by IS NOT old.agreed_by OR new.representative_name IS NOT old.representative_name
      OR new.agreement_method IS NOT old.agreement_method OR new.agreed_on IS NOT old.agreed_on
      OR new.agreed_by_user_id IS NOT old.agreed_by_user_id
      OR NOT (new.status = old.status OR (old.status = 'agreed' AND new.status = 'superseded')))
    BEGIN SELECT RAISE(ABORT, 'An agreed plan cannot be changed'); END`.execute(db);

  await db.schema
    .createTable('budget_spend')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    // The agreed plan version the payment was recorded against.
    .addColumn('plan_id', 'text', (c) => c.notNull().references('care_plan.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('amount_pence', 'integer', (c) => c.notNull().check(sql`typeof(amount_pence) = 'integer' AND amount_pence > 0`))
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    // Receipts live inside the encrypted database, never as loose files.
    .addColumn('receipt', 'blob')
    .addColumn('receipt_name', 'text')
    .addColumn('receipt_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .execute();
  await db.schema.createIndex('budget_spend_by_person').on('budget_spend').columns(['person_id', 'spent_on']).execute();

  await db.schema
    .createTable('budget_monitoring')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('care_plan.id'))
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .execute();
  await db.schema.createIndex('budget_monitoring_by_person').on('budget_monitoring').columns(['person_id', 'checked_on']).execute();

  await db.schema
    .createTable('spending_restriction')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('keywords_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  for (const [index, [code, label, keywords]] of restrictions.entries()) {
    await sql`INSERT INTO spending_restriction (code, label, keywords_json, active, sort_order)
      VALUES (${code}, ${label}, ${JSON.stringify(keywords)}, 1, ${(index + 1) * 10})`.execute(db);
  }
}

/** What a personal health budget cannot buy (NHS England guidance), as it stood for this migration. */
const restrictions: readonly [string, string, string[]][] = [
  ['alcohol', 'Alcohol', ['alcohol', 'beer', 'wine', 'spirits', 'lager', 'cider', 'whisky', 'vodka', 'gin', 'off-licence']],
  ['tobacco', 'Tobacco', ['tobacco', 'cigarette', 'cigarettes', 'cigar', 'cigars', 'rolling papers']],
  ['gambling', 'Gambling', ['gambling', 'betting', 'bet', 'bookmaker', 'bookies', 'casino', 'lottery', 'scratchcards', 'bingo']],
  ['debt', 'Debt repayment', ['debt', 'debts', 'loan repayment', 'arrears', 'credit card bill', 'overdraft']],
  ['illegal', 'Anything illegal', ['illegal', 'unlicensed', 'cannabis', 'stolen']],
  ['emergency-care', 'Emergency care', ['emergency care', 'a&e', 'accident and emergency', 'ambulance']],
  ['gp-services', 'Services the GP already provides (consultations, prescriptions)', ['gp appointment', 'gp consultation', 'prescription', 'prescriptions', 'prescription charges']],
  ['dental', 'Dental treatment', ['dental', 'dentist', 'dentures', 'orthodontic']],
  ['already-commissioned', 'Services the NHS already commissions for the person', ['nhs physiotherapy', 'district nurse', 'district nursing', 'hospital treatment']],
  ['private-elective', 'Private elective procedures', ['private surgery', 'private operation', 'cosmetic surgery', 'elective surgery']],
];
