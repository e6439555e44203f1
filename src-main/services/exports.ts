import type { ChannelParsedInput, DocumentFormat } from '../../src-shared/contract';
import { recordAudit } from '../audit/trail';
import { defaultFormatFor, renderPlanDocument, type RenderedPlan } from '../export/plan-document';
import { withMetadata, type Printer } from '../export/printer';
import type { AppDatabase } from '../db/database';
import { loadPerson } from './people';
import { loadPlan } from './plans';
import type { SessionDependencies } from './session-dependencies';

/** Exporting a plan for the person: the same HTML previews and prints. */

async function practiceName(db: AppDatabase): Promise<string> {
  const row = await db.selectFrom('practice_setting').select('value').where('key', '=', 'practice_name').executeTakeFirst();
  return row?.value ?? 'Your GP practice';
}

async function render(db: AppDatabase, planId: string, format: DocumentFormat | undefined): Promise<{ rendered: RenderedPlan; format: DocumentFormat; defaultFormat: DocumentFormat; version: number; personId: string; practice: string }> {
  const plan = await loadPlan(db, planId);
  const person = await loadPerson(db, plan.personId);
  const defaultFormat = defaultFormatFor(person);
  const chosen = format ?? defaultFormat;
  const practice = await practiceName(db);
  return { rendered: renderPlanDocument({ plan, person, practiceName: practice, format: chosen }), format: chosen, defaultFormat, version: plan.version, personId: plan.personId, practice };
}

export async function exportPreview({ db }: SessionDependencies, input: ChannelParsedInput<'plans.exportPreview'>) {
  const { rendered, format, defaultFormat } = await render(db, input.planId, input.format);
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
