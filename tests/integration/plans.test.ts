import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CarePlan, NewPersonInput, Person, PlanContentInput } from '../../src-shared/contract';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, staffMember, switchUser, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';

/**
 * The personalised care and support plan's lifecycle (issue 5): one draft per person, agreement
 * with who agreed and how, agreed versions that never change (in the service and in the database),
 * supersession, new versions started from the agreed one — through the dispatcher, over a real
 * encrypted database.
 */

let template: PracticeTemplate;
beforeAll(async () => {
  template = await createPracticeTemplate({
    clinicalRoles: ['link-worker'],
    staff: [
      { username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] },
      { username: 'vic.viewer', fullName: 'Vic Viewer', roles: ['viewer'] },
    ],
  });
});
afterAll(() => template.remove());

const nextNhsNumber = nhsNumberSource('999333');
const clock = new RecordingClock(new Date('2026-06-01T09:00:00.000Z'));
let practice: PracticeFixture;
beforeEach(async () => {
  practice = await practiceFrom(template, { signIn: 'lena.link', clock });
  return () => practice.close();
});

async function addPerson(overrides: Partial<NewPersonInput> = {}): Promise<Person> {
  return callOk(practice.app, 'people.create', { givenName: 'Iris', familyName: 'Murdoch', dateOfBirth: '1948-07-15', nhsNumber: nextNhsNumber(), ...overrides });
}

const goalId = randomUUID();
const actionId = randomUUID();
/** A plan ready to agree: what matters, one goal, one action, a review date after the clock's today. */
const readyContent: PlanContentInput = {
  aboutMe: 'Retired teacher, lives alone since her husband died.',
  whatMatters: 'Seeing my friends at the library on Tuesdays.',
  goals: [{ id: goalId, outcome: 'Get to the library group every week', howWeWillKnow: 'I go four weeks running', byWhen: '2026-09-01' }],
  actions: [{ id: actionId, action: 'Book community transport', who: 'Lena (link worker)', when: 'This week' }],
  reviewDate: '2026-08-20',
  notes: [{ id: randomUUID(), step: 'What matters to you', text: 'I feel cut off since the bus stopped', ownWords: true }],
};

async function draftFor(person: Person): Promise<CarePlan> {
  return callOk(practice.app, 'plans.startDraft', { personId: person.id, guideCode: 'what-matters' });
}

async function agreedPlanFor(person: Person): Promise<CarePlan> {
  const draft = await draftFor(person);
  const saved = await callOk(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: readyContent });
  return callOk(practice.app, 'plans.agree', { planId: saved.id, rowVersion: saved.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2026-06-01' });
}

function planRows(personId: string) {
  return sessionSqlite(practice.app).prepare('SELECT * FROM care_plan WHERE person_id = ? ORDER BY version').all(personId);
}

function auditAfter(seq: number) {
  return sessionSqlite(practice.app)
    .prepare('SELECT action, channel, person_id, detail FROM audit_event WHERE seq > ? ORDER BY seq')
    .all(seq) as { action: string; channel: string; person_id: string | null; detail: string }[];
}

function lastSeq(): number {
  return sessionSqlite(practice.app).prepare('SELECT max(seq) FROM audit_event').pluck().get() as number;
}

describe('drafts', () => {
  it('starts version 1 empty, and refuses a second draft for the same person while one exists', async () => {
    const person = await addPerson();
    const draft = await draftFor(person);
    expect(draft).toMatchObject({ personId: person.id, version: 1, status: 'draft', guideCode: 'what-matters', agreement: null, createdByName: 'Lena Link' });
    expect(draft.content.goals).toEqual([]);
    expect(draft.content.whatMatters).toBe('');

    const before = practiceState(practice.app, practice.dataDirectory);
    const error = await callError(practice.app, 'plans.startDraft', { personId: person.id, guideCode: 'review' });
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already a draft plan (version 1)') });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('saves content against the version it started from; a stale or wrong save changes nothing', async () => {
    const person = await addPerson();
    const draft = await draftFor(person);
    const saved = await callOk(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: readyContent });
    expect(saved.rowVersion).toBe(draft.rowVersion + 1);
    expect(saved.content.goals[0]).toMatchObject({ id: goalId, outcome: 'Get to the library group every week', steps: '', linkedNeeds: '' });
    expect(saved.content.notes[0]).toMatchObject({ ownWords: true, text: 'I feel cut off since the bus stopped' });
    expect(saved.reviewDate).toBe('2026-08-20');

    const before = planRows(person.id);
    const stale = await callError(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: { whatMatters: 'Overwritten' } });
    expect(stale).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Someone else has changed this plan') });
    const noGoalWords = await callError(practice.app, 'plans.saveDraft', {
      planId: draft.id, rowVersion: saved.rowVersion, content: { goals: [{ id: randomUUID(), outcome: '   ' }] },
    });
    expect(noGoalWords).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'content.goals.0.outcome', message: 'Enter the goal in their words' }] });
    const badDate = await callError(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: saved.rowVersion, content: { reviewDate: '2026-02-30' } });
    expect(badDate.issues?.[0]).toMatchObject({ path: 'content.reviewDate', message: 'Review date must be a real date, for example 2027-03-31' });
    const twice = await callError(practice.app, 'plans.saveDraft', {
      planId: draft.id, rowVersion: saved.rowVersion, content: { goals: [{ id: goalId, outcome: 'One' }, { id: goalId, outcome: 'Two' }] },
    });
    expect(twice.code).toBe('INVALID_INPUT');
    expect(planRows(person.id)).toEqual(before);
  });

  it('can be discarded, after which a new draft can start', async () => {
    const person = await addPerson();
    const draft = await draftFor(person);
    await callOk(practice.app, 'plans.discardDraft', { planId: draft.id, rowVersion: draft.rowVersion });
    expect(planRows(person.id)).toEqual([]);
    expect((await draftFor(person)).version).toBe(1);
  });

  it('is refused for a closed record', async () => {
    const person = await addPerson();
    await callOk(practice.app, 'people.close', { id: person.id, rowVersion: person.rowVersion, closedReason: 'Moved away', closedOn: '2026-05-30' });
    expect(await callError(practice.app, 'plans.startDraft', { personId: person.id })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('closed') });
  });
});

describe('agreement', () => {
  it('is refused, naming each gap by its field, until the plan says what matters, has a goal and a future review date', async () => {
    const person = await addPerson();
    const draft = await draftFor(person);
    const before = practiceState(practice.app, practice.dataDirectory);
    const error = await callError(practice.app, 'plans.agree', { planId: draft.id, rowVersion: draft.rowVersion, agreedBy: 'person', method: 'phone', agreedOn: '2026-06-01' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toEqual([
      { path: 'whatMatters', message: 'Write what matters to them before the plan is agreed' },
      { path: 'goals', message: 'Add at least one goal before the plan is agreed' },
      { path: 'reviewDate', message: 'Set a review date before the plan is agreed' },
    ]);
    const past = await callOk(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: { ...readyContent, reviewDate: '2026-06-01' } });
    const pastError = await callError(practice.app, 'plans.agree', { planId: past.id, rowVersion: past.rowVersion, agreedBy: 'person', method: 'phone', agreedOn: '2026-06-01' });
    expect(pastError.issues).toEqual([{ path: 'reviewDate', message: 'The review date must be in the future' }]);
    expect(planRows(person.id)).toMatchObject([{ status: 'draft', agreed_on: null }]);
    expect(practiceState(practice.app, practice.dataDirectory).counts.care_plan).toBe(before.counts.care_plan);
  });

  it('needs the representative’s name when a representative agreed, and a date that is not in the future', async () => {
    const person = await addPerson();
    const draft = await draftFor(person);
    const noName = await callError(practice.app, 'plans.agree', { planId: draft.id, rowVersion: draft.rowVersion, agreedBy: 'representative', method: 'video', agreedOn: '2026-06-01' });
    expect(noName.issues).toEqual([{ path: 'representativeName', message: 'Enter the name of the representative who agreed the plan' }]);
    // Said at once with the other gaps, not only once they are filled in.
    const gaps = await callError(practice.app, 'plans.agree', { planId: draft.id, rowVersion: draft.rowVersion, agreedBy: 'representative', agreedOn: '' });
    expect(gaps.issues?.map((i) => i.path).sort()).toEqual(['agreedOn', 'method', 'representativeName']);
    const tomorrow = await callError(practice.app, 'plans.agree', { planId: draft.id, rowVersion: draft.rowVersion, agreedBy: 'person', method: 'video', agreedOn: '2099-01-01' });
    expect(tomorrow.issues?.[0]).toMatchObject({ path: 'agreedOn', message: 'The date agreed must be today or in the past' });
    expect(planRows(person.id)).toMatchObject([{ status: 'draft' }]);
  });

  it('records who agreed for the person and for the team, when and how, and keeps what the record said then', async () => {
    const person = await addPerson();
    await callOk(practice.app, 'people.setCommunicationNeeds', { personId: person.id, needs: [{ kind: 'information-format', need: 'large-print' }], notes: '' });
    await callOk(practice.app, 'people.saveContact', { personId: person.id, contact: { role: 'representative', name: 'Tom Murdoch', relationship: 'Son', mayReceivePlan: true } });
    const draft = await draftFor(person);
    expect(draft.recordDetails.communicationNeeds).toEqual(['Large print']);
    const saved = await callOk(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: readyContent });
    clock.advance(60_000);
    const seq = lastSeq();
    const agreed = await callOk(practice.app, 'plans.agree', {
      planId: saved.id, rowVersion: saved.rowVersion, agreedBy: 'representative', representativeName: 'Tom Murdoch', method: 'in-person', agreedOn: '2026-06-01',
    });
    expect(agreed.status).toBe('agreed');
    expect(agreed.agreement).toEqual({
      agreedBy: 'representative', representativeName: 'Tom Murdoch', method: 'in-person', agreedOn: '2026-06-01', teamMemberName: 'Lena Link', recordedAt: clock.now().toISOString(),
    });
    expect(agreed.recordDetails.contacts).toEqual([{ name: 'Tom Murdoch', role: 'Representative', relationship: 'Son', mayReceivePlan: true }]);
    // The audit says what happened to which person, never what the plan says.
    expect(auditAfter(seq)).toEqual([{ action: 'update', channel: 'plans.agree', person_id: person.id, detail: 'Agreed plan version 1' }]);

    // The record changes later; the agreed version still shows what was agreed with.
    await callOk(practice.app, 'people.setCommunicationNeeds', { personId: person.id, needs: [{ kind: 'information-format', need: 'easy-read' }], notes: '' });
    const again = await callOk(practice.app, 'plans.get', { planId: agreed.id });
    expect(again.recordDetails.communicationNeeds).toEqual(['Large print']);
  });
});

describe('an agreed version', () => {
  it('can never be edited, discarded or agreed again: the service refuses and changes nothing', async () => {
    const person = await addPerson();
    const agreed = await agreedPlanFor(person);
    const before = planRows(person.id);
    const message = 'This version of the plan has been agreed and cannot be changed. Start a new draft from it to make changes.';
    for (const [channel, input] of [
      ['plans.saveDraft', { planId: agreed.id, rowVersion: agreed.rowVersion, content: { whatMatters: 'Changed after agreement' } }],
      ['plans.discardDraft', { planId: agreed.id, rowVersion: agreed.rowVersion }],
      ['plans.agree', { planId: agreed.id, rowVersion: agreed.rowVersion, agreedBy: 'person', method: 'phone', agreedOn: '2026-06-01' }],
    ] as const) {
      expect(await callError(practice.app, channel, input), channel).toEqual({ code: 'CONFLICT', message });
    }
    expect(planRows(person.id)).toEqual(before);
  });

  it('is protected by the database itself against any write that goes round the service', async () => {
    const person = await addPerson();
    const agreed = await agreedPlanFor(person);
    const sqlite = sessionSqlite(practice.app);
    expect(() => sqlite.prepare(`UPDATE care_plan SET content_json = '{}' WHERE id = ?`).run(agreed.id)).toThrow('An agreed plan cannot be changed');
    expect(() => sqlite.prepare(`UPDATE care_plan SET status = 'draft' WHERE id = ?`).run(agreed.id)).toThrow('An agreed plan cannot be changed');
    expect(() => sqlite.prepare(`UPDATE care_plan SET agreed_on = '2026-01-01' WHERE id = ?`).run(agreed.id)).toThrow('An agreed plan cannot be changed');
    expect(() => sqlite.prepare('DELETE FROM care_plan WHERE id = ?').run(agreed.id)).toThrow('An agreed plan cannot be removed');
    // A second agreed or draft version for the same person is refused by the unique indexes.
    const row = sqlite.prepare('SELECT * FROM care_plan WHERE id = ?').get(agreed.id) as Record<string, unknown>;
    const insert = (status: string) => sqlite
      .prepare(`INSERT INTO care_plan (id, person_id, version, status, guide_code, content_json, created_at, created_by, updated_at, updated_by)
                VALUES (@id, @person_id, 9, @status, 'review', '{}', @created_at, @created_by, @updated_at, @updated_by)`)
      .run({ ...row, id: randomUUID(), status });
    expect(() => insert('agreed')).toThrow(/UNIQUE/);
    insert('draft');
    expect(() => insert('draft')).toThrow(/UNIQUE/);
  });

  it('is changed by starting a new draft from it; agreeing that supersedes it', async () => {
    const person = await addPerson();
    const first = await agreedPlanFor(person);
    const second = await callOk(practice.app, 'plans.startDraft', { personId: person.id, guideCode: 'review' });
    expect(second).toMatchObject({ version: 2, status: 'draft', guideCode: 'review' });
    // Same goals, same ids (so the difference can match them); the old conversation's notes stay behind.
    expect(second.content).toEqual({ ...first.content, notes: [] });

    const changed = await callOk(practice.app, 'plans.saveDraft', {
      planId: second.id,
      rowVersion: second.rowVersion,
      content: { ...second.content, goals: [{ ...second.content.goals[0]!, outcome: 'Go to the library group and the walking group' }], reviewDate: '2026-08-15' },
    });
    clock.advance(3_600_000);
    const agreed = await callOk(practice.app, 'plans.agree', { planId: changed.id, rowVersion: changed.rowVersion, agreedBy: 'person', method: 'phone', agreedOn: '2026-06-01' });
    expect(agreed).toMatchObject({ version: 2, status: 'agreed', reviewDate: '2026-08-15' });
    const versions = await callOk(practice.app, 'plans.list', { personId: person.id });
    expect(versions.map((v) => [v.version, v.status, v.supersededAt])).toEqual([
      [2, 'agreed', null],
      [1, 'superseded', clock.now().toISOString()],
    ]);
    const old = await callOk(practice.app, 'plans.get', { planId: first.id });
    expect(old.content).toEqual(first.content);
    expect(old.agreement).toEqual(first.agreement);
  });
});

describe('who may do what', () => {
  it('a viewer reads plans but cannot start, change or agree one', async () => {
    const person = await addPerson();
    const agreed = await agreedPlanFor(person);
    await switchUser(practice.app, staffMember(template, 'vic.viewer'));
    expect((await callOk(practice.app, 'plans.get', { planId: agreed.id })).version).toBe(1);
    expect(await callError(practice.app, 'plans.startDraft', { personId: person.id })).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('conversation guides', () => {
  it('ship three guides, each with steps that feed plan sections, and a practice can add its own once', async () => {
    const guides = await callOk(practice.app, 'guides.list', {});
    expect(guides.map((g) => g.name)).toEqual(['What matters to me', 'Personal health budget support planning', 'Review']);
    for (const guide of guides) {
      expect(guide.builtIn).toBe(true);
      expect(guide.steps.length).toBeGreaterThan(3);
    }
    await switchUser(practice.app, template.admin);
    const added = await callOk(practice.app, 'guides.add', {
      name: 'Carers’ conversation',
      steps: [{ title: 'Your caring', prompts: ['Who do you look after?', 'How long have you cared for them?'], section: 'strengths' }],
    });
    expect(added).toMatchObject({ code: 'local-carers-conversation', builtIn: false });
    expect((await callOk(practice.app, 'guides.list', {})).at(-1)).toEqual(added);
    expect(await callError(practice.app, 'guides.add', { name: 'Carers’ conversation', steps: [{ title: 'Again', prompts: ['Again?'], section: 'aboutMe' }] }))
      .toMatchObject({ code: 'CONFLICT', issues: [{ path: 'name', message: 'There is already a guide with that name' }] });
    expect(await callError(practice.app, 'guides.add', { name: 'Empty', steps: [] })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'steps', message: 'A guide needs at least one step' }] });
    // A different name that folds to the same words is a different guide, with a code of its own.
    const alike = await callOk(practice.app, 'guides.add', { name: 'Carers conversation', steps: [{ title: 'Caring', prompts: ['Who?'], section: 'strengths' }] });
    expect(alike.code).toBe('local-carers-conversation-2');
    expect(await callError(practice.app, 'plans.startDraft', { personId: randomUUID(), guideCode: 'no-such-guide' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
