import { type Kysely, sql } from 'kysely';

/** Practice settings, staff and their roles, and the first clinical table: person. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('practice_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_role')
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_role_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('nhs_number', 'text', (c) => c.notNull().unique().check(sql`length(nhs_number) = 10`))
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createIndex('person_by_name')
    .on('person')
    .columns(['family_name', 'given_name'])
    .execute();
}
