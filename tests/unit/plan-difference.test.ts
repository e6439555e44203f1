import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planContentSchema, type PlanContent, type PlanContentInput } from '../../src-shared/contract';
import { planAgreementProblems, planDifference, type WordRun } from '../../src-shared/domain/plan-difference';

const plan = (input: PlanContentInput): PlanContent => planContentSchema.parse(input);
const ids = {
  walk: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  cook: '1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f',
  transport: '2d3e4f5a-6b7c-4d8e-8f9a-1b2c3d4e5f6a',
  befriender: '3e4f5a6b-7c8d-4e9f-9a0b-2c3d4e5f6a7b',
  falls: '4f5a6b7c-8d9e-4f0a-8b1c-3d4e5f6a7b8c',
};

const version1 = plan({
  whatMatters: 'Walking my dog in the park every morning.',
  goals: [
    { id: ids.walk, outcome: 'Walk to the park three times a week', byWhen: '2027-01-31' },
    { id: ids.cook, outcome: 'Cook a hot meal most days' },
  ],
  actions: [{ id: ids.transport, action: 'Ask about community transport', who: 'Link worker' }],
  risks: [{ id: ids.falls, risk: 'Falls on icy paths', management: 'Walk with a neighbour in winter' }],
  reviewDate: '2027-03-01',
});

const sides = (words: WordRun[]) => ({
  before: words.filter((w) => w.change !== 'added').map((w) => w.text).join(''),
  after: words.filter((w) => w.change !== 'removed').map((w) => w.text).join(''),
});

describe('the difference between two versions of a plan', () => {
  it('matches goals by id: a reworded goal is changed (word by word), a new action added, a dropped goal removed', () => {
    const version2 = plan({
      ...version1,
      goals: [{ ...version1.goals[0]!, outcome: 'Walk to the park every day', byWhen: '2027-02-28' }],
      actions: [...version1.actions, { id: ids.befriender, action: 'Refer to the befriending service', who: 'Link worker', when: 'March' }],
    });
    const difference = planDifference(version1, version2);
    expect(difference.same).toBe(false);
    expect(difference.goals.map((g) => g.change)).toEqual(['changed', 'removed']);
    const reworded = difference.goals[0]!;
    if (reworded.change !== 'changed') throw new Error('expected a changed goal');
    expect(reworded.fields.map((f) => [f.label, f.before, f.after])).toEqual([
      ['What I want to achieve', 'Walk to the park three times a week', 'Walk to the park every day'],
      ['By when', '2027-01-31', '2027-02-28'],
    ]);
    const runs = reworded.fields[0]!.words;
    expect(runs.filter((r) => r.change === 'removed').map((r) => r.text.trim())).toEqual(['three times a week']);
    expect(runs.filter((r) => r.change === 'added').map((r) => r.text.trim())).toEqual(['every day']);
    expect(difference.goals[1]).toEqual({ change: 'removed', before: version1.goals[1] });
    expect(difference.actions.map((a) => a.change)).toEqual(['same', 'added']);
    expect(difference.risks.map((r) => r.change)).toEqual(['same']);
    expect(difference.sections.filter((s) => s.changed)).toEqual([]);
    expect(difference.reviewDate.changed).toBe(false);
  });

  it('shows a changed section and review date, and ignores conversation notes (working material, not the plan)', () => {
    const version2 = plan({
      ...version1,
      whatMatters: 'Walking my dog in the park, and seeing my sister.',
      reviewDate: '2027-04-01',
      notes: [{ id: ids.befriender, step: 'What matters', text: 'I miss my sister' }],
    });
    const difference = planDifference(version1, version2);
    expect(difference.sections.filter((s) => s.changed).map((s) => s.label)).toEqual(['What matters to me']);
    expect(difference.reviewDate).toEqual({ before: '2027-03-01', after: '2027-04-01', changed: true });
    expect(planDifference(version1, plan({ ...version1, notes: version2.notes })).same).toBe(true);
  });

  it('a version compared with itself is the same; the word runs always rebuild both texts exactly', () => {
    const words = fc.array(fc.constantFrom('walk', 'park', 'dog', 'sister', 'every', 'day', 'the', '—', 'Zoë'), { maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(words, words, (before, after) => {
        const a = plan({ ...version1, aboutMe: before });
        const b = plan({ ...version1, aboutMe: after });
        expect(planDifference(a, a).same).toBe(true);
        const section = planDifference(a, b).sections.find((s) => s.section === 'aboutMe')!;
        expect(section.changed).toBe(a.aboutMe !== b.aboutMe);
        expect(sides(section.words)).toEqual({ before: a.aboutMe, after: b.aboutMe });
      }),
    );
  });
});

describe('what a plan needs before it is agreed', () => {
  it('what matters, a goal and a review date after today, each named by its field', () => {
    expect(planAgreementProblems(version1, '2026-11-24')).toEqual([]);
    expect(planAgreementProblems(plan({}), '2026-11-24').map((p) => p.path)).toEqual(['whatMatters', 'goals', 'reviewDate']);
    expect(planAgreementProblems({ ...version1, reviewDate: '2026-11-24' }, '2026-11-24')).toEqual([{ path: 'reviewDate', message: 'The review date must be in the future' }]);
  });
});
