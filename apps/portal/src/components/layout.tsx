import { useEffect, useRef } from 'react';
import { NavigationType, NavLink, Outlet, useLocation, useNavigationType } from 'react-router';
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
    { to: '/agreements', label: 'Agreements' },
    { to: '/submissions', label: 'Claim files' },
    { to: '/episodes', label: 'Episodes' },
    { to: '/statements', label: 'Statements' },
    { to: '/disputes', label: 'Disputes' },
    { to: '/simulations', label: 'Simulations' },
  ],
  AUDITOR: [
    { to: '/dashboard', label: 'Program overview' },
    { to: '/agreements', label: 'Agreements' },
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

/**
 * Header, navigation for the user's role, and the page. On arrival (after sign-in or a reload)
 * focus starts at the top, so the first Tab reaches the skip link; on later navigation it moves
 * to the page (a redirect, which replaces the entry, leaves focus where it is).
 */
export function Layout() {
  const user = useUser();
  const { signOut } = useSession();
  const top = useRef<HTMLSpanElement>(null);
  const main = useRef<HTMLElement>(null);
  const shown = useRef<string | null>(null);
  const location = useLocation();
  const navigationType = useNavigationType();
  useEffect(() => {
    const previous = shown.current;
    shown.current = location.pathname;
    if (previous === null) top.current?.focus();
    else if (previous !== location.pathname && navigationType !== NavigationType.Replace) main.current?.focus();
  }, [location.pathname, navigationType]);
  const showConsole = user.role === 'FEDERAL_COORDINATOR' || user.role === 'AUDITOR';

  return (
    <>
      <span ref={top} tabIndex={-1} className="focus-start" />
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
