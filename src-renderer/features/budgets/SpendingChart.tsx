import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TableScroll } from '../../components/TableScroll';
import type { MonthlyPlannedActual } from '../../../src-shared/contract';
import { formatPence } from '../../../src-shared/format';
import { differenceWords, formatAxisPence, formatMonth, formatShortMonth } from './budget-format';

/** NHS.UK colours: planned as an outline, actual solid, so the two differ in shape as well as colour. */
const plannedColour = '#4c6272';
const actualColour = '#005eb8';

const sum = (months: readonly MonthlyPlannedActual[], pick: (month: MonthlyPlannedActual) => number) => months.reduce((total, month) => total + pick(month), 0);

/**
 * Planned against actual spending for each month of the budget year. The chart is one image to
 * assistive technology, described in words; the same figures are in a table under it.
 */
export function SpendingChart({ months }: { months: readonly MonthlyPlannedActual[] }) {
  const first = months[0];
  const last = months.at(-1);
  const planned = sum(months, (month) => month.plannedPence);
  const actual = sum(months, (month) => month.actualPence);
  const description =
    first && last
      ? `Bar chart of planned and actual spending each month, ${formatMonth(first.month)} to ${formatMonth(last.month)}: ${formatPence(planned)} planned over the year and ${formatPence(actual)} spent so far. The figures are in the table below the chart.`
      : 'Bar chart of planned and actual spending each month.';
  const data = months.map((month) => ({ label: formatShortMonth(month.month), name: formatMonth(month.month), planned: month.plannedPence, actual: month.actualPence }));
  return (
    <>
      <div className="app-budget-chart-figure" role="img" aria-label={description}>
        <ul className="app-budget-chart__legend" aria-hidden="true">
          <li>
            <span className="app-budget-chart__swatch app-budget-chart__swatch--planned" />
            Planned
          </li>
          <li>
            <span className="app-budget-chart__swatch app-budget-chart__swatch--actual" />
            Actual
          </li>
        </ul>
        <div className="app-budget-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fill: '#212b32' }} />
              <YAxis tickFormatter={formatAxisPence} tick={{ fill: '#212b32' }} width={88} allowDecimals={false} />
              <Tooltip
                formatter={(value, name) => [typeof value === 'number' ? formatPence(value) : String(value), name === 'planned' ? 'Planned' : 'Actual']}
                labelFormatter={(_label, payload) => {
                  const entry: unknown = payload[0]?.payload;
                  return entry && typeof entry === 'object' && 'name' in entry && typeof entry.name === 'string' ? entry.name : '';
                }}
              />
              <Bar dataKey="planned" name="planned" fill="#ffffff" stroke={plannedColour} strokeWidth={2} isAnimationActive={false} />
              <Bar dataKey="actual" name="actual" fill={actualColour} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the chart as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <TableScroll label="Planned and actual spending by month">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">Planned and actual spending by month</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="col">
                    Month
                  </th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Planned
                  </th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Actual
                  </th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Difference
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {months.map((month) => (
                  <tr className="nhsuk-table__row" key={month.month}>
                    <th className="nhsuk-table__header" scope="row">
                      {formatMonth(month.month)}
                    </th>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(month.plannedPence)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(month.actualPence)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{differenceWords(month.actualPence - month.plannedPence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      </details>
    </>
  );
}
