/** Routes of the console. The router's basename is /console, where the bundle serves it. */
import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import type { StokerApi } from './api/stoker';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { can, type Action } from './auth/permissions';
import { RequireAuth } from './auth/RequireAuth';
import { Shell } from './components/Shell';
import { Audit } from './pages/Audit';
import { Dashboard } from './pages/Dashboard';
import { EnvironmentCreate } from './pages/EnvironmentCreate';
import { EnvironmentDetail } from './pages/EnvironmentDetail';
import { Environments } from './pages/Environments';
import { ComingSoon, NeedsRole, NotFound } from './pages/Placeholders';
import { Platforms } from './pages/Platforms';
import { SignIn } from './pages/SignIn';
import { Tokens } from './pages/Tokens';
import { Users } from './pages/Users';

export const BASENAME = '/console';

function Gate({ action, role, what, children }: { action: Action; role: string; what: string; children: ReactNode }) {
  const { me } = useAuth();
  return can(me, action) ? <>{children}</> : <NeedsRole role={role} what={what} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignIn />} />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Dashboard />} />
        <Route path="platforms" element={<Platforms />} />
        <Route
          path="audit"
          element={
            <Gate action="readAudit" role="lead" what="The audit log">
              <Audit />
            </Gate>
          }
        />
        <Route
          path="users"
          element={
            <Gate action="manageUsers" role="admin" what="User administration">
              <Users />
            </Gate>
          }
        />
        <Route path="tokens" element={<Tokens />} />
        <Route path="environments" element={<Environments />} />
        <Route
          path="environments/new"
          element={
            <Gate action="manageEnvironments" role="engineer" what="Creating environments">
              <EnvironmentCreate />
            </Gate>
          }
        />
        <Route path="environments/:id" element={<EnvironmentDetail />} />
        <Route
          path="projects/*"
          element={
            <ComingSoon
              title="Projects"
              service="repository"
              what="Project history, revisions, semantic diffs, merges and releases will live here."
            />
          }
        />
        <Route
          path="secrets/*"
          element={
            <ComingSoon title="Secrets" service="secrets" what="Secrets by scope, with rotation and expiry, will be managed here." />
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App({ api }: { api: StokerApi }) {
  return (
    <BrowserRouter basename={BASENAME}>
      <AuthProvider api={api}>
        <AppRoutes />
      </AuthProvider>
    </BrowserRouter>
  );
}
