import type { ErrorCode, FieldIssue } from '../../src-shared/result';

/** An expected refusal, with a message fit to show the member of staff as it is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string, issues?: FieldIssue[]) => new AppError('CONFLICT', message, issues);
export const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);
