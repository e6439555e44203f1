import type { OutcomeRecord } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { formatHundredths, ons4AnxietyBand, ons4Band, ons4Change, ons4Questions, type Ons4Key } from '../../../src-shared/domain/outcome-measures';

/**
 * Outcome measure scores in words: bands, and the change since the score before, always said as
 * better or worse for the person (a fall in anxiety is better), so nothing rests on colour or on
 * knowing which way a scale runs.
 */

export const ons4Labels: Record<Ons4Key, string> = {
  lifeSatisfaction: 'Life satisfaction',
  worthwhile: 'Things they do are worthwhile',
  happiness: 'Happiness yesterday',
  anxiety: 'Anxiety yesterday',
};

export const ons4Keys: readonly Ons4Key[] = ons4Questions.map((question) => question.key);

export type Ons4Scores = Record<Ons4Key, number>;

/** "7, high" or, for anxiety, "2, low". */
export function ons4ScoreWords(key: Ons4Key, score: number): string {
  return `${score}, ${key === 'anxiety' ? ons4AnxietyBand(score) : ons4Band(score)}`;
}

const signed = (difference: number) => (difference > 0 ? `up ${difference}` : `down ${-difference}`);

/** "up 2, better", "down 3, better" (anxiety), "no change". */
export function ons4ChangeWords(key: Ons4Key, before: number, after: number): string {
  const change = ons4Change(key, before, after);
  return change.direction === 'no change' ? 'no change' : `${signed(change.difference)}, ${change.direction}`;
}

/** SWEMWBS is better when higher: "up 2.13, better", "down 0.50, worse", "no change". */
export function swemwbsChangeWords(beforeHundredths: number, afterHundredths: number): string {
  const difference = afterHundredths - beforeHundredths;
  if (difference === 0) return 'no change';
  return difference > 0 ? `up ${formatHundredths(difference)}, better` : `down ${formatHundredths(-difference)}, worse`;
}

/** The latest score of a measure and the one before it, in the order they were taken. */
export function latestTwo(outcomes: readonly OutcomeRecord[], measure: OutcomeRecord['measure']): { latest: OutcomeRecord | null; previous: OutcomeRecord | null } {
  const scores = outcomes.filter((outcome) => outcome.measure === measure);
  return { latest: scores.at(-1) ?? null, previous: scores.at(-2) ?? null };
}

/** The score before this one of the same measure, if any (outcomes in the order they were taken). */
export function scoreBefore(outcomes: readonly OutcomeRecord[], outcome: OutcomeRecord): OutcomeRecord | null {
  const scores = outcomes.filter((o) => o.measure === outcome.measure);
  const index = scores.findIndex((o) => o.id === outcome.id);
  return index > 0 ? (scores[index - 1] ?? null) : null;
}

/** What was recorded, in words, with the change since the score before when there is one. */
export function recordedSentence(outcome: OutcomeRecord, before: OutcomeRecord | null): string {
  const taken = formatDate(outcome.takenOn);
  if (outcome.ons4) {
    const scores = outcome.ons4;
    const now = ons4Keys.map((key) => `${ons4Labels[key].toLowerCase()} ${ons4ScoreWords(key, scores[key])}`).join('; ');
    const earlier = before?.ons4;
    const change = earlier ? ` Since ${formatDate(before.takenOn)}: ${ons4Keys.map((key) => `${ons4Labels[key].toLowerCase()} ${ons4ChangeWords(key, earlier[key], scores[key])}`).join('; ')}.` : '';
    return `ONS4 recorded for ${taken}: ${now}.${change}`;
  }
  if (outcome.swemwbs) {
    const score = outcome.swemwbs;
    const earlier = before?.swemwbs;
    const change = earlier ? ` Since ${formatDate(before.takenOn)}: ${swemwbsChangeWords(earlier.metricHundredths, score.metricHundredths)}.` : '';
    return `SWEMWBS recorded for ${taken}: raw score ${score.raw} out of 35, metric score ${formatHundredths(score.metricHundredths)}.${change}`;
  }
  return `Recorded for ${taken}.`;
}
