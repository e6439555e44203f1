import { useEffect, useRef, type ReactNode } from 'react';
import { Scroll } from 'nhsuk-frontend';

/**
 * A table that may be wider than the window (at 320 pixels, or zoomed to 400%) scrolls sideways in
 * its own frame, not the page (WCAG 1.4.10). nhsuk-frontend's Scroll component shows the shadows
 * and makes the frame focusable, so it can be scrolled by keyboard, only while it overflows.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = root.current;
    if (!element) return undefined;
    const scroll = new Scroll(element);
    return () => {
      scroll.resizeObserver?.disconnect();
      if (scroll.handleUpdate) scroll.$content.removeEventListener('scroll', scroll.handleUpdate);
      // nhsuk-frontend refuses to start twice on one element; React may start this effect again on it.
      element.removeAttribute(`data-${Scroll.moduleName}-init`);
    };
  }, []);
  return (
    <div className="nhsuk-scroll" ref={root}>
      <div className="nhsuk-scroll__content" role="region" aria-label={label}>
        {children}
      </div>
    </div>
  );
}
