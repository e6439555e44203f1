/** @jsxRuntime automatic */
// (The pragma: this file is also run by tsx in tests and benchmarks, which do not read tsconfig.main.json.)
import { renderToStaticMarkup } from 'react-dom/server';
import {
  connectionKindLabels,
  connectionOutcomeLabels,
  referralSourceLabels,
  referralStatusLabels,
  referralUrgencyLabels,
  type DischargeSummary,
} from '../../src-shared/contract';
import { measureLines } from '../../src-shared/domain/discharge-summary';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { formatDate } from '../../src-shared/format';
import { documentStyles, escapeHtml } from './plan-document';
import type { RenderedDocument } from './printer';

/**
 * The social prescribing summary for the GP as a document, printed through the same printer and
 * stylesheet as plans. It holds what the copyable text holds, as headed sections and a table.
 */
function DischargeDocument({ summary }: { summary: DischargeSummary }) {
  const { referral, person, contacts, connections, measures, codes } = summary;
  const lines = measures.flatMap(measureLines);
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <title>{`Social prescribing summary for ${person.name}`}</title>
        <style dangerouslySetInnerHTML={{ __html: documentStyles('standard') }} />
      </head>
      <body>
        <main>
          <h1>Social prescribing: summary for the GP</h1>
          <p className="lead">
            {person.name}, NHS number {formatNhsNumber(person.nhsNumber)}, born {formatDate(person.dateOfBirth)}
          </p>
          <section>
            <h2>Referral</h2>
            <p>
              Referred on {formatDate(referral.referredOn)} by {referralSourceLabels[referral.source]}
              {referral.referrerName ? ` (${referral.referrerName})` : ''}; {referralUrgencyLabels[referral.urgency].toLowerCase()}.
            </p>
            <p>Reasons: {referral.reasons.map((r) => (r.key === 'other' && referral.otherReason ? `Other: ${referral.otherReason}` : r.label)).join('; ')}.</p>
            <p>
              Status: {referralStatusLabels[referral.status]} on {formatDate(referral.statusChangedOn)}.
            </p>
          </section>
          <section>
            <h2>What matters to them</h2>
            <div className="own-words">
              {(summary.whatMatters || 'Not recorded.').split(/\n+/).map((line, index) => (
                <p key={index}>{line}</p>
              ))}
            </div>
          </section>
          <section>
            <h2>Contacts</h2>
            <p>
              {contacts.count === 0
                ? 'None.'
                : `${contacts.count} ${contacts.count === 1 ? 'contact' : 'contacts'} (${contacts.totalMinutes} minutes in all), from ${formatDate(contacts.first ?? '')} to ${formatDate(contacts.last ?? '')}.`}
            </p>
          </section>
          <section>
            <h2>Support offered and taken up</h2>
            {connections.length === 0 ? (
              <p>None recorded.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Group or service</th>
                    <th scope="col">How</th>
                    <th scope="col">When</th>
                    <th scope="col">Taken up</th>
                  </tr>
                </thead>
                <tbody>
                  {connections.map((c) => (
                    <tr key={c.id}>
                      <td>
                        {c.entryName} ({c.categoryLabel})
                      </td>
                      <td>{connectionKindLabels[c.kind].split(' (')[0]}</td>
                      <td>{formatDate(c.connectedOn)}</td>
                      <td>{connectionOutcomeLabels[c.outcome]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section>
            <h2>Wellbeing before and after</h2>
            {lines.length === 0 ? (
              <p>No scores recorded.</p>
            ) : (
              <ul>
                {lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h2>SNOMED CT codes</h2>
            {codes.length === 0 ? (
              <p>None.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Concept ID</th>
                    <th scope="col">Term</th>
                    <th scope="col">Date</th>
                  </tr>
                </thead>
                <tbody>
                  {codes.map((c) => (
                    <tr key={`${c.conceptId}-${c.on}`}>
                      <td>{c.conceptId}</td>
                      <td>{c.term}</td>
                      <td>{formatDate(c.on)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <p>
            Link worker: {summary.linkWorkerName ?? 'not assigned'}, {summary.practiceName}.
          </p>
        </main>
      </body>
    </html>
  );
}

export function renderDischargeDocument(summary: DischargeSummary): RenderedDocument {
  const { person, referral } = summary;
  const small = 'font-family:Arial,sans-serif;font-size:9pt;color:#4c6272;width:100%;padding:0 18mm 0 28mm;';
  return {
    html: `<!doctype html>${renderToStaticMarkup(<DischargeDocument summary={summary} />)}`,
    title: `Social prescribing summary for ${person.name}`,
    headerTemplate: `<div style="${small}">${escapeHtml(person.name)}, NHS number ${formatNhsNumber(person.nhsNumber)}. Confidential</div>`,
    footerTemplate: `<div style="${small}display:flex;justify-content:space-between;"><span>Social prescribing summary, ${escapeHtml(summary.practiceName)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    fileName: `Social prescribing summary - ${person.name.replace(/[\\/:*?"<>|]/g, '')} - ${referral.statusChangedOn}.pdf`,
  };
}
