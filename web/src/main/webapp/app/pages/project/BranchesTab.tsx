/** The project's Branches tab: the branches with their heads; engineers create and delete them. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Branch, Project } from '../../api/types';
import { asApiError, useApi, useAuth } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Bits';
import { Field } from '../../components/Field';
import { ConfirmDialog } from '../../components/Modal';
import { RevisionId } from '../../components/ProjectBits';
import { EmptyState, ErrorPanel, FormError, Loading } from '../../components/States';
import { problemField, shortId, validateRefName } from '../../lib/projects';
import type { Resource } from '../../lib/useResource';
import { projectHref } from '../Projects';

export function BranchesTab({ project, branches, onChanged }: { project: Project; branches: Resource<Branch[]>; onChanged: () => void }) {
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
