import type { z } from 'zod';
import {
  contract,
  importMaximumCharacters,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type Permission,
} from '../../src-shared/contract';
import { failure, ok, type FieldIssue, type Result } from '../../src-shared/result';
import { damageMessage, DatabaseOpenError, isDamageError } from '../db/open';
import { AppError } from './errors';

/** Where the session stands when a request arrives. */
export type Access =
  | { state: 'signed-out' | 'locked' }
  | { state: 'signed-in'; permissions: ReadonlySet<Permission>; mustChangePassword: boolean };

export type Handler<C extends ChannelName, Context> = (
  input: ChannelParsedInput<C>,
  context: Context,
) => Promise<ChannelOutput<C>>;

export type Handlers<Context> = { [C in ChannelName]: Handler<C, Context> };

export interface DispatcherOptions<Context> {
  handlers: Handlers<Context>;
  /** Where the session stands right now; asked on every call. */
  access: () => Access;
  context: () => Context;
  /** Internal errors are logged here, in the main process, and never sent to the renderer. */
  logError: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

export const diskFullMessage =
  'The disk is full, so this was not saved. Free some space on this computer (or ask your IT support to), then save again. What you typed is still here, and nothing saved before has changed.';

/** SQLite's "database or disk is full", and the file system's no space left or quota used up (the key file, the audit head). */
export function isDiskFullError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

export function zodIssuesToFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Bounds on a request's input, checked before zod sees it. zod walks a value recursively, so input
 * nested thousands of levels deep, or a cycle (Electron's structured clone carries cycles), would
 * overflow the stack and throw out of the dispatcher; a value shared many times over, or a vast
 * one, would hold the main process. No form nests more than a dozen levels, and the largest input
 * is an import file's text.
 */
export const inputLimits = { depth: 64, values: 1_000_000, characters: importMaximumCharacters + 1024 * 1024 } as const;

const nestedTooDeeply = 'PlanWell cannot read this request: it is nested too deeply.';
const tooLarge = 'PlanWell cannot read this request: it is too large.';

/** Why this input is refused before it is parsed, or null. Iterative, so it cannot overflow the stack itself. */
export function inputShapeProblem(input: unknown): string | null {
  const pending: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  let values = 1;
  let characters = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value === 'string') {
      characters += value.length;
      if (characters > inputLimits.characters) return tooLarge;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= inputLimits.depth) return nestedTooDeeply;
    if (Array.isArray(value)) {
      values += value.length;
      if (values > inputLimits.values) return tooLarge;
      for (const item of value as unknown[]) pending.push({ value: item, depth: depth + 1 });
      continue;
    }
    // Maps, Dates, typed arrays…: zod refuses them wherever it does not expect them, without looking inside.
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) continue;
    const keys = Object.keys(value);
    values += keys.length;
    if (values > inputLimits.values) return tooLarge;
    for (const key of keys) {
      characters += key.length;
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The one way into the services, whatever the transport: refuses unknown channels, answers LOCKED,
 * UNAUTHENTICATED and FORBIDDEN before looking at the input (deny by default: a channel's
 * permission must be one the user's roles grant), parses the input with the channel's schema,
 * then runs the handler and turns every outcome into a Result.
 */
export function createDispatcher<Context>(options: DispatcherOptions<Context>): Dispatch {
  return async function dispatch(channel, input) {
    if (!isChannelName(channel)) {
      return failure({ code: 'NOT_FOUND', message: 'PlanWell does not know that request.' });
    }
    const definition = contract[channel];
    const access = options.access();
    const permission: Permission = definition.permission;
    if (access.state === 'locked' && !('allowedWhenLocked' in definition && definition.allowedWhenLocked)) {
      return failure({ code: 'LOCKED', message: 'PlanWell is locked. Enter your password to unlock it.' });
    }
    if (permission !== 'public') {
      if (access.state !== 'signed-in') return failure({ code: 'UNAUTHENTICATED', message: 'Log in to continue.' });
      if (access.mustChangePassword && permission !== 'session') {
        return failure({ code: 'FORBIDDEN', message: 'Choose your own password before you carry on.' });
      }
      if (!access.permissions.has(permission)) {
        return failure({ code: 'FORBIDDEN', message: 'Your role in PlanWell does not allow this.' });
      }
    }
    const shapeProblem = inputShapeProblem(input);
    if (shapeProblem) return failure({ code: 'INVALID_INPUT', message: shapeProblem });
    let parsed: ReturnType<z.ZodType['safeParse']>;
    try {
      parsed = (definition.input as z.ZodType).safeParse(input);
    } catch (error) {
      // A schema's own refinement threw on this input: its bug, logged and answered like a handler's.
      options.logError(channel, error);
      return failure({ code: 'INTERNAL', message: 'Something went wrong and the request was not completed. Nothing was changed.' });
    }
    if (!parsed.success) {
      const issues = zodIssuesToFieldIssues(parsed.error);
      return failure({ code: 'INVALID_INPUT', message: 'Some answers need correcting.', issues });
    }
    const handler = options.handlers[channel] as Handler<ChannelName, Context>;
    try {
      return ok(await handler(parsed.data as ChannelParsedInput<ChannelName>, options.context()));
    } catch (error) {
      if (error instanceof AppError) {
        return failure({ code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) });
      }
      // Out of disk space: SQLite rolled the transaction back, so nothing was half-saved; say what to do.
      if (isDiskFullError(error)) {
        options.logError(channel, error);
        return failure({ code: 'INTERNAL', message: diskFullMessage });
      }
      // A damaged or altered file is said so, whatever was asked: never a half-answer from it.
      if (error instanceof DatabaseOpenError || isDamageError(error)) {
        options.logError(channel, error);
        return failure({ code: 'INTERNAL', message: damageMessage });
      }
      options.logError(channel, error);
      return failure({ code: 'INTERNAL', message: 'Something went wrong and the request was not completed. Nothing was changed.' });
    }
  };
}
