import type { ReactNode } from 'react';
import { Link } from 'wouter';

export interface LinkTab {
  key: string;
  label: string;
  href: string;
  selected: boolean;
  /** Shown after the label, "(1,234)", once known. */
  count: number | null;
}

/**
 * NHS.UK tabs whose tabs are links: each tab is a place in the address (a list by status or by
 * when it is due), so back and forward move between them. The panel below holds the chosen list.
 */
export function LinkTabs({ label, tabs, busy, className, children }: { label: string; tabs: readonly LinkTab[]; busy: boolean; className?: string; children: ReactNode }) {
  return (
    <div className={`nhsuk-tabs${className ? ` ${className}` : ''}`}>
      <nav aria-label={label}>
        <ul className="nhsuk-tabs__list">
          {tabs.map((tab) => (
            <li className={`nhsuk-tabs__list-item${tab.selected ? ' nhsuk-tabs__list-item--selected' : ''}`} key={tab.key}>
              <Link className="nhsuk-tabs__tab" href={tab.href} aria-current={tab.selected ? 'page' : undefined}>
                {tab.label}
                {tab.count === null ? '' : ` (${tab.count.toLocaleString('en-GB')})`}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="nhsuk-tabs__panel" aria-busy={busy}>
        {children}
      </div>
    </div>
  );
}
