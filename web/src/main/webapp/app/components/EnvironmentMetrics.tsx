/**
 * Live monitoring of a running gateway: memory (used, committed, max) and CPU charts drawn as inline
 * SVG, current threads and uptime. Each chart is an image with a summary of its latest value and a
 * visually hidden table of recent samples for screen readers.
 */
import { Link } from 'react-router-dom';
import type { ApiError } from '../api/client';
import type { Environment } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { capitalize, formatTime } from '../lib/format';
import { formatDuration } from '../lib/environments';
import { formatMemory, formatPercent, latest, linePath, memoryAxisMax, METRICS_KEEP, METRICS_POLL_MS, type MetricsSample } from '../lib/metrics';
import { useGatewayMetrics } from '../lib/useGatewayMetrics';
import { Time } from './Bits';
import { EmptyState, ErrorPanel, Loading } from './States';

const W = 600;
const H = 140;
/** room above the top and below the bottom of the plot, so that lines there stay whole */
const PAD = 3;
/** the fewest sample positions across a chart (12 × 5 s = one minute) */
const MIN_SLOTS = 12;
/** rows of the screen-reader table under each chart */
const TABLE_ROWS = 10;
const EVERY = `${METRICS_POLL_MS / 1000} s`;

export function EnvironmentMetrics({ env, paused = false, onNotRunning }: { env: Environment; paused?: boolean; onNotRunning?: () => void }) {
  const running = env.state === 'RUNNING';
  const m = useGatewayMetrics(env.id, { running, paused, onNotRunning });
  const samples = m.samples;
  const last = samples.at(-1);

  return (
    <section className="card card-wide" aria-labelledby="metrics-title" data-testid="metrics">
      <div className="card-header">
        <h2 id="metrics-title">Monitoring</h2>
        {running && (
          <span className="muted small" aria-live="polite">
            {paused ? 'paused while an operation runs' : `live, every ${EVERY}`}
          </span>
        )}
        {running && !paused && (
          <button type="button" className="btn btn-small card-action" onClick={m.refresh} disabled={m.loading}>
            {m.loading ? 'Reading…' : 'Refresh metrics'}
          </button>
        )}
      </div>
      {!running ? (
        <EmptyState title="No live metrics">
          Memory and CPU come from the running gateway; they show here while {env.spec.name} is running (it is {capitalize(env.state)} now).
        </EmptyState>
      ) : !last ? (
        m.error ? (
          <MetricsError error={m.error} env={env} onRetry={m.refresh} />
        ) : paused ? (
          <EmptyState title="Paused">Metrics are read again once the operation in progress ends.</EmptyState>
        ) : (
          <Loading what="Reading the gateway's metrics" />
        )
      ) : (
        <>
          {m.error && <MetricsError error={m.error} env={env} onRetry={m.refresh} stale />}
          <CurrentValues samples={samples} />
          <div className="metrics-charts">
            <MemoryChart samples={samples} />
            <CpuChart samples={samples} />
          </div>
        </>
      )}
    </section>
  );
}

function CurrentValues({ samples }: { samples: MetricsSample[] }) {
  const last = samples[samples.length - 1];
  // the newest sample's values; the maximum and the processor count rarely change, so an older one will do
  const used = last.memoryUsed;
  const max = latest(samples, 'memoryMax');
  const threads = last.threads;
  const uptime = last.uptimeSeconds;
  const processors = latest(samples, 'processors');
  return (
    <dl className="metric-stats" data-testid="metric-stats">
      <div>
        <dt>Memory used</dt>
        <dd>
          {formatMemory(used)}
          {max !== undefined && <span className="muted"> of {formatMemory(max)}</span>}
        </dd>
      </div>
      <div>
        <dt>CPU</dt>
        <dd>
          {formatPercent(last.cpu)}
          {processors !== undefined && (
            <span className="muted">
              {' '}
              of {processors} processor{processors === 1 ? '' : 's'}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Threads</dt>
        <dd data-testid="metric-threads">{threads === undefined ? '—' : Math.round(threads)}</dd>
      </div>
      <div>
        <dt>Uptime</dt>
        <dd data-testid="metric-uptime">{uptime === undefined ? '—' : formatDuration(Math.floor(uptime))}</dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd>
          <Time iso={last.time} />
        </dd>
      </div>
    </dl>
  );
}

interface Series {
  name: string;
  className: string;
  values: (number | undefined)[];
  format: (v: number | undefined) => string;
}

const span = (samples: MetricsSample[]) => {
  if (samples.length < 2) return `${samples.length} sample`;
  const seconds = (new Date(samples[samples.length - 1].time).getTime() - new Date(samples[0].time).getTime()) / 1000;
  const over = Number.isFinite(seconds) && Math.round(seconds) > 0 ? ` over ${formatDuration(Math.round(seconds))}` : '';
  return `${samples.length} samples${over}`;
};

function MemoryChart({ samples }: { samples: MetricsSample[] }) {
  const used = samples.map((s) => s.memoryUsed);
  const committed = samples.map((s) => s.memoryCommitted);
  const maxes = samples.map((s) => s.memoryMax);
  const knownMax = latest(samples, 'memoryMax');
  const known = [...used, ...committed, ...maxes].filter((v): v is number => v !== undefined);
  // with a maximum, the axis ends there (or above, should a value exceed it); without, at a round value
  const axisTop = knownMax ? Math.max(...known) : memoryAxisMax(known);
  const u = samples[samples.length - 1].memoryUsed;
  const summary =
    `Memory used: ${formatMemory(u)}` +
    (knownMax ? ` of ${formatMemory(knownMax)} maximum (${formatPercent(u !== undefined ? u / knownMax : undefined)})` : ', no maximum reported') +
    `; ${span(samples)}`;
  const series: Series[] = [
    { name: 'Used', className: 'series-used', values: used, format: formatMemory },
    { name: 'Committed', className: 'series-committed', values: committed, format: formatMemory },
    { name: 'Max', className: 'series-max', values: maxes, format: formatMemory },
  ].filter((s) => s.values.some((v) => v !== undefined));
  return <LineChart id="memory" title="Memory" summary={summary} samples={samples} series={series} max={axisTop} axis={formatMemory} />;
}

function CpuChart({ samples }: { samples: MetricsSample[] }) {
  const cpu = samples[samples.length - 1].cpu;
  const system = samples[samples.length - 1].systemCpu;
  const summary = `CPU usage: ${formatPercent(cpu)} by the gateway` + (system !== undefined ? `, ${formatPercent(system)} for the whole host` : '') + `; ${span(samples)}`;
  const series: Series[] = [
    { name: 'Gateway', className: 'series-cpu', values: samples.map((s) => s.cpu), format: formatPercent },
    { name: 'Host', className: 'series-system', values: samples.map((s) => s.systemCpu), format: formatPercent },
  ].filter((s) => s.values.some((v) => v !== undefined));
  return <LineChart id="cpu" title="CPU usage" summary={summary} samples={samples} series={series} max={1} axis={formatPercent} />;
}

function LineChart({
  id,
  title,
  summary,
  samples,
  series,
  max,
  axis,
}: {
  id: string;
  title: string;
  summary: string;
  samples: MetricsSample[];
  series: Series[];
  max: number;
  axis: (v: number) => string;
}) {
  const recent = samples.slice(-TABLE_ROWS).reverse();
  // the first minute fills the width gradually; from then on the plot moves (up to METRICS_KEEP samples)
  const slots = Math.min(METRICS_KEEP, Math.max(MIN_SLOTS, samples.length));
  return (
    <figure className="chart" data-testid={`chart-${id}`}>
      <figcaption className="chart-caption">
        <span className="chart-title">{title}</span>
        <span className="chart-legend">
          {series.map((s) => (
            <span key={s.name} className="legend-item">
              <span className={`legend-swatch ${s.className}`} aria-hidden="true" />
              {s.name} {s.format(latestOf(s.values))}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="chart-plot">
        <div className="chart-axis" aria-hidden="true">
          <span>{axis(max)}</span>
          <span>{axis(max / 2)}</span>
          <span>{axis(0)}</span>
        </div>
        <svg className="chart-svg" role="img" aria-label={summary} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" focusable="false">
          <g transform={`translate(0 ${PAD})`}>
            {[0, (H - 2 * PAD) / 2, H - 2 * PAD].map((y) => (
              <line key={y} className="chart-grid" x1={0} x2={W} y1={y} y2={y} vectorEffect="non-scaling-stroke" />
            ))}
            {series.map((s) => (
              <path key={s.name} className={`chart-line ${s.className}`} d={linePath(s.values, max, W, H - 2 * PAD, slots)} vectorEffect="non-scaling-stroke" />
            ))}
          </g>
        </svg>
      </div>
      <p className="chart-span muted small" aria-hidden="true">
        {samples.length === 1 ? 'first sample' : `last ${span(samples)}`}, newest on the right
      </p>
      <table className="sr-only">
        <caption>
          {title}, the last {recent.length} samples, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {recent.map((sample, i) => {
            const index = samples.length - 1 - i;
            return (
              <tr key={`${sample.time}-${index}`}>
                <th scope="row">{formatTime(sample.time)}</th>
                {series.map((s) => (
                  <td key={s.name}>{s.format(s.values[index])}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}

function latestOf(values: (number | undefined)[]): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== undefined) return values[i];
  return undefined;
}

function MetricsError({ error, env, onRetry, stale = false }: { error: ApiError; env: Environment; onRetry: () => void; stale?: boolean }) {
  const { me } = useAuth();
  const secret = `${env.spec.platform}/api-token`;
  if (error.status === 502) {
    return (
      <div className="state state-error metrics-error" role="alert">
        <p className="state-title">The gateway did not give its metrics{stale ? '; showing the last samples' : ''}</p>
        <p className="wrap">{error.detail}</p>
        <p>
          The gateway's API (Ignition 8.3) needs an API token. Store the token as the secret <code>{secret}</code> (type API token) in the
          workspace, the {env.spec.stage.toLowerCase()} stage or this environment's scope, and give the same token to the gateway: an API key
          created on the gateway, or, for an emulated gateway, the line <code>EMULATOR_API_KEYS={secret}</code> under <em>Secrets</em> when
          you create the environment. A changed token is picked up within 10 minutes.
        </p>
        <p className="muted">Retrying every {EVERY}.</p>
        <div className="metrics-actions">
          <button type="button" className="btn" onClick={onRetry}>
            Retry now
          </button>
          {can(me, 'manageSecrets') && (
            <Link className="btn" to="/secrets/new?scope=workspace">
              Store the token as a secret
            </Link>
          )}
        </div>
      </div>
    );
  }
  if (error.status === 409) {
    return (
      <p className="notice metrics-error" role="status">
        The gateway is not running: {error.detail}. The state above refreshes.
      </p>
    );
  }
  if (error.status === 503) {
    return (
      <div className="state state-error metrics-error" role="alert">
        <p className="state-title">Metrics are not available</p>
        <p className="wrap">{error.detail}</p>
        <p className="muted">
          The {env.spec.platform} adapter is missing or still starting; the <Link to="/platforms">Platforms</Link> page lists what is installed.
          Retrying every {EVERY}.
        </p>
      </div>
    );
  }
  if (stale) {
    return (
      <p className="warning metrics-error" role="status">
        Could not read the metrics ({error.detail}); showing the last samples, retrying every {EVERY}.
      </p>
    );
  }
  return <ErrorPanel error={error} onRetry={onRetry} title="Could not read the gateway's metrics" />;
}
