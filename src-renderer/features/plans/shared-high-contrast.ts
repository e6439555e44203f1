import { useEffect, useState } from 'react';

/** Remembered on this computer, not per user: it is about the screen and the person in front of it. */
const storageKey = 'planwell:shared-screen:high-contrast';
const pageClass = 'app-high-contrast';

function remembered(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === 'on';
  } catch {
    // Storage can be unavailable; the ordinary colours are the safe default.
    return false;
  }
}

/**
 * The shared screen's high contrast colours (yellow on black, WCAG AAA), on the whole page while
 * the shared screen is open, and remembered for next time.
 */
export function useHighContrast(): [boolean, (on: boolean) => void] {
  const [highContrast, setHighContrast] = useState(remembered);

  useEffect(() => {
    document.documentElement.classList.toggle(pageClass, highContrast);
    return () => document.documentElement.classList.remove(pageClass);
  }, [highContrast]);

  const choose = (on: boolean) => {
    setHighContrast(on);
    try {
      window.localStorage.setItem(storageKey, on ? 'on' : 'off');
    } catch {
      // Not remembered, but still switched for now.
    }
  };
  return [highContrast, choose];
}
