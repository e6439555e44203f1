import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OutcomeRecord } from '../../../src-shared/contract';
import { formatHundredths, type Ons4Key } from '../../../src-shared/domain/outcome-measures';
import { formatDate } from '../../../src-shared/format';
import { columnHelper, DataTable } from '../../components/DataTable';
import { ons4Keys, ons4Labels, ons4ScoreWords, scoreBefore, swemwbsChangeWords } from './outcome-text';
import { measureContextShortLabels } from './review-words';

/*
 * Each person's scores over time: a line chart per measure, which is one image to assistive
 * technology described in words, and the same scores in a table under it. Lines differ in dash
 * as well as colour (NHS.UK colours, each 3:1 or more against white), so colour is never the
 * only way to tell them apart.
 */

const ons4Lines: Record<Ons4Key, { colour: string; dash: string }> = {
  lifeSatisfaction: { colour: '#005eb8', dash: '' },
  worthwhile: { colour: '#007f3b', dash: '8 4' },
  happiness: { colour: '#330072', dash: '2 4' },
  anxiety: { colour: '#d5281b', dash: '12 4 2 4' },
};
const swemwbsLine = { colour: '#005eb8', dash: '' };

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' });
function axisDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return year && month && day ? shortDate.format(new Date(Date.UTC(year, month - 1, day))) : isoDate;
}

/** A short line in the legend, drawn as the chart draws it. */
function LegendLine({ colour, dash }: { colour: string; dash: string }) {
  return (
    <svg width="40" height="12" aria-hidden="true" focusable="false">
      <line x1="0" y1="6" x2="40" y2="6" stroke={colour} strokeWidth="3" strokeDasharray={dash || undefined} />
    </svg>
  );
}

const chartAxisTick = { fill: '#212b32' };

function tooltipLabel(_label: unknown, payload: readonly { payload?: unknown }[]): string {
  const entry = payload[0]?.payload;
  return entry && typeof entry === 'object' && 'name' in entry && typeof entry.name === 'string' ? entry.name : '';
}

function span(outcomes: readonly OutcomeRecord[]): string {
  const first = outcomes[0];
  const last = outcomes.at(-1);
  if (!first || !last) return '';
  const times = outcomes.length === 1 ? 'one set of answers' : `${outcomes.length} sets of answers`;
  return first.takenOn === last.takenOn ? `on ${formatDate(first.takenOn)}, ${times}` : `from ${formatDate(first.takenOn)} to ${formatDate(last.takenOn)}, ${times}`;
}

export function Ons4Chart({ outcomes }: { outcomes: readonly OutcomeRecord[] }) {
  const latest = outcomes.at(-1)?.ons4;
  const description = `Line chart of ONS4 personal wellbeing scores, 0 to 10, ${span(outcomes)}.${
    latest ? ` Latest: ${ons4Keys.map((key) => `${ons4Labels[key].toLowerCase()} ${latest[key]}`).join(', ')}.` : ''
  } Higher is better, except anxiety, where lower is better. The scores are in the table below the chart.`;
  const data = outcomes.flatMap((outcome) => (outcome.ons4 ? [{ label: axisDate(outcome.takenOn), name: formatDate(outcome.takenOn), ...outcome.ons4 }] : []));
  return (
    <div role="img" aria-label={description}>
      <ul className="app-outcome-chart__legend" aria-hidden="true">
        {ons4Keys.map((key) => (
          <li key={key}>
            <LegendLine {...ons4Lines[key]} />
            {ons4Labels[key]}
          </li>
        ))}
      </ul>
      <div className="app-outcome-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={chartAxisTick} />
            <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} allowDecimals={false} tick={chartAxisTick} width={40} />
            <Tooltip formatter={(value, name) => [String(value), typeof name === 'string' && name in ons4Labels ? ons4Labels[name as Ons4Key] : String(name)]} labelFormatter={tooltipLabel} />
            {ons4Keys.map((key) => (
              <Line
                key={key}
                type="linear"
                dataKey={key}
                name={key}
                stroke={ons4Lines[key].colour}
                strokeWidth={3}
                strokeDasharray={ons4Lines[key].dash || undefined}
                dot={{ r: 4, fill: ons4Lines[key].colour }}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export function SwemwbsChart({ outcomes }: { outcomes: readonly OutcomeRecord[] }) {
  const latest = outcomes.at(-1)?.swemwbs;
  const description = `Line chart of SWEMWBS metric scores, 7 to 35, ${span(outcomes)}.${
    latest ? ` Latest: ${formatHundredths(latest.metricHundredths)}.` : ''
  } Higher is better. The scores are in the table below the chart.`;
  // Plotted in hundredths, as kept: the axis and tooltip show them as scores.
  const data = outcomes.flatMap((outcome) => (outcome.swemwbs ? [{ label: axisDate(outcome.takenOn), name: formatDate(outcome.takenOn), metric: outcome.swemwbs.metricHundredths }] : []));
  return (
    <div role="img" aria-label={description}>
      <ul className="app-outcome-chart__legend" aria-hidden="true">
        <li>
          <LegendLine {...swemwbsLine} />
          Metric score
        </li>
      </ul>
      <div className="app-outcome-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={chartAxisTick} />
            <YAxis domain={[700, 3500]} ticks={[700, 1400, 2100, 2800, 3500]} tickFormatter={(value: number) => formatHundredths(value)} tick={chartAxisTick} width={56} />
            <Tooltip formatter={(value) => [typeof value === 'number' ? formatHundredths(value) : String(value), 'Metric score']} labelFormatter={tooltipLabel} />
            <Line type="linear" dataKey="metric" name="metric" stroke={swemwbsLine.colour} strokeWidth={3} dot={{ r: 4, fill: swemwbsLine.colour }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

interface HistoryRow {
  outcome: OutcomeRecord;
  before: OutcomeRecord | null;
}

const ons4Column = columnHelper<HistoryRow>();
const ons4Columns = ons4Column.columns([
  ons4Column.accessor((row) => row.outcome.takenOn, { id: 'takenOn', header: 'Date', cell: (info) => <span className="app-review-nowrap">{formatDate(info.getValue())}</span> }),
  ons4Column.accessor((row) => measureContextShortLabels[row.outcome.context], { id: 'context', header: 'When' }),
  ...ons4Keys.map((key) =>
    ons4Column.accessor((row) => (row.outcome.ons4 ? ons4ScoreWords(key, row.outcome.ons4[key]) : ''), { id: key, header: ons4Labels[key] }),
  ),
  ons4Column.accessor((row) => row.outcome.recordedByName ?? 'Unknown', { id: 'recordedBy', header: 'Recorded by' }),
]);

const swemwbsColumn = columnHelper<HistoryRow>();
const swemwbsColumns = swemwbsColumn.columns([
  swemwbsColumn.accessor((row) => row.outcome.takenOn, { id: 'takenOn', header: 'Date', cell: (info) => <span className="app-review-nowrap">{formatDate(info.getValue())}</span> }),
  swemwbsColumn.accessor((row) => measureContextShortLabels[row.outcome.context], { id: 'context', header: 'When' }),
  swemwbsColumn.accessor((row) => (row.outcome.swemwbs ? `${row.outcome.swemwbs.raw} out of 35` : ''), { id: 'raw', header: 'Raw score' }),
  swemwbsColumn.accessor((row) => (row.outcome.swemwbs ? formatHundredths(row.outcome.swemwbs.metricHundredths) : ''), { id: 'metric', header: 'Metric score' }),
  swemwbsColumn.accessor(
    (row) => (row.outcome.swemwbs && row.before?.swemwbs ? swemwbsChangeWords(row.before.swemwbs.metricHundredths, row.outcome.swemwbs.metricHundredths) : 'First score'),
    { id: 'change', header: 'Change since the score before' },
  ),
  swemwbsColumn.accessor((row) => row.outcome.recordedByName ?? 'Unknown', { id: 'recordedBy', header: 'Recorded by' }),
]);

/** One measure's scores over time: the chart, then the table of the same scores. */
export function MeasureHistory({ measure, outcomes }: { measure: OutcomeRecord['measure']; outcomes: readonly OutcomeRecord[] }) {
  const scores = outcomes.filter((outcome) => outcome.measure === measure);
  if (scores.length === 0) return <p>None recorded yet.</p>;
  const rows = scores.map((outcome) => ({ outcome, before: scoreBefore(scores, outcome) }));
  return (
    <>
      {measure === 'ons4' ? <Ons4Chart outcomes={scores} /> : <SwemwbsChart outcomes={scores} />}
      <DataTable
        columns={measure === 'ons4' ? ons4Columns : swemwbsColumns}
        data={rows}
        caption={measure === 'ons4' ? 'ONS4 scores, oldest first' : 'SWEMWBS scores, oldest first'}
        captionVisible
        rowId={(row) => row.outcome.id}
      />
    </>
  );
}
