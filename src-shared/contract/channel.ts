import type { z } from 'zod';

/**
 * Who may call a channel. `public` channels serve set-up and log-in; everything else needs a
 * signed-in, unlocked session. Later roles refine `signed-in`; the dispatcher denies anything else.
 */
export type Permission = 'public' | 'signed-in';

export interface ChannelDefinition<Input extends z.ZodType, Output> {
  input: Input;
  permission: Permission;
  /** Answered while the app is locked; every other channel answers LOCKED. */
  allowedWhenLocked?: boolean;
  /** Phantom: carries the output type to the client; never set at run time. */
  readonly output?: Output;
}

/** Declares a channel: the output type is written, the input type comes from the schema. */
export function channel<Output>() {
  return <Input extends z.ZodType>(definition: {
    input: Input;
    permission: Permission;
    allowedWhenLocked?: boolean;
  }): ChannelDefinition<Input, Output> => definition;
}
