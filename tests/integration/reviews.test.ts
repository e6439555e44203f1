import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetInput, Person } from '../../src-shared/contract';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, staffMember, switchUser, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';

/**
 * Reviews (issue 7) through the dispatcher over a real encrypted database, under a clock the test
 * moves: the due date from the rules, the worklist's buckets, triggers, the review and its
 * sign-off, and outcome measures.
 */

let template: PracticeTemplate;
beforeAll(async () => {
  template = await createPracticeTemplate({
    clinicalRoles: ['link-worker'],
    staff: [
      { username: 'nina.nurse', fullName: 'Nina Nurse', roles: ['nurse'] },
      { username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] },
    ],
  });
});
afterAll(() => template.remove());

const nextNhsNumber = nhsNumberSource('999111');
const day = 86_400_000;
let clock: RecordingClock;
let practice: PracticeFixture;
beforeEach(async () => {
  clock = new RecordingClock(new Date('2026-01-31T09:00:00.000Z'));
  practice = await practiceFrom(template, { signIn: 'nina.nurse', clock });
  return () => practice.close();
});

const today = () => clock.now().toISOString().slice(0, 10);
const goalId = randomUUID();
const part = randomUUID();
const directPayment: BudgetInput = {
  agreedPence: 520_000,
  periodStart: '2026-01-31',
  parts: [{ id: part, funder: 'chc', amountPence: 520_000, holding: { kind: 'direct-payment', recipient: 'person', monitoring: 'yearly' } }],
  items: [{ id: randomUUID(), category: 'personal-assistant', description: 'Personal assistant', partId: part, goalIds: [goalId], cost: { kind: 'recurring', unitCostPence: 10_000, quantityHundredths: 100, per: 'week' } }],
};

/** A person with an agreed plan (with a direct-payment budget unless `budget` is null), assigned to Nina. */
async function agreedPerson(reviewDate: string, budget: BudgetInput | null = directPayment): Promise<Person> {
  const nina = staffMember(template, 'nina.nurse');
  const person = await callOk(practice.app, 'people.create', { givenName: 'Alma', familyName: 'Reville', dateOfBirth: '1941-08-14', nhsNumber: nextNhsNumber(), assignedWorkerId: nina.id });
  const draft = await callOk(practice.app, 'plans.startDraft', { personId: person.id });
  const saved = await callOk(practice.app, 'plans.saveDraft', {
    planId: draft.id, rowVersion: draft.rowVersion, content: { whatMatters: 'Staying at home', goals: [{ id: goalId, outcome: 'Get to the day centre twice a week' }], reviewDate },
  });
  const rowVersion = budget ? (await callOk(practice.app, 'plans.saveBudget', { planId: saved.id, rowVersion: saved.rowVersion, budget })).rowVersion : saved.rowVersion;
  await callOk(practice.app, 'plans.agree', { planId: saved.id, rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today() });
  return person;
}

const worklist = (bucket: 'overdue' | 'due-soon' | 'upcoming', more: Record<string, unknown> = {}) => callOk(practice.app, 'reviews.worklist', { bucket, ...more });

describe('when a review falls due', () => {
  it('a direct payment agreed on 31 January may be reviewed no later than 30 April; a later date is refused and changes nothing', async () => {
    const person = await callOk(practice.app, 'people.create', { givenName: 'Ida', familyName: 'Lupino', dateOfBirth: '1950-02-04', nhsNumber: nextNhsNumber() });
    const draft = await callOk(practice.app, 'plans.startDraft', { personId: person.id });
    const saved = await callOk(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: { whatMatters: 'x', goals: [{ id: goalId, outcome: 'y' }], reviewDate: '2026-05-01' } });
    const withBudget = await callOk(practice.app, 'plans.saveBudget', { planId: saved.id, rowVersion: saved.rowVersion, budget: directPayment });
    const before = practiceState(practice.app, practice.dataDirectory);
    const error = await callError(practice.app, 'plans.agree', { planId: saved.id, rowVersion: withBudget.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: today() });
    expect(error.issues).toEqual([{ path: 'reviewDate', message: 'The review date must be on or before 30 April 2026, as the review rules say for a direct payment' }]);
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('the worklist moves a person from upcoming to due soon to overdue as the days pass, with counts and filters', async () => {
    const person = await agreedPerson('2026-04-30');
    expect(await callOk(practice.app, 'reviews.schedule', { personId: person.id })).toEqual({ dueOn: '2026-04-30', reason: 'scheduled', note: '', limit: '2026-04-30' });
    let list = await worklist('upcoming');
    expect(list.counts).toEqual({ overdue: 0, 'due-soon': 0, upcoming: 1 });
    expect(list.rows).toMatchObject([{ personId: person.id, name: 'Alma Reville', dueOn: '2026-04-30', bucket: 'upcoming', workerName: 'Nina Nurse', reviewId: null }]);

    clock.advance(75 * day); // 16 April: due in 14 days
    list = await worklist('due-soon');
    expect(list.counts).toEqual({ overdue: 0, 'due-soon': 1, upcoming: 0 });
    expect(await callOk(practice.app, 'reviews.myCounts', {})).toEqual({ overdue: 0, dueSoon: 1 });
    clock.advance(15 * day); // 1 May: overdue
    list = await worklist('overdue', { assignedTo: 'me', reason: 'scheduled' });
    expect(list).toMatchObject({ total: 1, counts: { overdue: 1, 'due-soon': 0, upcoming: 0 } });
    expect((await worklist('overdue', { reason: 'health-changed' })).total).toBe(0);
    expect((await worklist('overdue', { assignedTo: 'nobody' })).total).toBe(0);
    await switchUser(practice.app, staffMember(template, 'lena.link'));
    expect(await callOk(practice.app, 'reviews.myCounts', {})).toEqual({ overdue: 0, dueSoon: 0 });
  });

  it('a worker brings a review forward when health changes; it can never be pushed later this way', async () => {
    const person = await agreedPerson('2026-04-30');
    const schedule = await callOk(practice.app, 'reviews.trigger', { personId: person.id, reason: 'health-changed', dueOn: '2026-02-07', note: 'A fall at home' });
    expect(schedule).toMatchObject({ dueOn: '2026-02-07', reason: 'health-changed', note: 'A fall at home' });
    const later = await callError(practice.app, 'reviews.trigger', { personId: person.id, reason: 'booked', dueOn: '2026-03-01' });
    expect(later.issues).toEqual([{ path: 'dueOn', message: 'Choose a date on or before 7 February 2026, when their next review is already due' }]);
    expect((await worklist('due-soon', { reason: 'health-changed' })).rows.map((r) => r.personId)).toEqual([person.id]);
  });

  it('unspent money building up brings the review forward to that day, with the reason', async () => {
    // This practice looks at one month of unspent planned spending (the default is three).
    await switchUser(practice.app, template.admin);
    await callOk(practice.app, 'settings.update', { idleLockMinutes: 10, unspentAlertMonths: 1 });
    const person = await agreedPerson('2026-04-30');
    clock.advance(20 * day);
    await worklist('overdue');
    expect((await callOk(practice.app, 'reviews.schedule', { personId: person.id }))?.reason).toBe('scheduled');
    clock.advance(25 * day); // 17 March: six weeks of planned spending unspent, more than a month's £433.33
    const list = await worklist('due-soon', { reason: 'underspend' });
    expect(list.rows.map((r) => [r.personId, r.dueOn])).toEqual([[person.id, today()]]);
    expect((await callOk(practice.app, 'reviews.schedule', { personId: person.id }))?.note).toContain('Unspent money is building up');
  });
});

describe('the review', () => {
  it('is filled in, refused until complete, then signed: final, with the next review twelve months on', async () => {
    const person = await agreedPerson('2026-04-30');
    clock.advance(85 * day); // 26 April
    const review = await callOk(practice.app, 'reviews.start', { personId: person.id });
    expect(review).toMatchObject({ status: 'draft', reason: 'scheduled', planVersion: 1, nextReviewLimit: '2027-04-26' });
    expect(review.content.goals).toEqual([{ goalId, progress: null, attainment: null, inTheirWords: '' }]);
    expect((await callOk(practice.app, 'reviews.start', { personId: person.id })).id).toBe(review.id);
    expect((await worklist('due-soon')).rows[0]?.reviewId).toBe(review.id);

    const refused = await callError(practice.app, 'reviews.sign', { reviewId: review.id, rowVersion: review.rowVersion });
    expect(refused.issues?.map((i) => i.path)).toEqual(['goals.0.progress', 'decision', 'nextReviewOn']);
    const tooLate = await callOk(practice.app, 'reviews.save', {
      reviewId: review.id, rowVersion: review.rowVersion,
      content: { goals: [{ goalId, progress: 'partly', attainment: 1, inTheirWords: 'I go on Tuesdays now' }], decision: 'continue', whatTheyThink: 'The PA is great', budgetStillMeetsNeeds: 'yes', nextReviewOn: '2027-06-01' },
    });
    expect((await callError(practice.app, 'reviews.sign', { reviewId: review.id, rowVersion: tooLate.rowVersion })).issues).toEqual([
      { path: 'laterReviewReason', message: 'The rules say the next review is due by 26 April 2027: record why it will be later' },
    ]);
    const ready = await callOk(practice.app, 'reviews.save', { reviewId: review.id, rowVersion: tooLate.rowVersion, content: { ...tooLate.content, nextReviewOn: '2027-04-26' } });
    const signed = await callOk(practice.app, 'reviews.sign', { reviewId: review.id, rowVersion: ready.rowVersion });
    expect(signed).toMatchObject({ status: 'signed', signedByName: 'Nina Nurse', newPlanId: null });
    expect(await callOk(practice.app, 'reviews.schedule', { personId: person.id })).toMatchObject({ dueOn: '2027-04-26', reason: 'scheduled' });
    expect((await worklist('upcoming')).rows.map((r) => [r.personId, r.dueOn])).toEqual([[person.id, '2027-04-26']]);

    // Final: the service refuses, and the database refuses a write round it.
    expect(await callError(practice.app, 'reviews.save', { reviewId: review.id, rowVersion: signed.rowVersion, content: {} })).toEqual({ code: 'CONFLICT', message: 'This review has been signed and cannot be changed.' });
    expect(() => sessionSqlite(practice.app).prepare(`UPDATE plan_review SET content_json = '{}' WHERE id = ?`).run(review.id)).toThrow('A signed review cannot be changed');
    expect(() => sessionSqlite(practice.app).prepare('DELETE FROM plan_review WHERE id = ?').run(review.id)).toThrow('A signed review cannot be removed');
  });

  it('a decision to change the plan starts a new draft version; ending the budget starts one without it', async () => {
    for (const decision of ['change-plan', 'end-budget'] as const) {
      const person = await agreedPerson(today().slice(0, 8) === '2026-01-' ? '2026-04-30' : today());
      const review = await callOk(practice.app, 'reviews.start', { personId: person.id });
      const saved = await callOk(practice.app, 'reviews.save', {
        reviewId: review.id, rowVersion: review.rowVersion,
        content: { goals: [{ goalId, progress: 'not-yet' }], decision, endBudgetReason: decision === 'end-budget' ? 'Moving to social care funding' : '', nextReviewOn: '2026-12-01' },
      });
      const signed = await callOk(practice.app, 'reviews.sign', { reviewId: review.id, rowVersion: saved.rowVersion });
      const draft = await callOk(practice.app, 'plans.get', { planId: signed.newPlanId! });
      expect(draft).toMatchObject({ status: 'draft', version: 2, guideCode: 'review' });
      expect(draft.budget === null).toBe(decision === 'end-budget');
    }
  });
});

describe('outcome measures', () => {
  it('records ONS4 and SWEMWBS with their date and context, and scores SWEMWBS by the published table', async () => {
    const person = await agreedPerson('2026-04-30', null);
    await callOk(practice.app, 'outcomes.record', { personId: person.id, takenOn: '2026-01-31', context: 'baseline', score: { measure: 'ons4', answers: { lifeSatisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 8 } } });
    const swemwbs = await callOk(practice.app, 'outcomes.record', { personId: person.id, takenOn: '2026-01-31', context: 'baseline', score: { measure: 'swemwbs', answers: [3, 3, 4, 2, 3, 3, 3] } });
    expect(swemwbs.swemwbs).toEqual({ answers: [3, 3, 4, 2, 3, 3, 3], raw: 21, metricHundredths: 1925 });
    const list = await callOk(practice.app, 'outcomes.list', { personId: person.id });
    expect(list.map((o) => [o.measure, o.context, o.recordedByName])).toEqual([['ons4', 'baseline', 'Nina Nurse'], ['swemwbs', 'baseline', 'Nina Nurse']]);
    const bad = await callError(practice.app, 'outcomes.record', { personId: person.id, takenOn: '2026-01-31', context: 'review', score: { measure: 'swemwbs', answers: [3, 3, 6, 2, 3, 3] } });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['score.answers']));
  });

  it('review rules are data an administrator changes', async () => {
    await switchUser(practice.app, template.admin);
    const rules = await callOk(practice.app, 'reviews.setRule', { key: 'no-budget', firstMonths: 6, thenMonths: 12 });
    expect(rules.find((r) => r.key === 'no-budget')).toEqual({ key: 'no-budget', firstMonths: 6, thenMonths: 12 });
    const person = await agreedPerson('2026-07-31', null);
    expect((await callOk(practice.app, 'reviews.schedule', { personId: person.id }))?.limit).toBe('2026-07-31');
  });
});
