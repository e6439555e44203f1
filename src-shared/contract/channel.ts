import type { z } from 'zod';

import type { Permission } from './permissions';

export interface ChannelDefinition<Input extends z.ZodType, Output> {
  input: Input;
  permission: Permission;
  /** Answered while the app is locked; every other channel answers LOCKED. */
  allowedWhenLocked?: boolean;
  /** Phantom: carries the output type to the client; never set at run time. */
  readonly output?: Output;
}

export type { Permission };

/** Declares a channel: the output type is written, the input type comes from the schema. */
export function channel<Output>() {
  return <Input extends z.ZodType>(definition: {
    input: Input;
    permission: Permission;
    allowedWhenLocked?: boolean;
  }): ChannelDefinition<Input, Output> => definition;
}
