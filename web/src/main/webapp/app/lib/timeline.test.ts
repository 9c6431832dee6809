import { describe, expect, it } from 'vitest';
import type { Environment, Operation } from '../api/types';
import { operationEntry, operationTitle, timelineEntries } from './timeline';

const op = (kind: string, status: Operation['status'], started: string, extra: Partial<Operation> = {}): Operation => ({
  id: `${kind}-${started}`,
  kind: `environment.${kind}`,
  target: 'e1',
  status,
  step: 'done',
  percent: 100,
  message: null,
  startedBy: 'admin',
  started,
  finished: null,
  ...extra,
});

const env = (state: Environment['state'], stateReason: string | null = null): Environment =>
  ({
    id: 'e1',
    spec: { name: 'gw' },
    state,
    stateReason,
    runtimeHost: 'local',
    endpoints: {},
    createdBy: 'jane',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-02T00:00:00Z',
  }) as unknown as Environment;

describe('timeline', () => {
  it('names each kind and outcome in words', () => {
    expect(operationTitle({ kind: 'environment.create', status: 'SUCCEEDED', percent: 100 })).toBe('Created');
    expect(operationTitle({ kind: 'environment.start', status: 'FAILED', percent: 70 })).toBe('Start failed');
    expect(operationTitle({ kind: 'environment.stop', status: 'RUNNING', percent: 30 })).toBe('Stopping… (30%)');
    expect(operationTitle({ kind: 'environment.restart', status: 'QUEUED', percent: 0 })).toBe('Restart queued');
    expect(operationTitle({ kind: 'environment.destroy-with-volume', status: 'SUCCEEDED', percent: 100 })).toBe('Destroyed with its data volume');
    expect(operationTitle({ kind: 'environment.backup', status: 'CANCELLED', percent: 10 })).toBe('Backup cancelled');
  });

  it('gives failures a reason and finished work its duration', () => {
    const failed = operationEntry(op('start', 'FAILED', '2026-01-01T10:00:00Z', { step: 'probe', message: 'gateway FAULTED', finished: '2026-01-01T10:02:05Z' }));
    expect(failed).toMatchObject({ tone: 'bad', mark: '✕', reason: 'At step probe: gateway FAULTED', took: '2 min 5 s', by: 'admin' });
    expect(operationEntry(op('stop', 'FAILED', '2026-01-01T10:00:00Z')).reason).toBe('No reason was given.');
    expect(operationEntry(op('stop', 'SUCCEEDED', '2026-01-01T10:00:00Z', { message: 'stopped' }))).toMatchObject({ tone: 'ok', mark: '✓', note: 'stopped', reason: undefined });
  });

  it('puts the current state first and the operations newest first', () => {
    const entries = timelineEntries(
      env('FAILED', 'the gateway reports FAULTED'),
      [op('create', 'SUCCEEDED', '2026-01-01T10:00:00Z'), op('restart', 'FAILED', '2026-01-01T12:00:00Z'), op('stop', 'SUCCEEDED', '2026-01-01T11:00:00Z')],
      true,
    );
    expect(entries.map((e) => e.title)).toEqual(['Now Failed', 'Restart failed', 'Stopped', 'Created']);
    expect(entries[0]).toMatchObject({ current: true, reason: 'the gateway reports FAULTED', tone: 'bad' });
  });

  it('closes a complete list without a create operation with the request', () => {
    expect(timelineEntries(env('RUNNING'), [], true).map((e) => `${e.title} ${e.by ?? ''}`)).toEqual(['Now Running ', 'Requested jane']);
    expect(timelineEntries(env('RUNNING'), [], false).map((e) => e.title)).toEqual(['Now Running']);
  });
});
