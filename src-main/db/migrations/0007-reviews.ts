import { type Kysely, sql } from 'kysely';

/**
 * Reviews: the rules for when they fall due (data), each person's next review, the reviews
 * themselves (final once signed) and outcome measures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_rule')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('first_months', 'integer', (c) => c.notNull())
    .addColumn('then_months', 'integer', (c) => c.notNull())
    .execute();
  // Direct payments: within 3 months, then at least every 12 (NHS Direct Payments Regulations);
  // the others the same until a practice decides otherwise.
  for (const key of ['direct-payment', 'third-party', 'notional', 'no-budget']) {
    await sql`INSERT INTO review_rule (key, first_months, then_months) VALUES (${key}, 3, 12)`.execute(db);
  }

  await db.schema
    .createTable('review_schedule')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .execute();
  await db.schema.createIndex('review_schedule_by_due').on('review_schedule').columns(['due_on', 'person_id']).execute();

  await db.schema
    .createTable('plan_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('care_plan.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'signed')`))
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('new_plan_id', 'text')
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`CREATE UNIQUE INDEX plan_review_one_draft ON plan_review(person_id) WHERE status = 'draft'`.execute(db);
  await db.schema.createIndex('plan_review_by_person').on('plan_review').columns(['person_id', 'started_at']).execute();
  // Sign-off makes a review a record: the services refuse first; this is the backstop.
  await sql`CREATE TRIGGER plan_review_signed_is_final BEFORE UPDATE ON plan_review WHEN old.status = 'signed'
    BEGIN SELECT RAISE(ABORT, 'A signed review cannot be changed'); END`.execute(db);
  await sql`CREATE TRIGGER plan_review_signed_kept BEFORE DELETE ON plan_review WHEN old.status = 'signed'
    BEGIN SELECT RAISE(ABORT, 'A signed review cannot be removed'); END`.execute(db);

  await db.schema
    .createTable('outcome_score')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('measure', 'text', (c) => c.notNull().check(sql`measure IN ('ons4', 'swemwbs')`))
    .addColumn('answers_json', 'text', (c) => c.notNull())
    // SWEMWBS only: raw 7–35 and the metric score in hundredths.
    .addColumn('raw_score', 'integer')
    .addColumn('metric_hundredths', 'integer')
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .execute();
  await db.schema.createIndex('outcome_score_by_person').on('outcome_score').columns(['person_id', 'taken_on']).execute();
}
