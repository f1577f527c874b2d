import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/session';
import { words } from '../format';
import { useSession, useUser } from '../session-context';

const NAV: Record<Role, { to: string; label: string }[]> = {
  STATE_STAFF: [
    { to: '/submissions', label: 'Claim files' },
    { to: '/episodes', label: 'Episodes' },
    { to: '/statements', label: 'Statements' },
    { to: '/disputes', label: 'Disputes' },
    { to: '/simulations', label: 'Simulations' },
  ],
  MANUFACTURER_STAFF: [
    { to: '/statements', label: 'Statements' },
    { to: '/disputes', label: 'Disputes' },
    { to: '/simulations', label: 'Simulations' },
  ],
  FEDERAL_COORDINATOR: [
    { to: '/dashboard', label: 'Program overview' },
    { to: '/submissions', label: 'Claim files' },
    { to: '/episodes', label: 'Episodes' },
    { to: '/statements', label: 'Statements' },
    { to: '/disputes', label: 'Disputes' },
    { to: '/simulations', label: 'Simulations' },
  ],
  AUDITOR: [
    { to: '/dashboard', label: 'Program overview' },
    { to: '/submissions', label: 'Claim files' },
    { to: '/episodes', label: 'Episodes' },
    { to: '/statements', label: 'Statements' },
    { to: '/disputes', label: 'Disputes' },
    { to: '/simulations', label: 'Simulations' },
  ],
};

export function homePathOf(role: Role): string {
  return NAV[role][0].to;
}

/** Header, navigation for the user's role, and the page; focus moves to the page on navigation. */
export function Layout() {
  const user = useUser();
  const { signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  useEffect(() => {
    main.current?.focus();
  }, [location.pathname]);
  const showConsole = user.role === 'FEDERAL_COORDINATOR' || user.role === 'AUDITOR';

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="top">
        <div className="brand">CGT Access Portal</div>
        <nav aria-label="Main">
          <ul>
            {NAV[user.role].map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
            {showConsole && (
              <li>
                <a href="/console">GraphQL console</a>
              </li>
            )}
          </ul>
        </nav>
        <div className="who">
          <span>
            {user.name} · {words(user.role)}
            {user.stateCode ? ` · ${user.stateCode}` : ''}
          </span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
