/** Secrets by scope: metadata with paging and expiry badges. Values are never shown. */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { SecretScopeLevel } from '../api/types';
import { useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { PageHeader, Time } from '../components/Bits';
import { Field } from '../components/Field';
import { Pagination } from '../components/Pagination';
import { ExpiryBadge } from '../components/SecretBits';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { intParam, PAGE_SIZES } from '../lib/pagination';
import { parseScope, SCOPE_LEVELS, scopeText, secretHref, typeLabel, validateScopeId } from '../lib/secrets';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

export function Secrets() {
  usePageTitle('Secrets');
  const api = useApi();
  const { me } = useAuth();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const scope = parseScope(params.get('scope'));
  const scopeParam = scopeText(scope.level, scope.id);
  const scopeValid = !validateScopeId(scope.level, scope.id);
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[0], 500);
  const secrets = useResource(() => api.secrets(scopeParam, offset, limit), [scopeParam, offset, limit], scopeValid);
  const mayWrite = can(me, 'manageSecrets');
  const flash = (location.state as { flash?: string } | null)?.flash;

  const goTo = (o: number, l: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(o));
    next.set('limit', String(l));
    setParams(next);
  };
  const newHref = `/secrets/new?${new URLSearchParams({ scope: scopeParam }).toString()}`;

  return (
    <>
      <PageHeader
        title="Secrets"
        description="Passwords, tokens, keys and certificates by scope. Values are write-only: the console never shows them."
        actions={
          <>
            <button type="button" className="btn" onClick={secrets.reload} disabled={secrets.loading || !scopeValid}>
              Refresh
            </button>
            {mayWrite && (
              <Link to={newHref} className="btn btn-primary">
                New secret
              </Link>
            )}
          </>
        }
      />
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      <ScopePicker
        level={scope.level}
        id={scope.id}
        onShow={(level, id) => {
          const next = new URLSearchParams();
          next.set('scope', scopeText(level, id));
          next.set('limit', String(limit));
          setParams(next);
        }}
      />
      {!scopeValid ? (
        <EmptyState title="Pick a scope">Enter the id of the {scope.level.toLowerCase()} whose secrets you want to see.</EmptyState>
      ) : secrets.error ? (
        <ErrorPanel error={secrets.error} onRetry={secrets.reload} title="Could not list the secrets" />
      ) : !secrets.data ? (
        <Loading what="Loading secrets" />
      ) : secrets.data.items.length === 0 ? (
        <EmptyState
          title={secrets.data.total > 0 ? 'No secrets on this page' : `No secrets in ${scopeParam}`}
          action={
            secrets.data.total > 0 ? (
              <button type="button" className="btn" onClick={() => goTo(0, limit)}>
                First page
              </button>
            ) : (
              mayWrite && (
                <Link to={newHref} className="btn btn-primary">
                  Create a secret here
                </Link>
              )
            )
          }
        >
          {secrets.data.total > 0
            ? 'Go back to the first page.'
            : 'Secrets of a narrower scope (environment over stage over project over workspace) override wider ones with the same path.'}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Secrets in {scopeParam}, by path</caption>
              <thead>
                <tr>
                  <th scope="col">Path</th>
                  <th scope="col">Type</th>
                  <th scope="col">Version</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {secrets.data.items.map((s) => (
                  <tr key={s.path}>
                    <td>
                      <Link to={secretHref(s)} className="wrap">
                        <strong>{s.path}</strong>
                      </Link>
                    </td>
                    <td>{typeLabel(s.type)}</td>
                    <td>{s.version}</td>
                    <td>
                      <Time iso={s.created} /> <span className="muted">by {s.createdBy}</span>
                    </td>
                    <td>
                      <ExpiryBadge expires={s.expires} />
                      {s.expires && (
                        <div className="muted small">
                          <Time iso={s.expires} />
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={offset} limit={limit} total={secrets.data.total} shown={secrets.data.items.length} label="Secrets" onChange={goTo} />
        </>
      )}
    </>
  );
}

/** Scope level and id; the list follows on "Show". */
export function ScopePicker({ level, id, onShow }: { level: SecretScopeLevel; id: string; onShow: (level: SecretScopeLevel, id: string) => void }) {
  const [l, setL] = useState(level);
  const [i, setI] = useState(id);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    setL(level);
    setI(id);
  }, [level, id]);
  const error = touched ? validateScopeId(l, i) : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (validateScopeId(l, i)) {
      document.getElementById('scope-id')?.focus();
      return;
    }
    onShow(l, l === 'WORKSPACE' ? '' : i.trim());
  };
  return (
    <form className="panel toolbar scope-picker" onSubmit={onSubmit} noValidate aria-label="Scope">
      <Field label="Scope">
        <select id="scope-level" value={l} onChange={(e) => setL(e.target.value as SecretScopeLevel)}>
          {SCOPE_LEVELS.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
      </Field>
      {l !== 'WORKSPACE' && (
        <Field label={`${l.charAt(0)}${l.slice(1).toLowerCase()} id`} error={error}>
          <input
            id="scope-id"
            autoComplete="off"
            spellCheck={false}
            value={i}
            onChange={(e) => {
              setI(e.target.value);
              setTouched(true);
            }}
          />
        </Field>
      )}
      <div className="scope-picker-submit">
        <button type="submit" className="btn">
          Show secrets
        </button>
      </div>
    </form>
  );
}
