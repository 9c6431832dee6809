/** Renders the console's routes at a path, signed in as someone of the fake Stoker (or not). */
import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { saveSession } from '../app/api/session';
import { AppRoutes } from '../app/App';
import { AuthProvider } from '../app/auth/AuthContext';
import { fakeStoker, type FakeStoker } from './fakeStoker';

/** Shows the router's current location, so tests can assert redirects. */
function LocationProbe() {
  const l = useLocation();
  return <output data-testid="location">{l.pathname + l.search}</output>;
}

export function renderApp(path: string, options: { as?: 'admin' | 'lead' | 'engineer' | 'viewer' | null; stoker?: FakeStoker } = {}) {
  const stoker = options.stoker ?? fakeStoker();
  const as = options.as === undefined ? 'admin' : options.as;
  if (as) {
    if (!stoker.users.has(as)) stoker.addUser(as, as);
    saveSession(stoker.session(as), 3600);
  }
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider api={stoker.api}>
        <AppRoutes />
        <LocationProbe />
      </AuthProvider>
    </MemoryRouter>,
  );
  return { ...view, stoker };
}
