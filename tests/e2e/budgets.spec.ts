import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { maxReceiptBytes } from '../../src-shared/contract';
import { formatDate, isoDateInLondon } from '../../src-shared/format';

import { addPerson, api, expect, expectNoAxeViolations, personIdOf, setUpPractice, test } from './fixtures';

/*
 * Personal health budgets (issue 6): planned in the draft plan's budget screen, agreed with the
 * plan, then spent against with receipts on the budget screen; and the list of what a budget
 * cannot buy. The plan's own content is set up through the app's API from the page, as the
 * renderer calls it; everything tested goes through the screens.
 */

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
const row = (scope: Page | Locator, key: string): Locator => scope.locator(`.nhsuk-summary-list__row:has(> dt:text-is("${key}"))`);
/** The communication needs flag, which every screen about the person keeps. */
const flag = (page: Page): Locator => page.getByRole('region', { name: /Communication needs/ });
const group = (page: Page, name: RegExp): Locator => page.getByRole('group', { name });
/** A money field, by its label (screen readers also hear "in pounds", for the "£" they are not read). */
const money = (scope: Page | Locator, label: string): Locator =>
  scope.getByRole('textbox', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*, in pounds$`) });

/** Presses Tab until the control has the focus: the keyboard is the only way used. */
async function tabTo(page: Page, control: Locator): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (await control.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Could not reach the control with the Tab key');
}

/** The smallest real PNG (one pixel), as a phone photo of a timesheet would begin. */
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let files: string;
test.beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'planwell-receipts-'));
  writeFileSync(join(files, 'timesheet.png'), onePixelPng);
  // A PNG just over the limit: the page refuses it before sending anything.
  writeFileSync(join(files, 'huge-scan.png'), Buffer.concat([onePixelPng, Buffer.alloc(maxReceiptBytes + 1 - onePixelPng.length)]));
});
test.afterAll(() => rmSync(files, { recursive: true, force: true }));

/** A person with a communication need, arriving at their page. */
async function personWithNeeds(page: Page, url: string): Promise<string> {
  await setUpPractice(page, url);
  await addPerson(page, { givenName: 'Ravi', familyName: 'Shankar', dateOfBirth: '1959-03-04', nhsNumber: '999 000 0034' });
  await page.getByRole('link', { name: 'Change information in this format' }).click();
  await page.getByLabel('Large print', { exact: true }).check();
  await page.getByRole('button', { name: 'Save communication needs' }).click();
  await expect(page.getByText('Communication needs saved.')).toBeVisible();
  return personIdOf(page);
}

async function open(page: Page, url: string, personId: string, screen: string, heading: RegExp): Promise<void> {
  await page.goto(`${url}#/people/${personId}${screen}`);
  await expect(h1(page, heading)).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
}

/** Fills one support item, found by its number. */
async function fillItem(page: Page, number: number, item: { kind: string; description: string; provider?: string; goal?: string }): Promise<Locator> {
  const fields = group(page, new RegExp(`^Support item ${number}`));
  await fields.getByLabel('Kind of support').selectOption({ label: item.kind });
  await fields.getByLabel('What the support is').fill(item.description);
  if (item.provider) await fields.getByLabel('Who provides it (optional)').fill(item.provider);
  if (item.goal) await fields.getByLabel(item.goal).check();
  return fields;
}

test('a budget planned with its costs, a flagged item justified, agreed with the plan, then spent against with a receipt', async ({ page, host }) => {
  test.setTimeout(300_000);
  const personId = await personWithNeeds(page, host.url);
  const today = isoDateInLondon(new Date());

  // Without a draft plan there is no budget to plan, and no agreed budget to spend.
  await open(page, host.url, personId, '/plan/budget', /There is no draft plan to add a budget to/);
  await expect(page.getByRole('link', { name: "Go to Ravi's plan" })).toBeVisible();
  await expectNoAxeViolations(page, 'budget editor without a draft plan');
  await open(page, host.url, personId, '/budget', /Personal health budget/);
  await expect(page.getByText('There is no agreed personal health budget for Ravi Shankar.')).toBeVisible();
  await expectNoAxeViolations(page, 'budget without an agreed budget');

  // A draft plan with what matters, a goal and a review date within 3 months, as a direct payment
  // needs (as the conversation would leave it).
  const goal = 'Go to the shops by myself';
  const draft = await api(page, 'plans.startDraft', { personId });
  await api(page, 'plans.saveDraft', {
    planId: draft.id,
    rowVersion: draft.rowVersion,
    content: { ...draft.content, whatMatters: 'Getting out of the house on my own terms.', goals: [{ id: randomUUID(), outcome: goal }], reviewDate: isoDateInLondon(new Date(Date.now() + 60 * 86_400_000)) },
  });

  await open(page, host.url, personId, '/plan/budget', /Personal health budget \(draft plan, version 1\)/);
  await expectNoAxeViolations(page, 'an empty budget');

  // Saving with nothing chosen: every problem by its field and in the summary.
  await page.getByRole('button', { name: 'Add a support item' }).click();
  await expect(page.getByLabel('Kind of support')).toBeFocused();
  await page.getByRole('button', { name: 'Save the budget' }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link', { name: 'Funding part 1: Choose who funds this part' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Funding part 1: Enter the amount of this part in pounds and pence' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Funding part 1: Choose how the money is held' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Support item 1: Describe the support' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Support item 1: Choose a one-off or a recurring cost' })).toBeVisible();
  await expect(page.locator('#items-0-description-error')).toContainText('Describe the support');
  await expectNoAxeViolations(page, 'a budget with errors');
  await summary.getByRole('link', { name: 'Support item 1: Describe the support' }).click();
  await expect(page.locator('#items-0-description')).toBeFocused();

  // The amount: indicative (with who set it and how), agreed, and the year's start.
  await money(page, 'Indicative amount (optional)').fill('£10,000');
  await page.getByLabel('Who set the indicative amount (optional)').fill('ICB personal health budget team');
  await page.getByLabel('How it was set (optional)').fill('Resource allocation system');
  await money(page, 'Agreed amount').fill('12650');
  await page.getByLabel('Start of the budget year (optional)').fill(today);

  // One funding part, paid to him as a direct payment.
  const part = group(page, /^Funding part 1$/);
  await part.getByLabel('Who funds this part').selectOption({ label: 'NHS Continuing Healthcare' });
  await money(part, 'Amount a year from this funder').fill('12,650.00');
  await part.getByLabel(/^Direct payment/).check();
  await part.getByLabel('The person', { exact: true }).check();
  await part.getByLabel('A separate bank account, used only for these payments, is confirmed').check();

  // A personal assistant: 10 hours a week at £15.50 an hour.
  const assistant = await fillItem(page, 1, { kind: 'Personal assistant', description: 'Personal assistant for shopping and walks', provider: 'Mo Patel', goal });
  await expect(assistant.getByLabel('Funding part that pays for it')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(assistant.getByLabel('The same as its funding part')).toBeChecked();
  await assistant.getByLabel(/^A regular cost/).check();
  await money(assistant, 'Cost of one unit').fill('15.50');
  await assistant.getByLabel('How many units').fill('10');
  await assistant.getByLabel('Unit (optional)').fill('hours');
  await assistant.getByLabel('A week', { exact: true }).check();
  await expect(assistant).toContainText('Support item 1 costs £155.00 a week (£671.67 a month, £8,060.00 a year).');

  // Equipment, once; a therapy, monthly.
  await page.getByRole('button', { name: 'Add another support item' }).click();
  const wheelchair = await fillItem(page, 2, { kind: 'Equipment', description: 'Lightweight wheelchair', provider: 'Mobility Ltd', goal });
  await wheelchair.getByLabel('A one-off cost').check();
  await money(wheelchair, 'Cost').fill('2,400');
  await expect(wheelchair).toContainText('Support item 2 costs £2,400.00, once.');
  await page.getByRole('button', { name: 'Add another support item' }).click();
  const therapy = await fillItem(page, 3, { kind: 'Therapy', description: 'Hydrotherapy sessions' });
  await therapy.getByLabel(/^A regular cost/).check();
  await money(therapy, 'Cost of one unit').fill('45');
  await therapy.getByLabel('How many units').fill('4');
  await therapy.getByLabel('A month', { exact: true }).check();

  // Something a budget cannot buy is flagged by the item.
  await page.getByRole('button', { name: 'Add another support item' }).click();
  const wine = await fillItem(page, 4, { kind: 'Activity', description: 'Wine tasting group' });
  await wine.getByLabel('A one-off cost').check();
  await money(wine, 'Cost').fill('30');
  await expect(wine.getByRole('heading', { name: 'This may be something a budget cannot buy' })).toBeVisible();
  await expect(wine).toContainText('It matches what a personal health budget cannot buy: Alcohol.');
  await expect(wine.getByLabel('Why is this right for them?')).toBeVisible();

  // The totals: a week, a month and a year, by funding part and by way of holding, against the amounts.
  const byPart = page.getByRole('table', { name: 'By funding part' });
  await expect(byPart.getByRole('row', { name: /All support/ })).toContainText(['£196.54', '£851.67', '£10,220.00', '£2,430.00'].join(''));
  await expect(byPart.getByRole('row', { name: /Part 1: NHS Continuing Healthcare/ })).toContainText('£196.54');
  await expect(page.getByRole('table', { name: 'By way of holding the money' }).getByRole('row', { name: /Direct payment/ })).toContainText('£10,220.00');
  await expect(page.getByText('In the budget year the support costs £12,650.00, including £2,430.00 of one-off costs.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The support costs more than the indicative amount' })).toBeVisible();
  await expect(page.getByText('The support costs £2,650.00 more than the indicative amount of £10,000.00: £12,650.00 in the budget year.')).toBeVisible();
  await expect(page.getByText('The support costs exactly the agreed amount, £12,650.00.')).toBeVisible();
  await expect(page.getByRole('link', { name: /“Wine tasting group” may be something a budget cannot buy \(alcohol\)/ })).toBeVisible();
  await expectNoAxeViolations(page, 'a budget filled in, with a flagged item');

  // A quantity with more than two decimals is refused, by its field; whole pence and hundredths only.
  await therapy.getByLabel('How many units').fill('4.125');
  await page.getByRole('button', { name: 'Save the budget' }).click();
  await page.getByRole('alert').getByRole('link', { name: 'Support item 3: Enter how many as a number, with at most 2 decimal places, like 10 or 7.5' }).click();
  await expect(therapy.getByLabel('How many units')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('4');
  await page.getByRole('button', { name: 'Save the budget' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The budget is saved with version 1 of the plan.' })).toBeVisible();

  // Agreeing the plan is refused while the flagged item has no reason.
  await page.getByRole('link', { name: 'agree the plan' }).click();
  await expect(h1(page, /Agree the plan/)).toBeVisible();
  await page.getByLabel('The person').check();
  await page.getByLabel('In person').check();
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  const notReady = page.getByRole('alert');
  await expect(notReady).toContainText('The plan is not ready to agree');
  await notReady.getByRole('link', { name: '“Wine tasting group” may be something a budget cannot buy (alcohol): record why it is right for them before the plan is agreed' }).click();

  // The problem's link opens the budget at the reason; recorded, the plan is agreed with its budget.
  await expect(h1(page, /Personal health budget \(draft plan, version 1\)/)).toBeVisible();
  const reason = group(page, /^Support item 4/).getByLabel('Why is this right for them?');
  await expect(reason).toBeFocused();
  await expect(money(page, 'Cost of one unit').first()).toHaveValue('15.50');
  await reason.fill('A social group he chose; the budget pays only the travel and the ICB agreed this in writing.');
  await expect(page.getByRole('heading', { name: 'Before the plan can be agreed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save the budget' }).click();
  // The agree screen keeps what was typed there, row version and all; restored, that old row version
  // is refused as a stale plan (reported to the plans screens' owner). Start that form afresh.
  await api(page, 'drafts.discard', { key: `plan:${draft.id}:agree` });
  await page.getByRole('link', { name: 'agree the plan' }).click();
  await expect(h1(page, /Agree the plan/)).toBeVisible();
  await page.getByLabel('The person').check();
  await page.getByLabel('In person').check();
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  await expect(page.getByText('Version 1 of the plan is agreed.')).toBeVisible();

  // The agreed budget: how the money is held, the amounts, the year, the chart.
  await open(page, host.url, personId, '/budget', /Personal health budget/);
  await expect(page.getByText('The money is held as a direct payment to the person.')).toBeVisible();
  await expect(row(page, 'Funded by')).toContainText('NHS Continuing Healthcare');
  await expect(row(page, 'Agreed amount')).toContainText('£12,650.00 a year');
  await expect(row(page, 'Indicative amount')).toContainText('£10,000.00 a year, set by ICB personal health budget team');
  await expect(row(page, 'This budget year')).toContainText(formatDate(today));
  await expect(row(page, 'Spent')).toContainText('£0.00');
  await expect(row(page, 'Balance')).toContainText('£12,650.00');
  await expect(page.getByRole('img', { name: /Bar chart of planned and actual spending each month/ })).toBeVisible();
  await expect(page.locator('.app-budget-chart svg .recharts-bar-rectangle').first()).toBeAttached();
  await expect(page.getByText('No payments have been recorded this budget year.')).toBeVisible();
  await expectNoAxeViolations(page, 'the agreed budget');

  // A payment with its receipt.
  await page.getByLabel('Support it paid for').selectOption({ label: 'Personal assistant for shopping and walks' });
  await expect(page.getByLabel('Date of the payment')).toHaveValue(today);
  await money(page, 'Amount').fill('155.00');
  await page.getByLabel('Paid to').fill('Mo Patel');
  await page.getByLabel('Reference (optional)').fill('Week 1');
  await page.getByLabel('Receipt (optional)').setInputFiles(join(files, 'timesheet.png'));
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await expect(page.getByText('Payment of £155.00 to Mo Patel for Personal assistant for shopping and walks recorded with its receipt.')).toBeVisible();
  const payments = page.getByRole('table', { name: 'Payments this budget year, newest first' });
  await expect(payments.getByRole('row', { name: /Mo Patel/ })).toContainText('Week 1£155.00');
  await expect(row(page, 'Spent')).toContainText('£155.00');
  await expect(row(page, 'Balance')).toContainText('£12,495.00');
  await expect(page.getByRole('table', { name: /by support item/ }).getByRole('row', { name: /Personal assistant for shopping and walks/ })).toContainText('£155.00');

  // The receipt opens in the page, read back from the encrypted database.
  await payments.getByRole('button', { name: /View receipt timesheet\.png/ }).click();
  await expect(page.getByRole('heading', { name: /Receipt for £155\.00 paid to Mo Patel/ })).toBeFocused();
  const receiptImage = page.getByRole('img', { name: /Receipt timesheet\.png/ });
  await expect(receiptImage).toBeVisible();
  expect(await receiptImage.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(1);
  await expect(page.getByRole('link', { name: 'Save a copy of timesheet.png' })).toHaveAttribute('download', 'timesheet.png');
  await expectNoAxeViolations(page, 'the agreed budget with a receipt open');
  await page.getByRole('button', { name: 'Close the receipt' }).click();
  await expect(payments.getByRole('button', { name: /View receipt timesheet\.png/ })).toBeFocused();

  // The chart's figures as a table.
  await page.getByText('Show the chart as a table').click();
  const byMonth = page.getByRole('table', { name: 'Planned and actual spending by month' });
  await expect(byMonth.getByRole('row')).toHaveCount(13);
  await expect(byMonth.getByRole('row').nth(1)).toContainText('£155.00');

  // A receipt over 5 MB is refused in the page, with a clear message, before anything is sent.
  await page.getByLabel('Receipt (optional)').setInputFiles(join(files, 'huge-scan.png'));
  await expect(page.locator('#receipt-error')).toContainText('“huge-scan.png” is larger than 5 MB. A receipt must be 5 MB or smaller');
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: /“huge-scan.png” is larger than 5 MB/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the agreed budget with payment errors');
  await page.getByLabel('Receipt (optional)').setInputFiles([]);

  // A payment by keyboard alone.
  const item = page.getByLabel('Support it paid for');
  await item.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(item.locator('option:checked')).toHaveText('Lightweight wheelchair');
  const amount = money(page, 'Amount');
  await tabTo(page, amount);
  await page.keyboard.type('2400');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Paid to')).toBeFocused();
  await page.keyboard.type('Mobility Ltd');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Reference (optional)')).toBeFocused();
  await page.keyboard.type('INV-2041');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Payment of £2,400.00 to Mobility Ltd for Lightweight wheelchair recorded.')).toBeVisible();
  await expect(payments.getByRole('row', { name: /Mobility Ltd/ })).toContainText('INV-2041£2,400.00None');
  await expect(row(page, 'Balance')).toContainText('£10,095.00');
  // £2,555.00 spent on the first day, against one-off costs and a day of the rest planned.
  await expect(page.getByRole('heading', { name: 'Overspending' })).toBeVisible();
  await expect(page.getByText(/Spending is ahead of plan: £2,555\.00 spent so far/)).toBeVisible();

  // Direct payment monitoring.
  await expect(page.getByText('Not monitored yet since the budget was agreed.')).toBeVisible();
  await page.getByLabel('What was checked (optional)').fill('Bank statement and timesheets seen.');
  await page.getByRole('button', { name: 'Record the monitoring check' }).click();
  await expect(page.getByText(`Last monitored on ${formatDate(today)}.`)).toBeVisible();
  await expectNoAxeViolations(page, 'the agreed budget after payments and monitoring');
});

test('an administrator keeps the list of what a budget cannot buy', async ({ page, host }) => {
  await setUpPractice(page, host.url);
  await page.goto(`${host.url}#/settings/restrictions`);
  await expect(h1(page, 'What a budget cannot buy')).toBeVisible();
  const list = page.getByRole('table', { name: 'What a budget cannot buy, and the words that flag it' });
  await expect(list.getByRole('row', { name: /^Alcohol/ })).toContainText('wine');
  await expectNoAxeViolations(page, 'restrictions');

  // Words are needed, and each must be long enough.
  await page.getByLabel('What cannot be bought').fill('Holidays abroad');
  await page.getByRole('textbox', { name: 'Words that flag it' }).fill('flights\nx');
  await page.getByRole('button', { name: 'Add it to the list' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: '“x”: Each word must be 2 characters or more' })).toBeVisible();
  await expect(page.locator('#keywords-error')).toContainText('Each word must be 2 characters or more');
  await expectNoAxeViolations(page, 'restrictions with an error');
  await page.getByRole('textbox', { name: 'Words that flag it' }).fill('Flights\nholiday abroad');
  await page.getByRole('button', { name: 'Add it to the list' }).click();
  await expect(page.getByText('“Holidays abroad” added. Support items that match it are flagged from now on.')).toBeVisible();
  await expect(list.getByRole('row', { name: /^Holidays abroad/ })).toContainText('flights, holiday abroad');
  await expect(list.getByRole('row', { name: /^Holidays abroad/ })).toContainText('In use');

  // The same description again is refused by its field.
  await page.getByLabel('What cannot be bought').fill('Holidays abroad');
  await page.getByRole('textbox', { name: 'Words that flag it' }).fill('cruise');
  await page.getByRole('button', { name: 'Add it to the list' }).click();
  await expect(page.locator('#label-error')).toContainText('There is already a restriction with that description');

  // Turned off and on again.
  const tobacco = list.getByRole('row', { name: /^Tobacco/ });
  await tobacco.getByRole('button', { name: 'Turn off Tobacco' }).click();
  await expect(tobacco).toContainText('Turned off');
  await expect(page.getByText('“Tobacco” is turned off: support items are no longer flagged for it.')).toBeVisible();
  await expect(tobacco.getByRole('button', { name: 'Turn on Tobacco' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tobacco).toContainText('In use');
  await expectNoAxeViolations(page, 'restrictions after changes');
});
