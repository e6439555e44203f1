import { useEffect, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import { invoke } from './client';

export type AnswerFor<C extends ChannelName> = ChannelOutput<C> & {
  /** The place (the address) the answer is for: an answer for any other place is stale. */
  href: string;
};

/**
 * Asks a channel for the place in the address, and again whenever it changes (`input` must be
 * memoised on the place). The answer keeps the place it is for, so a list can show it is
 * catching up; an answer to a question no longer asked is dropped.
 */
export function useAnswerFor<C extends ChannelName>(channel: C, href: string, input: ChannelInput<C>): { answer: AnswerFor<C> | null; error: string | null } {
  const [answer, setAnswer] = useState<AnswerFor<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void invoke(channel, input).then((result) => {
      if (!live) return;
      if (result.ok) {
        setAnswer(Object.assign({ href }, result.value));
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [channel, href, input]);
  return { answer, error };
}
