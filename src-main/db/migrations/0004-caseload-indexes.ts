import { type Kysely, sql } from 'kysely';

/**
 * Every caseload sort order read straight from an index, measured at 100,000 people in
 * `npm run bench`. Each index holds the whole ORDER BY (status, the column, then name and id to
 * break ties), so a page — even one far down the list — is index steps, never a sort.
 *
 * Sorting by assigned worker needs the worker's name on the person row: `worker_sort` is kept by
 * triggers, so no code path can forget it and a renamed member of staff re-sorts their caseload.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('person_by_birth').execute();
  await db.schema.dropIndex('person_by_sort_name').execute();
  await db.schema.dropIndex('person_by_status_nhs_number').execute();
  // search_name rides along so short name searches (not indexed by trigrams) scan only the index.
  await db.schema.createIndex('person_by_sort_name').on('person').columns(['status', 'sort_name', 'id', 'search_name']).execute();
  // An NHS number being typed matches a range of this index; the page of those is then sorted by
  // name from the index alone, without reading the rows.
  for (const column of ['nhs_number', 'date_of_birth', 'postcode', 'updated_at', 'worker_sort'] as const) {
    if (column === 'worker_sort') {
      await db.schema.alterTable('person').addColumn('worker_sort', 'text', (c) => c.notNull().defaultTo('')).execute();
    }
    await db.schema.createIndex(`person_by_status_${column}`).on('person').columns(['status', column, 'sort_name', 'id']).execute();
  }
  // Counting a filter by eligibility or communication needs probes people by id for their status.
  await db.schema.createIndex('person_by_id_status').on('person').columns(['id', 'status']).execute();

  await sql`UPDATE person SET worker_sort = coalesce((SELECT full_name FROM staff_user WHERE staff_user.id = person.assigned_worker_id), '')`.execute(db);
  await sql`CREATE TRIGGER person_worker_sort_insert AFTER INSERT ON person WHEN new.assigned_worker_id IS NOT NULL BEGIN
    UPDATE person SET worker_sort = coalesce((SELECT full_name FROM staff_user WHERE id = new.assigned_worker_id), '') WHERE id = new.id; END`.execute(db);
  await sql`CREATE TRIGGER person_worker_sort_update AFTER UPDATE OF assigned_worker_id ON person BEGIN
    UPDATE person SET worker_sort = coalesce((SELECT full_name FROM staff_user WHERE id = new.assigned_worker_id), '') WHERE id = new.id; END`.execute(db);
  await sql`CREATE TRIGGER staff_user_rename AFTER UPDATE OF full_name ON staff_user BEGIN
    UPDATE person SET worker_sort = new.full_name WHERE assigned_worker_id = new.id; END`.execute(db);
}
