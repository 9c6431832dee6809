import { describe, expect, it } from 'vitest';
import { appendSample, formatMemory, formatPercent, latest, linePath, memoryAxisMax, toSample } from './metrics';

const MIB = 1024 * 1024;

describe('metrics', () => {
  it('reads a sample, leaving out missing, non-finite and "no maximum" values', () => {
    const s = toSample({
      environment: 'e',
      time: '2026-01-05T10:00:00Z',
      metrics: { 'memory.used.bytes': 100 * MIB, 'memory.max.bytes': -1, 'cpu.usage': 1.4, threads: 12, 'uptime.seconds': Number.NaN },
    });
    expect(s).toEqual({
      time: '2026-01-05T10:00:00Z',
      memoryUsed: 100 * MIB,
      memoryCommitted: undefined,
      memoryMax: undefined,
      cpu: 1,
      systemCpu: undefined,
      processors: undefined,
      threads: 12,
      uptimeSeconds: undefined,
    });
  });

  it('keeps a rolling window of the newest samples', () => {
    let w = [] as ReturnType<typeof toSample>[];
    for (let i = 0; i < 65; i++) w = appendSample(w, { time: String(i) }, 60);
    expect(w).toHaveLength(60);
    expect(w[0].time).toBe('5');
    expect(w.at(-1)?.time).toBe('64');
  });

  it('formats bytes and ratios', () => {
    expect(formatMemory(undefined)).toBe('—');
    expect(formatMemory(512)).toBe('512 B');
    expect(formatMemory(2048)).toBe('2 KiB');
    expect(formatMemory(1.5 * MIB)).toBe('1.5 MiB');
    expect(formatMemory(300 * MIB)).toBe('300 MiB');
    expect(formatMemory(1536 * MIB)).toBe('1.50 GiB');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0123)).toBe('1.2%');
    expect(formatPercent(0.456)).toBe('46%');
  });

  it('finds the newest known value and a round axis', () => {
    expect(latest([{ time: 'a', threads: 3 }, { time: 'b' }], 'threads')).toBe(3);
    expect(latest([{ time: 'a' }], 'threads')).toBeUndefined();
    expect(memoryAxisMax([])).toBe(256 * MIB);
    expect(memoryAxisMax([100 * MIB, undefined])).toBe(128 * MIB);
    expect(memoryAxisMax([3000 * MIB])).toBe(3328 * MIB);
  });

  it('draws lines right-aligned, broken where values are missing', () => {
    expect(linePath([], 1, 100, 10)).toBe('');
    // 3 values on 5 slots: x = 50, 75, 100
    expect(linePath([0, 0.5, 1], 1, 100, 10, 5)).toBe('M50 10 L75 5 L100 0');
    // a lone point becomes a short flat stroke (kept inside the plot)
    expect(linePath([0, undefined, 1, 1], 1, 100, 10, 4)).toBe('M0 10 L0 10 M66.7 0 L100 0');
    expect(linePath([1, undefined, 0.5], 1, 100, 10, 3)).toBe('M0 0 L0 0 M97 5 L100 5');
    // values above the top are clipped
    expect(linePath([2], 1, 100, 10, 1)).toBe('M0 0 L0 0');
  });
});
