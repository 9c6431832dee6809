import { describe, expect, it } from 'vitest';
import type { Run } from '../api/types';
import { activeStep, duration, errorLines, lineOf, mayCancel, mayRetry, sortErrors, waitingStage } from './runs';

const run = (status: Run['status'], steps: [string, string, string][]): Run => ({
  id: 'r1',
  project: 'p',
  revision: null,
  commit: null,
  release: null,
  artifactDigest: null,
  status,
  startedBy: 'admin',
  reason: null,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  endedAt: null,
  stages: steps.map(([stage, step, s]) => ({
    name: stage,
    environment: null,
    status: s as never,
    steps: [{ name: step, type: 'validate', status: s as never, startedAt: null, endedAt: null, summary: null, attempts: 1 }],
  })),
  approvals: [],
  rollbackOf: null,
});

describe('runs', () => {
  it('finds the stage a run waits on and the step to show first', () => {
    const r = run('WAITING_APPROVAL', [
      ['validate', 'v', 'SUCCEEDED'],
      ['approval', 'a', 'WAITING'],
    ]);
    expect(waitingStage(r)).toBe('approval');
    expect(activeStep(r)).toBe('a');
    expect(waitingStage({ ...r, status: 'RUNNING' })).toBeNull();
    expect(activeStep(run('FAILED', [['validate', 'v', 'FAILED']]))).toBe('v');
    expect(activeStep(run('SUCCEEDED', [['validate', 'v', 'SUCCEEDED']]))).toBeNull();
  });

  it('allows cancel while a run lives and retry once it failed or was cancelled', () => {
    expect(mayCancel(run('WAITING_APPROVAL', []))).toBe(true);
    expect(mayCancel(run('SUCCEEDED', []))).toBe(false);
    expect(mayRetry(run('FAILED', []))).toBe(true);
    expect(mayRetry(run('CANCELLED', []))).toBe(true);
    expect(mayRetry(run('SUCCEEDED', []))).toBe(false);
  });

  it('reads lines of problems and durations', () => {
    expect(lineOf("stages[0].steps[0].type: line 7: unknown step type 'x'")).toBe(7);
    expect(lineOf('no line here')).toBe(0);
    const errors = [
      { field: 'a', line: 0, column: 0, message: 'no line' },
      { field: 'b', line: 9, column: 3, message: 'later' },
      { field: 'c', line: 2, column: 1, message: 'first' },
    ];
    expect(sortErrors(errors).map((e) => e.field)).toEqual(['c', 'b', 'a']);
    expect([...errorLines(errors)]).toEqual([9, 2]);
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:00:42Z')).toBe('42 s');
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:02:05Z')).toBe('2 min 5 s');
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T03:00:00Z')).toBe('3 h');
    expect(duration(null, null)).toBe('');
  });
});
