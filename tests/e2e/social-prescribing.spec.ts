import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { addMonths } from '../../src-shared/domain/calendar';
import { formatHundredths, swemwbsScore } from '../../src-shared/domain/outcome-measures';
import { formatDate, isoDateInLondon } from '../../src-shared/format';
import { addPerson, api, expect, expectNoAxeViolations, personIdOf, setUpPractice, test } from './fixtures';

/*
 * Social prescribing (issue 9), as a link worker: a referral recorded for a new person, three
 * contacts logged (the first makes it "contacted"), accepted with their consent, connected to two
 * entries from the directory (one attended), a baseline and a follow-up SWEMWBS for the referral,
 * discharged, and the summary for the GP read, copied and downloaded as a PDF. The directory
 * entries are set up through the app's API from the page; everything tested goes through the screens.
 */

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
/** The error summary. */
const summaryBox = (page: Page): Locator => page.getByRole('alert').filter({ hasText: 'There is a problem' });
const swemwbsStatements = [/optimistic about the future/, /feeling useful/, /feeling relaxed/, /dealing with problems well/, /thinking clearly/, /feeling close to other people/, /make up my own mind/];

async function answerSwemwbs(page: Page, choice: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Mental wellbeing (SWEMWBS)' });
  for (const statement of swemwbsStatements) await form.getByRole('group', { name: statement }).getByLabel(choice, { exact: true }).check();
  await form.getByRole('button', { name: 'Record the SWEMWBS score' }).click();
}

async function logContact(page: Page, minutes: string, type: string, notes: string): Promise<void> {
  await page.getByRole('link', { name: 'Log a contact' }).click();
  await expect(h1(page, /Log a contact/)).toBeVisible();
  await page.getByLabel('How long it took, in minutes').fill(minutes);
  await page.getByRole('group', { name: 'Type of contact' }).getByLabel(type, { exact: true }).check();
  await page.getByLabel('Notes (optional)').fill(notes);
  await page.getByRole('button', { name: 'Log the contact' }).click();
}

async function changeStatus(page: Page, status: string): Promise<void> {
  await page.getByRole('group', { name: 'What has happened?' }).getByLabel(status, { exact: true }).check();
  await page.getByRole('button', { name: 'Change the status' }).click();
}

test('a link worker takes a referral from arrival to discharge and sends the summary to the GP', async ({ page, host }) => {
  test.setTimeout(300_000);
  const today = isoDateInLondon(new Date());
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Mary', familyName: 'Seacole', dateOfBirth: '1950-11-23', nhsNumber: '999 000 0034' });
  const personId = personIdOf(page);
  await expect(page.getByRole('region', { name: 'Social prescribing' })).toContainText('No social prescribing referrals.');

  // The referral: refused with nothing chosen, then recorded; "Other" asks for the reason.
  await page.getByRole('link', { name: 'Record a referral' }).click();
  await expect(h1(page, /Record a social prescribing referral/)).toBeVisible();
  await expect(page.getByLabel('Date of the referral')).toHaveValue(today);
  await page.getByRole('button', { name: 'Record the referral' }).click();
  await expect(summaryBox(page).getByRole('link', { name: 'Choose who made the referral' })).toBeVisible();
  await expect(summaryBox(page).getByRole('link', { name: 'Choose at least one reason for the referral' })).toBeVisible();
  await expectNoAxeViolations(page, 'new referral with errors');
  await page.getByRole('group', { name: 'Who made the referral?' }).getByLabel('GP', { exact: true }).check();
  await page.getByLabel('Name of the person who referred them (optional)').fill('Dr Patel');
  await page.getByLabel('Loneliness or isolation').check();
  await expect(page.getByLabel('What is the other reason?')).toHaveCount(0);
  await page.getByRole('group', { name: 'Why were they referred?' }).getByLabel('Other', { exact: true }).check();
  await page.getByLabel('What is the other reason?').fill('Lost touch with friends after moving');
  await page.getByLabel('Routine').check();
  await page.getByLabel('Not asked yet').check();
  await page.getByRole('button', { name: 'Record the referral' }).click();
  await expect(page.getByText('Referral recorded.')).toBeVisible();
  await expect(h1(page, new RegExp(`Mary Seacole.*Referral of ${formatDate(today)}`))).toBeVisible();
  const history = page.getByRole('table', { name: 'Status history, oldest first' });
  await expect(history.getByRole('row').nth(1)).toContainText('871731000000106');
  await expect(history.getByRole('row').nth(1)).toContainText('Referral to social prescribing service');
  await expect(page.getByRole('group', { name: 'What has happened?' }).getByRole('radio')).toHaveCount(3);

  // The inbox counts it as new; its row leads back to it.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Referrals' }).click();
  await expect(h1(page, 'Referrals')).toBeVisible();
  const statusTab = (name: RegExp) => page.getByRole('navigation', { name: 'Referrals by status' }).getByRole('link', { name });
  await expect(statusTab(/^All \(1\)$/)).toHaveAttribute('aria-current', 'page');
  await expect(statusTab(/^New \(1\)$/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Directory of local support' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Caseload report' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Referrals: all referrals' }).getByRole('row', { name: /Mary Seacole/ });
  await expect(row).toContainText('Loneliness or isolation; Other');
  await expect(row).toContainText('Not assigned');
  await page.getByLabel('Whose referrals').selectOption({ label: 'My caseload' });
  await expect(page.getByText('There are no referrals with this filter.')).toBeVisible();
  await page.getByLabel('Whose referrals').selectOption({ label: 'Nobody assigned' });
  await statusTab(/^New \(1\)$/).click();
  await page.getByRole('table', { name: 'Referrals: new' }).getByRole('button', { name: 'Name' }).click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expectNoAxeViolations(page, 'referral inbox');
  await page.getByRole('link', { name: /Mary Seacole/ }).click();
  await expect(h1(page, /Referral of/)).toBeVisible();

  // Three contacts; the first makes the referral "contacted".
  await logContact(page, '', 'Phone', '');
  await expect(summaryBox(page).getByRole('link', { name: 'Enter how long it took in minutes' })).toBeVisible();
  await expectNoAxeViolations(page, 'log a contact with an error');
  await page.getByLabel('How long it took, in minutes').fill('30');
  await page.getByLabel('Who attended (optional)').fill('Mary');
  await page.getByLabel('Next step (optional)').fill('Look for a gardening group');
  await page.getByRole('button', { name: 'Log the contact' }).click();
  await expect(page.getByText('Contact logged. The referral is now contacted.')).toBeVisible();
  await expect(page.getByText(`Contacted since ${formatDate(today)}`)).toBeVisible();
  await logContact(page, '45', 'Face to face', '"I miss having people to talk to."');
  await expect(page.getByText('Contact logged.', { exact: true })).toBeVisible();
  await logContact(page, '60', 'Home visit', 'Talked through the groups nearby.');
  await expect(page.getByText('3 contacts, 135 minutes in all. The newest is first.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 }).filter({ hasText: 'home visit, 60 minutes' })).toBeVisible();

  // Accepted: consent was not asked when she was referred, so it is asked now.
  await page.getByRole('group', { name: 'What has happened?' }).getByLabel('Accepted', { exact: true }).check();
  await page.getByRole('group', { name: 'Have they agreed to be referred?' }).getByLabel('Yes, they agreed to be referred').check();
  await page.getByRole('button', { name: 'Change the status' }).click();
  await expect(page.getByText('Referral marked as accepted.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Status' })).toBeFocused();
  await expect(history.getByRole('row')).toHaveCount(4);

  // Two entries in the directory, one not checked for eight months.
  await api(page, 'directory.save', {
    entry: { name: 'Riverside Community Garden', category: 'nature', area: 'Riverside', whenItRuns: 'Tuesdays 10am to 1pm', accessibility: ['step-free'], lastCheckedOn: today },
  });
  await api(page, 'directory.save', {
    entry: { name: 'Tuesday Lunch Club', category: 'social-groups', area: 'Town centre', whenItRuns: 'Tuesdays at noon', lastCheckedOn: addMonths(today, -8) },
  });

  // Connected to both: found by search, stale entries flagged.
  await page.getByRole('link', { name: 'Connect to support' }).click();
  await expect(h1(page, /Connect to support/)).toBeVisible();
  await expect(page.getByText('2 entries found.')).toBeVisible();
  await expect(page.getByText(`Not checked since ${formatDate(addMonths(today, -8))}`)).toBeVisible();
  await expectNoAxeViolations(page, 'connect to support');
  await page.getByLabel('Search words').fill('garden');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('1 entry found.')).toBeVisible();
  await page.getByRole('radio', { name: 'Riverside Community Garden' }).check();
  await page.getByLabel(/^Referred/).check();
  await page.getByLabel('Note (optional)').fill('Meets Sam at the gate');
  await page.getByRole('button', { name: 'Connect them' }).click();
  await expect(page.getByText('Connected to Riverside Community Garden.')).toBeVisible();
  await page.getByRole('link', { name: 'Connect to support' }).click();
  await expect(page.getByText('2 entries found.')).toBeVisible();
  await page.getByRole('radio', { name: 'Tuesday Lunch Club' }).check();
  await page.getByLabel(/^Signposted/).check();
  await page.getByRole('button', { name: 'Connect them' }).click();
  await expect(page.getByText('Connected to Tuesday Lunch Club.')).toBeVisible();

  // She went to the garden.
  await page.locator('summary').filter({ hasText: 'Record what happened at Riverside Community Garden' }).click();
  const gardenOutcome = page.getByRole('form', { name: 'What happened at Riverside Community Garden' });
  await gardenOutcome.getByLabel('Attended', { exact: true }).check();
  await gardenOutcome.getByRole('button', { name: 'Save what happened' }).click();
  await expect(page.getByText(`Saved: Riverside Community Garden, attended (${formatDate(today)}).`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Riverside Community Garden' })).toContainText(`What happenedAttended (${formatDate(today)})`);
  await expect(page.getByRole('region', { name: 'Tuesday Lunch Club' })).toContainText('What happenedNot known yet');
  await expectNoAxeViolations(page, 'an accepted referral with contacts and connections');

  // A baseline and a follow-up SWEMWBS for this referral, from the wellbeing screen.
  const before = swemwbsScore(Array.from({ length: 7 }, () => 3));
  const after = swemwbsScore(Array.from({ length: 7 }, () => 4));
  await page.getByRole('link', { name: 'Record a baseline score' }).click();
  await expect(h1(page, /Wellbeing scores/)).toBeVisible();
  await expect(page.getByText(`For their social prescribing referral of ${formatDate(today)}.`)).toBeVisible();
  const when = page.getByRole('form', { name: 'Mental wellbeing (SWEMWBS)' }).getByRole('group', { name: 'When it was taken' });
  await expect(when.getByLabel('Baseline (at the start)')).toBeChecked();
  await expect(when.getByRole('radio')).toHaveCount(2);
  await expectNoAxeViolations(page, 'wellbeing scores for a referral');
  await answerSwemwbs(page, 'Some of the time');
  await expect(page.getByText(`SWEMWBS recorded for ${formatDate(today)}: raw score ${before.raw} out of 35, metric score ${formatHundredths(before.metricHundredths)}.`)).toBeVisible();
  await page.getByRole('link', { name: 'Back to the referral' }).click();
  await page.getByRole('link', { name: 'Record a follow-up score' }).click();
  await expect(when.getByLabel('Follow-up (social prescribing)')).toBeChecked();
  await answerSwemwbs(page, 'Often');
  await expect(page.getByText(new RegExp(`SWEMWBS recorded for .*metric score ${formatHundredths(after.metricHundredths).replace('.', '\\.')}`))).toBeVisible();
  await page.getByRole('link', { name: 'Back to the referral' }).click();
  const change = `SWEMWBS metric score ${formatHundredths(before.metricHundredths)} at baseline (${formatDate(today)}), ${formatHundredths(after.metricHundredths)} at follow-up (${formatDate(today)}): up ${formatHundredths(after.metricHundredths - before.metricHundredths)}`;
  await expect(page.getByText(change)).toBeVisible();

  // Discharged: finished, so nothing more is offered.
  await page.getByRole('link', { name: 'Summary for the GP' }).click();
  await expect(page.getByRole('heading', { name: 'This summary is not final' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the referral' }).click();
  await changeStatus(page, 'Discharged');
  await expect(page.getByText('Referral marked as discharged.')).toBeVisible();
  await expect(page.getByText(/This referral is discharged\. It is finished/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log a contact' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Connect to support' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Change the status' })).toHaveCount(0);
  await expect(page.getByText('Record what happened')).toHaveCount(0);

  // The summary for the GP: on screen, as text to copy, and as a PDF.
  await page.getByRole('link', { name: 'Summary for the GP' }).click();
  await expect(h1(page, /Summary for the GP/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This summary is not final' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: 'Loneliness or isolation' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Other: Lost touch with friends after moving' })).toBeVisible();
  await expect(page.getByText(`3 contacts (135 minutes in all), from ${formatDate(today)} to ${formatDate(today)}.`)).toBeVisible();
  const support = page.getByRole('table', { name: 'Support offered' });
  await expect(support.getByRole('row', { name: /Riverside Community Garden/ })).toContainText(`Attended (${formatDate(today)})`);
  await expect(support.getByRole('row', { name: /Tuesday Lunch Club/ })).toContainText('Not known yet');
  await expect(page.getByRole('listitem').filter({ hasText: change })).toBeVisible();
  await expect(page.getByRole('img', { name: /Line chart of SWEMWBS metric scores/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'SWEMWBS scores, oldest first' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('table', { name: 'Codes for the GP record, in the order recorded' })).toContainText('871731000000106');
  await expectNoAxeViolations(page, 'summary for the GP');

  const text = page.getByLabel('The summary as text');
  for (const words of ['Loneliness or isolation; Other: Lost touch with friends after moving', 'Riverside Community Garden', 'Tuesday Lunch Club', change, '871731000000106']) {
    await expect(text).toHaveValue(new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy as text' }).click();
  await expect(page.getByRole('status').getByText('Copied the summary. Paste it into the GP record.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await text.inputValue());

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PDF' }).click();
  const download = await downloading;
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByRole('status').getByText(new RegExp(`Downloaded ${download.suggestedFilename().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))).toBeVisible();

  // Her record lists the referral, and its timeline the three contacts.
  await page.goto(`${host.url}#/people/${personId}`);
  await expect(h1(page, 'Mary Seacole')).toBeVisible();
  const referrals = page.getByRole('region', { name: 'Social prescribing' });
  await expect(referrals.getByRole('row', { name: new RegExp(`Referral of ${formatDate(today)}`) })).toContainText('Discharged');
  await expect(referrals.getByRole('row', { name: new RegExp(`Referral of ${formatDate(today)}`) })).toContainText('GP (Dr Patel)');
  const timeline = page.getByRole('table', { name: /Changes to their record/ });
  await expect(timeline.getByRole('row').filter({ hasText: 'Social prescribing contact' })).toHaveCount(3);
  await expect(timeline.getByRole('row').filter({ hasText: `Social prescribing contact: home visit, 60 minutes, ${formatDate(today)}` })).toBeVisible();
  await expectNoAxeViolations(page, 'person with a discharged referral');
});
