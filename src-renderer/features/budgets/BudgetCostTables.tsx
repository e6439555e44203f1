import type { ReactNode } from 'react';
import { funderLabels, holdingKinds, type Budget, type HoldingKind } from '../../../src-shared/contract';
import type { BudgetTotals, PeriodCosts } from '../../../src-shared/domain/budget-costs';
import { formatPence } from '../../../src-shared/format';
import { TableScroll } from '../../components/TableScroll';

/** How each way of holding the money is named in a table. */
export const holdingKindNames: Record<HoldingKind, string> = {
  notional: 'Notional (held by the NHS)',
  'third-party': 'Held by a third party',
  'direct-payment': 'Direct payment',
};

/** "Part 1: NHS Continuing Healthcare" */
export function partName(budget: Pick<Budget, 'parts'>, partId: string): string {
  const index = budget.parts.findIndex((part) => part.id === partId);
  const part = budget.parts[index];
  return part ? `Part ${index + 1}: ${funderLabels[part.funder]}` : 'No funding part';
}

function CostsTable({ caption, heading, rows }: { caption: string; heading: string; rows: { key: string; name: ReactNode; costs: PeriodCosts }[] }) {
  return (
    <TableScroll label={caption}>
      <table className="nhsuk-table app-budget-costs">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              {heading}
            </th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              A week
            </th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              A month
            </th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              A year
            </th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              One-off
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.key}>
              <th className="nhsuk-table__header" scope="row">
                {row.name}
              </th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(row.costs.week)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(row.costs.month)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(row.costs.year)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(row.costs.oneOff)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * What the support costs a week, a month and a year, and once, by funding part and by way of
 * holding the money. Every figure comes from budgetTotals, in whole pence.
 */
export function BudgetCostTables({ budget, totals }: { budget: Budget; totals: BudgetTotals }) {
  const partRows = budget.parts.map((part) => ({ key: part.id, name: partName(budget, part.id), costs: totals.byPart.get(part.id) ?? { week: 0, month: 0, year: 0, oneOff: 0 } }));
  const holdingRows = holdingKinds.flatMap((kind) => {
    const costs = totals.byHolding.get(kind);
    return costs ? [{ key: kind, name: holdingKindNames[kind], costs }] : [];
  });
  return (
    <>
      <CostsTable
        caption="By funding part"
        heading="Funding part"
        rows={[...partRows, { key: 'all', name: <strong>All support</strong>, costs: totals.total }]}
      />
      {holdingRows.length > 0 ? <CostsTable caption="By way of holding the money" heading="How it is held" rows={holdingRows} /> : null}
    </>
  );
}
