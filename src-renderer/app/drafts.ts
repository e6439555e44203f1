import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { DraftValues } from '../../src-shared/contract';
import { invoke } from '../api/client';

/**
 * Nothing typed is lost when PlanWell locks: each open form registers here, and before the
 * session is locked every registered form's input is saved as a draft for this user.
 */
const sources = new Map<string, () => DraftValues>();

export async function saveAllDrafts(): Promise<void> {
  await Promise.all([...sources].map(([key, read]) => invoke('drafts.save', { key, values: read() })));
}

/** Restores a saved draft into the form when it opens, and registers the form for saving. */
export function useFormDraft<Values extends FieldValues>(key: string, form: UseFormReturn<Values>) {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const { getValues, reset } = form;
  const loaded = useRef(false);

  useEffect(() => {
    sources.set(key, () => getValues() as DraftValues);
    return () => {
      sources.delete(key);
    };
  }, [key, getValues]);

  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    void invoke('drafts.get', { key }).then((result) => {
      if (result.ok && result.value) {
        reset({ ...getValues(), ...(result.value.values as Partial<Values>) });
        setRestoredAt(result.value.savedAt);
      }
    });
  }, [key, getValues, reset]);

  /** Once the form is saved for real, its draft is no longer needed. */
  const discard = async () => {
    await invoke('drafts.discard', { key });
    setRestoredAt(null);
  };

  return { restoredAt, discard };
}
