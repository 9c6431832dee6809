/**
 * Promotion history of one environment (`GET /deployments?environment=`): what is deployed, from which
 * release and commit, by which run, approved by whom and when, newest first. Engineers may roll back to an
 * earlier deployment: that starts a rollback run, which the page then opens.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Deployment, Environment } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { capitalize } from '../lib/format';
import { deploymentTone } from '../lib/runs';
import { useResource } from '../lib/useResource';
import { projectHref } from '../pages/Projects';
import { Badge, Time } from './Bits';
import { Field } from './Field';
import { ConfirmDialog } from './Modal';
import { RevisionId } from './ProjectBits';
import { runHref, shortRunId } from './RunBits';
import { ErrorPanel, Loading } from './States';

const PAGE = 10;

export function EnvironmentDeployments({ env }: { env: Environment }) {
  const api = useApi();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [limit, setLimit] = useState(PAGE);
  const list = useResource(() => api.deployments({ environment: env.id }, 0, limit), [env.id, limit]);
  const [target, setTarget] = useState<Deployment | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const mayRollback = can(me, 'runPipelines');

  const onRollback = async () => {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.rollbackDeployment(target.id, reason.trim() || undefined);
      navigate(runHref(run.id));
    } catch (e) {
      setError(asApiError(e).detail);
      setBusy(false);
    }
  };

  return (
    <section className="card card-wide" aria-labelledby="deployments-title">
      <div className="card-header">
        <h2 id="deployments-title">Deployments</h2>
        <button type="button" className="btn btn-small" onClick={list.reload} disabled={list.loading}>
          Refresh deployments
        </button>
      </div>
      {list.error && !list.data ? (
        <ErrorPanel error={list.error} onRetry={list.reload} title="Could not read the deployments" />
      ) : !list.data ? (
        <Loading what="Loading the deployments" />
      ) : list.data.items.length === 0 ? (
        <p className="muted">Nothing was deployed here by a pipeline yet.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Deployments to {env.spec.name}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Project</th>
                  <th scope="col">Release / commit</th>
                  <th scope="col">Run</th>
                  <th scope="col">Deployed by</th>
                  <th scope="col">Approved by</th>
                  <th scope="col">When</th>
                  {mayRollback && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Badge tone={deploymentTone(d.status)}>{capitalize(d.status.replace(/_/g, ' '))}</Badge>
                    </td>
                    <td>
                      <Link to={projectHref(d.project)}>{d.project}</Link>
                    </td>
                    <td>
                      {d.release && <strong>{d.release} </strong>}
                      <RevisionId id={d.commit} />
                    </td>
                    <td>{d.runId ? <Link to={runHref(d.runId)}>{shortRunId(d.runId)}</Link> : <span className="muted">—</span>}</td>
                    <td>{d.deployedBy}</td>
                    <td>{d.approvedBy.length ? d.approvedBy.join(', ') : <span className="muted">—</span>}</td>
                    <td>
                      <Time iso={d.at} />
                    </td>
                    {mayRollback && (
                      <td className="row-actions">
                        {d.status !== 'DEPLOYED' && (
                          <button type="button" className="btn btn-small" onClick={() => setTarget(d)} aria-label={`Roll back to ${d.release ?? d.commit ?? d.id}`}>
                            Roll back to this
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.total > list.data.items.length && (
            <button type="button" className="btn btn-small" onClick={() => setLimit((l) => l + PAGE)}>
              Show more
            </button>
          )}
        </>
      )}
      {target && (
        <ConfirmDialog
          title={`Roll ${env.spec.name} back to ${target.release ?? target.commit?.slice(0, 8) ?? 'this deployment'}?`}
          confirmLabel="Start rollback"
          danger
          busy={busy}
          error={error}
          onConfirm={onRollback}
          onCancel={() => {
            setTarget(null);
            setError(undefined);
          }}
        >
          <p>A rollback run deploys that release of {target.project} to {env.spec.name} again; you follow it on its run page.</p>
          <Field label="Reason (optional)">
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />
          </Field>
        </ConfirmDialog>
      )}
    </section>
  );
}
