/**
 * Service accounts for CI and integrations: leads see and manage their own, admins every one. An account acts
 * only through its tokens, which always expire; its role is never above its owner's.
 */
import { useState, type FormEvent } from 'react';
import type { IssuedToken, Role, ServiceAccount } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { ROLES, roleAtLeast } from '../auth/permissions';
import { Badge, PageHeader, Time } from '../components/Bits';
import { Field } from '../components/Field';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { SecretPanel, tokenState } from './Tokens';

export function ServiceAccounts() {
  usePageTitle('Service accounts');
  const api = useApi();
  const accounts = useResource(() => api.serviceAccounts(), []);
  const [open, setOpen] = useState<string | null>(null);
  const items = accounts.data ?? [];
  return (
    <>
      <PageHeader
        title="Service accounts"
        description="Principals for CI and integrations. They act only through their tokens, which always expire, and never above their owner's role."
      />
      <CreateAccountForm onCreated={() => accounts.reload()} />
      {accounts.error ? (
        <ErrorPanel error={accounts.error} onRetry={accounts.reload} title="Could not list service accounts" />
      ) : !accounts.data ? (
        <Loading what="Loading service accounts" />
      ) : items.length === 0 ? (
        <EmptyState title="No service accounts yet">Create one for each pipeline or integration that calls Stoker.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Service accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Owner</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.name}>
                  <td>
                    <strong>{a.name}</strong>
                    {open === a.name && <AccountTokens account={a} />}
                  </td>
                  <td>
                    <Badge tone="neutral">{a.role}</Badge>
                  </td>
                  <td>{a.owner}</td>
                  <td>
                    <Time iso={a.created} />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => setOpen(open === a.name ? null : a.name)}>
                      {open === a.name ? 'Hide tokens' : `Tokens of ${a.name}`}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CreateAccountForm({ onCreated }: { onCreated: (a: ServiceAccount) => void }) {
  const api = useApi();
  const { me } = useAuth();
  const roles = ROLES.filter((r) => roleAtLeast(me?.role, r));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<{ name?: string; role?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(name)) {
      setErrors({ name: '2-64 lower-case letters, digits, ".", "_" or "-".' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onCreated(await api.createServiceAccount(name, role));
      setName('');
    } catch (err) {
      const error = asApiError(err);
      if (error.field === 'name' || error.field === 'role') setErrors({ [error.field]: error.detail });
      else setFormError(error.detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="new-account-title">
      <h2 id="new-account-title">New service account</h2>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Account name" error={errors.name}>
          <input name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Role" hint="At most your own." error={errors.role}>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create service account'}
        </button>
      </div>
    </form>
  );
}

function AccountTokens({ account }: { account: ServiceAccount }) {
  const api = useApi();
  const tokens = useResource(() => api.serviceAccountTokens(account.name), [account.name]);
  const [tokenName, setTokenName] = useState('');
  const [days, setDays] = useState('30');
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [error, setError] = useState<string>();

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      setIssued(await api.issueServiceAccountToken(account.name, tokenName.trim(), ['read', 'write'], Number(days)));
      setTokenName('');
      tokens.reload();
    } catch (err) {
      setError(asApiError(err).detail);
    }
  };
  const revoke = async (id: string) => {
    setError(undefined);
    try {
      await api.revokeServiceAccountToken(account.name, id);
      tokens.reload();
    } catch (err) {
      setError(asApiError(err).detail);
    }
  };

  return (
    <div className="subpanel" aria-label={`Tokens of ${account.name}`}>
      <FormError message={error} />
      {issued && <SecretPanel issued={issued} onDone={() => setIssued(null)} />}
      <ul className="plain">
        {(tokens.data ?? []).map((t) => (
          <li key={t.id}>
            <code>stk_{t.id}_…</code> {t.name} — {tokenState(t).label}
            {t.expires && (
              <>
                , expires <Time iso={t.expires} />
              </>
            )}{' '}
            {tokenState(t).active && (
              <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => revoke(t.id)} aria-label={`Revoke ${t.name}`}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={issue} className="form-inline" aria-label={`New token of ${account.name}`}>
        <Field label="Token name">
          <input name="tokenName" value={tokenName} onChange={(e) => setTokenName(e.target.value)} />
        </Field>
        <Field label="Days">
          <input name="days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-small btn-primary">
          Issue token
        </button>
      </form>
    </div>
  );
}
