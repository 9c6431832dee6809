/** What happened to an environment, newest first: its current state and its operations, capped with "Show more". */
import { useState } from 'react';
import type { Environment } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { TIMELINE_PAGE, timelineEntries } from '../lib/timeline';
import { useResource } from '../lib/useResource';
import { Time } from './Bits';
import { ErrorPanel, Loading } from './States';

/**
 * `refresh` changes whenever something may have added or finished an operation (the state, the
 * followed operation's step or status): the list is read again then.
 */
export function EnvironmentTimeline({ env, refresh }: { env: Environment; refresh: string }) {
  const api = useApi();
  const [limit, setLimit] = useState(TIMELINE_PAGE);
  const ops = useResource(() => api.operations(env.id, 0, limit), [env.id, limit, env.state, env.updated, refresh]);
  const page = ops.data;
  const items = page?.items ?? [];
  const total = Math.max(page?.total ?? 0, items.length);
  const more = total - items.length;
  const entries = page ? timelineEntries(env, items, more <= 0) : [];

  return (
    <section className="card card-wide" aria-labelledby="timeline-title">
      <div className="card-header">
        <h2 id="timeline-title">Status timeline</h2>
        {page && (
          <span className="muted small">
            {total} operation{total === 1 ? '' : 's'}, newest first
          </span>
        )}
      </div>
      {ops.error && !page ? (
        <ErrorPanel error={ops.error} onRetry={ops.reload} title="Could not read the operations" />
      ) : !page ? (
        <Loading what="Reading the operations" />
      ) : (
        <>
          {ops.error && (
            <p className="warning" role="status">
              Could not refresh the timeline ({ops.error.detail}); showing what was read before.
            </p>
          )}
          <ol className="timeline" aria-label={`What happened to ${env.spec.name}, newest first`} data-testid="timeline">
            {entries.map((e) => (
              <li key={e.key} className={`timeline-item timeline-${e.tone}${e.current ? ' timeline-current' : ''}`}>
                <span className="timeline-mark" aria-hidden="true">
                  {e.mark}
                </span>
                <div className="timeline-body">
                  <p className="timeline-title">
                    <strong>{e.title}</strong>
                  </p>
                  <p className="timeline-meta muted small">
                    {e.current ? 'since ' : ''}
                    <Time iso={e.time} />
                    {e.by && <> · by {e.by}</>}
                    {e.took && <> · took {e.took}</>}
                  </p>
                  {e.reason && (
                    <p className="timeline-reason">
                      <span className="timeline-reason-label">Reason:</span> {e.reason}
                    </p>
                  )}
                  {e.note && <p className="timeline-note muted small">{e.note}</p>}
                </div>
              </li>
            ))}
          </ol>
          {more > 0 && (
            <button type="button" className="btn btn-small" onClick={() => setLimit((l) => l + TIMELINE_PAGE)} disabled={ops.loading}>
              {ops.loading ? 'Loading…' : `Show more (${more} older)`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
