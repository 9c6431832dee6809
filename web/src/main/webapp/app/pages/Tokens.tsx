/** API tokens: list your own (admins: everyone's), create with scopes and expiry, revoke. */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ApiToken, IssuedToken, Me, Scope } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can, grantableScopes } from '../auth/permissions';
import { Badge, PageHeader, Time, type Tone } from '../components/Bits';
import { CopyButton } from '../components/CopyButton';
import { Field } from '../components/Field';
import { ConfirmDialog } from '../components/Modal';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { MAX_TOKEN_DAYS, validateExpiryDays, validateTokenName } from '../lib/validation';

const SCOPE_HELP: Record<Scope, string> = {
  read: 'read everything your role can see',
  write: 'make changes your role allows',
  admin: 'administer users and tokens',
};

export function tokenState(t: ApiToken, now = Date.now()): { label: string; tone: Tone; active: boolean } {
  if (t.revoked) return { label: 'Revoked', tone: 'neutral', active: false };
  if (t.expires && new Date(t.expires).getTime() <= now) return { label: 'Expired', tone: 'warn', active: false };
  return { label: 'Active', tone: 'ok', active: true };
}

/** May `me` revoke `t` from this page? */
function mayRevoke(me: Me | null, t: ApiToken): boolean {
  if (!tokenState(t).active) return false;
  if (t.owner === me?.username) return can(me, 'manageOwnTokens');
  return can(me, 'manageAllTokens');
}

export function Tokens() {
  usePageTitle('API tokens');
  const api = useApi();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const seeAll = can(me, 'manageAllTokens');
  const all = seeAll && params.get('all') === 'true';
  const tokens = useResource(() => api.tokens(all), [all]);
  const mayCreate = can(me, 'manageOwnTokens');
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string>();
  const [flash, setFlash] = useState<string>();

  const onRevoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(undefined);
    try {
      await api.revokeToken(revoking.id);
      setFlash(`Token "${revoking.name}" revoked.`);
      setRevoking(null);
      tokens.reload();
    } catch (e) {
      setRevokeError(asApiError(e).detail);
    } finally {
      setRevokeBusy(false);
    }
  };

  const items = tokens.data ?? [];
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Long-lived tokens for scripts and CI. A token acts as its owner and never exceeds the owner's role."
        actions={
          mayCreate &&
          !creating &&
          !issued && (
            <button type="button" className="btn btn-primary" onClick={() => { setCreating(true); setFlash(undefined); }}>
              Create token
            </button>
          )
        }
      />
      {!mayCreate && (
        <p className="notice">Your role is read-only, so the console lists your tokens but does not create or revoke them.</p>
      )}
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      {issued && <SecretPanel issued={issued} onDone={() => setIssued(null)} />}
      {creating && (
        <CreateTokenForm
          me={me}
          onCancel={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            setIssued(t);
            tokens.reload();
          }}
        />
      )}
      {seeAll && (
        <label className="check toolbar">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.checked) next.set('all', 'true');
              else next.delete('all');
              setParams(next);
            }}
          />{' '}
          Show everyone's tokens
        </label>
      )}
      {tokens.error ? (
        <ErrorPanel error={tokens.error} onRetry={tokens.reload} title="Could not list tokens" />
      ) : !tokens.data ? (
        <Loading what="Loading tokens" />
      ) : items.length === 0 ? (
        <EmptyState title="No API tokens yet">
          {mayCreate ? 'Create one with "Create token" to call the API from scripts or CI.' : 'You have no API tokens.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{all ? "Everyone's API tokens" : 'Your API tokens'}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                {all && <th scope="col">Owner</th>}
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => {
                const state = tokenState(t);
                return (
                  <tr key={t.id}>
                    <td>
                      <strong>{t.name}</strong>
                      <div className="muted small">
                        <code>stk_{t.id}_…</code>
                      </div>
                    </td>
                    {all && <td>{t.owner}</td>}
                    <td>{t.scopes.join(', ')}</td>
                    <td>
                      <Time iso={t.created} />
                    </td>
                    <td>{t.expires ? <Time iso={t.expires} /> : <span className="muted">never</span>}</td>
                    <td>
                      <Badge tone={state.tone}>{state.label}</Badge>
                    </td>
                    <td className="row-actions">
                      {mayRevoke(me, t) && (
                        <button
                          type="button"
                          className="btn btn-small btn-danger-quiet"
                          onClick={() => { setRevoking(t); setRevokeError(undefined); }}
                          aria-label={`Revoke ${t.name}`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke "${revoking.name}"?`}
          confirmLabel="Revoke token"
          danger
          busy={revokeBusy}
          error={revokeError}
          onConfirm={onRevoke}
          onCancel={() => setRevoking(null)}
        >
          <p>
            Every script or pipeline using this token{revoking.owner !== me?.username ? ` (owned by ${revoking.owner})` : ''} gets
            401 from now on. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

export function SecretPanel({ issued, onDone }: { issued: IssuedToken; onDone: () => void }) {
  return (
    <section className="panel panel-secret" aria-labelledby="secret-title">
      <h2 id="secret-title">Token "{issued.token.name}" created</h2>
      <p>
        <strong>Copy the token now.</strong> Stoker stores only a hash of it and cannot show it again.
      </p>
      <div className="secret-row">
        <code className="secret" data-testid="token-secret" tabIndex={0} aria-label="Token secret">
          {issued.secret}
        </code>
        <CopyButton value={issued.secret} label="Copy token" />
      </div>
      <p className="muted small">
        Use it as <code>Authorization: Bearer &lt;token&gt;</code> on calls to <code>/api/v1</code>.
      </p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}

const EXPIRY_CHOICES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'custom', label: 'Custom…' },
  { value: 'never', label: 'Never' },
];

function CreateTokenForm({ me, onCreated, onCancel }: { me: Me | null; onCreated: (t: IssuedToken) => void; onCancel: () => void }) {
  const api = useApi();
  const available = grantableScopes(me);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [expiry, setExpiry] = useState('90');
  const [customDays, setCustomDays] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const local = {
    name: validateTokenName(name),
    scopes: scopes.length === 0 ? 'Pick at least one scope.' : undefined,
    expiresInDays: expiry === 'custom' ? (customDays.trim() ? validateExpiryDays(customDays) : 'Enter a number of days.') : undefined,
  };
  const shown = (f: keyof typeof local) => serverErrors[f] ?? (touched || f === 'scopes' ? local[f] : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setFormError(undefined);
    if (local.name || local.scopes || local.expiresInDays) return;
    const days = expiry === 'never' ? undefined : Number(expiry === 'custom' ? customDays : expiry);
    setBusy(true);
    try {
      onCreated(await api.createToken(name.trim(), scopes, days));
    } catch (err) {
      const error = asApiError(err);
      if (error.field && error.field in local) setServerErrors({ [error.field]: error.detail });
      else setFormError(error.detail);
      setBusy(false);
    }
  };

  const toggle = (s: Scope, on: boolean) => {
    setScopes((cur) => (on ? [...cur, s].filter((x, i, a) => a.indexOf(x) === i) : cur.filter((x) => x !== s)));
    setServerErrors((x) => ({ ...x, scopes: undefined }));
  };

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="create-token-title">
      <h2 id="create-token-title">New API token</h2>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Name" hint="What uses it, e.g. “CI pipeline”." error={shown('name')}>
          <input
            name="name"
            autoComplete="off"
            autoFocus
            maxLength={100}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setTouched(true);
              setServerErrors((x) => ({ ...x, name: undefined }));
            }}
          />
        </Field>
        <Field label="Expires" error={expiry === 'custom' ? undefined : shown('expiresInDays')}>
          <select name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        {expiry === 'custom' && (
          <Field label="Days until it expires" hint={`1 to ${MAX_TOKEN_DAYS}.`} error={shown('expiresInDays')}>
            <input
              name="expiresInDays"
              inputMode="numeric"
              value={customDays}
              onChange={(e) => {
                setCustomDays(e.target.value);
                setTouched(true);
                setServerErrors((x) => ({ ...x, expiresInDays: undefined }));
              }}
            />
          </Field>
        )}
      </div>
      <fieldset className="fieldset" aria-describedby={shown('scopes') ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        {available.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" name="scopes" value={s} checked={scopes.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />{' '}
            <strong>{s}</strong> <span className="muted">— {SCOPE_HELP[s]}</span>
          </label>
        ))}
        {shown('scopes') && (
          <p id="scopes-error" className="field-error">
            {shown('scopes')}
          </p>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
