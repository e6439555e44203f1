import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  budgetSchema,
  contactRoleLabels,
  planContentSchema,
  type AgreedForPersonBy,
  type AgreementMethod,
  type CarePlan,
  type ChannelParsedInput,
  type ConversationGuide,
  type ConversationGuideStep,
  type PlanContent,
  type PlanRecordDetails,
  type PlanStatus,
  type PlanVersionSummary,
} from '../../src-shared/contract';
import { describeCommunicationNeed } from '../../src-shared/domain/accessible-information';
import { budgetAgreementProblems } from '../../src-shared/domain/budget-costs';
import { planAgreementProblems } from '../../src-shared/domain/plan-difference';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { isoDateInLondon } from '../../src-shared/format';
import { recordAudit } from '../audit/trail';
import type { AppDatabase } from '../db/database';
import { AppError, conflict, notFound } from '../ipc/errors';
import { readRestrictions } from './budgets';
import { communitySupportFor } from './connections';
import { loadPerson } from './people';
import { requireDraft } from './plan-drafts';
import { agreedReviewDateProblem, scheduleReview } from './review-schedule';
import type { SessionDependencies } from './session-dependencies';

/**
 * The plan's lifecycle: draft → agreed → superseded. One draft per person; an agreed version is
 * never edited (changing it starts a new draft from it); agreeing a draft supersedes the version
 * agreed before. The audit trail records each step, never the plan's words.
 */

/** `agreedOn`: the community support connected by the day a version is agreed; a draft has it all. */
async function recordDetailsOf(db: AppDatabase, person: Awaited<ReturnType<typeof loadPerson>>, agreedOn?: string): Promise<PlanRecordDetails> {
  return {
    communicationNeeds: person.communicationNeeds.map(describeCommunicationNeed),
    communicationNotes: person.communicationNotes,
    contacts: person.contacts.map((c) => ({ name: c.name, role: contactRoleLabels[c.role], relationship: c.relationship, mayReceivePlan: c.mayReceivePlan })),
    sharingPreferences: person.sharingPreferences,
    communitySupport: await communitySupportFor(db, person.id, agreedOn),
  };
}

export async function loadPlan(db: AppDatabase, planId: string): Promise<CarePlan> {
  const row = await db
    .selectFrom('care_plan')
    .leftJoin('staff_user as creator', 'creator.id', 'care_plan.created_by')
    .leftJoin('staff_user as editor', 'editor.id', 'care_plan.updated_by')
    .leftJoin('staff_user as team', 'team.id', 'care_plan.agreed_by_user_id')
    .selectAll('care_plan')
    .select(['creator.full_name as created_by_name', 'editor.full_name as updated_by_name', 'team.full_name as team_name'])
    .where('care_plan.id', '=', planId)
    .executeTakeFirst();
  if (!row) throw notFound('That plan is not in PlanWell.');
  // A draft shows the record as it is now; an agreed version, as it was when agreed.
  // Versions agreed before social prescribing was recorded have no community support.
  const recordDetails = row.record_json
    ? { communitySupport: [], ...(JSON.parse(row.record_json) as Partial<PlanRecordDetails>) } as PlanRecordDetails
    : await recordDetailsOf(db, await loadPerson(db, row.person_id));
  return {
    id: row.id,
    personId: row.person_id,
    version: row.version,
    status: row.status as PlanStatus,
    guideCode: row.guide_code,
    content: planContentSchema.parse(JSON.parse(row.content_json)),
    budget: row.budget_json ? budgetSchema.parse(JSON.parse(row.budget_json)) : null,
    reviewDate: row.review_date,
    recordDetails,
    agreement: row.agreed_on
      ? {
          agreedBy: row.agreed_by as AgreedForPersonBy,
          representativeName: row.representative_name ?? '',
          method: row.agreement_method as AgreementMethod,
          agreedOn: row.agreed_on,
          teamMemberName: row.team_name ?? '',
          recordedAt: row.agreement_recorded_at ?? '',
        }
      : null,
    agreedOn: row.agreed_on,
    supersededAt: row.superseded_at,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
    rowVersion: row.row_version,
  };
}

export async function listPlans({ db }: SessionDependencies, input: ChannelParsedInput<'plans.list'>): Promise<PlanVersionSummary[]> {
  await loadPerson(db, input.personId);
  const rows = await db
    .selectFrom('care_plan')
    .leftJoin('staff_user', 'staff_user.id', 'care_plan.updated_by')
    .select(['care_plan.id', 'care_plan.version', 'care_plan.status', 'care_plan.review_date', 'care_plan.updated_at', 'care_plan.agreed_on', 'care_plan.superseded_at', 'staff_user.full_name'])
    .where('care_plan.person_id', '=', input.personId)
    .orderBy('care_plan.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status as PlanStatus,
    reviewDate: r.review_date,
    updatedAt: r.updated_at,
    updatedByName: r.full_name,
    agreedOn: r.agreed_on,
    supersededAt: r.superseded_at,
  }));
}

export async function getPlan({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'plans.get'>): Promise<CarePlan> {
  const plan = await loadPlan(db, input.planId);
  await recordAudit(db, clock, { user, action: 'view', channel: 'plans.get', personId: plan.personId, detail: `Viewed plan version ${plan.version}` });
  return plan;
}

export async function startPlanDraft({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'plans.startDraft'>): Promise<CarePlan> {
  return db.transaction().execute(async (trx) => loadPlan(trx, await createDraft(trx, { user, clock }, input.personId, input.guideCode)));
}

/**
 * Makes a draft in the caller's transaction, from the agreed version if there is one (the budget
 * too, unless `withoutBudget`: a review that ends the budget). Refuses while a draft exists.
 */
export async function createDraft(
  trx: AppDatabase,
  { user, clock }: Pick<SessionDependencies, 'user' | 'clock'>,
  personId: string,
  guideCode: string,
  options: { withoutBudget?: boolean; reason?: string } = {},
): Promise<string> {
  const person = await loadPerson(trx, personId);
  if (person.status === 'closed') throw conflict('Their record is closed. Reopen it before starting a plan.');
  const guide = await trx.selectFrom('conversation_guide').select('code').where('code', '=', guideCode).executeTakeFirst();
  if (!guide) throw new AppError('INVALID_INPUT', 'Choose a conversation guide from the list.', [{ path: 'guideCode', message: 'Choose a conversation guide from the list' }]);
  const draft = await trx.selectFrom('care_plan').select('version').where('person_id', '=', personId).where('status', '=', 'draft').executeTakeFirst();
  if (draft) throw conflict(`There is already a draft plan (version ${draft.version}) for this person. Carry on with it, or discard it first.`);
  const latest = await trx.selectFrom('care_plan').select('version').where('person_id', '=', personId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  const agreed = await trx.selectFrom('care_plan').select(['content_json', 'budget_json']).where('person_id', '=', personId).where('status', '=', 'agreed').executeTakeFirst();
  // A new version starts from what was agreed, keeping each goal's id so differences match them;
  // the conversation notes belonged to the last conversation and are not carried over.
  const content: PlanContent = agreed ? { ...planContentSchema.parse(JSON.parse(agreed.content_json)), notes: [] } : planContentSchema.parse({});
  const id = randomUUID();
  const version = (latest?.version ?? 0) + 1;
  const timestamp = clock.now().toISOString();
  await trx
    .insertInto('care_plan')
    .values({
      id, person_id: personId, version, status: 'draft', guide_code: guideCode, content_json: JSON.stringify(content), review_date: content.reviewDate,
      // The budget carries over with the plan, item ids and all, so spending stays matched to items.
      budget_json: options.withoutBudget ? null : (agreed?.budget_json ?? null),
      created_at: timestamp, created_by: user.id, updated_at: timestamp, updated_by: user.id,
    })
    .execute();
  await recordAudit(trx, clock, {
    user, action: 'create', channel: 'plans.startDraft', personId,
    detail: `${agreed ? `Started plan version ${version} from the agreed plan` : `Started plan version ${version}`}${options.reason ? ` (${options.reason})` : ''}`,
  });
  return id;
}

export async function savePlanDraft({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'plans.saveDraft'>): Promise<CarePlan> {
  return db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, input.planId, input.rowVersion);
    const ids = [...input.content.goals, ...input.content.actions, ...input.content.risks, ...input.content.notes].map((item) => item.id);
    if (new Set(ids).size !== ids.length) throw new AppError('INVALID_INPUT', 'Each goal, action, risk and note must be listed once.');
    // Support stops pointing at a goal the plan no longer has.
    const current = await trx.selectFrom('care_plan').select('budget_json').where('id', '=', input.planId).executeTakeFirstOrThrow();
    let budgetJson = current.budget_json;
    if (budgetJson) {
      const goalIds = new Set(input.content.goals.map((goal) => goal.id));
      const budget = budgetSchema.parse(JSON.parse(budgetJson));
      budgetJson = JSON.stringify({ ...budget, items: budget.items.map((item) => ({ ...item, goalIds: item.goalIds.filter((id) => goalIds.has(id)) })) });
    }
    await trx
      .updateTable('care_plan')
      .set({ content_json: JSON.stringify(input.content), budget_json: budgetJson, review_date: input.content.reviewDate, updated_at: clock.now().toISOString(), updated_by: user.id, row_version: sql`row_version + 1` })
      .where('id', '=', input.planId)
      .execute();
    await recordAudit(trx, clock, { user, action: 'update', channel: 'plans.saveDraft', personId: row.person_id, detail: `Saved draft plan version ${row.version}` });
    return loadPlan(trx, input.planId);
  });
}

export async function discardPlanDraft({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'plans.discardDraft'>): Promise<null> {
  await db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, input.planId, input.rowVersion);
    await trx.deleteFrom('care_plan').where('id', '=', input.planId).execute();
    await recordAudit(trx, clock, { user, action: 'delete', channel: 'plans.discardDraft', personId: row.person_id, detail: `Discarded draft plan version ${row.version}` });
  });
  return null;
}

export async function agreePlan({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'plans.agree'>): Promise<CarePlan> {
  return db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, input.planId, input.rowVersion);
    const current = await trx.selectFrom('care_plan').select(['content_json', 'budget_json']).where('id', '=', input.planId).executeTakeFirstOrThrow();
    const content = planContentSchema.parse(JSON.parse(current.content_json));
    // Agreeing the plan agrees its budget: a flagged item needs its justification first.
    const budget = current.budget_json ? budgetSchema.parse(JSON.parse(current.budget_json)) : null;
    const budgetProblems = budget ? budgetAgreementProblems(budget, await readRestrictions(trx)) : [];
    const today = isoDateInLondon(clock.now());
    const planProblems = planAgreementProblems(content, today);
    // The review date may be brought forward, never past what the review rules allow.
    const lateReview = planProblems.some((p) => p.path === 'reviewDate') ? null : await agreedReviewDateProblem(trx, row.person_id, budget, content.reviewDate, today);
    const problems = [...planProblems, ...(lateReview ? [lateReview] : []), ...budgetProblems];
    if (problems.length > 0) {
      throw new AppError('INVALID_INPUT', `The plan is not ready to agree: ${problems.map((p) => p.message.charAt(0).toLowerCase() + p.message.slice(1)).join('; ')}.`, problems);
    }
    if (input.agreedOn > isoDateInLondon(clock.now())) {
      throw new AppError('INVALID_INPUT', 'The date agreed must be today or in the past.', [{ path: 'agreedOn', message: 'The date agreed must be today or in the past' }]);
    }
    const person = await loadPerson(trx, row.person_id);
    const timestamp = clock.now().toISOString();
    const previous = await trx.selectFrom('care_plan').select(['id', 'version']).where('person_id', '=', row.person_id).where('status', '=', 'agreed').executeTakeFirst();
    if (previous) {
      await trx.updateTable('care_plan').set({ status: 'superseded', superseded_at: timestamp, row_version: sql`row_version + 1` }).where('id', '=', previous.id).execute();
    }
    await trx
      .updateTable('care_plan')
      .set({
        status: 'agreed',
        record_json: JSON.stringify(await recordDetailsOf(trx, person, input.agreedOn)),
        agreed_by: input.agreedBy,
        representative_name: input.agreedBy === 'representative' ? input.representativeName : '',
        agreement_method: input.method,
        agreed_on: input.agreedOn,
        agreed_by_user_id: user.id,
        agreement_recorded_at: timestamp,
        updated_at: timestamp,
        updated_by: user.id,
        row_version: sql`row_version + 1`,
      })
      .where('id', '=', input.planId)
      .execute();
    await scheduleReview(trx, clock, user, row.person_id, content.reviewDate, 'scheduled');
    await recordAudit(trx, clock, {
      user, action: 'update', channel: 'plans.agree', personId: row.person_id,
      detail: previous ? `Agreed plan version ${row.version}; version ${previous.version} superseded` : `Agreed plan version ${row.version}`,
    });
    return loadPlan(trx, input.planId);
  });
}

export async function listGuides({ db }: SessionDependencies): Promise<ConversationGuide[]> {
  const rows = await db.selectFrom('conversation_guide').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    description: r.description,
    builtIn: r.built_in === 1,
    steps: JSON.parse(r.steps_json) as ConversationGuideStep[],
  }));
}

/** A surgery's own guide, alongside the ones PlanWell ships. */
export async function addGuide({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'guides.add'>): Promise<ConversationGuide> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('conversation_guide').select(['code', 'name']).execute();
    if (existing.some((guide) => guide.name.toLowerCase() === input.name.toLowerCase())) {
      throw conflict('There is already a guide with that name.', [{ path: 'name', message: 'There is already a guide with that name' }]);
    }
    // Codes come from the name; two names that fold alike ("Carers’ check-in", "Carers check in") get a number.
    const base = `local-${foldForSearch(input.name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'guide'}`;
    const codes = new Set(existing.map((guide) => guide.code));
    let code = base;
    for (let n = 2; codes.has(code); n++) code = `${base}-${n}`;
    const last = await trx.selectFrom('conversation_guide').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
    await trx
      .insertInto('conversation_guide')
      .values({ code, name: input.name, description: input.description, built_in: 0, steps_json: JSON.stringify(input.steps), sort_order: Number(last?.n ?? 0) + 10 })
      .execute();
    await recordAudit(trx, clock, { user, action: 'settings', channel: 'guides.add', detail: `Added conversation guide "${input.name}"` });
    return { code, name: input.name, description: input.description, builtIn: false, steps: input.steps };
  });
}
