import { mkdirSync } from 'node:fs';
import { LoginThrottle } from './auth/login-throttle';
import { dataPaths, PracticeVault } from './auth/vault';
import { systemClock, type Clock } from './clock';
import { createDispatcher, type AccessState, type Dispatch } from './ipc/dispatch';
import { handlers, type HandlerContext } from './ipc/handlers';
import { requireSession } from './services/auth';

export interface AppOptions {
  dataDirectory: string;
  clock?: Clock;
  logError?: (channel: string, error: unknown) => void;
}

export interface PlanWellApp {
  dispatch: Dispatch;
  vault: PracticeVault;
  /** Closes the database and forgets the key (on quit). */
  close(): Promise<void>;
}

/** The composition root, shared by Electron and the preview host. No electron import here. */
export function createApp(options: AppOptions): PlanWellApp {
  mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? systemClock;
  const vault = new PracticeVault(dataPaths(options.dataDirectory));
  const throttle = new LoginThrottle();
  const authDependencies = { vault, throttle, clock };
  const context: HandlerContext = {
    auth: authDependencies,
    signedIn() {
      const session = requireSession(vault);
      return { db: session.database.db, user: session.user, clock };
    },
  };
  const access = (): AccessState => {
    const kind = vault.state().kind;
    return kind === 'signed-in' || kind === 'locked' ? kind : 'signed-out';
  };
  const dispatch = createDispatcher({
    handlers,
    access,
    context: () => context,
    logError: options.logError ?? ((channel, error) => console.error(`[planwell] ${channel} failed:`, error)),
  });
  return { dispatch, vault, close: () => vault.signOut() };
}
