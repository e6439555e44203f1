import { useEffect, useState, type ReactNode } from 'react';
import type { DefaultValues, FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import type { Person } from '../../../../src-shared/contract';
import type { AppErrorBody, Result } from '../../../../src-shared/result';
import { invoke } from '../../../api/client';
import { Main } from '../../../app/Main';
import { useFormDraft, useOpenFormsDraftStatus } from '../../../app/drafts';
import { ErrorSummary, type SummaryError } from '../../../components/ErrorSummary';
import { usePageTitle } from '../../../components/PageTitle';
import { RestoredDraftNotice, SaveStatus } from '../../../components/SaveStatus';
import { applyServerError } from '../../../components/server-errors';
import { PersonHeader } from './PersonHeader';
import { personHref, personName, usePersonRecord } from './PersonRecord';

/** The id of the button that reloads a record someone else has changed; the error summary links to it. */
export const reloadButtonId = 'reload-record';

/**
 * A CONFLICT with no field named is a stale record: someone saved after this screen opened (or
 * closed or reopened the record). A CONFLICT naming a field, such as a duplicate NHS number, is
 * an answer to correct instead.
 */
export function isStaleRecord(error: AppErrorBody): boolean {
  return error.code === 'CONFLICT' && !error.issues?.length;
}

/**
 * What goes wrong on a screen about a person, for the error summary. A stale record leads the
 * list and links to the button that reloads it.
 */
export function recordSummaryErrors(fieldErrors: SummaryError[], formMessage: string | null, stale: boolean): SummaryError[] {
  if (!formMessage) return fieldErrors;
  return [stale ? { fieldId: reloadButtonId, message: formMessage } : { message: formMessage }, ...fieldErrors];
}

/** The error summary, and when someone else has changed the record, the way to see their changes. */
export function RecordErrorSummary({ errors, stale, onReload, reloadLabel = 'Reload the record with their changes' }: { errors: SummaryError[]; stale: boolean; onReload: () => void; reloadLabel?: string }) {
  return (
    <>
      <ErrorSummary errors={errors} />
      {stale ? (
        <button type="button" id={reloadButtonId} className="nhsuk-button nhsuk-button--secondary" onClick={onReload}>
          {reloadLabel}
        </button>
      ) : null}
    </>
  );
}

interface RecordFormOptions<Values extends FieldValues, Transformed extends Values> {
  form: UseFormReturn<Values, unknown, Transformed>;
  /** The form's fields, in page order, for placing errors from the main process. */
  fields: readonly Path<Values>[];
  /** Kept as a draft as it is typed, for example `person:<id>:details`. */
  draftKey: string;
  /** The form's values for a record, to start again from someone else's changes. */
  valuesFor: (person: Person) => DefaultValues<NoInfer<Values>>;
  /** Places errors whose paths are not the form's own field names. */
  placeServerError?: (error: AppErrorBody) => string | null;
}

/**
 * What every form about a person shares: its draft, the error summary's message, a stale record
 * and reloading it, and going back to their page with a notice once saved.
 */
export function useRecordForm<Values extends FieldValues, Transformed extends Values>({ form, fields, draftKey, valuesFor, placeServerError }: RecordFormOptions<Values, Transformed>) {
  const record = usePersonRecord();
  const [, navigate] = useLocation();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const draft = useFormDraft(draftKey, form);
  const { reset, setError, setFocus } = form;

  /** Call before sending. */
  const starting = () => {
    setFormMessage(null);
    setStale(false);
  };

  /** Back to the person page once saved; otherwise the error goes by its field or in the summary. */
  const finish = async (result: Result<Person>, notice: string) => {
    if (result.ok) {
      await draft.discard();
      navigate(personHref(result.value.id));
      record.changed(result.value, notice);
    } else if (isStaleRecord(result.error)) {
      setStale(true);
      setFormMessage(result.error.message);
    } else {
      setFormMessage(placeServerError ? placeServerError(result.error) : applyServerError(result.error, fields, setError));
    }
  };

  /** Nothing to save: back to their page without writing anything. */
  const unchanged = async () => {
    await draft.discard();
    navigate(personHref(record.person.id));
    record.changed(record.person, 'Nothing was changed.');
  };

  const reload = async () => {
    const result = await record.reload();
    if (!result.ok) {
      setFormMessage(result.error.message);
      return;
    }
    setStale(false);
    setFormMessage(null);
    // Reset first: the draft then knows these values are kept in the record, not typed.
    reset(valuesFor(result.value));
    await draft.discard();
    const first = fields[0];
    if (first) setFocus(first);
  };

  return { person: record.person, formMessage, stale, draft, starting, finish, unchanged, reload };
}

interface RecordEditPageProps {
  title: string;
  errors: SummaryError[];
  stale: boolean;
  onReload: () => void;
  /** When a draft was restored, its time; the page says so. */
  restoredAt?: string | null;
  children: ReactNode;
}

/** A screen that changes part of a person's record: their header and flag first, then the form. */
export function RecordEditPage({ title, errors, stale, onReload, restoredAt, children }: RecordEditPageProps) {
  const { person, clearNotice } = usePersonRecord();
  // Each screen's form is reached through useRecordForm, which its screen holds; the status comes from the open form.
  const draftStatus = useOpenFormsDraftStatus();
  usePageTitle(`${title} – ${personName(person)}`);
  // A notice belongs to the person page it was shown on.
  useEffect(() => clearNotice(), [clearNotice]);
  return (
    <Main>
      <Link className="nhsuk-back-link" href={personHref(person.id)}>
        Back to {personName(person)}&apos;s record
      </Link>
      <RecordErrorSummary errors={errors} stale={stale} onReload={onReload} />
      <PersonHeader person={person} title={title} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <RestoredDraftNotice restoredAt={restoredAt} />
          {children}
          <SaveStatus status={draftStatus} />
        </div>
      </div>
    </Main>
  );
}

/** Active staff to assign as a person's worker, with whoever is assigned now even if no longer active. */
export function useStaffOptions(current?: { id: string | null; name: string | null }): { value: string; label: string }[] | null {
  const [directory, setDirectory] = useState<{ id: string; fullName: string }[] | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('staff.directory', {}).then((result) => {
      if (live) setDirectory(result.ok ? result.value : []);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!directory) return null;
  const options = [{ value: '', label: 'Nobody' }, ...directory.map((member) => ({ value: member.id, label: member.fullName }))];
  if (current?.id && !directory.some((member) => member.id === current.id)) {
    options.push({ value: current.id, label: `${current.name ?? 'Unknown'} (no longer active)` });
  }
  return options;
}

/**
 * A change link's request to put the cursor in one field of the screen it opens. `fields` must
 * be a constant; `ready` is false while the field is not on the page yet.
 */
export function useFocusRequested<Values extends FieldValues>(form: { setFocus: UseFormReturn<Values>['setFocus'] }, fields: readonly Path<Values>[], ready = true) {
  const { setFocus } = form;
  useEffect(() => {
    if (!ready) return;
    const state: unknown = window.history.state;
    const requested = state && typeof state === 'object' && 'focus' in state ? state.focus : null;
    const field = fields.find((f) => f === requested);
    if (field) setFocus(field);
  }, [setFocus, fields, ready]);
}
