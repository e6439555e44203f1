import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migratorFor, openDatabase } from '../../src-main/db/database';
import { migrations } from '../../src-main/db/migrations';
import { openEncryptedDatabase } from '../../src-main/db/open';
import type { DatabaseSchema } from '../../src-main/db/schema';
import { insertFixtureRows, randomDatabaseKey, rowIsPresent, tableCounts, tableFixtures, userTables } from '../fixtures/database';
import { tempDirs } from '../fixtures/temp-dir';

const dirs = tempDirs();
afterEach(dirs.cleanUp);

const migrationNames = Object.keys(migrations).sort();

function appliedMigrations(sqlite: ReturnType<typeof openEncryptedDatabase>): string[] {
  return sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
}

describe('migrations', () => {
  it('are listed with four-digit numbers, in order, without gaps', () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(Object.keys(migrations)).toEqual(migrationNames);
    migrationNames.forEach((name, index) => {
      expect(name).toMatch(/^\d{4}-[a-z0-9-]+$/);
      expect(Number(name.slice(0, 4))).toBe(index + 1);
    });
  });

  it('every table of the latest schema has a fixture row', async () => {
    const opened = await openDatabase(join(dirs.make(), 'latest.db'), { key: randomDatabaseKey() });
    try {
      const tables = userTables(opened.sqlite);
      expect(tables.length).toBeGreaterThan(0);
      expect(tables.filter((table) => !tableFixtures.some((fixture) => fixture.table === table))).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  // One case per migration: fill the database as the migration before left it, then migrate.
  // With only the first migration this starts from an empty file; it grows with the list.
  for (const [index, name] of migrationNames.entries()) {
    const previous = migrationNames[index - 1];
    it(`${name} migrates a database holding data${previous ? ` (from ${previous})` : ' (from empty)'} without losing rows`, async () => {
      const path = join(dirs.make(), 'migrate.db');
      const key = randomDatabaseKey();
      const sqlite = openEncryptedDatabase(path, { key });
      const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
      try {
        if (previous !== undefined) {
          const before = await migratorFor(db, previous).migrateToLatest();
          expect(before.error).toBeUndefined();
          expect(appliedMigrations(sqlite)).toEqual(migrationNames.slice(0, index));
        }
        const inserted = insertFixtureRows(sqlite);
        expect(inserted.length).toBe(userTables(sqlite).length);

        const result = await migratorFor(db).migrateToLatest();
        expect(result.error).toBeUndefined();
        expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual(
          migrationNames.slice(index).map((n) => [n, 'Success']),
        );
        expect(appliedMigrations(sqlite)).toEqual(migrationNames);
        for (const row of inserted) expect(rowIsPresent(sqlite, row), `${row.table} row kept`).toBe(true);
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await db.destroy();
      }
    });
  }

  it('running them again at open keeps every row and applies nothing twice', async () => {
    const path = join(dirs.make(), 'reopen.db');
    const key = randomDatabaseKey();
    const first = await openDatabase(path, { key });
    let inserted: ReturnType<typeof insertFixtureRows>;
    let counts: Record<string, number>;
    try {
      inserted = insertFixtureRows(first.sqlite);
      expect(inserted.length).toBe(tableFixtures.length);
      counts = tableCounts(first.sqlite);
      expect(Object.values(counts).every((n) => n === 1)).toBe(true);
    } finally {
      await first.close();
    }

    const second = await openDatabase(path, { key });
    try {
      expect(tableCounts(second.sqlite)).toEqual(counts);
      for (const row of inserted) expect(rowIsPresent(second.sqlite, row), `${row.table} row kept`).toBe(true);
      expect(appliedMigrations(second.sqlite)).toEqual(migrationNames);
      const again = await migratorFor(second.db).migrateToLatest();
      expect(again.error).toBeUndefined();
      expect(again.results).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('the schema enforces its rules: one person per NHS number, ten digits, known staff, an append-only audit trail', async () => {
    const opened = await openDatabase(join(dirs.make(), 'rules.db'), { key: randomDatabaseKey() });
    try {
      insertFixtureRows(opened.sqlite);
      const person = tableFixtures.find((fixture) => fixture.table === 'person')?.row;
      if (!person) throw new Error('person fixture missing');
      const insert = (row: Record<string, string | number>) => {
        const names = Object.keys(row);
        opened.sqlite
          .prepare(`INSERT INTO person (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`)
          .run(row);
      };
      expect(() => insert({ ...person, id: 'another-id' })).toThrow(/UNIQUE/);
      expect(() => insert({ ...person, id: 'short-nhs', nhs_number: '999123' })).toThrow(/CHECK/);
      expect(() => insert({ ...person, id: 'unknown-staff', nhs_number: '9990000018', created_by: 'nobody' })).toThrow(/FOREIGN KEY/);
      expect(tableCounts(opened.sqlite).person).toBe(1);

      // The audit trail is append-only, whoever writes to the file; a draft belongs to a known user.
      expect(() => opened.sqlite.prepare(`UPDATE audit_event SET detail = 'edited'`).run()).toThrow('The audit trail cannot be changed');
      expect(() => opened.sqlite.prepare('DELETE FROM audit_event').run()).toThrow('The audit trail cannot be changed');
      const draft = tableFixtures.find((fixture) => fixture.table === 'draft')?.row;
      if (!draft) throw new Error('draft fixture missing');
      expect(() => opened.sqlite.prepare('INSERT INTO draft (user_id, key, values_json, saved_at) VALUES (?, ?, ?, ?)')
        .run('nobody', 'k', '{}', '2026-01-05T10:00:00.000Z')).toThrow(/FOREIGN KEY/);
      expect(() => opened.sqlite.prepare('INSERT INTO draft (user_id, key, values_json, saved_at) VALUES (@user_id, @key, @values_json, @saved_at)')
        .run(draft)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(tableCounts(opened.sqlite)).toMatchObject({ audit_event: 1, draft: 1 });
    } finally {
      await opened.close();
    }
  });
});
