import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, logIn, startHost, stopHost, test as base, type PreviewHostProcess } from './fixtures';

/**
 * The caseload over a demo practice of 500 synthetic people (`--demo --people 500`): search as
 * you type, filters, sorting in the database, columns remembered per user, keeping its place
 * while a record is open, only the rows in view in the page, and a path done by keyboard alone.
 */
const test = base.extend<{ demo: PreviewHostProcess }>({
  demo: async ({}, use) => {
    const host = await startHost(['--demo', '--people', '500']);
    await use(host);
    await stopHost(host);
  },
});

const administrator = { username: 'demo.admin', password: 'riverside-demo-practice', fullName: 'Demo Administrator' };
const linkWorker = { username: 'sam.okoye', password: 'riverside-link-worker-demo' };

const region = (page: Page) => page.getByRole('region', { name: 'People in the caseload' });
const rows = (page: Page) => region(page).locator('tbody tr[data-index]');
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Showing|No one|Loading/ });

async function openCaseload(page: Page, url: string, who: { username: string; password: string }): Promise<number> {
  await page.goto(url);
  await logIn(page, who.username, who.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
  await expect(status(page)).toHaveText(/^Showing [\d,]+ people$/);
  return shownCount(page);
}

async function shownCount(page: Page): Promise<number> {
  const text = (await status(page).textContent()) ?? '';
  const match = /Showing ([\d,]+) (?:people|person)/.exec(text);
  if (!match) throw new Error(`No count in "${text}"`);
  return Number(match[1]!.replace(/,/g, ''));
}

/** The text of each column's cells in the rows drawn. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await region(page).locator('thead th').allTextContents();
  const index = headers.findIndex((text) => text.replace(/[▲▼⇅]/g, '').trim() === header);
  if (index < 0) throw new Error(`No "${header}" column in ${headers.join(', ')}`);
  return rows(page).locator(`td:nth-child(${index + 1})`).allTextContents();
}

/** The first row whose top is inside the scrolling region, below the sticky header. */
async function firstRowInView(page: Page): Promise<string> {
  return region(page).evaluate((element) => {
    const top = element.getBoundingClientRect().top + (element.querySelector('thead')?.getBoundingClientRect().height ?? 0);
    const row = [...element.querySelectorAll<HTMLTableRowElement>('tbody tr[data-index]')].find((r) => r.getBoundingClientRect().top >= top - 1);
    return `${row?.dataset.index}: ${row?.querySelector('a')?.textContent ?? ''}`;
  });
}

async function scrollTopOf(page: Page): Promise<number> {
  return region(page).evaluate((element) => element.scrollTop);
}

/** Presses Tab until the element has focus (a keyboard user's way there). */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Could not reach the element with Tab');
}

test('search as you type, my caseload, sorting by date of birth, and back from a person to the same place', async ({ page, demo }) => {
  const everyone = await openCaseload(page, demo.url, administrator);
  expect(everyone).toBeGreaterThan(450); // 500, less the few closed records
  await expectNoAxeViolations(page, 'caseload');

  // Search as you type, by any part of a name, in any case.
  const someone = (await rows(page).nth(3).getByRole('link').textContent()) ?? '';
  const [familyName = '', givenName = ''] = someone.split(', ');
  const part = familyName.slice(1, 4).toUpperCase();
  await page.getByLabel('Search by name or NHS number').pressSequentially(part, { delay: 30 });
  await expect(status(page)).toHaveText(new RegExp(`^Showing [\\d,]+ (people|person) matching “${part}”$`));
  await expect(region(page).getByRole('link', { name: someone, exact: true })).toBeVisible();
  expect(await shownCount(page)).toBeLessThan(everyone);

  // By NHS number, with or without spaces.
  const nhsNumber = (await columnTexts(page, 'NHS number'))[0]!;
  await page.getByLabel('Search by name or NHS number').fill(nhsNumber);
  await expect(status(page)).toHaveText(`Showing 1 person matching “${nhsNumber}”`);
  await page.getByLabel('Search by name or NHS number').fill(nhsNumber.replace(/ /g, ''));
  await expect(status(page)).toHaveText(`Showing 1 person matching “${nhsNumber.replace(/ /g, '')}”`);
  await page.getByLabel('Search by name or NHS number').fill(`${givenName} ${familyName}`.toLowerCase());
  await expect(region(page).getByRole('link', { name: someone, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(status(page)).toHaveText(`Showing ${everyone.toLocaleString('en-GB')} people`);

  // My caseload: only the people assigned to the signed-in worker.
  await page.getByLabel('My caseload only').check();
  await expect(status(page)).not.toHaveText(`Showing ${everyone.toLocaleString('en-GB')} people`);
  const mine = await shownCount(page);
  expect(mine).toBeGreaterThan(50);
  expect(mine).toBeLessThan(everyone);
  expect(new Set(await columnTexts(page, 'Assigned worker'))).toEqual(new Set([administrator.fullName]));

  // Sorting by date of birth happens in the database: oldest first, then youngest first.
  const dateOfBirth = region(page).getByRole('columnheader', { name: 'Date of birth' });
  await dateOfBirth.getByRole('button').click();
  await expect(dateOfBirth).toHaveAttribute('aria-sort', 'ascending');
  await expect(region(page).getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'none');
  // The header says the new order at once; the rows follow when the database answers.
  await expect.poll(async () => {
    const dates = (await columnTexts(page, 'Date of birth')).map((text) => Date.parse(text));
    return dates.length > 5 && dates.every((date, i) => i === 0 || date >= dates[i - 1]!);
  }).toBe(true);
  await dateOfBirth.getByRole('button').click();
  await expect(dateOfBirth).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => {
    const dates = (await columnTexts(page, 'Date of birth')).map((text) => Date.parse(text));
    return dates.length > 5 && dates.every((date, i) => i === 0 || date <= dates[i - 1]!);
  }).toBe(true);
  await expectNoAxeViolations(page, 'caseload, filtered and sorted');

  // Scroll down the list, open someone, come back: same filters, same order, same place.
  await region(page).evaluate((element) => {
    element.scrollTop = 2_000;
  });
  // Wait for a drawn row with its name below the top: while the page of rows at the new place is
  // being fetched there may be no row in view at all.
  await expect.poll(() => firstRowInView(page)).toMatch(/^[1-9]\d*: \S/);
  await expect(rows(page).first().getByRole('link')).toBeVisible();
  const place = await scrollTopOf(page);
  const inView = await firstRowInView(page);
  expect(inView).toMatch(/^[1-9]\d*: \S/);
  // A row well inside the view (rows drawn above and below it, out of sight, would scroll it).
  const opened = region(page).locator(`tr[data-index="${Number(inView.split(':')[0]) + 2}"]`).getByRole('link');
  const openedName = (await opened.textContent()) ?? '';
  await opened.click();
  await expect(page.getByRole('link', { name: 'Back to caseload' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to caseload' }).click();

  await expect(page.getByLabel('My caseload only')).toBeChecked();
  await expect(dateOfBirth).toHaveAttribute('aria-sort', 'descending');
  await expect(status(page)).toHaveText(`Showing ${mine.toLocaleString('en-GB')} people`);
  await expect.poll(() => scrollTopOf(page)).toBeCloseTo(place, -1);
  await expect.poll(() => firstRowInView(page)).toBe(inView);
  await expect(region(page).getByRole('link', { name: openedName, exact: true })).toBeFocused();

  // The browser's back button keeps the place too.
  await region(page).getByRole('link', { name: openedName, exact: true }).click();
  await expect(page.getByRole('link', { name: 'Back to caseload' })).toBeVisible();
  await page.goBack();
  await expect.poll(() => firstRowInView(page)).toBe(inView);
});

test('only the rows in view are in the page, however far the list scrolls', async ({ page, demo }) => {
  const everyone = await openCaseload(page, demo.url, administrator);
  await expect(region(page).getByRole('table')).toHaveAttribute('aria-rowcount', String(everyone + 1));
  const viewport = await region(page).evaluate((element) => element.clientHeight);
  // Rows are at least 40 px tall; 8 are drawn either side of the view; 2 spacers and the header row.
  const bound = Math.ceil(viewport / 40) + 2 * 8 + 3;
  expect(bound).toBeLessThan(80);

  const scrollHeight = await region(page).evaluate((element) => element.scrollHeight);
  for (const fraction of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
    await region(page).evaluate((element, to) => {
      element.scrollTop = to;
    }, fraction * scrollHeight);
    await expect(rows(page).getByRole('link').first()).toBeVisible();
    const count = await page.locator('tr').count();
    expect(count, `rows in the page at ${fraction * 100}% of the list`).toBeLessThanOrEqual(bound);
    expect(count).toBeGreaterThan(3);
  }
  // At the very end, the last person is drawn (rows load as they come into view; the list grows
  // or shrinks a little as rows are measured, so keep going to the end until it stops).
  await expect.poll(async () => {
    await region(page).evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    return rows(page).last().getAttribute('aria-rowindex');
  }).toBe(String(everyone + 1));
  await expect(rows(page).last().getByRole('link')).toBeVisible();
});

test('the columns a member of staff chooses are remembered for them after logging out and in', async ({ page, demo }) => {
  await openCaseload(page, demo.url, administrator);
  const postcode = region(page).getByRole('columnheader', { name: 'Postcode' });
  await expect(postcode).toBeVisible();
  await expect(region(page).getByRole('columnheader', { name: 'Record status' })).toHaveCount(0);

  await page.getByText('Choose columns').click();
  await expectNoAxeViolations(page, 'caseload with the column choice open');
  await page.getByLabel('Postcode').uncheck();
  await page.getByLabel('Record status').check();
  await expect(postcode).toHaveCount(0);
  await expect(region(page).getByRole('columnheader', { name: 'Record status' })).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Log in to PlanWell/ })).toBeVisible();
  // Someone else has their own choice (the defaults).
  await logIn(page, linkWorker.username, linkWorker.password);
  await expect(status(page)).toHaveText(/^Showing [\d,]+ people$/);
  await expect(region(page).getByRole('columnheader', { name: 'Postcode' })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();

  await logIn(page, administrator.username, administrator.password);
  await expect(status(page)).toHaveText(/^Showing [\d,]+ people$/);
  await expect(region(page).getByRole('columnheader', { name: 'Record status' })).toBeVisible();
  await expect(region(page).getByRole('columnheader', { name: 'Postcode' })).toHaveCount(0);
  await expect(region(page).getByRole('columnheader', { name: 'NHS number' })).toBeVisible();
});

test('by keyboard alone: search, filter, sort, move through the rows, open a person and come back', async ({ page, demo }) => {
  await openCaseload(page, demo.url, administrator);
  const search = page.getByLabel('Search by name or NHS number');
  await tabTo(page, search);
  await page.keyboard.type('an');
  await expect(status(page)).toHaveText(/^Showing [\d,]+ people matching “an”$/);

  await tabTo(page, page.getByLabel('Only people with communication needs'));
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Only people with communication needs')).toBeChecked();
  await expect(status(page)).toHaveText(/^Showing [\d,]+ (people|person) matching “an”$/);
  // Everyone listed has the flag, with their needs in words.
  await expect(rows(page).first().getByText('Communication needs')).toBeVisible();
  const flagged = await rows(page).count();
  await expect(rows(page).getByText('Communication needs')).toHaveCount(flagged);

  await page.getByLabel('Only people with communication needs').press('Space');
  const postcode = region(page).getByRole('columnheader', { name: 'Postcode' });
  await tabTo(page, postcode.getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(postcode).toHaveAttribute('aria-sort', 'ascending');
  await expect(postcode.getByRole('button')).toBeFocused();

  // Into the rows: Tab reaches each person's link; the arrow keys move between rows.
  const firstLink = rows(page).first().getByRole('link');
  await tabTo(page, firstLink);
  const first = (await firstLink.textContent()) ?? '';
  await page.keyboard.press('ArrowDown');
  await expect(rows(page).nth(1).getByRole('link')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('link', { name: first, exact: true })).toBeFocused();
  for (let i = 0; i < 25; i++) await page.keyboard.press('Tab');
  const focusedName = await page.evaluate(() => document.activeElement?.textContent ?? '');
  expect(focusedName).toMatch(/, /); // Still on a person's link, far down the list
  const place = await firstRowInView(page);
  expect(place).not.toMatch(/^0:/);

  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(focusedName.split(', ')[1] ?? '');
  const back = page.getByRole('link', { name: 'Back to caseload' });
  await tabTo(page, back);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: focusedName, exact: true })).toBeFocused();
  await expect(search).toHaveValue('an');
  await expect(postcode).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => firstRowInView(page)).toBe(place);
  await expectNoAxeViolations(page, 'caseload after coming back');
});
