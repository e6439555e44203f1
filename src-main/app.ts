import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultIdleLockMinutes, permissionsFor } from '../src-shared/contract';
import { LoginThrottle } from './auth/login-throttle';
import { dataPaths, PracticeVault } from './auth/vault';
import { systemClock, type Clock } from './clock';
import type { Printer } from './export/printer';
import { createDispatcher, type Access, type Dispatch } from './ipc/dispatch';
import { backUpIfChanged, backUpIfFirstToday, type BackupDependencies } from './services/backups';
import type { BatchExports } from './services/exports';
import { handlers, type HandlerContext } from './ipc/handlers';
import { lock, requireSession, type AuthDependencies } from './services/auth';
import { readIdleLockMinutes } from './services/settings';

export interface AppOptions {
  dataDirectory: string;
  clock?: Clock;
  logError?: (channel: string, error: unknown) => void;
  /** How often the main process checks for an unattended session; 0 turns the timer off (tests). */
  idleCheckMilliseconds?: number;
  /** Prints plan documents to PDF: Electron's in the app, headless Chromium's in preview and tests. */
  printer?: Printer;
  /** Where batch exports make their folders; the data folder's `exports` unless given. */
  exportDirectory?: string;
  /** Where backups go until the practice chooses a folder; the data folder's `backups` unless given. */
  backupDirectory?: string;
  /** Backups at the first log-in of the day and on quit: on in the app and the preview host, off unless asked (tests). */
  automaticBackups?: boolean;
}

export interface PlanWellApp {
  dispatch: Dispatch;
  vault: PracticeVault;
  /**
   * Locks a session nobody has used for the idle time plus a minute's grace. The page locks
   * itself first (saving drafts); this is the backstop if the page has stopped answering.
   */
  lockIfIdle(): Promise<boolean>;
  /** Closes the database and forgets the key (on quit). */
  close(): Promise<void>;
}

const idleGraceMilliseconds = 60_000;

/** The composition root, shared by Electron and the preview host. No electron import here. */
export function createApp(options: AppOptions): PlanWellApp {
  mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? systemClock;
  const vault = new PracticeVault(dataPaths(options.dataDirectory));
  const authDependencies: AuthDependencies = { vault, throttle: new LoginThrottle(), clock, failedLogIns: [] };
  let lastActivity = clock.now().getTime();
  const logError = options.logError ?? ((channel: string, error: unknown) => console.error(`[planwell] ${channel} failed:`, error));
  /**
   * audit-head.json may lag behind the database without harm (verification reports only a
   * database behind its head), so failing to update it must not turn an answer into a throw.
   */
  const syncAuditHead = () => {
    try {
      vault.syncAuditHead();
    } catch (error) {
      logError('(audit head)', error);
    }
  };

  const batches: BatchExports = { directory: options.exportDirectory ?? join(options.dataDirectory, 'exports'), jobs: new Map() };
  const backups: BackupDependencies = {
    vault, clock, logError,
    defaultFolder: options.backupDirectory ?? join(options.dataDirectory, 'backups'),
  };
  const automaticBackups = options.automaticBackups ?? false;
  const context: HandlerContext = {
    batches,
    backups,
    auth: authDependencies,
    signedIn() {
      const session = requireSession(vault);
      return { db: session.database.db, user: session.user, clock, session, vault };
    },
    recordActivity: () => null,
    printer() {
      if (!options.printer) throw new Error('PDF export is not set up in this copy of PlanWell');
      return options.printer;
    },
  };
  const access = (): Access => {
    const state = vault.state();
    if (state.kind === 'signed-in') {
      return {
        state: 'signed-in',
        permissions: permissionsFor(state.session.user.roles),
        mustChangePassword: state.session.mustChangePassword,
      };
    }
    return { state: state.kind === 'locked' ? 'locked' : 'signed-out' };
  };
  const dispatchToServices = createDispatcher({
    handlers,
    access,
    context: () => context,
    logError,
  });

  const dispatch: Dispatch = async (channel, input) => {
    lastActivity = clock.now().getTime();
    const result = await dispatchToServices(channel, input);
    // After the request's transaction has committed, bring the audit head outside the database up to date.
    syncAuditHead();
    if (result.ok && automaticBackups && (channel === 'auth.logIn' || channel === 'auth.recover' || channel === 'auth.unlock')) {
      // The first log-in of the day backs up, after answering: a failure is logged and shown by the home screen's warning.
      setImmediate(() => void backUpIfFirstToday(backups).then(syncAuditHead).catch((error: unknown) => logError('(daily backup)', error)));
    }
    return result;
  };

  async function lockIfIdle(): Promise<boolean> {
    const session = vault.currentSession();
    if (!session) return false;
    // Fails closed: if the setting cannot be read, the default still locks an unattended screen.
    const minutes = await readIdleLockMinutes(session.database.db).catch((error: unknown) => {
      logError('(idle lock)', error);
      return defaultIdleLockMinutes;
    });
    if (clock.now().getTime() - lastActivity < minutes * 60_000 + idleGraceMilliseconds) return false;
    await lock(authDependencies, `Locked after ${minutes} minutes without use`);
    return true;
  }

  const interval = options.idleCheckMilliseconds ?? 15_000;
  const timer = interval > 0 ? setInterval(() => void lockIfIdle().catch(() => undefined), interval) : null;
  timer?.unref();

  return {
    dispatch,
    vault,
    lockIfIdle,
    close: async () => {
      if (timer) clearInterval(timer);
      if (automaticBackups) await backUpIfChanged(backups).catch((error: unknown) => logError('(backup on quit)', error));
      try {
        // Always forgets the key and closes the database, even if the connection has failed.
        await vault.signOut();
      } catch (error) {
        logError('(close)', error);
      }
      await options.printer?.close().catch((error: unknown) => logError('(printer)', error));
    },
  };
}
