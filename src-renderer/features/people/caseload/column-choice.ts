import { useCallback, useEffect, useState } from 'react';
import { invoke } from '../../../api/client';
import { defaultVisibleColumns, optionalColumns, type OptionalColumnId } from './columns';

/**
 * Which optional columns a member of staff shows, remembered per user in the database
 * (preferences 'caseload.columns'), and kept here too so coming back to the list does not flash
 * the defaults first.
 */
let remembered: { userId: string; visible: readonly OptionalColumnId[] } | null = null;

function known(ids: readonly string[]): OptionalColumnId[] {
  return optionalColumns.map((c) => c.id).filter((id) => ids.includes(id));
}

export function useColumnChoice(userId: string): {
  visible: readonly OptionalColumnId[];
  setVisible: (visible: readonly OptionalColumnId[]) => void;
  error: string | null;
} {
  const [visible, setVisibleState] = useState<readonly OptionalColumnId[]>(
    remembered?.userId === userId ? remembered.visible : defaultVisibleColumns,
  );
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void invoke('preferences.get', { key: 'caseload.columns' }).then((result) => {
      if (!current || !result.ok) return;
      const chosen = result.value === null ? defaultVisibleColumns : known(result.value);
      remembered = { userId, visible: chosen };
      setVisibleState(chosen);
    });
    return () => {
      current = false;
    };
  }, [userId]);

  const setVisible = useCallback(
    (next: readonly OptionalColumnId[]) => {
      remembered = { userId, visible: next };
      setVisibleState(next);
      void invoke('preferences.set', { key: 'caseload.columns', value: [...next] }).then((result) => {
        setError(result.ok ? null : `Your choice of columns could not be saved: ${result.error.message}`);
      });
    },
    [userId],
  );
  return { visible, setVisible, error };
}
