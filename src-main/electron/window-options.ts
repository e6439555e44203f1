import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsSettings {
  /** Developer tools are for development only; packaged builds pass false. */
  devTools?: boolean;
}

/**
 * The main window. The page gets no Node, runs in Chromium's sandbox and is isolated from the
 * preload, so a bug in the renderer cannot reach the database or the file system.
 * Only `import type` from electron here, so unit tests can import this file without Electron.
 */
export function windowOptions(preloadPath: string, settings: WindowOptionsSettings = {}): BrowserWindowConstructorOptions {
  return {
    title: 'PlanWell',
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    // Shown on 'ready-to-show', so staff never see a blank white window.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // British spelling is set on the session (setSpellCheckerLanguages), not per window.
      spellcheck: true,
      devTools: settings.devTools ?? false,
    },
  };
}
