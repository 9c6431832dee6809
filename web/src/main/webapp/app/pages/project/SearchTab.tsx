/** The project's Search tab: its views, scripts and named queries found by what they do, in words (semantic search). */
import { useState, type FormEvent } from 'react';
import type { SearchResult } from '../../api/documentTypes';
import type { Project } from '../../api/types';
import { asApiError, useApi } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { EmptyState, FormError } from '../../components/States';

export function SearchTab({ project }: { project: Project }) {
  const api = useApi();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<SearchResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.searchProject(project.name, q.trim()));
    } catch (err) {
      setError(asApiError(err).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="search-title">
      <form className="panel" onSubmit={onSubmit} aria-labelledby="search-title">
        <h2 id="search-title">Ask the project</h2>
        <FormError message={error} />
        <div className="inline-form">
          <Field label="What are you looking for?" hint="Describe a behaviour in words, e.g. “where operators acknowledge alarms”.">
            <input id="search-q" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy || !q.trim()}>
            {busy ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      {result && result.hits.length === 0 && <EmptyState title="Nothing found" />}
      {result && result.hits.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Search results">
            <caption className="muted">{`${result.indexed} resources of revision ${result.revision.slice(0, 8)} searched with ${result.model}`}</caption>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Kind</th>
                <th scope="col">Score</th>
                <th scope="col">Indexed text</th>
              </tr>
            </thead>
            <tbody>
              {result.hits.map((h) => (
                <tr key={h.path}>
                  <td>
                    <code className="wrap">{h.path}</code>
                  </td>
                  <td>{h.category}</td>
                  <td>{h.score.toFixed(3)}</td>
                  <td className="wrap muted">{h.excerpt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
