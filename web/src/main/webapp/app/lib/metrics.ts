/**
 * Live gateway metrics: samples as the charts use them, the rolling window, number formats and the
 * geometry of the inline SVG line charts.
 */
import type { GatewayMetrics } from '../api/types';

/** How often a running gateway is asked for its metrics while the page is visible. */
export const METRICS_POLL_MS = 5_000;
/** How many samples the charts keep (60 × 5 s = the last 5 minutes). */
export const METRICS_KEEP = 60;

export interface MetricsSample {
  /** ISO instant of the sample */
  time: string;
  memoryUsed?: number;
  memoryCommitted?: number;
  memoryMax?: number;
  /** process CPU load, 0..1 */
  cpu?: number;
  /** whole-machine CPU load, 0..1 */
  systemCpu?: number;
  processors?: number;
  threads?: number;
  uptimeSeconds?: number;
}

const finite = (v: number | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const ratio = (v: number | undefined): number | undefined => {
  const n = finite(v);
  return n === undefined ? undefined : Math.max(0, Math.min(1, n));
};

export function toSample(answer: GatewayMetrics): MetricsSample {
  const m = answer.metrics ?? {};
  return {
    time: answer.time,
    memoryUsed: finite(m['memory.used.bytes']),
    memoryCommitted: finite(m['memory.committed.bytes']),
    // the JVM reports -1 when there is no maximum
    memoryMax: (finite(m['memory.max.bytes']) ?? -1) > 0 ? m['memory.max.bytes'] : undefined,
    cpu: ratio(m['cpu.usage']),
    systemCpu: ratio(m['cpu.system.usage']),
    processors: finite(m['cpu.processors']),
    threads: finite(m['threads']),
    uptimeSeconds: finite(m['uptime.seconds']),
  };
}

/** The window after adding `sample`: the newest `keep` samples, oldest first. */
export function appendSample(samples: readonly MetricsSample[], sample: MetricsSample, keep = METRICS_KEEP): MetricsSample[] {
  const next = [...samples, sample];
  return next.length > keep ? next.slice(next.length - keep) : next;
}

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/** Bytes in binary units: `512 MiB`, `1.50 GiB`, `820 KiB`; `—` when unknown. */
export function formatMemory(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(2)} GiB`;
  if (bytes >= 10 * MIB) return `${Math.round(bytes / MIB)} MiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= KIB) return `${Math.round(bytes / KIB)} KiB`;
  return `${Math.round(bytes)} B`;
}

/** A 0..1 ratio as a percentage: `12.5%`, `0%`; `—` when unknown. */
export function formatPercent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const p = value * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

/** The newest value of one field, looking back past samples that lack it. */
export function latest<K extends keyof MetricsSample>(samples: readonly MetricsSample[], key: K): MetricsSample[K] | undefined {
  for (let i = samples.length - 1; i >= 0; i--) if (samples[i][key] !== undefined) return samples[i][key];
  return undefined;
}

/** A round upper bound for a memory axis: the next multiple of 64 MiB, 256 MiB, or 1 GiB. */
export function memoryAxisMax(values: (number | undefined)[]): number {
  const top = Math.max(0, ...values.filter((v): v is number => v !== undefined));
  if (top <= 0) return 256 * MIB;
  const step = top <= 512 * MIB ? 64 * MIB : top <= 4 * GIB ? 256 * MIB : GIB;
  return Math.ceil((top * 1.05) / step) * step;
}

/**
 * The `d` of an SVG path through `values` (one per sample, evenly spaced over `slots` positions, the
 * newest at the right edge) on a `width` × `height` plot whose top is `max`. Missing values break the
 * line. Returns '' when there is nothing to draw.
 */
export function linePath(values: (number | undefined)[], max: number, width: number, height: number, slots = METRICS_KEEP): string {
  if (!values.length || !(max > 0)) return '';
  const step = width / Math.max(1, slots - 1);
  const offset = Math.max(0, slots - values.length);
  const segments: [number, number][][] = [];
  let current: [number, number][] | null = null;
  values.forEach((v, i) => {
    if (v === undefined || !Number.isFinite(v)) {
      current = null;
      return;
    }
    const point: [number, number] = [round((offset + i) * step), round(height - (Math.max(0, Math.min(max, v)) / max) * height)];
    if (!current) segments.push((current = []));
    current.push(point);
  });
  return segments
    .map((points) => {
      // a lone point is drawn as a short flat stroke so that it shows
      const drawn = points.length === 1 ? [[round(Math.max(0, points[0][0] - 3)), points[0][1]], points[0]] : points;
      return drawn.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join(' ');
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
