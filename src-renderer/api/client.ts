import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import type { AppErrorBody, Result } from '../../src-shared/result';

/** What the Electron preload exposes; absent in the browser preview. */
interface PlanWellBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    planwell?: PlanWellBridge;
  }
}

type Transport = (channel: string, input: unknown) => Promise<Result<unknown>>;

function electronTransport(bridge: PlanWellBridge): Transport {
  return async (channel, input) => (await bridge.invoke(channel, input)) as Result<unknown>;
}

/** The preview host puts a per-run token into the page; every call must send it back. */
function previewTransport(): Transport {
  const token = document.querySelector<HTMLMetaElement>('meta[name="planwell-token"]')?.content ?? '';
  return async (channel, input) => {
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PlanWell-Token': token },
      body: JSON.stringify({ channel, input }),
    });
    return (await response.json()) as Result<unknown>;
  };
}

let transport: Transport | undefined;
const sessionListeners = new Set<() => void>();

/** Called when any answer says the session has ended (LOCKED or UNAUTHENTICATED). */
export function onSessionEnded(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

const unreachable: AppErrorBody = {
  code: 'INTERNAL',
  message: 'PlanWell is not answering. Your work on this page has not been saved yet. Wait a moment and try again.',
};

/** Calls one channel of the contract, typed end to end. Never throws. */
export async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  transport ??= window.planwell ? electronTransport(window.planwell) : previewTransport();
  let result: Result<unknown>;
  try {
    result = await transport(channel, input);
  } catch {
    return { ok: false, error: unreachable };
  }
  if (!result.ok && (result.error.code === 'LOCKED' || result.error.code === 'UNAUTHENTICATED') && !channel.startsWith('auth.')) {
    for (const listener of sessionListeners) listener();
  }
  return result as Result<ChannelOutput<C>>;
}
