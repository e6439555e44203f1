import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { addMonths } from '../../src-shared/domain/calendar';
import { formatDate, isoDateInLondon } from '../../src-shared/format';
import { api, expect, expectNoAxeViolations, setUpPractice, test } from './fixtures';

/*
 * Social prescribing (issue 9): the directory of local support, its CSV export and import, the
 * caseload report and the administrators' settings. Entries and the report's referrals are partly
 * set up through the app's API from the page, as the renderer calls it; everything tested goes
 * through the screens.
 */

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
const summary = (page: Page): Locator => page.getByRole('alert').filter({ hasText: 'There is a problem' });
const results = (page: Page): Locator => page.getByRole('table', { name: 'Directory entries' });
const today = () => isoDateInLondon(new Date());

/** The names in the results table, in order (retried until the new results are in). */
async function expectResults(page: Page, names: string[]): Promise<void> {
  await expect(results(page).locator('tbody tr').getByRole('link')).toHaveText(names);
}

async function searchDirectory(page: Page, fill: (page: Page) => Promise<unknown>): Promise<void> {
  const clear = page.getByRole('link', { name: 'Clear the search' });
  if (await clear.isVisible()) {
    await clear.click();
    await expect(clear).toHaveCount(0);
  }
  await fill(page);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

test('a link worker adds, finds, flags, exports and imports directory entries, and reads the report', async ({ page, host }) => {
  // Four screens, eleven accessibility checks and a report over data set up from the page.
  test.setTimeout(240_000);
  await setUpPractice(page, host.url);

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Directory' }).click();
  await expect(h1(page, 'Directory of local support')).toBeVisible();
  await expect(page.getByText('The directory is empty.')).toBeVisible();
  await expectNoAxeViolations(page, 'directory (empty)');

  // Added through the form: nothing filled in is refused, by the field and in the summary.
  await page.getByRole('link', { name: 'Add an entry' }).click();
  await expect(h1(page, 'Add an entry to the directory')).toBeVisible();
  await expectNoAxeViolations(page, 'add a directory entry');
  await page.getByRole('button', { name: 'Add the entry' }).click();
  await expect(summary(page).getByRole('link', { name: 'Enter the name' })).toBeVisible();
  await expect(summary(page).getByRole('link', { name: 'Choose a category' })).toBeVisible();
  await expect(summary(page).getByRole('link', { name: 'Enter the date it was last checked' })).toBeVisible();
  await expectNoAxeViolations(page, 'add a directory entry: errors');
  await summary(page).getByRole('link', { name: 'Enter the name' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await page.getByLabel('Name', { exact: true }).fill('Riverside Walking Group');
  await page.getByLabel('Category').selectOption({ label: 'Physical activity and sport' });
  await page.getByLabel('What it is (optional)').fill('Gentle walks along the river for people getting back into activity.');
  await page.getByLabel('Area (optional)').fill('Riverside');
  await page.getByLabel('How to get in touch (optional)').fill('Call Sam on 0113 496 0000');
  await page.getByLabel('Cost (optional)').fill('Free');
  await page.getByLabel('When it runs (optional)').fill('Wednesdays 10am');
  await page.getByLabel('Step-free access').check();
  await page.getByLabel('Near public transport').check();
  await page.getByRole('button', { name: 'Checked today' }).click();
  await expect(page.getByLabel('Last checked')).toHaveValue(today());
  await page.getByRole('button', { name: 'Add the entry' }).click();
  await expect(h1(page, 'Riverside Walking Group')).toBeVisible();
  await expect(page.getByRole('status').getByText('Riverside Walking Group added to the directory.')).toBeVisible();
  await expectNoAxeViolations(page, 'a directory entry');
  const walkingId = /#\/directory\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';

  // Two more, one of them not checked for seven months.
  const staleDate = addMonths(today(), -7);
  const entry = { description: '', address: '', contact: '', cost: '', whenItRuns: '', referralRoute: '' };
  await api(page, 'directory.save', { entry: { ...entry, name: 'Lakeside Art Club', category: 'arts', area: 'Lakeside', accessibility: ['hearing-loop', 'step-free'], lastCheckedOn: today(), cost: '£3 a session' } });
  await api(page, 'directory.save', { entry: { ...entry, name: "Old Mill Men's Shed", category: 'social-groups', area: 'Riverside', accessibility: [], lastCheckedOn: staleDate } });

  await page.getByRole('link', { name: 'Back to the directory' }).click();
  await expect(h1(page, 'Directory of local support')).toBeVisible();
  await expectResults(page, ['Lakeside Art Club', "Old Mill Men's Shed", 'Riverside Walking Group']);
  await expect(page.getByText('1 entry needs checking')).toBeVisible();
  await expect(results(page).getByRole('row', { name: /Old Mill/ })).toContainText(`Not checked since ${formatDate(staleDate)}`);
  await expectNoAxeViolations(page, 'directory');

  await searchDirectory(page, (p) => p.getByLabel('Words').fill('walks'));
  await expectResults(page, ['Riverside Walking Group']);
  await expect(page.getByText('Showing 1 to 1 of 1 entry')).toBeVisible();
  await searchDirectory(page, (p) => p.getByLabel('Category').selectOption({ label: 'Arts, music and creativity' }));
  await expectResults(page, ['Lakeside Art Club']);
  await searchDirectory(page, (p) => p.getByLabel('Area').fill('riverside'));
  await expectResults(page, ["Old Mill Men's Shed", 'Riverside Walking Group']);
  await searchDirectory(page, (p) => p.getByLabel('Step-free access').check());
  await expectResults(page, ['Lakeside Art Club', 'Riverside Walking Group']);
  await page.getByLabel('Hearing loop').check();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expectResults(page, ['Lakeside Art Club']);
  await expectNoAxeViolations(page, 'directory: searched');
  // The search is in the address: an entry and back returns to it.
  await results(page).getByRole('link', { name: 'Lakeside Art Club' }).click();
  await expect(h1(page, 'Lakeside Art Club')).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel('Hearing loop')).toBeChecked();
  await expectResults(page, ['Lakeside Art Club']);
  await page.goBack();
  await expect(page.getByLabel('Hearing loop')).not.toBeChecked();
  await expect(page.getByLabel('Step-free access')).toBeChecked();

  await page.getByRole('link', { name: 'Show only entries that need checking' }).click();
  await expect(page.getByLabel('Show only entries that need checking')).toBeChecked();
  await expectResults(page, ["Old Mill Men's Shed"]);

  // Out as CSV, changed in a spreadsheet, and back in: checked, then imported.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`PlanWell directory ${today()}.csv`);
  await expect(page.getByText(`Exported 3 entries to PlanWell directory ${today()}.csv.`)).toBeVisible();
  const exported = readFileSync(await download.path(), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(exported, { header: true, skipEmptyLines: true });
  expect(parsed.meta.fields).toEqual(['ID', 'Name', 'Category', 'Description', 'Address', 'Area', 'How to get in touch', 'Cost', 'When it runs', 'Accessibility', 'How to refer', 'Last checked', 'Offered']);
  expect(parsed.data.find((row) => row.ID === walkingId)).toMatchObject({
    Name: 'Riverside Walking Group',
    Category: 'Physical activity and sport',
    Accessibility: 'Step-free access; Near public transport',
    'Last checked': today(),
    Offered: 'Yes',
  });
  const changed = parsed.data.map((row) => (row.Name === "Old Mill Men's Shed" ? { ...row, 'Last checked': today(), Cost: '£1 for tea' } : row));
  const added = { ID: '', Name: 'Friday Knit and Natter', Category: 'Befriending and social groups', Area: 'Lakeside', Accessibility: 'Quiet space', 'Last checked': today(), Offered: 'Yes' };
  const csv = (rows: Record<string, string>[]) => Buffer.from(Papa.unparse({ fields: parsed.meta.fields ?? [], data: rows.map((row) => (parsed.meta.fields ?? []).map((field) => row[field] ?? '')) }));

  await page.getByRole('link', { name: 'Import from CSV' }).click();
  await expect(h1(page, 'Import the directory from a file')).toBeVisible();
  await expectNoAxeViolations(page, 'directory import: choose a file');
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: csv([...changed, { ...added, Category: 'Knitting' }]) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(h1(page, 'Check the file before importing')).toBeFocused();
  const problems = page.getByRole('table', { name: 'Problems, by line of the file' });
  await expect(problems.getByRole('row', { name: /"Knitting" is not a directory category/ })).toContainText('5');
  await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'directory import: problems');

  await page.getByRole('button', { name: 'Choose a different file' }).click();
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: csv([...changed, added]) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText('1 new entry to add')).toBeVisible();
  await expect(page.getByText('3 entries to change')).toBeVisible();
  await expectNoAxeViolations(page, 'directory import: check');
  await page.getByRole('button', { name: 'Import 4 entries' }).click();
  await expect(h1(page, 'Directory imported')).toBeFocused();
  await expect(page.getByText('From directory.csv: 1 entry added and 3 entries changed.')).toBeVisible();
  await expectNoAxeViolations(page, 'directory import: done');
  await page.getByRole('link', { name: 'Go to the directory' }).click();
  await expectResults(page, ['Friday Knit and Natter', 'Lakeside Art Club', "Old Mill Men's Shed", 'Riverside Walking Group']);
  await expect(page.getByRole('heading', { name: /needs? checking/ })).toHaveCount(0);
  await expect(results(page).getByRole('row', { name: /Old Mill/ })).toContainText('£1 for tea');

  // The report, over referrals, contacts, a connection and wellbeing scores set up from the page.
  const ada = await api(page, 'people.create', { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1950-12-10', nhsNumber: '999 000 0018' });
  const mary = await api(page, 'people.create', { givenName: 'Mary', familyName: 'Somerville', dateOfBirth: '1940-12-26', nhsNumber: '999 000 0123' });
  const referral = { referredOn: today(), referrerName: '', otherReason: '', urgency: 'routine', consent: 'yes', notes: '' } as const;
  const first = await api(page, 'referrals.create', { ...referral, personId: ada.id, source: 'gp', reasons: ['loneliness', 'low-mood'] });
  const second = await api(page, 'referrals.create', { ...referral, personId: mary.id, source: 'self', reasons: ['loneliness'] });
  // A first contact moves a referral on to "contacted"; Ada's is then accepted.
  const contact = { contactOn: today(), type: 'phone', attendees: '', notes: '', nextStep: '' } as const;
  await api(page, 'referrals.logContact', { ...contact, referralId: first.id, durationMinutes: 30 });
  await api(page, 'referrals.logContact', { ...contact, referralId: first.id, durationMinutes: 45 });
  await api(page, 'referrals.logContact', { ...contact, referralId: second.id, durationMinutes: 60 });
  const contacted = await api(page, 'referrals.get', { referralId: first.id });
  await api(page, 'referrals.changeStatus', { referralId: first.id, rowVersion: contacted.rowVersion, status: 'accepted', changedOn: today(), note: '' });
  const connection = await api(page, 'connections.create', { referralId: first.id, entryId: walkingId, kind: 'referred', connectedOn: today(), note: '' });
  await api(page, 'connections.setOutcome', { connectionId: connection.id, rowVersion: connection.rowVersion, outcome: 'attended', outcomeOn: today() });
  const score = { personId: ada.id, referralId: first.id, takenOn: today() } as const;
  // SWEMWBS raw 14 (metric 15.32) then raw 21 (metric 19.25): up 3.93. ONS4 anxiety 7 then 4: better.
  await api(page, 'outcomes.record', { ...score, context: 'baseline', score: { measure: 'swemwbs', answers: [2, 2, 2, 2, 2, 2, 2] } });
  await api(page, 'outcomes.record', { ...score, context: 'follow-up', score: { measure: 'swemwbs', answers: [3, 3, 3, 3, 3, 3, 3] } });
  await api(page, 'outcomes.record', { ...score, context: 'baseline', score: { measure: 'ons4', answers: { lifeSatisfaction: 4, worthwhile: 5, happiness: 5, anxiety: 7 } } });
  await api(page, 'outcomes.record', { ...score, context: 'follow-up', score: { measure: 'ons4', answers: { lifeSatisfaction: 6, worthwhile: 5, happiness: 4, anxiety: 4 } } });

  await page.goto(`${host.url}#/reports/social-prescribing`);
  await expect(h1(page, 'Social prescribing report')).toBeVisible();
  await expect(page.getByText('2 referrals were received in this period.')).toBeVisible();
  const april = `${Number(today().slice(5, 7)) >= 4 ? today().slice(0, 4) : Number(today().slice(0, 4)) - 1}-04-01`;
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(april);
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(today());
  const bySource = page.getByRole('table', { name: 'Referrals by who referred them' });
  await expect(bySource.getByRole('row', { name: 'GP' }).getByRole('cell')).toHaveText(['1']);
  await expect(bySource.getByRole('row', { name: 'Self-referral' }).getByRole('cell')).toHaveText(['1']);
  await expect(bySource.getByRole('row', { name: 'Nurse' }).getByRole('cell')).toHaveText(['0']);
  const byReason = page.getByRole('table', { name: 'Referrals by reason' });
  await expect(byReason.getByRole('row', { name: 'Loneliness or isolation' }).getByRole('cell')).toHaveText(['2']);
  await expect(byReason.getByRole('row', { name: 'Low mood' }).getByRole('cell')).toHaveText(['1']);
  const byStatus = page.getByRole('table', { name: /by their status now/ });
  await expect(byStatus.getByRole('row', { name: 'Contacted' }).getByRole('cell')).toHaveText(['1']);
  await expect(byStatus.getByRole('row', { name: 'Accepted' }).getByRole('cell')).toHaveText(['1']);
  await expect(byStatus.getByRole('row', { name: 'New' }).getByRole('cell')).toHaveText(['0']);
  await expect(page.getByText('2 hours 15 minutes')).toBeVisible();
  const connections = page.getByRole('table', { name: 'Connections by category of support' });
  await expect(connections.getByRole('row', { name: 'Physical activity and sport' }).getByRole('cell')).toHaveText(['1', '1']);
  await expect(page.getByText('+3.93')).toBeVisible();
  await expect(page.getByRole('table', { name: "How much each person's SWEMWBS metric score changed" }).getByRole('row', { name: '+4' })).toContainText('1');
  await expect(page.getByRole('table', { name: "How much each person's anxiety yesterday score changed" }).getByRole('row', { name: '−3' })).toContainText('1');
  await expectNoAxeViolations(page, 'social prescribing report');

  // Nobody is assigned to the signed-in worker, and a range the wrong way round is refused.
  await page.getByLabel('My caseload').check();
  await page.getByRole('button', { name: 'Show the report' }).click();
  await expect(page.getByRole('heading', { name: /my caseload/ })).toBeFocused();
  await expect(page.getByText('No referrals were received in this period.')).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill(addMonths(today(), 1));
  await page.getByRole('button', { name: 'Show the report' }).click();
  await expect(summary(page).getByRole('link', { name: 'The last date must be on or after the first' })).toBeVisible();
  await expectNoAxeViolations(page, 'social prescribing report: errors');
});

test('an administrator sets the SNOMED CT code for a status and adds a referral reason and a directory category', async ({ page, host }) => {
  await setUpPractice(page, host.url);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'See and change social prescribing codes and lists' }).click();
  await expect(h1(page, 'Social prescribing settings')).toBeVisible();
  const codes = page.getByRole('table', { name: 'SNOMED CT codes recorded for each referral status' });
  await expect(codes.getByRole('row', { name: /Discharged/ })).toContainText('No code');
  await expectNoAxeViolations(page, 'social prescribing settings');

  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Discharged' });
  await page.getByLabel('SNOMED CT concept ID').fill('871711000000104');
  await page.getByLabel('Term').fill('Discharged from social prescribing service');
  await page.getByRole('button', { name: 'Save the code' }).click();
  const checkDigit = 'This is not a valid SNOMED CT concept ID: check the digits';
  await expect(summary(page).getByRole('link', { name: checkDigit })).toBeVisible();
  await expect(page.locator('#code-conceptId-error')).toContainText(checkDigit);
  await expectNoAxeViolations(page, 'social prescribing settings: a wrong code');
  await page.getByLabel('SNOMED CT concept ID').fill('871711000000103');
  await page.getByRole('button', { name: 'Save the code' }).click();
  await expect(page.getByRole('status').getByText('Discharged now records 871711000000103 (Discharged from social prescribing service).')).toBeVisible();
  await expect(codes.getByRole('row', { name: /Discharged/ })).toContainText('871711000000103');
  await expect(summary(page)).toHaveCount(0);

  await page.getByLabel('New reason').fill('Digital inclusion');
  await page.getByRole('button', { name: 'Add the reason' }).click();
  await expect(page.getByRole('status').getByText('“Digital inclusion” added to the referral reasons.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Digital inclusion' })).toBeVisible();
  await page.getByLabel('New category').fill('Faith groups');
  await page.getByRole('button', { name: 'Add the category' }).click();
  await expect(page.getByRole('status').getByText('“Faith groups” added to the directory categories.')).toBeVisible();
  await page.getByLabel('New category').fill('faith groups');
  await page.getByRole('button', { name: 'Add the category' }).click();
  await expect(summary(page).getByRole('link', { name: 'New category: This is already on the list' })).toBeVisible();
  await expectNoAxeViolations(page, 'social prescribing settings: lists');

  // The new category is offered in the directory straight away.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Directory' }).click();
  await expect(page.getByLabel('Category').getByRole('option', { name: 'Faith groups' })).toBeAttached();
});
