/**
 * h. Plans as PDFs, for `npm run bench`: the real export (render the React document, print with
 *    headless Chromium, set the metadata) for one plan 20 times warm, and 100 different plans in
 *    a batch, in each format.
 */
import { join } from 'node:path';
import { createApp } from '../../src-main/app';
import { systemClock } from '../../src-main/clock';
import { seedDemoPractice } from '../../src-main/demo/seed';
import { chromiumPrinter } from '../../src-main/export/chromium-printer';
import { exportPdf } from '../../src-main/services/exports';
import { documentFormats } from '../../src-shared/contract';
import { median, ms, percentile, ratio, table, time } from './report';

const warmRuns = 20;
const batchSize = 100;
const targetWarmMedian = 400;

export async function pdfExports(directory: string): Promise<string> {
  const dataDirectory = join(directory, 'exports');
  const logIns = await seedDemoPractice(dataDirectory, { people: 400, seed: 8, plans: batchSize });
  const printer = chromiumPrinter();
  const app = createApp({ dataDirectory, printer, idleCheckMilliseconds: 0 });
  try {
    const result = await app.dispatch('auth.logIn', logIns.administrator);
    if (!result.ok) throw new Error('Could not log in to the export bench practice');
    const session = app.vault.currentSession();
    if (!session) throw new Error('No session for the export bench');
    const deps = { db: session.database.db, user: session.user, clock: systemClock };
    const plans = await session.database.db.selectFrom('care_plan').select('id').where('status', 'in', ['agreed', 'draft']).orderBy('person_id').limit(batchSize).execute();
    const first = await time(() => exportPdf(deps, () => printer, { planId: plans[0]!.id, format: 'standard' }));
    const rows: string[][] = [];
    let sizes = '';
    for (const format of documentFormats) {
      const warm: number[] = [];
      let bytes = 0;
      for (let i = 0; i < warmRuns; i++) {
        const { value, elapsed } = await time(() => exportPdf(deps, () => printer, { planId: plans[0]!.id, format }));
        warm.push(elapsed);
        bytes = Buffer.from(value.base64, 'base64').length;
      }
      const batchStarted = performance.now();
      for (const plan of plans) await exportPdf(deps, () => printer, { planId: plan.id, format });
      const batchMs = performance.now() - batchStarted;
      rows.push([format, ms(median(warm)), ms(percentile(warm, 95)), median(warm) <= targetWarmMedian ? 'yes' : 'no', ms(batchMs), ms(batchMs / plans.length), ratio(batchMs / plans.length, median(warm))]);
      sizes += `${format} ${(bytes / 1024).toFixed(0)} KB; `;
    }
    return [
      'h. Plans as PDFs: render + headless Chromium print + metadata (exportPdf), per format',
      '',
      table(['format', `one plan ×${warmRuns}, p50`, 'p95', `≤ ${targetWarmMedian} ms`, `${plans.length} plans`, 'per plan', 'batch / warm'], rows),
      '',
      `First export (Chromium starting): ${ms(first.elapsed)}. One PDF's size: ${sizes.replace(/; $/, '')}.`,
      `The batch is ${plans.length} different plans from a demo practice (agreed, some with budgets, some drafts), printed one after another by one warm browser.`,
    ].join('\n');
  } finally {
    await app.close();
  }
}
