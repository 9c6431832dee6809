/** Projects: the list with paging and, for leads, the new-project form. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Platform } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { PageHeader, Time } from '../components/Bits';
import { Field } from '../components/Field';
import { Pagination } from '../components/Pagination';
import { RevisionId } from '../components/ProjectBits';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import { intParam, PAGE_SIZES } from '../lib/pagination';
import { problemField, validateProjectName } from '../lib/projects';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

export const projectHref = (name: string, rest = '') => `/projects/${encodeURIComponent(name)}${rest}`;

export function Projects() {
  usePageTitle('Projects');
  const api = useApi();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[0], 500);
  const projects = useResource(() => api.projects(offset, limit), [offset, limit]);
  const mayCreate = can(me, 'createProjects');
  const [creating, setCreating] = useState(false);

  const goTo = (o: number, l: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(o));
    next.set('limit', String(l));
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title="Projects"
        description="Versioned gateway projects: history, semantic diffs, branches, merges and releases."
        actions={
          <>
            <button type="button" className="btn" onClick={projects.reload} disabled={projects.loading}>
              Refresh
            </button>
            {mayCreate && !creating && (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                New project
              </button>
            )}
          </>
        }
      />
      {mayCreate && creating && <CreateProjectForm onCancel={() => setCreating(false)} />}
      {projects.error ? (
        <ErrorPanel error={projects.error} onRetry={projects.reload} title="Could not list the projects" />
      ) : !projects.data ? (
        <Loading what="Loading projects" />
      ) : projects.data.items.length === 0 ? (
        <EmptyState
          title={projects.data.total > 0 ? 'No projects on this page' : 'No projects yet'}
          action={
            projects.data.total > 0 ? (
              <button type="button" className="btn" onClick={() => goTo(0, limit)}>
                First page
              </button>
            ) : undefined
          }
        >
          {projects.data.total > 0
            ? 'Go back to the first page.'
            : mayCreate
              ? 'Create one with "New project", then import a project export from a gateway.'
              : 'A lead creates projects here; engineers then import gateway project exports into them.'}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Projects</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Default branch</th>
                  <th scope="col">Head</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {projects.data.items.map((p) => (
                  <tr key={p.name}>
                    <td>
                      <Link to={projectHref(p.name)}>
                        <strong>{p.name}</strong>
                      </Link>
                      {p.description && <div className="muted small wrap">{p.description}</div>}
                    </td>
                    <td>{p.platform}</td>
                    <td>{p.defaultBranch}</td>
                    <td>{p.head ? <RevisionId id={p.head} /> : <span className="muted">empty</span>}</td>
                    <td>
                      <Time iso={p.created} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={offset} limit={limit} total={projects.data.total} shown={projects.data.items.length} label="Projects" onChange={goTo} />
        </>
      )}
    </>
  );
}

type ProjectField = 'name' | 'platform' | 'description';

function CreateProjectForm({ onCancel }: { onCancel: () => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const platforms = useResource(() => api.platforms(), []);
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState<Partial<Record<ProjectField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<ProjectField, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const list: Platform[] = platforms.data ?? [];
  const chosen = platform || list[0]?.id || '';
  const local: Partial<Record<ProjectField, string>> = {
    name: validateProjectName(name),
    platform: chosen ? undefined : 'No platform adapter is installed.',
    description: description.length > 1000 ? 'At most 1000 characters.' : undefined,
  };
  const shown = (f: ProjectField) => serverErrors[f] ?? (touched[f] ? local[f] : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ name: true, platform: true, description: true });
    setFormError(undefined);
    const first = (['name', 'platform', 'description'] as ProjectField[]).find((f) => local[f]);
    if (first) {
      document.getElementById(`project-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const p = await api.createProject({ name, platform: chosen, ...(description.trim() ? { description: description.trim() } : {}) });
      navigate(projectHref(p.name), { state: { flash: `Project ${p.name} created. Import a project export to give it its first revision.` } });
    } catch (err) {
      const error = asApiError(err);
      const named = problemField(error);
      const field = (['name', 'platform', 'description'] as ProjectField[]).find((f) => f === named);
      if (field) {
        setServerErrors({ [field]: error.detail });
        document.getElementById(`project-${field}`)?.focus();
      } else {
        setFormError(error.detail);
      }
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="new-project-title">
      <h2 id="new-project-title">New project</h2>
      <FormError message={formError} />
      {platforms.error && <ErrorPanel error={platforms.error} onRetry={platforms.reload} title="Could not list the platforms" />}
      <div className="form-grid">
        <Field label="Name" hint="2–63 characters: lower-case letters, digits and '-', starting with a letter or digit." error={shown('name')}>
          <input
            id="project-name"
            name="name"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setTouched((t) => ({ ...t, name: true }));
              setServerErrors((s) => ({ ...s, name: undefined }));
            }}
          />
        </Field>
        <Field label="Platform" error={shown('platform')}>
          <select
            id="project-platform"
            name="platform"
            value={chosen}
            disabled={!platforms.data}
            onChange={(e) => {
              setPlatform(e.target.value);
              setServerErrors((s) => ({ ...s, platform: undefined }));
            }}
          >
            {!platforms.data && <option value="">Loading…</option>}
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} ({p.id})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Description (optional)" error={shown('description')}>
          <input
            id="project-description"
            name="description"
            autoComplete="off"
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
              setTouched((t) => ({ ...t, description: true }));
              setServerErrors((s) => ({ ...s, description: undefined }));
            }}
          />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !platforms.data}>
          {busy ? 'Creating…' : 'Create project'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
