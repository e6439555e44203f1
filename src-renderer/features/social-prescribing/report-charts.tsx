import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { changeBins, signedWhole } from './report-words';

/*
 * The report's charts. Each is one image to assistive technology, described in words, and the
 * same figures are always in a table under it, which is what a screen reader, a keyboard user or
 * anyone copying the numbers uses. Bars are NHS blue, 4.5:1 against white, and their lengths, not
 * their colour, carry the figures.
 */

const barColour = '#005eb8';
const axisTick = { fill: '#212b32' };

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** Counts as horizontal bars (labels are long), then the same counts as a table. */
export function CountChart({ rows, description, caption, countHeader, labelHeader }: { rows: readonly CountRow[]; description: string; caption: string; countHeader: string; labelHeader: string }) {
  const height = 48 + rows.length * 36;
  return (
    <>
      <div className="app-report-chart" role="img" aria-label={`${description} The figures are in the table below the chart.`} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows.map((row) => ({ ...row }))} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={axisTick} />
            <YAxis type="category" dataKey="label" width={220} tick={axisTick} interval={0} />
            <Tooltip formatter={(value) => [String(value), countHeader]} />
            <Bar dataKey="count" fill={barColour} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <CountTable rows={rows} caption={caption} countHeader={countHeader} labelHeader={labelHeader} />
    </>
  );
}

/** Labelled counts as a table; the label of each row is its header. */
export function CountTable({ rows, caption, countHeader, labelHeader, extra }: { rows: readonly CountRow[]; caption: string; countHeader: string; labelHeader: string; extra?: { header: string; value: (row: CountRow) => number } }) {
  // Two or three short columns fit any window: no scrolling wrapper, which would need a tab stop of its own.
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th className="nhsuk-table__header" scope="col">
            {labelHeader}
          </th>
          <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
            {countHeader}
          </th>
          {extra ? (
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              {extra.header}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) => (
          <tr className="nhsuk-table__row" key={row.key}>
            <th className="nhsuk-table__header app-report-row-header" scope="row">
              {row.label}
            </th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{row.count.toLocaleString('en-GB')}</td>
            {extra ? <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{extra.value(row).toLocaleString('en-GB')}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * How many people changed by how much: a histogram by whole points (zero in the middle of the
 * scale is no change), then the same counts as a table.
 */
export function ChangeHistogram({ changes, measure, rounded }: { changes: readonly number[]; measure: string; rounded: boolean }) {
  const bins = changeBins(changes);
  const description = `Bar chart of how many people's ${measure} score changed by each amount, from ${signedWhole(bins[0]?.change ?? 0)} to ${signedWhole(bins.at(-1)?.change ?? 0)}${rounded ? ' (rounded to whole points)' : ''}. The figures are in the table below the chart.`;
  const changeHeader = rounded ? 'Change (rounded to a whole point)' : 'Change';
  return (
    <>
      <div className="app-report-chart" role="img" aria-label={description} style={{ height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bins.map((bin) => ({ label: signedWhole(bin.change), people: bin.people }))} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={axisTick} interval={0} />
            <YAxis allowDecimals={false} tick={axisTick} width={40} />
            <Tooltip formatter={(value) => [String(value), 'People']} />
            <Bar dataKey="people" fill={barColour} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <CountTable
        rows={bins.map((bin) => ({ key: String(bin.change), label: signedWhole(bin.change), count: bin.people }))}
        caption={`How much each person's ${measure} score changed`}
        labelHeader={changeHeader}
        countHeader="People"
      />
    </>
  );
}
