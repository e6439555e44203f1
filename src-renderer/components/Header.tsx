import type { MouseEvent } from 'react';
import { Link } from 'wouter';
import type { Permission } from '../../src-shared/contract';

interface HeaderProps {
  practiceName: string;
  /** Shown when someone is signed in. */
  user?: { fullName: string } | undefined;
  /** The menu shows only what these allow. */
  permissions?: readonly Permission[];
  onLock?: () => void;
  onLogOut?: () => void;
}

const menu: { href: string; label: string; permission: Permission }[] = [
  { href: '/', label: 'Caseload', permission: 'people:read' },
  { href: '/referrals', label: 'Referrals', permission: 'people:read' },
  { href: '/directory', label: 'Directory', permission: 'people:read' },
  { href: '/reviews', label: 'Reviews', permission: 'people:read' },
  { href: '/exports', label: 'Export plans', permission: 'people:read' },
  { href: '/people/new', label: 'Add a person', permission: 'people:write' },
  { href: '/staff', label: 'Staff', permission: 'staff:manage' },
  { href: '/audit', label: 'Audit trail', permission: 'audit:read' },
  { href: '/settings', label: 'Settings', permission: 'settings:manage' },
];

export function Header({ practiceName, user, permissions = [], onLock, onLogOut }: HeaderProps) {
  const items = menu.filter((item) => permissions.includes(item.permission));
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            {user ? (
              <Link className="nhsuk-header__service-logo" href="/" aria-label="PlanWell home">
                <span className="nhsuk-header__service-name">PlanWell</span>
              </Link>
            ) : (
              <span className="nhsuk-header__service-name">PlanWell</span>
            )}
            {practiceName ? <span className="nhsuk-u-visually-hidden"> – </span> : null}
          </div>
          {user ? (
            <div className="app-header-user">
              <span>
                {user.fullName}
                {practiceName ? `, ${practiceName}` : ''}
              </span>
              <button type="button" className="nhsuk-button nhsuk-button--reverse nhsuk-button--small" onClick={onLock}>
                Lock
              </button>
              <button type="button" className="nhsuk-button nhsuk-button--reverse nhsuk-button--small" onClick={onLogOut}>
                Log out
              </button>
            </div>
          ) : practiceName ? (
            <div className="app-header-user">{practiceName}</div>
          ) : null}
        </div>
        {user ? (
          <nav className="nhsuk-header__navigation" aria-label="Main menu">
            <div className="nhsuk-header__navigation-container nhsuk-width-container">
              <ul className="nhsuk-header__navigation-list">
                {items.map((item) => (
                  <li className="nhsuk-header__navigation-item" key={item.href}>
                    <Link className="nhsuk-header__navigation-link" href={item.href}>
                      {item.label}
                    </Link>
                  </li>
                ))}
                {permissions.includes('session') ? (
                  <li className="nhsuk-header__navigation-item">
                    <Link className="nhsuk-header__navigation-link" href="/account/password">
                      Change my password
                    </Link>
                  </li>
                ) : null}
              </ul>
            </div>
          </nav>
        ) : null}
      </header>
    </>
  );
}

function skipToMain(event: MouseEvent) {
  // A hash link would change the route: move focus to the main content instead.
  event.preventDefault();
  const main = document.getElementById('maincontent');
  main?.focus();
}
