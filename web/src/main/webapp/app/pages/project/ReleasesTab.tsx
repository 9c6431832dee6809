/** The project's Releases tab: releases with their export; engineers cut new ones. */
import { useState, type FormEvent } from 'react';
import type { Branch, Project } from '../../api/types';
import { asApiError, useApi, useAuth } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { Time } from '../../components/Bits';
import { Field } from '../../components/Field';
import { ExportButton, RevisionId } from '../../components/ProjectBits';
import { EmptyState, ErrorPanel, FormError, Loading } from '../../components/States';
import { problemField, shortId, validateRefName } from '../../lib/projects';
import { useResource } from '../../lib/useResource';

export function ReleasesTab({ project, branches }: { project: Project; branches: Branch[] }) {
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
