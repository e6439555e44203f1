import type { z } from 'zod';
import {
  contract,
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

export function zodIssuesToFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
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
    const parsed = (definition.input as z.ZodType).safeParse(input);
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
