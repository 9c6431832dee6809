/** Recorded history of a gateway's heap and CPU, over the last hour, day or week. */
import { useState } from 'react';
import type { Environment } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { formatMemory, formatPercent, linePath, memoryAxisMax } from '../lib/metrics';
import { useResource } from '../lib/useResource';
import { ErrorPanel } from './States';

export const RANGES = [
  { id: '1h', label: '1 h', ms: 3_600_000, step: '30s' },
  { id: '24h', label: '24 h', ms: 86_400_000, step: '10m' },
  { id: '7d', label: '7 d', ms: 604_800_000, step: '1h' },
] as const;

const W = 600;
const H = 120;

export function EnvironmentHistory({ env }: { env: Environment }) {
  const api = useApi();
  const [range, setRange] = useState<(typeof RANGES)[number]>(RANGES[0]);
  const load = (name: string) => {
    const to = new Date();
    return api.metricHistory(env.id, name, new Date(to.getTime() - range.ms).toISOString(), to.toISOString(), range.step);
  };
  const memory = useResource(() => load('stoker_gateway_memory_used_bytes'), [env.id, range.id]);
  const cpu = useResource(() => load('stoker_gateway_cpu_ratio'), [env.id, range.id]);
  const values = (h: typeof memory) => h.data?.series[0]?.points.map((p) => p.value) ?? [];
  const chart = (title: string, v: number[], max: number, format: (n: number | undefined) => string) => (
    <figure className="chart">
      <figcaption>
        {title}: {v.length ? `${v.length} points, last ${format(v.at(-1))}` : 'no history in this range'}
      </figcaption>
      <svg width="100%" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title} over the last ${range.label}`}>
        <path d={linePath(v, max, W, H, Math.max(v.length, 2))} fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
    </figure>
  );
  return (
    <section aria-label="History">
      <h2>History</h2>
      <div className="toolbar" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button key={r.id} type="button" className={`btn${r.id === range.id ? ' btn-primary' : ''}`} aria-pressed={r.id === range.id} onClick={() => setRange(r)}>
            {r.label}
          </button>
        ))}
      </div>
      {memory.error && <ErrorPanel error={memory.error} onRetry={memory.reload} title="History not available" />}
      {!memory.error && chart('Heap used', values(memory), memoryAxisMax(values(memory)), formatMemory)}
      {!cpu.error && chart('CPU', values(cpu), 1, formatPercent)}
    </section>
  );
}
