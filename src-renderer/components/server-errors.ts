import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
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

/** The error summary's entries, in the order the fields appear on the page. */
export function summaryErrors<Values extends FieldValues>(
  errors: FieldErrors<Values>,
  fields: readonly Path<Values>[],
  formMessage: string | null,
): SummaryError[] {
  const list: SummaryError[] = formMessage ? [{ message: formMessage }] : [];
  for (const field of fields) {
    const message = errors[field]?.message;
    if (typeof message === 'string') list.push({ fieldId: field, message });
  }
  return list;
}
