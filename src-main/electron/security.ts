import type { Session, WebContents } from 'electron';

/**
 * Navigation, window and sender rules for the Electron shell. Only `import type` from electron,
 * so every function here can be unit-tested without the Electron binary.
 */

/** What the IPC transport knows about the frame that sent a message. */
export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The file path a file: URL names, decoded so that Node's and Chromium's percent-encoding agree,
 * with a Windows drive letter in upper case (Chromium writes "C:", a resolved path may say "c:").
 */
function decodedFilePath(url: URL): string | null {
  if (url.protocol !== 'file:') return null;
  try {
    return decodeURIComponent(url.pathname).replace(/^\/([a-z]):/i, (_match, drive: string) => `/${drive.toUpperCase()}:`);
  } catch {
    return null;
  }
}

/**
 * True only for the app's own page (out/renderer/index.html), with any hash: the renderer routes
 * by hash. Everything else is refused: other files, http(s) (including the preview host on
 * 127.0.0.1), javascript:, data:, blob:, about:, and the page with a query string it never uses.
 */
export function isAppUrl(url: unknown, appIndexUrl: string): boolean {
  if (typeof url !== 'string') return false;
  const candidate = parseUrl(url);
  const app = parseUrl(appIndexUrl);
  if (!candidate || !app) return false;
  const candidatePath = decodedFilePath(candidate);
  const appPath = decodedFilePath(app);
  return (
    candidatePath !== null &&
    candidatePath === appPath &&
    candidate.host === app.host &&
    candidate.search === app.search
  );
}

/**
 * For ipcMain handlers: the message must come from the main frame showing the app's own page.
 * Sub-frames (a previewed document, say) and frames already gone (null) are refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appIndexUrl: string): boolean {
  return frame?.isMainFrame === true && isAppUrl(frame.url, appIndexUrl);
}

/**
 * Applied to every web contents as it is created: it may only ever show the app's own page,
 * never opens windows and never hosts a <webview>.
 */
export function applyWebContentsGuards(contents: WebContents, appIndexUrl: string): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appIndexUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appIndexUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * PlanWell needs no camera, microphone, location, notifications, USB or anything else a page can
 * ask for; refusing them all means a compromised page cannot ask either.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
