import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migratorFor, openDatabase } from '../../src-main/db/database';
import { syntheticPeople } from '../../src-main/demo/synthetic-people';
import { searchPeople } from '../../src-main/services/people';
import { searchPeopleSchema, type SearchPeopleInput, type SignedInUser } from '../../src-shared/contract';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { RecordingClock } from '../fixtures/clock';
import { migrations } from '../../src-main/db/migrations';
import { openEncryptedDatabase } from '../../src-main/db/open';
import type { DatabaseSchema } from '../../src-main/db/schema';
import {
  checkSearchIndex,
  insertFixtureRows,
  randomDatabaseKey,
  rowIsPresent,
  searchIndexTables,
  seededRowCounts,
  tableCounts,
  tableFixtures,
  userTables,
} from '../fixtures/database';
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
      // One fixture row each, on top of the rows a migration seeds itself.
      expect(counts).toEqual(Object.fromEntries(userTables(first.sqlite).map((table) => [table, 1 + (seededRowCounts[table] ?? 0)])));
      checkSearchIndex(first.sqlite);
    } finally {
      await first.close();
    }

    const second = await openDatabase(path, { key });
    try {
      expect(tableCounts(second.sqlite)).toEqual(counts);
      checkSearchIndex(second.sqlite);
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

describe('0003-person-record on a practice that already holds people', () => {
  const staffId = '1d7e0c9a-2b3f-4c5d-8e6f-7a8b9c0d1e2f';
  const worker: SignedInUser = { id: staffId, username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] };
  const at = '2026-01-05T10:00:00.000Z';
  // Names the folding must get right, then a synthetic caseload.
  const named = [
    { given: 'Zoë', family: 'Ó Súilleabháin' },
    { given: 'Seán', family: "O'Brien" },
    { given: 'Anne Marie', family: 'Smith' },
    { given: 'Bo', family: 'Ng' },
    { given: 'Łukasz', family: 'Wiśniewski' },
    { given: 'Nora', family: 'Nolan' },
    { given: 'Paul', family: 'Price' },
  ];

  interface OldPerson {
    id: string;
    given_name: string;
    family_name: string;
    nhs_number: string;
  }

  /** A file at 0002 with people written as 0002's code wrote them (search_name: given then family, folded). */
  async function practiceAt0002() {
    const sqlite = openEncryptedDatabase(join(dirs.make(), 'people.db'), { key: randomDatabaseKey() });
    const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
    const before = await migratorFor(db, '0002-staff-audit-drafts').migrateToLatest();
    expect(before.error).toBeUndefined();
    sqlite
      .prepare(`INSERT INTO staff_user (id, username, full_name, active, must_change_password, created_at, updated_at) VALUES (?, 'lena.link', 'Lena Link', 1, 0, ?, ?)`)
      .run(staffId, at, at);
    const synthetic = syntheticPeople(600, 30003);
    const people: OldPerson[] = [
      ...named.map((name, index) => ({ given: name.given, family: name.family, nhsNumber: synthetic[index]!.nhsNumber })),
      ...synthetic.slice(named.length).map((p) => ({ given: p.givenName, family: p.familyName, nhsNumber: p.nhsNumber })),
    ].map((p, index) => ({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      given_name: p.given,
      family_name: p.family,
      nhs_number: p.nhsNumber,
    }));
    const insert = sqlite.prepare(
      `INSERT INTO person (id, given_name, family_name, date_of_birth, nhs_number, search_name, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @given_name, @family_name, '1950-01-01', @nhs_number, @search_name, '${at}', '${staffId}', '${at}', '${staffId}')`,
    );
    sqlite.transaction(() => {
      for (const person of people) insert.run({ ...person, search_name: foldForSearch(`${person.given_name} ${person.family_name}`) });
    })();
    return { sqlite, db, people };
  }

  it('keeps every person, fills the folded sort name, makes them active, and indexes them for search', async () => {
    const { sqlite, db, people } = await practiceAt0002();
    try {
      const result = await migratorFor(db).migrateToLatest();
      expect(result.error).toBeUndefined();
      expect(appliedMigrations(sqlite)).toEqual(migrationNames);

      const rows = sqlite
        .prepare('SELECT id, given_name, family_name, nhs_number, sort_name, status, preferred_name, postcode, assigned_worker_id, row_version FROM person ORDER BY id')
        .all() as (OldPerson & { sort_name: string; status: string; preferred_name: string; postcode: string; assigned_worker_id: string | null; row_version: number })[];
      expect(rows).toHaveLength(people.length);
      for (const [index, row] of rows.entries()) {
        const old = people[index]!;
        expect(row).toEqual({
          ...old,
          sort_name: foldForSearch(`${old.family_name} ${old.given_name}`),
          status: 'active',
          preferred_name: '',
          postcode: '',
          assigned_worker_id: null,
          row_version: 1,
        });
      }
      expect(rows[0]?.sort_name).toBe('o suilleabhain zoe');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      checkSearchIndex(sqlite);

      // Found through the trigram index (three letters or more) and the short-word fallback, as the
      // same filter computed here over the rows that were there before says they should be.
      const deps = { db, user: worker, clock: new RecordingClock() };
      const search = async (input: SearchPeopleInput) => searchPeople(deps, searchPeopleSchema.parse({ limit: 200, ...input }));
      const expected = (query: string) => {
        const words = foldForSearch(query).split(' ').filter(Boolean);
        return people
          .filter((p) => words.every((w) => foldForSearch(`${p.given_name} ${p.family_name}`).includes(w)))
          .sort((a, b) => {
            const x = foldForSearch(`${a.family_name} ${a.given_name}`);
            const y = foldForSearch(`${b.family_name} ${b.given_name}`);
            return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
          })
          .map((p) => p.id);
      };
      const queries = ['zoe', 'SUIL', 'o suil', "o'br", 'anne marie', 'ng', 'bo ng', 'łukasz', 'wisn', 'smith', 'son', 'ar', 'an e', 'jones', 'patel', 'z'];
      for (const query of queries) {
        const want = expected(query);
        const found = await search({ query, status: 'any' });
        expect(found.people.map((p) => p.id), query).toEqual(want.slice(0, 200));
        expect(found.total, query).toBe(want.length);
      }
      expect((await search({ query: 'zoe' })).people.map((p) => p.familyName)).toContain('Ó Súilleabháin');
      expect((await search({ query: 'zoe suil' })).people).toEqual([expect.objectContaining({ givenName: 'Zoë', status: 'active', communicationNeeds: [] })]);

      // Everyone is active, so the default (active) list holds them all, sorted with Ó among the Os.
      const everyone: string[] = [];
      for (let offset = 0; offset < people.length; offset += 200) everyone.push(...(await search({ offset })).people.map((p) => p.id));
      expect(everyone).toEqual(expected(''));
      const sortNames = everyone.map((id) => rows.find((r) => r.id === id)?.sort_name ?? '');
      const position = (sortName: string) => sortNames.indexOf(sortName);
      expect(position('nolan nora')).toBeGreaterThanOrEqual(0);
      expect(position('nolan nora')).toBeLessThan(position('o suilleabhain zoe'));
      expect(position('o suilleabhain zoe')).toBeLessThan(position("o'brien sean"));
      expect(position("o'brien sean")).toBeLessThan(position('price paul'));
    } finally {
      await db.destroy();
    }
  });

  it('seeds the eligibility groups: the four legal-right groups and the usual local ones', async () => {
    const opened = await openDatabase(join(dirs.make(), 'groups.db'), { key: randomDatabaseKey() });
    try {
      const groups = opened.sqlite.prepare('SELECT code, legal_right, active FROM eligibility_group ORDER BY sort_order').all() as {
        code: string;
        legal_right: number;
        active: number;
      }[];
      expect(groups).toHaveLength(seededRowCounts.eligibility_group ?? -1);
      expect(groups.filter((g) => g.legal_right === 1).map((g) => g.code)).toEqual(['chc', 'children-continuing-care', 'section-117', 'wheelchair']);
      expect(groups.filter((g) => g.legal_right === 0).map((g) => g.code)).toEqual(
        expect.arrayContaining(['learning-disability-autism', 'mental-health', 'veterans', 'long-term-conditions']),
      );
      expect(groups.every((g) => g.active === 1)).toBe(true);
      // The search index is a virtual table with FTS5's shadow tables: none is an app table.
      expect(searchIndexTables(opened.sqlite).map((t) => `${t.name}:${t.type}`)).toEqual([
        'person_search:virtual',
        'person_search_config:shadow',
        'person_search_data:shadow',
        'person_search_docsize:shadow',
        'person_search_idx:shadow',
      ]);
      expect(userTables(opened.sqlite).filter((t) => t.startsWith('person_search'))).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('the new tables enforce their rules: known people, groups and staff; one row per need, group and preference', async () => {
    const opened = await openDatabase(join(dirs.make(), 'rules-0003.db'), { key: randomDatabaseKey() });
    const { sqlite } = opened;
    try {
      insertFixtureRows(sqlite);
      const before = tableCounts(sqlite);
      const fixture = (table: string) => {
        const row = tableFixtures.find((f) => f.table === table)?.row;
        if (!row) throw new Error(`${table} fixture missing`);
        return row;
      };
      const insert = (table: string, row: Record<string, string | number | null>) => {
        const names = Object.keys(row);
        sqlite.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
      };
      const unknownPerson = '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';
      expect(() => insert('person_contact', { ...fixture('person_contact'), id: 'another', person_id: unknownPerson })).toThrow(/FOREIGN KEY/);
      expect(() => insert('person_eligibility', { ...fixture('person_eligibility'), group_code: 'no-such-group' })).toThrow(/FOREIGN KEY/);
      expect(() => insert('person_eligibility', fixture('person_eligibility'))).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => insert('communication_need', fixture('communication_need'))).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => insert('communication_need', { ...fixture('communication_need'), person_id: unknownPerson })).toThrow(/FOREIGN KEY/);
      expect(() => insert('staff_preference', fixture('staff_preference'))).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => insert('staff_preference', { ...fixture('staff_preference'), user_id: 'nobody' })).toThrow(/FOREIGN KEY/);
      expect(() => insert('eligibility_group', { code: 'chc', label: 'Again', sort_order: 1 })).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => sqlite.prepare(`UPDATE person SET assigned_worker_id = 'nobody'`).run()).toThrow(/FOREIGN KEY/);
      expect(tableCounts(sqlite)).toEqual(before);
    } finally {
      await opened.close();
    }
  });

  it('keeps the search index in step with the person table, however rows are written', async () => {
    const opened = await openDatabase(join(dirs.make(), 'index.db'), { key: randomDatabaseKey() });
    const { sqlite } = opened;
    const matches = (word: string) =>
      sqlite.prepare(`SELECT p.id FROM person p WHERE p.rowid IN (SELECT rowid FROM person_search WHERE search_name LIKE ?) ORDER BY p.id`).pluck().all(`%${word}%`);
    try {
      insertFixtureRows(sqlite);
      const person = tableFixtures.find((f) => f.table === 'person')?.row;
      if (!person) throw new Error('person fixture missing');
      expect(matches('fixture')).toEqual([person.id]);

      sqlite.prepare(`UPDATE person SET search_name = 'renamed somebody' WHERE id = ?`).run(person.id);
      expect(matches('fixture')).toEqual([]);
      expect(matches('renamed')).toEqual([person.id]);
      // Changing other columns leaves the index alone and correct.
      sqlite.prepare(`UPDATE person SET postcode = 'M1 1AE', row_version = row_version + 1 WHERE id = ?`).run(person.id);
      expect(matches('somebody')).toEqual([person.id]);
      checkSearchIndex(sqlite);

      // Deleting a person (the children first) takes them out of the index.
      sqlite.exec(`DELETE FROM community_connection; DELETE FROM referral_contact; DELETE FROM referral_status_change; DELETE FROM referral_reason_link; DELETE FROM outcome_score; DELETE FROM referral; DELETE FROM plan_review; DELETE FROM review_schedule; DELETE FROM budget_spend; DELETE FROM budget_monitoring; DELETE FROM care_plan; DELETE FROM person_contact; DELETE FROM person_eligibility; DELETE FROM communication_need; DELETE FROM person`);
      expect(matches('renamed')).toEqual([]);
      checkSearchIndex(sqlite);

      // The check itself notices an index that has drifted from the table.
      sqlite.exec(`DROP TRIGGER person_search_insert`);
      sqlite.prepare(`INSERT INTO person (${Object.keys(person).join(', ')}) VALUES (${Object.keys(person).map((n) => `@${n}`).join(', ')})`).run(person);
      expect(() => checkSearchIndex(sqlite)).toThrow();
    } finally {
      await opened.close();
    }
  });
});
