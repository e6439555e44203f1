import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { CarePlan, PlanContentInput, PlanVersionSummary } from '../../src-shared/contract';
import { isoDateInLondon } from '../../src-shared/format';
import { addPerson, api, callApi, expect, expectNoAxeViolations, personIdOf, practice, setUpPractice, test } from './fixtures';

/*
 * The plan's overview, sign-off, version history and comparison, and the conversation guides.
 * The plan editor is another screen's business: plan content is set up here through the app's
 * own API from the page (as the renderer calls it); everything tested goes through the screens.
 */

/** A date some days from today, as the plan stores it. */
function daysFromToday(days: number): string {
  return isoDateInLondon(new Date(Date.now() + days * 86_400_000));
}

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
const row = (scope: Page | Locator, key: string): Locator => scope.locator(`.nhsuk-summary-list__row:has(> dt:text-is("${key}"))`);
/** The plan's communication needs flag, which every screen about the person keeps. */
const flag = (page: Page): Locator => page.getByRole('region', { name: /Communication needs/ });

const goalId = randomUUID();
const firstAction = { id: randomUUID(), action: 'Find a walking group near Canal Street', who: 'Link worker', when: 'By the end of the month' };
const firstPlan: PlanContentInput = {
  aboutMe: 'I have lived in Leeds all my life and I like to be outdoors.',
  whatMatters: 'Seeing my grandchildren and getting out of the house.',
  strengths: 'My daughter visits every Sunday.',
  goals: [{ id: goalId, outcome: 'Walk to the shop on my own every week', howWeWillKnow: 'I go without help', byWhen: daysFromToday(90), steps: 'Practise with the physio', linkedNeeds: 'Mobility' }],
  actions: [firstAction],
  risks: [{ id: randomUUID(), risk: 'Falls on icy days', management: 'Stay in and phone my daughter' }],
  contingency: 'Call my daughter, then the surgery.',
  consent: 'Happy for the plan to be shared with my daughter.',
  // Within the review rules' first three months.
  reviewDate: daysFromToday(60),
};

/** A person with a representative and communication needs, arriving at their page. */
async function personWithRepresentative(page: Page, host: { url: string }): Promise<string> {
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Iris', familyName: 'Okafor', dateOfBirth: '1941-07-14', nhsNumber: '999 000 0034' });
  await page.getByRole('link', { name: 'Change information in this format' }).click();
  await page.getByLabel('Large print', { exact: true }).check();
  await page.getByRole('button', { name: 'Save communication needs' }).click();
  await expect(page.getByText('Communication needs saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Add someone around them' }).click();
  await page.getByLabel('Representative', { exact: true }).check();
  await page.getByLabel('Full name').fill('Grace Okafor');
  await page.getByLabel('Relationship (optional)').fill('Daughter');
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.getByText('Grace Okafor added.')).toBeVisible();
  return personIdOf(page);
}

/** A draft through the API, as the conversation and editor screens would leave it. */
async function draftWith(page: Page, personId: string, content: PlanContentInput, guideCode = 'what-matters'): Promise<CarePlan> {
  const draft = await api(page, 'plans.startDraft', { personId, guideCode });
  return api(page, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: { ...draft.content, ...content } });
}

async function openPlan(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'View the plan' }).click();
  await expect(h1(page, /Care and support plan/)).toBeVisible();
}

/** Back to the person's page and into the plan again, so the screens ask for it afresh. */
async function reopenPlan(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^Back to Iris Okafor's record$/ }).click();
  await expect(h1(page, 'Iris Okafor')).toBeVisible();
  await openPlan(page);
}

/** Presses Tab until the control has the focus: the keyboard is the only way used. */
async function tabTo(page: Page, control: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await control.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Could not reach the control with the Tab key');
}

test('a plan agreed with a representative, changed into version 2, and the two versions compared', async ({ page, host }) => {
  test.setTimeout(240_000);
  const personId = await personWithRepresentative(page, host);

  // Nothing yet.
  await expect(page.locator('.nhsuk-card', { hasText: 'Care and support plan' })).toContainText('No plan yet.');
  await openPlan(page);
  await expect(page.getByText('There is no care and support plan for Iris Okafor yet.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start a conversation' })).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expectNoAxeViolations(page, 'plan overview with no plan');

  // A draft (as the conversation and editor would leave it) shows, labelled as a draft.
  await draftWith(page, personId, firstPlan);
  await reopenPlan(page);
  await expect(page.getByText('This is a draft. It has not been agreed yet')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Walk to the shop on my own every week' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Continue the conversation' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit the draft plan' })).toBeVisible();
  await expectNoAxeViolations(page, 'plan overview with a draft');

  // Sign-off: a representative's name is needed when they agreed it.
  await page.getByRole('link', { name: 'Agree this plan' }).click();
  await expect(h1(page, /Agree the plan/)).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expect(page.getByText(`agreed for the team by ${practice.fullName} (you)`)).toBeVisible();
  await expectNoAxeViolations(page, 'agree the plan');
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  await expect(page.locator('#agreedBy-error')).toContainText('Choose who agreed the plan for the person');
  await expect(page.locator('#method-error')).toContainText('Choose how the plan was agreed');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Choose how the plan was agreed' })).toBeVisible();
  await expectNoAxeViolations(page, 'agree the plan with nothing chosen');
  await page.getByLabel('Their representative').check();
  const representativeName = page.getByLabel('Representative’s full name');
  await expect(representativeName).toHaveValue('Grace Okafor');
  await representativeName.fill('');
  await page.getByLabel('By video call').check();
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  await expect(page.locator('#representativeName-error')).toContainText('Enter the name of the representative who agreed the plan');
  await expect(representativeName).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the name of the representative who agreed the plan' })).toBeVisible();
  await expectNoAxeViolations(page, 'agree the plan without the representative’s name');
  await representativeName.fill('Grace Okafor');
  await page.getByRole('button', { name: 'Agree the plan' }).click();

  // The overview: the agreed plan and its agreement.
  await expect(page.getByRole('status').getByText('Version 1 of the plan is agreed.')).toBeVisible();
  await expect(row(page, 'Agreed plan')).toContainText('Agreed');
  await expect(row(page, 'Agreed plan')).toContainText(`Version 1, agreed`);
  await expect(row(page, 'Agreed for the person by')).toContainText('Their representative, Grace Okafor');
  await expect(row(page, 'How it was agreed')).toContainText('By video call');
  await expect(row(page, 'Agreed for the team by')).toContainText(practice.fullName);
  await expect(row(page, 'Communication needs')).toContainText('Large print');
  await expect(row(page, 'People around them on their record')).toContainText('Grace Okafor (representative, Daughter)');
  await expect(page.getByRole('table', { name: 'Who does what, and when' })).toContainText('Find a walking group near Canal Street');
  await expect(page.getByText('This is a draft.')).toHaveCount(0);
  await expectNoAxeViolations(page, 'plan overview with the agreed plan');

  // Changing the plan starts version 2 from what was agreed.
  await page.getByRole('button', { name: 'Change this plan' }).click();
  await expect(page).toHaveURL(/#\/people\/[0-9a-f-]+\/plan\/edit/);
  const versions: PlanVersionSummary[] = await api(page, 'plans.list', { personId });
  expect(versions.map((v) => [v.version, v.status])).toEqual([
    [2, 'draft'],
    [1, 'agreed'],
  ]);
  const [second, first] = versions;
  const draft = await api(page, 'plans.get', { planId: second!.id });
  expect(draft.guideCode).toBe('review');
  expect(draft.content.goals).toEqual((await api(page, 'plans.get', { planId: first!.id })).content.goals);
  expect(draft.content.whatMatters).toBe(firstPlan.whatMatters);

  // The goal reworded and an action added (as the editor would), then agreed by the person.
  const changedGoal = { ...draft.content.goals[0]!, outcome: 'Walk to the park on my own every day' };
  await api(page, 'plans.saveDraft', {
    planId: draft.id,
    rowVersion: draft.rowVersion,
    content: { ...draft.content, goals: [changedGoal], actions: [...draft.content.actions, { id: randomUUID(), action: 'Book a chair-based exercise class', who: 'Grace', when: 'Next week' }] },
  });
  await page.goto(`${host.url}#/people/${personId}`);
  await expect(page.locator('.nhsuk-card', { hasText: 'Care and support plan' })).toContainText('Changes in progress as version 2');
  await openPlan(page);
  await expect(row(page, 'Draft')).toContainText('Version 2');
  // The agreed version is what shows until the new one is agreed.
  await expect(page.getByRole('heading', { name: 'Walk to the shop on my own every week' })).toBeVisible();
  await page.getByRole('link', { name: 'Agree this plan' }).click();
  await page.getByLabel('The person').check();
  await page.getByLabel('In person').check();
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  await expect(page.getByText('Version 2 of the plan is agreed.')).toBeVisible();
  await expect(row(page, 'Agreed for the person by')).toContainText('The person themselves');
  await expect(page.getByRole('heading', { name: 'Walk to the park on my own every day' })).toBeVisible();

  // The history: version 1 replaced, version 2 agreed.
  await page.getByRole('link', { name: /^Version history/ }).click();
  await expect(h1(page, /Plan version history/)).toBeVisible();
  const history = page.getByRole('table', { name: 'Versions of the plan, newest first' });
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Version 2');
  await expect(rows.nth(0)).toContainText('Agreed');
  await expect(rows.nth(1)).toContainText('Version 1');
  await expect(rows.nth(1)).toContainText('Replaced by a newer version');
  await expect(rows.nth(1)).toContainText(practice.fullName);
  await expect(flag(page)).toContainText('Large print');
  await expectNoAxeViolations(page, 'version history');

  // Version 1 in full.
  await rows.nth(1).getByRole('link', { name: 'Version 1' }).click();
  await expect(h1(page, /Version 1 of the plan/)).toBeVisible();
  await expect(page.getByText('Replaced by a newer version')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Walk to the shop on my own every week' })).toBeVisible();
  await expect(row(page, 'Agreed for the person by')).toContainText('Their representative, Grace Okafor');
  await expectNoAxeViolations(page, 'one version in full');
  await page.getByRole('link', { name: 'Back to version history' }).click();

  // What changed, side by side.
  await page.getByRole('link', { name: /Compare with version 1/ }).click();
  await expect(h1(page, /What changed from version 1 to version 2/)).toBeVisible();
  const goals = page.getByRole('region', { name: 'My goals' });
  await expect(goals.getByRole('heading', { name: 'Goal changed: Walk to the park on my own every day' })).toBeVisible();
  await expect(goals.locator('del', { hasText: 'shop' })).toContainText('removed:');
  await expect(goals.locator('ins', { hasText: 'park' })).toContainText('added:');
  await expect(goals.locator('del', { hasText: 'week' })).toBeVisible();
  await expect(goals.locator('ins', { hasText: 'day' })).toBeVisible();
  const actions = page.getByRole('region', { name: 'Support and actions' });
  await expect(actions.getByRole('heading', { name: 'Action added: Book a chair-based exercise class' })).toBeVisible();
  await expect(actions.locator('ins', { hasText: 'Book a chair-based exercise class' })).toBeVisible();
  await expect(actions).toContainText('Not in version 1');
  await expect(actions).toContainText('1 other action is the same in both versions.');
  await expect(page.getByRole('listitem').filter({ hasText: /^What matters to me$/ })).toBeVisible();
  await expect(page.getByText('Words taken out')).toBeVisible();
  await expectNoAxeViolations(page, 'compare versions');

  // On a narrow window the two versions stack.
  const columns = goals.locator('.app-plan-compare').first().locator('.app-plan-compare__column');
  const wide = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
  expect(wide[1]!.x).toBeGreaterThan(wide[0]!.x);
  await page.setViewportSize({ width: 360, height: 800 });
  const narrow = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
  expect(narrow[1]!.y).toBeGreaterThanOrEqual(narrow[0]!.y + narrow[0]!.height);
  // Only the page's own content: the header's menu at this width is the header's business.
  const narrowResults = await new AxeBuilder({ page }).include('#maincontent').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(narrowResults.violations.map((v) => v.id), 'axe violations in the comparison on a narrow window').toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The comparison form; the same version twice is refused.
  await page.getByRole('link', { name: 'Back to version history' }).click();
  // Newest first: version 1 is the second choice in each list.
  await page.getByLabel('with version').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.locator('#compare-to-error')).toContainText('Choose two different versions to compare');
  await expectNoAxeViolations(page, 'version history with an error');
  // Chosen the other way round, the earlier version still goes on the left.
  await page.getByLabel('Compare version').selectOption({ index: 0 });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(h1(page, /What changed from version 1 to version 2/)).toBeVisible();
});

test('a plan without a goal or review date is not offered for agreement, and a draft can be discarded', async ({ page, host }) => {
  test.setTimeout(120_000);
  const personId = await personWithRepresentative(page, host);
  const draft = await draftWith(page, personId, { whatMatters: 'Getting back to the allotment.' });

  await openPlan(page);
  await page.getByRole('link', { name: 'Agree this plan' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('The plan is not ready to agree');
  await expect(summary.getByRole('link', { name: 'Add at least one goal before the plan is agreed' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Set a review date before the plan is agreed' })).toBeVisible();
  await expect(summary.getByRole('link', { name: /what matters/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Agree the plan' })).toHaveCount(0);
  await expect(flag(page)).toContainText('Large print');
  await expectNoAxeViolations(page, 'agree the plan when it is not ready');

  // The main process refuses with exactly those problems, by their parts of the plan.
  const refused = await callApi(page, 'plans.agree', {
    planId: draft.id,
    rowVersion: draft.rowVersion,
    agreedBy: 'person',
    method: 'phone',
    agreedOn: isoDateInLondon(new Date()),
  });
  expect(refused.ok).toBe(false);
  if (!refused.ok) {
    expect(refused.error.issues).toEqual([
      { path: 'goals', message: 'Add at least one goal before the plan is agreed' },
      { path: 'reviewDate', message: 'Set a review date before the plan is agreed' },
    ]);
  }

  // The problems lead to the editor.
  await summary.getByRole('link', { name: 'Add at least one goal before the plan is agreed' }).click();
  await expect(page).toHaveURL(/\/plan\/edit/);

  // What only the main process can check (here the review rules' latest date) is listed the same way.
  const saved = await api(page, 'plans.get', { planId: draft.id });
  await api(page, 'plans.saveDraft', {
    planId: saved.id,
    rowVersion: saved.rowVersion,
    content: { ...saved.content, goals: firstPlan.goals ?? [], reviewDate: daysFromToday(700) },
  });
  await page.goto(`${host.url}#/people/${personId}`);
  await openPlan(page);
  await page.getByRole('link', { name: 'Agree this plan' }).click();
  await page.getByLabel('The person').check();
  await page.getByLabel('By phone').check();
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  await expect(summary).toContainText('The plan is not ready to agree');
  await expect(summary.getByRole('link', { name: /review date/i })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Agree the plan' })).toHaveCount(0);

  // Discarding asks first.
  await page.goto(`${host.url}#/people/${personId}`);
  await openPlan(page);
  await page.getByRole('button', { name: 'Discard this draft' }).click();
  await expect(page.getByRole('heading', { name: /Discard the draft of version 1\?/ })).toBeFocused();
  await expectNoAxeViolations(page, 'discard the draft');
  await page.getByRole('button', { name: 'No, keep the draft' }).click();
  await expect(page.getByRole('button', { name: 'Discard this draft' })).toBeFocused();
  await expect(row(page, 'Draft')).toContainText('Version 1');
  await page.getByRole('button', { name: 'Discard this draft' }).click();
  await page.getByRole('button', { name: 'Yes, discard the draft' }).click();
  await expect(page.getByText('The draft of version 1 was discarded.')).toBeVisible();
  await expect(page.getByText('There is no care and support plan for Iris Okafor yet.')).toBeVisible();
  expect(await api(page, 'plans.list', { personId })).toEqual([]);
});

test('a plan agreed with the keyboard alone', async ({ page, host }) => {
  test.setTimeout(120_000);
  const personId = await personWithRepresentative(page, host);
  await draftWith(page, personId, firstPlan);
  await openPlan(page);

  await tabTo(page, page.getByRole('link', { name: 'Agree this plan' }));
  await page.keyboard.press('Enter');
  await expect(h1(page, /Agree the plan/)).toBeVisible();

  // Radios: Tab into the group, arrows to choose.
  await tabTo(page, page.getByLabel('The person'));
  await page.keyboard.press('Space');
  await expect(page.getByLabel('The person')).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Their representative')).toBeChecked();
  await expect(page.getByLabel('Representative’s full name')).toHaveValue('Grace Okafor');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Representative’s full name')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('In person')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('By video call')).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Agree the plan' }));
  await page.keyboard.press('Enter');

  await expect(page.getByText('Version 1 of the plan is agreed.')).toBeVisible();
  await expect(row(page, 'Agreed for the person by')).toContainText('Their representative, Grace Okafor');
  await expect(row(page, 'How it was agreed')).toContainText('By video call');
});

test('the practice adds its own conversation guide, with two steps; a second guide of the same name is refused', async ({ page, host }) => {
  test.setTimeout(120_000);
  await setUpPractice(page, host.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'See and add conversation guides' }).click();
  await expect(h1(page, 'Conversation guides')).toBeVisible();
  for (const name of ['What matters to me', 'Personal health budget support planning', 'Review']) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }
  await expect(page.getByText('Built into PlanWell')).toHaveCount(3);
  await expectNoAxeViolations(page, 'conversation guides');

  // Nothing filled in: each problem by its field.
  await page.getByRole('button', { name: 'Add the guide' }).click();
  await expect(page.locator('#name-error')).toContainText('Enter the name of the guide');
  await expect(page.locator('#steps-0-title-error')).toContainText('Enter a title for the step');
  await expect(page.locator('#steps-0-prompts-error')).toContainText('Give each step at least one prompt');
  await expect(page.locator('#steps-0-section-error')).toContainText('Choose the plan section this step feeds');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Step 1 title: Enter a title for the step' })).toBeVisible();
  await expectNoAxeViolations(page, 'add a guide with errors');

  await page.getByLabel('Name of the guide').fill('Carers’ check-in');
  await page.getByLabel('Description (optional)').fill('For a short conversation with an unpaid carer.');
  const step = (index: number) => page.getByRole('group', { name: `Step ${index}` });
  await step(1).getByLabel('Title').fill('How you are doing');
  await step(1).getByLabel('Prompts').fill('How are you sleeping?\n\nWhat would give you a break?');
  await step(1).getByLabel('Part of the plan this step feeds').selectOption({ label: 'My health and wellbeing needs' });
  await page.getByRole('button', { name: 'Add another step' }).click();
  await expect(step(2).getByLabel('Title')).toBeFocused();
  await page.getByRole('button', { name: 'Add another step' }).click();
  await page.getByRole('button', { name: 'Remove step 3' }).click();
  await expect(step(3)).toHaveCount(0);
  await step(2).getByLabel('Title').fill('Who helps');
  await step(2).getByLabel('Prompts').fill('Who could step in if you were ill?');
  await step(2).getByLabel('Part of the plan this step feeds').selectOption({ label: 'Contingency and crisis plan: who to contact and what to do' });
  await expectNoAxeViolations(page, 'add a guide, filled in');
  await page.getByRole('button', { name: 'Add the guide' }).click();

  await expect(page.getByText('“Carers’ check-in” added.')).toBeVisible();
  const added = page.locator('.nhsuk-card', { has: page.getByRole('heading', { name: 'Carers’ check-in' }) });
  await expect(added).toContainText('Added by the practice');
  await expect(added).toContainText('For a short conversation with an unpaid carer.');
  await expect(added.getByRole('listitem')).toHaveText([/How you are doing/, /Who helps/]);
  const guides = await api(page, 'guides.list', {});
  expect(guides.find((guide) => guide.name === 'Carers’ check-in')?.steps[0]?.prompts).toEqual(['How are you sleeping?', 'What would give you a break?']);

  // The same name again is refused by the name field.
  await page.getByLabel('Name of the guide').fill('Carers’ check-in');
  await step(1).getByLabel('Title').fill('Anything else');
  await step(1).getByLabel('Prompts').fill('Is there anything else?');
  await step(1).getByLabel('Part of the plan this step feeds').selectOption({ label: 'About me' });
  await page.getByRole('button', { name: 'Add the guide' }).click();
  await expect(page.locator('#name-error')).toContainText('There is already a guide with that name');
  await expect(page.getByLabel('Name of the guide')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'add a guide with a name already used');
});
