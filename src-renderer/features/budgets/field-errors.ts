import { get } from 'react-hook-form';

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
