import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { documentFormatLabels, documentFormats, type ChannelOutput, type DocumentFormat, type PlanVersionSummary } from '../../../src-shared/contract';
import { describeCommunicationNeed, type CommunicationNeed } from '../../../src-shared/domain/accessible-information';
import { invoke } from '../../api/client';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';
import { DocumentPreview } from '../exports/DocumentPreview';
import { downloadPdf } from '../exports/download-pdf';
import { personName, usePersonRecord } from '../people/record/PersonRecord';
import { planHref } from './plan-view-links';
import { Loading, PlanPage, PlanStatusTag, usePlanVersions, versionLabel } from './plan-view-page';

type ExportPreview = ChannelOutput<'plans.exportPreview'>;

const title = 'Export the plan as a PDF';
const formatId = 'format';
const formatHints: Partial<Record<DocumentFormat, string>> = {
  'large-print': 'Bigger text with more space between lines',
  'easy-read': 'One short sentence to a line, with a picture beside each part',
};
/** Formats the Accessible Information Standard records that PlanWell's PDFs meet as they are. */
const formatsMet = new Set<string>([...documentFormats, 'screen-reader']);

/**
 * A version of the plan as the PDF the person takes home: which version, in which format (the
 * one their recorded information needs ask for, unless changed), a preview of exactly what will
 * be printed, then the PDF itself. `?version=<id>` names the version; without it, the agreed
 * plan, or the draft while nothing is agreed.
 */
export function ExportPlanScreen() {
  const requestedId = new URLSearchParams(useSearch()).get('version');
  const { person } = usePersonRecord();
  const { versions, error } = usePlanVersions(person.id);
  const toPlan = { href: planHref(person.id), text: 'Back to the plan' };

  if (error || !versions) {
    return (
      <PlanPage title={title} back={toPlan} errors={error ? [{ message: error }] : []}>
        {error ? null : <Loading what="Opening their plan…" />}
      </PlanPage>
    );
  }
  // The version the plan overview shows: the agreed plan, or the draft while nothing is agreed.
  const current = versions.find((v) => v.status === 'agreed') ?? versions.find((v) => v.status === 'draft');
  const version = requestedId ? versions.find((v) => v.id === requestedId) : current;
  if (!version) {
    return (
      <PlanPage title={title} back={toPlan} errors={requestedId ? [{ message: 'That version is not part of this person’s plan.' }] : []}>
        {requestedId ? null : <p>There is no care and support plan for {personName(person)} to export yet.</p>}
        <p>
          <Link href={planHref(person.id)}>Go to the plan</Link>
        </p>
      </PlanPage>
    );
  }
  const back = version.id === current?.id ? toPlan : { href: planHref(person.id, '', { version: version.id }), text: `Back to version ${version.version}` };
  return <ExportVersion key={version.id} version={version} back={back} />;
}

function ExportVersion({ version, back }: { version: PlanVersionSummary; back: { href: string; text: string } }) {
  const { person } = usePersonRecord();
  // Left unchosen, the main process uses the format their recorded needs ask for.
  const [chosenFormat, setChosenFormat] = useState<DocumentFormat | undefined>(undefined);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('plans.exportPreview', { planId: version.id, format: chosenFormat }).then((result) => {
      if (!live) return;
      if (result.ok) setPreview(result.value);
      else setMessage(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [version.id, chosenFormat]);

  const format = chosenFormat ?? preview?.defaultFormat;
  const previewIsCurrent = preview !== null && preview.format === format;

  const choose = (next: DocumentFormat) => {
    setMessage(null);
    setExported(null);
    setChosenFormat(next);
  };

  const exportPdf = async () => {
    setMessage(null);
    setExported(null);
    setExporting(true);
    const result = await invoke('plans.exportPdf', { planId: version.id, format });
    setExporting(false);
    if (!result.ok) return setMessage(result.error.message);
    downloadPdf(result.value.fileName, result.value.base64);
    setExported(result.value.fileName);
  };

  const formatHint = recordedFormatHint(person.communicationNeeds, preview?.defaultFormat);
  return (
    <PlanPage title={title} back={back} errors={message ? [{ message }] : []}>
      <p className="nhsuk-body-l app-plan-version-summary">
        <PlanStatusTag status={version.status} /> {versionLabel(version)}
      </p>
      {version.status === 'draft' ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              This is a draft
            </span>
          </h2>
          <p>It has not been agreed yet. The PDF will be marked DRAFT and say that the plan has not been agreed.</p>
        </div>
      ) : null}
      {version.status === 'superseded' ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>A newer agreed version has replaced this one. The PDF will say so.</p>
        </div>
      ) : null}

      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(formatId, formatHint, null)}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
            <h2 className="nhsuk-fieldset__heading">Format</h2>
          </legend>
          <FieldMessages id={formatId} hint={formatHint} />
          <div className="nhsuk-radios">
            {documentFormats.map((option, index) => {
              const optionId = index === 0 ? formatId : `${formatId}-${option}`;
              const hint = formatHints[option];
              return (
                <div className="nhsuk-radios__item" key={option}>
                  <input
                    className="nhsuk-radios__input"
                    id={optionId}
                    name={formatId}
                    type="radio"
                    value={option}
                    checked={format === option}
                    aria-describedby={hint ? `${optionId}-hint` : undefined}
                    onChange={() => choose(option)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                    {documentFormatLabels[option]}
                  </label>
                  {hint ? (
                    <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId}-hint`}>
                      {hint}
                    </div>
                  ) : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>

      <h2>Preview</h2>
      {preview ? (
        <>
          <p>
            This is exactly what will be printed. Each page of the PDF also carries their name, NHS number and the page number. It will be saved as{' '}
            <strong>{preview.fileName}</strong>.
          </p>
          {previewIsCurrent || message ? null : <Loading what={`Changing the preview to ${documentFormatLabels[format ?? preview.format].toLowerCase()}…`} />}
          <DocumentPreview html={preview.html} title={`Preview of the plan, ${documentFormatLabels[preview.format].toLowerCase()}`} />
        </>
      ) : message ? null : (
        <Loading what="Preparing the preview…" />
      )}

      <button type="button" className="nhsuk-button" disabled={!previewIsCurrent || exporting} onClick={() => void exportPdf()}>
        Export PDF
      </button>
      {/* Always present, so what it says next is announced. */}
      <div role="status">
        {exporting ? <p>Making the PDF…</p> : null}
        {exported ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Exported {exported}</p>
            <p>It holds personal information: keep it safe and give it only to {person.givenName} and the people they have agreed may have a copy.</p>
          </div>
        ) : null}
      </div>
    </PlanPage>
  );
}

/**
 * Where the format chosen at first comes from: their recorded information format (Accessible
 * Information Standard), and any format they asked for that a PDF from PlanWell is not.
 */
function recordedFormatHint(needs: readonly CommunicationNeed[], defaultFormat: DocumentFormat | undefined): string | undefined {
  const asked = defaultFormat && defaultFormat !== 'standard' ? `They have asked for ${documentFormatLabels[defaultFormat].toLowerCase()}.` : null;
  const notMet = needs.filter((need) => need.kind === 'information-format' && !formatsMet.has(need.need)).map((need) => describeCommunicationNeed(need));
  const elsewhere = notMet.length > 0 ? `They have ${asked ? 'also ' : ''}asked for information as: ${notMet.join('; ')}. Arrange that separately.` : null;
  return [asked, elsewhere].filter(Boolean).join(' ') || undefined;
}
