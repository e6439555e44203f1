import { useEffect } from 'react';

/**
 * wouter's hash location listens only for `hashchange`, and browsers do not fire it when back or
 * forward also changes the query (`?tab=…` lives before the `#`). Every history step is passed on
 * as a `hashchange`, so going back lands on the screen the address shows. Used once, by the app.
 */
export function useHashFollowsHistory(): void {
  useEffect(() => {
    const onPopState = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
}
