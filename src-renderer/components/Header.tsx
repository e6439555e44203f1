import type { MouseEvent } from 'react';
import { Link } from 'wouter';

interface HeaderProps {
  practiceName: string;
  /** Shown when someone is signed in. */
  user?: { fullName: string } | undefined;
  onLock?: () => void;
  onLogOut?: () => void;
}

export function Header({ practiceName, user, onLock, onLogOut }: HeaderProps) {
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            {user ? (
              <Link className="nhsuk-header__service-logo" href="/" aria-label="PlanWell caseload">
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
                <li className="nhsuk-header__navigation-item">
                  <Link className="nhsuk-header__navigation-link" href="/">
                    Caseload
                  </Link>
                </li>
                <li className="nhsuk-header__navigation-item">
                  <Link className="nhsuk-header__navigation-link" href="/people/new">
                    Add a person
                  </Link>
                </li>
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
