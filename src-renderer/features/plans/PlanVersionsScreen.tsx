import { useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { PlanVersionSummary } from '../../../src-shared/contract';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { columnHelper, DataTable } from '../../components/DataTable';
import { FieldMessages, describedByIds } from '../../components/FieldMessages';
import { usePersonRecord } from '../people/record/PersonRecord';
import { planHref } from './plan-view-links';
import { Loading, PlanPage, PlanStatusTag, usePlanVersions } from './plan-view-page';

/** A row of the history: the version, and the one before it to compare with. */
interface VersionRow {
  version: PlanVersionSummary;
  previous: PlanVersionSummary | undefined;
}

const column = columnHelper<VersionRow>();
const compareToId = 'compare-to';

function versionColumns(personId: string) {
  return column.columns([
    column.accessor((row) => row.version.version, {
      id: 'version',
      header: 'Version',
      cell: (info) => <Link href={planHref(personId, '', { version: info.row.original.version.id })}>Version {info.getValue()}</Link>,
    }),
    column.accessor((row) => row.version.status, { id: 'status', header: 'Status', cell: (info) => <PlanStatusTag status={info.getValue()} /> }),
    column.accessor((row) => row.version.agreedOn, { id: 'agreedOn', header: 'Agreed on', cell: (info) => (info.getValue() ? formatDate(info.getValue() ?? '') : 'Not agreed') }),
    column.accessor((row) => row.version.reviewDate, { id: 'reviewDate', header: 'Review date', cell: (info) => (info.getValue() ? formatDate(info.getValue()) : 'Not set') }),
    column.accessor((row) => row.version.updatedAt, {
      id: 'updatedAt',
      header: 'Last changed',
      cell: (info) => (
        <>
          <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time>
          {info.row.original.version.updatedByName ? ` by ${info.row.original.version.updatedByName}` : ''}
        </>
      ),
    }),
    column.display({
      id: 'changes',
      header: 'What changed',
      cell: (info) => {
        const { version, previous } = info.row.original;
        if (!previous) return 'The first version';
        return (
          <Link href={planHref(personId, '/compare', { from: previous.id, to: version.id })}>
            Compare with version {previous.version}
            <span className="nhsuk-u-visually-hidden"> (changes in version {version.version})</span>
          </Link>
        );
      },
    }),
  ]);
}

/** Every version of the plan, each readable in full, and any two compared side by side. */
export function PlanVersionsScreen() {
  const { person } = usePersonRecord();
  const { versions, error } = usePlanVersions(person.id);
  const [compareError, setCompareError] = useState<string | null>(null);
  const columns = useMemo(() => versionColumns(person.id), [person.id]);
  const rows = useMemo(() => (versions ?? []).map((version, index) => ({ version, previous: versions?.[index + 1] })), [versions]);

  return (
    <PlanPage
      title="Plan version history"
      back={{ href: planHref(person.id), text: 'Back to the plan' }}
      errors={[...(error ? [{ message: error }] : []), ...(compareError ? [{ fieldId: compareToId, message: compareError }] : [])]}
    >
      {!versions ? (
        <Loading what="Opening the version history…" />
      ) : versions.length === 0 ? (
        <p>There are no versions of the plan yet.</p>
      ) : (
        <>
          <p>Agreed versions never change. Changing the plan starts a new version; once it is agreed, the one before is marked as replaced.</p>
          <DataTable columns={columns} data={rows} caption="Versions of the plan, newest first" captionVisible rowId={(row) => row.version.id} />
          {versions.length > 1 ? <CompareForm personId={person.id} versions={versions} error={compareError} onError={setCompareError} /> : null}
        </>
      )}
    </PlanPage>
  );
}

/** "Compare version [ ] with version [ ]": the earlier one always goes on the left. */
function CompareForm({ personId, versions, error, onError }: { personId: string; versions: PlanVersionSummary[]; error: string | null; onError: (message: string | null) => void }) {
  const [, navigate] = useLocation();
  const [from, setFrom] = useState(versions[1]?.id ?? '');
  const [to, setTo] = useState(versions[0]?.id ?? '');

  const compare = (event: FormEvent) => {
    event.preventDefault();
    const earlier = versions.find((v) => v.id === from);
    const later = versions.find((v) => v.id === to);
    if (!earlier || !later || earlier.id === later.id) return onError('Choose two different versions to compare');
    onError(null);
    const [before, after] = earlier.version < later.version ? [earlier, later] : [later, earlier];
    navigate(planHref(personId, '/compare', { from: before.id, to: after.id }));
  };

  const toError = error ?? undefined;
  const options = versions.map((v) => (
    <option key={v.id} value={v.id}>
      {v.version} ({v.agreedOn ? `agreed ${formatDate(v.agreedOn)}` : 'draft'})
    </option>
  ));
  return (
    <>
      <h2>Compare two versions</h2>
      <form noValidate onSubmit={compare} className="app-plan-compare-form">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="compare-from">
            Compare version
          </label>
          <select className="nhsuk-select" id="compare-from" value={from} onChange={(event) => setFrom(event.target.value)}>
            {options}
          </select>
        </div>
        <div className={`nhsuk-form-group${toError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor={compareToId}>
            with version
          </label>
          <FieldMessages id={compareToId} error={toError} />
          <select
            className={`nhsuk-select${toError ? ' nhsuk-select--error' : ''}`}
            id={compareToId}
            value={to}
            aria-describedby={describedByIds(compareToId, null, toError)}
            aria-invalid={toError ? true : undefined}
            onChange={(event) => setTo(event.target.value)}
          >
            {options}
          </select>
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary">
          Compare
        </button>
      </form>
    </>
  );
}
