/**
 * The semantic diff between two revisions: one card per changed resource with its kind, a
 * before/after table per property (JSON pretty-printed, missing values as "absent") and the unified
 * diff of its text files with added and removed lines marked.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { PropertyChange, ResourceDiff } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { PageHeader } from '../components/Bits';
import { ChangeKindBadge, RevisionId } from '../components/ProjectBits';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { capitalize } from '../lib/format';
import { CHANGE_KINDS, diffLines, diffSummary, prettyValue } from '../lib/projects';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { projectHref } from './Projects';

export function ProjectDiff() {
  const { name = '' } = useParams();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const diff = useResource(() => api.diff(name, from, to), [name, from, to], !!from && !!to);
  usePageTitle(`Changes in ${name}`);

  return (
    <>
      <PageHeader
        title={`Changes in ${name}`}
        description={
          from && to ? (
            <>
              From <RevisionId id={from} /> to <RevisionId id={to} />
            </>
          ) : (
            'Pick two revisions to compare.'
          )
        }
        actions={
          <Link to={projectHref(name)} className="btn">
            Back to {name}
          </Link>
        }
      />
      <RevisionPicker
        from={from}
        to={to}
        onCompare={(f, t) => {
          const next = new URLSearchParams(params);
          next.set('from', f);
          next.set('to', t);
          setParams(next);
        }}
      />
      {!from || !to ? (
        <EmptyState title="Two revisions needed">Give a revision (commit id, branch or release) on each side, or pick two in the project's history.</EmptyState>
      ) : diff.error ? (
        <ErrorPanel error={diff.error} onRetry={diff.reload} title="Could not compare the revisions" />
      ) : !diff.data ? (
        <Loading what="Comparing" />
      ) : (
        <DiffView changes={diff.data.changes} />
      )}
    </>
  );
}

function RevisionPicker({ from, to, onCompare }: { from: string; to: string; onCompare: (from: string, to: string) => void }) {
  const [f, setF] = useState(from);
  const [t, setT] = useState(to);
  useEffect(() => {
    setF(from);
    setT(to);
  }, [from, to]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (f.trim() && t.trim()) onCompare(f.trim(), t.trim());
  };
  return (
    <form className="toolbar revision-picker" onSubmit={onSubmit} aria-label="Revisions to compare">
      <label className="inline-select">
        <span>From</span>
        <input value={f} onChange={(e) => setF(e.target.value)} spellCheck={false} autoComplete="off" />
      </label>
      <label className="inline-select">
        <span>To</span>
        <input value={t} onChange={(e) => setT(e.target.value)} spellCheck={false} autoComplete="off" />
      </label>
      <button type="submit" className="btn" disabled={!f.trim() || !t.trim()}>
        Compare
      </button>
      <button type="button" className="btn" disabled={!from || !to} onClick={() => onCompare(to, from)}>
        Swap sides
      </button>
    </form>
  );
}

/** The changes with a summary; exported for tests. */
export function DiffView({ changes }: { changes: ResourceDiff[] }) {
  if (changes.length === 0) {
    return <EmptyState title="No differences">Both revisions hold the same resources and tags.</EmptyState>;
  }
  const counts = diffSummary(changes);
  return (
    <>
      <section className="panel diff-summary" aria-label="Summary">
        <p>
          <strong>
            {changes.length} resource{changes.length === 1 ? '' : 's'} changed
          </strong>
          :{' '}
          {CHANGE_KINDS.map((k, i) => (
            <span key={k}>
              {i > 0 && ', '}
              <span data-testid={`count-${k.toLowerCase()}`}>{counts[k]}</span> {capitalize(k).toLowerCase()}
            </span>
          ))}
        </p>
      </section>
      {changes.map((c, i) => (
        <ResourceDiffCard key={`${c.path}-${i}`} change={c} index={i} />
      ))}
    </>
  );
}

function splitPointer(pointer: string): { file: string; at: string } {
  const hash = pointer.indexOf('#');
  return hash < 0 ? { file: pointer, at: '' } : { file: pointer.slice(0, hash), at: pointer.slice(hash + 1) };
}

function Value({ json }: { json: string | null }) {
  const v = prettyValue(json);
  return v.absent ? <span className="muted absent">absent</span> : <pre className="diff-value">{v.text}</pre>;
}

function PropertyRow({ p }: { p: PropertyChange }) {
  const { file, at } = splitPointer(p.pointer);
  return (
    <tr>
      <th scope="row" className="diff-pointer">
        <code className="wrap">
          {file}
          {at && <span className="muted">#</span>}
          {at}
        </code>
      </th>
      <td className="diff-old">
        <Value json={p.oldValue} />
      </td>
      <td className="diff-new">
        <Value json={p.newValue} />
      </td>
    </tr>
  );
}

function ResourceDiffCard({ change, index }: { change: ResourceDiff; index: number }) {
  const titleId = `diff-${index}-title`;
  return (
    <article className="card diff-card" aria-labelledby={titleId} data-testid="resource-diff">
      <div className="card-header">
        <h2 id={titleId} className="diff-title">
          <ChangeKindBadge kind={change.kind} />{' '}
          <span className="wrap">
            {change.oldPath && change.oldPath !== change.path ? (
              <>
                {change.oldPath} <span aria-hidden="true">→</span>
                <span className="sr-only"> renamed to </span> {change.path}
              </>
            ) : (
              change.path
            )}
          </span>
        </h2>
      </div>
      {change.properties.length > 0 && (
        <div className="table-wrap">
          <table className="table table-dense diff-table">
            <caption className="sr-only">Property changes of {change.path}</caption>
            <thead>
              <tr>
                <th scope="col">Property</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {change.properties.map((p, i) => (
                <PropertyRow key={`${p.pointer}-${i}`} p={p} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {change.textDiff && (
        <pre className="text-diff" tabIndex={0} aria-label={`Text changes of ${change.path}`} data-testid="text-diff">
          {diffLines(change.textDiff).map((l, i) => (
            <span key={i} className={`diff-line diff-${l.kind}`}>
              {l.text || ' '}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      {change.properties.length === 0 && !change.textDiff && (
        <p className="muted small">{change.kind === 'RENAMED' ? 'Renamed without other changes.' : 'No property-level detail for this change.'}</p>
      )}
    </article>
  );
}
