import { type Kysely, sql } from 'kysely';
import { foldForSearch } from '../../../src-shared/domain/search-text';

/** The legal-right groups (Standing Rules Regulations 2012, reg 32A) and the groups areas commonly offer. */
const defaultEligibilityGroups: [code: string, label: string, legalRight: number][] = [
  ['chc', 'NHS Continuing Healthcare (including fast track)', 1],
  ['children-continuing-care', "Children's continuing care", 1],
  ['section-117', 'Section 117 after-care (Mental Health Act)', 1],
  ['wheelchair', 'Personal wheelchair budget', 1],
  ['learning-disability-autism', 'Learning disability and/or autism', 0],
  ['mental-health', 'Ongoing mental health needs', 0],
  ['veterans', 'Veterans and people leaving the Armed Forces', 0],
  ['long-term-conditions', 'Long-term conditions', 0],
  ['other', 'Other local group', 0],
];

/**
 * The full person record: contact details, status and assigned worker, the people around them,
 * personal health budget eligibility (as data), accessible-information needs, per-user list
 * preferences, and a trigram index so any part of a name is found fast at 100,000 people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = ['preferred_name', 'sex_or_gender', 'address', 'postcode', 'phone', 'email', 'preferred_contact_method',
    'registered_practice', 'closed_reason', 'closed_on', 'sharing_preferences', 'communication_notes'] as const;
  for (const column of text) {
    await db.schema.alterTable('person').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  await db.schema.alterTable('person').addColumn('status', 'text', (c) => c.notNull().defaultTo('active')).execute();
  await db.schema.alterTable('person').addColumn('assigned_worker_id', 'text', (c) => c.references('staff_user.id')).execute();
  // Family name then given name, folded, so the list sorts "Ó Súilleabháin" with the Os, not after Z.
  await db.schema.alterTable('person').addColumn('sort_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  const existing = await sql<{ id: string; given_name: string; family_name: string }>`SELECT id, given_name, family_name FROM person`.execute(db);
  for (const row of existing.rows) {
    await sql`UPDATE person SET sort_name = ${foldForSearch(`${row.family_name} ${row.given_name}`)} WHERE id = ${row.id}`.execute(db);
  }

  // The caseload's common questions answered from indexes alone: the default list and short-word
  // searches (search_name in the index, so counting needs no row reads), "my caseload", and
  // NHS number prefixes within a status.
  await db.schema.createIndex('person_by_sort_name').on('person').columns(['status', 'sort_name', 'search_name']).execute();
  await db.schema.createIndex('person_by_worker').on('person').columns(['assigned_worker_id', 'status', 'sort_name']).execute();
  await db.schema.createIndex('person_by_status_nhs_number').on('person').columns(['status', 'nhs_number']).execute();
  await db.schema.createIndex('person_by_birth').on('person').columns(['date_of_birth']).execute();

  await db.schema
    .createTable('person_contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('may_receive_plan', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('person_contact_by_person').on('person_contact').column('person_id').execute();

  await db.schema
    .createTable('eligibility_group')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('legal_right', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  for (const [index, [code, label, legalRight]] of defaultEligibilityGroups.entries()) {
    await sql`INSERT INTO eligibility_group (code, label, legal_right, active, sort_order) VALUES (${code}, ${label}, ${legalRight}, 1, ${index * 10})`.execute(db);
  }

  await db.schema
    .createTable('person_eligibility')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('group_code', 'text', (c) => c.notNull().references('eligibility_group.code'))
    .addPrimaryKeyConstraint('person_eligibility_pk', ['person_id', 'group_code'])
    .execute();
  await db.schema.createIndex('person_eligibility_by_group').on('person_eligibility').columns(['group_code', 'person_id']).execute();

  await db.schema
    .createTable('communication_need')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('communication_need_pk', ['person_id', 'kind', 'need'])
    .execute();

  await db.schema
    .createTable('staff_preference')
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_preference_pk', ['user_id', 'key'])
    .execute();

  // Any part of a name, found through an index: a trigram full-text index over person.search_name,
  // kept in step by triggers. It points at person rows by rowid, which VACUUM may renumber (person
  // has no INTEGER PRIMARY KEY): anything that vacuums must rebuild it ('rebuild' below).
  await sql`CREATE VIRTUAL TABLE person_search USING fts5(search_name, content='person', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_search(rowid, search_name) VALUES (new.rowid, new.search_name); END`.execute(db);
  await sql`CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    INSERT INTO person_search(person_search, rowid, search_name) VALUES ('delete', old.rowid, old.search_name); END`.execute(db);
  await sql`CREATE TRIGGER person_search_update AFTER UPDATE OF search_name ON person BEGIN
    INSERT INTO person_search(person_search, rowid, search_name) VALUES ('delete', old.rowid, old.search_name);
    INSERT INTO person_search(rowid, search_name) VALUES (new.rowid, new.search_name); END`.execute(db);
  await sql`INSERT INTO person_search(person_search) VALUES ('rebuild')`.execute(db);
}
