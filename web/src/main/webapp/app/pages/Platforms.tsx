/** The platform adapters installed now, their release lines and capabilities. */
import { useApi } from '../auth/AuthContext';
import { Badge, PageHeader } from '../components/Bits';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

export function Platforms() {
  usePageTitle('Platforms');
  const api = useApi();
  const platforms = useResource(() => api.platforms(), []);
  return (
    <>
      <PageHeader
        title="Platforms"
        description="SCADA platforms Stoker can provision, one per installed adapter bundle. Adapters come and go without a restart."
        actions={
          <button type="button" className="btn" onClick={platforms.reload} disabled={platforms.loading}>
            Refresh
          </button>
        }
      />
      {platforms.error ? (
        <ErrorPanel error={platforms.error} onRetry={platforms.reload} title="Could not list platforms" />
      ) : !platforms.data ? (
        <Loading what="Loading platforms" />
      ) : platforms.data.length === 0 ? (
        <EmptyState title="No platform adapter installed">
          Install an adapter feature from the Karaf shell (<code>feature:install</code>), then refresh this page.
        </EmptyState>
      ) : (
        <div className="grid">
          {platforms.data.map((p) => (
            <section key={p.id} className="card card-wide" aria-labelledby={`platform-${p.id}`}>
              <div className="card-header">
                <h2 id={`platform-${p.id}`}>{p.displayName}</h2>
                <span className="muted">
                  <code>{p.id}</code> · {p.vendor} · adapter {p.adapterVersion}
                </span>
              </div>
              {p.versions.length === 0 ? (
                <p className="muted">This adapter offers no release lines.</p>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <caption className="sr-only">Release lines of {p.displayName}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Line</th>
                        <th scope="col">Default version</th>
                        <th scope="col">Default image</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.versions.map((v) => (
                        <tr key={v.line}>
                          <td>{v.line}</td>
                          <td>{v.defaultVersion}</td>
                          <td>
                            <code className="wrap">{v.defaultImage}</code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {p.capabilities.length > 0 && (
                <div className="capabilities" aria-label="Capabilities">
                  {[...p.capabilities].sort().map((c) => (
                    <Badge key={c}>{c.toLowerCase().replace(/_/g, ' ')}</Badge>
                  ))}
                </div>
              )}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
