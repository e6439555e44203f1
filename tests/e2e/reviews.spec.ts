import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import type { BudgetInput } from '../../src-shared/contract';
import { addDays, addMonths } from '../../src-shared/domain/calendar';
import { formatDate, isoDateInLondon } from '../../src-shared/format';

import { addPerson, api, expect, expectNoAxeViolations, logIn, personIdOf, practice, setUpPractice, test } from './fixtures';

/*
 * Reviews (issue 7): a person with an agreed direct-payment plan is due a review within three
 * months; a review booked for today puts them in the worklist's "due" tab and in their worker's
 * log-in notice; the review is filled in by keyboard and mouse, refused until complete, then
 * signed: the next review is twelve months on and the worklist moves them to "upcoming". The
 * plan itself is set up through the app's API from the page, as the renderer calls it;
 * everything tested goes through the screens.
 */

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
/** The communication needs flag, which every screen about the person keeps. */
const flag = (page: Page): Locator => page.getByRole('region', { name: /Communication needs/ });
const tab = (page: Page, name: RegExp): Locator => page.getByRole('navigation', { name: 'Reviews by when they are due' }).getByRole('link', { name });
const summary = (page: Page): Locator => page.getByRole('alert').filter({ hasText: 'There is a problem' });

/** Adds Grace Hopper, assigned to the signed-in administrator, with a communication need. */
async function addAssignedPerson(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await page.getByLabel('Given name').fill('Grace');
  await page.getByLabel('Family name').fill('Hopper');
  await page.getByLabel('Date of birth').fill('1946-12-09');
  await page.getByLabel('NHS number').fill('999 000 0034');
  await page.getByLabel('Assigned worker (optional)').selectOption({ label: practice.fullName });
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(h1(page, 'Grace Hopper')).toBeVisible();
  await page.getByRole('link', { name: 'Change information in this format' }).click();
  await page.getByLabel('Large print', { exact: true }).check();
  await page.getByRole('button', { name: 'Save communication needs' }).click();
  await expect(page.getByText('Communication needs saved.')).toBeVisible();
  return personIdOf(page);
}

/** An agreed plan with two goals and a direct payment, reviewed (as the rules allow) three months on. */
async function agreeDirectPaymentPlan(page: Page, personId: string, today: string): Promise<void> {
  const part = randomUUID();
  const goal = randomUUID();
  const budget: BudgetInput = {
    agreedPence: 520_000,
    periodStart: today,
    parts: [{ id: part, funder: 'chc', amountPence: 520_000, holding: { kind: 'direct-payment', recipient: 'person', monitoring: 'yearly' } }],
    items: [{ id: randomUUID(), category: 'personal-assistant', description: 'Personal assistant', partId: part, goalIds: [goal], cost: { kind: 'recurring', unitCostPence: 10_000, quantityHundredths: 100, per: 'week' } }],
  };
  const draft = await api(page, 'plans.startDraft', { personId });
  const saved = await api(page, 'plans.saveDraft', {
    planId: draft.id,
    rowVersion: draft.rowVersion,
    content: {
      whatMatters: 'Staying in my own home and seeing my grandchildren.',
      goals: [
        { id: goal, outcome: 'Get to the day centre twice a week' },
        { id: randomUUID(), outcome: 'Walk to the post office on my own' },
      ],
      reviewDate: addMonths(today, 3),
    },
  });
  const withBudget = await api(page, 'plans.saveBudget', { planId: saved.id, rowVersion: saved.rowVersion, budget });
  await api(page, 'plans.agree', { planId: saved.id, rowVersion: withBudget.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today });
}

test('a direct-payment review falls due, is filled in, refused until complete, signed, and the worklist moves them on', async ({ page, host }) => {
  test.setTimeout(300_000);
  const today = isoDateInLondon(new Date());
  const firstLimit = addMonths(today, 3);
  const nextLimit = addMonths(today, 12);
  await setUpPractice(page, host.url);
  await expect(page.getByText(/reviews? (overdue|due)/)).toHaveCount(0);
  const personId = await addAssignedPerson(page);
  await agreeDirectPaymentPlan(page, personId, today);

  // The worklist: due within three months of agreement, so upcoming, counted on its tab.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reviews' }).click();
  await expect(h1(page, 'Reviews')).toBeVisible();
  await expect(tab(page, /^Overdue \(0\)$/)).toHaveAttribute('aria-current', 'page');
  await expect(tab(page, /^Due in the next 14 days \(0\)$/)).toBeVisible();
  await expect(page.getByText('No reviews are overdue.')).toBeVisible();
  await expectNoAxeViolations(page, 'review worklist, nothing overdue');
  await tab(page, /^Upcoming \(1\)$/).click();
  await expect(tab(page, /^Upcoming \(1\)$/)).toHaveAttribute('aria-current', 'page');
  const reviews = page.getByRole('table', { name: 'Reviews: upcoming' });
  const graceRow = reviews.getByRole('row', { name: /Grace Hopper/ });
  await expect(graceRow).toContainText('999 000 0034');
  await expect(graceRow).toContainText(formatDate(firstLimit));
  await expect(graceRow).toContainText('Scheduled review');
  await expect(graceRow).toContainText(practice.fullName);
  await expect(graceRow).toContainText('Not started');
  await expect(page.getByText('Showing 1 to 1 of 1 review')).toBeVisible();
  await reviews.getByRole('button', { name: 'Name' }).click();
  await expect(reviews.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expectNoAxeViolations(page, 'review worklist, upcoming, sorted by name');

  // Not due yet: opening the review starts nothing; a review booked for today brings it forward.
  await graceRow.getByRole('link', { name: 'Grace Hopper' }).click();
  await expect(h1(page, /Review of their plan/)).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expect(page.getByRole('heading', { name: 'Their review is not due yet' })).toBeVisible();
  await expect(page.getByText(`Their next review is due by ${formatDate(firstLimit)}`)).toBeVisible();
  await page.getByText('Health has changed, or book a review').click();
  await page.getByRole('button', { name: 'Bring the review forward' }).click();
  await expect(summary(page).getByRole('link', { name: 'Choose why the review is needed' })).toBeVisible();
  await expectNoAxeViolations(page, 'review not due yet, bringing it forward with an error');
  await page.getByLabel('Book a review').check();
  await expect(page.getByLabel('Date of the review')).toHaveValue(today);
  await page.getByLabel('Note (optional)').fill('She asked for one at the surgery.');
  await page.getByRole('button', { name: 'Bring the review forward' }).click();
  await expect(page.getByText(`Review brought forward to ${formatDate(today)}.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Their review is due' })).toBeVisible();

  // Back to the worklist as it was; Grace has moved to "due in the next 14 days".
  await page.goBack();
  await expect(tab(page, /^Upcoming \(0\)$/)).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveURL(/sort=name/);
  await tab(page, /^Due in the next 14 days \(1\)$/).click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  const dueRow = page.getByRole('table', { name: 'Reviews: due in the next 14 days' }).getByRole('row', { name: /Grace Hopper/ });
  await expect(dueRow).toContainText('Due today');
  await expect(dueRow).toContainText('Booked by hand');
  await page.getByLabel('Assigned worker').selectOption({ label: 'Nobody (not assigned)' });
  await expect(page.getByText('No reviews are due in the next 14 days with these filters.')).toBeVisible();
  await page.getByLabel('Assigned worker').selectOption({ label: 'Me' });
  await page.getByLabel('Reason').selectOption({ label: 'Booked by hand' });
  await expect(tab(page, /^Due in the next 14 days \(1\)$/)).toBeVisible();
  await expect(dueRow).toBeVisible();
  await expectNoAxeViolations(page, 'review worklist, due, filtered');

  // After log-in, the worker hears how many of their reviews are due.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, practice.username, practice.password);
  await expect(h1(page, 'Caseload')).toBeVisible();
  await expect(page.getByText('You have 1 review due in the next 14 days.')).toBeVisible();
  await expectNoAxeViolations(page, 'caseload with the reviews notice');
  await page.getByRole('link', { name: 'See your reviews' }).click();
  await expect(tab(page, /^Due in the next 14 days \(1\)$/)).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Assigned worker')).toHaveValue('me');

  // Due: opening the review starts it, with the Review guide's prompts beside the form.
  await page.getByRole('link', { name: 'Grace Hopper' }).click();
  await expect(h1(page, /Review of their plan/)).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expect(page.getByText('In progress')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to reviews' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Prompts for the conversation' })).toBeVisible();
  await expect(page.getByText('How are your goals going?')).toBeVisible();
  await expect(page.getByText('This is their first review.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Goal 1: Get to the day centre twice a week' })).toBeVisible();
  await expect(page.getByLabel('Date of the next review')).toHaveValue(nextLimit);
  await expect(page.getByText(`The rules say by ${formatDate(nextLimit)} at the latest.`)).toBeVisible();
  await expect(page.getByText('Planned to date')).toBeVisible();
  await expectNoAxeViolations(page, 'a review started');

  // Signing off with nothing said is refused, with each problem by its field.
  await page.getByRole('button', { name: 'Sign off the review' }).click();
  await expect(page.getByRole('heading', { name: 'Sign off the review?' })).toBeFocused();
  await expect(page.getByText(`Their next review will be due by ${formatDate(nextLimit)}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Yes, sign it off' }).click();
  await expect(summary(page).getByRole('link', { name: 'Goal 1: Say how this goal is going' })).toBeVisible();
  await expect(summary(page).getByRole('link', { name: 'Goal 2: Say how this goal is going' })).toBeVisible();
  await expect(summary(page).getByRole('link', { name: 'Choose what happens next' })).toBeVisible();
  await expect(page.locator('[id="goals.0.progress-error"]')).toContainText('Say how this goal is going');
  await expect(page.locator('#decision-error')).toContainText('Choose what happens next');
  await expectNoAxeViolations(page, 'a review refused for sign-off');

  // By keyboard: from the error to goal 1, the arrow keys choose, Tab moves on, typing fills in.
  await summary(page).getByRole('link', { name: 'Goal 1: Say how this goal is going' }).click();
  await expect(page.getByRole('radio', { name: 'Achieved' }).first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('group', { name: 'How is goal 1 going?' }).getByLabel('Partly achieved')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('group', { name: /Goal attainment score for goal 1/ }).getByLabel('+1')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Goal 1 in their words (optional)')).toBeFocused();
  await page.keyboard.type('I go on Tuesdays and Fridays now.');

  // By mouse for the rest.
  await page.getByRole('group', { name: 'How is goal 2 going?' }).getByLabel('Not yet').check();
  await page.getByRole('group', { name: 'Does the amount still meet their needs?' }).getByLabel('Yes').check();
  await page.getByLabel('What they think of their plan and support, in their words').fill('The personal assistant is great. I would like more walks.');
  await page.getByLabel('Continue the plan unchanged').check();

  // A next review later than the rules allow needs a reason.
  await page.getByLabel('Date of the next review').fill(addMonths(today, 13));
  await expect(page.getByLabel('Why the next review will be later than the rules say')).toBeVisible();
  await page.getByRole('button', { name: 'Sign off the review' }).click();
  await page.getByRole('button', { name: 'Yes, sign it off' }).click();
  await expect(summary(page).getByRole('link', { name: `The rules say the next review is due by ${formatDate(nextLimit)}: record why it will be later` })).toBeVisible();
  await expect(summary(page).getByRole('link', { name: /Say how this goal is going/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'a review with a later next review and no reason');
  await page.getByLabel('Date of the next review').fill(nextLimit);
  await expect(page.getByLabel('Why the next review will be later than the rules say')).toHaveCount(0);

  // Saved for later, then wellbeing scores for the review, and back to it as it was left.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/Review saved at/)).toBeVisible();
  await page.getByRole('link', { name: 'Record wellbeing scores for this review' }).click();
  await expect(h1(page, /Wellbeing scores/)).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expect(page.getByRole('group', { name: 'When it was taken' }).first().getByLabel('At a review')).toBeChecked();
  await expect(page.getByText('None recorded yet.').first()).toBeVisible();
  await expectNoAxeViolations(page, 'wellbeing scores, none yet');

  const ons4 = page.getByRole('form', { name: 'Personal wellbeing (ONS4)' });
  await ons4.getByRole('button', { name: 'Record the ONS4 scores' }).click();
  await expect(summary(page).getByRole('link', { name: 'Choose a score from 0 to 10 for life satisfaction' })).toBeVisible();
  await expect(summary(page).getByRole('link', { name: 'Choose a score from 0 to 10 for anxiety' })).toBeVisible();
  await expectNoAxeViolations(page, 'ONS4 with errors');
  const answer = async (form: Locator, question: RegExp, choice: string) => form.getByRole('group', { name: question }).getByLabel(choice, { exact: true }).check();
  await answer(ons4, /satisfied are you with your life/, '7');
  await answer(ons4, /things you do in your life are worthwhile/, '8');
  await answer(ons4, /how happy did you feel yesterday/, '6');
  await answer(ons4, /how anxious did you feel yesterday/, '2');
  await ons4.getByRole('button', { name: 'Record the ONS4 scores' }).click();
  await expect(page.getByText(`ONS4 recorded for ${formatDate(today)}: life satisfaction 7, high; things they do are worthwhile 8, high; happiness yesterday 6, medium; anxiety yesterday 2, low.`)).toBeVisible();

  const swemwbs = page.getByRole('form', { name: 'Mental wellbeing (SWEMWBS)' });
  await answer(swemwbs, /optimistic about the future/, 'Some of the time');
  await swemwbs.getByRole('button', { name: 'Record the SWEMWBS score' }).click();
  await expect(summary(page).getByRole('link', { name: 'Choose an answer for each statement (6 have no answer)' })).toBeVisible();
  for (const [statement, choice] of [
    [/feeling useful/, 'Some of the time'],
    [/feeling relaxed/, 'Often'],
    [/dealing with problems well/, 'Rarely'],
    [/thinking clearly/, 'Some of the time'],
    [/feeling close to other people/, 'Some of the time'],
    [/make up my own mind/, 'Some of the time'],
  ] as const) {
    await answer(swemwbs, statement, choice);
  }
  await swemwbs.getByRole('button', { name: 'Record the SWEMWBS score' }).click();
  await expect(page.getByText(`SWEMWBS recorded for ${formatDate(today)}: raw score 21 out of 35, metric score 19.25.`)).toBeVisible();

  // Charted, with the same scores in a table.
  await expect(page.getByRole('img', { name: /Line chart of ONS4 personal wellbeing scores/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Line chart of SWEMWBS metric scores.*Latest: 19\.25/ })).toBeVisible();
  await expect(page.locator('.recharts-line')).toHaveCount(5);
  await expect(page.getByRole('table', { name: 'ONS4 scores, oldest first' }).getByRole('row').nth(1)).toContainText('7, high');
  await expect(page.getByRole('table', { name: 'SWEMWBS scores, oldest first' }).getByRole('row').nth(1)).toContainText('19.25');
  await expectNoAxeViolations(page, 'wellbeing scores recorded and charted');

  await page.getByRole('link', { name: 'Back to the review' }).click();
  await expect(page.getByRole('group', { name: 'How is goal 1 going?' }).getByLabel('Partly achieved')).toBeChecked();
  await expect(page.getByLabel('Goal 1 in their words (optional)')).toHaveValue('I go on Tuesdays and Fridays now.');
  await expect(page.getByLabel('Continue the plan unchanged')).toBeChecked();
  await expect(page.getByText('Life satisfaction7, high')).toBeVisible();

  // Signed off: final, the next review twelve months on.
  await page.getByRole('button', { name: 'Sign off the review' }).click();
  await page.getByRole('button', { name: 'Yes, sign it off' }).click();
  await expect(page.getByText(`Review signed off. It is final now. Their next review is due by ${formatDate(nextLimit)}.`)).toBeVisible();
  await expect(page.getByText(`Signed off by ${practice.fullName}`)).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign off the review' })).toHaveCount(0);
  await expect(page.getByText('I go on Tuesdays and Fridays now.')).toBeVisible();
  await expect(flag(page)).toContainText('Large print');
  await expectNoAxeViolations(page, 'a signed review');

  // Opened again, it is not due: the signed review is listed, read-only.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Their review is not due yet' })).toBeVisible();
  await expect(page.getByText(`Their next review is due by ${formatDate(nextLimit)}`)).toBeVisible();
  await page.getByRole('link', { name: `Review of version 1, signed on ${formatDate(today)}` }).click();
  await expect(page.getByText(`Signed off by ${practice.fullName}`)).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);

  // The worklist has moved her to upcoming, twelve months on; the log-in notice has nothing to say.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reviews' }).click();
  await tab(page, /^Upcoming \(1\)$/).click();
  const movedRow = page.getByRole('table', { name: 'Reviews: upcoming' }).getByRole('row', { name: /Grace Hopper/ });
  await expect(movedRow).toContainText(formatDate(nextLimit));
  await expect(movedRow).toContainText('Scheduled review');
  await expect(tab(page, /^Due in the next 14 days \(0\)$/)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Caseload' }).click();
  await expect(h1(page, 'Caseload')).toBeVisible();
  await expect(page.getByRole('link', { name: 'See your reviews' })).toHaveCount(0);
});

test('administrators set when reviews fall due, with errors by the field', async ({ page, host }) => {
  await setUpPractice(page, host.url);
  await page.goto(`${host.url}#/settings/review-rules`);
  await expect(h1(page, 'When reviews fall due')).toBeVisible();
  const rules = page.getByRole('table', { name: 'Review rules, in months' });
  await expect(rules.getByRole('row')).toHaveCount(5);
  const first = page.getByLabel('Direct payment: first review within how many months of the plan being agreed');
  await expect(first).toHaveValue('3');
  await expect(page.getByLabel('Direct payment: then a review every how many months')).toHaveValue('12');
  await expectNoAxeViolations(page, 'review rules');

  await first.fill('0');
  await page.getByRole('button', { name: 'Save the rule for direct payment' }).click();
  await expect(summary(page).getByRole('link', { name: 'Direct payment: At least 1 month' })).toBeVisible();
  await expect(page.locator('#rule-direct-payment-firstMonths-error')).toContainText('At least 1 month');
  await expectNoAxeViolations(page, 'review rules with an error');

  // Enter in a row saves that row.
  const notional = page.getByLabel('Notional budget: then a review every how many months');
  await notional.fill('6');
  await notional.press('Enter');
  await expect(page.getByText('Saved. Notional budget: the first review within 3 months of the plan being agreed, then every 6 months.')).toBeVisible();
  await first.fill('2');
  await page.getByRole('button', { name: 'Save the rule for direct payment' }).click();
  await expect(page.getByText('Saved. Direct payment: the first review within 2 months of the plan being agreed, then every 12 months.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Direct payment: first review within how many months of the plan being agreed')).toHaveValue('2');
  await expect(page.getByLabel('Notional budget: then a review every how many months')).toHaveValue('6');
});

test('a review that changes the plan starts a new draft version; the next review shows what changed since', async ({ page, host }) => {
  test.setTimeout(180_000);
  const today = isoDateInLondon(new Date());
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Alan', familyName: 'Turing', dateOfBirth: '1952-06-23', nhsNumber: '999 000 0034' });
  const personId = personIdOf(page);

  // A plan without a budget, its review due within 14 days: opening the review starts it.
  const goal = randomUUID();
  const draft = await api(page, 'plans.startDraft', { personId });
  const saved = await api(page, 'plans.saveDraft', {
    planId: draft.id,
    rowVersion: draft.rowVersion,
    content: { whatMatters: 'Running again.', goals: [{ id: goal, outcome: 'Run a 5k by the summer' }], reviewDate: addDays(today, 7) },
  });
  await api(page, 'plans.agree', { planId: saved.id, rowVersion: saved.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today });
  await page.goto(`${host.url}#/people/${personId}/review`);
  await expect(page.getByRole('heading', { name: 'Goal 1: Run a 5k by the summer' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The budget' })).toHaveCount(0);
  await expect(page.getByLabel('Change the budget (starts a new draft version)')).toHaveCount(0);
  await expect(page.getByLabel('End the personal health budget')).toHaveCount(0);

  // Changing the plan starts a new draft version when the review is signed.
  await page.getByLabel('Achieved', { exact: true }).check();
  await page.getByLabel('Change the plan (starts a new draft version)').check();
  await page.getByRole('button', { name: 'Sign off the review' }).click();
  await expect(page.getByText('A new draft version of their plan will be started from this one.')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, sign it off' }).click();
  await expect(page.getByText('The decision started a new draft version of their plan.')).toBeVisible();
  await expectNoAxeViolations(page, 'a signed review that changed the plan');
  await page.getByRole('link', { name: 'Open the new draft of their plan' }).click();
  await expect(page).toHaveURL(/#\/people\/[0-9a-f-]{36}\/plan\/edit/);

  // The new version, changed and agreed (as the plan screens would), is reviewed in its turn.
  const versions = await api(page, 'plans.list', { personId });
  const next = await api(page, 'plans.get', { planId: versions.find((version) => version.status === 'draft')!.id });
  const changed = await api(page, 'plans.saveDraft', {
    planId: next.id,
    rowVersion: next.rowVersion,
    content: { ...next.content, goals: [{ ...next.content.goals[0]!, outcome: 'Run a 10k by the autumn' }], reviewDate: addDays(today, 10) },
  });
  await api(page, 'plans.agree', { planId: changed.id, rowVersion: changed.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today });
  await page.goto(`${host.url}#/people/${personId}/review`);
  await expect(page.getByRole('heading', { name: 'Goal 1: Run a 10k by the autumn' })).toBeVisible();
  await expect(page.getByText(`The last review, on ${formatDate(today)}, looked at version 1. This review looks at version 2`)).toBeVisible();
  await page.getByText('Show what changed from version 1 to version 2').click();
  await expect(page.getByRole('heading', { name: 'Goal changed: Run a 10k by the autumn' })).toBeVisible();
  await expectNoAxeViolations(page, 'a review showing what changed since the last one');
  await page.getByRole('link', { name: `Read the last review, signed on ${formatDate(today)}` }).click();
  await expect(page.getByText('Change the plan (starts a new draft version)')).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to the review' }).click();
  await expect(page.getByRole('heading', { name: 'Goal 1: Run a 10k by the autumn' })).toBeVisible();
});
