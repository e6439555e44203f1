import type { OutcomeRecord } from '../../../src-shared/contract';
import { formatHundredths } from '../../../src-shared/domain/outcome-measures';
import { formatDate } from '../../../src-shared/format';
import { Row, SummaryList } from '../plans/plan-view-document';
import { latestTwo, ons4ChangeWords, ons4Keys, ons4Labels, ons4ScoreWords, swemwbsChangeWords } from './outcome-text';
import { measureContextShortLabels } from './review-words';

const takenWords = (outcome: OutcomeRecord) => `${formatDate(outcome.takenOn)} (${measureContextShortLabels[outcome.context].toLowerCase()})`;

/** The latest ONS4 answers, each with its band and the change since the ONS4 before. */
export function Ons4Latest({ latest, previous }: { latest: OutcomeRecord; previous: OutcomeRecord | null }) {
  const scores = latest.ons4;
  if (!scores) return null;
  const before = previous?.ons4 ?? null;
  return (
    <SummaryList>
      <Row label="Taken">{takenWords(latest)}</Row>
      {ons4Keys.map((key) => (
        <Row label={ons4Labels[key]} key={key}>
          {ons4ScoreWords(key, scores[key])}
          {before ? <span className="app-review-due">Since {formatDate(previous?.takenOn ?? '')}: {ons4ChangeWords(key, before[key], scores[key])}</span> : null}
        </Row>
      ))}
    </SummaryList>
  );
}

/** The latest SWEMWBS: raw and metric scores, and the change in the metric score since the one before. */
export function SwemwbsLatest({ latest, previous }: { latest: OutcomeRecord; previous: OutcomeRecord | null }) {
  const score = latest.swemwbs;
  if (!score) return null;
  const before = previous?.swemwbs ?? null;
  return (
    <SummaryList>
      <Row label="Taken">{takenWords(latest)}</Row>
      <Row label="Raw score">{score.raw} out of 35</Row>
      <Row label="Metric score">
        {formatHundredths(score.metricHundredths)}
        {before ? (
          <span className="app-review-due">
            Since {formatDate(previous?.takenOn ?? '')}: {swemwbsChangeWords(before.metricHundredths, score.metricHundredths)}
          </span>
        ) : null}
      </Row>
    </SummaryList>
  );
}

/** Both measures' latest scores, with the change since the score before; what is missing is said. */
export function WellbeingChanges({ outcomes, headingLevel = 3 }: { outcomes: readonly OutcomeRecord[]; headingLevel?: 2 | 3 }) {
  const ons4 = latestTwo(outcomes, 'ons4');
  const swemwbs = latestTwo(outcomes, 'swemwbs');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading className="nhsuk-heading-s">Personal wellbeing (ONS4)</Heading>
      {ons4.latest ? <Ons4Latest latest={ons4.latest} previous={ons4.previous} /> : <p>No ONS4 scores recorded yet.</p>}
      <Heading className="nhsuk-heading-s">Mental wellbeing (SWEMWBS)</Heading>
      {swemwbs.latest ? <SwemwbsLatest latest={swemwbs.latest} previous={swemwbs.previous} /> : <p>No SWEMWBS scores recorded yet.</p>}
    </>
  );
}
