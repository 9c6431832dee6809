/** The fleet: every running environment's gateway as Stoker last polled it, with sparklines and firing alerts. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../auth/AuthContext';
import { Badge, PageHeader, Time } from '../components/Bits';
import { Sparkline } from '../components/Sparkline';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { formatMemory, formatPercent } from '../lib/metrics';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

export const FLEET_REFRESH_MS = 10_000;

export function Fleet() {
  usePageTitle('Fleet');
  const api = useApi();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), FLEET_REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  const gateways = useResource(() => api.gateways(), [tick]);
  const firing = useResource(() => api.alerts('firing'), [tick]);
  const alertsOf = (env: string) => (firing.data ?? []).filter((a) => a.target === env);

  return (
    <>
      <PageHeader title="Fleet" description="Every running gateway as Stoker last polled it (every 10 s): up or down, heap and CPU over the last hour, firing alerts." />
      {gateways.error && <ErrorPanel error={gateways.error} onRetry={gateways.reload} />}
      {!gateways.data && !gateways.error && <Loading what="Loading the fleet" />}
      {gateways.data && gateways.data.length === 0 && (
        <EmptyState title="No running gateways">Gateways show here once their environment runs.</EmptyState>
      )}
      {gateways.data && gateways.data.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Gateways">
            <thead>
              <tr>
                <th>Environment</th>
                <th>Stage</th>
                <th>State</th>
                <th>Up</th>
                <th>Heap</th>
                <th>CPU</th>
                <th>Firing alerts</th>
                <th>Last poll</th>
              </tr>
            </thead>
            <tbody>
              {gateways.data.map((g) => (
                <tr key={g.environment} data-environment={g.environment}>
                  <td>
                    <Link to={`/environments/${encodeURIComponent(g.environment)}`}>{g.name}</Link>
                  </td>
                  <td>{g.stage || '—'}</td>
                  <td title={g.error ?? undefined}>{g.state || '—'}</td>
                  <td>{g.up ? <Badge tone="ok">up</Badge> : <Badge tone="bad" title={g.error ?? undefined}>down</Badge>}</td>
                  <td>
                    <Sparkline environment={g.environment} series="stoker_gateway_memory_used_bytes" label={`Heap of ${g.name}`} format={formatMemory} tick={tick} />
                  </td>
                  <td>
                    <Sparkline environment={g.environment} series="stoker_gateway_cpu_ratio" label={`CPU of ${g.name}`} max={1} format={formatPercent} tick={tick} />
                  </td>
                  <td>
                    {alertsOf(g.environment).length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <Link to="/alerts?state=firing">
                        {alertsOf(g.environment).map((a) => (
                          <Badge key={a.id} tone={a.severity === 'critical' ? 'bad' : 'warn'} title={a.message}>
                            {a.ruleName}
                          </Badge>
                        ))}
                      </Link>
                    )}
                  </td>
                  <td>
                    <Time iso={g.checked} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
