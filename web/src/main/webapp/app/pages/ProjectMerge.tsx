/**
 * Merging branches: the start form (`/projects/:name/merge`) and a merge in progress
 * (`/projects/:name/merges/:id`, a deep link that survives a reload). A clean merge commits at once;
 * a conflicted one lists each conflict with base / ours / theirs and a choice, saved as resolutions;
 * "Commit merge" is offered once the server says the merge is READY.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Merge, MergeConflict, Revision } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { Badge, PageHeader } from '../components/Bits';
import { Field } from '../components/Field';
import { ConfirmDialog } from '../components/Modal';
import { MergeStatusBadge, RevisionId } from '../components/ProjectBits';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import {
  allChosen,
  canCommit,
  choiceError,
  conflictKey,
  initialChoices,
  isJsonConflict,
  prettyValue,
  resolutionsFrom,
  resolvedCount,
  unsaved,
  type Choice,
} from '../lib/projects';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { diffHref } from './project/common';
import { projectHref } from './Projects';

export const mergeHref = (project: string, id: string) => projectHref(project, `/merges/${encodeURIComponent(id)}`);

export function MergeStart() {
  const { name = '' } = useParams();
  const api = useApi();
  const { me } = useAuth();
  const navigate = useNavigate();
  usePageTitle(`Merge in ${name}`);
  const project = useResource(() => api.project(name), [name]);
  const branches = useResource(() => api.branches(name), [name]);
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState('');
  const [formError, setFormError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<{ source?: string; target?: string; message?: string }>({});
  const [busy, setBusy] = useState(false);
  const [committed, setCommitted] = useState<Merge | null>(null);

  const list = branches.data ?? [];
  const def = project.data?.defaultBranch ?? '';
  // defaults: the newest non-default branch into the default branch
  useEffect(() => {
    if (!list.length || !def) return;
    setTarget((t) => t || def);
    setSource((s) => s || list.find((b) => b.name !== def)?.name || '');
  }, [list, def]);

  const back = (
    <Link to={projectHref(name)} className="btn">
      Back to {name}
    </Link>
  );
  if (!can(me, 'changeProjects')) {
    return (
      <>
        <PageHeader title={`Merge in ${name}`} actions={back} />
        <EmptyState title="Merging needs the engineer role">Ask an admin if you need access.</EmptyState>
      </>
    );
  }
  const error = project.error ?? branches.error;
  if (error) {
    return (
      <>
        <PageHeader title={`Merge in ${name}`} actions={back} />
        <ErrorPanel error={error} onRetry={() => (project.reload(), branches.reload())} title="Could not load the branches" />
      </>
    );
  }
  if (!project.data || !branches.data) return <Loading what="Loading the branches" />;

  const local = {
    source: !source ? 'Pick the branch to merge from.' : source === target ? 'Source and target must differ.' : undefined,
    target: !target ? 'Pick the branch to merge into.' : undefined,
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    setFieldErrors({});
    if (local.source || local.target) {
      setFieldErrors(local);
      return;
    }
    setBusy(true);
    try {
      const m = await api.startMerge(name, { source, target, message: message.trim() || `Merge ${source} into ${target}` });
      if (m.status === 'COMMITTED' || m.status === 'UP_TO_DATE') {
        setCommitted(m);
        setBusy(false);
      } else {
        navigate(mergeHref(name, m.id));
      }
    } catch (err) {
      const e2 = asApiError(err);
      if (e2.field === 'source' || e2.field === 'target' || e2.field === 'message') setFieldErrors({ [e2.field]: e2.detail });
      else setFormError(e2.detail);
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={`Merge in ${name}`} description="Brings the changes of one branch into another, property by property." actions={back} />
      {committed && <CommittedNotice project={name} merge={committed} revision={committed.revision} />}
      {list.length < 2 ? (
        <EmptyState title="Only one branch" action={<Link to={projectHref(name, '?tab=branches')}>Create a branch</Link>}>
          A merge needs two branches.
        </EmptyState>
      ) : (
        <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="merge-form-title">
          <h2 id="merge-form-title">Merge</h2>
          <FormError message={formError} />
          <div className="form-grid">
            <Field label="Source (theirs)" hint="The branch whose changes are brought in." error={fieldErrors.source}>
              <select id="merge-source" value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="">Pick a branch…</option>
                {list.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Target (ours)" hint="The branch that receives the merge commit." error={fieldErrors.target}>
              <select id="merge-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">Pick a branch…</option>
                {list.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.name}
                    {b.name === def ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Message (optional)" hint={source && target ? `Default: Merge ${source} into ${target}` : undefined} error={fieldErrors.message}>
              <input id="merge-message" autoComplete="off" value={message} onChange={(e) => setMessage(e.target.value)} />
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Merging…' : 'Start merge'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

function CommittedNotice({ project, merge, revision }: { project: string; merge: Merge; revision: Revision | null }) {
  if (merge.status === 'UP_TO_DATE') {
    return (
      <p className="flash" role="status">
        Nothing to merge: {merge.target} already has everything from {merge.source}.
      </p>
    );
  }
  if (!revision) {
    return (
      <p className="flash" role="status">
        Merged {merge.source} into {merge.target}.
      </p>
    );
  }
  return (
    <p className="flash" role="status">
      Merged {merge.source} into {merge.target} as revision <RevisionId id={revision.id} />.{' '}
      {merge.ours && <Link to={diffHref(project, merge.ours, revision.id)}>See what the merge changed on {merge.target}</Link>}
    </p>
  );
}

export function MergeView() {
  const { name = '', id = '' } = useParams();
  const api = useApi();
  const { me } = useAuth();
  const navigate = useNavigate();
  const loaded = useResource(() => api.merge(name, id), [name, id]);
  const [merge, setMerge] = useState<Merge | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState<null | 'save' | 'commit' | 'abandon'>(null);
  const [error, setError] = useState<string>();
  const [flash, setFlash] = useState<string>();
  const [committedRev, setCommittedRev] = useState<Revision | null>(null);
  const [abandoning, setAbandoning] = useState(false);
  usePageTitle(merge ? `Merge ${merge.source} into ${merge.target}` : 'Merge');

  useEffect(() => {
    if (!loaded.data) return;
    setMerge(loaded.data);
    setChoices(initialChoices(loaded.data));
  }, [loaded.data]);

  const back = (
    <Link to={projectHref(name)} className="btn">
      Back to {name}
    </Link>
  );
  if (loaded.error && !merge) {
    return (
      <>
        <PageHeader title="Merge" actions={back} />
        <ErrorPanel error={loaded.error} onRetry={loaded.reload} title={loaded.error.status === 404 ? 'No such merge (it may have been committed or abandoned)' : 'Could not load the merge'} />
      </>
    );
  }
  if (!merge) return <Loading what="Loading the merge" />;

  const mayChange = can(me, 'changeProjects') && merge.status !== 'COMMITTED' && merge.status !== 'UP_TO_DATE';
  const total = merge.conflicts.length;
  const resolved = resolvedCount(merge);
  const toSave = resolutionsFrom(merge, choices);
  const dirty = unsaved(merge, choices);

  const save = async () => {
    setBusy('save');
    setError(undefined);
    setFlash(undefined);
    try {
      const m = await api.resolveMerge(name, merge.id, toSave);
      setMerge(m);
      setChoices(initialChoices(m));
      setFlash(`Resolutions saved: ${resolvedCount(m)} of ${m.conflicts.length} conflict${m.conflicts.length === 1 ? '' : 's'} resolved.${m.status === 'READY' ? ' The merge is ready to commit.' : ''}`);
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(null);
    }
  };
  const commit = async () => {
    setBusy('commit');
    setError(undefined);
    setFlash(undefined);
    try {
      const rev = await api.commitMerge(name, merge.id);
      setCommittedRev(rev);
      setMerge({ ...merge, status: 'COMMITTED', revision: rev });
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(null);
    }
  };
  const abandon = async () => {
    setBusy('abandon');
    setError(undefined);
    try {
      await api.abandonMerge(name, merge.id);
      navigate(projectHref(name), { state: { flash: `Merge of ${merge.source} into ${merge.target} abandoned; ${merge.target} is unchanged.` } });
    } catch (e) {
      setError(asApiError(e).detail);
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader
        title={`Merge ${merge.source} into ${merge.target}`}
        description={
          <>
            <MergeStatusBadge status={merge.status} /> base <RevisionId id={merge.base} /> · ours ({merge.target}) <RevisionId id={merge.ours} /> · theirs (
            {merge.source}) <RevisionId id={merge.theirs} />
          </>
        }
        actions={
          <>
            {back}
            <button type="button" className="btn" onClick={loaded.reload} disabled={loaded.loading || !!busy}>
              Reload
            </button>
          </>
        }
      />
      {(merge.status === 'COMMITTED' || merge.status === 'UP_TO_DATE') && <CommittedNotice project={name} merge={merge} revision={committedRev ?? merge.revision} />}
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      <FormError message={error} />
      {total > 0 && (
        <p className="merge-progress" aria-live="polite" data-testid="resolved-count">
          <strong>
            {resolved} of {total}
          </strong>{' '}
          conflict{total === 1 ? '' : 's'} resolved
          {dirty && <span className="muted"> · unsaved choices</span>}
        </p>
      )}
      {merge.conflicts.map((c, i) => (
        <ConflictCard
          key={conflictKey(c)}
          conflict={c}
          index={i}
          merge={merge}
          choice={choices[conflictKey(c)]}
          editable={mayChange}
          onChoice={(ch) => setChoices((all) => ({ ...all, [conflictKey(c)]: ch }))}
        />
      ))}
      {mayChange && (
        <div className="toolbar action-bar merge-actions" role="group" aria-label="Merge actions">
          {total > 0 && (
            <button type="button" className="btn" onClick={save} disabled={!!busy || toSave.length === 0 || !dirty}>
              {busy === 'save' ? 'Saving…' : 'Save resolutions'}
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={commit} disabled={!!busy || !canCommit(merge)} aria-describedby="commit-hint">
            {busy === 'commit' ? 'Committing…' : 'Commit merge'}
          </button>
          <button type="button" className="btn btn-danger-quiet" onClick={() => setAbandoning(true)} disabled={!!busy}>
            Abandon…
          </button>
          <span id="commit-hint" className="muted small">
            {canCommit(merge)
              ? dirty
                ? 'Ready to commit with the saved resolutions; save first to use your new choices.'
                : 'Every conflict is resolved: ready to commit.'
              : allChosen(merge, choices)
                ? 'Save the resolutions, then commit.'
                : 'Resolve every conflict to commit.'}
          </span>
        </div>
      )}
      {abandoning && (
        <ConfirmDialog
          title="Abandon this merge?"
          confirmLabel="Abandon merge"
          danger
          busy={busy === 'abandon'}
          error={error}
          onConfirm={abandon}
          onCancel={() => setAbandoning(false)}
        >
          <p>
            The saved resolutions are dropped and {merge.target} stays as it is. You can start the merge again later.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function ConflictValue({ json, jsonConflict }: { json: string | null; jsonConflict: boolean }) {
  if (json === null || json === undefined) return <span className="muted absent">absent</span>;
  return <pre className="diff-value">{jsonConflict ? prettyValue(json).text : json}</pre>;
}

function ConflictCard({
  conflict,
  index,
  merge,
  choice,
  editable,
  onChoice,
}: {
  conflict: MergeConflict;
  index: number;
  merge: Merge;
  choice: Choice | undefined;
  editable: boolean;
  onChoice: (c: Choice) => void;
}) {
  const json = isJsonConflict(conflict);
  const ch = choice ?? { choice: '', value: '' };
  const err = choiceError(conflict, ch);
  const group = `conflict-${index}`;
  const options: { value: Choice['choice']; label: string }[] = [
    { value: 'ours', label: `Ours (${merge.target})` },
    { value: 'theirs', label: `Theirs (${merge.source})` },
    { value: 'base', label: 'Base' },
    { value: 'value', label: 'Custom value' },
  ];
  return (
    <section className="card conflict" aria-labelledby={`${group}-title`} data-testid="conflict">
      <div className="card-header">
        <h2 id={`${group}-title`} className="conflict-title">
          <span className="wrap">{conflict.path}</span> <code className="wrap">{conflict.pointer}</code>
        </h2>
        {conflict.resolved ? <Badge tone="ok">✓ Resolved</Badge> : <Badge tone="warn">! Open</Badge>}
      </div>
      <div className="table-wrap">
        <table className="table table-dense conflict-table">
          <caption className="sr-only">
            Values of {conflict.pointer} in {conflict.path}
          </caption>
          <thead>
            <tr>
              <th scope="col">Base</th>
              <th scope="col">Ours ({merge.target})</th>
              <th scope="col">Theirs ({merge.source})</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <ConflictValue json={conflict.base} jsonConflict={json} />
              </td>
              <td>
                <ConflictValue json={conflict.ours} jsonConflict={json} />
              </td>
              <td>
                <ConflictValue json={conflict.theirs} jsonConflict={json} />
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {editable ? (
        <fieldset className="fieldset conflict-choice">
          <legend>Resolution</legend>
          <div className="choice-row">
            {options.map((o) => (
              <label key={o.value} className="check">
                <input type="radio" name={group} value={o.value} checked={ch.choice === o.value} onChange={() => onChoice({ choice: o.value, value: ch.value })} /> {o.label}
              </label>
            ))}
          </div>
          {ch.choice === 'value' && (
            <Field label="Value to keep" hint={json ? 'JSON, e.g. "text", 42, true or null.' : 'The text to keep.'} error={err}>
              <textarea
                id={`${group}-value`}
                rows={json ? 3 : 8}
                spellCheck={false}
                value={ch.value}
                onChange={(e) => onChoice({ choice: 'value', value: e.target.value })}
              />
            </Field>
          )}
        </fieldset>
      ) : (
        conflict.resolved &&
        conflict.resolution !== null && (
          <p className="small">
            Resolution: <code className="wrap">{conflict.resolution}</code>
          </p>
        )
      )}
    </section>
  );
}
