import { type Kysely, sql } from 'kysely';

/**
 * Staff who must replace a one-time password, the append-only hash-chained audit trail, and
 * drafts of unsaved form input kept when PlanWell locks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('staff_user')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('person_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // Append-only: the database itself refuses to change or remove an event.
  await sql`CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END`.execute(db);
  await sql`CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END`.execute(db);
  // The audit screen filters by person, user, action and date, newest first.
  await db.schema.createIndex('audit_event_by_person').on('audit_event').columns(['person_id', 'seq']).execute();
  await db.schema.createIndex('audit_event_by_user').on('audit_event').columns(['user_id', 'seq']).execute();
  await db.schema.createIndex('audit_event_by_action').on('audit_event').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_event_by_time').on('audit_event').columns(['at']).execute();

  await db.schema
    .createTable('draft')
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('draft_pk', ['user_id', 'key'])
    .execute();
}
