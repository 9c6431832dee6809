/**
 * One secret: its versions (metadata only), and for leads a new value, rotation, the schedule,
 * rollback and delete, each destructive step behind a confirmation. No value is ever shown.
 */
import { Fragment, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { SecretMetadata } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { PageHeader, Time } from '../components/Bits';
import { Field } from '../components/Field';
import { ConfirmDialog } from '../components/Modal';
import { ExpiryBadge, ScopeLabel } from '../components/SecretBits';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import {
  EMPTY_SECRET_FORM,
  formatScope,
  isGenerated,
  secretInputFor,
  toNewSecret,
  typeId,
  typeLabel,
  validateRotationDays,
} from '../lib/secrets';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { focusFirstSecretError, SecretValueFields, useSecretForm } from './SecretCreate';

const HIDDEN_ATTRIBUTES = new Set(['change', 'rotationDays', 'rolledBackFrom']);

export function SecretDetail() {
  const api = useApi();
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const scope = params.get('scope') ?? 'workspace';
  const path = params.get('path') ?? '';
  const versions = useResource(() => api.secretVersions(scope, path), [scope, path], !!path);
  const [flash, setFlash] = useState<string | undefined>((location.state as { flash?: string } | null)?.flash);
  const [asking, setAsking] = useState<null | 'rotate' | 'delete' | { rollback: number }>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  usePageTitle(path || 'Secret');
  const mayWrite = can(me, 'manageSecrets');
  const listHref = `/secrets?${new URLSearchParams({ scope }).toString()}`;

  const back = (
    <Link to={listHref} className="btn">
      All secrets in {scope}
    </Link>
  );
  if (!path) {
    return (
      <>
        <PageHeader title="Secret" actions={back} />
        <EmptyState title="No secret named">The address names no secret path. Pick one from the list.</EmptyState>
      </>
    );
  }
  if (versions.error && !versions.data) {
    return (
      <>
        <PageHeader title={path} actions={back} />
        <ErrorPanel error={versions.error} onRetry={versions.reload} title={versions.error.status === 404 ? 'No such secret' : 'Could not load the secret'} />
      </>
    );
  }
  if (!versions.data) return <Loading what="Loading the secret" />;
  const all = [...versions.data].sort((a, b) => b.version - a.version);
  const latest = all[0];
  if (!latest) return <EmptyState title="No such secret" />;

  const done = (text: string) => {
    setAsking(null);
    setFlash(text);
    versions.reload();
  };
  const confirm = async () => {
    if (!asking) return;
    setBusy(true);
    setError(undefined);
    try {
      if (asking === 'rotate') {
        const m = await api.rotateSecret(scope, path);
        done(`Rotated: version ${m.version} holds a newly generated value (not shown).`);
      } else if (asking === 'delete') {
        await api.deleteSecret(scope, path);
        navigate(listHref, { state: { flash: `Secret ${path} deleted with all its versions.` } });
      } else {
        const m = await api.rollbackSecret(scope, path, asking.rollback);
        done(`Rolled back: version ${m.version} has the value of version ${asking.rollback}.`);
      }
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setBusy(false);
    }
  };

  const attributes = Object.entries(latest.attributes).filter(([k]) => !HIDDEN_ATTRIBUTES.has(k));
  return (
    <>
      <PageHeader
        title={path}
        description={
          <>
            <ScopeLabel scope={latest.scope} /> · {typeLabel(latest.type)} · version {latest.version}
          </>
        }
        actions={
          <>
            {back}
            <button type="button" className="btn" onClick={versions.reload} disabled={versions.loading}>
              Refresh
            </button>
          </>
        }
      />
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      {versions.error && <ErrorPanel error={versions.error} onRetry={versions.reload} title="Could not refresh the secret; showing the last known versions" />}
      {mayWrite && (
        <div className="toolbar action-bar" role="group" aria-label="Secret actions">
          <button type="button" className="btn" aria-expanded={editing} onClick={() => setEditing((x) => !x)}>
            Set a new value
          </button>
          {isGenerated(latest.type) && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setAsking('rotate');
                setError(undefined);
              }}
            >
              Rotate now…
            </button>
          )}
          <button
            type="button"
            className="btn btn-danger-quiet"
            onClick={() => {
              setAsking('delete');
              setError(undefined);
            }}
          >
            Delete…
          </button>
        </div>
      )}
      {mayWrite && editing && (
        <NewValueForm
          secret={latest}
          onCancel={() => setEditing(false)}
          onSaved={(m) => {
            setEditing(false);
            done(`New value saved as version ${m.version}. It is not shown.`);
          }}
        />
      )}

      <div className="grid">
        <section className="card" aria-labelledby="secret-facts-title">
          <div className="card-header">
            <h2 id="secret-facts-title">Latest version</h2>
            <ExpiryBadge expires={latest.expires} />
          </div>
          <dl className="facts">
            <dt>Scope</dt>
            <dd>
              <ScopeLabel scope={latest.scope} />
            </dd>
            <dt>Type</dt>
            <dd>
              {typeLabel(latest.type)} <span className="muted">({typeId(latest.type)})</span>
            </dd>
            <dt>Version</dt>
            <dd>{latest.version}</dd>
            <dt>Written</dt>
            <dd>
              <Time iso={latest.created} /> by {latest.createdBy}
            </dd>
            <dt>Expires</dt>
            <dd>
              <Time iso={latest.expires} />
            </dd>
            {isGenerated(latest.type) && (
              <>
                <dt>Rotation</dt>
                <dd>{latest.attributes.rotationDays ? `every ${latest.attributes.rotationDays} days` : 'not scheduled'}</dd>
              </>
            )}
            {attributes.map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd className="wrap">{v}</dd>
              </Fragment>
            ))}
          </dl>
          {mayWrite && isGenerated(latest.type) && <ScheduleForm secret={latest} onSaved={(m) => done(m.attributes.rotationDays ? `Rotation scheduled every ${m.attributes.rotationDays} days.` : 'Scheduled rotation turned off.')} />}
        </section>

        <section className="card card-wide" aria-labelledby="secret-versions-title">
          <div className="card-header">
            <h2 id="secret-versions-title">Versions</h2>
          </div>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Versions of {path}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Change</th>
                  <th scope="col">Written</th>
                  <th scope="col">Expires</th>
                  {mayWrite && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {all.map((v) => (
                  <tr key={v.version}>
                    <td>
                      {v.version}
                      {v.version === latest.version && <span className="muted small"> (latest)</span>}
                    </td>
                    <td>
                      {v.attributes.change ?? '—'}
                      {v.attributes.rolledBackFrom && <span className="muted small"> from version {v.attributes.rolledBackFrom}</span>}
                    </td>
                    <td>
                      <Time iso={v.created} /> <span className="muted">by {v.createdBy}</span>
                    </td>
                    <td>
                      <ExpiryBadge expires={v.expires} />
                    </td>
                    {mayWrite && (
                      <td className="row-actions">
                        {v.version !== latest.version && (
                          <button
                            type="button"
                            className="btn btn-small"
                            onClick={() => {
                              setAsking({ rollback: v.version });
                              setError(undefined);
                            }}
                            aria-label={`Roll back to version ${v.version}`}
                          >
                            Roll back…
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>

      {asking === 'rotate' && (
        <ConfirmDialog title={`Rotate ${path} now?`} confirmLabel="Rotate now" busy={busy} error={error} onConfirm={confirm} onCancel={() => setAsking(null)}>
          <p>
            Stoker generates a new value and stores it as version {latest.version + 1}. The value is not shown; environments and leases pick it up
            the next time they read the secret. Earlier versions stay available for a rollback.
          </p>
        </ConfirmDialog>
      )}
      {asking === 'delete' && (
        <ConfirmDialog title={`Delete ${path}?`} confirmLabel="Delete secret" danger busy={busy} error={error} onConfirm={confirm} onCancel={() => setAsking(null)}>
          <p>
            All {all.length} version{all.length === 1 ? '' : 's'} of <strong>{formatScope(latest.scope)}/{path}</strong> are deleted. Environments
            that reference it fail to start until it is written again. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {asking && typeof asking === 'object' && (
        <ConfirmDialog
          title={`Roll back to version ${asking.rollback}?`}
          confirmLabel="Roll back"
          busy={busy}
          error={error}
          onConfirm={confirm}
          onCancel={() => setAsking(null)}
        >
          <p>
            A new version {latest.version + 1} is written with the value of version {asking.rollback}. Version {latest.version} stays in the history.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** A new version with a value typed in (any type), e.g. a renewed certificate or a password changed elsewhere. */
function NewValueForm({ secret, onSaved, onCancel }: { secret: SecretMetadata; onSaved: (m: SecretMetadata) => void; onCancel: () => void }) {
  const api = useApi();
  const form = useSecretForm({ ...EMPTY_SECRET_FORM, type: secret.type }, true);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    form.touchAll();
    setFormError(undefined);
    if (Object.keys(form.local).length > 0) {
      focusFirstSecretError(form.local);
      return;
    }
    setBusy(true);
    try {
      const m = await api.writeSecret(toNewSecret(form.values, formatScope(secret.scope), secret.path));
      form.clearValue();
      onSaved(m);
    } catch (err) {
      const error = asApiError(err);
      const input = secretInputFor(error.field, form.values);
      if (input && input !== 'scopeId' && input !== 'path' && input !== 'type') {
        form.setServerErrors({ [input]: error.detail });
        focusFirstSecretError({ [input]: error.detail });
      } else {
        setFormError(error.detail);
      }
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="new-value-title">
      <h2 id="new-value-title">New value</h2>
      <p className="muted small">
        Stored as version {secret.version + 1} of this {typeLabel(secret.type).toLowerCase()}. The current value stays available for a rollback.
      </p>
      <FormError message={formError} />
      <SecretValueFields form={form} type={secret.type} currentSchedule={secret.attributes.rotationDays} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save new value'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ScheduleForm({ secret, onSaved }: { secret: SecretMetadata; onSaved: (m: SecretMetadata) => void }) {
  const api = useApi();
  const [days, setDays] = useState(secret.attributes.rotationDays ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const local = days.trim() === '' ? 'Whole days, e.g. 90 (0 turns the schedule off).' : validateRotationDays(secret.type, days);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (local) {
      setError(local);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await api.scheduleSecret(formatScope(secret.scope), secret.path, Number(days.trim())));
    } catch (err) {
      setError(asApiError(err).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="schedule-form" onSubmit={onSubmit} noValidate aria-label="Rotation schedule">
      <Field label="Rotate every (days)" hint="0 turns scheduled rotation off." error={error}>
        <input
          id="schedule-days"
          inputMode="numeric"
          autoComplete="off"
          value={days}
          onChange={(e) => {
            setDays(e.target.value);
            setError(undefined);
          }}
        />
      </Field>
      <button type="submit" className="btn btn-small" disabled={busy}>
        {busy ? 'Saving…' : 'Save schedule'}
      </button>
    </form>
  );
}
