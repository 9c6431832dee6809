/** The signed-in frame: navigation, the user and role, sign-out, and the page. */
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import type { Action } from '../auth/permissions';
import { can } from '../auth/permissions';
import { useAuth } from '../auth/AuthContext';
import { RoleBadge } from './Bits';

interface NavItem {
  to: string;
  label: string;
  needs?: Action;
  soon?: boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/environments', label: 'Environments' },
  { to: '/fleet', label: 'Fleet' },
  { to: '/alerts', label: 'Alerts' },
  { to: '/logs', label: 'Logs' },
  { to: '/projects', label: 'Projects' },
  { to: '/runs', label: 'Runs' },
  { to: '/secrets', label: 'Secrets', needs: 'readSecrets' },
  { to: '/platforms', label: 'Platforms' },
  { to: '/audit', label: 'Audit log', needs: 'readAudit' },
  { to: '/users', label: 'Users', needs: 'manageUsers' },
  { to: '/tokens', label: 'API tokens' },
  { to: '/service-accounts', label: 'Service accounts', needs: 'manageServiceAccounts' },
];

export function Shell() {
  const { me, signOut } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Move focus to the new page on navigation, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="Stoker dashboard">
          <span className="brand-mark" aria-hidden="true">
            ▲
          </span>
          Stoker
        </NavLink>
        <div className="topbar-user">
          <span className="topbar-name" data-testid="current-user">
            {me?.username}
          </span>
          {me && <RoleBadge role={me.role} />}
          <button type="button" className="btn btn-small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {NAV.filter((item) => !item.needs || can(me, item.needs)).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'} className={({ isActive }) => `nav-link${isActive ? ' active' : ''}`}>
                <span>{item.label}</span>
                {item.soon && (
                  <>
                    <span className="nav-soon" aria-hidden="true">
                      soon
                    </span>
                    <span className="sr-only"> (coming soon)</span>
                  </>
                )}
              </NavLink>
            </li>
          ))}
          <li>
            {/* outside the SPA, in this tab: the explorer uses this tab's session (sessionStorage) */}
            <a className="nav-link" href="/api/docs/">
              <span>API explorer</span>
            </a>
          </li>
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1} ref={mainRef}>
        <Outlet />
      </main>
    </div>
  );
}
