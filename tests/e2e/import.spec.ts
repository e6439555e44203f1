import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import { addPerson, expect, expectNoAxeViolations, setUpPractice, test } from './fixtures';

const mixedCsv = join(import.meta.dirname, '..', 'fixtures', 'csv', 'people-mixed.csv');

async function openImport(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/people/new`);
  await page.getByRole('link', { name: 'Import people from a file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import people from a file' })).toBeVisible();
}

test('import people from a CSV file: match the columns, see each row’s problems, confirm, find them in the caseload', async ({ page, host }) => {
  await setUpPractice(page, host.url);
  // Already in PlanWell, so line 11 of the file is reported, not imported.
  await addPerson(page, { givenName: 'Dorothy', familyName: 'Hodgkin', dateOfBirth: '1950-05-12', nhsNumber: '999 201 0061' });

  await openImport(page, host.url);
  await expectNoAxeViolations(page, 'import: choose a file');

  // Nothing chosen: the error summary and the field say so.
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Choose a CSV file' })).toBeVisible();
  await expectNoAxeViolations(page, 'import: no file chosen');

  await page.getByLabel('Upload a CSV file').setInputFiles(mixedCsv);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Match the columns' })).toBeFocused();
  await expect(page.getByText('PlanWell found 13 rows of people in people-mixed.csv')).toBeVisible();
  await expect(page.getByLabel('Given name')).toHaveValue('Forename');
  await expect(page.getByLabel('Family name')).toHaveValue('Surname');
  await expect(page.getByLabel('Date of birth')).toHaveValue('DOB');
  await expect(page.getByLabel('NHS number')).toHaveValue('NHS No');
  await expect(page.getByLabel('Postcode (optional)')).toHaveValue('Postcode');
  await expectNoAxeViolations(page, 'import: match the columns');

  // A required field left without a column is refused by the field and in the summary.
  await page.getByLabel('Given name').selectOption({ label: 'Choose a column' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Choose the column that holds the given name' })).toBeVisible();
  await expectNoAxeViolations(page, 'import: a column missing');
  // By keyboard: the summary's link moves to the select, which is chosen with the arrow keys.
  await page.getByRole('alert').getByRole('link', { name: 'Choose the column that holds the given name' }).click();
  await expect(page.getByLabel('Given name')).toBeFocused();
  await page.getByLabel('Given name').selectOption('Forename');
  await page.getByRole('button', { name: 'Continue' }).focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Check the people before importing' })).toBeFocused();
  await expect(page.getByText('4 people can be imported')).toBeVisible();
  await expect(page.getByText('9 rows have problems and will not be imported')).toBeVisible();
  const problems = page.getByRole('table', { name: 'Rows that will not be imported, and why' });
  await expect(problems.getByRole('row')).toHaveCount(10);
  await expect(problems.getByText('Given name is missing')).toBeVisible();
  await expect(problems.getByText('NHS number 999 201 0053 is also on line 9')).toBeVisible();
  await expect(problems.getByText('NHS number 999 201 0061 belongs to someone already in PlanWell')).toBeVisible();
  await expect(problems.getByText('Date of birth "31/02/1955" is not a real date: write it like 31/01/1950 or 1950-01-31')).toBeVisible();
  const toImport = page.getByRole('table', { name: 'People to import' });
  await expect(toImport.getByRole('row', { name: /Lovelace, Ada/ })).toContainText('999 201 0002');
  await expect(toImport.getByRole('row', { name: /Hopper, Grace/ })).toContainText('9 December 1946');
  await expectNoAxeViolations(page, 'import: check the people');

  await page.getByRole('button', { name: 'Import 4 people' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '4 people imported' })).toBeFocused();
  await expect(page.getByText('9 rows were not imported.')).toBeVisible();
  await expectNoAxeViolations(page, 'import: done');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the report (CSV)' }).click();
  const report = await download;
  expect(report.suggestedFilename()).toBe('people-mixed - import report.csv');
  const reportText = readFileSync(await report.path(), 'utf8');
  expect(reportText.split(/\r?\n/)[0]).toBe('Line,Result,Problems,Given name,Family name,Date of birth,NHS number,Address,Postcode');
  expect(reportText).toContain('2,Imported,,Ada,Lovelace,1950-12-10,999 201 0002,1 Mill Lane,LS1 4AP');
  expect(reportText).toContain('11,Not imported,NHS number 999 201 0061 belongs to someone already in PlanWell');

  await page.getByRole('link', { name: 'Go to the caseload' }).click();
  await page.getByRole('searchbox').fill('Lovelace');
  await expect(page.getByRole('link', { name: /Lovelace/ })).toBeVisible();
  await page.getByRole('searchbox').fill('999 201 0096');
  await expect(page.getByRole('link', { name: /Jemison/ })).toBeVisible();
});

test('a file that is not text, or too large, gets a clear message and is not imported', async ({ page, host }) => {
  await setUpPractice(page, host.url);
  await openImport(page, host.url);

  const binary = randomBytes(8192);
  binary[10] = 0;
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'people.xlsx', mimeType: 'application/octet-stream', buffer: binary });
  await page.getByRole('button', { name: 'Check the file' }).click();
  const notText = 'This file is not a CSV text file. If it is a spreadsheet, save it as "CSV (comma delimited)" first and choose that file.';
  await expect(page.getByRole('alert').getByRole('link', { name: notText })).toBeVisible();
  await expect(page.locator('#csv-file-error')).toContainText(notText);
  await expectNoAxeViolations(page, 'import: not a text file');

  const large = Buffer.alloc(Math.round(10.5 * 1024 * 1024), 'a');
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'everyone.csv', mimeType: 'text/csv', buffer: large });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('alert')).toContainText('This file is 10.5 MB. PlanWell can import files up to 10 MB: split it into smaller files.');

  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('alert')).toContainText('The file is empty.');

  await page.goto(host.url);
  await expect(page.getByText('No one has been added yet.')).toBeVisible();
});

test('a file of nearly 10 MB, every value in quotation marks, reaches PlanWell and is imported', async ({ page, host }) => {
  // Two checks and an import of 30,000 people, on a slow machine.
  test.setTimeout(240_000);
  // Sent as JSON, every quotation mark and line break is escaped, so the request is larger than the file.
  const nextNhsNumber = nhsNumberSource('9995');
  const rows = ['"Given name","Family name","Date of birth","NHS number","Address","Postcode"'];
  const people = 30_000;
  for (let i = 0; i < people; i++) {
    const address = `Flat ""A"", ${i} ""Long"" Street, ""Leeds"" ${'""x"" '.repeat(38)}`;
    rows.push(`"Given${i}","Family ""${i}""","01/02/1960","${nextNhsNumber()}","${address}","LS1 4AP"`);
  }
  const csv = Buffer.from(`${rows.join('\r\n')}\r\n`, 'utf8');
  expect(csv.length).toBeGreaterThan(9.5 * 1024 * 1024);
  expect(csv.length).toBeLessThan(10 * 1024 * 1024);
  expect(JSON.stringify(csv.toString('utf8')).length).toBeGreaterThan(12 * 1024 * 1024);

  await setUpPractice(page, host.url);
  await openImport(page, host.url);
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'practice-list.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText('PlanWell found 30,000 rows of people in practice-list.csv')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('30,000 people can be imported')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('This page lists 500 rows of 30,000')).toBeVisible();
  await page.getByRole('button', { name: 'Import 30,000 people' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '30,000 people imported' })).toBeVisible({ timeout: 120_000 });
});
