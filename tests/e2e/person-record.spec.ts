import type { Locator, Page } from '@playwright/test';
import { addPerson, expect, expectNoAxeViolations, holdChannel, practice, setUpPractice, test } from './fixtures';

/** The Accessible Information Standard flag at the top of every screen about the person. */
const flag = (page: Page): Locator => page.getByRole('region', { name: /Communication needs/ });

async function expectFlag(page: Page, screen: string): Promise<void> {
  await expect(flag(page), `the flag on ${screen}`).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expect(flag(page)).toContainText('British Sign Language interpreter');
  await expect(flag(page)).toContainText('Prefers afternoon appointments');
}

/** One row of a summary list, by its key. */
const row = (scope: Page | Locator, key: string): Locator => scope.locator(`.nhsuk-summary-list__row:has(> dt:text-is("${key}"))`);

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });

/** Opens one of the person's screens from their page, checks the flag and accessibility, and (unless told not to) goes back. */
async function visitEditScreen(page: Page, link: string, heading: RegExp, screen: string, back: 'Cancel' | 'No, keep them' | null = 'Cancel'): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).click();
  await expect(h1(page, heading)).toBeVisible();
  await expectFlag(page, screen);
  await expectNoAxeViolations(page, screen);
  if (back) {
    await page.getByRole('link', { name: back, exact: true }).click();
    await expect(h1(page, 'Iris Okafor')).toBeVisible();
  }
}

/** Records large print, a BSL interpreter and a note, from the person page. */
async function recordNeeds(page: Page): Promise<void> {
  await page.getByLabel('Large print', { exact: true }).check();
  await page.getByLabel('British Sign Language interpreter', { exact: true }).check();
  await page.getByLabel('Anything else about how they communicate (optional)').fill('Prefers afternoon appointments');
  await page.getByRole('button', { name: 'Save communication needs' }).click();
  await expect(page.getByText('Communication needs saved.')).toBeVisible();
}

test('a person added with contact details; their communication needs are flagged on every screen about them', async ({ page, host }) => {
  // An accessibility check on every screen about them takes a while.
  test.setTimeout(180_000);
  await setUpPractice(page, host.url);

  // Adding a person: the four that identify them first, the rest optional.
  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await expect(h1(page, 'Add a person')).toBeVisible();
  await page.getByLabel('Given name').fill('Iris');
  await page.getByLabel('Family name').fill('Okafor');
  await page.getByLabel('Date of birth').fill('1941-07-14');
  await page.getByLabel('NHS number').fill('999 000 0034');
  await page.getByLabel('Preferred name (optional)').fill('Izzy');
  await page.getByLabel('Sex or gender (optional)').fill('Woman');
  await page.getByLabel('Registered GP practice (optional)').fill('Riverside Test Surgery');
  await page.getByLabel('Address (optional)', { exact: true }).fill('12 Canal Street\nLeeds');
  await page.getByLabel('Postcode (optional)').fill('ls14ap');
  await page.getByLabel('Phone number (optional)').fill('0113 496 0000');
  await page.getByLabel('Email address (optional)').fill('not an email');
  await page.getByLabel('Text message').check();
  await page.getByLabel('Assigned worker (optional)').selectOption({ label: practice.fullName });
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter an email address in the right format, like name@example.com' })).toBeVisible();
  await expectNoAxeViolations(page, 'add a person with an optional field wrong');
  await page.getByLabel('Email address (optional)').fill('iris@example.com');
  await expectNoAxeViolations(page, 'add a person, filled in');
  await page.getByRole('button', { name: 'Save person' }).click();

  await expect(h1(page, 'Iris Okafor')).toBeVisible();
  await expect(page.getByText('Known as Izzy')).toBeVisible();
  await expect(page.getByText('NHS number 999 000 0034')).toBeVisible();
  await expect(row(page, 'Postcode')).toContainText('LS1 4AP');
  await expect(row(page, 'Address')).toContainText('12 Canal Street');
  await expect(row(page, 'Phone number')).toContainText('0113 496 0000');
  await expect(row(page, 'Email address')).toContainText('iris@example.com');
  await expect(row(page, 'Preferred contact method')).toContainText('Text message');
  await expect(row(page, 'Registered GP practice')).toContainText('Riverside Test Surgery');
  await expect(row(page, 'Assigned worker')).toContainText(practice.fullName);
  await expect(row(page, 'Sex or gender')).toContainText('Woman');
  await expect(flag(page)).toHaveCount(0);
  await expectNoAxeViolations(page, 'person');

  // Accessible Information Standard needs: a need described "in their words" must be described.
  await page.getByRole('link', { name: 'Change information in this format' }).click();
  await expect(h1(page, /Change communication needs/)).toBeVisible();
  await expectNoAxeViolations(page, 'communication needs');
  await page.getByLabel('Another format', { exact: true }).check();
  await page.getByRole('button', { name: 'Save communication needs' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Describe the need in their words' })).toBeVisible();
  await expectNoAxeViolations(page, 'communication needs with errors');
  await page.getByLabel('Another format', { exact: true }).uncheck();
  await recordNeeds(page);
  await expectFlag(page, 'the person page');
  await expect(row(page, 'Information in this format')).toContainText('Large print');
  await expect(row(page, 'Needs a communication professional')).toContainText('British Sign Language interpreter');
  await expectNoAxeViolations(page, 'person with communication needs');

  // Every screen about them shows the flag.
  await visitEditScreen(page, 'Change given name', /Change personal details/, 'personal details');
  await visitEditScreen(page, 'Change address', /Change contact details/, 'contact details');
  await visitEditScreen(page, 'Change information in this format', /Change communication needs/, 'communication needs');
  await visitEditScreen(page, 'Change eligibility', /Change personal health budget eligibility/, 'eligibility');
  await visitEditScreen(page, 'Change who may see their plan', /Change sharing choices/, 'sharing choices');
  await visitEditScreen(page, 'Change assigned worker', /Change assigned worker/, 'assigned worker');
  await visitEditScreen(page, 'Close their record', /Close their record/, 'close their record');
  await visitEditScreen(page, 'Add someone around them', /Add someone around them/, 'add someone around them', null);
  await page.getByLabel('Next of kin', { exact: true }).check();
  await page.getByLabel('Full name').fill('Samuel Okafor');
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.getByText('Samuel Okafor added.')).toBeVisible();
  await visitEditScreen(page, 'Change details for Samuel Okafor', /Change details for Samuel Okafor/, 'change someone around them');
  await visitEditScreen(page, 'Remove Samuel Okafor', /Remove Samuel Okafor\?/, 'remove someone around them', null);
  await page.getByRole('button', { name: 'Yes, remove them' }).click();
  await expect(page.getByText('Samuel Okafor removed.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Samuel Okafor' })).toHaveCount(0);
  await expectFlag(page, 'the person page after a removal');
});

test('people around them, eligibility, a change of address, closing and reopening, all in the timeline with who did them', async ({ page, host }) => {
  test.setTimeout(120_000);
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Iris', familyName: 'Okafor', dateOfBirth: '1941-07-14', nhsNumber: '999 000 0034' });
  await page.getByRole('link', { name: 'Change information in this format' }).click();
  await recordNeeds(page);

  // A carer who may receive the plan.
  await page.getByRole('link', { name: 'Add someone around them' }).click();
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Choose who they are to the person' })).toBeVisible();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter their name' })).toBeVisible();
  await expectFlag(page, 'add someone around them with errors');
  await expectNoAxeViolations(page, 'add someone around them with errors');
  await page.getByLabel('Carer', { exact: true }).check();
  await page.getByLabel('Full name').fill('Grace Okafor');
  await page.getByLabel('Relationship (optional)').fill('Daughter');
  await page.getByLabel('Phone number (optional)').fill('07700 900123');
  await page.getByLabel('Email address (optional)').fill('grace@example.com');
  await page.getByLabel('They may receive a copy of the plan').check();
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.getByText('Grace Okafor added.')).toBeVisible();
  const carer = page.locator('.nhsuk-card').filter({ has: page.getByRole('heading', { name: 'Grace Okafor' }) });
  await expect(row(carer, 'Who they are')).toContainText('Carer');
  await expect(row(carer, 'Relationship')).toContainText('Daughter');
  await expect(row(carer, 'Phone number')).toContainText('07700 900123');
  await expect(row(carer, 'May receive the plan')).toContainText('Yes');
  await expect(row(page, 'People around them who may receive the plan')).toContainText('Grace Okafor (carer)');

  // Personal health budget eligibility, as data: a legal-right group and a local one.
  await page.getByRole('link', { name: 'Change eligibility', exact: true }).click();
  await page.getByLabel('NHS Continuing Healthcare (including fast track)').check();
  await page.getByLabel('Long-term conditions').check();
  await page.getByRole('button', { name: 'Save eligibility' }).click();
  await expect(page.getByText('Eligibility saved.')).toBeVisible();
  await expect(row(page, 'Legal right to a personal health budget')).toContainText('NHS Continuing Healthcare (including fast track)');
  await expect(row(page, 'Offered locally')).toContainText('Long-term conditions');

  // A change of address; the change link puts the cursor in the address.
  await page.getByRole('link', { name: 'Change address', exact: true }).click();
  await expect(page.getByLabel('Address (optional)', { exact: true })).toBeFocused();
  await page.getByLabel('Address (optional)', { exact: true }).fill('3 Mill Lane\nLeeds');
  await page.getByLabel('Postcode (optional)').fill('LS1 XYZ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#postcode-error')).toContainText('Enter a real postcode, for example LS1 4AP');
  await expectFlag(page, 'contact details with errors');
  await expectNoAxeViolations(page, 'contact details with errors');
  await page.getByLabel('Postcode (optional)').fill('LS2 7EW');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Contact details saved.')).toBeVisible();
  await expect(row(page, 'Address')).toContainText('3 Mill Lane');
  await expect(row(page, 'Postcode')).toContainText('LS2 7EW');

  // Sharing choices in their words.
  await page.getByRole('link', { name: 'Change who may see their plan' }).click();
  await page.getByLabel('Who may see their plan').fill('Her daughter Grace and the district nurses. Not her neighbour.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Sharing choices saved.')).toBeVisible();
  await expect(row(page, 'Who may see their plan')).toContainText('Not her neighbour.');

  // Closing needs a reason; reopening brings them back.
  await page.getByRole('link', { name: 'Close their record' }).click();
  await page.getByRole('button', { name: 'Close their record' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter why their record is being closed' })).toBeVisible();
  await expectFlag(page, 'close their record with errors');
  await expectNoAxeViolations(page, 'close their record with errors');
  await page.getByLabel('Why is their record being closed?').fill('Moved away from the area');
  await page.getByRole('button', { name: 'Close their record' }).click();
  await expect(page.getByText("Iris's record is closed.")).toBeVisible();
  await expect(page.getByText('Record closed', { exact: true })).toBeVisible();
  await expect(row(page, 'Status')).toContainText('Closed');
  await expect(row(page, 'Reason')).toContainText('Moved away from the area');
  await expectFlag(page, 'a closed record');
  await expectNoAxeViolations(page, 'closed record');
  await page.getByRole('button', { name: 'Reopen their record' }).click();
  await expect(page.getByText("Iris's record is open again.")).toBeVisible();
  await expect(row(page, 'Status')).toContainText('Active');
  await expect(page.getByText('Record closed', { exact: true })).toHaveCount(0);

  // The timeline: every change, who made it and when.
  const timeline = page.getByRole('table', { name: /Changes to their record/ });
  for (const what of [
    'Added to PlanWell',
    'Recorded 2 accessible-information needs',
    'Added a contact (carer)',
    /eligibility/i,
    'Changed address, postcode',
    'Changed sharing choices',
    /Closed/,
    'Reopened',
  ]) {
    await expect(timeline.getByRole('row').filter({ hasText: what }), String(what)).toContainText(practice.fullName);
  }
  await expect(timeline.getByRole('row')).toHaveCount(9);
  await expectNoAxeViolations(page, 'person with a timeline');
});

test('a change someone else saved first is reported with a way to reload, and a lock keeps what was typed', async ({ page, host, context }) => {
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Iris', familyName: 'Okafor', dateOfBirth: '1941-07-14', nhsNumber: '999 000 0034' });
  await page.getByRole('link', { name: 'Change phone number' }).click();
  await expect(h1(page, /Change contact details/)).toBeVisible();
  await expect(page.getByLabel('Phone number (optional)')).toBeFocused();

  // A colleague saves a different phone number in another window meanwhile.
  const colleague = await context.newPage();
  await colleague.goto(page.url());
  await expect(h1(colleague, /Change contact details/)).toBeVisible();
  await colleague.getByLabel('Phone number (optional)').fill('0113 496 0999');
  await colleague.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(colleague.getByText('Contact details saved.')).toBeVisible();
  await colleague.close();

  await page.getByLabel('Phone number (optional)').fill('0113 496 0111');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: /Someone else changed this record after you opened it/ })).toBeVisible();
  await expectNoAxeViolations(page, 'contact details changed by someone else');
  await page.getByRole('alert').getByRole('link', { name: /Someone else changed this record/ }).click();
  await expect(page.getByRole('button', { name: 'Reload the record with their changes' })).toBeFocused();
  // Reloading also discards the old draft; on a busy computer they type again before that is done.
  const letDiscardThrough = await holdChannel(page, 'drafts.discard');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Phone number (optional)')).toHaveValue('0113 496 0999');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Phone number (optional)').fill('0113 496 0111');
  await letDiscardThrough();

  // Locking keeps what was typed; unlocking brings it back on the same screen.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(h1(page, 'PlanWell is locked')).toBeVisible();
  await page.getByLabel('Password').fill(practice.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(h1(page, /Change contact details/)).toBeVisible();
  await expect(page.getByLabel('Phone number (optional)')).toHaveValue('0113 496 0111');
  await expect(page.getByText('We kept what you had typed before PlanWell locked')).toBeVisible();
  await expectNoAxeViolations(page, 'contact details restored after a lock');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Contact details saved.')).toBeVisible();
  await expect(row(page, 'Phone number')).toContainText('0113 496 0111');
});
