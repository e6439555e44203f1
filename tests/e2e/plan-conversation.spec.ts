import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { addPerson, draftSavedWith, expect, expectNoAxeViolations, logIn, personIdOf, practice, setUpPractice, startHost, test } from './fixtures';

/*
 * The care planning conversation, the plan editor and the shared screen, with autosave: what is
 * typed survives a reload and the preview host being killed outright.
 */

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
/** The Accessible Information Standard flag, on every screen about the person. */
const flag = (page: Page): Locator => page.getByRole('region', { name: /Communication needs/ });
/** The autosave status of the form on screen. */
const saveStatus = (page: Page): Locator => page.locator('.app-save-status');

async function expectFlag(page: Page, screen: string): Promise<void> {
  await expect(flag(page), `the flag on ${screen}`).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expect(flag(page)).toContainText('Plain English, one idea at a time');
}

/** A person with communication needs, arriving at their page. */
async function personWithNeeds(page: Page): Promise<string> {
  await addPerson(page, { givenName: 'Iris', familyName: 'Okafor', dateOfBirth: '1941-07-14', nhsNumber: '999 000 0034' });
  await page.getByRole('link', { name: 'Change information in this format' }).click();
  await page.getByLabel('Large print', { exact: true }).check();
  await page.getByLabel('Plain English, one idea at a time', { exact: true }).check();
  await page.getByRole('button', { name: 'Save communication needs' }).click();
  await expect(page.getByText('Communication needs saved.')).toBeVisible();
  return personIdOf(page);
}

/** Writes a note at the current step and adds it. */
async function addNote(page: Page, text: string): Promise<void> {
  await page.getByLabel('Note what they say').fill(text);
  await expect(page.getByLabel('In their own words')).toBeChecked();
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('Note added.')).toBeVisible();
  await expect(page.getByLabel('Note what they say')).toHaveValue('');
}


async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill(signal);
  await exited;
}

/** WCAG AAA contrast (7:1) for the high contrast theme, on top of the usual A and AA checks. */
async function expectEnhancedContrast(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withRules(['color-contrast-enhanced']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`);
  expect(summary, 'AAA contrast on the high contrast shared screen').toEqual([]);
}

test('a conversation: notes in their own words moved into the plan with one action, the editor, the shared screen and autosave through a reload', async ({ page, host }) => {
  test.setTimeout(180_000);
  await setUpPractice(page, host.url);
  const personId = await personWithNeeds(page);

  // No draft yet: the conversation offers to start one, with the usual guide chosen.
  await page.goto(`${host.url}#/people/${personId}/plan/conversation`);
  await expect(h1(page, /Start a care planning conversation/)).toBeVisible();
  await expect(page.getByLabel('What matters to me')).toBeChecked();
  await expectFlag(page, 'start a conversation');
  await expectNoAxeViolations(page, 'start a conversation');
  await page.getByRole('button', { name: 'Start the conversation' }).click();

  // Step 1: the prompts to read aloud, and a note in their words moved into "About me".
  await expect(h1(page, /Care planning conversation/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'About you' })).toBeFocused();
  await expect(page.getByText('Step 1 of 8: What matters to me')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'What is a good day like for you?' })).toBeVisible();
  await expectFlag(page, 'the conversation');
  await addNote(page, 'I have lived on Canal Street for fifty years and I love my garden.');
  const notes = page.locator('.app-conversation-notes');
  await expect(notes).toContainText('“I have lived on Canal Street for fifty years and I love my garden.”');
  await expect(notes).toContainText('In their own words');
  await expectNoAxeViolations(page, 'the conversation with a note');
  await page.getByRole('button', { name: /^Move to About me/ }).click();
  await expect(page.getByText('Moved to About me.')).toBeVisible();
  await expect(notes.getByRole('listitem')).toHaveCount(0);

  // Step 2 (moving on saves the plan): one note into "What matters to me", another as a goal.
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'What matters to you' })).toBeFocused();
  await expect(page).toHaveURL(/\?step=2#/);
  await addNote(page, 'Seeing my grandchildren on Sundays.');
  await addNote(page, 'I want to walk to the shop on my own again.');
  await expect(notes.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: /^Move to What matters to me \(note 1\)/ }).click();
  await expect(page.getByText('Moved to What matters to me.')).toBeVisible();
  await page.getByLabel('Or move it to (note 1)').selectOption({ label: 'My goals' });
  await page.getByRole('button', { name: /^Move to My goals/ }).click();
  await expect(page.getByText('Moved to My goals.')).toBeVisible();
  await expect(notes.getByRole('listitem')).toHaveCount(0);
  await expectNoAxeViolations(page, 'the conversation at step 2');

  // A reload keeps the step.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'What matters to you' })).toBeVisible();

  // The shared screen: this step only, in large text, in plain words, with the flag.
  await page.getByRole('link', { name: 'Open the shared screen' }).click();
  await expect(h1(page, 'What matters to you')).toBeVisible();
  await expect(page.getByText('“Seeing my grandchildren on Sundays.”')).toBeVisible();
  await expect(page.getByText('I have lived on Canal Street')).toHaveCount(0);
  await expect(page.getByText('999 000 0034')).toHaveCount(0);
  await expectFlag(page, 'the shared screen');
  const bodySize = await page.getByText('“Seeing my grandchildren on Sundays.”').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(bodySize).toBeGreaterThanOrEqual(22);
  await expectNoAxeViolations(page, 'the shared screen');
  const contrast = page.getByRole('button', { name: 'High contrast' });
  await expect(contrast).toHaveAttribute('aria-pressed', 'false');
  await contrast.click();
  await expect(contrast).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/app-high-contrast/);
  expect(await page.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor)).toBe('rgb(0, 0, 0)');
  await expectFlag(page, 'the shared screen in high contrast');
  await expectNoAxeViolations(page, 'the shared screen in high contrast');
  await expectEnhancedContrast(page);
  // The next part of the conversation, and the choice of colours remembered.
  await page.getByRole('button', { name: 'Next part' }).click();
  await expect(h1(page, 'What is working and not working')).toBeFocused();
  await page.getByRole('button', { name: 'Previous part' }).click();
  await page.reload();
  await expect(h1(page, 'What matters to you')).toBeVisible();
  await expect(page.getByRole('button', { name: 'High contrast' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'High contrast' }).click();
  await expect(page.locator('html')).not.toHaveClass(/app-high-contrast/);
  await page.getByRole('link', { name: 'Back to the conversation' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'What matters to you' })).toBeVisible();

  // The editor holds what was moved, in the sections it was moved to.
  await page.getByRole('link', { name: 'Open the full plan' }).click();
  await expect(h1(page, /Draft care and support plan/)).toBeVisible();
  await expectFlag(page, 'the plan editor');
  await expect(page.getByLabel('About me')).toHaveValue('“I have lived on Canal Street for fifty years and I love my garden.”');
  await expect(page.getByLabel('What matters to me')).toHaveValue('“Seeing my grandchildren on Sundays.”');
  await expect(page.locator('#goals-0-outcome')).toHaveValue('I want to walk to the shop on my own again.');
  await expect(page.getByRole('region', { name: 'My communication and accessible-information needs' })).toContainText('Large print');
  await expectNoAxeViolations(page, 'the plan editor');

  // A goal added, and a section typed in: kept as a draft, shown as saved, there after a reload.
  await page.getByRole('button', { name: 'Add a goal' }).click();
  await expect(page.locator('#goals-1-outcome')).toBeFocused();
  await page.locator('#goals-1-outcome').fill('Join the gardening club');
  const strengthsSaved = draftSavedWith(page, 'My daughter Grace visits every Sunday.');
  await page.getByLabel('My strengths and support network').fill('My daughter Grace visits every Sunday.');
  await strengthsSaved;
  await expect(saveStatus(page)).toHaveText(/^Saved at \d\d:\d\d$/);
  await expectNoAxeViolations(page, 'the plan editor with a new goal');
  await page.reload();
  await expect(page.getByLabel('My strengths and support network')).toHaveValue('My daughter Grace visits every Sunday.');
  await expect(page.locator('#goals-1-outcome')).toHaveValue('Join the gardening club');
  await expect(page.getByText(/Restored what you typed at \d\d:\d\d\. It is not yet saved to the plan\./)).toBeVisible();

  // An empty goal is refused by the field, in plain words; removing it says which one.
  await page.getByRole('button', { name: 'Add a goal' }).click();
  await page.getByRole('button', { name: 'Save draft plan' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the goal in their words' })).toBeVisible();
  await expect(page.locator('#goals-2-outcome-error')).toContainText('Enter the goal in their words');
  await expectNoAxeViolations(page, 'the plan editor with an error');
  await page.getByRole('button', { name: 'Remove goal 3' }).click();
  await expect(page.getByRole('button', { name: 'Add a goal' })).toBeFocused();

  // Saved to the plan for the team: the user's own draft goes.
  await page.getByRole('button', { name: 'Save draft plan' }).click();
  await expect(page.getByText('Draft plan saved. The team can now see it.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('My strengths and support network')).toHaveValue('My daughter Grace visits every Sunday.');
  await expect(page.getByText(/Restored what you typed/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove goal 2' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove goal 3' })).toHaveCount(0);
});

test('what is typed survives the preview host being killed; the plan editor without a draft points to the plan', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await startHost();
  let restarted: { url: string; process: ChildProcess } | null = null;
  try {
    await setUpPractice(page, host.url);
    const personId = await personWithNeeds(page);

    // No draft: nothing to edit, and the way to the plan.
    await page.goto(`${host.url}#/people/${personId}/plan/edit`);
    await expect(h1(page, /There is no draft plan to change/)).toBeVisible();
    await expectFlag(page, 'the editor with no draft');
    await expect(page.getByRole('link', { name: "Go to Iris's plan" })).toBeVisible();
    await expectNoAxeViolations(page, 'the editor with no draft');

    await page.getByRole('link', { name: 'Start a care planning conversation' }).click();
    await page.getByRole('button', { name: 'Start the conversation' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'About you' })).toBeVisible();
    await page.getByRole('link', { name: 'Open the full plan' }).click();
    await page.getByLabel('Contingency and crisis plan: who to contact and what to do').fill('Phone Grace first, then the surgery.');
    const reviewDateSaved = draftSavedWith(page, '2031-03-31');
    await page.getByLabel('Review date').fill('2031-03-31');
    await reviewDateSaved;
    await expect(saveStatus(page)).toHaveText(/^Saved at \d\d:\d\d$/);

    // The host is killed outright, as in a crash or a power cut: no chance to tidy up.
    await kill(host.process, 'SIGKILL');
    restarted = await startHost([], host.dataDirectory);
    await page.goto(restarted.url);
    await logIn(page, practice.username, practice.password);
    await expect(h1(page, 'Caseload')).toBeVisible();
    await page.goto(`${restarted.url}#/people/${personId}/plan/edit`);
    await expect(page.getByLabel('Contingency and crisis plan: who to contact and what to do')).toHaveValue('Phone Grace first, then the surgery.');
    await expect(page.getByLabel('Review date')).toHaveValue('2031-03-31');
    await expect(page.getByText(/Restored what you typed at/)).toBeVisible();
    await expectFlag(page, 'the editor after a crash');
  } finally {
    if (restarted) await kill(restarted.process, 'SIGTERM');
    await kill(host.process, 'SIGTERM');
    rmSync(host.dataDirectory, { recursive: true, force: true });
  }
});

test('with the keyboard alone a note is added and moved; a plan someone else saved first is reloaded, keeping what was typed to copy back', async ({ page, host, context }) => {
  test.setTimeout(120_000);
  await setUpPractice(page, host.url);
  const personId = await personWithNeeds(page);
  await page.goto(`${host.url}#/people/${personId}/plan/conversation`);
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'About you' })).toBeFocused();

  // Keyboard only: type, tab past "In their own words" to "Add note", then on to the move button.
  await page.getByLabel('Note what they say').focus();
  await page.keyboard.type('Call me Izzy.');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('In their own words')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add note' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Note added.')).toBeVisible();
  await expect(page.getByLabel('Note what they say')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^Move to About me/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Moved to About me.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Notes from this step' })).toBeFocused();

  // Open in the editor here, then a colleague's window saves first.
  await page.getByRole('link', { name: 'Open the full plan' }).click();
  await expect(page.getByLabel('About me')).toHaveValue('“Call me Izzy.”');
  const colleague = await context.newPage();
  await colleague.goto(page.url());
  await colleague.getByLabel('What matters to me').fill('Getting back to church on Sundays.');
  await colleague.getByRole('button', { name: 'Save draft plan' }).click();
  await expect(colleague.getByText('Draft plan saved. The team can now see it.')).toBeVisible();
  await colleague.close();

  await page.getByLabel('My health and wellbeing needs').fill('Stiff knees in the morning.');
  await page.getByRole('button', { name: 'Save draft plan' }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link', { name: /Someone else has changed this plan since you opened it/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the plan editor when someone else saved first');
  await page.getByRole('button', { name: 'Reload the plan with their changes' }).click();
  await expect(page.getByLabel('What matters to me')).toHaveValue('Getting back to church on Sundays.');
  await expect(page.getByLabel('My health and wellbeing needs')).toHaveValue('');
  const typed = page.locator('.nhsuk-inset-text').filter({ has: page.getByRole('heading', { name: 'What you typed before reloading' }) });
  await expect(typed).toContainText('Stiff knees in the morning.');
  await expectNoAxeViolations(page, 'the plan editor after reloading');
  await page.getByLabel('My health and wellbeing needs').fill('Stiff knees in the morning.');
  await page.getByRole('button', { name: 'I have copied what I need' }).click();
  await expect(typed).toHaveCount(0);
  await page.getByRole('button', { name: 'Save draft plan' }).click();
  await expect(page.getByText('Draft plan saved. The team can now see it.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('What matters to me')).toHaveValue('Getting back to church on Sundays.');
  await expect(page.getByLabel('My health and wellbeing needs')).toHaveValue('Stiff knees in the morning.');
});
