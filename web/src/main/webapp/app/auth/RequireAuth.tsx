/** Route guard: signed-out users go to sign-in, remembering where they wanted to go. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorPanel, Loading } from '../components/States';
import { useAuth } from './AuthContext';

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/signin' || next.startsWith('/signin?') || next.startsWith('/signin/')) return '/';
  return next;
}

export function signInPath(pathname: string, search = ''): string {
  const next = pathname + search;
  return next === '/' || next === '' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, error, retry, ended } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return (
      <div className="fullpage">
        <Loading what="Restoring your session" />
      </div>
    );
  }
  if (status === 'unavailable' && error) {
    return (
      <div className="fullpage">
        <ErrorPanel title="Cannot restore your session" error={error} onRetry={retry} />
      </div>
    );
  }
  if (status !== 'signedIn') {
    return <Navigate to={ended === 'signedOut' ? '/signin' : signInPath(location.pathname, location.search)} replace />;
  }
  return <>{children}</>;
}
