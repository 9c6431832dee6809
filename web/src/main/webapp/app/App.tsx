/** Routes of the console. The router's basename is /console, where the bundle serves it. */
import { lazy, Suspense, type ReactNode } from 'react';
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
import { NeedsRole, NotFound } from './pages/Placeholders';
import { Loading } from './components/States';
import { Platforms } from './pages/Platforms';
import { SignIn } from './pages/SignIn';
import { Tokens } from './pages/Tokens';
import { ServiceAccounts } from './pages/ServiceAccounts';
import { Users } from './pages/Users';

export const BASENAME = '/console';

// Projects and secrets load on first use (their own chunks), keeping the first download small.
const Projects = lazy(() => import('./pages/Projects').then((m) => ({ default: m.Projects })));
const ProjectDetail = lazy(() => import('./pages/ProjectDetail').then((m) => ({ default: m.ProjectDetail })));
const ProjectDiff = lazy(() => import('./pages/ProjectDiff').then((m) => ({ default: m.ProjectDiff })));
const MergeStart = lazy(() => import('./pages/ProjectMerge').then((m) => ({ default: m.MergeStart })));
const MergeView = lazy(() => import('./pages/ProjectMerge').then((m) => ({ default: m.MergeView })));
const DocumentDetail = lazy(() => import('./pages/DocumentDetail').then((m) => ({ default: m.DocumentDetail })));
const Runs = lazy(() => import('./pages/Runs').then((m) => ({ default: m.Runs })));
const RunDetail = lazy(() => import('./pages/RunDetail').then((m) => ({ default: m.RunDetail })));
const Fleet = lazy(() => import('./pages/Fleet').then((m) => ({ default: m.Fleet })));
const Alerts = lazy(() => import('./pages/Alerts').then((m) => ({ default: m.Alerts })));
const Logs = lazy(() => import('./pages/Logs').then((m) => ({ default: m.Logs })));
const Secrets = lazy(() => import('./pages/Secrets').then((m) => ({ default: m.Secrets })));
const SecretCreate = lazy(() => import('./pages/SecretCreate').then((m) => ({ default: m.SecretCreate })));
const SecretDetail = lazy(() => import('./pages/SecretDetail').then((m) => ({ default: m.SecretDetail })));

function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading what="Loading the page" />}>{children}</Suspense>;
}

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
        <Route path="service-accounts" element={<ServiceAccounts />} />
        <Route path="environments" element={<Environments />} />
        <Route
          path="fleet"
          element={
            <Later>
              <Fleet />
            </Later>
          }
        />
        <Route
          path="alerts"
          element={
            <Later>
              <Alerts />
            </Later>
          }
        />
        <Route
          path="logs"
          element={
            <Later>
              <Logs />
            </Later>
          }
        />
        <Route
          path="environments/new"
          element={
            <Gate action="manageEnvironments" role="engineer" what="Creating environments">
              <EnvironmentCreate />
            </Gate>
          }
        />
        <Route path="environments/:id" element={<EnvironmentDetail />} />
        <Route path="projects" element={<Later><Projects /></Later>} />
        <Route path="projects/:name" element={<Later><ProjectDetail /></Later>} />
        <Route path="projects/:name/diff" element={<Later><ProjectDiff /></Later>} />
        <Route path="projects/:name/merge" element={<Later><MergeStart /></Later>} />
        <Route path="projects/:name/merges/:id" element={<Later><MergeView /></Later>} />
        <Route path="documents/:id" element={<Later><DocumentDetail /></Later>} />
        <Route path="runs" element={<Later><Runs /></Later>} />
        <Route path="runs/:id" element={<Later><RunDetail /></Later>} />
        <Route
          path="secrets"
          element={
            <Gate action="readSecrets" role="engineer" what="Secrets">
              <Later><Secrets /></Later>
            </Gate>
          }
        />
        <Route
          path="secrets/new"
          element={
            <Gate action="manageSecrets" role="lead" what="Creating secrets">
              <Later><SecretCreate /></Later>
            </Gate>
          }
        />
        <Route
          path="secrets/view"
          element={
            <Gate action="readSecrets" role="engineer" what="Secrets">
              <Later><SecretDetail /></Later>
            </Gate>
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
