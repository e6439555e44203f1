import { useEffect, useState } from 'react';
import type { SocialPrescribingOptions } from '../../../src-shared/contract';
import { invoke } from '../../api/client';

/**
 * The practice's referral reasons, directory categories and status codes (data, not code), asked
 * for when a screen opens. `error` says why they could not be read.
 */
export function useSocialPrescribingOptions(): { options: SocialPrescribingOptions | null; error: string | null; setOptions: (options: SocialPrescribingOptions) => void } {
  const [options, setOptions] = useState<SocialPrescribingOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('socialPrescribing.options', {}).then((result) => {
      if (!live) return;
      if (result.ok) setOptions(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, []);
  return { options, error, setOptions };
}
