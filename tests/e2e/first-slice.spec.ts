import { expectNoAxeViolations, expect, practice, setUpPractice, test } from './fixtures';

test('set up, log in, add a person, find them by NHS number, lock and unlock', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up PlanWell' })).toBeVisible();
  await expectNoAxeViolations(page, 'set-up');

  // A password that breaks the rules is refused by the same schema the main process uses.
  await page.getByRole('button', { name: 'Set up PlanWell' }).click();
  await expect(page.getByRole('alert').getByText('Enter the practice name')).toBeVisible();
  await expectNoAxeViolations(page, 'set-up with errors');

  await setUpPractice(page, host.url);
  await expectNoAxeViolations(page, 'empty caseload');
  await expect(page.getByText('No one has been added yet.')).toBeVisible();

  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a person' })).toBeVisible();
  await expectNoAxeViolations(page, 'add a person');
  await page.getByLabel('Given name').fill('Zoë');
  await page.getByLabel('Family name').fill('Ó Súilleabháin');
  await page.getByLabel('Date of birth').fill('1948-02-29');
  await page.getByLabel('NHS number').fill('999 000 0018');
  await page.getByRole('button', { name: 'Save person' }).click();

  await expect(page.getByRole('heading', { level: 1, name: /Zoë Ó Súilleabháin/ })).toBeVisible();
  await expect(page.getByText('Born 29 February 1948')).toBeVisible();
  await expectNoAxeViolations(page, 'person');

  await page.getByRole('link', { name: 'Back to caseload' }).click();
  await page.getByLabel('Search by name or NHS number').fill('999 000 0018');
  await expect(page.getByText('Showing 1 person')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ó Súilleabháin, Zoë' })).toBeVisible();
  await page.getByLabel('Search by name or NHS number').fill('zoe suil');
  await expect(page.getByRole('link', { name: 'Ó Súilleabháin, Zoë' })).toBeVisible();
  await expectNoAxeViolations(page, 'caseload with results');

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'PlanWell is locked' })).toBeVisible();
  await expectNoAxeViolations(page, 'locked');
  await page.getByLabel('Password').fill('not the right password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert').getByText('Username or password is not right')).toBeVisible();
  await page.getByLabel('Password').fill(practice.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Log in to PlanWell/ })).toBeVisible();
  await expect(page.getByText(practice.practiceName).first()).toBeVisible();
  await expectNoAxeViolations(page, 'log in');
  await page.getByLabel('Username').fill(practice.username.toUpperCase());
  await page.getByLabel('Password').fill(practice.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Search by name or NHS number').fill('9990000018');
  await expect(page.getByRole('link', { name: 'Ó Súilleabháin, Zoë' })).toBeVisible();
});

test('an invalid or duplicate NHS number gets a clear message by the field and nothing is saved', async ({ page, host }) => {
  await setUpPractice(page, host.url);
  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await page.getByLabel('Given name').fill('Sam');
  await page.getByLabel('Family name').fill('Patel');
  await page.getByLabel('Date of birth').fill('1970-05-01');
  await page.getByLabel('NHS number').fill('999 000 0019');
  await page.getByRole('button', { name: 'Save person' }).click();
  const message = 'This is not a valid NHS number. Check it has been typed correctly';
  await expect(page.getByRole('alert').getByRole('link', { name: message })).toBeVisible();
  await expect(page.locator('#nhsNumber-error')).toContainText(message);
  await expectNoAxeViolations(page, 'add a person with errors');

  await page.getByLabel('NHS number').fill('9990000026');
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Sam Patel/ })).toBeVisible();

  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await page.getByLabel('Given name').fill('Samuel');
  await page.getByLabel('Family name').fill('Patel');
  await page.getByLabel('Date of birth').fill('1971-06-02');
  await page.getByLabel('NHS number').fill('999 000 0026');
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.locator('#nhsNumber-error')).toContainText('This NHS number belongs to someone already in PlanWell');

  await page.getByRole('link', { name: 'Caseload' }).first().click();
  await expect(page.getByText('Showing 1 person')).toBeVisible();
});

test('the recovery code opens the practice and sets a new administrator password', async ({ page, host }) => {
  const recoveryCode = await setUpPractice(page, host.url);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Use the recovery code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Use the recovery code' })).toBeVisible();
  await expectNoAxeViolations(page, 'recovery');
  await page.getByLabel('Recovery code').fill(recoveryCode.toLowerCase());
  await page.getByLabel('Administrator username').fill(practice.username);
  await page.getByLabel('New password', { exact: true }).fill('quiet harbour evening');
  await page.getByLabel('Type the new password again').fill('quiet harbour evening');
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Username').fill(practice.username);
  await page.getByLabel('Password').fill(practice.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert').getByText('Username or password is not right')).toBeVisible();
  await page.getByLabel('Password').fill('quiet harbour evening');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
});
