import { get, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import type { AppErrorBody } from '../../src-shared/result';
import type { SummaryError } from './ErrorSummary';

/**
 * Puts an error from the main process onto the form: field issues by their field, anything else
 * as one message for the error summary. The main process checks with the same schema, so its
 * field paths are the form's field names.
 */
export function applyServerError<Values extends FieldValues>(
  error: AppErrorBody,
  fields: readonly Path<Values>[],
  setError: UseFormSetError<Values>,
): string | null {
  let placedAny = false;
  let unplaced: string | null = null;
  for (const issue of error.issues ?? []) {
    const field = fields.find((f) => f === issue.path);
    if (field) {
      setError(field, { type: 'server', message: issue.message });
      placedAny = true;
    } else {
      unplaced ??= issue.message;
    }
  }
  if (unplaced) return unplaced;
  return placedAny ? null : error.message;
}

/**
 * The message of the error at a field's path (or, for a list, about the list as a whole), if it
 * has one. Paths are the contract's, so they reach into lists and choices the form holds as a whole.
 */
export function errorAt(errors: object, path: string): string | undefined {
  for (const at of [path, `${path}.root`]) {
    const error: unknown = get(errors, at);
    if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' && error.message) return error.message;
  }
  return undefined;
}

/**
 * The error summary's entries, in the order the fields appear on the page; `fieldId` names the
 * control a field's entry links to when it is not the field's own name.
 */
export function summaryErrors<Values extends FieldValues, Field extends Path<Values>>(
  errors: object,
  fields: readonly Field[],
  formMessage: string | null,
  fieldId: (field: Field) => string = (field) => field,
): SummaryError[] {
  const list: SummaryError[] = formMessage ? [{ message: formMessage }] : [];
  for (const field of fields) {
    const message = errorAt(errors, field);
    if (message) list.push({ fieldId: fieldId(field), message });
  }
  return list;
}
