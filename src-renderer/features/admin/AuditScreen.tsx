import { useEffect, useState, type FormEvent } from 'react';
import {
  auditActionLabels,
  auditActions,
  auditFilterSchema,
  type AuditEvent,
  type AuditFilter,
  type AuditIntegrity,
  type StaffMember,
} from '../../../src-shared/contract';
import { formatNhsNumber } from '../../../src-shared/domain/nhs-number';
import { formatDateTime } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { columnHelper, DataTable, Pager, resultsSummary } from '../../components/DataTable';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';
import { downloadTextFile } from '../../components/download-file';
import { usePageTitle } from '../../components/PageTitle';

const pageSize = 100;
const column = columnHelper<AuditEvent>();
const columns = column.columns([
  column.accessor('seq', { header: 'No.' }),
  column.accessor('at', { header: 'Time', cell: (info) => formatDateTime(info.getValue()) }),
  column.accessor((event) => event.userName ?? '—', { id: 'user', header: 'Staff member' }),
  column.accessor((event) => auditActionLabels[event.action] ?? event.action, { id: 'action', header: 'Action' }),
  column.accessor((event) => event.personName ?? '', { id: 'person', header: 'Person' }),
  column.accessor('detail', { header: 'Detail' }),
  column.accessor((event) => (event.outcome === 'failure' ? 'Failed' : 'Done'), { id: 'outcome', header: 'Outcome' }),
]);

interface FilterForm {
  nhsNumber: string;
  userId: string;
  action: string;
  from: string;
  to: string;
}
const emptyForm: FilterForm = { nhsNumber: '', userId: '', action: '', from: '', to: '' };

/** Who viewed or changed which record, and when — for the practice's administrators. */
export function AuditScreen() {
  usePageTitle('Audit trail');
  const [form, setForm] = useState<FilterForm>(emptyForm);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [page, setPage] = useState(0);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [integrity, setIntegrity] = useState<AuditIntegrity | null>(null);
  const [busy, setBusy] = useState<'checking' | 'exporting' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void invoke('staff.list', {}).then((result) => result.ok && setStaff(result.value));
  }, []);

  useEffect(() => {
    let current = true;
    void invoke('audit.list', { filter, limit: pageSize, offset: page * pageSize }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setEvents(result.value.events);
        setTotal(result.value.total);
      } else {
        setErrors([{ message: result.error.message }]);
      }
    });
    return () => {
      current = false;
    };
  }, [filter, page]);

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    const candidate = Object.fromEntries(Object.entries(form).filter(([, value]) => value !== ''));
    const parsed = auditFilterSchema.safeParse(candidate);
    if (!parsed.success) {
      setErrors(parsed.error.issues.map((issue) => ({ fieldId: `filter-${String(issue.path[0])}`, message: issue.message })));
      return;
    }
    setErrors([]);
    setPage(0);
    setFilter(candidate as AuditFilter);
  };

  const check = async () => {
    setBusy('checking');
    setIntegrity(null);
    const result = await invoke('audit.verify', {});
    setBusy(null);
    if (result.ok) setIntegrity(result.value);
    else setErrors([{ message: result.error.message }]);
  };

  const exportCsv = async () => {
    setBusy('exporting');
    setNotice(null);
    const result = await invoke('audit.exportCsv', { filter });
    setBusy(null);
    if (!result.ok) return setErrors([{ message: result.error.message }]);
    downloadTextFile(result.value.fileName, result.value.csv);
    setNotice(
      `Exported ${result.value.rows.toLocaleString('en-GB')} events to ${result.value.fileName}.` +
        (result.value.truncated ? ' That is the most one export holds: narrow the filter for the rest.' : ''),
    );
  };

  const fieldError = (name: keyof FilterForm) => errors.find((e) => e.fieldId === `filter-${name}`)?.message;
  const input = (name: keyof FilterForm, label: string, type: string, hint?: string) => (
    <div className={`nhsuk-form-group${fieldError(name) ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <FieldMessages id={`filter-${name}`} hint={hint} error={fieldError(name)} />
      <input
        className="nhsuk-input nhsuk-input--width-10"
        id={`filter-${name}`}
        type={type}
        value={form[name]}
        aria-describedby={describedByIds(`filter-${name}`, hint, fieldError(name))}
        onChange={(event) => setForm({ ...form, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <Main>
      <ErrorSummary errors={errors} />
      <h1>Audit trail</h1>
      <p>Every view and change of a person&apos;s record, every export and every log-in, newest first.</p>
      <div className="nhsuk-button-group">
        <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={busy !== null} onClick={() => void check()}>
          {busy === 'checking' ? 'Checking…' : 'Check integrity'}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={busy !== null} onClick={() => void exportCsv()}>
          {busy === 'exporting' ? 'Exporting…' : 'Export as CSV'}
        </button>
      </div>
      <div role="status">
        {integrity ? (
          integrity.intact ? (
            <div className="nhsuk-inset-text">
              <p>
                <strong>Intact.</strong> All {integrity.events.toLocaleString('en-GB')} events are present and unchanged.
              </p>
            </div>
          ) : (
            <div className="nhsuk-warning-callout">
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  The audit trail is broken at event {integrity.firstBrokenSeq}
                </span>
              </h2>
              <p>{integrity.reason} Tell your practice manager and your data protection officer.</p>
            </div>
          )
        ) : null}
        {notice ? <p>{notice}</p> : null}
      </div>
      <details className="nhsuk-details" open>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Filter the events</span>
        </summary>
        <div className="nhsuk-details__text">
          <form noValidate onSubmit={applyFilter}>
            {input('nhsNumber', "Person's NHS number", 'text', 'For example, 943 476 5919')}
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-userId">
                Staff member
              </label>
              <select className="nhsuk-select" id="filter-userId" value={form.userId} onChange={(event) => setForm({ ...form, userId: event.target.value })}>
                <option value="">Anyone</option>
                {staff.map((member) => (
                  <option value={member.id} key={member.id}>
                    {member.fullName} ({member.username})
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-action">
                Action
              </label>
              <select className="nhsuk-select" id="filter-action" value={form.action} onChange={(event) => setForm({ ...form, action: event.target.value })}>
                <option value="">Any action</option>
                {auditActions.map((action) => (
                  <option value={action} key={action}>
                    {auditActionLabels[action]}
                  </option>
                ))}
              </select>
            </div>
            {input('from', 'From', 'date')}
            {input('to', 'To', 'date')}
            <div className="nhsuk-button-group">
              <button type="submit" className="nhsuk-button">
                Apply filters
              </button>
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => { setForm(emptyForm); setFilter({}); setPage(0); setErrors([]); }}>
                Clear filters
              </button>
            </div>
          </form>
        </div>
      </details>
      <p className="nhsuk-body" role="status" aria-live="polite">
        {total === null ? 'Loading…' : resultsSummary(page, pageSize, events.length, total, ['event', 'events'])}
        {filter.nhsNumber ? ` for NHS number ${formatNhsNumber(filter.nhsNumber)}` : ''}
      </p>
      <DataTable columns={columns} data={events} caption="Audit events" rowId={(event) => String(event.seq)} />
      <Pager page={page} pageSize={pageSize} total={total ?? 0} label="Audit trail pages" onPage={setPage} />
    </Main>
  );
}
