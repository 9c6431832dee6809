/**
 * The semantic diff between two revisions: one card per changed resource with its kind, a
 * before/after table per property (JSON pretty-printed, missing values as "absent") and the unified
 * diff of its text files with added and removed lines marked. Diffs of thousands of resources come
 * a page at a time (the server pages and counts), filtered by folder and kind; resources whose only
 * changes are runtime values (saved by a Designer session, not an engineer) are counted and listed
 * apart, and each card's runtime values stay collapsed until opened.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { ChangeKind, ProjectDiff as Diff, PropertyChange, ResourceDiff, RuntimeFilter } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { PageHeader } from '../components/Bits';
import { Pagination } from '../components/Pagination';
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
  const folder = params.get('folder') ?? '';
  const kind = (params.get('kind') ?? '') as ChangeKind | '';
  const runtime: RuntimeFilter = params.get('runtime') === 'only' ? 'only' : 'exclude';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const limit = Math.max(1, Number(params.get('limit') ?? 50) || 50);
  const diff = useResource(
    () => api.diff(name, from, to, { folder: folder || undefined, kind: kind || undefined, runtime, offset, limit }),
    [name, from, to, folder, kind, runtime, offset, limit],
    !!from && !!to,
  );
  usePageTitle(`Changes in ${name}`);
  const setQuery = (changes: Record<string, string | number | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '' || (k === 'offset' && v === 0)) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };

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
        onCompare={(f, t) => setQuery({ from: f, to: t, offset: 0 })}
      />
      {from && to && (
        <DiffFilters
          folder={folder}
          kind={kind}
          runtime={runtime}
          onChange={(f, k, r) => setQuery({ folder: f, kind: k, runtime: r === 'only' ? 'only' : null, offset: 0 })}
        />
      )}
      {!from || !to ? (
        <EmptyState title="Two revisions needed">Give a revision (commit id, branch or release) on each side, or pick two in the project's history.</EmptyState>
      ) : diff.error ? (
        <ErrorPanel error={diff.error} onRetry={diff.reload} title="Could not compare the revisions" />
      ) : !diff.data ? (
        <Loading what="Comparing" />
      ) : (
        <>
          <DiffView changes={diff.data.changes} totals={diff.data} />
          {diff.data.total > 0 && (
            <Pagination offset={offset} limit={limit} total={diff.data.total} shown={diff.data.changes.length} label="Changed resources" onChange={(o, l) => setQuery({ offset: o, limit: l })} />
          )}
        </>
      )}
    </>
  );
}

/** Folder and kind filters, and whether the list shows engineers' changes or runtime-value churn. */
function DiffFilters({
  folder,
  kind,
  runtime,
  onChange,
}: {
  folder: string;
  kind: ChangeKind | '';
  runtime: RuntimeFilter;
  onChange: (folder: string, kind: ChangeKind | '', runtime: RuntimeFilter) => void;
}) {
  const [f, setF] = useState(folder);
  useEffect(() => setF(folder), [folder]);
  return (
    <form
      className="toolbar diff-filters"
      aria-label="Filter changes"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(f.trim(), kind, runtime);
      }}
    >
      <label className="inline-select">
        <span>Folder</span>
        <input value={f} onChange={(e) => setF(e.target.value)} placeholder="e.g. com.inductiveautomation.perspective/views/Area1" spellCheck={false} autoComplete="off" />
      </label>
      <button type="submit" className="btn">
        Filter
      </button>
      <label className="inline-select">
        <span>Kind</span>
        <select value={kind} onChange={(e) => onChange(f.trim(), e.target.value as ChangeKind | '', runtime)}>
          <option value="">All kinds</option>
          {CHANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {capitalize(k)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-select">
        <span>Show</span>
        <select value={runtime} onChange={(e) => onChange(f.trim(), kind, e.target.value as RuntimeFilter)}>
          <option value="exclude">Engineering changes</option>
          <option value="only">Runtime values only</option>
        </select>
      </label>
    </form>
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

/**
 * The changes with a summary; with the server's totals ({@code totals}) the summary counts the whole diff
 * and the changes are one page of it. Exported for tests.
 */
export function DiffView({ changes, totals }: { changes: ResourceDiff[]; totals?: Pick<Diff, 'total' | 'kinds' | 'runtimeOnly'> }) {
  const counts = totals ? totals.kinds : diffSummary(changes);
  const all = totals ? CHANGE_KINDS.reduce((n, k) => n + counts[k], 0) : changes.length;
  if (all === 0) {
    return <EmptyState title="No differences">Both revisions hold the same resources and tags.</EmptyState>;
  }
  return (
    <>
      <section className="panel diff-summary" aria-label="Summary">
        <p>
          <strong>
            {all} resource{all === 1 ? '' : 's'} changed
          </strong>
          :{' '}
          {CHANGE_KINDS.map((k, i) => (
            <span key={k}>
              {i > 0 && ', '}
              <span data-testid={`count-${k.toLowerCase()}`}>{counts[k]}</span> {capitalize(k).toLowerCase()}
            </span>
          ))}
        </p>
        {totals && totals.runtimeOnly > 0 && (
          <p className="muted small" data-testid="runtime-only-count">
            {totals.runtimeOnly} of them changed only in runtime values (saved by a Designer session, not an engineer).
          </p>
        )}
      </section>
      {changes.length === 0 && <EmptyState title="Nothing matches">No changed resource matches the filters.</EmptyState>}
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
      {change.runtimeValues.length > 0 && <RuntimeValues change={change} />}
      {change.properties.length === 0 && !change.textDiff && change.runtimeValues.length === 0 && (
        <p className="muted small">{change.kind === 'RENAMED' ? 'Renamed without other changes.' : 'No property-level detail for this change.'}</p>
      )}
    </article>
  );
}

/** A card's runtime values: collapsed, counted, rendered only once opened. */
function RuntimeValues({ change }: { change: ResourceDiff }) {
  const [open, setOpen] = useState(false);
  const n = change.runtimeValues.length;
  return (
    <details className="runtime-values" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary data-testid="runtime-values">
        {n} runtime value{n === 1 ? '' : 's'} changed
      </summary>
      {open && (
        <div className="table-wrap">
          <table className="table table-dense diff-table">
            <caption className="sr-only">Runtime values of {change.path}</caption>
            <tbody>
              {change.runtimeValues.map((p, i) => (
                <PropertyRow key={`${p.pointer}-${i}`} p={p} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
