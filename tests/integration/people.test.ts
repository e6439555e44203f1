import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeople } from '../../src-main/services/people-import';
import type { SessionDependencies } from '../../src-main/services/session-dependencies';
import { newPersonSchema, type NewPerson, type NewPersonInput, type PersonSummary } from '../../src-shared/contract';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { RecordingClock } from '../fixtures/clock';
import { sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource, testNhsNumbers } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';

let template: PracticeTemplate;
beforeAll(async () => {
  // A small practice's manager who is also its link worker: administrator plus a clinical role.
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'] });
  expect(template.user.roles).toEqual(['administrator', 'link-worker']);
});
afterAll(() => template.remove());

function personRows(practice: PracticeFixture): number {
  return sessionSqlite(practice.app).prepare('SELECT count(*) FROM person').pluck().get() as number;
}

describe('creating and reading people', () => {
  let practice: PracticeFixture;
  const clock = new RecordingClock(new Date('2026-03-02T09:30:00.000Z'));
  const nextNhsNumber = nhsNumberSource('999111');
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true, clock });
  });
  afterAll(() => practice.close());

  it('stores a person as entered (trimmed, NHS number as ten digits) and reads them back', async () => {
    const nhsNumber = nextNhsNumber();
    const created = await callOk(practice.app, 'people.create', {
      givenName: ' Grace ',
      familyName: ' Hopper ',
      dateOfBirth: '1946-12-09',
      nhsNumber: ` ${formatNhsNumber(nhsNumber)} `,
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      givenName: 'Grace',
      familyName: 'Hopper',
      dateOfBirth: '1946-12-09',
      nhsNumber,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    });
    expect(await callOk(practice.app, 'people.get', { id: created.id })).toEqual(created);

    const row = sessionSqlite(practice.app)
      .prepare('SELECT search_name, created_by, updated_by, row_version FROM person WHERE id = ?')
      .get(created.id);
    expect(row).toEqual({ search_name: 'grace hopper', created_by: practice.user.id, updated_by: practice.user.id, row_version: 1 });
    // The NHS number is data, never the id.
    expect(created.id).not.toContain(nhsNumber);
  });

  it('refuses a second person with the same NHS number, however it is typed', async () => {
    const nhsNumber = nextNhsNumber();
    await callOk(practice.app, 'people.create', { givenName: 'First', familyName: 'Holder', dateOfBirth: '1970-01-01', nhsNumber });
    const rowsBefore = personRows(practice);

    const error = await callError(practice.app, 'people.create', {
      givenName: 'Second',
      familyName: 'Claimant',
      dateOfBirth: '1980-02-02',
      nhsNumber: formatNhsNumber(nhsNumber),
    });
    expect(error).toEqual({
      code: 'CONFLICT',
      message: `A person with NHS number ${formatNhsNumber(nhsNumber)} is already in PlanWell.`,
      issues: [{ path: 'nhsNumber', message: 'This NHS number belongs to someone already in PlanWell' }],
    });
    expect(personRows(practice)).toBe(rowsBefore);
    const holders = sessionSqlite(practice.app).prepare('SELECT given_name FROM person WHERE nhs_number = ?').pluck().all(nhsNumber);
    expect(holders).toEqual(['First']);
  });

  it('answers NOT_FOUND for an id nobody has, and INVALID_INPUT for something that is not an id', async () => {
    expect(await callError(practice.app, 'people.get', { id: randomUUID() })).toEqual({
      code: 'NOT_FOUND',
      message: 'That person is not in PlanWell.',
    });
    expect(await callError(practice.app, 'people.get', { id: "' OR 1=1 --" })).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'id', message: 'Person not recognised' }],
    });
  });

  it('keeps what was saved after the app is closed and opened again', async () => {
    const nhsNumber = nextNhsNumber();
    const created = await callOk(practice.app, 'people.create', { givenName: 'Kept', familyName: 'Across', dateOfBirth: '1990-05-05', nhsNumber });
    await callOk(practice.app, 'auth.logOut', {});
    await practice.app.close();
    await callOk(practice.app, 'auth.logIn', { username: practice.admin.username, password: practice.admin.password });
    expect(await callOk(practice.app, 'people.get', { id: created.id })).toEqual(created);
  });
});

describe('searching people', () => {
  let practice: PracticeFixture;
  const numbers = testNhsNumbers(3, '999222').concat(testNhsNumbers(3, '999333'), testNhsNumbers(8, '999777'));
  const [a1, a2, a3, b1, b2, b3, ...rest] = numbers;
  const people: NewPersonInput[] = [
    { givenName: 'Zoë', familyName: 'Ó Súilleabháin', dateOfBirth: '1984-06-01', nhsNumber: a1! },
    { givenName: 'Sean', familyName: 'Sullivan', dateOfBirth: '1950-01-01', nhsNumber: a2! },
    { givenName: 'Anne Marie', familyName: 'Smith', dateOfBirth: '1961-02-03', nhsNumber: a3! },
    { givenName: 'John', familyName: 'Smith', dateOfBirth: '1972-03-04', nhsNumber: b1! },
    { givenName: 'Anne', familyName: 'Smithson', dateOfBirth: '1943-04-05', nhsNumber: b2! },
    { givenName: 'Zoe', familyName: 'Adams', dateOfBirth: '2001-05-06', nhsNumber: b3! },
    { givenName: 'Per', familyName: 'Fifty%off', dateOfBirth: '1990-01-01', nhsNumber: rest[0]! },
    { givenName: 'Per', familyName: 'Fiftyoff', dateOfBirth: '1990-01-02', nhsNumber: rest[1]! },
    { givenName: 'Uma', familyName: 'Under_score', dateOfBirth: '1990-01-03', nhsNumber: rest[2]! },
    { givenName: 'Uma', familyName: 'Underxscore', dateOfBirth: '1990-01-04', nhsNumber: rest[3]! },
    { givenName: 'Bea', familyName: 'Back\\slash', dateOfBirth: '1990-01-05', nhsNumber: rest[4]! },
    { givenName: 'Bea', familyName: 'Backslash', dateOfBirth: '1990-01-06', nhsNumber: rest[5]! },
  ];
  // Inserted in an order unrelated to the expected order of results.
  const insertionOrder = [...people].reverse();

  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true });
    for (const person of insertionOrder) await callOk(practice.app, 'people.create', person);
  });
  afterAll(() => practice.close());

  async function search(query: string, paging: { limit?: number; offset?: number } = {}) {
    return callOk(practice.app, 'people.search', { query, ...paging });
  }
  async function familyNames(query: string): Promise<string[]> {
    return (await search(query)).people.map((p) => `${p.givenName} ${p.familyName}`);
  }
  const byFamilyThenGiven = (x: Pick<PersonSummary, 'familyName' | 'givenName'>, y: Pick<PersonSummary, 'familyName' | 'givenName'>) =>
    x.familyName < y.familyName ? -1 : x.familyName > y.familyName ? 1 : x.givenName < y.givenName ? -1 : x.givenName > y.givenName ? 1 : 0;

  it('with no query lists everyone, ordered by family name then given name', async () => {
    const result = await search('');
    expect(result.total).toBe(people.length);
    const expected = [...people].sort(byFamilyThenGiven).map((p) => `${p.givenName} ${p.familyName}`);
    expect(result.people.map((p) => `${p.givenName} ${p.familyName}`)).toEqual(expected);
    expect(await familyNames('   ')).toEqual(expected);
  });

  it('returns summaries with the stored fields', async () => {
    const [first] = (await search('sullivan')).people;
    expect(first).toEqual({ id: expect.any(String), givenName: 'Sean', familyName: 'Sullivan', dateOfBirth: '1950-01-01', nhsNumber: a2 });
  });

  it('finds by part of the family name or the given name', async () => {
    expect(await familyNames('smith')).toEqual(['Anne Marie Smith', 'John Smith', 'Anne Smithson']);
    expect(await familyNames('son')).toEqual(['Anne Smithson']);
    expect(await familyNames('john')).toEqual(['John Smith']);
    expect(await familyNames('arie')).toEqual(['Anne Marie Smith']);
    expect(await familyNames('nobody-by-this-name')).toEqual([]);
  });

  it('ignores case and accents, in the query and in the names', async () => {
    expect(await familyNames('zoe')).toEqual(['Zoe Adams', 'Zoë Ó Súilleabháin']);
    expect(await familyNames('ZOË')).toEqual(['Zoe Adams', 'Zoë Ó Súilleabháin']);
    expect(await familyNames('SUIL')).toEqual(['Zoë Ó Súilleabháin']);
    expect(await familyNames('súil')).toEqual(['Zoë Ó Súilleabháin']);
    expect(await familyNames('SÚ')).toEqual(['Sean Sullivan', 'Zoë Ó Súilleabháin']);
    // Folding is not fuzzy matching: "sull" is not in "suilleabhain".
    expect(await familyNames('SULL')).toEqual(['Sean Sullivan']);
    expect(await familyNames('o suil')).toEqual(['Zoë Ó Súilleabháin']);
  });

  it('with several words finds people matching all of them', async () => {
    expect(await familyNames('anne smith')).toEqual(['Anne Marie Smith', 'Anne Smithson']);
    expect(await familyNames('smith   anne')).toEqual(['Anne Marie Smith', 'Anne Smithson']);
    expect(await familyNames('marie smith')).toEqual(['Anne Marie Smith']);
    expect(await familyNames('john smithson')).toEqual([]);
  });

  it('by NHS number, with or without spaces, and by its first digits', async () => {
    expect(await familyNames(a1!)).toEqual(['Zoë Ó Súilleabháin']);
    expect(await familyNames(formatNhsNumber(a1!))).toEqual(['Zoë Ó Súilleabháin']);
    expect(await familyNames(` ${formatNhsNumber(b2!)} `)).toEqual(['Anne Smithson']);
    // Hyphens are accepted when an NHS number is entered, so they are accepted when searching too.
    expect(await familyNames(formatNhsNumber(b2!).replace(/ /g, '-'))).toEqual(['Anne Smithson']);
    const startingWith999222 = people
      .filter((p) => p.nhsNumber.startsWith('999222'))
      .sort(byFamilyThenGiven)
      .map((p) => `${p.givenName} ${p.familyName}`);
    expect(startingWith999222).toHaveLength(3);
    expect(await familyNames('999 222')).toEqual(startingWith999222);
    expect((await search('999333')).total).toBe(3);
    expect((await search('999')).total).toBe(people.length);
    // Digits that appear only in the middle of a number do not match: it is a prefix search.
    expect((await search(a1!.slice(3))).total).toBe(0);
  });

  it('treats % and _ and \\ in the query as themselves, not as wildcards', async () => {
    expect(await familyNames('%')).toEqual(['Per Fifty%off']);
    expect(await familyNames('fifty%off')).toEqual(['Per Fifty%off']);
    expect(await familyNames('_')).toEqual(['Uma Under_score']);
    expect(await familyNames('under_score')).toEqual(['Uma Under_score']);
    expect(await familyNames('\\')).toEqual(['Bea Back\\slash']);
    expect(await familyNames('back\\slash')).toEqual(['Bea Back\\slash']);
    expect(await familyNames('%%')).toEqual([]);
  });

  it('pages with limit and offset, with the total of all matches', async () => {
    const all = (await search('')).people.map((p) => p.id);
    const pages: string[] = [];
    for (let offset = 0; offset < people.length; offset += 5) {
      const page = await search('', { limit: 5, offset });
      expect(page.total).toBe(people.length);
      expect(page.people.length).toBe(Math.min(5, people.length - offset));
      pages.push(...page.people.map((p) => p.id));
    }
    expect(pages).toEqual(all);
    expect(await search('', { limit: 5, offset: people.length })).toEqual({ people: [], total: people.length });

    const smiths = await search('smith', { limit: 1, offset: 1 });
    expect(smiths.total).toBe(3);
    expect(smiths.people.map((p) => p.givenName)).toEqual(['John']);
  });
});

describe('importing many people at once (insertPeople)', () => {
  let practice: PracticeFixture;
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true });
  });
  afterAll(() => practice.close());

  function dependencies(): SessionDependencies {
    const session = practice.app.vault.currentSession();
    if (!session) throw new Error('Expected a signed-in session');
    return { db: session.database.db, user: session.user, clock: new RecordingClock() };
  }

  /** Parsed exactly as the dispatcher parses people.create. */
  function manyPeople(count: number, prefix: string): NewPerson[] {
    const next = nhsNumberSource(prefix);
    return Array.from({ length: count }, (_, i) =>
      newPersonSchema.parse({ givenName: `Given${i}`, familyName: `Bulk${String(i).padStart(4, '0')}`, dateOfBirth: '1980-01-01', nhsNumber: next() }),
    );
  }

  it('adds them all, across several statements, filled as people.create fills them', async () => {
    const people = manyPeople(1000, '99981');
    expect(await insertPeople(dependencies(), people)).toBe(1000);
    expect(personRows(practice)).toBe(1000);
    const found = await callOk(practice.app, 'people.search', { query: 'bulk0999' });
    expect(found.people).toEqual([expect.objectContaining({ givenName: 'Given999', nhsNumber: people[999]?.nhsNumber })]);
    const row = sessionSqlite(practice.app).prepare('SELECT search_name, created_by FROM person WHERE nhs_number = ?').get(people[0]?.nhsNumber);
    expect(row).toEqual({ search_name: 'given0 bulk0000', created_by: practice.user.id });
    expect(await insertPeople(dependencies(), [])).toBe(0);
  });

  it('adds nobody when a number appears twice in the list', async () => {
    const before = personRows(practice);
    const people = manyPeople(500, '999882');
    const repeated = [...people, { ...people[0]!, givenName: 'Twin' }];
    await expect(insertPeople(dependencies(), repeated)).rejects.toMatchObject({ code: 'CONFLICT', issues: [{ path: 'nhsNumber' }] });
    expect(personRows(practice)).toBe(before);
  });

  it('adds nobody when a number late in the list is already in PlanWell', async () => {
    const existing = await callOk(practice.app, 'people.create', { givenName: 'Already', familyName: 'Here', dateOfBirth: '1970-01-01', nhsNumber: testNhsNumbers(1, '999883')[0]! });
    const before = personRows(practice);
    const people = manyPeople(950, '99984');
    people[949] = { ...people[949]!, nhsNumber: existing.nhsNumber };
    await expect(insertPeople(dependencies(), people)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `NHS number ${formatNhsNumber(existing.nhsNumber)} belongs to someone already in PlanWell, so nobody was added.`,
    });
    expect(personRows(practice)).toBe(before);
  });
});
