import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeEnvironment, fakeStoker, type FakeOperation, type FakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

const op = (id: string, kind: string, status: string, started: string, extra: Partial<FakeOperation> = {}): FakeOperation => ({
  id,
  kind: `environment.${kind}`,
  target: 'env-gw',
  status,
  step: 'done',
  percent: 100,
  message: '',
  startedBy: 'admin',
  started,
  finished: status === 'RUNNING' || status === 'QUEUED' ? null : started.replace(/:00Z$/, ':45Z'),
  ...extra,
});

function withOperations(stoker: FakeStoker, ops: FakeOperation[]) {
  for (const o of ops) stoker.operations.set(o.id, o);
}

const metricsCalls = (stoker: FakeStoker) => stoker.calls.filter((c) => c.path.endsWith('/metrics')).length;

describe('status timeline', () => {
  it('lists the current state and the operations newest first, with times, who and outcome in words', async () => {
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING', { stateReason: 'gateway RUNNING', updated: '2026-01-05T13:01:00Z' }));
    withOperations(stoker, [
      op('o1', 'create', 'SUCCEEDED', '2026-01-05T10:00:00Z', { message: 'gateway RUNNING' }),
      op('o3', 'start', 'FAILED', '2026-01-05T12:00:00Z', { startedBy: 'bob', step: 'probe', percent: 70, message: 'gateway FAULTED: no licence' }),
      op('o2', 'stop', 'SUCCEEDED', '2026-01-05T11:00:00Z', { startedBy: 'alice' }),
      op('o4', 'restart', 'SUCCEEDED', '2026-01-05T13:00:00Z', { startedBy: 'carol' }),
    ]);
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    const region = await screen.findByRole('region', { name: 'Status timeline' }, { timeout: 3000 });
    const list = await within(region).findByRole('list', { name: 'What happened to gw, newest first' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.timeline-title')?.textContent)).toEqual(['Now Running', 'Restarted', 'Start failed', 'Stopped', 'Created']);
    expect(items[1]).toHaveTextContent('by carol');
    expect(items[1]).toHaveTextContent('took 45 s');
    expect(items[1].className).toContain('timeline-ok');
    expect(items[2].className).toContain('timeline-bad');
    expect(items[2]).toHaveTextContent('by bob');
    expect(within(items[2]).getByText(/At step probe: gateway FAULTED: no licence/)).toHaveTextContent('Reason: At step probe: gateway FAULTED: no licence');
    expect(items[3]).toHaveTextContent('by alice');
    expect(items[4]).toHaveTextContent('gateway RUNNING');
    expect(within(items[0]).getByText(/since/)).toBeInTheDocument();
    expect(within(items[1]).getByRole('time')).toHaveAttribute('dateTime', '2026-01-05T13:00:00Z');
    expect(within(region).getByText('4 operations, newest first')).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: /Show more/ })).not.toBeInTheDocument();
    const call = stoker.calls.find((c) => c.path === '/api/v1/operations');
    expect(call?.query.get('target')).toBe('env-gw');
  });

  it('shows why a failed environment failed and what is in progress', async () => {
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'FAILED', { stateReason: 'the gateway reports FAULTED' }));
    withOperations(stoker, [
      op('o1', 'create', 'FAILED', '2026-01-05T10:00:00Z', { step: 'image', percent: 10, message: 'pull access denied for ignition:9.9' }),
      op('o2', 'destroy', 'RUNNING', '2026-01-05T10:05:00Z', { step: 'remove', percent: 40 }),
    ]);
    renderApp('/environments/env-gw', { stoker });
    const list = await screen.findByRole('list', { name: /What happened to gw/ }, { timeout: 3000 });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.timeline-title')?.textContent)).toEqual(['Now Failed', 'Being destroyed… (40%)', 'Creation failed']);
    expect(items[0]).toHaveTextContent('Reason: the gateway reports FAULTED');
    expect(items[0].className).toContain('timeline-bad');
    expect(items[1].className).toContain('timeline-info');
    expect(items[2]).toHaveTextContent('Reason: At step image: pull access denied for ignition:9.9');
  });

  it('caps the list and shows more on request', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'STOPPED'));
    const ops = [op('c', 'create', 'SUCCEEDED', '2026-01-01T08:00:00Z')];
    for (let i = 0; i < 12; i++) ops.push(op(`r${i}`, i % 2 ? 'start' : 'stop', 'SUCCEEDED', `2026-01-02T${String(10 + i).padStart(2, '0')}:00:00Z`));
    withOperations(stoker, ops);
    renderApp('/environments/env-gw', { stoker });
    const region = await screen.findByRole('region', { name: 'Status timeline' }, { timeout: 3000 });
    const list = await within(region).findByRole('list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(11); // now + 10
    expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent('Started'); // 21:00, the newest
    await user.click(within(region).getByRole('button', { name: 'Show more (3 older)' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(14));
    expect(within(list).getAllByRole('listitem').at(-1)).toHaveTextContent('Created');
    expect(within(region).queryByRole('button', { name: /Show more/ })).not.toBeInTheDocument();
    expect(stoker.calls.filter((c) => c.path === '/api/v1/operations').map((c) => c.query.get('limit'))).toContain('20');
  });
});

describe('monitoring', () => {
  afterEach(() => {
    vi.useRealTimers();
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
  });

  const fakeTimers = () => vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  it('polls every 5 s while running and draws the latest values', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    const region = await screen.findByRole('region', { name: 'Monitoring' }, { timeout: 3000 });
    const memory = await within(region).findByRole('img', { name: /^Memory used: 256 MiB of 1\.00 GiB maximum \(25%\); 1 sample/ });
    expect(within(region).getByRole('img', { name: /^CPU usage: 13% by the gateway, 30% for the whole host/ })).toBeInTheDocument();
    expect(within(region).getByTestId('metric-threads')).toHaveTextContent('87');
    expect(within(region).getByTestId('metric-uptime')).toHaveTextContent('1 h 2 min 3 s');
    expect(within(region).getByText('of 4 processors')).toBeInTheDocument();
    expect(memory.querySelector('path.series-used')?.getAttribute('d')).toMatch(/^M\d/);
    const first = metricsCalls(stoker);
    expect(first).toBe(1);

    stoker.metrics.set('env-gw', { metrics: { 'memory.used.bytes': 512 * 1048576, 'memory.max.bytes': 1073741824, 'cpu.usage': 0.5, threads: 120, 'uptime.seconds': 3728 } });
    await tick(5000);
    await waitFor(() => expect(within(region).getByTestId('metric-threads')).toHaveTextContent('120'));
    expect(metricsCalls(stoker)).toBe(2);
    expect(within(region).getByRole('img', { name: /^Memory used: 512 MiB of 1\.00 GiB maximum \(50%\); 2 samples/ })).toBeInTheDocument();
    expect(within(region).getByRole('img', { name: /^CPU usage: 50% by the gateway;/ })).toBeInTheDocument();
    // a text alternative: the recent samples in a (visually hidden) table
    const table = within(region).getByRole('table', { name: /Memory, the last 2 samples, newest first/ });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('512 MiB');
    await tick(5000);
    await waitFor(() => expect(metricsCalls(stoker)).toBe(3));
  });

  it('keeps only the last 60 samples', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    renderApp('/environments/env-gw', { stoker });
    await screen.findByRole('img', { name: /^Memory used/ }, { timeout: 3000 });
    for (let i = 0; i < 64; i++) await tick(5000);
    await waitFor(() => expect(metricsCalls(stoker)).toBeGreaterThanOrEqual(65));
    expect(screen.getByRole('img', { name: /^Memory used/ }).getAttribute('aria-label')).toMatch(/; 60 samples/);
  });

  it('explains a 502 and how to give the gateway its API token', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    stoker.metrics.set('env-gw', { status: 502, detail: "the gateway did not give its metrics: HTTP 401 (no secret ignition/api-token in the environment's scopes)" });
    renderApp('/environments/env-gw', { as: 'lead', stoker });
    const region = await screen.findByRole('region', { name: 'Monitoring' }, { timeout: 3000 });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('The gateway did not give its metrics');
    expect(alert).toHaveTextContent('no secret ignition/api-token');
    expect(alert).toHaveTextContent('Store the token as the secret ignition/api-token (type API token)');
    expect(alert).toHaveTextContent('EMULATOR_API_KEYS=ignition/api-token');
    expect(within(alert).getByRole('link', { name: 'Store the token as a secret' })).toHaveAttribute('href', '/secrets/new?scope=workspace');

    // it keeps trying; once the token is there the charts appear
    stoker.metrics.delete('env-gw');
    await tick(5000);
    expect(await within(region).findByRole('img', { name: /^Memory used: 256 MiB/ })).toBeInTheDocument();
    expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers viewers the hint without the secrets link, and keeps the last samples when a poll fails', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    const region = await screen.findByRole('region', { name: 'Monitoring' }, { timeout: 3000 });
    await within(region).findByRole('img', { name: /^Memory used/ });
    stoker.metrics.set('env-gw', { status: 502, detail: 'the gateway did not give its metrics: connection refused' });
    await tick(5000);
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('showing the last samples');
    expect(within(alert).queryByRole('link')).not.toBeInTheDocument();
    expect(within(region).getByRole('img', { name: /^Memory used/ })).toBeInTheDocument();
  });

  it('shows a 503 (adapter missing) as such', async () => {
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    stoker.metrics.set('env-gw', { status: 503, detail: 'the ignition adapter is not installed' });
    renderApp('/environments/env-gw', { stoker });
    const alert = await within(await screen.findByRole('region', { name: 'Monitoring' }, { timeout: 3000 })).findByRole('alert');
    expect(alert).toHaveTextContent('Metrics are not available');
    expect(alert).toHaveTextContent('the ignition adapter is not installed');
  });

  it('stops polling when the environment is no longer running', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    const env = fakeEnvironment('gw', 'RUNNING');
    stoker.environments.push(env);
    renderApp('/environments/env-gw', { stoker });
    const region = await screen.findByRole('region', { name: 'Monitoring' }, { timeout: 3000 });
    await within(region).findByRole('img', { name: /^Memory used/ });
    // stopped elsewhere: the next poll answers 409, the page reads the state again
    env.state = 'STOPPED';
    env.stateReason = 'stopped by alice';
    await tick(5000);
    expect(await within(region).findByText('No live metrics')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'State' })).getByText('Stopped')).toBeInTheDocument();
    const calls = metricsCalls(stoker);
    await tick(30_000);
    expect(metricsCalls(stoker)).toBe(calls);
    expect(within(region).queryByRole('img')).not.toBeInTheDocument();
  });

  it('does not poll a stopped environment, a hidden page or after leaving', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'STOPPED'), fakeEnvironment('up', 'RUNNING'));
    const first = renderApp('/environments/env-gw', { stoker });
    expect(await screen.findByText('No live metrics', {}, { timeout: 3000 })).toBeInTheDocument();
    await tick(12_000);
    expect(metricsCalls(stoker)).toBe(0);
    first.unmount();

    const view = renderApp('/environments/env-up', { stoker });
    await screen.findByRole('img', { name: /^Memory used/ }, { timeout: 3000 });
    expect(metricsCalls(stoker)).toBe(1);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await tick(20_000);
    expect(metricsCalls(stoker)).toBe(1);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(metricsCalls(stoker)).toBe(2));

    view.unmount();
    await tick(20_000);
    expect(metricsCalls(stoker)).toBe(2);
  });

  it('pauses while an operation works on the gateway', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    const env = fakeEnvironment('gw', 'RUNNING');
    stoker.environments.push(env);
    const restart = stoker.newOperation('environment.restart', env.id, 'admin');
    renderApp(`/environments/${env.id}?operation=${restart.id}`, { stoker });
    await waitFor(() => expect(stoker.sse.isOpen(restart.id)).toBe(true), { timeout: 3000 });
    const region = await screen.findByRole('region', { name: 'Monitoring' }, { timeout: 3000 });
    act(() => stoker.sse.send(restart.id, `event: progress\ndata: ${JSON.stringify({ ...restart, status: 'RUNNING', step: 'stop', percent: 30 })}\n\n`));
    expect(await within(region).findByText('paused while an operation runs')).toBeInTheDocument();
    const paused = metricsCalls(stoker);
    await tick(15_000);
    expect(metricsCalls(stoker)).toBe(paused);
    act(() => {
      stoker.sse.send(restart.id, `event: done\ndata: ${JSON.stringify({ ...restart, status: 'SUCCEEDED', step: 'done', percent: 100, finished: '2026-01-05T10:02:00Z' })}\n\n`);
      stoker.sse.close(restart.id);
    });
    expect(await within(region).findByRole('img', { name: /^Memory used/ })).toBeInTheDocument();
    expect(metricsCalls(stoker)).toBeGreaterThan(paused);
  });

  it('does not ask a gateway that an operation just stopped (no 409 between the end and the new state)', async () => {
    fakeTimers();
    const stoker = fakeStoker();
    const env = fakeEnvironment('gw', 'RUNNING');
    stoker.environments.push(env);
    const stop = stoker.newOperation('environment.stop', env.id, 'admin');
    renderApp(`/environments/${env.id}?operation=${stop.id}`, { stoker });
    await waitFor(() => expect(stoker.sse.isOpen(stop.id)).toBe(true), { timeout: 3000 });
    act(() => stoker.sse.send(stop.id, `event: progress\ndata: ${JSON.stringify({ ...stop, status: 'RUNNING', step: 'stop', percent: 30 })}\n\n`));
    const region = await screen.findByRole('region', { name: 'Monitoring' }, { timeout: 3000 });
    await within(region).findByText('paused while an operation runs');
    // Whatever was asked before the pause, nothing is asked from the end of the stop on.
    const before = metricsCalls(stoker);
    env.state = 'STOPPED';
    act(() => {
      stoker.sse.send(stop.id, `event: done\ndata: ${JSON.stringify({ ...stop, status: 'SUCCEEDED', step: 'done', percent: 100, finished: '2026-01-05T10:02:00Z' })}\n\n`);
      stoker.sse.close(stop.id);
    });
    expect(await within(region).findByText('No live metrics')).toBeInTheDocument();
    await tick(10_000);
    expect(metricsCalls(stoker)).toBe(before);
  });
});
