import { z } from 'zod';
import { channel } from './channel';

/**
 * Importing people from a CSV file: a preview that writes nothing, then a commit that checks
 * everything again in the main process and writes the valid rows in one transaction.
 */

/** The PlanWell fields a CSV column can fill, in the order the mapping form shows them. */
export const importFields = [
  'givenName',
  'familyName',
  'preferredName',
  'dateOfBirth',
  'nhsNumber',
  'sexOrGender',
  'address',
  'postcode',
  'phone',
  'email',
  'registeredPractice',
] as const;
export type ImportField = (typeof importFields)[number];

/** What newPersonSchema cannot do without. */
export const requiredImportFields: readonly ImportField[] = ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber'];

export const importFieldLabels: Record<ImportField, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  nhsNumber: 'NHS number',
  sexOrGender: 'Sex or gender',
  address: 'Address',
  postcode: 'Postcode',
  phone: 'Phone number',
  email: 'Email address',
  registeredPractice: 'Registered GP practice',
};

/** A field's name inside a sentence: "the date of birth", "the NHS number". */
export function importFieldInSentence(field: ImportField): string {
  const label = importFieldLabels[field];
  return label.startsWith('NHS') ? label : `${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/** What the mapping step says when a required field has no column. */
export function chooseColumnMessage(field: ImportField): string {
  return `Choose the column that holds the ${importFieldInSentence(field)}`;
}

const megabyte = 1024 * 1024;
/** The largest file the renderer reads, in bytes; its text is then at most this many characters. */
export const importMaximumFileBytes = 10 * megabyte;
export const importMaximumCharacters = 10 * megabyte;
/** Rows one file may hold: a whole practice list, checked in a few seconds. */
export const importMaximumRows = 50_000;
/** Columns one file may have. */
export const importMaximumColumns = 200;
/** Rows a preview sends back (rows with problems first); the counts always cover every row. */
export const importPreviewRowLimit = 500;

/** "12.5 MB", for messages about file sizes. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / megabyte).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

export function fileTooLargeMessage(bytes: number): string {
  return `This file is ${formatMegabytes(bytes)}. PlanWell can import files up to ${formatMegabytes(importMaximumFileBytes)}: split it into smaller files.`;
}

export const notCsvTextMessage =
  'This file is not a CSV text file. If it is a spreadsheet, save it as "CSV (comma delimited)" first and choose that file.';

/** A PlanWell field → the CSV header that fills it; '' or absent means the file has no such column. */
export const columnMappingSchema = z.partialRecord(
  z.enum(importFields),
  z.string().max(200, 'Choose a column from the list'),
);
export type ColumnMapping = z.output<typeof columnMappingSchema>;

const csvSchema = z
  .string()
  .max(importMaximumCharacters, `The file is larger than ${formatMegabytes(importMaximumCharacters)}. PlanWell can import files up to ${formatMegabytes(importMaximumCharacters)}: split it into smaller files.`);

export const importPreviewSchema = z.strictObject({
  csv: csvSchema,
  /** Absent: PlanWell suggests one from the header names. */
  mapping: columnMappingSchema.optional(),
});
export type ImportPreviewInput = z.input<typeof importPreviewSchema>;

export const importCommitSchema = z.strictObject({
  csv: csvSchema,
  mapping: columnMappingSchema.optional(),
  /** The preview's fingerprint: the commit refuses if the file, mapping or outcome has changed since. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'Check the file again before importing'),
});
export type ImportCommitInput = z.input<typeof importCommitSchema>;

export type ImportRowStatus = 'valid' | 'invalid';

export interface ImportRowReport {
  /** The line of the file the row starts on, counting the header as line 1. */
  line: number;
  status: ImportRowStatus;
  /** What is wrong, in plain words; empty for valid rows. */
  problems: string[];
  /** Valid rows: the values as PlanWell stores them. Invalid rows: the text in the file (shortened). */
  values: Partial<Record<ImportField, string>>;
}

export interface ImportReport {
  /** The header row as read (trimmed; a repeated name gets a number). */
  headers: string[];
  /** The mapping used: the one given, or PlanWell's suggestion. */
  mapping: ColumnMapping;
  /** Required fields no column fills. While any are missing, no row is checked. */
  missingFields: ImportField[];
  /** Data rows in the file (empty lines are skipped). */
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /**
   * In file order. A preview lists at most importPreviewRowLimit rows, choosing rows with problems
   * before valid ones; a commit lists them all.
   */
  rows: ImportRowReport[];
  /** Rows checked but not listed in `rows`. */
  rowsLeftOut: number;
  /** Names this file, mapping and outcome; the commit must name the same. '' when nothing was checked. */
  fingerprint: string;
}

export interface ImportResult {
  added: number;
  /** Every row, none left out. */
  report: ImportReport;
  /**
   * The same report as a CSV file the member of staff can save: one line per row, what happened
   * to it and why. Made in the main process (papaparse, with formulae neutralised).
   */
  reportCsv: string;
}

export const importChannels = {
  /** Reads and checks a CSV file; writes nothing. */
  'people.importPreview': channel<ImportReport>()({ input: importPreviewSchema, permission: 'people:write' }),
  /** Checks the file again and adds its valid rows in one transaction. */
  'people.importCommit': channel<ImportResult>()({ input: importCommitSchema, permission: 'people:write' }),
};
