import { useEffect } from 'react';

/** Sets the window title, so each screen is announced and findable by its name. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – PlanWell`;
  }, [title]);
}
