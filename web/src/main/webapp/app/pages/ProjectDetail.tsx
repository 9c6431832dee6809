/**
 * One project: header (default branch, head) and sections kept in the address (`?tab=`): history with
 * revision comparison, the resource tree with a file viewer, import (engineers), branches,
 * releases, the pipeline editor and the project's runs. Viewers see everything and no control that
 * changes anything.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Branch, Project, Revision } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { Badge, PageHeader, Time } from '../components/Bits';
import { Field } from '../components/Field';
import { ConfirmDialog } from '../components/Modal';
import { Pagination } from '../components/Pagination';
import { PipelineEditor } from '../components/PipelineEditor';
import { ExportButton, RevisionId } from '../components/ProjectBits';
import { RunsTable } from '../components/RunBits';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import { intParam, PAGE_SIZES } from '../lib/pagination';
import { groupByType, problemField, resourceName, shortId, validateRefName } from '../lib/projects';
import { useResource, type Resource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { projectHref } from './Projects';

type Tab = 'history' | 'browse' | 'import' | 'branches' | 'releases' | 'pipeline' | 'runs';
const TABS: { tab: Tab; label: string; change?: boolean }[] = [
  { tab: 'history', label: 'History' },
  { tab: 'browse', label: 'Browse' },
  { tab: 'import', label: 'Import', change: true },
  { tab: 'branches', label: 'Branches' },
  { tab: 'releases', label: 'Releases' },
  { tab: 'pipeline', label: 'Pipeline' },
  { tab: 'runs', label: 'Runs' },
];

export const diffHref = (project: string, from: string, to: string) =>
  projectHref(project, `/diff?${new URLSearchParams({ from, to }).toString()}`);

export function ProjectDetail() {
  const { name = '' } = useParams();
  const api = useApi();
  const { me } = useAuth();
  const location = useLocation();
  const [params] = useSearchParams();
  const project = useResource(() => api.project(name), [name]);
  const branches = useResource(() => api.branches(name), [name]);
  const mayChange = can(me, 'changeProjects');
  const asked = params.get('tab') as Tab | null;
  const tabs = TABS.filter((t) => !t.change || mayChange);
  const tab: Tab = tabs.some((t) => t.tab === asked) ? (asked as Tab) : 'history';
  const [flash] = useState<string | undefined>((location.state as { flash?: string } | null)?.flash);
  usePageTitle(project.data ? project.data.name : 'Project');
  const reloadAll = () => {
    project.reload();
    branches.reload();
  };

  const back = (
    <Link to="/projects" className="btn">
      All projects
    </Link>
  );
  if (project.error && !project.data) {
    return (
      <>
        <PageHeader title={name} actions={back} />
        <ErrorPanel error={project.error} onRetry={project.reload} title={project.error.status === 404 ? 'No such project' : 'Could not load the project'} />
      </>
    );
  }
  const p = project.data;
  if (!p) return <Loading what="Loading the project" />;

  const tabHref = (t: Tab) => projectHref(p.name, t === 'history' ? '' : `?tab=${t}`);
  return (
    <>
      <PageHeader
        title={p.name}
        description={
          <>
            {p.description && <span className="wrap">{p.description} · </span>}
            {p.platform} · default branch <strong>{p.defaultBranch}</strong> · head {p.head ? <RevisionId id={p.head} /> : <span className="muted">none yet</span>}
          </>
        }
        actions={
          <>
            {back}
            {mayChange && p.head && (
              <Link to={projectHref(p.name, '/merge')} className="btn">
                Merge branches
              </Link>
            )}
            <button type="button" className="btn" onClick={reloadAll} disabled={project.loading || branches.loading}>
              Refresh
            </button>
          </>
        }
      />
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      <nav className="tabs" aria-label="Project sections">
        <ul>
          {tabs.map((t) => (
            <li key={t.tab}>
              <Link to={tabHref(t.tab)} className={`tab${t.tab === tab ? ' active' : ''}`} aria-current={t.tab === tab ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'history' && <HistoryTab project={p} branches={branches} />}
      {tab === 'browse' && <BrowseTab project={p} branches={branches.data ?? []} />}
      {tab === 'import' && mayChange && <ImportTab project={p} branches={branches.data ?? []} onImported={reloadAll} />}
      {tab === 'branches' && <BranchesTab project={p} branches={branches} onChanged={reloadAll} />}
      {tab === 'releases' && <ReleasesTab project={p} branches={branches.data ?? []} />}
      {tab === 'pipeline' && <PipelineEditor project={p} onSaved={reloadAll} />}
      {tab === 'runs' && <RunsTable project={p.name} />}
    </>
  );
}

function BranchOptions({ branches, project }: { branches: Branch[]; project: Project }) {
  const names = branches.length ? branches.map((b) => b.name) : [project.defaultBranch];
  return (
    <>
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
          {n === project.defaultBranch ? ' (default)' : ''}
        </option>
      ))}
    </>
  );
}

// ---- history

function HistoryTab({ project, branches }: { project: Project; branches: Resource<Branch[]> }) {
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

// ---- browse

function BrowseTab({ project, branches }: { project: Project; branches: Branch[] }) {
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

// ---- import

function ImportTab({ project, branches, onImported }: { project: Project; branches: Branch[]; onImported: () => void }) {
  const api = useApi();
  const [zip, setZip] = useState<File | null>(null);
  const [tags, setTags] = useState<File | null>(null);
  const [branch, setBranch] = useState(project.defaultBranch);
  const [message, setMessage] = useState('');
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<{ files?: string; message?: string; branch?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ revision: Revision; branch: string; before: string | null } | null>(null);
  const [resetKey, setResetKey] = useState(0);

  const local = {
    files: !zip && !tags ? 'Choose a project export, a tag export, or both.' : zip && !/\.zip$/i.test(zip.name) ? 'The project export is a .zip file.' : undefined,
    message: !message.trim() ? 'Say what changed, e.g. "Alarm view from line 3".' : message.length > 500 ? 'At most 500 characters.' : undefined,
  };
  const shown = (f: 'files' | 'message') => errors[f] ?? (touched ? local[f] : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setFormError(undefined);
    if (local.files || local.message) {
      document.getElementById(local.files ? 'import-project' : 'import-message')?.focus();
      return;
    }
    setBusy(true);
    setDone(null);
    const before = branches.find((b) => b.name === branch)?.head ?? (branch === project.defaultBranch ? project.head : null);
    try {
      const revision = await api.importProject(project.name, { project: zip ?? undefined, tags: tags ?? undefined, branch, message: message.trim() });
      setDone({ revision, branch, before });
      setZip(null);
      setTags(null);
      setMessage('');
      setTouched(false);
      setResetKey((k) => k + 1);
      onImported();
    } catch (err) {
      const error = asApiError(err);
      const field = problemField(error);
      if (field === 'project' || field === 'tags' || field === 'export') setErrors({ files: error.detail });
      else if (field === 'message') setErrors({ message: error.detail });
      else if (field === 'branch' || field === 'expectedHead') setErrors({ branch: error.detail });
      else setFormError(error.detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {done && (
        <div className="flash import-result" role="status">
          Imported as revision <RevisionId id={done.revision.id} /> on {done.branch}.{' '}
          {done.before && done.before !== done.revision.id && (
            <>
              <Link to={diffHref(project.name, done.before, done.revision.id)}>See what changed</Link> ·{' '}
            </>
          )}
          <Link to={projectHref(project.name, done.branch === project.defaultBranch ? '' : `?${new URLSearchParams({ branch: done.branch }).toString()}`)}>
            History
          </Link>
        </div>
      )}
      <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="import-title" key={resetKey}>
        <h2 id="import-title">Import</h2>
        <p className="muted small">
          A project export (Gateway → Config → Projects → Export) and/or a tag export (JSON) become one new revision of the branch.
        </p>
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Project export (.zip)" error={shown('files')}>
            <input
              id="import-project"
              type="file"
              accept=".zip,application/zip"
              onChange={(e) => {
                setZip(e.target.files?.[0] ?? null);
                setErrors((x) => ({ ...x, files: undefined }));
                setFormError(undefined);
              }}
            />
          </Field>
          <Field label="Tag export (.json, optional)">
            <input
              id="import-tags"
              type="file"
              accept=".json,application/json"
              onChange={(e) => {
                setTags(e.target.files?.[0] ?? null);
                setErrors((x) => ({ ...x, files: undefined }));
                setFormError(undefined);
              }}
            />
          </Field>
          <Field label="Branch" error={errors.branch}>
            <select
              id="import-branch"
              value={branch}
              onChange={(e) => {
                setBranch(e.target.value);
                setErrors((x) => ({ ...x, branch: undefined }));
              }}
            >
              <BranchOptions branches={branches} project={project} />
            </select>
          </Field>
          <Field label="Message" error={shown('message')}>
            <input
              id="import-message"
              autoComplete="off"
              value={message}
              onChange={(e) => {
                setMessage(e.target.value);
                setErrors((x) => ({ ...x, message: undefined }));
              }}
            />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </>
  );
}

// ---- branches

function BranchesTab({ project, branches, onChanged }: { project: Project; branches: Resource<Branch[]>; onChanged: () => void }) {
  const api = useApi();
  const { me } = useAuth();
  const mayChange = can(me, 'changeProjects');
  const [deleting, setDeleting] = useState<Branch | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [flash, setFlash] = useState<string>();

  const onDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.deleteBranch(project.name, deleting.name);
      setFlash(`Branch ${deleting.name} deleted.`);
      setDeleting(null);
      onChanged();
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(false);
    }
  };

  const list = branches.data ?? [];
  return (
    <section aria-labelledby="branches-title">
      <h2 id="branches-title" className="sr-only">
        Branches
      </h2>
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      {mayChange && project.head && (
        <CreateBranchForm
          project={project}
          branches={list}
          onCreated={(b) => {
            setFlash(`Branch ${b.name} created at ${shortId(b.head)}.`);
            onChanged();
          }}
        />
      )}
      {branches.error ? (
        <ErrorPanel error={branches.error} onRetry={branches.reload} title="Could not list the branches" />
      ) : !branches.data ? (
        <Loading what="Loading branches" />
      ) : list.length === 0 ? (
        <EmptyState title="No branches yet">The default branch appears with the first import.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Branches</caption>
            <thead>
              <tr>
                <th scope="col">Branch</th>
                <th scope="col">Head</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.name}>
                  <td>
                    <strong className="wrap">{b.name}</strong> {b.name === project.defaultBranch && <Badge tone="info">default</Badge>}
                  </td>
                  <td>
                    <RevisionId id={b.head} />
                  </td>
                  <td className="row-actions">
                    <Link to={projectHref(project.name, b.name === project.defaultBranch ? '' : `?${new URLSearchParams({ branch: b.name }).toString()}`)} aria-label={`History of ${b.name}`}>
                      History
                    </Link>
                    {mayChange && b.name !== project.defaultBranch && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-quiet"
                        onClick={() => {
                          setDeleting(b);
                          setError(undefined);
                          setFlash(undefined);
                        }}
                        aria-label={`Delete branch ${b.name}`}
                      >
                        Delete…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete branch ${deleting.name}?`} confirmLabel="Delete branch" danger busy={busy} error={error} onConfirm={onDelete} onCancel={() => setDeleting(null)}>
          <p>
            The branch name goes away. Revisions only it pointed to (head <RevisionId id={deleting.head} />) are no longer listed; releases made from
            them are kept.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function CreateBranchForm({ project, branches, onCreated }: { project: Project; branches: Branch[]; onCreated: (b: Branch) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [from, setFrom] = useState(project.defaultBranch);
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; from?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const local = {
    name: validateRefName(name, 'branch') ?? (branches.some((b) => b.name === name) ? `A branch ${name} exists already.` : undefined),
    from: from.trim() ? undefined : 'A branch or commit to start from.',
  };
  const shown = (f: 'name' | 'from') => errors[f] ?? (touched ? local[f] : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setFormError(undefined);
    if (local.name || local.from) {
      document.getElementById(local.name ? 'branch-name' : 'branch-from')?.focus();
      return;
    }
    setBusy(true);
    try {
      const b = await api.createBranch(project.name, name, from.trim());
      setName('');
      setTouched(false);
      onCreated(b);
    } catch (err) {
      const error = asApiError(err);
      const field = problemField(error);
      if (field === 'name' || field === 'from') setErrors({ [field]: error.detail });
      else setFormError(error.detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="new-branch-title">
      <h2 id="new-branch-title">New branch</h2>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Branch name" hint="e.g. feature/alarms" error={shown('name')}>
          <input
            id="branch-name"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setTouched(true);
              setErrors((x) => ({ ...x, name: undefined }));
            }}
          />
        </Field>
        <Field label="From" hint="A branch or a commit id." error={shown('from')}>
          <input
            id="branch-from"
            list="branch-from-list"
            autoComplete="off"
            spellCheck={false}
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              setErrors((x) => ({ ...x, from: undefined }));
            }}
          />
        </Field>
        <datalist id="branch-from-list">
          {branches.map((b) => (
            <option key={b.name} value={b.name} />
          ))}
        </datalist>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create branch'}
        </button>
      </div>
    </form>
  );
}

// ---- releases

function ReleasesTab({ project, branches }: { project: Project; branches: Branch[] }) {
  const api = useApi();
  const { me } = useAuth();
  const releases = useResource(() => api.releases(project.name), [project.name]);
  const mayChange = can(me, 'changeProjects');
  const [flash, setFlash] = useState<string>();
  return (
    <section aria-labelledby="releases-title">
      <h2 id="releases-title" className="sr-only">
        Releases
      </h2>
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      {mayChange && project.head && (
        <CreateReleaseForm
          project={project}
          branches={branches}
          onCreated={(r) => {
            setFlash(`Release ${r.name} created from ${shortId(r.revision)}.`);
            releases.reload();
          }}
        />
      )}
      {releases.error ? (
        <ErrorPanel error={releases.error} onRetry={releases.reload} title="Could not list the releases" />
      ) : !releases.data ? (
        <Loading what="Loading releases" />
      ) : releases.data.length === 0 ? (
        <EmptyState title="No releases yet">A release names a revision for good: its export can be deployed and downloaded later.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Releases, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Release</th>
                <th scope="col">Revision</th>
                <th scope="col">Created</th>
                <th scope="col">From environment</th>
                <th scope="col">Artifact</th>
                <th scope="col">
                  <span className="sr-only">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {releases.data.map((r) => (
                <tr key={r.name}>
                  <td>
                    <strong className="wrap">{r.name}</strong>
                  </td>
                  <td>
                    <RevisionId id={r.revision} />
                  </td>
                  <td>
                    <Time iso={r.created} /> <span className="muted">by {r.createdBy}</span>
                  </td>
                  <td>{r.sourceEnvironment || <span className="muted">—</span>}</td>
                  <td>{r.artifactSha256 ? <code title={`sha256 ${r.artifactSha256}`}>{r.artifactSha256.slice(0, 12)}</code> : <span className="muted">—</span>}</td>
                  <td className="row-actions">
                    <ExportButton project={project.name} rev={r.revision} label={`Download the export of release ${r.name}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateReleaseForm({ project, branches, onCreated }: { project: Project; branches: Branch[]; onCreated: (r: { name: string; revision: string }) => void }) {
  const api = useApi();
  const envs = useResource(() => api.environments(0, 500), []);
  const [name, setName] = useState('');
  const [rev, setRev] = useState(project.defaultBranch);
  const [source, setSource] = useState('');
  const [message, setMessage] = useState('');
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<'name' | 'rev' | 'sourceEnvironment' | 'message', string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const local = {
    name: validateRefName(name, 'release'),
    rev: rev.trim() ? undefined : 'A branch, release or commit id.',
  };
  const shown = (f: 'name' | 'rev') => errors[f] ?? (touched ? local[f] : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setFormError(undefined);
    if (local.name || local.rev) {
      document.getElementById(local.name ? 'release-name' : 'release-rev')?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await api.createRelease(project.name, {
        name,
        rev: rev.trim(),
        ...(source.trim() ? { sourceEnvironment: source.trim() } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
      });
      setName('');
      setMessage('');
      setSource('');
      setTouched(false);
      onCreated(r);
    } catch (err) {
      const error = asApiError(err);
      const field = problemField(error);
      if (field === 'name' || field === 'rev' || field === 'sourceEnvironment' || field === 'message') setErrors({ [field]: error.detail });
      else setFormError(error.detail);
    } finally {
      setBusy(false);
    }
  };

  const field = (label: string, id: string, value: string, set: (v: string) => void, error: string | undefined, hint?: string, list?: string) => (
    <Field label={label} error={error} hint={hint}>
      <input
        id={id}
        list={list}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => {
          set(e.target.value);
          setTouched(true);
          setErrors({});
        }}
      />
    </Field>
  );

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="new-release-title">
      <h2 id="new-release-title">New release</h2>
      <FormError message={formError} />
      <div className="form-grid">
        {field('Release name', 'release-name', name, setName, shown('name'), 'e.g. v1.4.0')}
        {field('Revision', 'release-rev', rev, setRev, shown('rev'), 'A branch or commit id.', 'release-rev-list')}
        {field('Source environment (optional)', 'release-source', source, setSource, errors.sourceEnvironment, 'Where this content was tested, for the record.', 'release-env-list')}
        {field('Message (optional)', 'release-message', message, setMessage, errors.message)}
        <datalist id="release-rev-list">
          {branches.map((b) => (
            <option key={b.name} value={b.name} />
          ))}
        </datalist>
        <datalist id="release-env-list">
          {(envs.data?.items ?? []).map((e) => (
            <option key={e.id} value={e.spec.name} />
          ))}
        </datalist>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create release'}
        </button>
      </div>
    </form>
  );
}
