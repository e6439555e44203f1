import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { FrameLocator, Locator, Page } from '@playwright/test';
import type { CarePlan, PlanContentInput } from '../../src-shared/contract';
import { isoDateInLondon } from '../../src-shared/format';

import { addPerson, api, expect, expectNoAxeViolations, personIdOf, setUpPractice, test } from './fixtures';

/*
 * Plans as PDFs (issue 8), from the screens: the preview of exactly what will be printed, the
 * format their recorded needs ask for, the PDF downloaded and read back with poppler's pdftotext
 * and pdfinfo, and many plans exported together. Plans are set up through the app's own API from
 * the page (as the renderer calls it); everything tested goes through the screens.
 */

const today = (): string => isoDateInLondon(new Date());
const daysFromToday = (days: number): string => isoDateInLondon(new Date(Date.now() + days * 86_400_000));

function planFor(whatMatters: string, goal: string): PlanContentInput {
  return {
    aboutMe: 'I grew up by the sea and I still like to be near water.',
    whatMatters,
    goals: [{ id: randomUUID(), outcome: goal, howWeWillKnow: 'I have done it four weeks in a row', byWhen: daysFromToday(90), steps: 'A bus pass', linkedNeeds: '' }],
    actions: [{ id: randomUUID(), action: 'Apply for the bus pass', who: 'Link worker', when: 'This week' }],
    risks: [{ id: randomUUID(), risk: 'Getting lost on a new route', management: 'Carry the route on a card' }],
    contingency: 'Phone the surgery.',
    reviewDate: daysFromToday(60),
  };
}

async function draftPlan(page: Page, personId: string, content: PlanContentInput): Promise<CarePlan> {
  const draft = await api(page, 'plans.startDraft', { personId });
  return api(page, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: { ...draft.content, ...content } });
}

/** A plan agreed today by the person, in person, as the sign-off screen would record it. */
async function agreedPlan(page: Page, personId: string, content: PlanContentInput): Promise<CarePlan> {
  const draft = await draftPlan(page, personId, content);
  return api(page, 'plans.agree', { planId: draft.id, rowVersion: draft.rowVersion, agreedBy: 'person', representativeName: '', method: 'in-person', agreedOn: today() });
}

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });
const preview = (page: Page): FrameLocator => page.frameLocator('iframe[title^="Preview of the plan"]');

/** The person's page afresh, then their plan, then the way to export the version shown. */
async function openExport(page: Page, url: string, personId: string): Promise<void> {
  await page.goto(`${url}#/people/${personId}`);
  await page.getByRole('link', { name: 'View the plan' }).click();
  await expect(h1(page, /Care and support plan/)).toBeVisible();
  await page.getByRole('link', { name: /^Export plan as PDF/ }).click();
  await expect(h1(page, /Export the plan as a PDF/)).toBeVisible();
}

/**
 * As expectNoAxeViolations, but around the preview: axe cannot run inside a frame whose scripts
 * the sandbox turns off (it waits for ever), and the previewed HTML has its own axe test in every
 * format (tests/integration/plan-export.test.ts).
 */
async function expectNoAxeViolationsAroundPreview(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .exclude('iframe.app-document-preview')
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on the ${screen} screen`).toEqual([]);
}

const pdftotext = (file: string): string => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfinfo = (file: string): string => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

let downloads: string;
test.beforeEach(() => {
  downloads = mkdtempSync(join(tmpdir(), 'planwell-export-e2e-'));
});
test.afterEach(() => {
  rmSync(downloads, { recursive: true, force: true });
});

test('an agreed plan previewed with their words, switched to large print, exported and read back', async ({ page, host }) => {
  test.setTimeout(240_000);
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Nell', familyName: 'Gwyn', dateOfBirth: '1950-02-02', nhsNumber: '999 201 0061' });
  const personId = personIdOf(page);
  const plan = await agreedPlan(page, personId, planFor('“Getting to the swimming baths on a Tuesday.”', 'Swim every Tuesday with my neighbour'));

  await openExport(page, host.url, personId);
  await expect(page.getByText('Version 1, agreed')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Standard print' })).toBeChecked();
  await expect(preview(page).getByText('Getting to the swimming baths on a Tuesday.')).toBeVisible();
  await expect(preview(page).getByRole('heading', { name: 'Swim every Tuesday with my neighbour' })).toBeVisible();
  // The document's own styles and embedded font apply, despite the app's Content-Security-Policy.
  const heading = preview(page).getByRole('heading', { level: 1, name: 'My care and support plan' });
  await expect(heading).toHaveCSS('font-size', '29.3333px');
  await expect(heading).toHaveCSS('font-family', /^"Atkinson Hyperlegible"/);
  await expect.poll(() => heading.evaluate((element) => element.ownerDocument.fonts.check('700 16px "Atkinson Hyperlegible"'))).toBe(true);
  await expect(page.getByText(/It will be saved as Plan - Nell Gwyn - \d{4}-\d{2}-\d{2}\.pdf/)).toBeVisible();
  await expectNoAxeViolationsAroundPreview(page, 'export the plan (standard print)');

  // Large print, with the keyboard: the preview follows.
  await page.getByRole('radio', { name: 'Standard print' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Large print' })).toBeChecked();
  await expect(page.locator('iframe[title="Preview of the plan, large print"]')).toBeVisible();
  await expect(preview(page).getByRole('heading', { level: 1, name: 'My care and support plan' })).toHaveCSS('font-size', '37.3333px');
  await expect(preview(page).getByText('Getting to the swimming baths on a Tuesday.')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Plan - Nell Gwyn - \d{4}-\d{2}-\d{2}\.pdf$/);
  const file = join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('status').getByText(`Exported ${download.suggestedFilename()}`)).toBeVisible();

  const text = pdftotext(file);
  expect(text).toContain('Getting to the swimming baths on a Tuesday.');
  expect(text).toContain('Swim every Tuesday with my neighbour');
  expect(text).not.toContain('DRAFT');
  expect(pdfinfo(file)).toMatch(/Tagged:\s+yes/);
  expect(pdfinfo(file)).toMatch(/Title:\s+Care and support plan for Nell Gwyn/);

  // The export is audited, in the format chosen.
  const audit = await api(page, 'audit.list', { filter: { personId, action: 'export' }, limit: 10, offset: 0 });
  expect(audit.events.map((event) => event.detail)).toEqual([`Exported plan version ${plan.version} as a large print PDF`]);
  await expectNoAxeViolationsAroundPreview(page, 'export the plan once exported');
});

test('someone who has asked for large print starts at large print; a draft is marked DRAFT', async ({ page, host }) => {
  test.setTimeout(180_000);
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Walter', familyName: 'Pike', dateOfBirth: '1938-09-30', nhsNumber: '999 000 0107' });
  const personId = personIdOf(page);
  await page.getByRole('link', { name: 'Change information in this format' }).click();
  await page.getByLabel('Large print', { exact: true }).check();
  await page.getByRole('button', { name: 'Save communication needs' }).click();
  await expect(page.getByText('Communication needs saved.')).toBeVisible();
  await draftPlan(page, personId, planFor('Keeping my allotment going.', 'Go to the allotment twice a week'));

  await openExport(page, host.url, personId);
  await expect(page.getByText('Version 1, draft')).toBeVisible();
  await expect(page.getByText('The PDF will be marked DRAFT')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Large print' })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Format' })).toHaveAccessibleDescription(/They have asked for large print\./);
  await expect(page.locator('iframe[title="Preview of the plan, large print"]')).toBeVisible();
  await expect(preview(page).getByText('DRAFT', { exact: true })).toBeVisible();
  await expect(preview(page).getByText('Keeping my allotment going.')).toBeVisible();
  await expectNoAxeViolationsAroundPreview(page, 'export a draft plan (large print)');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const download = await downloading;
  const file = join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  const text = pdftotext(file);
  expect(text).toContain('DRAFT');
  expect(text).toContain('Keeping my allotment going.');
});

test('the plans agreed today exported together into a folder, followed to the end', async ({ page, host }) => {
  test.setTimeout(300_000);
  await setUpPractice(page, host.url);
  await addPerson(page, { givenName: 'Ada', familyName: 'Byron', dateOfBirth: '1945-12-10', nhsNumber: '999 000 0115' });
  const firstId = personIdOf(page);
  await agreedPlan(page, firstId, planFor('Music on a Sunday afternoon.', 'Join the community choir'));
  const second = await api(page, 'people.create', { givenName: 'Mary', familyName: 'Somerville', dateOfBirth: '1940-12-26', nhsNumber: '999 000 0123' });
  await api(page, 'people.setCommunicationNeeds', { personId: second.id, needs: [{ kind: 'information-format', need: 'easy-read' }], notes: '' });
  await agreedPlan(page, second.id, planFor('Looking at the stars from the garden.', 'Go to the astronomy club once a month'));

  await page.goto(`${host.url}#/exports`);
  await expect(h1(page, 'Export plans as PDFs')).toBeVisible();
  await expect(page).toHaveTitle('Export plans as PDFs – PlanWell');
  await expect(page.getByRole('radio', { name: 'Each person’s recorded format' })).toBeChecked();
  await expectNoAxeViolations(page, 'export plans');

  // The last date before the first is refused by the field.
  await page.getByLabel('First date').fill(today());
  await page.getByLabel('Last date').fill(daysFromToday(-3));
  await page.getByRole('button', { name: 'Start the export' }).click();
  await expect(page.locator('#agreedTo-error')).toContainText('The last date must be on or after the first');
  await expect(page.getByLabel('Last date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').getByRole('link', { name: 'The last date must be on or after the first' })).toBeVisible();
  await expectNoAxeViolations(page, 'export plans with the dates the wrong way round');

  await page.getByLabel('Last date').fill(today());
  await page.getByRole('button', { name: 'Start the export' }).click();
  const progress = page.getByRole('region', { name: /Plans agreed from/ });
  await expect(progress.getByRole('heading')).toBeFocused();
  await expect(progress.getByRole('progressbar', { name: 'Plans exported so far' })).toBeVisible();
  // However long the printing takes on a busy machine, it ends.
  await expect(progress.getByText('Finished. 2 of 2 plans exported.')).toBeVisible({ timeout: 240_000 });
  await expect(progress.getByRole('progressbar', { name: 'Plans exported so far' })).toHaveAttribute('value', '2');
  await expect(page.getByRole('status').filter({ hasText: 'Finished: 2 of 2 plans exported.' })).toBeAttached();
  await expect(page.getByRole('button', { name: 'Start the export' })).toBeEnabled();
  await expectNoAxeViolations(page, 'export plans when finished');

  const folder = (await progress.locator('.app-export-folder').textContent()) ?? '';
  expect(folder).toContain(host.dataDirectory);
  const files = readdirSync(folder).sort();
  expect(files).toEqual([expect.stringMatching(/^Plan - Ada Byron - .*\.pdf$/), expect.stringMatching(/^Plan - Mary Somerville - .*\.pdf$/)]);
  expect(pdftotext(join(folder, files[0]!))).toContain('Join the community choir');
  expect(pdftotext(join(folder, files[1]!))).toContain('Go to the astronomy club once a month');
  expect(pdfinfo(join(folder, files[1]!))).toMatch(/Tagged:\s+yes/);
});
