/** The project's Browse tab: a revision's resources grouped by type, a file viewer (`resource=` opens one) and the export download. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Branch, Project } from '../../api/types';
import { useApi } from '../../auth/AuthContext';
import { ExportButton, RevisionId } from '../../components/ProjectBits';
import { EmptyState, ErrorPanel, Loading } from '../../components/States';
import { groupByType, resourceName, shortId } from '../../lib/projects';
import { useResource } from '../../lib/useResource';

export function BrowseTab({ project, branches }: { project: Project; branches: Branch[] }) {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const rev = params.get('rev') ?? project.defaultBranch;
  const [revInput, setRevInput] = useState(rev);
  const [file, setFile] = useState<string | null>(null);
  useEffect(() => {
    setRevInput(rev);
    setFile(null);
  }, [rev]);
  const tree = useResource(() => api.tree(project.name, rev), [project.name, rev, project.head], !!project.head);
  const content = useResource(() => api.projectFile(project.name, rev, file ?? ''), [project.name, rev, file], !!file);
  const viewer = useRef<HTMLPreElement>(null);
  // `resource=` (e.g. from a search result): open that resource's first file once the tree is there
  const wanted = params.get('resource');
  useEffect(() => {
    const r = wanted ? tree.data?.resources.find((x) => x.path === wanted) : undefined;
    if (r?.files.length) setFile(`${r.path}/${r.files.find((f) => f !== 'resource.json') ?? r.files[0]}`);
  }, [wanted, tree.data]);

  if (!project.head) return <EmptyState title="Nothing to browse yet">Import a project export first.</EmptyState>;
  const onShow = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams(params);
    next.set('tab', 'browse');
    if (revInput.trim()) next.set('rev', revInput.trim());
    else next.delete('rev');
    setParams(next);
  };
  const open = (path: string) => setFile(path);

  return (
    <section aria-labelledby="browse-title">
      <h2 id="browse-title" className="sr-only">
        Browse
      </h2>
      <form className="toolbar" onSubmit={onShow} aria-label="Revision to browse">
        <label className="inline-select">
          <span>Revision</span>
          <input list="browse-branches" value={revInput} onChange={(e) => setRevInput(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <datalist id="browse-branches">
          {branches.map((b) => (
            <option key={b.name} value={b.name} />
          ))}
        </datalist>
        <button type="submit" className="btn">
          Show
        </button>
        <ExportButton project={project.name} rev={rev} label={`Download the export of ${shortId(rev)}`} />
      </form>
      {tree.error ? (
        <ErrorPanel error={tree.error} onRetry={tree.reload} title={tree.error.status === 404 ? `No revision ${rev}` : 'Could not read the resources'} />
      ) : !tree.data ? (
        <Loading what="Loading the resources" />
      ) : (
        <div className="browse">
          <div className="card browse-tree">
            <div className="card-header">
              <h3>
                {tree.data.resources.length} resource{tree.data.resources.length === 1 ? '' : 's'} at <RevisionId id={tree.data.revision} />
              </h3>
            </div>
            {tree.data.resources.length === 0 && !tree.data.hasTags && <p className="muted">This revision has no resources.</p>}
            {groupByType(tree.data).map(([type, resources]) => (
              <section key={type} className="resource-group" aria-label={type}>
                <h4 className="wrap">{type}</h4>
                <ul className="plain-list">
                  {resources.map((r) => (
                    <li key={r.path}>
                      <span className="wrap resource-name">{resourceName(r)}</span>
                      <span className="file-buttons">
                        {r.files.map((f) => {
                          const path = `${r.path}/${f}`;
                          return (
                            <button
                              key={f}
                              type="button"
                              className={`btn btn-small file-button${file === path ? ' active' : ''}`}
                              aria-pressed={file === path}
                              aria-label={`Open ${path}`}
                              onClick={() => open(path)}
                            >
                              {f}
                            </button>
                          );
                        })}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
            {tree.data.hasTags && (
              <section className="resource-group" aria-label="Tags">
                <h4>Tags</h4>
                <button
                  type="button"
                  className={`btn btn-small file-button${file === 'tags.json' ? ' active' : ''}`}
                  aria-pressed={file === 'tags.json'}
                  aria-label="Open tags.json"
                  onClick={() => open('tags.json')}
                >
                  tags.json
                </button>
              </section>
            )}
          </div>
          <div className="card browse-file" aria-live="polite">
            {!file ? (
              <p className="muted">Pick a file to read it here.</p>
            ) : content.error ? (
              <ErrorPanel error={content.error} onRetry={content.reload} title={`Could not read ${file}`} />
            ) : content.data === undefined || content.loading ? (
              <Loading what={`Reading ${file}`} />
            ) : (
              <>
                <div className="card-header">
                  <h3 className="wrap">{file}</h3>
                </div>
                <pre className="logs file-view" tabIndex={0} ref={viewer} aria-label={`Content of ${file}`} data-testid="file-content">
                  {content.data}
                </pre>
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
