import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { failure, type Result } from '../../src-shared/result';
import type { Dispatch } from '../ipc/dispatch';
import { invokeChannel } from './invoke-channel';
import { isTrustedSender, type SenderFrame } from './security';

export { invokeChannel };

/** Reading a frame that has navigated away or been destroyed can throw; treat it as no frame. */
function describeFrame(frame: WebFrameMain | null | undefined): SenderFrame | null {
  if (!frame) return null;
  try {
    if (frame.isDestroyed()) return null;
    return { url: frame.url, isMainFrame: frame.parent === null };
  } catch {
    return null;
  }
}

const forbidden: Result<never> = failure({
  code: 'FORBIDDEN',
  message: 'PlanWell refused a request that did not come from its own window.',
});

/**
 * The Electron transport: one channel into the one dispatcher. The sender frame is checked on
 * every call, because any frame in any web contents can reach ipcMain.
 */
export function registerInvokeHandler(ipcMain: IpcMain, dispatch: Dispatch, appIndexUrl: string): void {
  ipcMain.handle(invokeChannel, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(describeFrame(event.senderFrame), appIndexUrl)) return forbidden;
    return dispatch(channel, input);
  });
}
