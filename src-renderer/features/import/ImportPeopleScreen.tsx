import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import {
  chooseColumnMessage,
  importFieldInSentence,
  importFields,
  importMaximumFileBytes,
  formatMegabytes,
  requiredImportFields,
  type ColumnMapping,
  type ImportReport,
  type ImportResult,
} from '../../../src-shared/contract';
import type { AppErrorBody } from '../../../src-shared/result';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { downloadTextFile } from '../../components/download-file';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { CsvFileField } from '../../components/CsvFileField';
import { usePageTitle } from '../../components/PageTitle';
import { ColumnMappingFields, mappingFieldId } from './ColumnMappingFields';
import { ImportRowTables } from './ImportRowTables';
import { readCsvFile } from './read-csv-file';

interface ChosenFile {
  name: string;
  text: string;
}

type Step =
  | { name: 'choose' }
  | { name: 'columns'; file: ChosenFile; report: ImportReport; mapping: ColumnMapping }
  | { name: 'check'; file: ChosenFile; report: ImportReport }
  | { name: 'done'; file: ChosenFile; result: ImportResult };

const titles: Record<Step['name'], string> = {
  choose: 'Import people from a file',
  columns: 'Match the columns',
  check: 'Check the people before importing',
  done: 'People imported',
};

const fileFieldId = 'csv-file';

/** Problems by the id of the field they belong to, and one for the whole page. */
interface Problems {
  fields: Record<string, string>;
  page: string | null;
}
const noProblems: Problems = { fields: {}, page: null };

/** Where the main process's refusal belongs: the file input, a column's select, or the page. */
function problemsFrom(error: AppErrorBody, step: Step['name']): Problems {
  const fields: Record<string, string> = {};
  for (const issue of error.issues ?? []) {
    const field = importFields.find((f) => issue.path === `mapping.${f}`);
    if (field && step === 'columns') fields[mappingFieldId(field)] ??= issue.message;
    else if (issue.path === 'csv' && step === 'choose') fields[fileFieldId] ??= issue.message;
  }
  if (Object.keys(fields).length > 0) return { fields, page: null };
  return { fields, page: error.issues?.[0]?.message ?? error.message };
}

function summaryOf(problems: Problems, order: readonly string[]): SummaryError[] {
  const list: SummaryError[] = problems.page ? [{ message: problems.page }] : [];
  for (const id of order) {
    const message = problems.fields[id];
    if (message) list.push({ fieldId: id, message });
  }
  return list;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * Importing people from a CSV file: choose the file, match its columns to PlanWell's fields, check
 * every row, then confirm. Nothing is written until "Import" is pressed, and the main process
 * checks the whole file again then.
 */
export function ImportPeopleScreen() {
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [problems, setProblems] = useState<Problems>(noProblems);
  const [busy, setBusy] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  usePageTitle(titles[step.name]);

  // Each step is a new page to a screen reader: move to its heading.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step.name]);

  const go = (next: Step, nextProblems: Problems = noProblems) => {
    setProblems(nextProblems);
    setStep(next);
  };

  const chooseFile = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = fileInput.current?.files?.[0];
    if (!chosen) return setProblems({ fields: { [fileFieldId]: 'Choose a CSV file' }, page: null });
    setBusy('Reading the file…');
    const read = await readCsvFile(chosen);
    if (!read.ok) {
      setBusy(null);
      return setProblems({ fields: { [fileFieldId]: read.message }, page: null });
    }
    setBusy('Checking the file…');
    const result = await invoke('people.importPreview', { csv: read.text });
    setBusy(null);
    if (!result.ok) return setProblems(problemsFrom(result.error, 'choose'));
    go({ name: 'columns', file: read, report: result.value, mapping: result.value.mapping });
  };

  const confirmColumns = async (event: FormEvent) => {
    event.preventDefault();
    if (step.name !== 'columns') return;
    const missing = requiredImportFields.filter((field) => !step.mapping[field]);
    if (missing.length > 0) {
      const fields = Object.fromEntries(missing.map((field) => [mappingFieldId(field), chooseColumnMessage(field)]));
      return setProblems({ fields, page: null });
    }
    setBusy('Checking every row…');
    const result = await invoke('people.importPreview', { csv: step.file.text, mapping: step.mapping });
    setBusy(null);
    if (!result.ok) return setProblems(problemsFrom(result.error, 'columns'));
    go({ name: 'check', file: step.file, report: result.value });
  };

  const importRows = async () => {
    if (step.name !== 'check') return;
    const { file, report } = step;
    setBusy(`Importing ${count(report.validRows, 'person', 'people')}…`);
    const result = await invoke('people.importCommit', { csv: file.text, mapping: report.mapping, fingerprint: report.fingerprint });
    if (result.ok) {
      setBusy(null);
      return go({ name: 'done', file, result: result.value });
    }
    if (result.error.code !== 'CONFLICT') {
      setBusy(null);
      return setProblems(problemsFrom(result.error, 'check'));
    }
    // Someone changed PlanWell in between: check again, so what is confirmed is what gets added.
    const again = await invoke('people.importPreview', { csv: file.text, mapping: report.mapping });
    setBusy(null);
    if (!again.ok) return setProblems(problemsFrom(again.error, 'check'));
    go(
      { name: 'check', file, report: again.value },
      { fields: {}, page: 'Nobody was added: the people in PlanWell changed after you checked the file. PlanWell has checked it again. Look at the rows below before importing.' },
    );
  };

  const startAgain = () => go({ name: 'choose' });

  const headingProps = { ref: heading, tabIndex: -1 } as const;
  const fieldOrder = step.name === 'columns' ? importFields.map(mappingFieldId) : [fileFieldId];
  const summary = <ErrorSummary errors={summaryOf(problems, fieldOrder)} />;
  const status = (
    <p className="nhsuk-body" role="status">
      {busy ?? ''}
    </p>
  );

  if (step.name === 'choose') {
    const error = problems.fields[fileFieldId];
    return (
      <Main>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <Link className="nhsuk-back-link" href="/people/new">
              Back to add a person
            </Link>
            {summary}
            <h1 {...headingProps}>Import people from a file</h1>
            <p>
              Add many people at once from a CSV file, for example one saved from a spreadsheet or exported from your clinical
              system. PlanWell checks every row and shows you what it found. Nobody is added until you confirm.
            </p>
            <p>The first row of the file must name the columns. For each person PlanWell needs:</p>
            <ul className="nhsuk-list nhsuk-list--bullet">
              <li>given name and family name</li>
              <li>date of birth, written like 31/01/1950 or 1950-01-31</li>
              <li>NHS number</li>
            </ul>
            <p>It can also read a preferred name, sex or gender, address, postcode, phone number, email address and registered GP practice.</p>
            <form noValidate onSubmit={(event) => void chooseFile(event)}>
              <CsvFileField id={fileFieldId} hint={`Up to ${formatMegabytes(importMaximumFileBytes)}.`} error={error} inputRef={fileInput} onChange={() => setProblems(noProblems)} />
              <button className="nhsuk-button" type="submit" disabled={busy !== null}>
                Check the file
              </button>
            </form>
            {status}
          </div>
        </div>
      </Main>
    );
  }

  if (step.name === 'columns') {
    const { file, report, mapping } = step;
    return (
      <Main>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            {summary}
            <h1 {...headingProps}>Match the columns</h1>
            <p>
              PlanWell found {count(report.totalRows, 'row', 'rows')} of people in <strong>{file.name}</strong> and matched the
              columns it recognised. Check them, and choose a column for anything it could not find. Columns you do not choose are
              not imported.
            </p>
            {report.missingFields.length > 0 ? (
              <Notice>
                PlanWell could not find a column for: {report.missingFields.map(importFieldInSentence).join(', ')}. Choose{' '}
                {report.missingFields.length === 1 ? 'it' : 'them'} below.
              </Notice>
            ) : null}
            <form noValidate onSubmit={(event) => void confirmColumns(event)}>
              <ColumnMappingFields
                headers={report.headers}
                mapping={mapping}
                errorsById={problems.fields}
                onChange={(next) => setStep({ ...step, mapping: next })}
              />
              <div className="nhsuk-button-group">
                <button className="nhsuk-button" type="submit" disabled={busy !== null}>
                  Continue
                </button>
                <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={startAgain}>
                  Choose a different file
                </button>
              </div>
            </form>
            {status}
          </div>
        </div>
      </Main>
    );
  }

  if (step.name === 'check') {
    const { file, report } = step;
    return (
      <Main>
        {summary}
        <h1 {...headingProps}>Check the people before importing</h1>
        <p>
          PlanWell checked {count(report.totalRows, 'row', 'rows')} in <strong>{file.name}</strong>:
        </p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          <li>{count(report.validRows, 'person', 'people')} can be imported</li>
          {report.invalidRows > 0 ? (
            <li>
              {count(report.invalidRows, 'row has a problem and', 'rows have problems and')} will not be imported
            </li>
          ) : null}
        </ul>
        {report.rowsLeftOut > 0 ? (
          <p>
            This page lists {count(report.rows.length, 'row', 'rows')} of {report.totalRows.toLocaleString('en-GB')}, rows with
            problems first. The report you can save after importing lists them all.
          </p>
        ) : null}
        {report.validRows === 0 ? (
          <p>None of the rows can be imported. Correct the file, then choose it again.</p>
        ) : null}
        <div className="nhsuk-button-group">
          {report.validRows > 0 ? (
            <button className="nhsuk-button" type="button" disabled={busy !== null} onClick={() => void importRows()}>
              Import {count(report.validRows, 'person', 'people')}
            </button>
          ) : null}
          <button className="nhsuk-button nhsuk-button--secondary" type="button" disabled={busy !== null} onClick={() => go({ name: 'columns', file, report, mapping: report.mapping })}>
            Change the columns
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" disabled={busy !== null} onClick={startAgain}>
            Choose a different file
          </button>
        </div>
        {status}
        <ImportRowTables rows={report.rows} />
      </Main>
    );
  }

  const { file, result } = step;
  const notImported = result.report.invalidRows;
  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel">
            <h1 className="nhsuk-panel__heading" {...headingProps}>
              {count(result.added, 'person', 'people')} imported
            </h1>
            <div className="nhsuk-panel__body">
              <p>
                From {file.name}.{' '}
                {notImported > 0 ? `${count(notImported, 'row was', 'rows were')} not imported.` : 'Every row was imported.'}
              </p>
            </div>
          </div>
          <p>
            The report lists every row of the file: whether it was imported and, if not, why. Correct those rows and import the
            file again; the people already imported will be listed as already in PlanWell.
          </p>
          <div className="nhsuk-inset-text">
            <p>The report holds names and NHS numbers. Save it only where your practice keeps confidential files.</p>
          </div>
          <div className="nhsuk-button-group">
            <button
              className="nhsuk-button nhsuk-button--secondary"
              type="button"
              onClick={() => downloadTextFile(`${file.name.replace(/\.(csv|txt)$/i, '')} - import report.csv`, result.reportCsv)}
            >
              Download the report (CSV)
            </button>
            <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={startAgain}>
              Import another file
            </button>
          </div>
          <p>
            <Link href="/">Go to the caseload</Link>
          </p>
        </div>
      </div>
    </Main>
  );
}
