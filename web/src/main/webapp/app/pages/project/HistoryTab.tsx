/** The project's History tab: a branch's revisions, a page at a time; tick two to compare them. */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Branch, Project, Revision } from '../../api/types';
import { useApi, useAuth } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { Time } from '../../components/Bits';
import { Pagination } from '../../components/Pagination';
import { RevisionId } from '../../components/ProjectBits';
import { EmptyState, ErrorPanel, Loading } from '../../components/States';
import { intParam, PAGE_SIZES } from '../../lib/pagination';
import { shortId } from '../../lib/projects';
import { useResource, type Resource } from '../../lib/useResource';
import { projectHref } from '../Projects';
import { BranchOptions, diffHref } from './common';

export function HistoryTab({ project, branches }: { project: Project; branches: Resource<Branch[]> }) {
  const api = useApi();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const branch = params.get('branch') ?? project.defaultBranch;
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[0], 500);
  const history = useResource(() => api.history(project.name, branch, offset, limit), [project.name, branch, offset, limit, project.head], !!project.head);
  const [selected, setSelected] = useState<{ rev: Revision; index: number }[]>([]);

  const setParam = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const toggle = (rev: Revision, index: number) =>
    setSelected((s) => (s.some((x) => x.rev.id === rev.id) ? s.filter((x) => x.rev.id !== rev.id) : s.length >= 2 ? s : [...s, { rev, index: offset + index }]));
  const compare = () => {
    if (selected.length !== 2) return;
    // older → newer: by time, then by place in the list (newest first)
    const [a, b] = [...selected].sort((x, y) => {
      const t = new Date(x.rev.time).getTime() - new Date(y.rev.time).getTime();
      return t !== 0 && !Number.isNaN(t) ? t : y.index - x.index;
    });
    navigate(diffHref(project.name, a.rev.id, b.rev.id));
  };

  if (!project.head) {
    return (
      <EmptyState
        title="No revisions yet"
        action={
          can(me, 'changeProjects') && (
            <Link to={projectHref(project.name, '?tab=import')} className="btn btn-primary">
              Import a project export
            </Link>
          )
        }
      >
        A revision is made by importing a gateway project export (and optionally its tags).
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title" className="sr-only">
        History
      </h2>
      <div className="toolbar">
        <label className="inline-select">
          <span>Branch</span>
          <select
            value={branch}
            onChange={(e) => {
              setSelected([]);
              setParam({ branch: e.target.value === project.defaultBranch ? undefined : e.target.value, offset: undefined });
            }}
          >
            <BranchOptions branches={branches.data ?? []} project={project} />
          </select>
        </label>
        <button type="button" className="btn btn-primary" disabled={selected.length !== 2} onClick={compare}>
          Compare selected
        </button>
        <span className="muted small" aria-live="polite">
          {selected.length === 2
            ? `Comparing ${shortId(selected[0].rev.id)} and ${shortId(selected[1].rev.id)}.`
            : `Pick two revisions to compare (${selected.length} of 2).`}
        </span>
      </div>
      {history.error ? (
        <ErrorPanel error={history.error} onRetry={history.reload} title="Could not read the history" />
      ) : !history.data ? (
        <Loading what="Loading the history" />
      ) : history.data.items.length === 0 ? (
        <EmptyState title="No revisions on this branch" />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Revisions of {branch}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Compare</span>
                  </th>
                  <th scope="col">Revision</th>
                  <th scope="col">Message</th>
                  <th scope="col">Author</th>
                  <th scope="col">Time</th>
                  <th scope="col">
                    <span className="sr-only">Links</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.data.items.map((r, i) => {
                  const checked = selected.some((x) => x.rev.id === r.id);
                  return (
                    <tr key={r.id}>
                      <td>
                        <input
                          type="checkbox"
                          checked={checked}
                          disabled={!checked && selected.length >= 2}
                          onChange={() => toggle(r, i)}
                          aria-label={`Select ${shortId(r.id)} for comparison`}
                        />
                      </td>
                      <td>
                        <RevisionId id={r.id} />
                      </td>
                      <td className="wrap">{r.message || <span className="muted">(no message)</span>}</td>
                      <td>{r.author}</td>
                      <td>
                        <Time iso={r.time} />
                      </td>
                      <td className="row-actions">
                        <Link to={projectHref(project.name, `?${new URLSearchParams({ tab: 'browse', rev: r.id }).toString()}`)} aria-label={`Browse ${shortId(r.id)}`}>
                          Browse
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={offset}
            limit={limit}
            total={history.data.total}
            shown={history.data.items.length}
            label="Revisions"
            onChange={(o, l) => setParam({ offset: String(o), limit: String(l) })}
          />
        </>
      )}
    </section>
  );
}
