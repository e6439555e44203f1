import { join } from 'node:path';
import { api, expect, expectNoAxeViolations, holdChannel, logIn, practice, setUpPractice, startHost, stopHost, test } from './fixtures';
import { testNhsNumber } from '../fixtures/nhs-numbers';

test('back up now from the home screen, restore from Settings, and restore onto a new computer with the recovery code', async ({ page, host }) => {
  // Two preview hosts and two restores, each unwrapping a key with scrypt.
  test.setTimeout(120_000);
  const recoveryCode = await setUpPractice(page, host.url);
  await api(page, 'people.create', { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1950-12-10', nhsNumber: testNhsNumber('999201') });

  // The home screen warns: nothing has been backed up yet.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Important: Back up PlanWell' })).toBeVisible();
  await expect(page.getByText('PlanWell has not been backed up yet.')).toBeVisible();
  await expectNoAxeViolations(page, 'caseload with the backup warning');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').getByText(/^Backed up and checked at /)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Important: Back up PlanWell' })).toHaveCount(0);

  // Grace arrives after the backup.
  await api(page, 'people.create', { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1946-12-09', nhsNumber: testNhsNumber('999202') });

  // The settings form appears only with the saved settings in it: held back here until the
  // answer is let through, nothing can be typed that the answer would overwrite.
  const letStatusThrough = await holdChannel(page, 'backups.status');
  await page.goto(`${host.url}#/settings/backups`);
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the backup settings…' })).toBeVisible();
  await expect(page.getByLabel('Daily backups to keep')).toHaveCount(0);
  await letStatusThrough();
  await expect(page.getByLabel('Daily backups to keep')).toHaveValue('7');
  await page.getByLabel('Daily backups to keep').fill('0');
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Keep at least 1 daily backup' })).toBeVisible();
  await page.getByLabel('Daily backups to keep').fill('10');
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByRole('status').getByText('Backup settings saved.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Backups, newest first' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('cell', { name: 'Made by hand' })).toBeVisible();
  await expectNoAxeViolations(page, 'backups');

  await table.getByRole('link', { name: /^Restore/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Restore a backup' })).toBeVisible();
  await page.getByRole('button', { name: 'Check the backup' }).click();
  const holds = page.getByRole('heading', { name: 'What this backup holds' });
  await expect(holds).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: practice.practiceName })).toBeVisible();
  await expectNoAxeViolations(page, 'restore a backup');
  await page.getByRole('textbox', { name: 'Username' }).fill(practice.username);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByRole('alert').getByText(/That did not open this backup/)).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(practice.password);
  await page.getByRole('button', { name: 'Restore this backup' }).click();

  // Everyone logs in again; Grace, added after the backup, is not there.
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await logIn(page, practice.username, practice.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Lovelace/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Hopper/ })).toHaveCount(0);

  // A new computer starts from the backup instead of setting up.
  // (The log-in after the restore made the day's backup, which replaces the one made by hand: one a day is kept.)
  const backups = await api(page, 'backups.list', {});
  const withAdaOnly = backups.find((backup) => backup.rowCounts.person === 1);
  if (!withAdaOnly) throw new Error('No backup holds the restored practice');
  const backupPath = join(host.dataDirectory, 'backups', withAdaOnly.fileName);
  const newComputer = await startHost();
  try {
    await page.goto(newComputer.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up PlanWell' })).toBeVisible();
    await page.getByRole('link', { name: 'Restore your practice from a backup' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Restore a backup' })).toBeVisible();
    await page.getByLabel('Backup file').fill(backupPath);
    await page.getByRole('button', { name: 'Check the backup' }).click();
    await expect(page.getByRole('heading', { name: 'What this backup holds' })).toBeVisible();
    await page.getByLabel('The recovery code').check();
    await page.getByLabel('Recovery code', { exact: true }).fill(recoveryCode);
    await expectNoAxeViolations(page, 'restore on a new computer');
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await logIn(page, practice.username, practice.password);
    await expect(page.getByRole('link', { name: /Lovelace/ })).toBeVisible();
  } finally {
    await stopHost(newComputer);
  }
});
