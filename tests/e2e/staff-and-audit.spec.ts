import { addPerson, expect, expectNoAxeViolations, holdChannel, logIn, practice, setUpPractice, test } from './fixtures';

test('an administrator creates a nurse, who must choose a password, cannot manage staff, is locked when idle and is audited', async ({ page, host }) => {
  // Fake timers from the start, so idle time can be fast-forwarded; time still runs on its own.
  await page.clock.install();
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Iris', familyName: 'Okafor', dateOfBirth: '1941-07-14', nhsNumber: '999 000 0034' });

  // The administrator's screens.
  await page.getByRole('link', { name: 'Staff', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  await expectNoAxeViolations(page, 'staff list');
  await page.getByRole('link', { name: 'Add a staff member' }).click();
  await expectNoAxeViolations(page, 'add a staff member');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert').getByText('Choose at least one role')).toBeVisible();
  await page.getByLabel('Full name').fill('Priya Shah');
  await page.getByLabel('Username').fill('p.shah');
  await page.getByLabel('Nurse or care coordinator').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  const oneTimePassword = (await page.getByTestId('one-time-password').textContent()) ?? '';
  expect(oneTimePassword).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
  await expectNoAxeViolations(page, 'account created');

  await page.getByRole('link', { name: 'Settings' }).click();
  await expectNoAxeViolations(page, 'settings');
  await page.getByLabel('Lock PlanWell after this many minutes without use').fill('90');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('#idleLockMinutes-error')).toContainText('60 minutes or fewer');
  await page.getByLabel('Lock PlanWell after this many minutes without use').fill('5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  // The nurse's first log-in: a one-time password, then their own.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, 'p.shah', oneTimePassword);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expectNoAxeViolations(page, 'choose your password');
  await expect(page.getByRole('link', { name: 'Caseload', exact: true })).toHaveCount(0);
  await page.getByLabel('One-time password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill('silver kettle meadow');
  await page.getByLabel('Type the new password again').fill('silver kettle meadow');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Staff', exact: true })).toHaveCount(0);
  await page.goto(`${host.url}#/staff`);
  await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();

  // The nurse opens a record (audited), then starts adding someone and walks away.
  await page.goto(`${host.url}#/`);
  await page.getByLabel('Search by name or NHS number').fill('okafor');
  await page.getByRole('link', { name: 'Okafor, Iris' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Iris Okafor/ })).toBeVisible();
  // On a busy computer the form's saved draft is still being read when they type and walk away.
  const letDraftReadThrough = await holdChannel(page, 'drafts.get');
  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await page.getByLabel('Given name').fill('Half typed');
  await page.clock.fastForward('05:30');
  await letDraftReadThrough();
  await expect(page.getByRole('heading', { level: 1, name: 'PlanWell is locked' })).toBeVisible();
  await page.getByLabel('Password').fill('silver kettle meadow');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a person' })).toBeVisible();
  await expect(page.getByLabel('Given name')).toHaveValue('Half typed');
  await expect(page.getByText('We kept what you had typed before PlanWell locked')).toBeVisible();

  // Back as the administrator: the audit trail shows the nurse's view and is intact.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, practice.username, practice.password);
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await page.getByLabel('Staff member').selectOption({ label: 'Priya Shah (p.shah)' });
  await page.getByLabel('Action').selectOption({ label: 'Viewed a record' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('Showing 1 to 1 of 1 event')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Iris Okafor' });
  await expect(row).toContainText('Priya Shah');
  await expectNoAxeViolations(page, 'audit trail');
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByText(/Intact\./)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^PlanWell audit \d{4}-\d{2}-\d{2}\.csv$/);
});

test('an administrator without a clinical role cannot see the caseload', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByLabel('Practice name').fill('Manager Only Surgery');
  await page.getByLabel('Full name').fill('Morgan Lee');
  await page.getByLabel('Username').fill('m.lee');
  await page.getByLabel('Password', { exact: true }).fill('copper lighthouse autumn');
  await page.getByLabel('Type the password again').fill('copper lighthouse autumn');
  await page.getByRole('button', { name: 'Set up PlanWell' }).click();
  await page.getByLabel(/I have printed or written down the recovery code/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice administration' })).toBeVisible();
  await expectNoAxeViolations(page, 'practice administration');
  await expect(page.getByRole('link', { name: 'Caseload', exact: true })).toHaveCount(0);
  await page.goto(`${host.url}#/people/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
});
