/** A small line of a gateway series over the last hour, from the recorded history. */
import { useApi } from '../auth/AuthContext';
import { linePath } from '../lib/metrics';
import { useResource } from '../lib/useResource';

const W = 120;
const H = 28;

export interface SparklineProps {
  environment: string;
  series: string;
  label: string;
  /** fixed top of the axis (1 for ratios); else the largest value */
  max?: number;
  /** how the last value reads */
  format: (v: number | undefined) => string;
  /** reloads when this changes (the fleet's refresh) */
  tick: number;
}

export function Sparkline({ environment, series, label, max, format, tick }: SparklineProps) {
  const api = useApi();
  const to = new Date(Date.now());
  const from = new Date(to.getTime() - 3_600_000);
  const history = useResource(() => api.metricHistory(environment, series, from.toISOString(), to.toISOString(), '60s'), [environment, series, tick]);
  const values = history.data?.series[0]?.points.map((p) => p.value) ?? [];
  const top = max ?? Math.max(0, ...values);
  const last = values.at(-1);
  return (
    <span className="sparkline" title={`${label}, last hour`}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label} over the last hour: ${values.length ? `now ${format(last)}` : 'no history'}`}>
        <path d={linePath(values, top > 0 ? top : 1, W, H, Math.max(values.length, 2))} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="sparkline-value">{values.length ? format(last) : '—'}</span>
    </span>
  );
}
