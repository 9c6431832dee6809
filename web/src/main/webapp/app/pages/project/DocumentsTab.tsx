/** The project's Documents tab: its documents, newest first, and (engineers) the form that generates one. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DocumentKindId, DocumentSummary, NewDocument } from '../../api/documentTypes';
import type { Branch, Project } from '../../api/types';
import { asApiError, useApi, useAuth } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { Badge, Time } from '../../components/Bits';
import { DocumentStatusBadge, KIND_LABELS } from '../../components/DocumentBits';
import { Field } from '../../components/Field';
import { EmptyState, ErrorPanel, FormError, Loading } from '../../components/States';
import { problemField } from '../../lib/projects';
import { useResource } from '../../lib/useResource';

export function DocumentsTab({ project, branches }: { project: Project; branches: Branch[] }) {
  const api = useApi();
  const { me } = useAuth();
  const docs = useResource(() => api.documents(project.name, 0, 200), [project.name]);
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title" className="sr-only">
        Documents
      </h2>
      {can(me, 'writeDocuments') && project.head && <GenerateForm project={project} branches={branches} />}
      {docs.error ? (
        <ErrorPanel error={docs.error} onRetry={docs.reload} title="Could not list the documents" />
      ) : !docs.data ? (
        <Loading what="Loading documents" />
      ) : docs.data.items.length === 0 ? (
        <EmptyState title="No documents yet">Change summaries, release notes, compliance reports and manuals are written from facts Stoker computes, then reviewed and signed.</EmptyState>
      ) : (
        <DocumentsTable items={docs.data.items} />
      )}
    </section>
  );
}

function DocumentsTable({ items }: { items: DocumentSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Documents">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Findings</th>
            <th scope="col">Writer</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <td>
                <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link> <span className="muted">v{d.version}</span>
              </td>
              <td>{KIND_LABELS[d.kind]}</td>
              <td>
                <DocumentStatusBadge status={d.status} /> {d.stale && <Badge tone="warn" title="A newer revision changed what this document describes">stale</Badge>}{' '}
                {d.superseded && <Badge tone="neutral">superseded</Badge>}
              </td>
              <td>{d.openFindings ? <Badge tone="bad">{`${d.openFindings} open`}</Badge> : <span className="muted">none open</span>}</td>
              <td>{d.writer}</td>
              <td>
                <Time iso={d.updated} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const KINDS: { id: DocumentKindId; label: string }[] = [
  { id: 'change-summary', label: 'Change summary (between two revisions)' },
  { id: 'release-notes', label: 'Release notes (a release)' },
  { id: 'compliance-report', label: 'Compliance report (a run, a release or a period)' },
  { id: 'project-manual', label: 'Project manual' },
];
type Basis = 'run' | 'release' | 'period';
type Fields = 'kind' | 'from' | 'to' | 'release' | 'run' | 'periodFrom' | 'periodTo' | 'writer';

/** An instant from a datetime-local value (local time), or undefined when empty. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

function GenerateForm({ project, branches }: { project: Project; branches: Branch[] }) {
  const api = useApi();
  const navigate = useNavigate();
  const writers = useResource(() => api.documentWriters(), []);
  const releases = useResource(() => api.releases(project.name), [project.name]);
  const [kind, setKind] = useState<DocumentKindId>('change-summary');
  const [basis, setBasis] = useState<Basis>('run');
  const [v, setV] = useState<Record<Fields, string>>({ kind: '', from: '', to: '', release: '', run: '', periodFrom: '', periodTo: '', writer: 'template' });
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (f: Fields) => (value: string) => {
    setV((old) => ({ ...old, [f]: value }));
    setErrors({});
  };

  const request = (): NewDocument | Partial<Record<Fields, string>> => {
    const t = (f: Fields) => v[f].trim() || undefined;
    const body: NewDocument = { kind, writer: t('writer') };
    if (kind === 'change-summary') {
      if (!t('from')) return { from: 'The revision to start from: a branch, release or commit id.' };
      Object.assign(body, { from: t('from'), to: t('to') });
    } else if (kind === 'release-notes') {
      if (!t('release')) return { release: 'Choose a release.' };
      body.release = t('release');
    } else if (kind === 'compliance-report') {
      if (basis === 'run' && !t('run')) return { run: 'The id of a pipeline run.' };
      if (basis === 'release' && !t('release')) return { release: 'Choose a release.' };
      if (basis === 'period' && !t('periodFrom')) return { periodFrom: 'When the period starts.' };
      if (basis === 'run') body.run = t('run');
      if (basis === 'release') body.release = t('release');
      if (basis === 'period') Object.assign(body, { periodFrom: instant(v.periodFrom), periodTo: instant(v.periodTo) });
    } else body.to = t('to');
    return Object.fromEntries(Object.entries(body).filter(([, x]) => x !== undefined)) as unknown as NewDocument;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const body = request();
    if (!('kind' in body)) {
      setErrors(body);
      return;
    }
    setBusy(true);
    try {
      const d = await api.generateDocument(project.name, body as NewDocument);
      navigate(`/documents/${encodeURIComponent(d.id)}`, { state: { flash: `${d.title} written by ${d.provenance.writer}.` } });
    } catch (err) {
      const error = asApiError(err);
      const field = problemField(error) as Fields | undefined;
      if (field && field in v) setErrors({ [field]: error.detail });
      else setFormError(error.detail);
      setBusy(false);
    }
  };

  const text = (label: string, f: Fields, hint?: string, list?: string, type = 'text') => (
    <Field label={label} error={errors[f]} hint={hint}>
      <input id={`doc-${f}`} type={type} list={list} autoComplete="off" spellCheck={false} value={v[f]} onChange={(e) => set(f)(e.target.value)} />
    </Field>
  );
  const releaseSelect = (
    <Field label="Release" error={errors.release}>
      <select id="doc-release" value={v.release} onChange={(e) => set('release')(e.target.value)}>
        <option value="">Choose a release</option>
        {(releases.data ?? []).map((r) => (
          <option key={r.name} value={r.name}>
            {r.name}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-label="Generate a document">
      <h2>Generate a document</h2>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Kind" error={errors.kind}>
          <select id="doc-kind" value={kind} onChange={(e) => (setKind(e.target.value as DocumentKindId), setErrors({}))}>
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Writer" error={errors.writer} hint="template writes offline from the facts alone; language model writers word the same facts.">
          <select id="doc-writer" value={v.writer} onChange={(e) => set('writer')(e.target.value)}>
            {(writers.data ?? ['template']).map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </Field>
        {kind === 'change-summary' && text('From revision', 'from', 'A branch, release or commit id.', 'doc-refs')}
        {(kind === 'change-summary' || kind === 'project-manual') && text('To revision (optional)', 'to', `Default: the head of ${project.defaultBranch}.`, 'doc-refs')}
        {kind === 'release-notes' && releaseSelect}
        {kind === 'compliance-report' && (
          <Field label="Report on">
            <select id="doc-basis" value={basis} onChange={(e) => (setBasis(e.target.value as Basis), setErrors({}))}>
              <option value="run">a pipeline run</option>
              <option value="release">a release</option>
              <option value="period">a period</option>
            </select>
          </Field>
        )}
        {kind === 'compliance-report' && basis === 'run' && text('Run', 'run', 'The run id, as on the Runs page.')}
        {kind === 'compliance-report' && basis === 'release' && releaseSelect}
        {kind === 'compliance-report' && basis === 'period' && text('Period from', 'periodFrom', undefined, undefined, 'datetime-local')}
        {kind === 'compliance-report' && basis === 'period' && text('Period to (optional)', 'periodTo', 'Default: now (an open period follows new revisions).', undefined, 'datetime-local')}
        <datalist id="doc-refs">
          {branches.map((b) => (
            <option key={b.name} value={b.name} />
          ))}
          {(releases.data ?? []).map((r) => (
            <option key={r.name} value={r.name} />
          ))}
        </datalist>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Writing…' : 'Generate'}
        </button>
      </div>
    </form>
  );
}
