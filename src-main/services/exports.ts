import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchExportStatus, ChannelParsedInput, DocumentFormat } from '../../src-shared/contract';
import { recordAudit } from '../audit/trail';
import { notFound } from '../ipc/errors';
import { defaultFormatFor, renderPlanDocument } from '../export/plan-document';
import { withMetadata, type Printer, type RenderedDocument } from '../export/printer';
import type { AppDatabase } from '../db/database';
import { loadPerson } from './people';
import { loadPlan } from './plans';
import type { SessionDependencies } from './session-dependencies';

/** Exporting a plan for the person: the same HTML previews and prints. */

export async function practiceName(db: AppDatabase): Promise<string> {
  const row = await db.selectFrom('practice_setting').select('value').where('key', '=', 'practice_name').executeTakeFirst();
  return row?.value ?? 'Your GP practice';
}

async function render(db: AppDatabase, planId: string, format: DocumentFormat | undefined): Promise<{ rendered: RenderedDocument; format: DocumentFormat; defaultFormat: DocumentFormat; version: number; personId: string; practice: string }> {
  const plan = await loadPlan(db, planId);
  const person = await loadPerson(db, plan.personId);
  const defaultFormat = defaultFormatFor(person);
  const chosen = format ?? defaultFormat;
  const practice = await practiceName(db);
  return { rendered: renderPlanDocument({ plan, person, practiceName: practice, format: chosen }), format: chosen, defaultFormat, version: plan.version, personId: plan.personId, practice };
}

export async function exportPreview({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'plans.exportPreview'>) {
  const { rendered, format, defaultFormat, version, personId } = await render(db, input.planId, input.format);
  // The preview shows the whole plan, as opening it does.
  await recordAudit(db, clock, { user, action: 'view', channel: 'plans.exportPreview', personId, detail: `Previewed plan version ${version} for export` });
  return { html: rendered.html, format, defaultFormat, fileName: rendered.fileName };
}

const formatWords: Record<DocumentFormat, string> = { standard: 'standard print', 'large-print': 'large print', 'easy-read': 'easy read' };

/** `printer` is asked for only once the plan is found, so a bad request never starts Chromium. */
export async function exportPdf(deps: SessionDependencies, printer: () => Printer, input: ChannelParsedInput<'plans.exportPdf'>) {
  const { db, user, clock } = deps;
  const { rendered, format, version, personId, practice } = await render(db, input.planId, input.format);
  const pdf = await withMetadata(await printer().print(rendered), { title: rendered.title, author: `${practice} (PlanWell)` });
  await recordAudit(db, clock, { user, action: 'export', channel: 'plans.exportPdf', personId, detail: `Exported plan version ${version} as a ${formatWords[format]} PDF` });
  return { fileName: rendered.fileName, base64: Buffer.from(pdf).toString('base64'), format };
}

export interface BatchExports {
  /** Where a batch's folder is made: Documents/PlanWell exports in the app, the data folder in preview. */
  directory: string;
  jobs: Map<string, BatchExportStatus & { userId: string }>;
}

/**
 * Starts exporting every plan version agreed in the dates (the version then agreed, even if since
 * superseded) into a new folder, one PDF each, and answers at once; `exports.batchStatus` reports
 * progress. Each PDF is audited as it is written. The files are outside the encrypted database:
 * the member of staff who asked is responsible for them.
 */
export async function startBatch(deps: SessionDependencies, printer: () => Printer, batches: BatchExports, input: ChannelParsedInput<'exports.startBatch'>): Promise<BatchExportStatus> {
  const plans = await deps.db
    .selectFrom('care_plan')
    .select(['id', 'version', 'agreed_on'])
    .where('agreed_on', '>=', input.agreedFrom)
    .where('agreed_on', '<=', input.agreedTo)
    .orderBy('agreed_on')
    .orderBy('person_id')
    .execute();
  const jobId = randomUUID();
  const stamp = deps.clock.now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const folder = join(batches.directory, `Plans agreed ${input.agreedFrom} to ${input.agreedTo} (${stamp})`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const job: BatchExportStatus & { userId: string } = { jobId, total: plans.length, done: 0, folder, failures: [], finished: plans.length === 0, userId: deps.user.id };
  batches.jobs.set(jobId, job);
  void (async () => {
    for (const plan of plans) {
      try {
        const exported = await exportPdf(deps, printer, { planId: plan.id, format: input.format });
        writeFileSync(join(folder, exported.fileName), Buffer.from(exported.base64, 'base64'), { mode: 0o600 });
      } catch (error) {
        job.failures.push({ fileName: `The plan agreed on ${plan.agreed_on ?? ''} (version ${plan.version})`, message: error instanceof Error ? error.message : String(error) });
      }
      job.done++;
    }
    job.finished = true;
  })();
  return publicStatus(job);
}

function publicStatus(job: BatchExportStatus & { userId: string }): BatchExportStatus {
  const { userId: _userId, ...status } = job;
  return { ...status, failures: [...status.failures] };
}

export function batchStatus({ user }: SessionDependencies, batches: BatchExports, input: ChannelParsedInput<'exports.batchStatus'>): BatchExportStatus {
  const job = batches.jobs.get(input.jobId);
  // Only the member of staff who started it may follow it.
  if (!job || job.userId !== user.id) throw notFound('That export is not running.');
  return publicStatus(job);
}
