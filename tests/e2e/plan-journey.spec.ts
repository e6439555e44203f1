import type { Locator, Page } from '@playwright/test';
import { addDays } from '../../src-shared/domain/calendar';
import { formatDate, isoDateInLondon } from '../../src-shared/format';
import { addPerson, expect, expectNoAxeViolations, practice, setUpPractice, test } from './fixtures';

/*
 * The whole journey for one person, through the screens alone: a care planning conversation,
 * the draft plan finished in the editor and agreed; then the agreed plan changed into version 2,
 * agreed in its turn, with the history and the difference between the two versions.
 */

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
const row = (scope: Page | Locator, key: string): Locator => scope.locator(`.nhsuk-summary-list__row:has(> dt:text-is("${key}"))`);
/** The autosave status of the form on screen. */
const saveStatus = (page: Page): Locator => page.locator('.app-save-status');

const person = { givenName: 'Maya', familyName: 'Desai', dateOfBirth: '1952-03-09', nhsNumber: '999 000 0034' };
const fullName = `${person.givenName} ${person.familyName}`;

const aboutMe = 'I was a bus driver for thirty years and I still know every route in town.';
const whatMatters = 'Having a cup of tea with my neighbour Joan every morning.';
const firstGoal = 'Walk to the post office on my own';
const rewordedGoal = 'Walk to the park with my grandson';

/** Writes a note in their own words at the current step, adds it, and moves it into the step's section. */
async function noteMovedInto(page: Page, text: string, section: string): Promise<void> {
  await page.getByLabel('Note what they say').fill(text);
  await expect(page.getByLabel('In their own words')).toBeChecked();
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('Note added. 1 note from this step.')).toBeVisible();
  const notes = page.locator('.app-conversation-notes');
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes).toContainText(`“${text}”`);
  await expect(notes).toContainText('In their own words');
  // One action: the note's own button, already pointing at the section this step feeds.
  await page.getByRole('button', { name: new RegExp(`^Move to ${section}`) }).click();
  await expect(page.getByText(`Moved to ${section}.`)).toBeVisible();
  await expect(notes.getByRole('listitem')).toHaveCount(0);
}

/** Records on the agree screen that the person agreed the plan in person today. */
async function agreeInPersonToday(page: Page, version: number, today: string): Promise<void> {
  await expect(h1(page, /Agree the plan/)).toBeVisible();
  await expect(page.getByText(`You are recording that version ${version} of ${fullName}'s plan has been agreed.`)).toBeVisible();
  await expect(page.getByText(`agreed for the team by ${practice.fullName} (you)`)).toBeVisible();
  await expect(page.getByLabel('Date agreed')).toHaveValue(today);
  await page.getByLabel('The person').check();
  await page.getByLabel('In person').check();
  await expectNoAxeViolations(page, `agree version ${version}`);
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  await expect(h1(page, /Care and support plan/)).toBeVisible();
  await expect(page.getByRole('status').getByText(`Version ${version} of the plan is agreed.`)).toBeVisible();
}

test('a conversation becomes a plan that is agreed; changing it afterwards makes version 2, and the difference shows the change', async ({ page, host }) => {
  test.setTimeout(240_000);
  const today = isoDateInLondon(new Date());
  // About two months ahead: within the review rules' three months from the first agreement.
  const reviewDate = addDays(today, 60);

  await setUpPractice(page, host.url);
  await addPerson(page, person);

  // From the person's page to their plan: nothing yet.
  await expect(page.locator('.nhsuk-card', { hasText: 'Care and support plan' })).toContainText('No plan yet.');
  await page.getByRole('link', { name: 'View the plan' }).click();
  await expect(h1(page, /Care and support plan/)).toBeVisible();
  await expect(page.getByText(`There is no care and support plan for ${fullName} yet.`)).toBeVisible();
  await page.getByRole('link', { name: 'Start a conversation' }).click();

  // The conversation, with the "What matters to me" guide.
  await expect(h1(page, /Start a care planning conversation/)).toBeVisible();
  await page.getByLabel('What matters to me').check();
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  await expect(h1(page, /Care planning conversation/)).toBeVisible();
  await expect(page.getByText('Step 1 of 8: What matters to me')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'About you' })).toBeVisible();
  await noteMovedInto(page, aboutMe, 'About me');

  // Moving on saves the plan for the team.
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'What matters to you' })).toBeFocused();
  await expect(page.getByText('Step 2 of 8: What matters to me')).toBeVisible();
  await noteMovedInto(page, whatMatters, 'What matters to me');

  // The full plan: what was moved is in its sections, in their words.
  await page.getByRole('link', { name: 'Open the full plan' }).click();
  await expect(h1(page, /Draft care and support plan \(version 1\)/)).toBeVisible();
  await expect(page.getByLabel('About me')).toHaveValue(`“${aboutMe}”`);
  await expect(page.getByLabel('What matters to me')).toHaveValue(`“${whatMatters}”`);

  // A goal, an action and the review date.
  await page.getByRole('button', { name: 'Add a goal' }).click();
  const goal = page.getByRole('group', { name: 'Goal 1' });
  await expect(goal.getByLabel('What I want to achieve, in my words')).toBeFocused();
  await goal.getByLabel('What I want to achieve, in my words').fill(firstGoal);
  await goal.getByLabel('How we will know (optional)').fill('I can post my own letters without help');
  await page.getByRole('button', { name: 'Add an action' }).click();
  const action = page.getByRole('group', { name: 'Action 1' });
  await action.getByLabel('What will be done').fill('Practise the walk with the physiotherapist');
  await action.getByLabel('Who (optional)').fill('Physiotherapist');
  await action.getByLabel('When (optional)').fill('Every Thursday');
  await page.getByLabel('Review date').fill(reviewDate);
  await expect(saveStatus(page)).toHaveText(/^Saved at \d\d:\d\d$/);
  await page.getByRole('button', { name: 'Save draft plan' }).click();
  await expect(page.getByText('Draft plan saved. The team can now see it.')).toBeVisible();

  // The draft on the overview, then agreed through the agree screen.
  await page.getByRole('link', { name: `Back to ${fullName}'s plan` }).click();
  await expect(h1(page, /Care and support plan/)).toBeVisible();
  await expect(page.getByText('This is a draft. It has not been agreed yet')).toBeVisible();
  await expect(page.getByRole('heading', { name: firstGoal })).toBeVisible();
  await page.getByRole('link', { name: 'Agree this plan' }).click();
  await agreeInPersonToday(page, 1, today);

  // The overview says it is agreed, with their own words.
  await expect(row(page, 'Agreed plan')).toContainText('Agreed');
  await expect(row(page, 'Agreed plan')).toContainText(`Version 1, agreed ${formatDate(today)}`);
  // Once in the summary at the top and once in the plan itself.
  await expect(row(page, 'Review date')).toHaveText([new RegExp(formatDate(reviewDate)), new RegExp(formatDate(reviewDate))]);
  await expect(row(page, 'Draft')).toContainText('No draft in progress');
  await expect(row(page, 'Agreed for the person by')).toContainText('The person themselves');
  await expect(row(page, 'How it was agreed')).toContainText('In person');
  await expect(row(page, 'Date agreed')).toContainText(formatDate(today));
  await expect(row(page, 'Agreed for the team by')).toContainText(practice.fullName);
  await expect(page.getByText(`“${aboutMe}”`)).toBeVisible();
  await expect(page.getByText(`“${whatMatters}”`)).toBeVisible();
  await expect(page.getByRole('heading', { name: firstGoal })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Who does what, and when' })).toContainText('Practise the walk with the physiotherapist');
  await expect(page.getByText('This is a draft.')).toHaveCount(0);
  await expectNoAxeViolations(page, 'plan overview with version 1 agreed');

  // Changing the agreed plan opens version 2 as a draft in the editor, starting from what was agreed.
  await page.getByRole('button', { name: 'Change this plan' }).click();
  await expect(h1(page, /Draft care and support plan \(version 2\)/)).toBeVisible();
  const goalInVersion2 = page.getByRole('group', { name: 'Goal 1' }).getByLabel('What I want to achieve, in my words');
  await expect(goalInVersion2).toHaveValue(firstGoal);
  await expect(page.getByLabel('What matters to me')).toHaveValue(`“${whatMatters}”`);
  await expect(page.getByLabel('Review date')).toHaveValue(reviewDate);
  await goalInVersion2.fill(rewordedGoal);
  await expect(saveStatus(page)).toHaveText(/^Saved at \d\d:\d\d$/);
  await page.getByRole('button', { name: 'Save draft plan' }).click();
  await expect(page.getByText('Draft plan saved. The team can now see it.')).toBeVisible();

  // Agreed from the editor: the agree screen is for version 2.
  await page.getByRole('button', { name: 'Agree this plan' }).click();
  await agreeInPersonToday(page, 2, today);
  await expect(row(page, 'Agreed plan')).toContainText(`Version 2, agreed ${formatDate(today)}`);
  await expect(page.getByRole('heading', { name: rewordedGoal })).toBeVisible();
  await expect(page.getByRole('heading', { name: firstGoal })).toHaveCount(0);

  // The history: version 1 replaced by a newer version, version 2 agreed.
  await page.getByRole('link', { name: /^Version history/ }).click();
  await expect(h1(page, /Plan version history/)).toBeVisible();
  const history = page.getByRole('table', { name: 'Versions of the plan, newest first' });
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const version = (number: number): Locator => rows.filter({ has: page.getByRole('link', { name: `Version ${number}`, exact: true }) });
  await expect(rows.nth(0)).toContainText('Version 2');
  await expect(version(2).locator('.nhsuk-tag')).toHaveText('Agreed');
  await expect(version(1).locator('.nhsuk-tag')).toHaveText('Replaced by a newer version');
  await expect(version(1)).toContainText('The first version');
  await expectNoAxeViolations(page, 'version history');

  // Version 1 compared with version 2: the old goal's words taken out, the new ones put in.
  await version(2).getByRole('link', { name: /Compare with version 1/ }).click();
  await expect(h1(page, /What changed from version 1 to version 2/)).toBeVisible();
  const goals = page.getByRole('region', { name: 'My goals' });
  await expect(goals.getByRole('heading', { name: `Goal changed: ${rewordedGoal}` })).toBeVisible();
  await expect(goals.locator('del', { hasText: 'post office' })).toContainText('removed:');
  await expect(goals.locator('del', { hasText: 'own' })).toBeVisible();
  await expect(goals.locator('ins', { hasText: 'park' })).toContainText('added:');
  await expect(goals.locator('ins', { hasText: 'grandson' })).toBeVisible();
  await expect(goals.locator('ins', { hasText: 'post office' })).toHaveCount(0);
  await expect(goals.locator('del', { hasText: 'park' })).toHaveCount(0);
  // Nothing else changed.
  await expect(page.getByRole('region', { name: 'Support and actions' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: /^What matters to me$/ })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^Review date$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'compare version 1 with version 2');
});
