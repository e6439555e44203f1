import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppState, Permission } from '../../src-shared/contract';
import { invoke, onSessionEnded } from '../api/client';

interface AppStateValue {
  status: AppState | null;
  loadError: string | null;
  /** Asks the main process where the session stands, after log-in, lock, log-out and so on. */
  refresh(): Promise<void>;
}

const AppStateContext = createContext<AppStateValue | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AppState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await invoke('app.status', {});
    if (result.ok) {
      setStatus(result.value);
      setLoadError(null);
    } else {
      setLoadError(result.error.message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionEnded(() => void refresh());
  }, [refresh]);

  return <AppStateContext.Provider value={{ status, loadError, refresh }}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppStateValue {
  const value = useContext(AppStateContext);
  if (!value) throw new Error('useAppState must be used inside AppStateProvider');
  return value;
}

/** What the signed-in user may do, to hide the rest. The main process enforces it regardless. */
export function useCan(): (permission: Permission) => boolean {
  const { status } = useAppState();
  const granted = status?.state === 'signed-in' ? status.permissions : [];
  return (permission) => granted.includes(permission);
}
