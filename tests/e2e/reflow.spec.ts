import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, logIn, startHost, stopHost, test as base, type PreviewHostProcess } from './fixtures';

/**
 * WCAG 2.2 1.4.10 Reflow: at 320 CSS pixels wide (a 1,280-pixel window zoomed to 400%) the page
 * never scrolls sideways. Wide data tables may scroll, but only inside their own frame.
 */
const test = base.extend<{ demo: PreviewHostProcess }>({
  demo: async ({}, use) => {
    const host = await startHost(['--demo', '--people', '40']);
    await use(host);
    await stopHost(host);
  },
});

/** How far the page itself is wider than the window, in CSS pixels (0 when it fits). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function expectToFit(page: Page, screen: string): Promise<void> {
  await expect.poll(() => sidewaysOverflow(page), { message: `the ${screen} screen scrolls sideways at 320 pixels` }).toBe(0);
  await expectNoAxeViolations(page, `${screen} at 320 pixels`);
}

const screens: { path: string; heading: string | RegExp }[] = [
  { path: '/', heading: 'Caseload' },
  { path: '/referrals', heading: 'Referrals' },
  { path: '/directory', heading: /Directory/ },
  { path: '/reviews', heading: /Reviews/ },
  { path: '/exports', heading: /Export/ },
  { path: '/people/new', heading: 'Add a person' },
  { path: '/staff', heading: 'Staff' },
  { path: '/audit', heading: 'Audit trail' },
  { path: '/settings', heading: 'Settings' },
  { path: '/settings/backups', heading: 'Backups' },
  { path: '/settings/social-prescribing', heading: /Social prescribing/ },
  { path: '/settings/review-rules', heading: /review/i },
  { path: '/settings/restrictions', heading: /budget/i },
  { path: '/settings/guides', heading: /guides/i },
  { path: '/directory/import', heading: /Import/ },
  { path: '/people/import', heading: /Import/ },
  { path: '/staff/new', heading: /staff/i },
  { path: '/account/password', heading: /password/i },
  { path: '/reports/social-prescribing', heading: /report/i },
];

test('at 320 pixels wide every screen fits the window, the header and menu included', async ({ page, demo }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(demo.url);
  await expectToFit(page, 'log-in');
  await logIn(page, 'demo.admin', 'riverside-demo-practice');
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();

  for (const { path, heading } of screens) {
    await page.goto(`${demo.url}#${path}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectToFit(page, path);
  }

  // A person's own pages, from the first person in the caseload.
  await page.goto(`${demo.url}#/`);
  await page.getByRole('region', { name: 'People in the caseload' }).locator('tbody tr[data-index="0"]').getByRole('link').click();
  await expect(page.getByRole('link', { name: 'Back to caseload' })).toBeVisible();
  await expectToFit(page, 'person');
  const personUrl = page.url();
  for (const part of ['/plan', '/budget', '/outcomes', '/details', '/communication']) {
    await page.goto(`${personUrl}${part}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectToFit(page, `person ${part}`);
  }

  // A referral's page.
  await page.goto(`${demo.url}#/referrals`);
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /Referral of/ })).toBeVisible();
  await expectToFit(page, 'referral');
});
