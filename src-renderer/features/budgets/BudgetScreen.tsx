import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { BudgetAlert, BudgetSummary, Spend } from '../../../src-shared/contract';
import { effectiveHolding, fundersSentence, holdingSentence } from '../../../src-shared/domain/budget-costs';
import { formatDate, formatPence } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { columnHelper, DataTable } from '../../components/DataTable';
import { TableScroll } from '../../components/TableScroll';
import type { SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import { Row, SummaryList } from '../plans/plan-view-document';
import { planHref } from '../plans/plan-view-links';
import { Loading, PlanPage } from '../plans/plan-view-page';
import { differenceWords } from './budget-format';
import { budgetEditorHref } from './budget-links';
import { MonitoringForm } from './MonitoringForm';
import { receiptObjectUrl } from './receipt-file';
import { ReceiptViewer, type OpenReceipt } from './ReceiptViewer';
import { RecordPaymentForm } from './RecordPaymentForm';
import { SpendingChart } from './SpendingChart';
import './budgets.scss';

const title = 'Personal health budget';

const alertHeadings: Record<BudgetAlert['kind'], string> = {
  overspend: 'Overspending',
  underspend: 'Unspent money is building up',
  'monitoring-due': 'Direct payment monitoring is due',
};

interface SpendRow {
  spend: Spend;
  item: string;
  /** Opens the receipt, when the payment has one. */
  viewReceipt: (() => void) | null;
}

const receiptButtonId = (spendId: string) => `receipt-${spendId}`;

const column = columnHelper<SpendRow>();
const spendColumns = column.columns([
  column.accessor((row) => row.spend.spentOn, { id: 'date', header: 'Date', cell: (info) => <span className="app-budget-nowrap">{formatDate(info.getValue())}</span> }),
  column.accessor('item', { header: 'Support' }),
  column.accessor((row) => row.spend.payee, { id: 'payee', header: 'Paid to' }),
  column.accessor((row) => row.spend.reference, { id: 'reference', header: 'Reference' }),
  column.accessor((row) => row.spend.amountPence, { id: 'amount', header: 'Amount', cell: (info) => formatPence(info.getValue()) }),
  column.display({
    id: 'receipt',
    header: 'Receipt',
    cell: ({ row }) => {
      const { spend, viewReceipt } = row.original;
      return viewReceipt && spend.receipt ? (
        <button type="button" id={receiptButtonId(spend.id)} className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0 app-budget-nowrap" onClick={viewReceipt}>
          View receipt<span className="nhsuk-u-visually-hidden"> {spend.receipt.name} for {formatPence(spend.amountPence)} on {formatDate(spend.spentOn)}</span>
        </button>
      ) : (
        'None'
      );
    },
  }),
]);

/**
 * The agreed personal health budget in use: how the money is held, this budget year's spending
 * against the plan (with a chart, and the same figures as tables), alerts, the payments with their
 * receipts, and recording payments and direct payment monitoring.
 */
export function BudgetScreen() {
  const { person } = usePersonRecord();
  const canWrite = useCan()('people:write');
  const [summary, setSummary] = useState<BudgetSummary | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ about: 'payment' | 'monitoring'; text: string } | null>(null);
  const [receipt, setReceipt] = useState<OpenReceipt | null>(null);
  const [formErrors, setFormErrors] = useState<{ payment: SummaryError[]; monitoring: SummaryError[] }>({ payment: [], monitoring: [] });
  const receiptUrl = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('budgets.summary', { personId: person.id }).then((result) => {
      if (!live) return;
      if (result.ok) setSummary(result.value);
      else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [person.id]);

  // A receipt's object URL holds the file in memory until it is revoked.
  useEffect(
    () => () => {
      if (receiptUrl.current) URL.revokeObjectURL(receiptUrl.current);
    },
    [],
  );

  /** Closes the open receipt; focus goes back to the button that opened it, if asked. */
  const closeReceipt = useCallback((focusSpendId?: string) => {
    if (receiptUrl.current) URL.revokeObjectURL(receiptUrl.current);
    receiptUrl.current = null;
    setReceipt(null);
    if (focusSpendId) setTimeout(() => document.getElementById(receiptButtonId(focusSpendId))?.focus(), 0);
  }, []);

  const viewReceipt = useCallback(
    async (spend: Spend) => {
      setMessage(null);
      const result = await invoke('budgets.receipt', { spendId: spend.id });
      if (!result.ok) {
        setMessage(result.error.message);
        return;
      }
      closeReceipt();
      const url = receiptObjectUrl(result.value);
      receiptUrl.current = url;
      setReceipt({ spend, name: result.value.name, type: result.value.type, url });
    },
    [closeReceipt],
  );

  const rows = useMemo<SpendRow[]>(() => {
    if (!summary) return [];
    const descriptions = new Map(summary.budget.items.map((item) => [item.id, item.description]));
    return summary.spends.map((spend) => ({
      spend,
      item: descriptions.get(spend.itemId) ?? 'Support no longer in the budget',
      viewReceipt: spend.receipt ? () => void viewReceipt(spend) : null,
    }));
  }, [summary, viewReceipt]);

  const paymentErrors = useCallback((errors: SummaryError[]) => setFormErrors((all) => ({ ...all, payment: errors })), []);
  const monitoringErrors = useCallback((errors: SummaryError[]) => setFormErrors((all) => ({ ...all, monitoring: errors })), []);
  const recorded = (about: 'payment' | 'monitoring') => (updated: BudgetSummary, text: string) => {
    setSummary(updated);
    setNotice({ about, text });
  };

  const errors: SummaryError[] = [
    ...[loadError, message].filter((text): text is string => Boolean(text)).map((text) => ({ message: text })),
    ...formErrors.payment,
    ...formErrors.monitoring,
  ];
  const back = { href: personHref(person.id), text: `Back to ${personName(person)}'s record` };

  if (summary === undefined) {
    return (
      <PlanPage title={title} back={back} errors={errors}>
        {loadError ? null : <Loading what="Opening their budget…" />}
      </PlanPage>
    );
  }
  if (summary === null) {
    return (
      <PlanPage title={title} back={back} errors={errors}>
        <p>There is no agreed personal health budget for {personName(person)}.</p>
        <p>A budget is planned as part of their care and support plan, and agreed when the plan is agreed. Spending is recorded here once it is.</p>
        <ul className="nhsuk-list">
          <li>
            <Link href={planHref(person.id)}>Go to {person.givenName}&apos;s plan</Link>
          </li>
          {canWrite ? (
            <li>
              <Link href={budgetEditorHref(person.id)}>Plan a budget in the draft plan</Link>
            </li>
          ) : null}
        </ul>
      </PlanPage>
    );
  }

  const { budget } = summary;
  const funders = fundersSentence(budget);
  const hasDirectPayment = [...budget.parts.map((part) => part.holding), ...budget.items.map((item) => effectiveHolding(item, budget.parts))].some(
    (holding) => holding?.kind === 'direct-payment',
  );
  const itemDescriptions = new Map(budget.items.map((item) => [item.id, item.description]));

  return (
    <PlanPage title={title} back={back} errors={errors}>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p className="nhsuk-body-l">{holdingSentence(budget)}</p>
          {summary.alerts.map((alert) => (
            <div className="nhsuk-warning-callout" key={alert.kind}>
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  {alertHeadings[alert.kind]}
                </span>
              </h2>
              <p>{alert.message}</p>
            </div>
          ))}
          <SummaryList>
            {funders ? <Row label="Funded by">{funders}</Row> : null}
            <Row label="Agreed amount">{budget.agreedPence === null ? 'Not recorded' : `${formatPence(budget.agreedPence)} a year`}</Row>
            <Row label="Indicative amount">
              {budget.indicativePence === null ? (
                'Not recorded'
              ) : (
                <>
                  {formatPence(budget.indicativePence)} a year
                  {budget.indicativeSetBy ? `, set by ${budget.indicativeSetBy}` : ''}
                  {budget.indicativeMethod ? <span className="nhsuk-u-secondary-text-colour">. How: {budget.indicativeMethod}</span> : null}
                </>
              )}
            </Row>
            <Row label="This budget year">
              {formatDate(summary.periodStart)} to {formatDate(summary.periodEnd)}
            </Row>
            <Row label="Agreed with">
              <Link href={planHref(person.id)}>Version {summary.planVersion} of their care and support plan</Link>
            </Row>
          </SummaryList>

          <h2>This budget year so far</h2>
          <SummaryList>
            <Row label="Planned by now">{formatPence(summary.plannedToDatePence)}</Row>
            <Row label="Spent">{formatPence(summary.spentPence)}</Row>
            <Row label="Balance">
              {formatPence(summary.balancePence)}
              {summary.balancePence < 0 ? ' (overspent)' : ''}
              <span className="nhsuk-u-secondary-text-colour"> ({budget.agreedPence === null ? 'the yearly cost of the support' : 'the agreed amount'} less what has been spent this year)</span>
            </Row>
          </SummaryList>
        </div>
      </div>

      <h2>Planned and actual spending by month</h2>
      <SpendingChart months={summary.byMonth} />

      <h2>By support item</h2>
      <TableScroll label="Planned and actual spending by support item, this budget year">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Planned and actual spending by support item, this budget year</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">
                Support
              </th>
              <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Planned by now
              </th>
              <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Spent
              </th>
              <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Difference
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {summary.byItem.map((item) => (
              <tr className="nhsuk-table__row" key={item.itemId}>
                <th className="nhsuk-table__header" scope="row">
                  {itemDescriptions.get(item.itemId) ?? item.description}
                </th>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(item.plannedToDatePence)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatPence(item.actualPence)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{differenceWords(item.actualPence - item.plannedToDatePence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>Payments this budget year</h2>
      <DataTable
        columns={spendColumns}
        data={rows}
        caption="Payments this budget year, newest first"
        rowId={(row) => row.spend.id}
        empty={<p>No payments have been recorded this budget year.</p>}
      />
      {receipt ? <ReceiptViewer receipt={receipt} onClose={() => closeReceipt(receipt.spend.id)} /> : null}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {canWrite ? (
            <>
              <RecordPaymentForm personId={person.id} budget={budget} onRecorded={recorded('payment')} onErrors={paymentErrors} />
              {notice?.about === 'payment' ? <Notice>{notice.text}</Notice> : null}
            </>
          ) : null}
          {hasDirectPayment ? (
            canWrite ? (
              <>
                <MonitoringForm personId={person.id} lastMonitoredOn={summary.lastMonitoredOn} onRecorded={recorded('monitoring')} onErrors={monitoringErrors} />
                {notice?.about === 'monitoring' ? <Notice>{notice.text}</Notice> : null}
              </>
            ) : (
              <>
                <h2>Direct payment monitoring</h2>
                <p>{summary.lastMonitoredOn ? `Last monitored on ${formatDate(summary.lastMonitoredOn)}.` : 'Not monitored yet since the budget was agreed.'}</p>
              </>
            )
          ) : null}
        </div>
      </div>
    </PlanPage>
  );
}
