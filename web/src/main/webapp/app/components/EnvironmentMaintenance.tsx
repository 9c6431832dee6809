/**
 * Maintenance of an environment (engineers and up): upgrade to another version or image, take a
 * backup now, restore a backup, roll back to the previous image; each behind a confirmation and
 * answered with an operation the page follows. Also the paginated list of the environment's backups.
 */
import { useState } from 'react';
import type { Environment, EnvironmentBackup, Operation } from '../api/types';
import { asApiError, useApi } from '../auth/AuthContext';
import { formatSize, maintenanceActions, shortSha, type MaintenanceButton } from '../lib/environments';
import { PAGE_SIZES } from '../lib/pagination';
import { useResource } from '../lib/useResource';
import { Time } from './Bits';
import { Field } from './Field';
import { ConfirmDialog } from './Modal';
import { Pagination } from './Pagination';
import { EmptyState, ErrorPanel, Loading } from './States';

const LABEL: Record<MaintenanceButton, string> = { upgrade: 'Upgrade…', backup: 'Back up now', restore: 'Restore…', rollback: 'Roll back…' };
const IMAGE = '__image__';

export function MaintenanceButtons({ env, onStarted }: { env: Environment; onStarted: (op: Operation, text: string) => void }) {
  const [asking, setAsking] = useState<MaintenanceButton | null>(null);
  const actions = maintenanceActions(env.state);
  const close = () => setAsking(null);
  const started = (op: Operation, text: string) => {
    setAsking(null);
    onStarted(op, text);
  };
  return (
    <>
      {actions.map((a) => (
        <button key={a} type="button" className="btn" onClick={() => setAsking(a)}>
          {LABEL[a]}
        </button>
      ))}
      {asking === 'upgrade' && <UpgradeDialog env={env} onCancel={close} onStarted={started} />}
      {asking === 'backup' && <BackupDialog env={env} onCancel={close} onStarted={started} />}
      {(asking === 'restore' || asking === 'rollback') && <RestoreDialog env={env} rollback={asking === 'rollback'} onCancel={close} onStarted={started} />}
    </>
  );
}

interface DialogProps {
  env: Environment;
  onCancel: () => void;
  onStarted: (op: Operation, text: string) => void;
}

/** Runs one request of a dialog: busy while it runs, the server's message on failure. */
function useSend() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const send = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(asApiError(e).detail);
      setBusy(false);
    }
  };
  return { busy, error, setError, send };
}

function UpgradeDialog({ env, onCancel, onStarted }: DialogProps) {
  const api = useApi();
  const platform = useResource(() => api.platform(env.spec.platform), [env.spec.platform]);
  const versions = (platform.data?.versions ?? []).filter((v) => v.defaultVersion !== env.spec.version);
  const [choice, setChoice] = useState<string>();
  const [image, setImage] = useState('');
  const { busy, error, setError, send } = useSend();
  const picked = choice ?? versions[0]?.defaultVersion ?? IMAGE;
  const current = env.spec.version ?? env.spec.image ?? 'the current image';

  const confirm = () => {
    if (picked === IMAGE && !image.trim()) {
      setError('Enter an image, e.g. registry/name:tag.');
      return;
    }
    if (picked === IMAGE && /\s/.test(image.trim())) {
      setError('An image reference has no spaces.');
      return;
    }
    const target = picked === IMAGE ? { image: image.trim() } : { version: picked };
    void send(async () => {
      const op = await api.upgradeEnvironment(env.id, target);
      onStarted(op, `Upgrading ${env.spec.name} to ${'version' in target ? target.version : target.image}…`);
    });
  };

  return (
    <ConfirmDialog title={`Upgrade ${env.spec.name}?`} confirmLabel="Upgrade" busy={busy} error={error} onConfirm={confirm} onCancel={onCancel}>
      <p>
        The gateway container is recreated from the new image on the <strong>same data volume</strong>: projects, tags and settings are kept. It
        runs {current} now; that image is remembered for a rollback. Take a backup first if you may want to go back.
      </p>
      {platform.error ? (
        <ErrorPanel error={platform.error} onRetry={platform.reload} title="Could not read the platform's versions" />
      ) : !platform.data ? (
        <Loading what="Loading the versions" />
      ) : (
        <>
          <Field label="New version" hint={versions.length ? 'The release lines the adapter offers.' : 'The adapter offers no other version; give an image.'}>
            <select id="upgrade-version" value={picked} onChange={(e) => setChoice(e.target.value)} disabled={busy}>
              {versions.map((v) => (
                <option key={v.line} value={v.defaultVersion}>
                  {v.defaultVersion} ({v.line} line)
                </option>
              ))}
              <option value={IMAGE}>An image…</option>
            </select>
          </Field>
          {picked === IMAGE && (
            <Field label="Image" hint="e.g. inductiveautomation/ignition:8.3.5">
              <input id="upgrade-image" autoComplete="off" spellCheck={false} value={image} onChange={(e) => setImage(e.target.value)} disabled={busy} />
            </Field>
          )}
        </>
      )}
    </ConfirmDialog>
  );
}

/** Ignition 8.1 has no API to take a backup while it runs: Stoker snapshots its data volume with the gateway stopped. */
function backsUpBySnapshot(env: Environment): boolean {
  const version = env.spec.version ?? env.spec.image?.split(':').pop() ?? '';
  return env.spec.platform === 'ignition' && /^8\.1\./.test(version);
}

function BackupDialog({ env, onCancel, onStarted }: DialogProps) {
  const api = useApi();
  const [secret, setSecret] = useState('');
  const { busy, error, send } = useSend();
  const snapshot = backsUpBySnapshot(env);
  const confirm = () =>
    void send(async () => {
      const op = await api.backupEnvironment(env.id, snapshot ? undefined : secret.trim() || undefined);
      onStarted(op, `Backing up ${env.spec.name}…`);
    });
  return (
    <ConfirmDialog title={`Back up ${env.spec.name}?`} confirmLabel="Back up now" busy={busy} error={error} onConfirm={confirm} onCancel={onCancel}>
      {snapshot ? (
        <p>
          Ignition 8.1 cannot hand out a backup while it runs: Stoker <strong>stops the gateway</strong>, keeps a snapshot of its data volume
          and starts it again. The gateway is down meanwhile. Only Stoker can restore such a snapshot.
        </p>
      ) : (
        <p>Stoker downloads the gateway's own backup while it runs and keeps it; the gateway is not stopped.</p>
      )}
      {!snapshot && <Field
        label="API key secret (optional)"
        hint="The secret holding the gateway's API key, as scope:path, e.g. workspace:ignition/api-token. Empty uses the configured default."
      >
        <input
          id="backup-api-key-secret"
          name="apiKeySecret"
          autoComplete="off"
          spellCheck={false}
          placeholder="workspace:ignition/api-token"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          disabled={busy}
        />
      </Field>}
    </ConfirmDialog>
  );
}

function backupName(b: EnvironmentBackup): string {
  return `${b.version ?? b.image} · ${shortSha(b.sha256)}`;
}

function RestoreDialog({ env, rollback, onCancel, onStarted }: DialogProps & { rollback: boolean }) {
  const api = useApi();
  const backups = useResource(() => api.environmentBackups(env.id, 0, 50), [env.id]);
  const [choice, setChoice] = useState<string>();
  const { busy, error, setError, send } = useSend();
  const items = backups.data?.items ?? [];
  const picked = choice ?? items[0]?.id;
  const what = rollback ? 'Roll back' : 'Restore';
  const confirm = () => {
    const b = items.find((x) => x.id === picked);
    if (!b) {
      setError('Pick a backup.');
      return;
    }
    void send(async () => {
      const op = rollback ? await api.rollbackEnvironment(env.id, b.id) : await api.restoreEnvironment(env.id, b.id);
      onStarted(op, `${rollback ? 'Rolling back' : 'Restoring'} ${env.spec.name} (backup ${shortSha(b.sha256)})…`);
    });
  };
  return (
    <ConfirmDialog title={`${what} ${env.spec.name}?`} confirmLabel={what} danger busy={busy} error={error} onConfirm={confirm} onCancel={onCancel}>
      {rollback ? (
        <p>
          The environment returns to the <strong>previous image</strong> (the one it ran before its last upgrade) and restores the chosen backup
          on a fresh data volume. Changes since that backup are lost. Pick a backup taken before the upgrade.
        </p>
      ) : (
        <p>
          The gateway is replaced by one on a <strong>fresh data volume</strong> restored from the chosen backup; once it runs, the current volume
          is removed. Changes since that backup are lost.
        </p>
      )}
      {backups.error ? (
        <ErrorPanel error={backups.error} onRetry={backups.reload} title="Could not list the backups" />
      ) : !backups.data ? (
        <Loading what="Loading the backups" />
      ) : items.length === 0 ? (
        <EmptyState title="No backups yet">Take one with "Back up now" while the gateway runs.</EmptyState>
      ) : (
        <fieldset className="fieldset">
          <legend>Backup</legend>
          {items.map((b) => (
            <label key={b.id} className="check">
              <input type="radio" name="backup" value={b.id} checked={picked === b.id} onChange={() => setChoice(b.id)} disabled={busy} />{' '}
              <Time iso={b.created} /> by {b.createdBy} · {backupName(b)} · {formatSize(b.size)}
            </label>
          ))}
        </fieldset>
      )}
    </ConfirmDialog>
  );
}

/** The environment's backups, newest first, a page at a time. */
export function BackupsPanel({ env, refresh }: { env: Environment; refresh: unknown }) {
  const api = useApi();
  const [page, setPage] = useState<{ offset: number; limit: number }>({ offset: 0, limit: PAGE_SIZES[0] });
  const backups = useResource(() => api.environmentBackups(env.id, page.offset, page.limit), [env.id, page.offset, page.limit, refresh]);
  const data = backups.data;
  return (
    <section className="card card-wide" aria-labelledby="backups-title">
      <div className="card-header">
        <h2 id="backups-title">Backups</h2>
        <button type="button" className="btn btn-small card-action" onClick={backups.reload} disabled={backups.loading}>
          {backups.loading ? 'Loading…' : 'Refresh backups'}
        </button>
      </div>
      {backups.error && !data ? (
        <ErrorPanel error={backups.error} onRetry={backups.reload} title="Could not list the backups" />
      ) : !data ? (
        <Loading what="Loading the backups" />
      ) : data.total === 0 && data.items.length === 0 ? (
        <EmptyState title="No backups yet">Backups Stoker takes of this gateway show here, newest first.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table-dense" aria-label={`Backups of ${env.spec.name}`}>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">By</th>
                  <th scope="col">Size</th>
                  <th scope="col">Version / image</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((b) => (
                  <tr key={b.id} data-testid="backup-row">
                    <td>
                      <Time iso={b.created} />
                    </td>
                    <td>{b.createdBy}</td>
                    <td>{formatSize(b.size)}</td>
                    <td>
                      {b.version ?? '—'} <code className="wrap muted small">{b.image}</code>
                    </td>
                    <td>
                      <code title={b.sha256}>{shortSha(b.sha256)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={page.offset}
            limit={page.limit}
            total={data.total}
            shown={data.items.length}
            label="Backups"
            onChange={(offset, limit) => setPage({ offset, limit })}
          />
        </>
      )}
    </section>
  );
}
