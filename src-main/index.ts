import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type MenuItemConstructorOptions } from 'electron';
import { createApp, type PlanWellApp } from './app';
import { electronPrinter } from './electron/electron-printer';
import { registerInvokeHandler } from './electron/ipc-transport';
import { applyWebContentsGuards, denyAllPermissions } from './electron/security';
import { windowOptions } from './electron/window-options';

/**
 * The Electron entry, built to out/main/index.js (ESM). Everything that is not Electron lives in
 * createApp, which the preview host shares.
 */
const rendererIndexPath = join(import.meta.dirname, '..', 'renderer', 'index.html');
const preloadPath = join(import.meta.dirname, '..', 'preload', 'index.cjs');
const appIndexUrl = pathToFileURL(rendererIndexPath).href;

let mainWindow: BrowserWindow | null = null;

function logError(what: string, error: unknown): void {
  console.error(`[planwell] ${what}:`, error);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath, { devTools: !app.isPackaged }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadFile(rendererIndexPath).catch((error: unknown) => logError('loading the window', error));
  return window;
}

/** Closes the database and drops the key, then reloads so the page shows the locked screen. */
async function lockPlanWell(planwell: PlanWellApp): Promise<void> {
  try {
    await planwell.vault.lock();
  } catch (error) {
    // The vault forgets the session before closing the database, so it is locked even so.
    logError('locking', error);
  } finally {
    mainWindow?.webContents.reload();
  }
}

function buildMenu(planwell: PlanWellApp): Menu {
  const isMac = process.platform === 'darwin';
  const developerItems: MenuItemConstructorOptions[] = app.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Lock PlanWell', accelerator: 'CmdOrCtrl+L', click: () => void lockPlanWell(planwell) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      // Zoom matters to staff with low vision; it is kept per page by Chromium.
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...developerItems],
    },
  ];
  return Menu.buildFromTemplate(template);
}

function start(): void {
  const dataDirectory = process.env.PLANWELL_DATA_DIR || app.getPath('userData');
  const planwell = createApp({ dataDirectory, printer: electronPrinter(), exportDirectory: join(app.getPath('documents'), 'PlanWell exports'), automaticBackups: true });

  denyAllPermissions(session.defaultSession);
  if (session.defaultSession.availableSpellCheckerLanguages.includes('en-GB')) {
    // Not on macOS, where the system spellchecker follows the system language.
    session.defaultSession.setSpellCheckerLanguages(['en-GB']);
  }
  registerInvokeHandler(ipcMain, planwell.dispatch, appIndexUrl);
  Menu.setApplicationMenu(buildMenu(planwell));
  mainWindow = createWindow();

  // Quitting waits for the database to close and the key to be wiped, then quits for real.
  let closing: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (closing === 'closed') return;
    event.preventDefault();
    if (closing === 'closing') return;
    closing = 'closing';
    planwell
      .close()
      .catch((error: unknown) => logError('closing the database', error))
      .finally(() => {
        closing = 'closed';
        app.quit();
      });
  });
  // Also on macOS: with its window closed, PlanWell should not keep the database open.
  app.on('window-all-closed', () => app.quit());
}

if (!app.requestSingleInstanceLock()) {
  // Another PlanWell is running with the same data; it takes focus (below) and this one leaves.
  app.quit();
} else {
  // Every renderer sandboxed, whatever options a window is created with.
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Registered before any window exists, so no web contents escapes the guards.
  app.on('web-contents-created', (_event, contents) => applyWebContentsGuards(contents, appIndexUrl));
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logError('starting', error);
      // Staff start PlanWell from a shortcut, not a terminal: say why it did not open.
      const detail = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('PlanWell could not start', detail);
      app.exit(1);
    });
}
