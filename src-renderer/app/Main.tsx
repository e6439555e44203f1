import type { ReactNode } from 'react';

/** The page's main landmark, focusable so the skip link can move to it. */
export function Main({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
