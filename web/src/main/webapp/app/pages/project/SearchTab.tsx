/**
 * The project's Search tab ("ask the project"): its views, scripts, named queries and documents found by what
 * they do or say, in words. Nothing is asked of the server until the user searches, so opening the project page never calls
 * the optional search feature; without it (503) the tab says how to install it.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { ApiError } from '../../api/client';
import type { SearchHit, SearchResult } from '../../api/documentTypes';
import type { Project } from '../../api/types';
import { asApiError, useApi } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { DocumentStatusBadge, KIND_LABELS } from '../../components/DocumentBits';
import { EmptyState, FormError } from '../../components/States';
import { problemField } from '../../lib/projects';
import { projectHref } from '../Projects';

/** The browse view of a revision with one resource opened. */
export const resourceHref = (project: string, revision: string, path: string) =>
  projectHref(project, `?${new URLSearchParams({ tab: 'browse', rev: revision, resource: path }).toString()}`);

export function SearchTab({ project }: { project: Project }) {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [result, setResult] = useState<SearchResult>();
  const [error, setError] = useState<ApiError>();
  const [blank, setBlank] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (!q.trim()) {
      setBlank(true);
      input.current?.focus();
      return;
    }
    setBlank(false);
    setBusy(true);
    try {
      setResult(await api.searchProject(project.name, q.trim()));
    } catch (err) {
      setResult(undefined);
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const notInstalled = error?.status === 503;
  const fieldError = blank ? 'Say what you are looking for, e.g. “where operators acknowledge alarms”.' : error && !notInstalled && problemField(error) === 'q' ? error.detail : undefined;
  const formError = error && !notInstalled && !fieldError ? error.detail : undefined;

  return (
    <section aria-labelledby="search-title">
      <form className="panel" onSubmit={onSubmit} noValidate role="search" aria-labelledby="search-title">
        <h2 id="search-title">Ask the project</h2>
        <p className="muted small">Finds the views, scripts and named queries of the default branch’s head, and the project’s documents, closest in meaning to what you describe.</p>
        <FormError message={formError} />
        <div className="inline-form">
          <Field label="What are you looking for?" error={fieldError} hint="Describe a behaviour in words; Enter searches.">
            <input ref={input} id="search-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" maxLength={1000} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      {notInstalled && (
        <div className="state state-error" role="alert">
          <p className="state-title">Search is not installed</p>
          <p>
            Semantic search comes with an optional feature. An admin installs it in the Karaf shell: <code>feature:install stoker-search</code>
          </p>
          <p className="muted">{error.detail}</p>
        </div>
      )}
      <div aria-live="polite">
        {result && result.hits.length === 0 && <EmptyState title="Nothing found">Describe it in other words.</EmptyState>}
        {result && result.hits.length > 0 && <SearchHits project={project.name} result={result} />}
      </div>
    </section>
  );
}

function SearchHits({ project, result }: { project: string; result: SearchResult }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Search results">
        <caption className="muted">{`${result.hits.length} hits among ${result.indexed} resources of revision ${result.revision.slice(0, 8)} and ${result.documents} documents, best first (${result.model})`}</caption>
        <thead>
          <tr>
            <th scope="col">Found</th>
            <th scope="col">Kind</th>
            <th scope="col">Score</th>
            <th scope="col">Indexed text</th>
          </tr>
        </thead>
        <tbody>
          {result.hits.map((h) => (
            <tr key={h.documentId ? `document:${h.documentId}` : h.path!}>
              <td>
                <HitLink project={project} revision={result.revision} hit={h} />
              </td>
              <td>
                {h.documentId && h.kind ? (
                  <>
                    {KIND_LABELS[h.kind]} {h.status && <DocumentStatusBadge status={h.status} />}
                  </>
                ) : (
                  h.category
                )}
              </td>
              <td>{h.score.toFixed(3)}</td>
              <td className="wrap muted">{h.excerpt}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A document hit opens the document page; a resource hit the browse view of the searched revision. */
function HitLink({ project, revision, hit }: { project: string; revision: string; hit: SearchHit }) {
  if (hit.documentId) {
    return (
      <Link to={`/documents/${encodeURIComponent(hit.documentId)}`} className="wrap">
        {hit.title ?? hit.documentId}
      </Link>
    );
  }
  return (
    <Link to={resourceHref(project, revision, hit.path!)} className="wrap">
      <code>{hit.path}</code>
    </Link>
  );
}
