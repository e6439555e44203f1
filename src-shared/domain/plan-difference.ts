import { diffWordsWithSpace } from 'diff';
import {
  planTextSectionLabels,
  planTextSections,
  type PlanAction,
  type PlanContent,
  type PlanGoal,
  type PlanRisk,
  type PlanTextSection,
} from '../contract/plans';

/** A run of words: in both versions, only in the later one, or only in the earlier one. */
export interface WordRun {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface TextDifference {
  label: string;
  before: string;
  after: string;
  words: WordRun[];
}

export interface FieldDifference extends TextDifference {
  field: string;
}

export type ItemDifference<Item> =
  | { change: 'added'; after: Item }
  | { change: 'removed'; before: Item }
  | { change: 'changed'; before: Item; after: Item; fields: FieldDifference[] }
  | { change: 'same'; before: Item; after: Item };

/** What changed between two versions of a plan, for people to read side by side. */
export interface PlanDifference {
  sections: (TextDifference & { section: PlanTextSection; changed: boolean })[];
  goals: ItemDifference<PlanGoal>[];
  actions: ItemDifference<PlanAction>[];
  risks: ItemDifference<PlanRisk>[];
  reviewDate: { before: string; after: string; changed: boolean };
  /** Nothing at all differs. */
  same: boolean;
}

/**
 * Word runs to read: a change of several words shows as one removed phrase and one added phrase,
 * not word-by-word fragments split at each shared space. Spaces are tokens (diffWordsWithSpace),
 * so the runs rebuild both texts exactly (a property test checks).
 */
function wordRuns(before: string, after: string): WordRun[] {
  const runs: WordRun[] = [];
  let removed = '';
  let added = '';
  let bridge = '';
  const flush = () => {
    if (removed) runs.push({ text: removed, change: 'removed' });
    if (added) runs.push({ text: added, change: 'added' });
    removed = '';
    added = '';
  };
  for (const part of diffWordsWithSpace(before, after)) {
    if (part.added || part.removed) {
      // A space both texts share, between two changed words, belongs to both phrases.
      if (bridge) {
        removed += bridge;
        added += bridge;
        bridge = '';
      }
      if (part.added) added += part.value;
      else removed += part.value;
    } else if (/^\s+$/.test(part.value) && (removed || added)) {
      bridge += part.value;
    } else {
      flush();
      runs.push({ text: bridge + part.value, change: 'same' });
      bridge = '';
    }
  }
  flush();
  if (bridge) runs.push({ text: bridge, change: 'same' });
  return runs;
}

function textDifference(label: string, before: string, after: string): TextDifference {
  return { label, before, after, words: wordRuns(before, after) };
}

const goalFields: Record<Exclude<keyof PlanGoal, 'id'>, string> = {
  outcome: 'What I want to achieve',
  howWeWillKnow: 'How we will know',
  byWhen: 'By when',
  steps: 'Steps and who helps',
  linkedNeeds: 'Linked needs',
};
const actionFields: Record<Exclude<keyof PlanAction, 'id'>, string> = { action: 'What will be done', who: 'Who', when: 'When' };
const riskFields: Record<Exclude<keyof PlanRisk, 'id'>, string> = { risk: 'Risk', management: 'How we manage it' };

/**
 * Items are matched by their id, which a new version keeps from the one it was started from, so a
 * goal reworded is "changed", not "removed and added". Order: the later version's, then removals.
 */
function itemDifferences<Item extends { id: string }>(
  before: readonly Item[],
  after: readonly Item[],
  fields: Record<Exclude<keyof Item, 'id'>, string>,
): ItemDifference<Item>[] {
  const earlier = new Map(before.map((item) => [item.id, item]));
  const laterIds = new Set(after.map((item) => item.id));
  const differences: ItemDifference<Item>[] = after.map((item) => {
    const previous = earlier.get(item.id);
    if (!previous) return { change: 'added', after: item };
    const changed = (Object.entries(fields) as [keyof Item & string, string][])
      .filter(([field]) => previous[field] !== item[field])
      .map(([field, label]) => ({ field, ...textDifference(label, String(previous[field]), String(item[field])) }));
    return changed.length === 0 ? { change: 'same', before: previous, after: item } : { change: 'changed', before: previous, after: item, fields: changed };
  });
  for (const item of before) if (!laterIds.has(item.id)) differences.push({ change: 'removed', before: item });
  return differences;
}

/** Conversation notes are working material, not the plan, so they are left out of the difference. */
export function planDifference(before: PlanContent, after: PlanContent): PlanDifference {
  const sections = planTextSections.map((section) => ({
    section,
    changed: before[section] !== after[section],
    ...textDifference(planTextSectionLabels[section], before[section], after[section]),
  }));
  const goals = itemDifferences(before.goals, after.goals, goalFields);
  const actions = itemDifferences(before.actions, after.actions, actionFields);
  const risks = itemDifferences(before.risks, after.risks, riskFields);
  const reviewDate = { before: before.reviewDate, after: after.reviewDate, changed: before.reviewDate !== after.reviewDate };
  const same =
    sections.every((s) => !s.changed) &&
    [...goals, ...actions, ...risks].every((d) => d.change === 'same') &&
    !reviewDate.changed;
  return { sections, goals, actions, risks, reviewDate, same };
}

/**
 * What must be in a plan before it can be agreed, as messages by the field. The main process
 * refuses an agreement that has any; the screen shows the same words.
 */
export function planAgreementProblems(content: PlanContent, today: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (content.whatMatters === '') problems.push({ path: 'whatMatters', message: 'Write what matters to them before the plan is agreed' });
  if (content.goals.length === 0) problems.push({ path: 'goals', message: 'Add at least one goal before the plan is agreed' });
  if (content.reviewDate === '') problems.push({ path: 'reviewDate', message: 'Set a review date before the plan is agreed' });
  else if (content.reviewDate <= today) problems.push({ path: 'reviewDate', message: 'The review date must be in the future' });
  return problems;
}
