import { type Kysely, sql } from 'kysely';

/**
 * Social prescribing: referrals and each change of status (with the SNOMED CT code recorded),
 * contacts, the directory of local support, connections to it, and outcome scores linked to a
 * referral. Reasons, categories and codes are data.
 */
const reasons: [string, string][] = [
  ['loneliness', 'Loneliness or isolation'],
  ['low-mood', 'Low mood'],
  ['housing', 'Housing'],
  ['money-and-debt', 'Money and debt'],
  ['employment', 'Employment'],
  ['carer-support', 'Carer support'],
  ['physical-activity', 'Physical activity'],
  ['long-term-condition', 'Long-term condition support'],
  ['bereavement', 'Bereavement'],
  ['other', 'Other'],
];

const categories: [string, string][] = [
  ['social-groups', 'Befriending and social groups'],
  ['arts', 'Arts, music and creativity'],
  ['physical-activity', 'Physical activity and sport'],
  ['nature', 'Nature, gardening and green spaces'],
  ['money-advice', 'Money, debt and benefits advice'],
  ['housing', 'Housing support'],
  ['employment', 'Employment, learning and volunteering'],
  ['carers', 'Support for carers'],
  ['mental-health', 'Mental health and wellbeing'],
  ['health-conditions', 'Living with a health condition'],
  ['bereavement', 'Bereavement support'],
  ['food', 'Food and cooking'],
  ['other', 'Other'],
];

/** Only the codes NHS England's guidance names are filled in; a practice adds others it uses. */
const statusCodes: [string, string | null, string][] = [
  ['new', '871731000000106', 'Referral to social prescribing service'],
  ['contacted', null, ''],
  ['accepted', null, ''],
  ['declined', '871711000000103', 'Social prescribing declined'],
  ['did-not-engage', null, ''],
  ['discharged', null, ''],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, rows] of [['referral_reason', reasons], ['directory_category', categories]] as const) {
    await db.schema
      .createTable(table)
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    for (const [position, [key, label]] of rows.entries()) {
      await sql`INSERT INTO ${sql.table(table)} (key, label, position) VALUES (${key}, ${label}, ${position})`.execute(db);
    }
  }

  await db.schema
    .createTable('referral_status_code')
    .addColumn('status', 'text', (c) => c.primaryKey())
    .addColumn('concept_id', 'text')
    .addColumn('term', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (const [status, conceptId, term] of statusCodes) {
    await sql`INSERT INTO referral_status_code (status, concept_id, term) VALUES (${status}, ${conceptId}, ${term})`.execute(db);
  }

  await db.schema
    .createTable('referral')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('referred_on', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('referrer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('new', 'contacted', 'accepted', 'declined', 'did-not-engage', 'discharged')`))
    .addColumn('status_changed_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('referral_by_person').on('referral').columns(['person_id', 'referred_on']).execute();
  await db.schema.createIndex('referral_by_status').on('referral').columns(['status', 'referred_on']).execute();
  // The inbox's default order and the report's range, without a sort.
  await db.schema.createIndex('referral_by_date').on('referral').columns(['referred_on', 'id']).execute();
  // Discharged is the end: the services refuse first; this is the backstop.
  await sql`CREATE TRIGGER referral_discharged_is_final BEFORE UPDATE ON referral WHEN old.status = 'discharged'
    BEGIN SELECT RAISE(ABORT, 'A discharged referral cannot be changed'); END`.execute(db);

  await db.schema
    .createTable('referral_reason_link')
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id'))
    .addColumn('reason_key', 'text', (c) => c.notNull().references('referral_reason.key'))
    .addPrimaryKeyConstraint('referral_reason_link_pk', ['referral_id', 'reason_key'])
    .execute();
  await db.schema.createIndex('referral_reason_by_reason').on('referral_reason_link').columns(['reason_key', 'referral_id']).execute();

  await db.schema
    .createTable('referral_status_change')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('concept_id', 'text')
    .addColumn('term', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .execute();
  await db.schema.createIndex('referral_status_change_by_referral').on('referral_status_change').columns(['referral_id', 'id']).execute();
  // A status once recorded is history: the codes sent to the GP must match it.
  await sql`CREATE TRIGGER referral_status_change_kept BEFORE UPDATE ON referral_status_change
    BEGIN SELECT RAISE(ABORT, 'A recorded status change cannot be changed'); END`.execute(db);

  await db.schema
    .createTable('referral_contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('contact_on', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes BETWEEN 1 AND 600`))
    .addColumn('contact_type', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_step', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .execute();
  await db.schema.createIndex('referral_contact_by_referral').on('referral_contact').columns(['referral_id', 'contact_on']).execute();
  // Covering for the report's contact counts (the rows themselves hold the notes and are large).
  await db.schema.createIndex('referral_contact_by_date').on('referral_contact').columns(['contact_on', 'person_id', 'duration_minutes']).execute();

  await db.schema
    .createTable('directory_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_key', 'text', (c) => c.notNull().references('directory_category.key'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('area', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cost', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('when_it_runs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessibility_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('referral_route', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_checked_on', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // Name, description, area and address folded to lower case without accents, for word search.
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('directory_entry_by_name').on('directory_entry').columns(['active', 'name']).execute();

  await db.schema
    .createTable('community_connection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('directory_entry.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('signposted', 'referred')`))
    .addColumn('connected_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('not-known-yet'))
    .addColumn('outcome_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('community_connection_by_person').on('community_connection').columns(['person_id', 'connected_on']).execute();
  await db.schema.createIndex('community_connection_by_referral').on('community_connection').columns(['referral_id']).execute();
  await db.schema.createIndex('community_connection_by_entry').on('community_connection').columns(['entry_id']).execute();
  await db.schema.createIndex('community_connection_by_date').on('community_connection').columns(['connected_on', 'entry_id', 'outcome']).execute();
  // The inbox sorted by name over everyone (person_by_sort_name starts with status).
  await db.schema.createIndex('person_by_sort_name_id').on('person').columns(['sort_name', 'id']).execute();

  // A baseline or follow-up score belongs to a referral.
  await db.schema.alterTable('outcome_score').addColumn('referral_id', 'text', (c) => c.references('referral.id')).execute();
  await db.schema.createIndex('outcome_score_by_referral').on('outcome_score').columns(['referral_id', 'taken_on']).where(sql.ref('referral_id'), 'is not', null).execute();
}
