import { useEffect, useState } from 'react';
import {
  connectionKindLabels,
  referralStatusLabels,
  referralUrgencyLabels,
  type Connection,
  type DischargeSummary,
  type OutcomeRecord,
} from '../../../src-shared/contract';
import { measureLines } from '../../../src-shared/domain/discharge-summary';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { columnHelper, DataTable } from '../../components/DataTable';
import { downloadPdf } from '../exports/download-pdf';
import { MultilineText } from '../people/record/MultilineText';
import { usePersonRecord } from '../people/record/PersonRecord';
import { Row, SummaryList } from '../plans/plan-view-document';
import { MeasureHistory } from '../reviews/OutcomeHistory';
import '../reviews/reviews.scss';
import { outcomeWords } from './referral-connections';
import { Loading, ReferralPage } from './referral-parts';
import { countWords } from './directory-words';
import { referralHref, referralReasonWords, referralSourceWords, referralTitle } from './referral-words';

const title = 'Summary for the GP';

const connectionColumn = columnHelper<Connection>();
const connectionColumns = connectionColumn.columns([
  connectionColumn.accessor('entryName', { header: 'Support' }),
  connectionColumn.accessor('categoryLabel', { header: 'Type' }),
  connectionColumn.accessor((c) => connectionKindLabels[c.kind].split(' (')[0] ?? '', { id: 'kind', header: 'How' }),
  connectionColumn.accessor('connectedOn', { header: 'Date', cell: (info) => <span className="app-referral-nowrap">{formatDate(info.getValue())}</span> }),
  connectionColumn.accessor((c) => outcomeWords(c), { id: 'outcome', header: 'What happened' }),
]);

/** A code with its place in the list: the same code can be recorded twice on a day. */
type Code = DischargeSummary['codes'][number] & { position: number };
const codeColumn = columnHelper<Code>();
const codeColumns = codeColumn.columns([
  codeColumn.accessor('conceptId', { header: 'SNOMED CT concept ID', cell: (info) => <span className="app-referral-nowrap">{info.getValue()}</span> }),
  codeColumn.accessor('term', { header: 'Term' }),
  codeColumn.accessor('on', { header: 'Date', cell: (info) => <span className="app-referral-nowrap">{formatDate(info.getValue())}</span> }),
]);

const measureHeadings: Record<OutcomeRecord['measure'], string> = { ons4: 'Personal wellbeing (ONS4)', swemwbs: 'Mental wellbeing (SWEMWBS)' };

/**
 * The summary sent back to the GP when social prescribing ends (the PRSB "message back"): why they
 * were referred, what mattered to them, the contacts, the support offered and taken up, their
 * wellbeing before and after, and the SNOMED CT codes to file, to copy as text or save as a PDF.
 * Before discharge it is shown as it stands, said clearly not to be final.
 */
export function DischargeSummaryScreen({ referralId }: { referralId: string }) {
  const { person } = usePersonRecord();
  const [summary, setSummary] = useState<DischargeSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const back = { href: referralHref(person.id, referralId), text: 'Back to the referral' };

  useEffect(() => {
    let live = true;
    void invoke('referrals.dischargeSummary', { referralId }).then((result) => {
      if (!live) return;
      if (!result.ok) setError(result.error.message);
      else if (result.value.referral.personId !== person.id) setError('That referral is not part of this person’s record.');
      else setSummary(result.value);
    });
    return () => {
      live = false;
    };
  }, [person.id, referralId]);

  if (!summary) {
    return (
      <ReferralPage title={title} back={back} errors={error ? [{ message: error }] : []}>
        {error ? null : <Loading what="Preparing the summary…" />}
      </ReferralPage>
    );
  }
  const { referral, contacts, connections, measures, codes } = summary;
  const final = referral.status === 'discharged';
  const measureSentences = measures.flatMap(measureLines);
  const scored = measures.filter((change) => change.baseline || change.followUp);

  return (
    <ReferralPage title={title} back={back}>
      <p className="nhsuk-body-l">{referralTitle(referral)}</p>
      {final ? null : (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              This summary is not final
            </span>
          </h2>
          <p>
            The referral is {referralStatusLabels[referral.status].toLowerCase()}, not discharged. The summary is final once the referral is discharged: send it to the GP
            then.
          </p>
        </div>
      )}

      <h2>About the referral</h2>
      <SummaryList>
        <Row label="Referred on">{formatDate(referral.referredOn)}</Row>
        <Row label="Referred by">{referralSourceWords(referral)}</Row>
        <Row label="Urgency">{referralUrgencyLabels[referral.urgency]}</Row>
        <Row label="Status">
          {referralStatusLabels[referral.status]} on {formatDate(referral.statusChangedOn)}
        </Row>
        <Row label="Link worker">
          {summary.linkWorkerName ?? 'Not assigned'}, {summary.practiceName}
        </Row>
      </SummaryList>

      <h2>Reasons for referral</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {referralReasonWords(referral).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>

      <h2>What matters to them</h2>
      {summary.whatMatters ? (
        <p>
          <MultilineText text={summary.whatMatters} />
        </p>
      ) : (
        <p>Not recorded in their plan.</p>
      )}

      <h2>Contacts</h2>
      <p>
        {contacts.count === 0
          ? 'None.'
          : `${countWords(contacts.count, 'contact', 'contacts')} (${countWords(contacts.totalMinutes, 'minute', 'minutes')} in all), from ${formatDate(contacts.first ?? '')} to ${formatDate(contacts.last ?? '')}.`}
      </p>

      <h2>Support offered and taken up</h2>
      <DataTable columns={connectionColumns} data={connections} caption="Support offered" rowId={(c) => c.id} empty={<p>None recorded.</p>} />

      <h2>Wellbeing before and after</h2>
      {measureSentences.length === 0 ? (
        <p>No scores recorded for this referral.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {measureSentences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {scored.map((change) => (
        <section key={change.measure} aria-labelledby={`change-${change.measure}`}>
          <h3 id={`change-${change.measure}`}>{measureHeadings[change.measure]}</h3>
          <MeasureHistory measure={change.measure} outcomes={[change.baseline, change.followUp].filter((outcome): outcome is OutcomeRecord => outcome !== null)} />
        </section>
      ))}

      <h2>SNOMED CT codes</h2>
      <DataTable columns={codeColumns} data={codes.map((code, position) => ({ ...code, position }))} caption="Codes for the GP record, in the order recorded" rowId={(c) => String(c.position)} empty={<p>None.</p>} />

      <SummaryText summary={summary} />
    </ReferralPage>
  );
}

/** The same summary as text to paste into the GP record, and as a PDF to send. */
function SummaryText({ summary }: { summary: DischargeSummary }) {
  const [said, setSaid] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  const copy = async () => {
    setSaid(null);
    setProblem(null);
    try {
      await navigator.clipboard.writeText(summary.text);
      setSaid('Copied the summary. Paste it into the GP record.');
    } catch {
      // The clipboard can be refused (a setting, or the window not in front): the text is there to copy by hand.
      setProblem('PlanWell could not copy the summary. Select the text below and copy it.');
    }
  };

  const download = async () => {
    setSaid(null);
    setProblem(null);
    setDownloading(true);
    const result = await invoke('referrals.dischargePdf', { referralId: summary.referral.id });
    setDownloading(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    downloadPdf(result.value.fileName, result.value.base64);
    setSaid(`Downloaded ${result.value.fileName}. It holds personal information: keep it safe and send it only to the GP.`);
  };

  return (
    <>
      <h2>Copy or download</h2>
      <div className="nhsuk-button-group">
        <button type="button" className="nhsuk-button" onClick={() => void copy()}>
          Copy as text
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={downloading} onClick={() => void download()}>
          Download PDF
        </button>
      </div>
      {/* Always present, so what it says next is announced. */}
      <div role="status">
        {downloading ? <p>Making the PDF…</p> : null}
        {said ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{said}</p>
          </div>
        ) : null}
      </div>
      <div role="alert">{problem ? <p className="nhsuk-error-message">{problem}</p> : null}</div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="summary-text">
          The summary as text
        </label>
        <div className="nhsuk-hint" id="summary-text-hint">
          The same words as the PDF, to select and copy by hand if you need to
        </div>
        <textarea
          className="nhsuk-textarea app-referral-summary-text"
          id="summary-text"
          aria-describedby="summary-text-hint"
          readOnly
          rows={Math.min(30, summary.text.split('\n').length + 1)}
          value={summary.text}
        />
      </div>
    </>
  );
}
