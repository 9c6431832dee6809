/** Alerts (pending, firing, resolved; Stoker's and Alertmanager's) and the alert rules, with their editor. */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AlertRule, AlertRuleSpec, AlertState } from '../api/telemetryTypes';
import { useApi } from '../auth/AuthContext';
import { AlertRuleEditor } from '../components/AlertRuleEditor';
import { Allowed, Badge, PageHeader, Time } from '../components/Bits';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

const STATES: (AlertState | '')[] = ['', 'firing', 'pending', 'resolved'];
const tone = (state: string, severity: string) => (state === 'resolved' ? 'ok' : state === 'pending' ? 'info' : severity === 'critical' ? 'bad' : 'warn');

export function Alerts() {
  usePageTitle('Alerts');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? '') as AlertState | '';
  const alerts = useResource(() => api.alerts(state || undefined), [state]);
  const rules = useResource(() => api.alertRules(), []);
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);

  const save = async (spec: AlertRuleSpec) => {
    if (editing && editing !== 'new') await api.updateAlertRule(editing.id, spec);
    else await api.createAlertRule(spec);
    setEditing(null);
    rules.reload();
  };
  const remove = async (r: AlertRule) => {
    if (!window.confirm(`Delete the alert rule '${r.name}'? Its open alerts resolve.`)) return;
    await api.deleteAlertRule(r.id);
    rules.reload();
    alerts.reload();
  };

  return (
    <>
      <PageHeader title="Alerts" description="What Stoker's rules found, and what Alertmanager sent; rules are evaluated every 10 s." />
      <div className="toolbar" role="group" aria-label="Alert state">
        {STATES.map((s) => (
          <button key={s || 'all'} type="button" className={`btn${s === state ? ' btn-primary' : ''}`} aria-pressed={s === state} onClick={() => setParams(s ? { state: s } : {})}>
            {s || 'all'}
          </button>
        ))}
      </div>
      {alerts.error && <ErrorPanel error={alerts.error} onRetry={alerts.reload} />}
      {!alerts.data && !alerts.error && <Loading what="Loading alerts" />}
      {alerts.data && alerts.data.length === 0 && <EmptyState title={state ? `No ${state} alerts` : 'No alerts'} />}
      {alerts.data && alerts.data.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Alerts">
            <thead>
              <tr>
                <th>State</th>
                <th>Rule</th>
                <th>Target</th>
                <th>Message</th>
                <th>Since</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Badge tone={tone(a.state, a.severity)}>{a.state}</Badge> <span className="muted">{a.severity}</span>
                    {a.silenced && <Badge tone="neutral">silenced</Badge>}
                  </td>
                  <td>
                    {a.ruleName}
                    {a.kind === 'external' && <span className="muted"> (Alertmanager)</span>}
                  </td>
                  <td>{a.target}</td>
                  <td>{a.message}</td>
                  <td>
                    <Time iso={a.since} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Rules</h2>
      <Allowed action="manageAlertRules">
        {editing === null && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            New rule
          </button>
        )}
        {editing !== null && <AlertRuleEditor key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? undefined : editing} onSave={save} onCancel={() => setEditing(null)} />}
      </Allowed>
      {rules.error && <ErrorPanel error={rules.error} onRetry={rules.reload} />}
      {rules.data && rules.data.length === 0 && <EmptyState title="No alert rules" />}
      {rules.data && rules.data.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Alert rules">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Condition</th>
                <th>Severity</th>
                <th>Enabled</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.data.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{r.kind}</td>
                  <td>
                    {[r.environment && `on ${r.environment}`, r.metric, r.threshold != null && `threshold ${r.threshold}`, r.forSeconds ? `for ${r.forSeconds} s` : null].filter(Boolean).join(', ') || 'every environment'}
                  </td>
                  <td>{r.severity}</td>
                  <td>{r.enabled ? 'yes' : 'no'}</td>
                  <td>
                    <Allowed action="manageAlertRules">
                      <button type="button" className="btn" onClick={() => setEditing(r)}>
                        Edit
                      </button>{' '}
                      <button type="button" className="btn btn-danger" onClick={() => void remove(r)}>
                        Delete
                      </button>
                    </Allowed>
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
