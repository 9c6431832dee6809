/** Overview: Stoker's component health, the platforms on offer, and recent activity for leads and admins. */
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { PageHeader, StatusBadge, Time } from '../components/Bits';
import { EnvironmentStateBadge } from '../components/EnvironmentBits';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { ENVIRONMENT_STATES } from '../lib/environments';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

const HEALTH_REFRESH_MS = 30_000;

export function Dashboard() {
  usePageTitle('Dashboard');
  const { me } = useAuth();
  return (
    <>
      <PageHeader title="Dashboard" description={`Signed in as ${me?.username}. Here is how Stoker is doing.`} />
      <div className="grid">
        <EnvironmentsCard />
        <HealthCard />
        <PlatformsCard />
        {can(me, 'readAudit') && <ActivityCard />}
      </div>
    </>
  );
}

/** How many environments are in each state (the first 500; the API's largest page). */
export function countByState(states: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  const known = ENVIRONMENT_STATES.filter((s) => counts.has(s)).map((s) => [s, counts.get(s)!] as [string, number]);
  const other = [...counts].filter(([s]) => !(ENVIRONMENT_STATES as readonly string[]).includes(s));
  return [...known, ...other];
}

function EnvironmentsCard() {
  const api = useApi();
  const { me } = useAuth();
  const envs = useResource(() => api.environments(0, 500), []);
  const { reload } = envs;
  useEffect(() => {
    const t = setInterval(reload, HEALTH_REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  const counts = envs.data ? countByState(envs.data.items.map((e) => e.state)) : [];
  return (
    <section className="card" aria-labelledby="envs-title">
      <div className="card-header">
        <h2 id="envs-title">Environments by state</h2>
        <Link to="/environments" className="card-action">
          All environments
        </Link>
      </div>
      {envs.error ? (
        <ErrorPanel error={envs.error} onRetry={reload} title="Could not count environments" />
      ) : !envs.data ? (
        <Loading what="Counting environments" />
      ) : envs.data.total === 0 ? (
        <EmptyState
          title="No environments yet"
          action={can(me, 'manageEnvironments') && <Link to="/environments/new">Create an environment</Link>}
        >
          {can(me, 'manageEnvironments') ? 'Request a gateway and Stoker provisions it in minutes.' : 'Engineers create them; they show here.'}
        </EmptyState>
      ) : (
        <>
          <ul className="state-counts">
            {counts.map(([state, n]) => (
              <li key={state}>
                <EnvironmentStateBadge state={state} />
                <span className="state-count">{n}</span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {envs.data.total} environment{envs.data.total === 1 ? '' : 's'} in all
            {envs.data.total > envs.data.items.length && ` (counts cover the newest ${envs.data.items.length})`}.
          </p>
        </>
      )}
    </section>
  );
}

function HealthCard() {
  const api = useApi();
  const health = useResource(() => api.health(), []);
  const { reload } = health;
  useEffect(() => {
    const t = setInterval(reload, HEALTH_REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  return (
    <section className="card" aria-labelledby="health-title">
      <div className="card-header">
        <h2 id="health-title">Stoker health</h2>
        {health.data && <StatusBadge status={health.data.status} />}
        <button type="button" className="btn btn-small card-action" onClick={reload} disabled={health.loading}>
          Refresh
        </button>
      </div>
      {health.error ? (
        <ErrorPanel error={health.error} onRetry={reload} title="Could not read Stoker's health" />
      ) : !health.data ? (
        <Loading what="Checking components" />
      ) : health.data.components.length === 0 ? (
        <EmptyState title="No component reports yet">Stoker is starting; this refreshes every 30 seconds.</EmptyState>
      ) : (
        <ul className="health-list">
          {health.data.components.map((c) => (
            <li key={c.component}>
              <StatusBadge status={c.status} />
              <span className="health-name">{c.component}</span>
              <span className="health-detail muted">{c.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlatformsCard() {
  const api = useApi();
  const platforms = useResource(() => api.platforms(), []);
  return (
    <section className="card" aria-labelledby="platforms-title">
      <div className="card-header">
        <h2 id="platforms-title">Platforms available</h2>
        <Link to="/platforms" className="card-action">
          All platforms
        </Link>
      </div>
      {platforms.error ? (
        <ErrorPanel error={platforms.error} onRetry={platforms.reload} title="Could not list platforms" />
      ) : !platforms.data ? (
        <Loading what="Loading platforms" />
      ) : platforms.data.length === 0 ? (
        <EmptyState title="No platform adapter installed">
          Install an adapter feature from the Karaf shell (<code>feature:install</code>); Stoker picks it up without a
          restart.
        </EmptyState>
      ) : (
        <ul className="plain-list">
          {platforms.data.map((p) => (
            <li key={p.id}>
              <strong>{p.displayName}</strong>{' '}
              <span className="muted">
                {p.versions.map((v) => v.line).join(', ') || 'no versions'} · adapter {p.adapterVersion}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ActivityCard() {
  const api = useApi();
  const activity = useResource(() => api.audit({}, 0, 8), []);
  return (
    <section className="card card-wide" aria-labelledby="activity-title">
      <div className="card-header">
        <h2 id="activity-title">Recent activity</h2>
        <Link to="/audit" className="card-action">
          Open the audit log
        </Link>
      </div>
      {activity.error ? (
        <ErrorPanel error={activity.error} onRetry={activity.reload} title="Could not read the audit log" />
      ) : !activity.data ? (
        <Loading what="Loading recent activity" />
      ) : activity.data.items.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Sign-ins and every change made through the API appear here.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Latest audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {activity.data.items.map((e) => (
                <tr key={e.seq}>
                  <td>
                    <Time iso={e.time} />
                  </td>
                  <td>{e.record.actor}</td>
                  <td>
                    <code>{e.record.action}</code>
                    {e.record.target && <span className="muted"> · {e.record.target}</span>}
                  </td>
                  <td>
                    <StatusBadge status={e.record.outcome} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
