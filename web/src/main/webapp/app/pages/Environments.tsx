/** Environments: the list with paging, and (admins) containers no environment owns. */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Orphan } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { PageHeader, Time } from '../components/Bits';
import { EnvironmentStateBadge } from '../components/EnvironmentBits';
import { ConfirmDialog } from '../components/Modal';
import { Pagination } from '../components/Pagination';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { isTransient } from '../lib/environments';
import { intParam, PAGE_SIZES } from '../lib/pagination';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

const REFRESH_MS = 5_000;

export function Environments() {
  usePageTitle('Environments');
  const api = useApi();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[0], 500);
  const envs = useResource(() => api.environments(offset, limit), [offset, limit]);
  const mayCreate = can(me, 'manageEnvironments');
  const busy = envs.data?.items.some((e) => isTransient(e.state)) ?? false;
  const { reload } = envs;

  // While something is provisioning or starting, keep the list fresh.
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [busy, reload]);

  const goTo = (o: number, l: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(o));
    next.set('limit', String(l));
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title="Environments"
        description="Gateway sandboxes on the runtime hosts: what was asked for, where it runs and how it is doing."
        actions={
          <>
            <button type="button" className="btn" onClick={reload} disabled={envs.loading}>
              Refresh
            </button>
            {mayCreate && (
              <Link to="/environments/new" className="btn btn-primary">
                New environment
              </Link>
            )}
          </>
        }
      />
      {envs.error ? (
        <ErrorPanel error={envs.error} onRetry={reload} title="Could not list environments" />
      ) : !envs.data ? (
        <Loading what="Loading environments" />
      ) : envs.data.items.length === 0 ? (
        <EmptyState
          title={envs.data.total > 0 ? 'No environments on this page' : 'No environments yet'}
          action={
            envs.data.total > 0 ? (
              <button type="button" className="btn" onClick={() => goTo(0, limit)}>
                First page
              </button>
            ) : (
              mayCreate && (
                <Link to="/environments/new" className="btn btn-primary">
                  Create the first environment
                </Link>
              )
            )
          }
        >
          {envs.data.total > 0
            ? 'Go back to the first page.'
            : mayCreate
              ? 'Create one with "New environment": pick a platform and version, and Stoker provisions a gateway in a few minutes.'
              : 'An engineer creates environments here (or with stoker:env-create in the Karaf shell); you can then follow them on this page.'}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Environments, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Gateway</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {envs.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link to={`/environments/${encodeURIComponent(e.id)}`}>
                        <strong>{e.spec.name}</strong>
                      </Link>
                    </td>
                    <td>
                      <EnvironmentStateBadge state={e.state} />
                      {e.state === 'FAILED' && e.stateReason && <div className="muted small wrap">{e.stateReason}</div>}
                    </td>
                    <td>
                      {e.spec.platform} {e.spec.version ?? <span className="muted">{e.spec.image}</span>}
                    </td>
                    <td>{e.spec.stage.toLowerCase()}</td>
                    <td>
                      {e.endpoints.http && e.state === 'RUNNING' ? (
                        <a href={e.endpoints.http} target="_blank" rel="noreferrer noopener">
                          {e.endpoints.http.replace(/^https?:\/\//, '')}
                          <span className="sr-only"> (opens the gateway of {e.spec.name} in a new tab)</span>
                        </a>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <Time iso={e.created} /> <span className="muted">by {e.createdBy}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={offset} limit={limit} total={envs.data.total} shown={envs.data.items.length} label="Environments" onChange={goTo} />
        </>
      )}
      {can(me, 'manageOrphans') && <OrphansPanel />}
    </>
  );
}

function OrphansPanel() {
  const api = useApi();
  const orphans = useResource(() => api.orphans(), []);
  const [removing, setRemoving] = useState<Orphan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [flash, setFlash] = useState<string>();

  const onRemove = async () => {
    if (!removing) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.removeOrphan(removing.runtimeHost, removing.container.id);
      setFlash(`Container ${removing.container.name || removing.container.id.slice(0, 12)} removed.`);
      setRemoving(null);
      orphans.reload();
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel orphans" aria-labelledby="orphans-title">
      <div className="card-header">
        <h2 id="orphans-title">Orphan containers</h2>
        <button type="button" className="btn btn-small card-action" onClick={orphans.reload} disabled={orphans.loading}>
          Check again
        </button>
      </div>
      <p className="muted small">Containers labelled as Stoker's that no live environment owns (admins only).</p>
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      {orphans.error ? (
        <ErrorPanel error={orphans.error} onRetry={orphans.reload} title="Could not list orphan containers" />
      ) : !orphans.data ? (
        <Loading what="Looking for orphan containers" />
      ) : orphans.data.length === 0 ? (
        <EmptyState title="No orphan containers">Every Stoker container on the runtime hosts belongs to an environment.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Orphan containers</caption>
            <thead>
              <tr>
                <th scope="col">Container</th>
                <th scope="col">Host</th>
                <th scope="col">Image</th>
                <th scope="col">Why</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {orphans.data.map((o) => {
                const name = o.container.name || o.container.id.slice(0, 12);
                return (
                  <tr key={`${o.runtimeHost}/${o.container.id}`}>
                    <td>
                      <strong className="wrap">{name}</strong>{' '}
                      <span className="muted small">{o.container.running ? 'running' : 'not running'}</span>
                    </td>
                    <td>{o.runtimeHost}</td>
                    <td>
                      <code className="wrap">{o.container.image}</code>
                    </td>
                    <td className="wrap">{o.reason}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="btn btn-small btn-danger-quiet"
                        onClick={() => {
                          setRemoving(o);
                          setError(undefined);
                          setFlash(undefined);
                        }}
                        aria-label={`Remove ${name}`}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.container.name || removing.container.id.slice(0, 12)}?`}
          confirmLabel="Remove container"
          danger
          busy={busy}
          error={error}
          onConfirm={onRemove}
          onCancel={() => setRemoving(null)}
        >
          <p>
            The container is stopped and removed from <strong>{removing.runtimeHost}</strong>. Its data volume is kept. This cannot
            be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
