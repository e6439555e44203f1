import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarePlan, Person } from '../../src-shared/contract';
import { chromiumPath } from '../../src-main/export/chromium-printer';
import { chromiumPrinter } from '../../src-main/export/chromium-printer';
import { sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, staffMember, switchUser, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';
import { tempDirs } from '../fixtures/temp-dir';

/**
 * Plans as PDFs (issue 8), printed by real headless Chromium and read back with poppler's
 * pdftotext and pdfinfo: the person's words, tagging, A4, title and author, large print sizes,
 * nothing off the page; and the HTML passes axe.
 */

const dirs = tempDirs();
let template: PracticeTemplate;
let practice: PracticeFixture;
let person: Person;
let agreed: CarePlan;
const printer = chromiumPrinter();
const nextNhsNumber = nhsNumberSource('999777');
const goalId = randomUUID();
const part = randomUUID();

beforeAll(async () => {
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'], staff: [{ username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] }] });
  practice = await practiceFrom(template, { signIn: 'lena.link', printer });
  person = await callOk(practice.app, 'people.create', { givenName: 'Dorothy', familyName: 'Hodgkin', dateOfBirth: '1944-05-12', nhsNumber: nextNhsNumber() });
  await callOk(practice.app, 'people.setCommunicationNeeds', { personId: person.id, needs: [{ kind: 'information-format', need: 'large-print' }], notes: '' });
  await callOk(practice.app, 'people.saveContact', { personId: person.id, contact: { role: 'carer', name: 'Tom Hodgkin', relationship: 'Son', phone: '0113 496 0999', mayReceivePlan: true } });
  const draft = await callOk(practice.app, 'plans.startDraft', { personId: person.id });
  const today = new Date().toISOString().slice(0, 10);
  const inTwoMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const saved = await callOk(practice.app, 'plans.saveDraft', {
    planId: draft.id,
    rowVersion: draft.rowVersion,
    content: {
      aboutMe: 'I was a chemist. I live with my cat, Crystal.',
      whatMatters: '“I want to keep reading and get to the library on my own.”',
      goals: [{ id: goalId, outcome: 'Visit the library every week on my own', howWeWillKnow: 'I have been four weeks in a row', steps: 'Taxi account; a reading magnifier' }],
      actions: [{ id: randomUUID(), action: 'Set up the taxi account', who: 'Lena (link worker)', when: 'This week' }],
      risks: [{ id: randomUUID(), risk: 'Falls on the library steps', management: 'Use the ramp entrance' }],
      contingency: 'If I fall, call my son Tom.',
      reviewDate: inTwoMonths,
    },
  });
  const budget = await callOk(practice.app, 'plans.saveBudget', {
    planId: saved.id,
    rowVersion: saved.rowVersion,
    budget: {
      agreedPence: 150_000,
      parts: [{ id: part, funder: 'chc', amountPence: 150_000, holding: { kind: 'third-party', organisation: 'Ace Support Ltd', contact: '0113 496 0123' } }],
      items: [{ id: randomUUID(), category: 'transport', description: 'Taxi to the library', partId: part, goalIds: [goalId], cost: { kind: 'recurring', unitCostPence: 1200, quantityHundredths: 200, unit: 'journey', per: 'week' } }],
    },
  });
  agreed = await callOk(practice.app, 'plans.agree', { planId: saved.id, rowVersion: budget.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today });
}, 60_000);
afterAll(async () => {
  await practice?.close();
  template?.remove();
  await printer.close();
  dirs.cleanUp();
});

async function exportAs(format?: 'standard' | 'large-print' | 'easy-read') {
  const exported = await callOk(practice.app, 'plans.exportPdf', { planId: agreed.id, format });
  const file = join(dirs.make(), exported.fileName);
  writeFileSync(file, Buffer.from(exported.base64, 'base64'));
  return { ...exported, file };
}

const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

interface Word { text: string; xMin: number; yMin: number; xMax: number; yMax: number; page: number; pageWidth: number; pageHeight: number }
function words(file: string): Word[] {
  const xml = pdftotext(file, '-bbox');
  const result: Word[] = [];
  let page = 0;
  let width = 0;
  let height = 0;
  for (const line of xml.split('\n')) {
    const pageMatch = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (pageMatch) {
      page++;
      width = Number(pageMatch[1]);
      height = Number(pageMatch[2]);
    }
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (word) result.push({ text: word[5]!, xMin: Number(word[1]), yMin: Number(word[2]), xMax: Number(word[3]), yMax: Number(word[4]), page, pageWidth: width, pageHeight: height });
  }
  return result;
}

describe('a plan as a PDF', () => {
  it('holds their own words, goals, budget sentence, review date and who agreed it; tagged A4 with a title and author; audited', async () => {
    const seqBefore = sessionSqlite(practice.app).prepare('SELECT max(seq) FROM audit_event').pluck().get() as number;
    const exported = await exportAs('standard');
    expect(exported.fileName).toMatch(/^Plan - Dorothy Hodgkin - \d{4}-\d{2}-\d{2}\.pdf$/);
    const text = pdftotext(exported.file).replace(/\s+/g, ' ');
    for (const expected of [
      'My care and support plan',
      'I want to keep reading and get to the library on my own.',
      'Visit the library every week on my own',
      'The money is held by Ace Support Ltd, a third party.',
      'Taxi to the library',
      'Tom Hodgkin (Son): 0113 496 0999',
      'Agreed on',
      'Lena Link',
      'Page 1 of',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/We will look at this plan again together by \d{1,2} \w+ \d{4}\./);
    const info = pdfinfo(exported.file);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Care and support plan for Dorothy Hodgkin/);
    expect(info).toMatch(/Author:\s+.*\(PlanWell\)/);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    const events = sessionSqlite(practice.app).prepare('SELECT action, channel, detail FROM audit_event WHERE seq > ?').all(seqBefore);
    expect(events).toEqual([{ action: 'export', channel: 'plans.exportPdf', detail: 'Exported plan version 1 as a standard print PDF' }]);
  });

  it('large print is the default for someone who needs it: body text at least 18 pt, nothing off the page', async () => {
    const exported = await exportAs();
    expect(exported.format).toBe('large-print');
    const all = words(exported.file);
    expect(all.length).toBeGreaterThan(100);
    for (const word of all) {
      expect(word.xMin, word.text).toBeGreaterThanOrEqual(0);
      expect(word.yMin, word.text).toBeGreaterThanOrEqual(0);
      expect(word.xMax, word.text).toBeLessThanOrEqual(word.pageWidth);
      expect(word.yMax, word.text).toBeLessThanOrEqual(word.pageHeight);
    }
    // Body text: everything between the running header and footer (their 9 pt is for staff).
    const margin = (22 / 25.4) * 72;
    const body = all.filter((w) => w.yMin > margin && w.yMax < w.pageHeight - margin);
    const heights = body.map((w) => w.yMax - w.yMin).sort((a, b) => a - b);
    // pdftotext's box is the font's height (ascent to descent), a little over the point size.
    expect(heights[0]).toBeGreaterThanOrEqual(18);
    const standard = words((await exportAs('standard')).file).filter((w) => w.yMin > margin && w.yMax < w.pageHeight - margin);
    expect(Math.min(...standard.map((w) => w.yMax - w.yMin))).toBeGreaterThanOrEqual(12);
  });

  it('easy read puts one sentence to a line; a draft is marked DRAFT', async () => {
    const easy = pdftotext((await exportAs('easy-read')).file);
    expect(easy).toContain('I was a chemist.\n');
    const draft = await callOk(practice.app, 'plans.startDraft', { personId: person.id, guideCode: 'review' });
    const exported = await callOk(practice.app, 'plans.exportPdf', { planId: draft.id, format: 'standard' });
    const file = join(dirs.make(), 'draft.pdf');
    writeFileSync(file, Buffer.from(exported.base64, 'base64'));
    const text = pdftotext(file);
    expect(text).toContain('DRAFT');
    expect(text).toContain('This plan has not been agreed yet.');
    await callOk(practice.app, 'plans.discardDraft', { planId: draft.id, rowVersion: draft.rowVersion });
  });

  it('exports every plan agreed in the dates into a new folder, reporting progress; only its owner may follow it', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const started = await callOk(practice.app, 'exports.startBatch', { agreedFrom: today, agreedTo: today, format: 'easy-read' });
    expect(started).toMatchObject({ total: 1, failures: [] });
    let status = started;
    for (let i = 0; i < 120 && !status.finished; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await callOk(practice.app, 'exports.batchStatus', { jobId: started.jobId });
    }
    expect(status).toMatchObject({ done: 1, finished: true, failures: [] });
    const files = readdirSync(status.folder);
    expect(files).toEqual([expect.stringMatching(/^Plan - Dorothy Hodgkin - .*\.pdf$/)]);
    expect(pdftotext(join(status.folder, files[0]!))).toContain('Visit the library every week on my own');
    await switchUser(practice.app, template.admin);
    expect(await callError(practice.app, 'exports.batchStatus', { jobId: started.jobId })).toMatchObject({ code: 'NOT_FOUND' });
    await switchUser(practice.app, staffMember(template, 'lena.link'));
    expect((await callError(practice.app, 'exports.startBatch', { agreedFrom: today, agreedTo: '2000-01-01' })).issues).toEqual([{ path: 'agreedTo', message: 'The last date must be on or after the first' }]);
  });

  it('the HTML previewed and printed passes axe in every format', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
    try {
      for (const format of ['standard', 'large-print', 'easy-read'] as const) {
        const preview = await callOk(practice.app, 'plans.exportPreview', { planId: agreed.id, format });
        expect(preview.defaultFormat).toBe('large-print');
        // axe needs a page in a context of its own.
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.setContent(preview.html);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        expect(results.violations.map((v) => `${format}: ${v.id}`)).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
