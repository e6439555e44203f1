import { describe, expect, it } from 'vitest';
import { chooseColumnMessage, fileTooLargeMessage, importFields, importFieldInSentence } from '../../src-shared/contract';
import { looksBinary } from '../../src-shared/domain/text-file';
import { isoDateFromCsv, suggestMapping } from '../../src-main/services/people-csv-import';

describe('looksBinary', () => {
  it('passes text files, whatever their language and line endings', () => {
    expect(looksBinary('Given name,Family name\r\nZoë,Ó Súilleabháin\r\n')).toBe(false);
    expect(looksBinary('Given name\tFamily name\nŁucja\tWiśniewska 👋\n')).toBe(false);
    expect(looksBinary('')).toBe(false);
    // A stray replacement character (one badly encoded letter) is not enough to refuse a file.
    expect(looksBinary(`Name\n${'Zo\uFFFD Sample\n'.repeat(10)}`)).toBe(false);
  });

  it('refuses anything with a NUL character, and text that is mostly control or replacement characters', () => {
    expect(looksBinary('PK\u0003\u0004\u0000\u0000rest of a zip')).toBe(true);
    expect(looksBinary('Name\n\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDab')).toBe(true);
    expect(looksBinary('\u0001\u0002\u0003\u0004abcdefghij')).toBe(true);
  });
});

describe('dates in a CSV file', () => {
  it('reads UK dates as day, month, year and leaves anything else for the schema', () => {
    expect(isoDateFromCsv('31/01/1950')).toBe('1950-01-31');
    expect(isoDateFromCsv('1/2/1950')).toBe('1950-02-01');
    expect(isoDateFromCsv('31-01-1950')).toBe('1950-01-31');
    expect(isoDateFromCsv('31.01.1950')).toBe('1950-01-31');
    expect(isoDateFromCsv('1950-01-31')).toBe('1950-01-31');
    expect(isoDateFromCsv('31/01/50')).toBe('31/01/50');
    expect(isoDateFromCsv('January 1950')).toBe('January 1950');
  });
});

describe('messages', () => {
  it('says how large a refused file is, in megabytes', () => {
    expect(fileTooLargeMessage(50 * 1024 * 1024)).toBe('This file is 50 MB. PlanWell can import files up to 10 MB: split it into smaller files.');
    expect(fileTooLargeMessage(10.5 * 1024 * 1024)).toBe('This file is 10.5 MB. PlanWell can import files up to 10 MB: split it into smaller files.');
  });

  it('names fields inside a sentence', () => {
    expect(importFields.map(importFieldInSentence)).toContain('NHS number');
    expect(importFieldInSentence('registeredPractice')).toBe('registered GP practice');
    expect(chooseColumnMessage('dateOfBirth')).toBe('Choose the column that holds the date of birth');
  });
});

describe('suggestMapping', () => {
  it('gives each column to one field at most, the first that names it', () => {
    expect(suggestMapping(['Surname', 'Last name', 'Mobile', 'Telephone'])).toEqual({ familyName: 'Surname', phone: 'Mobile' });
    expect(suggestMapping(['givenName', 'FAMILY-NAME', 'date of birth', 'NHS_No'])).toEqual({
      givenName: 'givenName', familyName: 'FAMILY-NAME', dateOfBirth: 'date of birth', nhsNumber: 'NHS_No',
    });
    expect(suggestMapping([])).toEqual({});
  });
});
