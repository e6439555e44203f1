import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  referralSourceLabels,
  referralStatusLabels,
  reportRangeSchema,
  type CaseloadReport,
  type OutcomeChangeSummary,
  type ReportRangeInput,
} from '../../../src-shared/contract';
import { formatDate, isoDateInLondon } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary } from '../../components/ErrorSummary';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios } from '../people/record/form-fields';
import { Row, SummaryList } from '../plans/plan-view-document';
import { ons4Keys, ons4Labels } from '../reviews/outcome-text';
import { countWords } from './directory-words';
import { ChangeHistogram, CountChart, CountTable } from './report-charts';
import { financialYearStart, hoursAndMinutes, signedHundredths } from './report-words';
import './report.scss';

/** The form's choice of whose referrals, made into the contract's range, which checks the dates. */
const reportFormSchema = z
  .object({ from: z.string(), to: z.string(), whose: z.enum(['me', 'everyone'], 'Choose whose referrals to count') })
  .transform(({ whose, ...range }): ReportRangeInput => (whose === 'me' ? { ...range, assignedTo: 'me' } : range))
  .pipe(reportRangeSchema);
type ReportFormInput = z.input<typeof reportFormSchema>;
type ReportFormOutput = z.output<typeof reportFormSchema>;
const fields = ['from', 'to', 'whose'] as const;

const whoseOptions = [
  { value: 'me', label: 'My caseload', hint: 'People assigned to me' },
  { value: 'everyone', label: 'Everyone', hint: 'Every referral in the practice' },
];

function defaultRange(): ReportFormInput {
  const today = isoDateInLondon(new Date());
  return { from: financialYearStart(today), to: today, whose: 'everyone' };
}

/**
 * The link worker's report for a period: referrals received (by who referred them, their reasons
 * and where they are now), contacts held, connections made and taken up, and how wellbeing changed
 * between baseline and follow-up — the figures commissioners ask for. Every chart's figures are
 * also in a table.
 */
export function SocialPrescribingReportScreen() {
  usePageTitle('Social prescribing report');
  const [report, setReport] = useState<{ report: CaseloadReport; mine: boolean } | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const { register, handleSubmit, formState, setError } = useForm<ReportFormInput, unknown, ReportFormOutput>({
    resolver: zodResolver(reportFormSchema),
    defaultValues: defaultRange(),
    reValidateMode: 'onSubmit',
  });
  const { errors, isSubmitting } = formState;

  const run = useCallback(
    async (range: ReportRangeInput, moveFocus: boolean) => {
      setFormMessage(null);
      setLoading(true);
      const result = await invoke('socialPrescribing.report', range);
      setLoading(false);
      if (!result.ok) {
        setFormMessage(applyServerError(result.error, fields, setError));
        return;
      }
      setReport({ report: result.value, mine: range.assignedTo === 'me' });
      // A new report replaces the page below the form: the keyboard goes to its heading.
      if (moveFocus) requestAnimationFrame(() => resultsHeading.current?.focus());
    },
    [setError],
  );

  useEffect(() => {
    const { from, to } = defaultRange();
    void run({ from, to }, false);
  }, [run]);

  const submit = handleSubmit((range) => run(range, true));

  return (
    <Main>
      <ErrorSummary errors={summaryErrors(errors, fields, formMessage)} />
      <h1>Social prescribing report</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p>Referrals received in a period, the contacts and connections made, and how people&apos;s wellbeing changed. It starts with this financial year so far.</p>
        </div>
      </div>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="app-report-range">
          <TextField id="from" type="date" label="From" error={errors.from?.message} registration={register('from')} />
          <TextField id="to" type="date" label="To" error={errors.to?.message} registration={register('to')} />
          <Radios id="whose" legend="Whose referrals" options={whoseOptions} error={errors.whose?.message} registration={register('whose')} />
        </div>
        <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
          Show the report
        </button>
      </form>
      <p className="nhsuk-body" role="status">
        {loading ? 'Loading the report…' : ''}
      </p>
      {report ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ReportBody report={report.report} mine={report.mine} headingRef={resultsHeading} />
          </div>
        </div>
      ) : null}
    </Main>
  );
}

function ReportBody({ report, mine, headingRef }: { report: CaseloadReport; mine: boolean; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const period = `${formatDate(report.from)} to ${formatDate(report.to)}`;
  const reasons = report.byReason.filter((reason) => reason.count > 0);
  const { contacts } = report;
  const connections = report.connectionsByCategory;
  return (
    <>
      <h2 className="nhsuk-heading-l" ref={headingRef} tabIndex={-1}>
        {period}: {mine ? 'my caseload' : 'everyone'}
      </h2>

      <h2>Referrals</h2>
      {report.referrals === 0 ? (
        <p>No referrals were received in this period.</p>
      ) : (
        <>
          <p>{countWords(report.referrals, 'referral was', 'referrals were')} received in this period.</p>
          <h3>Who referred them</h3>
          <CountChart
            rows={report.bySource.map((row) => ({ key: row.source, label: referralSourceLabels[row.source], count: row.count }))}
            description={`Bar chart of the ${countWords(report.referrals, 'referral', 'referrals')} by who made them.`}
            caption="Referrals by who referred them"
            labelHeader="Who referred them"
            countHeader="Referrals"
          />
          <h3>Reasons for the referral</h3>
          <p>A referral can give more than one reason, so these can add up to more than the number of referrals. Reasons no referral gave are left out.</p>
          <CountChart
            rows={reasons.map((row) => ({ key: row.key, label: row.label, count: row.count }))}
            description="Bar chart of the reasons given for the referrals."
            caption="Referrals by reason"
            labelHeader="Reason"
            countHeader="Referrals"
          />
          <h3>Where they are now</h3>
          <CountTable
            rows={report.byStatus.map((row) => ({ key: row.status, label: referralStatusLabels[row.status], count: row.count }))}
            caption="Referrals received in the period, by their status now"
            labelHeader="Status"
            countHeader="Referrals"
          />
        </>
      )}

      <h2>Contacts</h2>
      {contacts.total === 0 ? (
        <p>No contacts were recorded in this period.</p>
      ) : (
        <SummaryList>
          <Row label="Contacts">{contacts.total.toLocaleString('en-GB')}</Row>
          <Row label="People seen">{contacts.people.toLocaleString('en-GB')}</Row>
          <Row label="Contacts per person, on average">{contacts.meanPerPerson.toLocaleString('en-GB', { maximumFractionDigits: 1 })}</Row>
          <Row label="Time spent">{hoursAndMinutes(contacts.totalMinutes)}</Row>
        </SummaryList>
      )}

      <h2>Connections to local support</h2>
      {connections.length === 0 ? (
        <p>No one was connected to local support in this period.</p>
      ) : (
        <>
          <p>Taken up means the person went, or is still going.</p>
          <CountTable
            rows={connections.map((row) => ({ key: row.key, label: row.label, count: row.count }))}
            caption="Connections by category of support"
            labelHeader="Category"
            countHeader="Connections"
            extra={{ header: 'Taken up', value: (row) => connections.find((c) => c.key === row.key)?.attended ?? 0 }}
          />
        </>
      )}

      <h2>How wellbeing changed</h2>
      <p>For each referral with a baseline score and a follow-up score taken in this period: the change from the first score to the last.</p>
      <div className="app-report-measure">
        <h3>Mental wellbeing (SWEMWBS)</h3>
        <MeasureChange summary={report.outcomeChange.swemwbs} measure="SWEMWBS metric" rounded note="Metric scores run from 7 to 35; higher is better." />
      </div>
      <div className="app-report-measure">
        <h3>Personal wellbeing (ONS4)</h3>
        <p>Each question is answered from 0 to 10. Higher is better, except anxiety, where lower is better: a fall in anxiety counts as better.</p>
        {ons4Keys.map((key) => (
          <section key={key} aria-labelledby={`ons4-${key}`}>
            <h4 id={`ons4-${key}`}>{ons4Labels[key]}</h4>
            <MeasureChange summary={report.outcomeChange.ons4[key]} measure={ons4Labels[key].toLowerCase()} rounded={false} />
          </section>
        ))}
      </div>
    </>
  );
}

/** One measure's change: how many people, the average, better / same / worse, and the spread. */
function MeasureChange({ summary, measure, rounded, note }: { summary: OutcomeChangeSummary; measure: string; rounded: boolean; note?: string }) {
  if (summary.people === 0) return <p>No one has both a baseline and a follow-up score in this period.</p>;
  const mean = summary.meanChangeHundredths ?? 0;
  return (
    <>
      {note ? <p>{note}</p> : null}
      <SummaryList>
        <Row label="People with both scores">{summary.people.toLocaleString('en-GB')}</Row>
        <Row label="Average change">{signedHundredths(mean)}</Row>
        <Row label="Better">{summary.better.toLocaleString('en-GB')}</Row>
        <Row label="The same">{summary.same.toLocaleString('en-GB')}</Row>
        <Row label="Worse">{summary.worse.toLocaleString('en-GB')}</Row>
      </SummaryList>
      <ChangeHistogram changes={summary.changes} measure={measure} rounded={rounded} />
    </>
  );
}
