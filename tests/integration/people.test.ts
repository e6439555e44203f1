import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPeople } from '../../src-main/demo/synthetic-people';
import { insertPeople } from '../../src-main/services/people-import';
import type { SessionDependencies } from '../../src-main/services/session-dependencies';
import {
  newPersonSchema,
  type CaseloadSortColumn,
  type NewPerson,
  type NewPersonInput,
  type Person,
  type PersonStatus,
  type PersonSummary,
  type SearchPeopleInput,
} from '../../src-shared/contract';
import { describeCommunicationNeed, type CommunicationNeed } from '../../src-shared/domain/accessible-information';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { RecordingClock } from '../fixtures/clock';
import { checkSearchIndex, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource, testNhsNumbers } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, staffMember, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';

let template: PracticeTemplate;
beforeAll(async () => {
  // A small practice's manager who is also its link worker: administrator plus a clinical role.
  // Two more workers, so a caseload can be shared out and filtered by who holds it.
  template = await createPracticeTemplate({
    clinicalRoles: ['link-worker'],
    staff: [
      { username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] },
      { username: 'nora.nurse', fullName: 'Nora Nurse', roles: ['nurse'] },
    ],
  });
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
      preferredName: '',
      dateOfBirth: '1946-12-09',
      nhsNumber,
      sexOrGender: '',
      address: '',
      postcode: '',
      phone: '',
      email: '',
      preferredContactMethod: '',
      registeredPractice: '',
      status: 'active',
      closedReason: '',
      closedOn: '',
      assignedWorkerId: null,
      assignedWorkerName: null,
      sharingPreferences: '',
      eligibility: [],
      communicationNeeds: [],
      communicationNotes: '',
      contacts: [],
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
      rowVersion: 1,
    });
    expect(await callOk(practice.app, 'people.get', { id: created.id })).toEqual(created);

    const row = sessionSqlite(practice.app)
      .prepare('SELECT search_name, sort_name, status, created_by, updated_by, row_version FROM person WHERE id = ?')
      .get(created.id);
    expect(row).toEqual({
      search_name: 'grace hopper',
      sort_name: 'hopper grace',
      status: 'active',
      created_by: practice.user.id,
      updated_by: practice.user.id,
      row_version: 1,
    });
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
  /** Family name then given name, accents and case folded: "Ó Súilleabháin" sorts with the Os. */
  const sortKey = (p: Pick<PersonSummary, 'familyName' | 'givenName'>) => foldForSearch(`${p.familyName} ${p.givenName}`);
  const byFamilyThenGiven = (x: Pick<PersonSummary, 'familyName' | 'givenName'>, y: Pick<PersonSummary, 'familyName' | 'givenName'>) =>
    sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : 0;

  it('with no query lists everyone, ordered by family name then given name (folded)', async () => {
    const result = await search('');
    expect(result.total).toBe(people.length);
    const expected = [...people].sort(byFamilyThenGiven).map((p) => `${p.givenName} ${p.familyName}`);
    expect(result.people.map((p) => `${p.givenName} ${p.familyName}`)).toEqual(expected);
    expect(expected.indexOf('Zoë Ó Súilleabháin')).toBe(expected.indexOf('Per Fiftyoff') + 1);
    expect(expected.indexOf('Zoë Ó Súilleabháin')).toBe(expected.indexOf('Anne Marie Smith') - 1);
    expect(await familyNames('   ')).toEqual(expected);
  });

  it('returns summaries with the stored fields', async () => {
    const [first] = (await search('sullivan')).people;
    expect(first).toEqual({
      id: expect.any(String),
      givenName: 'Sean',
      familyName: 'Sullivan',
      preferredName: '',
      dateOfBirth: '1950-01-01',
      nhsNumber: a2,
      postcode: '',
      status: 'active',
      assignedWorkerName: null,
      communicationNeeds: [],
    });
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
    expect(await familyNames('SÚ')).toEqual(['Zoë Ó Súilleabháin', 'Sean Sullivan']);
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

describe('searching a caseload, checked against a brute-force filter over the same people', () => {
  const clock = new RecordingClock(new Date('2026-03-02T09:30:00.000Z'));
  let practice: PracticeFixture;

  /** What the test knows about each person: everything search filters, sorts or shows. */
  interface Known {
    id: string;
    details: NewPerson;
    status: PersonStatus;
    eligibility: string[];
    needs: CommunicationNeed[];
    updatedAt: string;
    rowVersion: number;
  }
  const known = new Map<string, Known>();
  const workerNames = new Map<string, string>();
  let me = '';
  let lena = '';

  const postcodes = ['LS1 4AP', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A 1BB', 'W1A 0AX', '', ''];
  const preferredNames = ['Bex', 'Jo', 'Sunny', 'Mo', 'Kit'];
  /** People whose names test folding and wildcards, beside the synthetic ones. */
  const extras: NewPersonInput[] = [
    { givenName: 'Zoë', familyName: 'Ó Súilleabháin', preferredName: 'Zo', dateOfBirth: '1984-06-01', nhsNumber: '' },
    { givenName: 'Per', familyName: 'Fifty%off', dateOfBirth: '1990-01-01', nhsNumber: '' },
    { givenName: 'Per', familyName: 'Fiftyoff', dateOfBirth: '1990-01-02', nhsNumber: '' },
    { givenName: 'Uma', familyName: 'Under_score', dateOfBirth: '1990-01-03', nhsNumber: '' },
    { givenName: 'Uma', familyName: 'Underxscore', dateOfBirth: '1990-01-04', nhsNumber: '' },
    { givenName: 'Bea', familyName: 'Back\\slash', dateOfBirth: '1990-01-05', nhsNumber: '' },
    { givenName: 'Ed', familyName: 'Ng', dateOfBirth: '1990-01-06', nhsNumber: '' },
  ];

  function sortName(person: Known): string {
    return foldForSearch(`${person.details.familyName} ${person.details.givenName}`);
  }
  function searchName(person: Known): string {
    const { givenName, preferredName, familyName } = person.details;
    return foldForSearch([givenName, preferredName, familyName].filter(Boolean).join(' '));
  }
  const sortKeys: Record<CaseloadSortColumn, (person: Known) => string | null> = {
    name: sortName,
    dateOfBirth: (p) => p.details.dateOfBirth,
    nhsNumber: (p) => p.details.nhsNumber,
    postcode: (p) => p.details.postcode,
    assignedWorker: (p) => (p.details.assignedWorkerId === null ? null : workerNames.get(p.details.assignedWorkerId) ?? null),
    updatedAt: (p) => p.updatedAt,
  };
  /** SQLite's order for text (binary) with NULL first. */
  function compare(a: string | null, b: string | null): number {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  }

  /** Every match, in order, worked out the slow way over what the test put in. */
  function bruteForce(input: SearchPeopleInput): Known[] {
    const query = input.query ?? '';
    const digits = query.replace(/[\s-]/g, '');
    const words = foldForSearch(query).split(' ').filter(Boolean);
    const status = input.status ?? 'active';
    const sort = input.sort ?? { column: 'name', direction: 'ascending' };
    const direction = sort.direction === 'ascending' ? 1 : -1;
    return [...known.values()]
      .filter((p) => (/^\d+$/.test(digits) ? p.details.nhsNumber.startsWith(digits) : words.every((w) => searchName(p).includes(w))))
      .filter((p) => status === 'any' || p.status === status)
      .filter((p) => {
        const worker = p.details.assignedWorkerId;
        if (input.assignedTo === undefined) return true;
        if (input.assignedTo === 'me') return worker === me;
        if (input.assignedTo === 'nobody') return worker === null;
        return worker === input.assignedTo;
      })
      .filter((p) => input.eligibility === undefined || p.eligibility.includes(input.eligibility))
      .filter((p) => input.hasCommunicationNeeds === undefined || (p.needs.length > 0) === input.hasCommunicationNeeds)
      .sort(
        (x, y) =>
          direction * compare(sortKeys[sort.column](x), sortKeys[sort.column](y)) ||
          direction * compare(sortName(x), sortName(y)) ||
          direction * compare(x.id, y.id),
      );
  }

  /** Asks PlanWell and the brute force; the page and the total must agree. Returns the full expected list. */
  async function check(input: SearchPeopleInput): Promise<Known[]> {
    const want = bruteForce(input);
    const got = await callOk(practice.app, 'people.search', input);
    const label = JSON.stringify(input);
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    expect(got.total, label).toBe(want.length);
    expect(got.people.map((p) => p.id), label).toEqual(want.slice(offset, offset + limit).map((p) => p.id));
    return want;
  }

  /** Names and numbers to search for, taken from the people themselves plus the awkward ones. */
  function queries(): string[] {
    const people = [...known.values()];
    const picked = [0, 17, 33, 58, 101, 150, 222, 301, 377, 398].map((i) => people[i % people.length]!);
    const fromNames = picked.flatMap((p) => {
      const given = foldForSearch(p.details.givenName);
      const family = foldForSearch(p.details.familyName);
      return [
        given.slice(0, 3),
        given.slice(1, 5),
        given.slice(-2),
        family.slice(0, 1),
        family.slice(0, 4).toUpperCase(),
        family.slice(-3),
        `${given.slice(0, 3)} ${family.slice(0, 3)}`,
        `${family.slice(0, 2)}  ${given.slice(-3)}`,
        p.details.givenName,
        `${p.details.givenName} ${p.details.familyName}`,
      ];
    });
    const number = picked[3]!.details.nhsNumber;
    return [
      ...fromNames,
      '', ' ', 'zoe', 'ZOË', 'suil', 'SÚIL', 'o suil', 'zo', 'Zo ó', 'bex', 'jo', 'mc', "o'", '-', 'ng', 'ed ng', 'an', 'a', 'e',
      'smith', 'son', 'ann', 'patel', 'kowal', 'nguy', 'nobody-by-this-name',
      '%', '_', '\\', '%%', 'fifty%off', 'fifty%', 'under_score', 'r_s', 'back\\slash', 'k\\s', 'a%b', '%a',
      number, formatNhsNumber(number), formatNhsNumber(number).replace(/ /g, '-'), ` ${number.slice(0, 6)} `,
      number.slice(0, 3), number.slice(0, 4), number.slice(0, 5), `${number.slice(0, 3)} ${number.slice(3, 5)}`, number.slice(3),
    ];
  }

  function recordFrom(person: Person, details: NewPerson): Known {
    return {
      id: person.id,
      details,
      status: person.status,
      eligibility: person.eligibility,
      needs: person.communicationNeeds,
      updatedAt: person.updatedAt,
      rowVersion: person.rowVersion,
    };
  }

  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true, clock });
    me = practice.user.id;
    lena = staffMember(template, 'lena.link').id;
    const nora = staffMember(template, 'nora.nurse').id;
    workerNames.set(me, practice.user.fullName).set(lena, 'Lena Link').set(nora, 'Nora Nurse');
    const workers = [me, lena, nora, null];

    const synthetic = syntheticPeople(400, 20260302);
    const taken = new Set(synthetic.map((p) => p.nhsNumber));
    const spare = testNhsNumbers(extras.length + taken.size, '999').filter((n) => !taken.has(n));
    const people: NewPerson[] = [
      ...synthetic.map((p, i) => ({
        ...p,
        preferredName: i % 11 === 0 ? preferredNames[i % preferredNames.length]! : '',
        postcode: postcodes[i % postcodes.length]!,
        assignedWorkerId: workers[i % workers.length]!,
      })),
      ...extras.map((p, i) => newPersonSchema.parse({ ...p, nhsNumber: spare[i], assignedWorkerId: workers[i % workers.length] })),
    ];
    const session = practice.app.vault.currentSession();
    if (!session) throw new Error('Expected a signed-in session');
    expect(await insertPeople({ db: session.database.db, user: session.user, clock }, people)).toBe(people.length);
    const ids = new Map(
      (sessionSqlite(practice.app).prepare('SELECT nhs_number, id FROM person').all() as { nhs_number: string; id: string }[]).map((r) => [r.nhs_number, r.id]),
    );
    const insertedAt = clock.now().toISOString();
    for (const details of people) {
      const id = ids.get(details.nhsNumber);
      if (!id) throw new Error(`${details.nhsNumber} was not inserted`);
      known.set(id, { id, details, status: 'active', eligibility: [], needs: [], updatedAt: insertedAt, rowVersion: 1 });
    }

    // Then the everyday changes, each through the dispatcher at its own time.
    const everyone = [...known.values()];
    for (const [i, person] of everyone.entries()) {
      if (i % 7 === 2 || i % 7 === 5) {
        clock.advance(61_000);
        const groups = i % 7 === 2 ? ['chc'] : ['mental-health', 'veterans'];
        known.set(person.id, recordFrom(await callOk(practice.app, 'people.setEligibility', { personId: person.id, groups }), person.details));
      }
      if (i % 8 === 1 || i % 8 === 6) {
        clock.advance(59_000);
        const needs: CommunicationNeed[] = i % 8 === 1
          ? [{ kind: 'information-format', need: 'large-print', detail: '' }]
          : [{ kind: 'contact-method', need: 'via-carer', detail: '' }, { kind: 'communication-professional', need: 'language-interpreter', detail: 'Polish' }];
        known.set(person.id, recordFrom(await callOk(practice.app, 'people.setCommunicationNeeds', { personId: person.id, needs }), person.details));
      }
      if (i % 9 === 4 || person.details.familyName === 'Fiftyoff') {
        clock.advance(60_000);
        const current = known.get(person.id)!;
        const closed = await callOk(practice.app, 'people.close', { id: person.id, rowVersion: current.rowVersion, closedReason: 'Moved away', closedOn: '2026-03-01' });
        known.set(person.id, recordFrom(closed, person.details));
      }
    }
    const counts = { closed: 0, eligible: 0, needs: 0 };
    for (const p of known.values()) {
      if (p.status === 'closed') counts.closed++;
      if (p.eligibility.length > 0) counts.eligible++;
      if (p.needs.length > 0) counts.needs++;
    }
    expect(counts.closed).toBeGreaterThan(30);
    expect(counts.eligible).toBeGreaterThan(80);
    expect(counts.needs).toBeGreaterThan(80);
  }, 240_000);
  afterAll(() => practice.close());

  it('finds by any part of any name, accents and case ignored, and by NHS number, as the brute force does', async () => {
    const list = queries();
    expect(list.length).toBeGreaterThan(120);
    for (const query of list) {
      await check({ query, status: 'any', limit: 200 });
      await check({ query });
    }
    // Spot checks that the brute force itself is right about the awkward cases.
    const names = (people: Known[]) => people.map((p) => `${p.details.givenName} ${p.details.familyName}`);
    expect(names(bruteForce({ query: 'zoe suil', status: 'any' }))).toEqual(['Zoë Ó Súilleabháin']);
    expect(bruteForce({ query: 'zoe suil', status: 'closed' })).toHaveLength(1);
    expect(names(bruteForce({ query: 'fifty%off', status: 'any' }))).toEqual(['Per Fifty%off']);
    expect(names(bruteForce({ query: '_', status: 'any' }))).toEqual(['Uma Under_score']);
    expect(names(bruteForce({ query: 'ed ng' }))).toContain('Ed Ng');
  });

  it('shows the stored summary: preferred name, postcode, status, worker and needs in words', async () => {
    const all: PersonSummary[] = [];
    for (let offset = 0; offset < known.size; offset += 200) {
      all.push(...(await callOk(practice.app, 'people.search', { status: 'any', limit: 200, offset })).people);
    }
    expect(all).toHaveLength(known.size);
    for (const summary of all) {
      const person = known.get(summary.id)!;
      expect(summary).toEqual({
        id: person.id,
        givenName: person.details.givenName,
        familyName: person.details.familyName,
        preferredName: person.details.preferredName,
        dateOfBirth: person.details.dateOfBirth,
        nhsNumber: person.details.nhsNumber,
        postcode: person.details.postcode,
        status: person.status,
        assignedWorkerName: sortKeys.assignedWorker(person),
        communicationNeeds: [...person.needs].sort((a, b) => compare(a.kind, b.kind)).map(describeCommunicationNeed),
      });
    }
  });

  it('hides closed records unless asked, and filters by worker, eligibility and needs, alone and together', async () => {
    const closed = await check({ status: 'closed', limit: 200 });
    expect(closed.length).toBeGreaterThan(0);
    expect((await check({ limit: 200 })).every((p) => p.status === 'active')).toBe(true);
    expect((await check({ status: 'any', limit: 200 })).length).toBe(known.size);

    const unknownWorker = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';
    const assignedTo: SearchPeopleInput['assignedTo'][] = [undefined, 'me', 'nobody', lena, unknownWorker];
    const eligibility: (string | undefined)[] = [undefined, 'chc', 'mental-health', 'wheelchair', 'no-such-group'];
    const hasCommunicationNeeds: (boolean | undefined)[] = [undefined, true, false];
    const statuses = ['active', 'closed', 'any'] as const;
    let nonEmpty = 0;
    for (const worker of assignedTo) {
      for (const group of eligibility) {
        for (const needs of hasCommunicationNeeds) {
          for (const status of statuses) {
            const input: SearchPeopleInput = { status, limit: 200 };
            if (worker !== undefined) input.assignedTo = worker;
            if (group !== undefined) input.eligibility = group;
            if (needs !== undefined) input.hasCommunicationNeeds = needs;
            if ((await check(input)).length > 0) nonEmpty++;
            await check({ ...input, query: 'an' });
          }
        }
      }
    }
    // The combinations are not all trivially empty.
    expect(nonEmpty).toBeGreaterThan(60);
    expect(await check({ assignedTo: unknownWorker })).toEqual([]);
    expect(await check({ eligibility: 'wheelchair', status: 'any' })).toEqual([]);
  });

  it('sorts by each column in both directions, with Ó Súilleabháin among the Os', async () => {
    for (const column of ['name', 'dateOfBirth', 'nhsNumber', 'postcode', 'assignedWorker', 'updatedAt'] as const) {
      for (const direction of ['ascending', 'descending'] as const) {
        const sort = { column, direction };
        for (let offset = 0; offset < known.size; offset += 200) await check({ status: 'any', sort, limit: 200, offset });
        await check({ sort, limit: 200 });
        await check({ query: 'ar', sort, hasCommunicationNeeds: true, status: 'any', limit: 200 });
        await check({ query: '999', sort, assignedTo: 'nobody', limit: 13, offset: 13 });
      }
    }
    const byName = bruteForce({ status: 'any', sort: { column: 'name', direction: 'ascending' } }).map(sortName);
    const zoe = byName.indexOf('o suilleabhain zoe');
    expect(zoe).toBeGreaterThan(0);
    expect(byName.slice(0, zoe).every((name) => name < 'o suilleabhain zoe')).toBe(true);
    expect(byName[zoe - 1]! >= 'n' || byName[zoe - 1]!.startsWith('o')).toBe(true);
    expect(byName.slice(zoe + 1).every((name) => name > 'o suilleabhain zoe')).toBe(true);
    expect(byName.slice(zoe + 1).findIndex((name) => name >= 'p')).toBeGreaterThanOrEqual(0);
  });

  it('pages through the results with the total of all matches', async () => {
    for (const input of [{}, { status: 'any' as const }, { query: 'a' }, { query: 'son', status: 'any' as const }, { eligibility: 'chc' }]) {
      const total = bruteForce(input).length;
      for (let offset = 0; offset <= total + 7; offset += 7) await check({ ...input, limit: 7, offset });
      expect(await callOk(practice.app, 'people.search', { ...input, limit: 7, offset: total })).toEqual({ people: [], total });
    }
  });

  it('keeps the index right after names change: the old name is not found, the new one is', async () => {
    const zoe = [...known.values()].find((p) => p.details.familyName === 'Ó Súilleabháin' && p.details.givenName === 'Zoë')!;
    const renames: [Known, Partial<NewPerson>][] = [
      [zoe, { familyName: 'Quennell-Trask', preferredName: 'Zed' }],
      ...[...known.values()].filter((_, i) => i % 37 === 3).map((p, i): [Known, Partial<NewPerson>] => [
        p,
        i % 3 === 0 ? { givenName: `Xanthe${i}` } : i % 3 === 1 ? { familyName: `Yarrow${i}` } : { preferredName: `Wren${i}` },
      ]),
    ];
    expect(renames.length).toBeGreaterThan(5);
    for (const [person, change] of renames) {
      clock.advance(60_000);
      const details = { ...person.details, ...change };
      const updated = await callOk(practice.app, 'people.update', { ...details, id: person.id, rowVersion: person.rowVersion });
      known.set(person.id, recordFrom(updated, details));
    }
    const ids = async (query: string) => (await callOk(practice.app, 'people.search', { query, status: 'any', limit: 200 })).people.map((p) => p.id);
    expect(await ids('zoe suil')).toEqual([]);
    expect(await ids('o suilleabhain zoe')).toEqual([]);
    expect(await ids('quennell')).toEqual([zoe.id]);
    expect(await ids('zed')).toEqual([zoe.id]);
    expect(await ids('zoe trask')).toEqual([zoe.id]);
    expect(await ids('xanthe0')).toHaveLength(1);
    expect(await ids('wren')).toHaveLength(renames.filter(([, change]) => change.preferredName?.startsWith('Wren')).length);

    for (const query of [...queries(), 'xanthe', 'yarrow', 'wren', 'quennell', 'tras']) {
      await check({ query, status: 'any', limit: 200 });
      await check({ query, sort: { column: 'name', direction: 'descending' } });
    }
    checkSearchIndex(sessionSqlite(practice.app));
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
