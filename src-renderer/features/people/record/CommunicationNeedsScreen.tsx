import { Fragment } from 'react';
import { useForm, useWatch, type FieldError, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { communicationNeedsSchema, type Person } from '../../../../src-shared/contract';
import {
  communicationNeedKindLabels,
  communicationNeedKinds,
  communicationNeeds,
  type CommunicationNeedKind,
} from '../../../../src-shared/domain/accessible-information';
import type { AppErrorBody } from '../../../../src-shared/result';
import { invoke } from '../../../api/client';
import type { SummaryError } from '../../../components/ErrorSummary';
import { describedByIds, FieldMessages } from '../../../components/FieldMessages';
import { SaveOrCancel } from '../../../components/SaveOrCancel';
import { TextArea } from './form-fields';
import { personHref, usePersonRecord } from './PersonRecord';
import { RecordEditPage, recordSummaryErrors, useFocusRequested, useRecordForm } from './record-form';

/*
 * The form keeps one checkbox per need and one detail box per need, flat (drafts are flat); the
 * contract's schema checks the list of needs it makes, and its errors come back to those boxes.
 */
type NeedKey = `${CommunicationNeedKind}:${string}`;
type DetailField = `detail:${NeedKey}`;
interface NeedsForm {
  chosen: NeedKey[];
  notes: string;
  [detail: DetailField]: string;
}
type NeedsInput = z.input<typeof communicationNeedsSchema>;

const needKey = (kind: CommunicationNeedKind, need: string): NeedKey => `${kind}:${need}`;
const detailField = (key: NeedKey): DetailField => `detail:${key}`;
/** The first checkbox carries the id the error summary links to for the list as a whole. */
const chosenId = 'chosen';
const fields = ['chosen', 'notes'] as const;

function splitKey(key: NeedKey): { kind: CommunicationNeedKind; need: string } {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as CommunicationNeedKind, need: key.slice(at + 1) };
}

function needsInput(personId: string, values: NeedsForm): NeedsInput {
  return {
    personId,
    needs: values.chosen.map((key) => ({ ...splitKey(key), detail: values[detailField(key)] ?? '' })),
    notes: values.notes,
  };
}

function needsValues(person: Person): NeedsForm {
  const values: NeedsForm = { chosen: [], notes: person.communicationNotes };
  for (const need of person.communicationNeeds) {
    const key = needKey(need.kind, need.need);
    values.chosen.push(key);
    values[detailField(key)] = need.detail;
  }
  return values;
}

/** Which box a problem with the list of needs belongs to: needs.2.detail is the third chosen need's detail. */
function fieldForPath(path: readonly PropertyKey[], chosen: readonly NeedKey[]): keyof NeedsForm {
  if (path[0] === 'notes') return 'notes';
  const key = path[0] === 'needs' && path[2] === 'detail' ? chosen[Number(path[1])] : undefined;
  return key ? detailField(key) : 'chosen';
}

function placeErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[], chosen: readonly NeedKey[]) {
  const errors: Partial<Record<keyof NeedsForm, FieldError>> = {};
  for (const issue of issues) {
    const field = fieldForPath(issue.path, chosen);
    errors[field] ??= { type: 'validate', message: issue.message };
  }
  return errors;
}

/** Labels for the detail box: what is worth adding for each need. */
function detailLabel(need: string): { label: string; hint?: string } {
  if (need === 'other') return { label: 'Describe it in their words' };
  if (need === 'language-interpreter') return { label: 'Which language (optional)', hint: 'For example, Polish or Urdu' };
  return { label: 'Details (optional)' };
}

/** The Accessible Information Standard's four kinds of need, each need with its own detail, and notes. */
export function CommunicationNeedsScreen() {
  const { person } = usePersonRecord();
  const resolver: Resolver<NeedsForm> = (values) => {
    const parsed = communicationNeedsSchema.safeParse(needsInput(person.id, values));
    if (parsed.success) return { values, errors: {} };
    return { values: {}, errors: placeErrors(parsed.error.issues, values.chosen) };
  };
  const form = useForm<NeedsForm>({ resolver, defaultValues: needsValues(person) });
  const { register, handleSubmit, formState, setError, getValues, control } = form;
  const { errors, isSubmitting } = formState;
  const chosen = useWatch({ control, name: 'chosen' });
  useFocusRequested(form, fields);

  const placeServerError = (error: AppErrorBody): string | null => {
    const issues = (error.issues ?? []).map((issue) => ({ path: issue.path.split('.'), message: issue.message }));
    const chosenNow = getValues('chosen');
    for (const issue of issues) setError(fieldForPath(issue.path, chosenNow), { type: 'server', message: issue.message });
    return issues.length > 0 ? null : error.message;
  };
  const record = useRecordForm({
    form,
    fields,
    draftKey: `person:${person.id}:communication`,
    valuesFor: needsValues,
    placeServerError,
  });

  const submit = handleSubmit(async (values) => {
    record.starting();
    const input = communicationNeedsSchema.parse(needsInput(person.id, values));
    const signature = (needs: readonly { kind: string; need: string; detail: string }[]) =>
      needs.map((n) => `${n.kind}/${n.need}/${n.detail}`).sort().join('|');
    if (signature(input.needs) === signature(person.communicationNeeds) && input.notes === person.communicationNotes) return record.unchanged();
    await record.finish(await invoke('people.setCommunicationNeeds', { ...input, rowVersion: person.rowVersion }), 'Communication needs saved.');
  });

  // In page order: each kind's boxes, then the notes.
  const fieldErrors: SummaryError[] = [];
  if (errors.chosen?.message) fieldErrors.push({ fieldId: chosenId, message: errors.chosen.message });
  for (const key of chosen) {
    const message = errors[detailField(key)]?.message;
    if (message) fieldErrors.push({ fieldId: detailField(key), message });
  }
  if (errors.notes?.message) fieldErrors.push({ fieldId: 'notes', message: errors.notes.message });

  return (
    <RecordEditPage
      title="Change communication needs"
      errors={recordSummaryErrors(fieldErrors, record.formMessage, record.stale)}
      stale={record.stale}
      onReload={() => void record.reload()}
      restoredAt={record.draft.restoredAt}
    >
      <p>
        Ask how they need information and support to communicate, and record it here. It is shown at the top of every screen about them and
        decides the format of their plan.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {communicationNeedKinds.map((kind, kindIndex) => {
          const listError = kindIndex === 0 ? errors.chosen?.message : undefined;
          const fieldsetId = `needs-${kind}`;
          return (
            <div className={`nhsuk-form-group${listError ? ' nhsuk-form-group--error' : ''}`} key={kind}>
              <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(fieldsetId, true, listError)}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                  <h2 className="nhsuk-fieldset__heading">{communicationNeedKindLabels[kind]}</h2>
                </legend>
                <FieldMessages id={fieldsetId} hint="Select all that apply." error={listError} />
                <div className="nhsuk-checkboxes">
                  {Object.entries(communicationNeeds[kind]).map(([need, label], needIndex) => {
                    const key = needKey(kind, need);
                    const checkboxId = kindIndex === 0 && needIndex === 0 ? chosenId : `need-${kind}-${need}`;
                    const detail = detailField(key);
                    const detailError = errors[detail]?.message;
                    const { label: detailText, hint } = detailLabel(need);
                    return (
                      <Fragment key={key}>
                        <div className="nhsuk-checkboxes__item">
                          <input className="nhsuk-checkboxes__input" id={checkboxId} type="checkbox" value={key} {...register('chosen')} />
                          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={checkboxId}>
                            {label}
                          </label>
                        </div>
                        {chosen.includes(key) ? (
                          <div className="nhsuk-checkboxes__conditional">
                            <div className={`nhsuk-form-group${detailError ? ' nhsuk-form-group--error' : ''}`}>
                              <label className="nhsuk-label" htmlFor={detail}>
                                <span className="nhsuk-u-visually-hidden">{label}: </span>
                                {detailText}
                              </label>
                              <FieldMessages id={detail} hint={hint} error={detailError} />
                              <input
                                className={`nhsuk-input${detailError ? ' nhsuk-input--error' : ''}`}
                                id={detail}
                                autoComplete="off"
                                aria-describedby={describedByIds(detail, hint, detailError)}
                                aria-invalid={detailError ? true : undefined}
                                {...register(detail)}
                              />
                            </div>
                          </div>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </div>
              </fieldset>
            </div>
          );
        })}
        <TextArea
          id="notes"
          label="Anything else about how they communicate (optional)"
          hint="In their words. This is shown with their needs."
          rows={4}
          error={errors.notes?.message}
          registration={register('notes')}
        />
        <SaveOrCancel label="Save communication needs" submitting={isSubmitting} cancelHref={personHref(person.id)} onCancel={() => void record.draft.discard()} />
      </form>
    </RecordEditPage>
  );
}
