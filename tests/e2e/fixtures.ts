import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import axe, { type AxeResults } from 'axe-core';
import { test as base, expect, type Page, type Route } from '@playwright/test';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';

export interface PreviewHostProcess {
  url: string;
  dataDirectory: string;
  process: ChildProcess;
  /** Everything the host printed, for assertions and for debugging a failure. */
  output: () => string;
}

const projectDirectory = resolve(import.meta.dirname, '..', '..');

/**
 * Starts the built preview host (out/main/preview.js) on a free port, with a fresh data directory
 * unless given one that already holds a practice (as after a crash).
 */
export async function startHost(extraArguments: string[] = [], dataDirectory = mkdtempSync(join(tmpdir(), 'planwell-e2e-'))): Promise<PreviewHostProcess> {
  const child = spawn(process.execPath, [join(projectDirectory, 'out', 'main', 'preview.js'), ...extraArguments], {
    cwd: projectDirectory,
    env: { ...process.env, PLANWELL_DATA_DIR: dataDirectory, PLANWELL_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => rejectUrl(new Error(`The preview host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PlanWell is running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`The preview host exited with ${code}:\n${output}`));
    });
  });
  return { url, dataDirectory, process: child, output: () => output };
}

export async function stopHost(host: PreviewHostProcess): Promise<void> {
  if (host.process.exitCode === null) {
    const exited = new Promise((resolveExit) => host.process.once('exit', resolveExit));
    host.process.kill('SIGTERM');
    await exited;
  }
  rmSync(host.dataDirectory, { recursive: true, force: true });
}

export const test = base.extend<{ host: PreviewHostProcess }>({
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await stopHost(host);
  },
});

export { expect };

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core against WCAG 2.2 A and AA; the screen must have no violations at all.
 *
 * AxeBuilder evaluates axe's 500 KB source again and opens a blank page for every check (about
 * 1.5 s a screen here); a screen without frames instead runs `axe.run` in a page that has axe once
 * per document (about 0.15 s). Screens with frames go through AxeBuilder, which checks inside them.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const violations = (await page.locator('iframe').count()) > 0
    ? (await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations
    : await violationsInPage(page);
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on the ${screen} screen`).toEqual([]);
}

async function violationsInPage(page: Page): Promise<AxeResults['violations']> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const { axe: inPage } = window as unknown as { axe: typeof axe };
    const results = await inPage.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations;
  }, wcagTags);
}

export const practice = {
  practiceName: 'Riverside Test Surgery',
  odsCode: 'Y99999',
  fullName: 'Alex Morgan',
  username: 'alex.morgan',
  password: 'correct lantern orchard',
};

/** Logs in from the log-in screen. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Adds a person through the form and arrives at their page. */
export async function addPerson(page: Page, person: { givenName: string; familyName: string; dateOfBirth: string; nhsNumber: string }): Promise<void> {
  await page.getByRole('link', { name: 'Add a person' }).first().click();
  await page.getByLabel('Given name').fill(person.givenName);
  await page.getByLabel('Family name').fill(person.familyName);
  await page.getByLabel('Date of birth').fill(person.dateOfBirth);
  await page.getByLabel('NHS number').fill(person.nhsNumber);
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${person.givenName} ${person.familyName}`) })).toBeVisible();
}

/** Sets up a practice through the screens and arrives at the caseload. */
export async function setUpPractice(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up PlanWell' })).toBeVisible();
  await page.getByLabel('Practice name').fill(practice.practiceName);
  await page.getByLabel('ODS code (optional)').fill(practice.odsCode);
  await page.getByLabel('Full name').fill(practice.fullName);
  await page.getByLabel('Username').fill(practice.username);
  await page.getByLabel('Password', { exact: true }).fill(practice.password);
  await page.getByLabel('Type the password again').fill(practice.password);
  await page.getByLabel('Yes, as a social prescribing link worker').check();
  await page.getByRole('button', { name: 'Set up PlanWell' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Store your recovery code' })).toBeVisible();
  const recoveryCode = (await page.getByTestId('recovery-code').textContent()) ?? '';
  await page.getByLabel(/I have printed or written down the recovery code/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
  return recoveryCode;
}

/** Calls one channel as the page does, with the preview host's per-run token: for setting up, not testing. */
export async function callApi<C extends ChannelName>(page: Page, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return page.evaluate(
    async ({ channel, input }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="planwell-token"]')?.content ?? '';
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-PlanWell-Token': token },
        body: JSON.stringify({ channel, input }),
      });
      return (await response.json()) as Result<ChannelOutput<C>>;
    },
    { channel, input },
  );
}

/**
 * Holds the page's calls to one channel until the returned function lets them through: to act
 * while PlanWell has not answered yet, as on a slow or busy computer.
 */
export async function holdChannel(page: Page, channel: ChannelName): Promise<() => Promise<void>> {
  let letThrough = () => {};
  const released = new Promise<void>((resolve) => (letThrough = resolve));
  const handled: Promise<void>[] = [];
  const hold = (route: Route) => {
    const handling = (async () => {
      if ((route.request().postDataJSON() as { channel?: string }).channel === channel) await released;
      await route.continue();
    })();
    handled.push(handling);
    return handling;
  };
  await page.route('**/api/invoke', hold);
  return async () => {
    letThrough();
    // Every call held or passing is sent on before the route goes.
    await Promise.all(handled);
    await page.unroute('**/api/invoke', hold);
  };
}

/**
 * Resolves when PlanWell has answered a draft save holding this text. Start waiting before typing
 * it: "Saved at" may still be showing from an earlier save while this one waits for its delay.
 */
export function draftSavedWith(page: Page, text: string): Promise<unknown> {
  return page.waitForResponse((response) => {
    const body = response.request().postData() ?? '';
    return response.url().endsWith('/api/invoke') && body.includes('"channel":"drafts.save"') && body.includes(JSON.stringify(text).slice(1, -1)) && response.ok();
  });
}

/** As callApi, failing the test if the call is refused. */
export async function api<C extends ChannelName>(page: Page, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await callApi(page, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value;
}

/** The open person's id, from the address of their page. */
export function personIdOf(page: Page): string {
  const match = /#\/people\/([0-9a-f-]{36})/.exec(page.url());
  if (!match?.[1]) throw new Error(`Not on a person's screen: ${page.url()}`);
  return match[1];
}
