import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  importMaximumCharacters,
  importMaximumRows,
  notCsvTextMessage,
  type ImportReport,
  type ImportRowReport,
} from '../../src-shared/contract';
import { formatNhsNumber, nhsCheckDigit } from '../../src-shared/domain/nhs-number';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { call, callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource, testNhsNumbers } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';

const csvFolder = join(import.meta.dirname, '..', 'fixtures', 'csv');
/** A fixture file's text as the renderer sends it (UTF-8, byte order mark kept). */
const fixtureCsv = (name: string) => readFileSync(join(csvFolder, name), 'utf8');

/** In people-mixed.csv: Dorothy Hodgkin (line 11) is added to PlanWell before the preview. */
const dorothy = { givenName: 'Dorothy', familyName: 'Hodgkin', dateOfBirth: '1950-05-12', nhsNumber: '9992010061' };

let template: PracticeTemplate;
beforeAll(async () => {
  // A practice whose administrator is also its link worker, so one account may add people.
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'] });
});
afterAll(() => template.remove());

let practice: PracticeFixture;
beforeEach(async () => {
  practice = await practiceFrom(template, { signIn: true });
});
afterEach(() => practice.close());

function personCount(): number {
  return sessionSqlite(practice.app).prepare('SELECT count(*) FROM person').pluck().get() as number;
}

function byLine(report: ImportReport): Map<number, ImportRowReport> {
  return new Map(report.rows.map((row) => [row.line, row]));
}

function csvOf(rows: string[][]): string {
  return rows.map((row) => row.join(',')).join('\n');
}

describe('the fixture files', () => {
  it('hold only test-range NHS numbers, valid ones except the rows that test invalid ones', () => {
    const deliberatelyInvalid = new Set(['9992010003']);
    const numbers = [...fixtureCsv('people-mixed.csv').matchAll(/\b(\d{3} ?\d{3} ?\d{4})\b/g)].map((m) => m[1]!.replaceAll(' ', ''));
    expect(numbers.length).toBeGreaterThan(5);
    for (const number of numbers) {
      expect(number.startsWith('999'), number).toBe(true);
      const valid = nhsCheckDigit(number.slice(0, 9)) === Number(number[9]);
      expect(valid, number).toBe(!deliberatelyInvalid.has(number));
    }
  });
});

describe('suggesting which column fills which field', () => {
  const [first, second] = testNhsNumbers(2, '999202');

  it('recognises the usual header names, whatever their case, spacing and punctuation', async () => {
    const report = await callOk(practice.app, 'people.importPreview', {
      csv: csvOf([
        [' FIRST NAME ', 'last_name', 'Date of Birth', 'nhs number', 'Post Code', 'E-mail', 'Telephone', 'Known as', 'GP Practice', 'Gender', 'Address', 'Notes'],
        ['Ada', 'Sample', '10/12/1950', first!, 'LS1 4AP', 'ada@example.com', '0113 496 0000', 'Addie', 'Riverside Surgery', 'Woman', '1 Mill Lane', 'likes tea'],
      ]),
    });
    expect(report.headers[0]).toBe('FIRST NAME');
    expect(report.mapping).toEqual({
      givenName: 'FIRST NAME',
      familyName: 'last_name',
      preferredName: 'Known as',
      dateOfBirth: 'Date of Birth',
      nhsNumber: 'nhs number',
      sexOrGender: 'Gender',
      address: 'Address',
      postcode: 'Post Code',
      phone: 'Telephone',
      email: 'E-mail',
      registeredPractice: 'GP Practice',
    });
    expect(report.missingFields).toEqual([]);
    expect(report.rows).toEqual([
      {
        line: 2,
        status: 'valid',
        problems: [],
        values: {
          givenName: 'Ada', familyName: 'Sample', preferredName: 'Addie', dateOfBirth: '1950-12-10', nhsNumber: first,
          sexOrGender: 'Woman', address: '1 Mill Lane', postcode: 'LS1 4AP', phone: '0113 496 0000', email: 'ada@example.com',
          registeredPractice: 'Riverside Surgery',
        },
      },
    ]);
  });

  it('knows Forename, Surname, DOB and NHS No', async () => {
    const report = await callOk(practice.app, 'people.importPreview', {
      csv: csvOf([['Forename', 'Surname', 'DOB', 'NHS No'], ['Ada', 'Sample', '1950-12-10', second!]]),
    });
    expect(report.mapping).toEqual({ givenName: 'Forename', familyName: 'Surname', dateOfBirth: 'DOB', nhsNumber: 'NHS No' });
    expect(report.validRows).toBe(1);
  });

  it('says which required fields it could not find, and checks no row until they are chosen', async () => {
    const csv = csvOf([['Name', 'Surname', 'Birthday', 'Identifier'], ['Ada', 'Sample', '1950-12-10', first!]]);
    const report = await callOk(practice.app, 'people.importPreview', { csv });
    expect(report).toEqual({
      headers: ['Name', 'Surname', 'Birthday', 'Identifier'],
      mapping: { familyName: 'Surname' },
      missingFields: ['givenName', 'dateOfBirth', 'nhsNumber'],
      totalRows: 1,
      validRows: 0,
      invalidRows: 0,
      rows: [],
      rowsLeftOut: 0,
      fingerprint: '',
    });
    // Once the member of staff chooses the columns, the rows are checked.
    const mapped = await callOk(practice.app, 'people.importPreview', {
      csv,
      mapping: { givenName: 'Name', familyName: 'Surname', dateOfBirth: 'Birthday', nhsNumber: 'Identifier' },
    });
    expect(mapped).toMatchObject({ missingFields: [], validRows: 1, rows: [{ line: 2, status: 'valid' }] });
  });

  it('refuses a chosen mapping that leaves a required field out or names a column the file lacks', async () => {
    const csv = csvOf([['Forename', 'Surname', 'DOB', 'NHS No'], ['Ada', 'Sample', '1950-12-10', first!]]);
    const error = await callError(practice.app, 'people.importPreview', {
      csv,
      mapping: { givenName: 'Forename', familyName: 'Family', dateOfBirth: 'DOB', nhsNumber: '' },
    });
    expect(error).toEqual({
      code: 'INVALID_INPUT',
      message: 'Choose which column holds each detail PlanWell needs.',
      issues: [
        { path: 'mapping.familyName', message: 'The file has no column called "Family"' },
        { path: 'mapping.nhsNumber', message: 'Choose the column that holds the NHS number' },
      ],
    });
    // A field the schema does not know is refused by the contract.
    const unknown = await practice.app.dispatch('people.importPreview', { csv, mapping: { shoeSize: 'DOB' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('the report on each row (people-mixed.csv)', () => {
  let report: ImportReport;
  beforeEach(async () => {
    await callOk(practice.app, 'people.create', dorothy);
    const before = practiceState(practice.app, practice.dataDirectory);
    report = await callOk(practice.app, 'people.importPreview', { csv: fixtureCsv('people-mixed.csv') });
    // A preview writes nothing: not a person, not an audit row, not the key file or audit head.
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('reads the header (byte order mark and all) and ignores columns nobody asked for', () => {
    expect(report.headers).toEqual(['Forename', 'Surname', 'DOB', 'NHS No', 'Address', 'Postcode', 'Favourite colour']);
    expect(report.mapping).toEqual({ givenName: 'Forename', familyName: 'Surname', dateOfBirth: 'DOB', nhsNumber: 'NHS No', address: 'Address', postcode: 'Postcode' });
    expect(report.rows.every((row) => !JSON.stringify(row.values).includes('colour'))).toBe(true);
    expect(report.rows.some((row) => JSON.stringify(row.values).includes('blue'))).toBe(false);
  });

  it('counts every row, skipping empty lines', () => {
    expect(report).toMatchObject({ missingFields: [], totalRows: 13, validRows: 4, invalidRows: 9, rowsLeftOut: 0 });
    expect(report.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16]);
  });

  it('says in plain words what is wrong with each invalid row, by its line in the file', () => {
    const problems = Object.fromEntries(report.rows.filter((row) => row.status === 'invalid').map((row) => [row.line, row.problems]));
    expect(problems).toEqual({
      4: ['NHS number 999 201 0003 is not a valid NHS number: check it was copied correctly'],
      5: ['Given name is missing'],
      6: ['Date of birth "31/02/1955" is not a real date: write it like 31/01/1950 or 1950-01-31'],
      7: ['Date of birth must be today or in the past'],
      // A duplicate in the file is reported on both lines: neither is imported.
      8: ['NHS number 999 201 0053 is also on line 9'],
      9: ['NHS number 999 201 0053 is also on line 8'],
      11: ['NHS number 999 201 0061 belongs to someone already in PlanWell'],
      14: ['NHS number "12345" is not 10 digits'],
      16: ['This line has 8 values but the header row has 7: check for a comma that should be inside quotation marks'],
    });
    // Invalid rows show the text as it is in the file, so the member of staff can find it.
    expect(byLine(report).get(5)?.values).toEqual({ familyName: 'Franklin', dateOfBirth: '25/07/1950', nhsNumber: '9992010029' });
  });

  it('accepts ISO and UK dates, and shows valid rows as PlanWell will store them', () => {
    const rows = byLine(report);
    expect(rows.get(2)).toEqual({
      line: 2,
      status: 'valid',
      problems: [],
      values: { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1950-12-10', nhsNumber: '9992010002', address: '1 Mill Lane', postcode: 'LS1 4AP' },
    });
    expect(rows.get(3)?.values).toEqual({ givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1946-12-09', nhsNumber: '9992010010' });
    // Quotes, a doubled quotation mark and a line break inside a value; the next row is numbered by the file's lines.
    expect(rows.get(12)?.values).toEqual({
      givenName: 'Gertrude "Trudy"', familyName: 'Elion', dateOfBirth: '1950-01-23', nhsNumber: '9992010088',
      address: '2 Bridge Street\r\nManchester', postcode: 'M1 1AE',
    });
    expect(rows.get(15)).toMatchObject({ status: 'valid', values: { givenName: 'Mae', dateOfBirth: '1956-10-17' } });
  });

  it('adds exactly the valid rows in one transaction, with one audit row, and returns the whole report', async () => {
    const sqlite = sessionSqlite(practice.app);
    const lastSeq = sqlite.prepare('SELECT max(seq) FROM audit_event').pluck().get() as number;
    const people = personCount();

    const result = await callOk(practice.app, 'people.importCommit', { csv: fixtureCsv('people-mixed.csv'), fingerprint: report.fingerprint });

    expect(result.added).toBe(4);
    expect(result.report).toEqual(report);
    expect(personCount()).toBe(people + 4);
    const added = sqlite
      .prepare('SELECT given_name, family_name, date_of_birth, nhs_number, postcode, created_at, created_by FROM person WHERE nhs_number != ? ORDER BY nhs_number')
      .all(dorothy.nhsNumber) as { given_name: string; date_of_birth: string; nhs_number: string; postcode: string; created_at: string; created_by: string }[];
    expect(added.map((p) => [p.given_name, p.date_of_birth, p.nhs_number, p.postcode])).toEqual([
      ['Ada', '1950-12-10', '9992010002', 'LS1 4AP'],
      ['Grace', '1946-12-09', '9992010010', ''],
      ['Gertrude "Trudy"', '1950-01-23', '9992010088', 'M1 1AE'],
      ['Mae', '1956-10-17', '9992010096', ''],
    ]);
    expect(new Set(added.map((p) => p.created_at)).size).toBe(1);
    expect(added.every((p) => p.created_by === practice.user.id)).toBe(true);

    const audit = sqlite.prepare('SELECT action, channel, person_id, outcome, detail FROM audit_event WHERE seq > ?').all(lastSeq);
    expect(audit).toEqual([
      { action: 'create', channel: 'people.importCommit', person_id: null, outcome: 'success', detail: 'Imported 4 people from a CSV file; 9 rows not imported' },
    ]);
    expect(await callOk(practice.app, 'audit.verify', {})).toMatchObject({ intact: true });

    // The report to save: one line per row of the file, what happened and why.
    const saved = Papa.parse<string[]>(result.reportCsv, { skipEmptyLines: true }).data;
    expect(saved[0]).toEqual(['Line', 'Result', 'Problems', 'Given name', 'Family name', 'Date of birth', 'NHS number', 'Address', 'Postcode']);
    expect(saved.slice(1).map((row) => row.slice(0, 3))).toEqual(report.rows.map((row) => [
      String(row.line), row.status === 'valid' ? 'Imported' : 'Not imported', row.problems.join('; '),
    ]));
    expect(saved[1]).toEqual(['2', 'Imported', '', 'Ada', 'Lovelace', '1950-12-10', '999 201 0002', '1 Mill Lane', 'LS1 4AP']);
    expect(saved[3]).toEqual(['4', 'Not imported', 'NHS number 999 201 0003 is not a valid NHS number: check it was copied correctly', 'Alan', 'Turing', '23-06-1952', '9992010003', '', '']);

    // An imported person is found like any other.
    const found = await callOk(practice.app, 'people.search', { query: 'lovelace' });
    expect(found.people.map((p) => p.nhsNumber)).toEqual(['9992010002']);
  });

  it('refuses a second commit of the same preview: those people are now in PlanWell', async () => {
    await callOk(practice.app, 'people.importCommit', { csv: fixtureCsv('people-mixed.csv'), fingerprint: report.fingerprint });
    const before = practiceState(practice.app, practice.dataDirectory);
    const error = await callError(practice.app, 'people.importCommit', { csv: fixtureCsv('people-mixed.csv'), fingerprint: report.fingerprint });
    expect(error.code).toBe('CONFLICT');
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('refuses, writing nothing, when someone was added after the preview with an NHS number the import would add', async () => {
    // Decided: the commit adds exactly the rows the member of staff confirmed, or nobody. It does
    // not quietly skip a row the preview called valid; it asks for the file to be checked again.
    await callOk(practice.app, 'people.create', { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1950-12-10', nhsNumber: '9992010002' });
    const before = practiceState(practice.app, practice.dataDirectory);
    const error = await callError(practice.app, 'people.importCommit', { csv: fixtureCsv('people-mixed.csv'), fingerprint: report.fingerprint });
    expect(error).toEqual({
      code: 'CONFLICT',
      message: 'The file or the people in PlanWell have changed since you checked the file, so nobody was added. Check the file again before importing.',
    });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);

    // Checking again reports the clash on its line, and the new preview can be imported.
    const again = await callOk(practice.app, 'people.importPreview', { csv: fixtureCsv('people-mixed.csv') });
    expect(byLine(again).get(2)?.problems).toEqual(['NHS number 999 201 0002 belongs to someone already in PlanWell']);
    expect(again.validRows).toBe(3);
    expect(again.fingerprint).not.toBe(report.fingerprint);
    expect((await callOk(practice.app, 'people.importCommit', { csv: fixtureCsv('people-mixed.csv'), fingerprint: again.fingerprint })).added).toBe(3);
  });

  it('refuses a commit whose mapping or file differs from the preview', async () => {
    const before = practiceState(practice.app, practice.dataDirectory);
    const otherMapping = await call(practice.app, 'people.importCommit', {
      csv: fixtureCsv('people-mixed.csv'),
      mapping: { ...report.mapping, address: '' },
      fingerprint: report.fingerprint,
    });
    expect(otherMapping).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const otherFile = await call(practice.app, 'people.importCommit', {
      csv: fixtureCsv('people-mixed.csv').replace('Lovelace', 'Byron'),
      fingerprint: report.fingerprint,
    });
    expect(otherFile).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });
});

describe('one transaction', () => {
  it('adds nobody when a write fails part-way through a large import', async () => {
    // More rows than one INSERT statement holds, so the import spans several statements; a trigger
    // stands in for a failure (a full disc, say) on the last person.
    const numbers = testNhsNumbers(450, '999203');
    const csv = csvOf([
      ['Given name', 'Family name', 'Date of birth', 'NHS number'],
      ...numbers.map((number, i) => [`Person${i}`, 'Sample', '01/02/1960', number]),
    ]);
    const report = await callOk(practice.app, 'people.importPreview', { csv });
    expect(report).toMatchObject({ totalRows: 450, validRows: 450, rowsLeftOut: 0 });
    const sqlite = sessionSqlite(practice.app);
    sqlite.exec(`CREATE TEMP TRIGGER fail_last_import AFTER INSERT ON person WHEN NEW.given_name = 'Person449'
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;`);
    const before = practiceState(practice.app, practice.dataDirectory);

    const result = await call(practice.app, 'people.importCommit', { csv, fingerprint: report.fingerprint });

    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
    sqlite.exec('DROP TRIGGER fail_last_import');
    expect((await callOk(practice.app, 'people.importCommit', { csv, fingerprint: report.fingerprint })).added).toBe(450);
    expect(personCount()).toBe(450);
  });

  it('lists rows with problems first when a preview has more rows than it shows', async () => {
    const next = nhsNumberSource('999204');
    const rows = Array.from({ length: 700 }, (_, i) => [`Person${i}`, 'Sample', i % 100 === 99 ? 'not a date' : '1960-02-01', next()]);
    const csv = csvOf([['Given name', 'Family name', 'Date of birth', 'NHS number'], ...rows]);
    const report = await callOk(practice.app, 'people.importPreview', { csv });
    expect(report).toMatchObject({ totalRows: 700, validRows: 693, invalidRows: 7, rowsLeftOut: 200 });
    expect(report.rows).toHaveLength(500);
    expect(report.rows.filter((row) => row.status === 'invalid').map((row) => row.line)).toEqual([101, 201, 301, 401, 501, 601, 701]);
    expect(report.rows.map((row) => row.line)).toEqual([...report.rows.map((row) => row.line)].sort((a, b) => a - b));
    // The commit's report holds every row.
    const result = await callOk(practice.app, 'people.importCommit', { csv, fingerprint: report.fingerprint });
    expect(result.added).toBe(693);
    expect(result.report.rows).toHaveLength(700);
  });
});

describe('files that cannot be imported get a clear message and change nothing', () => {
  const refusals: [string, () => string, string][] = [
    ['an empty file', () => fixtureCsv('empty.csv'), 'The file is empty.'],
    ['a file of blank lines', () => ' \r\n\r\n  \n', 'The file is empty.'],
    ['a file of random bytes with NULs', () => {
      const bytes = randomBytes(4096);
      bytes[100] = 0;
      return bytes.toString('latin1');
    }, notCsvTextMessage],
    ['random bytes without NULs read as UTF-8', () => {
      const bytes = randomBytes(4096).map((byte) => byte | 0x80);
      return Buffer.from(bytes).toString('utf8');
    }, notCsvTextMessage],
    ['a file with a header row and nothing under it', () => fixtureCsv('header-only.csv'), 'The file has a header row but no people in it.'],
    ['a header row with an unclosed quotation mark', () => '"Given name,Family name\nAda,Sample\n',
      'The header row cannot be read. A quotation mark on this line is never closed, so the rest of the file was read as part of this line.'],
    ['more rows than one import may hold', () => {
      const numbers = nhsNumberSource('9993');
      return csvOf([['Given name', 'Family name', 'Date of birth', 'NHS number'], ...Array.from({ length: importMaximumRows + 1 }, () => ['A', 'B', '1960-02-01', numbers()])]);
    }, 'The file has more than 50,000 rows. PlanWell can import up to 50,000 people at a time: split it into smaller files.'],
  ];

  for (const [what, csv, message] of refusals) {
    it(`${what}`, async () => {
      const text = csv();
      const before = practiceState(practice.app, practice.dataDirectory);
      expect(await callError(practice.app, 'people.importPreview', { csv: text })).toEqual({ code: 'INVALID_INPUT', message, issues: [{ path: 'csv', message }] });
      expect(await callError(practice.app, 'people.importCommit', { csv: text, fingerprint: 'a'.repeat(64) })).toEqual({
        code: 'INVALID_INPUT', message, issues: [{ path: 'csv', message }],
      });
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
    });
  }

  it('a file over 10 MB is refused by the contract before it is read', async () => {
    const csv = `Given name,Family name,Date of birth,NHS number\n${'x'.repeat(importMaximumCharacters)}`;
    const before = practiceState(practice.app, practice.dataDirectory);
    const issues = [{ path: 'csv', message: 'The file is larger than 10 MB. PlanWell can import files up to 10 MB: split it into smaller files.' }];
    expect(await callError(practice.app, 'people.importPreview', { csv })).toMatchObject({ code: 'INVALID_INPUT', issues });
    expect(await callError(practice.app, 'people.importCommit', { csv, fingerprint: 'a'.repeat(64) })).toMatchObject({ code: 'INVALID_INPUT', issues });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('a commit whose automatic mapping lacks a required column is refused', async () => {
    const csv = csvOf([['Name', 'Surname', 'DOB', 'NHS No'], ['Ada', 'Sample', '1950-12-10', testNhsNumbers(1, '999206')[0]!]]);
    const error = await callError(practice.app, 'people.importCommit', { csv, fingerprint: 'a'.repeat(64) });
    expect(error).toEqual({
      code: 'INVALID_INPUT',
      message: 'Choose which column holds each detail PlanWell needs.',
      issues: [{ path: 'mapping.givenName', message: 'Choose the column that holds the given name' }],
    });
  });

  it('a file where every row has a problem imports nobody', async () => {
    const csv = csvOf([['Given name', 'Family name', 'Date of birth', 'NHS number'], ['Ada', '', '1950-12-10', '9992010003']]);
    const report = await callOk(practice.app, 'people.importPreview', { csv });
    expect(report.rows[0]?.problems).toEqual([
      'Family name is missing',
      'NHS number 999 201 0003 is not a valid NHS number: check it was copied correctly',
    ]);
    const before = practiceState(practice.app, practice.dataDirectory);
    expect(await callError(practice.app, 'people.importCommit', { csv, fingerprint: report.fingerprint })).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'None of the rows can be imported. Correct the file and try again.',
    });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });
});

describe('an NHS number on many lines', () => {
  it('is reported on every line, naming the first few others', async () => {
    const [repeated, once] = testNhsNumbers(2, '999209');
    const header = ['Given name', 'Family name', 'Date of birth', 'NHS number'];
    const three = await callOk(practice.app, 'people.importPreview', {
      csv: csvOf([header, ...[1, 2, 3].map((i) => [`P${i}`, 'Sample', '1960-02-01', repeated!]), ['Q', 'Sample', '1960-02-01', once!]]),
    });
    expect(three.rows.map((row) => row.problems)).toEqual([
      [`NHS number ${formatNhsNumber(repeated!)} is also on lines 3 and 4`],
      [`NHS number ${formatNhsNumber(repeated!)} is also on lines 2 and 4`],
      [`NHS number ${formatNhsNumber(repeated!)} is also on lines 2 and 3`],
      [],
    ]);
    const many = await callOk(practice.app, 'people.importPreview', {
      csv: csvOf([header, ...Array.from({ length: 2000 }, (_, i) => [`P${i}`, 'Sample', '1960-02-01', repeated!])]),
    });
    expect(many.validRows).toBe(0);
    expect(many.rows[0]?.problems).toEqual([`NHS number ${formatNhsNumber(repeated!)} is also on lines 3, 4, 5, 6, 7 and 1,994 others`]);
    expect(many.rows[3]?.problems).toEqual([`NHS number ${formatNhsNumber(repeated!)} is also on lines 2, 3, 4, 6, 7 and 1,994 others`]);
  });
});

describe('the saved report', () => {
  it('neutralises cells a spreadsheet would run as formulae', async () => {
    const [a, b] = testNhsNumbers(2, '999208');
    const csv = csvOf([
      ['Given name', 'Family name', 'Date of birth', 'NHS number'],
      ['@SUM(1+1)', 'Sample', '1950-12-10', a!],
      ['Bea', '"=HYPERLINK(""http://example.com"")"', 'not a date', b!],
    ]);
    const report = await callOk(practice.app, 'people.importPreview', { csv });
    const result = await callOk(practice.app, 'people.importCommit', { csv, fingerprint: report.fingerprint });
    const saved = Papa.parse<string[]>(result.reportCsv, { skipEmptyLines: true }).data;
    expect(saved[1]?.[3]).toBe("'@SUM(1+1)");
    expect(saved[2]?.[4]).toBe(`'=HYPERLINK("http://example.com")`);
    // What was imported is the text as it was; only the saved report is changed.
    expect(sessionSqlite(practice.app).prepare('SELECT given_name FROM person').pluck().all()).toEqual(['@SUM(1+1)']);
  });
});

describe('line numbers', () => {
  it('count lines as an editor shows them, whatever the line endings', async () => {
    const [a, b, c] = testNhsNumbers(3, '999207');
    const header = 'Given name,Family name,Date of birth,NHS number';
    for (const newline of ['\n', '\r\n', '\r']) {
      const csv = [header, '', `Ada,Sample,1950-12-10,${a}`, ',,,', '', `Bea,"Two${newline}Lines",1950-12-10,${b}`, `Cy,Sample,1950-12-10,${c}`].join(newline);
      const report = await callOk(practice.app, 'people.importPreview', { csv });
      expect(report.rows.map((row) => [row.line, row.status]), JSON.stringify(newline)).toEqual([[3, 'valid'], [6, 'valid'], [8, 'valid']]);
    }
  });
});
