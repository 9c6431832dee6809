/** The project's Import tab (engineers): a project and/or tag export becomes one new revision of a branch. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Branch, Project, Revision } from '../../api/types';
import { asApiError, useApi } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { RevisionId } from '../../components/ProjectBits';
import { FormError } from '../../components/States';
import { problemField } from '../../lib/projects';
import { projectHref } from '../Projects';
import { BranchOptions, diffHref } from './common';

export function ImportTab({ project, branches, onImported }: { project: Project; branches: Branch[]; onImported: () => void }) {
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
  // heads this form made itself: the next import's "before" even while the page's reload is still on its way
  const [madeHeads, setMadeHeads] = useState<Record<string, string>>({});

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
    const before = madeHeads[branch] ?? branches.find((b) => b.name === branch)?.head ?? (branch === project.defaultBranch ? project.head : null);
    try {
      const revision = await api.importProject(project.name, { project: zip ?? undefined, tags: tags ?? undefined, branch, message: message.trim() });
      setDone({ revision, branch, before });
      setMadeHeads((m) => ({ ...m, [branch]: revision.id }));
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
