import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { directoryCsvMaximumCharacters, type DirectoryImportReport } from '../../../src-shared/contract';
import type { AppErrorBody } from '../../../src-shared/result';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { CsvFileField } from '../../components/CsvFileField';
import { usePageTitle } from '../../components/PageTitle';
import { readCsvFile } from '../import/read-csv-file';
import { countWords } from './directory-words';
import './directory.scss';
import { TableScroll } from '../../components/TableScroll';

interface ChosenFile {
  name: string;
  text: string;
}

type Step = { name: 'choose' } | { name: 'check'; file: ChosenFile; report: DirectoryImportReport } | { name: 'done'; file: ChosenFile; report: DirectoryImportReport };

const titles: Record<Step['name'], string> = {
  choose: 'Import the directory from a file',
  check: 'Check the file before importing',
  done: 'Directory imported',
};

const fileFieldId = 'csv-file';

/** The export's columns, as the import reads them (by name, in any order and any case). */
const columns: { name: string; says: string }[] = [
  { name: 'ID', says: 'empty for a new entry; an entry’s ID (as exported) to change that entry' },
  { name: 'Name', says: 'required' },
  { name: 'Category', says: 'required: one of the directory’s categories, as it is written in PlanWell' },
  { name: 'Description', says: 'what it is, in plain words' },
  { name: 'Address', says: '' },
  { name: 'Area', says: '' },
  { name: 'How to get in touch', says: '' },
  { name: 'Cost', says: '' },
  { name: 'When it runs', says: '' },
  { name: 'Accessibility', says: 'features as PlanWell names them, separated by semicolons, for example Step-free access; Hearing loop' },
  { name: 'How to refer', says: '' },
  { name: 'Last checked', says: 'required: a date written like 2026-03-31' },
  { name: 'Offered', says: 'Yes or No; empty means Yes' },
];

/** Where a refusal belongs: the file input if it is about the file, otherwise the page. */
function fileProblem(error: AppErrorBody): string {
  return error.issues?.find((issue) => issue.path === 'csv')?.message ?? error.message;
}

/** The size the contract allows, in the same words as its own message. */
const largestFile = `${(directoryCsvMaximumCharacters / 1_000_000).toLocaleString('en-GB')} MB`;

/** The most problems the main process reports for one file. */
const problemLimit = 200;

/**
 * Importing the directory from a CSV file laid out as its export: check the file (nothing is
 * written), see every problem by its line, then import every row at once, or nothing.
 */
export function DirectoryImportScreen() {
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [fileError, setFileError] = useState<string | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
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
  }, [step]);

  const go = (next: Step) => {
    setFileError(null);
    setPageError(null);
    setStep(next);
  };

  const chooseFile = async (event: FormEvent) => {
    event.preventDefault();
    setPageError(null);
    const chosen = fileInput.current?.files?.[0];
    if (!chosen) return setFileError('Choose a CSV file');
    setBusy('Reading the file…');
    const read = await readCsvFile(chosen);
    if (!read.ok) {
      setBusy(null);
      return setFileError(read.message);
    }
    if (read.text.length > directoryCsvMaximumCharacters) {
      setBusy(null);
      return setFileError(`The file is larger than PlanWell reads for the directory (${largestFile}): split it into smaller files`);
    }
    setBusy('Checking every row…');
    const result = await invoke('directory.importCsv', { csv: read.text, commit: false });
    setBusy(null);
    if (!result.ok) return setFileError(fileProblem(result.error));
    go({ name: 'check', file: read, report: result.value });
  };

  const importRows = async () => {
    if (step.name !== 'check') return;
    const { file } = step;
    setBusy('Importing…');
    const result = await invoke('directory.importCsv', { csv: file.text, commit: true });
    setBusy(null);
    if (!result.ok) return setPageError(fileProblem(result.error));
    if (!result.value.committed) {
      // Checked again as it was imported, and something had changed in between: show what now.
      go({ name: 'check', file, report: result.value });
      setPageError('Nothing was imported: the directory changed after you checked the file. PlanWell has checked it again. Look at the results below.');
      return;
    }
    go({ name: 'done', file, report: result.value });
  };

  const headingProps = { ref: heading, tabIndex: -1 } as const;
  const summary: SummaryError[] = [...(pageError ? [{ message: pageError }] : []), ...(fileError ? [{ fieldId: fileFieldId, message: fileError }] : [])];
  const status = (
    <p className="nhsuk-body" role="status">
      {busy ?? ''}
    </p>
  );

  if (step.name === 'choose') {
    return (
      <Main>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <Link className="nhsuk-back-link" href="/directory?">
              Back to the directory
            </Link>
            <ErrorSummary errors={summary} />
            <h1 {...headingProps}>Import the directory from a file</h1>
            <p>
              Add and change many entries at once from a CSV file. The easiest way to get one is to export the directory, change it in a spreadsheet, save it as
              CSV and import it here. PlanWell checks every row first and shows you what it found. Nothing is changed until you confirm, and then every row is
              imported together, or none.
            </p>
            <h2 className="nhsuk-heading-s">The columns PlanWell reads</h2>
            <p>The first row of the file must name the columns, as the export does:</p>
            <ul className="nhsuk-list nhsuk-list--bullet">
              {columns.map((column) => (
                <li key={column.name}>
                  <strong>{column.name}</strong>
                  {column.says ? `: ${column.says}` : ''}
                </li>
              ))}
            </ul>
            <p>A row with an ID replaces everything about that entry with what the row says. Entries not in the file are left as they are.</p>
            <form noValidate onSubmit={(event) => void chooseFile(event)}>
              <CsvFileField id={fileFieldId} hint={`Up to ${largestFile}.`} error={fileError ?? undefined} inputRef={fileInput} onChange={() => setFileError(null)} />
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

  if (step.name === 'check') {
    const { file, report } = step;
    const toImport = report.added + report.updated;
    return (
      <Main>
        <ErrorSummary errors={summary} />
        <h1 {...headingProps}>Check the file before importing</h1>
        <p>
          PlanWell checked {countWords(report.rows, 'row', 'rows')} in <strong>{file.name}</strong>:
        </p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          <li>{countWords(report.added, 'new entry', 'new entries')} to add</li>
          <li>{countWords(report.updated, 'entry', 'entries')} to change</li>
          {report.problems.length > 0 ? <li>{countWords(report.problems.length, 'problem', 'problems')} to correct</li> : null}
        </ul>
        {report.problems.length > 0 ? (
          <>
            <p>Nothing can be imported while the file has problems. Correct these lines in the file, then choose it again.</p>
            {report.problems.length >= problemLimit ? <p>PlanWell lists the first {problemLimit.toLocaleString('en-GB')} problems. There may be more.</p> : null}
          </>
        ) : toImport === 0 ? (
          <p>The file has no entries to import.</p>
        ) : null}
        <div className="nhsuk-button-group">
          {report.problems.length === 0 && toImport > 0 ? (
            <button className="nhsuk-button" type="button" disabled={busy !== null} onClick={() => void importRows()}>
              Import {countWords(toImport, 'entry', 'entries')}
            </button>
          ) : null}
          <button className="nhsuk-button nhsuk-button--secondary" type="button" disabled={busy !== null} onClick={() => go({ name: 'choose' })}>
            Choose a different file
          </button>
        </div>
        {status}
        {report.problems.length > 0 ? (
          <TableScroll label="Problems, by line of the file">
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--m">Problems, by line of the file</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Line
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Problem
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {report.problems.map((problem, index) => (
                  // A line can have several problems, and a message can repeat on several lines.
                  <tr className="nhsuk-table__row" key={index}>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{problem.line.toLocaleString('en-GB')}</td>
                    <td className="nhsuk-table__cell">{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </Main>
    );
  }

  const { file, report } = step;
  return (
    <Main>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel">
            <h1 className="nhsuk-panel__heading" {...headingProps}>
              Directory imported
            </h1>
            <div className="nhsuk-panel__body">
              <p>
                From {file.name}: {countWords(report.added, 'entry', 'entries')} added and {countWords(report.updated, 'entry', 'entries')} changed.
              </p>
            </div>
          </div>
          <div className="nhsuk-button-group">
            <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => go({ name: 'choose' })}>
              Import another file
            </button>
          </div>
          <p>
            <Link href="/directory?">Go to the directory</Link>
          </p>
        </div>
      </div>
    </Main>
  );
}
