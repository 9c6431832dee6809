/**
 * What the telemetry poller last read of a running gateway beyond memory and CPU: its database connections, tag
 * providers, Perspective sessions and alarm counts (`GET /gateways`, the adapter's diagnostics).
 */
import { useEffect, useState } from 'react';
import type { GatewayDiagnostic } from '../api/telemetryTypes';
import type { Environment } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { useResource } from '../lib/useResource';
import { Badge, Time } from './Bits';
import { ErrorPanel } from './States';
import { FLEET_REFRESH_MS } from '../pages/Fleet';

type Rows = Map<string, Record<string, number>>;

/** Figures of one kind by the label that names their part (connection, provider), then by metric name. */
function byPart(diagnostics: GatewayDiagnostic[], prefix: string, label: string): Rows {
  const rows: Rows = new Map();
  for (const d of diagnostics) {
    const part = d.labels[label];
    if (!d.name.startsWith(prefix) || part === undefined) continue;
    rows.set(part, { ...(rows.get(part) ?? {}), [d.name]: d.value });
  }
  return rows;
}

const upBadge = (up: number | undefined, yes: string, no: string) =>
  up === undefined ? '—' : <Badge tone={up === 1 ? 'ok' : 'bad'}>{up === 1 ? yes : no}</Badge>;
const num = (n: number | undefined) => (n === undefined ? '—' : String(n));

export function GatewayDiagnostics({ env }: { env: Environment }) {
  const api = useApi();
  const running = env.state === 'RUNNING';
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setTick((n) => n + 1), FLEET_REFRESH_MS);
    return () => clearInterval(t);
  }, [running]);
  const fleet = useResource(() => api.gateways(), [env.id, tick], running);
  if (!running) return null;
  const status = fleet.data?.find((g) => g.environment === env.id);
  const d = status?.diagnostics ?? [];
  const connections = byPart(d, 'db.', 'connection');
  const providers = byPart(d, 'tag.provider.', 'provider');
  const sessions = d.find((x) => x.name === 'perspective.sessions');
  const alarms = d.filter((x) => x.name === 'alarms');
  return (
    <section aria-label="Gateway diagnostics">
      <h2>Gateway diagnostics</h2>
      {fleet.error && <ErrorPanel error={fleet.error} onRetry={fleet.reload} title="Diagnostics not available" />}
      {fleet.data && !status && <p className="muted">Not polled yet: the poller looks every 10 s.</p>}
      {status && (
        <>
          <p className="muted small">
            As of the last poll, <Time iso={status.checked} /> (refreshed every {FLEET_REFRESH_MS / 1000} s).
          </p>
          {d.length === 0 && <p className="muted">The gateway reported no diagnostics{status.error ? ` (${status.error})` : ''}.</p>}
          {connections.size > 0 && (
            <table className="table" aria-label="Database connections">
              <thead>
                <tr>
                  <th>Connection</th>
                  <th>Status</th>
                  <th>Active</th>
                  <th>Max</th>
                </tr>
              </thead>
              <tbody>
                {[...connections].map(([name, f]) => (
                  <tr key={name}>
                    <td>{name}</td>
                    <td>{upBadge(f['db.connection.up'], 'valid', 'faulted')}</td>
                    <td>{num(f['db.connections.active'])}</td>
                    <td>{num(f['db.connections.max'])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {providers.size > 0 && (
            <table className="table" aria-label="Tag providers">
              <thead>
                <tr>
                  <th>Provider</th>
                  <th>Status</th>
                  <th>Tags</th>
                </tr>
              </thead>
              <tbody>
                {[...providers].map(([name, f]) => (
                  <tr key={name}>
                    <td>{name}</td>
                    <td>{upBadge(f['tag.provider.up'], 'running', 'not running')}</td>
                    <td>{num(f['tag.provider.tags'])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(sessions || alarms.length > 0) && (
            <dl className="facts" aria-label="Sessions and alarms">
              {sessions && (
                <div>
                  <dt>Perspective sessions</dt>
                  <dd>{sessions.value}</dd>
                </div>
              )}
              {alarms.map((a) => (
                <div key={a.labels.state}>
                  <dt>Alarms {a.labels.state}</dt>
                  <dd>{a.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
    </section>
  );
}
