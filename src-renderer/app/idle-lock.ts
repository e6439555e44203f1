import { useEffect } from 'react';
import { invoke } from '../api/client';

const activityEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'input'] as const;
/** How often, at most, the page tells the main process someone is still here. */
const activityPingMilliseconds = 60_000;

/**
 * Locks PlanWell after the practice's idle time without input. The page locks itself so it can
 * save drafts first; the main process also locks a session it stops hearing from, in case the
 * page cannot.
 */
export function useIdleLock(minutes: number, lockNow: () => Promise<void>): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastPing = 0;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void lockNow(), minutes * 60_000);
      const now = Date.now();
      if (now - lastPing >= activityPingMilliseconds) {
        lastPing = now;
        void invoke('session.activity', {});
      }
    };
    for (const type of activityEvents) window.addEventListener(type, restart, { capture: true, passive: true });
    restart();
    return () => {
      clearTimeout(timer);
      for (const type of activityEvents) window.removeEventListener(type, restart, { capture: true });
    };
  }, [minutes, lockNow]);
}
