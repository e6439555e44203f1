import { contextBridge, ipcRenderer } from 'electron';
import { invokeChannel } from '../electron/invoke-channel';

/**
 * The whole bridge: one function that forwards a contract call to the main process. The page
 * never sees ipcRenderer itself, so it cannot send on any other channel or listen for anything.
 */
contextBridge.exposeInMainWorld('planwell', {
  invoke: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(invokeChannel, channel, input),
});
