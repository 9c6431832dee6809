/**
 * One environment: state and reason, links to the gateway, what was asked for, the live progress of
 * its latest operation (server-sent events), live memory and CPU charts while it runs, the status
 * timeline of its operations, its backups, the log tail (or the live log), and lifecycle actions
 * (start/stop/restart/destroy, upgrade, backup, restore, rollback) for engineers.
 * The operation in view is kept in the address (`?operation=`), so a reload keeps following it.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import type { Environment, Operation } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { Badge, PageHeader, Time } from '../components/Bits';
import { EnvironmentStateBadge, OperationProgress } from '../components/EnvironmentBits';
import { EnvironmentDeployments } from '../components/EnvironmentDeployments';
import { BackupsPanel, MaintenanceButtons } from '../components/EnvironmentMaintenance';
import { EnvironmentHistory } from '../components/EnvironmentHistory';
import { EnvironmentMetrics } from '../components/EnvironmentMetrics';
import { GatewayDiagnostics } from '../components/GatewayDiagnostics';
import { EnvironmentTimeline } from '../components/EnvironmentTimeline';
import { ConfirmDialog } from '../components/Modal';
import { EmptyState, ErrorPanel, Loading } from '../components/States';
import { allowedActions, formatBytes, formatDuration, isTransient, maintenanceActions, operationDone, type LifecycleButton } from '../lib/environments';
import { MAX_FOLLOW_LINES, useLogFollow } from '../lib/useLogFollow';
import { useOperationStream } from '../lib/useOperationStream';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';

const POLL_MS = 3_000;
const TAILS = [100, 200, 500, 1000] as const;
/** States in which the environment has (or had) a container whose log can be read. */
const HAS_CONTAINER = ['STARTING', 'RUNNING', 'STOPPED', 'FAILED'];

const ACTION_TEXT: Record<Exclude<LifecycleButton, 'destroy'>, { label: string; busy: string; body: string }> = {
  start: { label: 'Start', busy: 'Starting', body: 'The gateway container starts on the same data volume.' },
  stop: { label: 'Stop', busy: 'Stopping', body: 'The gateway stops; its container and data volume are kept, and you can start it again.' },
  restart: { label: 'Restart', busy: 'Restarting', body: 'The gateway stops and starts again; sessions connected to it are dropped.' },
};

export function EnvironmentDetail() {
  const { id = '' } = useParams();
  const api = useApi();
  const { me } = useAuth();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const operationId = params.get('operation') ?? undefined;
  const env = useResource(() => api.environment(id), [id]);
  const { reload } = env;
  const [flash, setFlash] = useState<string | undefined>(() =>
    (location.state as { created?: boolean } | null)?.created ? 'Environment requested. Provisioning runs in the background; you may leave this page.' : undefined,
  );
  const [logsTick, setLogsTick] = useState(0);
  const [backupsTick, setBackupsTick] = useState(0);
  // After an operation ends the state shown may be stale until the environment is read again: the page
  // settles on the answer to the read started when the operation ended, not on any earlier one.
  const [settleOn, setSettleOn] = useState(0);
  const onDone = useCallback(
    (op: Operation) => {
      setSettleOn(reload());
      // After a destroy there is no container left whose log could be read.
      if (!op.kind.includes('destroy')) setLogsTick((t) => t + 1);
      // only a backup adds to the list (and a destroyed environment may have none to read)
      if (op.kind.endsWith('.backup')) setBackupsTick((t) => t + 1);
      if (op.status === 'FAILED') setFlash(undefined);
    },
    [reload],
  );
  const stream = useOperationStream(operationId, onDone);
  const e = env.data;
  usePageTitle(e ? e.spec.name : 'Environment');
  const settling = env.answered < settleOn;

  const opRunning = !!stream.operation && !operationDone(stream.operation.status);
  // The gateway may stop answering while an operation works on it: metrics wait until it is over and
  // the state is read again (also while the stream of a just-started operation is connecting).
  const metricsPaused = opRunning || settling || (!!operationId && !stream.operation && !stream.error);
  const timelineKey = `${stream.operation?.id ?? ''}:${stream.operation?.status ?? ''}:${stream.operation?.step ?? ''}`;
  // A new step usually means a new state (PROVISIONING, STARTING, ...): fetch it now, not at the next poll.
  const step = stream.operation?.step;
  useEffect(() => {
    if (step) reload();
  }, [step, reload]);
  // Follow state changes the stream does not carry (e.g. work started elsewhere).
  const watch = !!e && (isTransient(e.state) || opRunning);
  useEffect(() => {
    if (!watch) return;
    const t = setInterval(reload, POLL_MS);
    return () => clearInterval(t);
  }, [watch, reload]);

  const followOperation = (op: Operation, text: string) => {
    const next = new URLSearchParams(params);
    next.set('operation', op.id);
    setParams(next, { replace: true });
    setFlash(text);
    reload();
  };

  if (env.error && !e) {
    return (
      <>
        <PageHeader title="Environment" actions={<Link to="/environments" className="btn">Back to environments</Link>} />
        <ErrorPanel error={env.error} onRetry={reload} title={env.error.status === 404 ? 'No such environment' : 'Could not load the environment'} />
      </>
    );
  }
  if (!e) return <Loading what="Loading the environment" />;

  const destroyed = e.state === 'DESTROYED';
  return (
    <>
      <PageHeader
        title={e.spec.name}
        description={
          <>
            <EnvironmentStateBadge state={e.state} /> {e.spec.platform} {e.spec.version ?? ''} · {e.spec.stage.toLowerCase()} · on{' '}
            {e.runtimeHost ?? '—'}
          </>
        }
        actions={
          <>
            <Link to="/environments" className="btn">
              All environments
            </Link>
            <button type="button" className="btn" onClick={reload} disabled={env.loading}>
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
      {env.error && <ErrorPanel error={env.error} onRetry={reload} title="Could not refresh the environment; showing the last known state" />}
      {destroyed && (
        <p className="notice" role="note">
          This environment was destroyed. It is kept here for the record; create a new one from the <Link to="/environments">environments list</Link>.
        </p>
      )}
      {can(me, 'manageEnvironments') && !destroyed && <LifecycleActions env={e} busy={opRunning} onStarted={followOperation} />}

      <div className="grid">
        <section className="card card-wide" aria-labelledby="progress-title">
          <div className="card-header">
            <h2 id="progress-title">Progress</h2>
            {stream.live && <span className="muted small">live</span>}
          </div>
          {!operationId ? (
            <p className="muted">
              {isTransient(e.state)
                ? 'Work is under way; the state above refreshes every few seconds.'
                : 'No operation in view. Progress shows here when you create, start, stop, restart, upgrade, back up, restore, roll back or destroy the environment from this console.'}
            </p>
          ) : stream.operation ? (
            <>
              <OperationProgress operation={stream.operation} label={operationLabel(stream.operation.kind)} />
              <p className="muted small">
                Started <Time iso={stream.operation.started} /> by {stream.operation.startedBy}
                {stream.operation.finished && (
                  <>
                    {' '}
                    · finished <Time iso={stream.operation.finished} />
                  </>
                )}
              </p>
            </>
          ) : stream.error ? (
            <ErrorPanel error={stream.error} title="Could not follow the progress" onRetry={stream.retry} />
          ) : (
            <Loading what="Connecting to the progress stream" />
          )}
          {stream.operation && stream.error && !operationDone(stream.operation.status) && (
            <p className="warning" role="status">
              The progress stream dropped ({stream.error.detail}); reconnecting.
            </p>
          )}
        </section>

        <section className="card" aria-labelledby="state-title">
          <div className="card-header">
            <h2 id="state-title">State</h2>
            <EnvironmentStateBadge state={e.state} />
          </div>
          <dl className="facts">
            <dt>Reason</dt>
            <dd className="wrap">{e.stateReason || <span className="muted">—</span>}</dd>
            <dt>Since</dt>
            <dd>
              <Time iso={e.updated} />
            </dd>
            <dt>Gateway</dt>
            <dd>
              <Endpoints env={e} />
            </dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="spec-title">
          <div className="card-header">
            <h2 id="spec-title">What was asked for</h2>
          </div>
          <SpecFacts env={e} />
        </section>

        {!destroyed && <EnvironmentMetrics key={e.id} env={e} paused={metricsPaused} onNotRunning={reload} />}
        {!destroyed && <EnvironmentHistory env={e} />}
        {!destroyed && <GatewayDiagnostics env={e} />}

        <EnvironmentTimeline env={e} refresh={timelineKey} />

        <EnvironmentDeployments env={e} />

        {!destroyed && <BackupsPanel env={e} refresh={backupsTick} />}

        {!destroyed && <LogsPanel env={e} tick={logsTick} />}
      </div>
    </>
  );
}

function operationLabel(kind: string): string {
  const what = kind.replace(/^environment\./, '');
  const words: Record<string, string> = {
    create: 'Provisioning',
    start: 'Starting',
    stop: 'Stopping',
    restart: 'Restarting',
    destroy: 'Destroying',
    'destroy-with-volume': 'Destroying (with volume)',
    backup: 'Backing up',
    restore: 'Restoring',
    upgrade: 'Upgrading',
    rollback: 'Rolling back',
  };
  return words[what] ?? what;
}

function Endpoints({ env }: { env: Environment }) {
  const entries = Object.entries(env.endpoints);
  if (entries.length === 0) return <span className="muted">No ports published yet.</span>;
  const up = env.state === 'RUNNING';
  return (
    <ul className="plain-list endpoints">
      {entries.map(([name, url]) => (
        <li key={name}>
          <span className="endpoint-name">{name}</span>{' '}
          {/^https?:/.test(url) ? (
            <a href={url} target="_blank" rel="noreferrer noopener">
              {url}
              <span className="sr-only"> (opens the gateway in a new tab)</span>
            </a>
          ) : (
            <code className="wrap">{url}</code>
          )}
        </li>
      ))}
      {!up && <li className="muted small">The gateway answers once the environment is running.</li>}
    </ul>
  );
}

function SpecFacts({ env }: { env: Environment }) {
  const s = env.spec;
  const ports = Object.entries(s.ports);
  const labels = Object.entries(s.labels);
  const secrets = Object.entries(s.secrets);
  return (
    <dl className="facts">
      <dt>Platform</dt>
      <dd>
        {s.platform} {s.version ?? <span className="muted">(from the image)</span>}
      </dd>
      <dt>Image</dt>
      <dd>{s.image ? <code className="wrap">{s.image}</code> : <span className="muted">adapter default</span>}</dd>
      <dt>Stage</dt>
      <dd>{s.stage.toLowerCase()}</dd>
      <dt>Ports</dt>
      <dd>{ports.length ? ports.map(([k, v]) => `${k} ${v === 0 ? 'any free' : v}`).join(', ') : 'free host ports'}</dd>
      <dt>Memory</dt>
      <dd>{s.limits?.memoryBytes ? formatBytes(s.limits.memoryBytes) : 'no limit'}</dd>
      <dt>CPUs</dt>
      <dd>{s.limits?.cpus ? s.limits.cpus : 'no limit'}</dd>
      <dt>Lifetime</dt>
      <dd>{s.ttl ? formatDuration(s.ttl) : 'until destroyed'}</dd>
      <dt>Idle timeout</dt>
      <dd>{s.idleTimeout ? formatDuration(s.idleTimeout) : 'none'}</dd>
      <dt>Modules, drivers</dt>
      <dd>
        {s.modules.length} module{s.modules.length === 1 ? '' : 's'}, {s.jdbcDrivers.length} JDBC driver{s.jdbcDrivers.length === 1 ? '' : 's'}
        {s.restoreBackup && <>, restores {s.restoreBackup.fileName}</>}
      </dd>
      <dt>Secrets</dt>
      <dd>
        {secrets.length ? (
          secrets.map(([k, v]) => (
            <div key={k}>
              <code>{k}</code> ← <code className="wrap">{v}</code>
            </div>
          ))
        ) : (
          <span className="muted">none</span>
        )}
      </dd>
      <dt>Labels</dt>
      <dd className="capabilities-inline">
        {labels.length ? labels.map(([k, v]) => <Badge key={k}>{`${k}=${v}`}</Badge>) : <span className="muted">none</span>}
      </dd>
      <dt>Requested</dt>
      <dd>
        <Time iso={env.created} /> by {env.createdBy}
      </dd>
    </dl>
  );
}

function LogsPanel({ env, tick }: { env: Environment; tick: number }) {
  const api = useApi();
  const [tail, setTail] = useState<number>(200);
  const [asked, setAsked] = useState(0);
  const [follow, setFollow] = useState(false);
  const hasContainer = HAS_CONTAINER.includes(env.state);
  const enabled = (hasContainer || asked > 0) && !follow;
  const logs = useResource(() => api.environmentLogs(env.id, tail), [env.id, tail, tick, asked, hasContainer], enabled);
  // a new container (restart, upgrade, restore) ends the stream: `tick` starts following it again
  const live = useLogFollow(env.id, tail, follow, MAX_FOLLOW_LINES, tick);
  const text = logs.data ?? '';
  return (
    <section className="card card-wide" aria-labelledby="logs-title">
      <div className="card-header">
        <h2 id="logs-title">Log</h2>
        <label className="inline-select">
          <span>Last lines</span>
          <select value={tail} onChange={(ev) => setTail(Number(ev.target.value))}>
            {TAILS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="check inline-check">
          <input type="checkbox" checked={follow} onChange={(ev) => setFollow(ev.target.checked)} /> Follow
        </label>
        {!follow && (
          <button type="button" className="btn btn-small card-action" onClick={() => setAsked((n) => n + 1)} disabled={logs.loading}>
            {logs.loading ? 'Loading…' : 'Refresh log'}
          </button>
        )}
      </div>
      {follow ? (
        <>
          <p className="muted small" role="status">
            {live.error
              ? ''
              : live.live
                ? `Following: new lines appear as the gateway writes them (the last ${MAX_FOLLOW_LINES} are kept).`
                : live.ended
                  ? 'The log stream ended (the container stopped or was replaced).'
                  : 'Connecting to the log…'}
          </p>
          {live.error ? (
            live.error.status === 404 ? (
              <EmptyState title="No log yet">The gateway container does not exist yet or any more.</EmptyState>
            ) : (
              <ErrorPanel error={live.error} title="Could not follow the log" />
            )
          ) : (
            <pre className="logs" tabIndex={0} aria-label={`Live log of ${env.spec.name}`} aria-live="off" data-testid="logs-live">
              {live.lines.join('\n')}
            </pre>
          )}
        </>
      ) : logs.error ? (
        logs.error.status === 404 ? (
          <EmptyState title="No log yet">The gateway container does not exist yet or any more. Refresh once the environment is starting.</EmptyState>
        ) : (
          <ErrorPanel error={logs.error} onRetry={() => setAsked((n) => n + 1)} title="Could not read the log" />
        )
      ) : !enabled ? (
        <EmptyState title="No log yet">The log appears once the gateway container exists; use "Refresh log" to check.</EmptyState>
      ) : logs.data === undefined ? (
        <Loading what="Reading the log" />
      ) : text.trim() === '' ? (
        <EmptyState title="The log is empty">The gateway has written nothing yet. Refresh in a moment.</EmptyState>
      ) : (
        <pre className="logs" tabIndex={0} aria-label={`Last ${tail} log lines of ${env.spec.name}`} data-testid="logs">
          {text}
        </pre>
      )}
    </section>
  );
}

function LifecycleActions({ env, busy, onStarted }: { env: Environment; busy: boolean; onStarted: (op: Operation, text: string) => void }) {
  const api = useApi();
  const [asking, setAsking] = useState<LifecycleButton | null>(null);
  const [volume, setVolume] = useState<'keep' | 'delete'>('keep');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  // While an operation runs, only destroy stays on offer (a stuck provisioning can still be removed).
  const actions = allowedActions(env.state).filter((a) => !busy || a === 'destroy');
  const maintenance = !busy && maintenanceActions(env.state).length > 0;
  if (actions.length === 0 && !maintenance) return null;

  const confirm = async () => {
    if (!asking) return;
    setSending(true);
    setError(undefined);
    try {
      if (asking === 'destroy') {
        const op = await api.destroyEnvironment(env.id, volume);
        onStarted(op, `Destroying ${env.spec.name}${volume === 'delete' ? ' and its data volume' : ''}…`);
      } else {
        const op = await api.changeEnvironment(env.id, asking);
        onStarted(op, `${ACTION_TEXT[asking].busy} ${env.spec.name}…`);
      }
      setAsking(null);
    } catch (e) {
      setError(asApiError(e).detail);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="toolbar action-bar" role="group" aria-label="Environment actions">
      {actions.map((a) =>
        a === 'destroy' ? (
          <button
            key={a}
            type="button"
            className="btn btn-danger-quiet"
            onClick={() => {
              setAsking(a);
              setVolume('keep');
              setError(undefined);
            }}
          >
            Destroy…
          </button>
        ) : (
          <button
            key={a}
            type="button"
            className="btn"
            onClick={() => {
              setAsking(a);
              setError(undefined);
            }}
          >
            {ACTION_TEXT[a].label}
          </button>
        ),
      )}
      {maintenance && <MaintenanceButtons env={env} onStarted={onStarted} />}
      {asking && asking !== 'destroy' && (
        <ConfirmDialog
          title={`${ACTION_TEXT[asking].label} ${env.spec.name}?`}
          confirmLabel={ACTION_TEXT[asking].label}
          danger={asking === 'stop'}
          busy={sending}
          error={error}
          onConfirm={confirm}
          onCancel={() => setAsking(null)}
        >
          <p>{ACTION_TEXT[asking].body}</p>
        </ConfirmDialog>
      )}
      {asking === 'destroy' && (
        <ConfirmDialog
          title={`Destroy ${env.spec.name}?`}
          confirmLabel="Destroy environment"
          danger
          busy={sending}
          error={error}
          onConfirm={confirm}
          onCancel={() => setAsking(null)}
        >
          <p>The gateway container is removed. This cannot be undone.</p>
          <fieldset className="fieldset">
            <legend>Data volume</legend>
            <label className="check">
              <input type="radio" name="volume" value="keep" checked={volume === 'keep'} onChange={() => setVolume('keep')} /> Keep the
              data volume (projects, tags, settings) for later use
            </label>
            <label className="check">
              <input type="radio" name="volume" value="delete" checked={volume === 'delete'} onChange={() => setVolume('delete')} /> Delete
              the data volume too: all gateway data is lost
            </label>
          </fieldset>
        </ConfirmDialog>
      )}
    </div>
  );
}
