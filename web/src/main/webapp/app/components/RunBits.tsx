/** Display pieces for pipeline runs: status badges (a mark and words) and the paginated runs table. */
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Run } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { intParam, PAGE_SIZES } from '../lib/pagination';
import { duration, runEnded, runSymbol, runTone, runWords } from '../lib/runs';
import { useResource } from '../lib/useResource';
import { Badge, Time } from './Bits';
import { Pagination } from './Pagination';
import { RevisionId } from './ProjectBits';
import { EmptyState, ErrorPanel, Loading } from './States';

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={runTone(status)}>
      <span aria-hidden="true" className="state-mark">
        {runSymbol(status)}
      </span>{' '}
      {runWords(status)}
    </Badge>
  );
}

export const runHref = (id: string) => `/runs/${encodeURIComponent(id)}`;
export const shortRunId = (id: string) => id.replace(/-/g, '').slice(0, 8);

/**
 * Runs newest first, a page at a time (`?offset=&limit=` in the address); read again every `refreshMs`
 * while a run on the page has not ended.
 */
export function RunsTable({ project, refreshKey, refreshMs = 5000 }: { project?: string; refreshKey?: unknown; refreshMs?: number }) {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[0], 500);
  const runs = useResource(() => api.runs(project, offset, limit), [project, offset, limit, refreshKey]);
  const live = runs.data?.items.some((r) => !runEnded(r.status)) ?? false;
  const { reload } = runs;
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => {
      if (document.visibilityState !== 'hidden') reload();
    }, refreshMs);
    return () => clearInterval(t);
  }, [live, reload, refreshMs]);

  if (runs.error && !runs.data) return <ErrorPanel error={runs.error} onRetry={runs.reload} title="Could not read the runs" />;
  if (!runs.data) return <Loading what="Loading the runs" />;
  if (runs.data.items.length === 0 && offset === 0) {
    return <EmptyState title="No runs yet">{project ? 'Start one with Run pipeline on the Pipeline tab.' : 'Runs start from a project’s Pipeline tab, a trigger, or a rollback.'}</EmptyState>;
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{project ? `Runs of ${project}, newest first` : 'Runs, newest first'}</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              {!project && <th scope="col">Project</th>}
              <th scope="col">Status</th>
              <th scope="col">Revision</th>
              <th scope="col">Started by</th>
              <th scope="col">Reason</th>
              <th scope="col">Created</th>
              <th scope="col">Took</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((r: Run) => (
              <tr key={r.id}>
                <td>
                  <Link to={runHref(r.id)} aria-label={`Run ${shortRunId(r.id)}`}>
                    <code>{shortRunId(r.id)}</code>
                  </Link>
                  {r.rollbackOf && <span className="muted small"> rollback</span>}
                </td>
                {!project && <td>{r.project}</td>}
                <td>
                  <RunStatusBadge status={r.status} />
                </td>
                <td>
                  <RevisionId id={r.commit ?? r.revision} />
                  {r.release && <span className="muted small"> {r.release}</span>}
                </td>
                <td>{r.startedBy}</td>
                <td className="wrap">{r.reason || <span className="muted">—</span>}</td>
                <td>
                  <Time iso={r.createdAt} />
                </td>
                <td>{duration(r.startedAt, r.endedAt) || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        offset={offset}
        limit={limit}
        total={runs.data.total}
        shown={runs.data.items.length}
        label="Runs"
        onChange={(o, l) => {
          const next = new URLSearchParams(params);
          next.set('offset', String(o));
          next.set('limit', String(l));
          setParams(next);
        }}
      />
    </>
  );
}
