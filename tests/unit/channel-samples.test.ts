import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../src-shared/contract';
import { channelNames, channelSamples } from '../fixtures/channel-samples';

describe('the channel samples the permission tests use', () => {
  it('name every channel in the contract, and nothing else', () => {
    expect(Object.keys(channelSamples).sort()).toEqual(Object.keys(contract).sort());
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort());
  });

  for (const channel of channelNames) {
    it(`${channel}: the sample is valid input`, () => {
      const result = (contract[channel].input as z.ZodType).safeParse(channelSamples[channel]);
      expect(result.success ? [] : result.error.issues).toEqual([]);
    });
  }
});
