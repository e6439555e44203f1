import type { OutcomeRecord } from '../../../src-shared/contract';
import { measureChanges, measureLines } from '../../../src-shared/domain/discharge-summary';
import { formatHundredths } from '../../../src-shared/domain/outcome-measures';
import { formatDate } from '../../../src-shared/format';
import { columnHelper, DataTable } from '../../components/DataTable';
import { ons4Keys, ons4Labels, ons4ScoreWords } from '../reviews/outcome-text';
import { measureContextShortLabels } from '../reviews/review-words';

const measureNames: Record<OutcomeRecord['measure'], string> = { ons4: 'ONS4', swemwbs: 'SWEMWBS' };

/** A score in words: each ONS4 answer with its band, or the SWEMWBS raw and metric scores. */
function scoreWords(outcome: OutcomeRecord): string {
  const { ons4, swemwbs } = outcome;
  if (ons4) return ons4Keys.map((key) => `${ons4Labels[key]}: ${ons4ScoreWords(key, ons4[key])}`).join('; ');
  if (swemwbs) return `Metric score ${formatHundredths(swemwbs.metricHundredths)} (raw ${swemwbs.raw} out of 35)`;
  return '';
}

const column = columnHelper<OutcomeRecord>();
const scoreColumns = column.columns([
  column.accessor('takenOn', { header: 'Date', cell: (info) => <span className="app-referral-nowrap">{formatDate(info.getValue())}</span> }),
  column.accessor((outcome) => measureContextShortLabels[outcome.context], { id: 'context', header: 'When' }),
  column.accessor((outcome) => measureNames[outcome.measure], { id: 'measure', header: 'Measure' }),
  column.accessor(scoreWords, { id: 'scores', header: 'Scores' }),
  column.accessor((outcome) => outcome.recordedByName ?? 'Unknown', { id: 'recordedBy', header: 'Recorded by' }),
]);

/**
 * The wellbeing scores recorded for one referral: the change from baseline to follow-up in the
 * words the GP's summary uses, then each score in a table.
 */
export function ReferralScores({ outcomes, referralId }: { outcomes: readonly OutcomeRecord[]; referralId: string }) {
  const mine = outcomes.filter((outcome) => outcome.referralId === referralId);
  if (mine.length === 0) return <p>No wellbeing scores have been recorded for this referral yet.</p>;
  const lines = measureChanges(outcomes, referralId).flatMap(measureLines);
  return (
    <>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <DataTable columns={scoreColumns} data={mine} caption="Scores for this referral, oldest first" captionVisible rowId={(outcome) => outcome.id} />
    </>
  );
}
