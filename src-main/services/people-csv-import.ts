import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { toCsv } from './csv';
import type { z } from 'zod';
import {
  chooseColumnMessage,
  importFieldLabels,
  importFields,
  importMaximumColumns,
  importMaximumRows,
  importPreviewRowLimit,
  newPersonSchema,
  notCsvTextMessage,
  requiredImportFields,
  type ChannelParsedInput,
  type ColumnMapping,
  type ImportField,
  type ImportReport,
  type ImportResult,
  type ImportRowReport,
  type NewPerson,
} from '../../src-shared/contract';
import { formatNhsNumber, nhsNumberProblem, normaliseNhsNumber } from '../../src-shared/domain/nhs-number';
import { looksBinary } from '../../src-shared/domain/text-file';
import type { FieldIssue } from '../../src-shared/result';
import type { AppDatabase } from '../db/database';
import { AppError, conflict } from '../ipc/errors';
import { insertPeople } from './people-import';
import type { SessionDependencies } from './session-dependencies';

/**
 * Importing people from a CSV file. The preview and the commit run the same check from the
 * text up: the commit never trusts what the preview said, it only insists the outcome is the one
 * the member of staff saw (the fingerprint), so nobody is added who was not in the preview.
 */

// ---------------------------------------------------------------------------------------------
// Reading the file

interface FileRow {
  /** Where the row starts in the file; the header is usually line 1. */
  line: number;
  cells: string[];
  /** Problems with the row's shape (quotes, number of values), before its values are checked. */
  problems: string[];
}

interface CsvFile {
  headers: string[];
  rows: FileRow[];
}

function invalidFile(message: string): AppError {
  return new AppError('INVALID_INPUT', message, [{ path: 'csv', message }]);
}

const headerLength = 100;

/** Header names as shown in the mapping form: trimmed, never blank, never repeated. */
function headerNames(cells: string[]): string[] {
  const seen = new Set<string>();
  return cells.map((cell, index) => {
    const base = cell.trim().slice(0, headerLength) || `Column ${index + 1}`;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base} (${n})`;
    seen.add(name);
    return name;
  });
}

function quoteProblem(errors: Papa.ParseError[]): string | null {
  const quotes = errors.find((error) => error.type === 'Quotes');
  if (!quotes) return null;
  return quotes.code === 'MissingQuotes'
    ? 'A quotation mark on this line is never closed, so the rest of the file was read as part of this line'
    : 'A value on this line has a quotation mark in the wrong place';
}

/**
 * Papaparse reads the rows (quotes, line breaks inside quotes, the delimiter); this keeps the
 * line each row starts on, which papaparse's header mode does not report, so the header row and
 * empty lines are handled here.
 */
export function readCsv(csv: string): CsvFile {
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  if (text.trim() === '') throw invalidFile('The file is empty.');
  if (looksBinary(text)) throw invalidFile(notCsvTextMessage);

  let headers: string[] | null = null;
  let headerProblem: string | null = null;
  let tooManyRows = false;
  const rows: FileRow[] = [];
  // Line counting: the text before `scanned` holds `linesBefore` line breaks.
  let scanned = 0;
  let linesBefore = 0;
  let rowStart = 0;

  const lineAt = (offset: number): number => {
    for (; scanned < offset; scanned++) {
      const code = text.charCodeAt(scanned);
      if (code === 0x0a) linesBefore++;
      else if (code === 0x0d && text.charCodeAt(scanned + 1) !== 0x0a) linesBefore++;
    }
    return linesBefore + 1;
  };

  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (result, parser) => {
      const start = rowStart;
      rowStart = result.meta.cursor;
      const cells = result.data;
      // Empty lines, and lines of empty values (",,,," as spreadsheets save them), are skipped.
      if (cells.every((cell) => cell.trim() === '')) return;
      if (headers === null) {
        headers = headerNames(cells);
        headerProblem = quoteProblem(result.errors);
        return;
      }
      if (rows.length === importMaximumRows) {
        tooManyRows = true;
        parser.abort();
        return;
      }
      const problems: string[] = [];
      const quotes = quoteProblem(result.errors);
      if (quotes) problems.push(quotes);
      else if (cells.length !== headers.length) {
        problems.push(
          `This line has ${cells.length} values but the header row has ${headers.length}` +
            (cells.length > headers.length ? ': check for a comma that should be inside quotation marks' : ''),
        );
      }
      rows.push({ line: lineAt(start), cells, problems });
    },
  });

  if (headers === null) throw invalidFile('The file is empty.');
  const found: string[] = headers;
  if (headerProblem) throw invalidFile(`The header row cannot be read. ${headerProblem}.`);
  if (found.length > importMaximumColumns) {
    throw invalidFile(`The file has ${found.length.toLocaleString('en-GB')} columns. PlanWell can read up to ${importMaximumColumns}: remove the columns you do not need.`);
  }
  if (tooManyRows) {
    throw invalidFile(`The file has more than ${importMaximumRows.toLocaleString('en-GB')} rows. PlanWell can import up to ${importMaximumRows.toLocaleString('en-GB')} people at a time: split it into smaller files.`);
  }
  if (rows.length === 0) throw invalidFile('The file has a header row but no people in it.');
  return { headers: found, rows };
}

// ---------------------------------------------------------------------------------------------
// Which column fills which field

/** Header names people use for each field, compared in lower case without spaces or punctuation. */
const headerSynonyms: Record<ImportField, readonly string[]> = {
  givenName: ['givenname', 'givennames', 'forename', 'forenames', 'firstname', 'firstnames', 'first', 'christianname'],
  familyName: ['familyname', 'surname', 'lastname', 'last', 'secondname'],
  preferredName: ['preferredname', 'knownas', 'nickname', 'preferredforename', 'preferredfirstname'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'dateofbirthddmmyyyy', 'born'],
  nhsNumber: ['nhsnumber', 'nhsno', 'nhsnum', 'nhs', 'nhsid'],
  sexOrGender: ['sexorgender', 'sex', 'gender', 'genderidentity'],
  address: ['address', 'homeaddress', 'fulladdress', 'postaladdress'],
  postcode: ['postcode', 'postalcode', 'zipcode', 'zip'],
  phone: ['phone', 'phonenumber', 'telephone', 'telephonenumber', 'tel', 'telno', 'mobile', 'mobilenumber', 'mobilephone', 'contactnumber'],
  email: ['email', 'emailaddress'],
  registeredPractice: ['registeredpractice', 'registeredgppractice', 'gppractice', 'practice', 'gpsurgery', 'surgery', 'registeredgp'],
};

function comparable(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The mapping PlanWell suggests: each field takes the first header that names it. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of importFields) {
    const header = headers.find((h) => !used.has(h) && headerSynonyms[field].includes(comparable(h)));
    if (header !== undefined) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

function mappingIssue(field: ImportField): FieldIssue {
  return { path: `mapping.${field}`, message: chooseColumnMessage(field) };
}

/**
 * The mapping to use. A mapping that was given must name columns the file has and fill every
 * required field; PlanWell's own suggestion may fall short, and then says which fields are missing.
 */
function resolveMapping(headers: readonly string[], given: ColumnMapping | undefined): { mapping: ColumnMapping; missingFields: ImportField[] } {
  const mapping: ColumnMapping = {};
  const source = given ?? suggestMapping(headers);
  const issues: FieldIssue[] = [];
  for (const field of importFields) {
    const header = source[field];
    if (header === undefined || header === '') continue;
    if (headers.includes(header)) mapping[field] = header;
    else issues.push({ path: `mapping.${field}`, message: `The file has no column called "${header}"` });
  }
  const missingFields = requiredImportFields.filter((field) => mapping[field] === undefined);
  if (given) {
    for (const field of missingFields) {
      if (!issues.some((issue) => issue.path === `mapping.${field}`)) issues.push(mappingIssue(field));
    }
  }
  if (issues.length > 0) throw new AppError('INVALID_INPUT', 'Choose which column holds each detail PlanWell needs.', issues);
  return { mapping, missingFields };
}

// ---------------------------------------------------------------------------------------------
// Checking each row with the add-person form's own schema

/** 31/01/1950, 31-01-1950 and 31.01.1950 become 1950-01-31; anything else is left for the schema to judge. */
export function isoDateFromCsv(text: string): string {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!uk) return text;
  const [, day = '', month = '', year = ''] = uk;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const shownLength = 60;
function shown(value: string): string {
  return value.length > shownLength ? `${value.slice(0, shownLength)}…` : value;
}

/** A schema issue as a line of the report: what is wrong with which value, in plain words. */
function describeIssue(field: ImportField, issue: z.core.$ZodIssue, raw: string): string {
  const label = importFieldLabels[field];
  if (raw === '' && requiredImportFields.includes(field)) return `${label} is missing`;
  if (field === 'dateOfBirth' && issue.code === 'invalid_format') {
    return `Date of birth "${shown(raw)}" is not a real date: write it like 31/01/1950 or 1950-01-31`;
  }
  if (field === 'nhsNumber') {
    const problem = nhsNumberProblem(raw);
    if (problem === 'not-ten-digits') return `NHS number "${shown(raw)}" is not 10 digits`;
    if (problem === 'check-digit') return `NHS number ${formatNhsNumber(raw)} is not a valid NHS number: check it was copied correctly`;
  }
  return issue.message.toLowerCase().startsWith(label.toLowerCase()) ? issue.message : `${label}: ${issue.message}`;
}

interface CheckedRow {
  line: number;
  problems: string[];
  /** The text in the file for each mapped field. */
  raw: Partial<Record<ImportField, string>>;
  person: NewPerson | null;
  /** The NHS number as ten digits, if the text is a valid one (even when other values are not). */
  nhsNumber: string | null;
}

function checkRow(row: FileRow, columns: ReadonlyArray<[ImportField, number]>): CheckedRow {
  const raw: Partial<Record<ImportField, string>> = {};
  const input: Partial<Record<ImportField, string>> = {};
  for (const [field, column] of columns) {
    const value = (row.cells[column] ?? '').trim();
    raw[field] = value;
    input[field] = field === 'dateOfBirth' ? isoDateFromCsv(value) : value;
  }
  const problems = [...row.problems];
  const parsed = newPersonSchema.safeParse(input);
  if (!parsed.success) {
    const described = new Set<ImportField>();
    for (const issue of parsed.error.issues) {
      const field = importFields.find((f) => f === issue.path[0]);
      if (field === undefined) {
        // A rule about something no column fills: still a reason the row cannot be added.
        if (!problems.includes(issue.message)) problems.push(issue.message);
        continue;
      }
      // One problem per value: the first the schema found.
      if (described.has(field)) continue;
      described.add(field);
      problems.push(describeIssue(field, issue, raw[field] ?? ''));
    }
  }
  const nhsText = raw.nhsNumber ?? '';
  return {
    line: row.line,
    problems,
    raw,
    person: parsed.success ? parsed.data : null,
    nhsNumber: nhsNumberProblem(nhsText) === null ? normaliseNhsNumber(nhsText) : null,
  };
}

const linesNamed = 5;

/** "line 7", "lines 7 and 9", or for a number on many lines "lines 7, 9, 12, 15, 20 and 95 others". */
function otherLines(lines: readonly number[], own: number): string {
  const others = lines.length - 1;
  // Only the first few are looked at: a file with one number on every line stays quick to check.
  const named = lines.slice(0, linesNamed + 1).filter((line) => line !== own).slice(0, linesNamed);
  if (others === 1) return `line ${named[0]}`;
  if (others <= linesNamed) return `lines ${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return `lines ${named.join(', ')} and ${(others - linesNamed).toLocaleString('en-GB')} others`;
}

/** NHS numbers per existence check, under SQLite's limit on bound values. */
const numbersPerLookup = 900;

async function numbersAlreadyInPlanWell(db: AppDatabase, numbers: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < numbers.length; start += numbersPerLookup) {
    const rows = await db.selectFrom('person').select('nhs_number').where('nhs_number', 'in', numbers.slice(start, start + numbersPerLookup)).execute();
    for (const row of rows) found.add(row.nhs_number);
  }
  return found;
}

/** An NHS number twice in the file is a problem on every line that has it; so is one PlanWell already holds. */
async function markDuplicates(db: AppDatabase, rows: CheckedRow[]): Promise<void> {
  const linesByNumber = new Map<string, number[]>();
  for (const row of rows) {
    if (row.nhsNumber === null) continue;
    const lines = linesByNumber.get(row.nhsNumber);
    if (lines) lines.push(row.line);
    else linesByNumber.set(row.nhsNumber, [row.line]);
  }
  const existing = await numbersAlreadyInPlanWell(db, [...linesByNumber.keys()]);
  for (const row of rows) {
    if (row.nhsNumber === null) continue;
    const shownNumber = formatNhsNumber(row.nhsNumber);
    const lines = linesByNumber.get(row.nhsNumber) ?? [];
    if (lines.length > 1) row.problems.push(`NHS number ${shownNumber} is also on ${otherLines(lines, row.line)}`);
    if (existing.has(row.nhsNumber)) row.problems.push(`NHS number ${shownNumber} belongs to someone already in PlanWell`);
  }
}

function reportRow(row: CheckedRow): ImportRowReport {
  const values: Partial<Record<ImportField, string>> = {};
  const valid = row.problems.length === 0 && row.person !== null;
  for (const field of importFields) {
    const value = valid && row.person ? row.person[field] : row.raw[field];
    if (value) values[field] = valid ? value : shown(value);
  }
  return { line: row.line, status: valid ? 'valid' : 'invalid', problems: row.problems, values };
}

interface CheckedFile {
  report: ImportReport;
  rows: CheckedRow[];
}

/** Reads and checks the whole file; the report lists every row. Writes nothing. */
async function checkFile(db: AppDatabase, csv: string, given: ColumnMapping | undefined): Promise<CheckedFile> {
  const file = readCsv(csv);
  const { mapping, missingFields } = resolveMapping(file.headers, given);
  const base = { headers: file.headers, mapping, missingFields, totalRows: file.rows.length, rowsLeftOut: 0 };
  if (missingFields.length > 0) {
    return { rows: [], report: { ...base, validRows: 0, invalidRows: 0, rows: [], fingerprint: '' } };
  }
  const columns = importFields.flatMap((field): [ImportField, number][] => {
    const header = mapping[field];
    return header === undefined ? [] : [[field, file.headers.indexOf(header)]];
  });
  const rows = file.rows.map((row) => checkRow(row, columns));
  await markDuplicates(db, rows);
  const reported = rows.map(reportRow);
  const validRows = reported.filter((row) => row.status === 'valid').length;
  return {
    rows,
    report: {
      ...base,
      validRows,
      invalidRows: reported.length - validRows,
      rows: reported,
      fingerprint: fingerprintOf(csv, mapping, reported),
    },
  };
}

/** Binds the file, the mapping and which lines are valid: what the member of staff confirmed. */
function fingerprintOf(csv: string, mapping: ColumnMapping, rows: ImportRowReport[]): string {
  const validLines = rows.filter((row) => row.status === 'valid').map((row) => row.line);
  return createHash('sha256')
    .update(csv)
    .update('\u0000')
    .update(JSON.stringify(importFields.map((field) => mapping[field] ?? null)))
    .update('\u0000')
    .update(validLines.join(','))
    .digest('hex');
}

/** The rows a preview sends: problems first (they are what needs reading), then valid rows, in file order. */
function previewRows(rows: ImportRowReport[]): ImportRowReport[] {
  if (rows.length <= importPreviewRowLimit) return rows;
  const invalid = rows.filter((row) => row.status === 'invalid').slice(0, importPreviewRowLimit);
  const valid = rows.filter((row) => row.status === 'valid').slice(0, importPreviewRowLimit - invalid.length);
  return [...invalid, ...valid].sort((a, b) => a.line - b.line);
}

export async function previewImport({ db }: SessionDependencies, input: ChannelParsedInput<'people.importPreview'>): Promise<ImportReport> {
  const { report } = await checkFile(db, input.csv, input.mapping);
  const rows = previewRows(report.rows);
  return { ...report, rows, rowsLeftOut: report.rows.length - rows.length };
}

/**
 * Checks the file again from the text up and adds its valid rows in one transaction, with one
 * audit row. If the outcome is not the one previewed (someone added a person with one of the NHS
 * numbers meanwhile, or the file or mapping differ), nothing is written and the caller is told to
 * check the file again: nobody is added who was not in the preview the member of staff confirmed.
 */
export async function commitImport(deps: SessionDependencies, input: ChannelParsedInput<'people.importCommit'>): Promise<ImportResult> {
  const { report, rows } = await checkFile(deps.db, input.csv, input.mapping);
  if (report.missingFields.length > 0) {
    throw new AppError('INVALID_INPUT', 'Choose which column holds each detail PlanWell needs.', report.missingFields.map(mappingIssue));
  }
  if (report.fingerprint !== input.fingerprint) {
    throw conflict('The file or the people in PlanWell have changed since you checked the file, so nobody was added. Check the file again before importing.');
  }
  const people = rows.flatMap((row) => (row.problems.length === 0 && row.person ? [row.person] : []));
  if (people.length === 0) throw invalidFile('None of the rows can be imported. Correct the file and try again.');
  const notImported = report.invalidRows > 0 ? `; ${report.invalidRows} rows not imported` : '';
  const added = await insertPeople(deps, people, [], {
    channel: 'people.importCommit',
    detail: `Imported ${people.length} people from a CSV file${notImported}`,
  });
  return { added, report, reportCsv: reportCsv(report) };
}

/** The report as a CSV file: the line, what happened, why, and the values (NHS numbers spaced, so spreadsheets keep them as text). */
export function reportCsv(report: ImportReport): string {
  const fields = importFields.filter((field) => report.mapping[field] !== undefined);
  return toCsv(
    ['Line', 'Result', 'Problems', ...fields.map((field) => importFieldLabels[field])],
    report.rows.map((row) => [
        row.line,
        row.status === 'valid' ? 'Imported' : 'Not imported',
        row.problems.join('; '),
        ...fields.map((field) => {
          const value = row.values[field] ?? '';
          return field === 'nhsNumber' && row.status === 'valid' ? formatNhsNumber(value) : value;
        }),
      ]),
  );
}
