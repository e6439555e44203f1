/**
 * The one IPC channel between the preload and the main process. No imports, so the sandboxed
 * preload bundle that includes this file stays a few lines long.
 */
export const invokeChannel = 'app:invoke';
