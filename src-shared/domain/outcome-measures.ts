/**
 * Outcome measures used in reviews and social prescribing, with their published wording and
 * scoring. Scores are whole numbers; the SWEMWBS metric score is kept in hundredths (2154 is
 * 21.54) so nothing depends on floating point.
 */

/** ONS4 personal wellbeing (Office for National Statistics): four questions, each 0–10. */
export const ons4Questions = [
  { key: 'lifeSatisfaction', shortLabel: 'Life satisfaction', text: 'Overall, how satisfied are you with your life nowadays?', higherIsBetter: true },
  { key: 'worthwhile', shortLabel: 'Feeling things are worthwhile', text: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?', higherIsBetter: true },
  { key: 'happiness', shortLabel: 'Happiness', text: 'Overall, how happy did you feel yesterday?', higherIsBetter: true },
  { key: 'anxiety', shortLabel: 'Anxiety', text: 'On a scale where 0 is "not at all anxious" and 10 is "completely anxious", overall, how anxious did you feel yesterday?', higherIsBetter: false },
] as const;
export type Ons4Key = (typeof ons4Questions)[number]['key'];
export type Ons4Answers = Record<Ons4Key, number>;
export const ons4ScaleWording = 'Answer on a scale of 0 to 10, where 0 is "not at all" and 10 is "completely".';

export type Ons4Band = 'low' | 'medium' | 'high' | 'very high';
export type Ons4AnxietyBand = 'very low' | 'low' | 'medium' | 'high';

/** The ONS's thresholds: for the three positive questions 0–4 low, 5–6 medium, 7–8 high, 9–10 very high. */
export function ons4Band(score: number): Ons4Band {
  if (score <= 4) return 'low';
  if (score <= 6) return 'medium';
  if (score <= 8) return 'high';
  return 'very high';
}

/** Anxiety is better when lower: 0–1 very low, 2–3 low, 4–5 medium, 6–10 high. */
export function ons4AnxietyBand(score: number): Ons4AnxietyBand {
  if (score <= 1) return 'very low';
  if (score <= 3) return 'low';
  if (score <= 5) return 'medium';
  return 'high';
}

export function isOns4Score(score: number): boolean {
  return Number.isInteger(score) && score >= 0 && score <= 10;
}

/**
 * A change between two ONS4 answers, as "better", "worse" or "no change" for the person: a fall
 * in anxiety is better, a fall in the others worse.
 */
export function ons4Change(key: Ons4Key, before: number, after: number): { difference: number; direction: 'better' | 'worse' | 'no change' } {
  const difference = after - before;
  const higherIsBetter = ons4Questions.find((q) => q.key === key)?.higherIsBetter ?? true;
  if (difference === 0) return { difference, direction: 'no change' };
  return { difference, direction: (difference > 0) === higherIsBetter ? 'better' : 'worse' };
}

/** SWEMWBS (Short Warwick–Edinburgh Mental Wellbeing Scale): seven statements, each 1–5. */
export const swemwbsIntroduction = 'Below are some statements about feelings and thoughts. Please tick the box that best describes your experience of each over the last 2 weeks.';
export const swemwbsStatements = [
  "I've been feeling optimistic about the future",
  "I've been feeling useful",
  "I've been feeling relaxed",
  "I've been dealing with problems well",
  "I've been thinking clearly",
  "I've been feeling close to other people",
  "I've been able to make up my own mind about things",
] as const;
export const swemwbsResponses = ['None of the time', 'Rarely', 'Some of the time', 'Often', 'All of the time'] as const;

/** The published raw → metric conversion (Rasch), raw 7 to 35, in hundredths. */
const swemwbsMetricHundredths = [
  700, 951, 1125, 1240, 1333, 1408, 1475, 1532, 1584, 1636, 1688, 1743, 1798, 1859, 1925, 1998, 2073, 2154, 2235, 2321, 2411, 2503, 2602, 2703, 2813, 2931,
  3070, 3255, 3500,
] as const;

export function isSwemwbsItem(score: number): boolean {
  return Number.isInteger(score) && score >= 1 && score <= 5;
}

/** Raw score (7–35) and metric score in hundredths; throws unless there are seven items of 1–5. */
export function swemwbsScore(items: readonly number[]): { raw: number; metricHundredths: number } {
  if (items.length !== swemwbsStatements.length || !items.every(isSwemwbsItem)) {
    throw new RangeError('SWEMWBS needs an answer of 1 to 5 for each of its seven statements');
  }
  const raw = items.reduce((sum, item) => sum + item, 0);
  return { raw, metricHundredths: swemwbsMetricHundredths[raw - 7]! };
}

/** 2154 → "21.54"; −50 → "−0.50" (a change can be negative). */
export function formatHundredths(hundredths: number): string {
  const whole = Math.abs(hundredths);
  return `${hundredths < 0 ? '−' : ''}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}
