import type { z } from 'zod';
import { auditChannels } from './audit';
import { backupsChannels } from './backups';
import { budgetsChannels } from './budgets';
import { exportsChannels } from './exports';
import { authChannels } from './auth';
import { importChannels } from './import';
import { peopleChannels } from './people';
import { plansChannels } from './plans';
import { reviewsChannels } from './reviews';
import { settingsChannels } from './settings';
import { socialPrescribingChannels } from './social-prescribing';
import { staffChannels } from './staff';
import type { ChannelDefinition } from './channel';

/** Every channel the renderer may call. The dispatcher refuses anything not named here. */
export const contract = {
  ...authChannels,
  ...settingsChannels,
  ...staffChannels,
  ...auditChannels,
  ...peopleChannels,
  ...importChannels,
  ...plansChannels,
  ...budgetsChannels,
  ...reviewsChannels,
  ...exportsChannels,
  ...socialPrescribingChannels,
  ...backupsChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;

export type ChannelInput<C extends ChannelName> =
  Contract[C] extends ChannelDefinition<infer I, unknown> ? z.input<I> : never;
export type ChannelParsedInput<C extends ChannelName> =
  Contract[C] extends ChannelDefinition<infer I, unknown> ? z.output<I> : never;
export type ChannelOutput<C extends ChannelName> =
  Contract[C] extends ChannelDefinition<z.ZodType, infer O> ? O : never;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type { ChannelDefinition, Permission } from './channel';
export * from './audit';
export * from './auth';
export * from './backups';
export * from './budgets';
export * from './exports';
export * from './import';
export * from './permissions';
export * from './people';
export * from './plans';
export * from './reviews';
export * from './settings';
export * from './social-prescribing';
export * from './staff';
