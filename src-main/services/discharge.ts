import type { ChannelParsedInput, DischargeSummary } from '../../src-shared/contract';
import { dischargeSummaryText, measureChanges } from '../../src-shared/domain/discharge-summary';
import { recordAudit } from '../audit/trail';
import type { AppDatabase } from '../db/database';
import { renderDischargeDocument } from '../export/discharge-document';
import { withMetadata, type Printer } from '../export/printer';
import { connectionsOfReferral } from './connections';
import { practiceName } from './exports';
import { loadPerson } from './people';
import { loadReferral } from './referrals';
import { readOutcomes } from './reviews';
import type { SessionDependencies } from './session-dependencies';

/**
 * The summary sent back to the GP when a person leaves social prescribing — the content of the
 * PRSB social prescribing "message back": why they were referred, what mattered to them, the
 * support offered and taken up, their wellbeing before and after, and the SNOMED CT codes to file.
 */

export async function buildDischargeSummary(db: AppDatabase, referralId: string): Promise<DischargeSummary> {
  const referral = await loadReferral(db, referralId);
  const person = await loadPerson(db, referral.personId);
  const [connections, outcomes, contactRows, plans, practice] = await Promise.all([
    connectionsOfReferral(db, referralId),
    readOutcomes(db, referral.personId),
    db.selectFrom('referral_contact').select(['contact_on', 'duration_minutes']).where('referral_id', '=', referralId).orderBy('contact_on').execute(),
    // What mattered, from their plan: the version agreed, or the draft if none is agreed yet.
    db.selectFrom('care_plan').select(['status', 'content_json']).where('person_id', '=', referral.personId).where('status', 'in', ['agreed', 'draft']).execute(),
    practiceName(db),
  ]);
  const plan = plans.find((p) => p.status === 'agreed') ?? plans[0];
  const whatMatters = plan ? String((JSON.parse(plan.content_json) as { whatMatters?: unknown }).whatMatters ?? '') : '';
  const summary: Omit<DischargeSummary, 'text'> = {
    referral,
    person: { name: `${person.givenName} ${person.familyName}`, nhsNumber: person.nhsNumber, dateOfBirth: person.dateOfBirth },
    practiceName: practice,
    linkWorkerName: person.assignedWorkerName,
    whatMatters,
    contacts: {
      count: contactRows.length,
      totalMinutes: contactRows.reduce((sum, c) => sum + c.duration_minutes, 0),
      first: contactRows[0]?.contact_on ?? null,
      last: contactRows.at(-1)?.contact_on ?? null,
    },
    connections,
    measures: measureChanges(outcomes, referralId),
    codes: referral.history.flatMap((h) => (h.conceptId ? [{ conceptId: h.conceptId, term: h.term, on: h.changedOn }] : [])),
  };
  return { ...summary, text: dischargeSummaryText(summary) };
}

export async function dischargeSummary({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'referrals.dischargeSummary'>): Promise<DischargeSummary> {
  const summary = await buildDischargeSummary(db, input.referralId);
  await recordAudit(db, clock, { user, action: 'view', channel: 'referrals.dischargeSummary', personId: summary.referral.personId, detail: 'Viewed the social prescribing summary for the GP' });
  return summary;
}

/** `printer` is asked for only once the referral is found, so a bad request never starts Chromium. */
export async function dischargePdf({ db, user, clock }: SessionDependencies, printer: () => Printer, input: ChannelParsedInput<'referrals.dischargePdf'>) {
  const summary = await buildDischargeSummary(db, input.referralId);
  const rendered = renderDischargeDocument(summary);
  const pdf = await withMetadata(await printer().print(rendered), { title: rendered.title, author: `${summary.practiceName} (PlanWell)` });
  await recordAudit(db, clock, { user, action: 'export', channel: 'referrals.dischargePdf', personId: summary.referral.personId, detail: 'Exported the social prescribing summary for the GP as a PDF' });
  return { fileName: rendered.fileName, base64: Buffer.from(pdf).toString('base64') };
}
