import { describe, expect, it } from 'vitest';
import { allowedActions, formatBytes, formatDuration, isTransient, stateSymbol, stateTone } from './environments';

describe('allowed actions by state', () => {
  it.each([
    ['RUNNING', ['stop', 'restart', 'destroy']],
    ['STARTING', ['stop', 'destroy']],
    ['STOPPED', ['start', 'restart', 'destroy']],
    ['FAILED', ['start', 'stop', 'restart', 'destroy']],
    ['REQUESTED', ['destroy']],
    ['PROVISIONING', ['destroy']],
    ['DESTROYED', []],
    ['SOMETHING_NEW', []],
  ])('%s allows %j', (state, actions) => {
    expect(allowedActions(state)).toEqual(actions);
  });

  it('accepts lower case and nothing', () => {
    expect(allowedActions('running')).toEqual(['stop', 'restart', 'destroy']);
    expect(allowedActions(undefined)).toEqual([]);
    expect(allowedActions(null)).toEqual([]);
  });

  it('knows which states change by themselves', () => {
    expect(['REQUESTED', 'PROVISIONING', 'STARTING'].every(isTransient)).toBe(true);
    expect(['RUNNING', 'STOPPED', 'FAILED', 'DESTROYED'].some(isTransient)).toBe(false);
  });

  it('gives every state a tone and a mark besides its colour', () => {
    expect(stateTone('RUNNING')).toBe('ok');
    expect(stateTone('FAILED')).toBe('bad');
    expect(new Set(['RUNNING', 'PROVISIONING', 'STOPPED', 'FAILED', 'DESTROYED'].map(stateSymbol)).size).toBe(5);
  });
});

describe('durations and sizes', () => {
  it('reads ISO-8601 and seconds', () => {
    expect(formatDuration('PT30M')).toBe('30 min');
    expect(formatDuration('PT1H30M')).toBe('1 h 30 min');
    expect(formatDuration('P2DT3H')).toBe('2 d 3 h');
    expect(formatDuration(1800)).toBe('30 min');
    expect(formatDuration('5400.000000000')).toBe('1 h 30 min');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration('weird')).toBe('weird');
  });

  it('shows memory in MiB or GiB', () => {
    expect(formatBytes(2048 * 1024 * 1024)).toBe('2 GiB');
    expect(formatBytes(768 * 1024 * 1024)).toBe('768 MiB');
    expect(formatBytes(0)).toBe('—');
  });
});
