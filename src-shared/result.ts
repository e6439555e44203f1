/**
 * What crosses the process boundary. Results, not thrown errors, because Electron's
 * ipcMain.handle keeps only the message of a thrown error.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field of the input, in words a member of staff can act on. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorBody };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T = never>(error: AppErrorBody): Result<T> {
  return { ok: false, error };
}
