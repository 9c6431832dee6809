import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MAX_TAIL_LINES } from '../lib/useLogTail';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

let n = 0;
const line = (level: string, message: string, environment = 'env-a') => ({
  id: `t${++n}`,
  environment,
  stage: 'dev',
  time: new Date(Date.UTC(2026, 0, 5, 10, 0, n)).toISOString(),
  level,
  logger: 'Gateway',
  message,
});
const messages = () =>
  within(screen.getByRole('table', { name: 'Live log lines' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[4].textContent);

async function startTail(stoker: ReturnType<typeof fakeStoker>, path = '/logs') {
  const user = userEvent.setup();
  renderApp(path, { as: 'viewer', stoker });
  await screen.findByRole('button', { name: 'Live tail' });
  await user.click(screen.getByRole('button', { name: 'Live tail' }));
  await waitFor(() => expect(stoker.telemetry.tail.open()).toBe(1));
  await waitFor(() => expect(within(screen.getByRole('status', { name: 'Tail state' })).getByText('live')).toBeInTheDocument());
  return user;
}

describe('live tail of the logs page', () => {
  it('streams new lines newest first, follows the search and stops when switched off', async () => {
    const stoker = fakeStoker();
    const user = await startTail(stoker, '/logs?environment=env-a');
    expect(screen.getByRole('button', { name: 'Live tail' })).toHaveAttribute('aria-pressed', 'true');
    const asked = stoker.calls.filter((c) => c.path === '/api/v1/logs/tail').at(-1);
    expect(asked?.query.get('environment')).toBe('env-a');
    act(() => stoker.telemetry.tail.send(line('info', 'Started in 400 ms')));
    act(() => stoker.telemetry.tail.send(line('warn', 'elsewhere', 'env-b')));
    act(() => stoker.telemetry.tail.send(line('warn', 'Module quarantined')));
    await waitFor(() => expect(messages()).toEqual(['Module quarantined', 'Started in 400 ms']));
    await user.click(screen.getByRole('button', { name: 'Live tail' }));
    expect(screen.queryByRole('region', { name: 'Live tail' })).not.toBeInTheDocument();
    await waitFor(() => expect(stoker.telemetry.tail.open()).toBe(0));
  });

  it('filters by level with a new stream', async () => {
    const stoker = fakeStoker();
    const user = await startTail(stoker);
    await user.selectOptions(screen.getByLabelText('Tail level'), 'warn');
    await waitFor(() => expect(stoker.calls.filter((c) => c.path === '/api/v1/logs/tail').at(-1)?.query.get('level')).toBe('warn'));
    await waitFor(() => expect(stoker.telemetry.tail.open()).toBe(1));
    act(() => stoker.telemetry.tail.send(line('info', 'quiet')));
    act(() => stoker.telemetry.tail.send(line('error', 'Project could not be loaded')));
    await waitFor(() => expect(messages()).toEqual(['Project could not be loaded']));
  });

  it('holds new lines while paused and shows them on resume; counts dropped lines', async () => {
    const stoker = fakeStoker();
    const user = await startTail(stoker);
    act(() => stoker.telemetry.tail.send(line('info', 'first')));
    await waitFor(() => expect(messages()).toEqual(['first']));
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => stoker.telemetry.tail.send(line('info', 'second')));
    act(() => stoker.telemetry.tail.send(line('info', 'third')));
    act(() => stoker.telemetry.tail.frame('event: dropped\ndata: 3\n\n'));
    const status = screen.getByRole('status', { name: 'Tail state' });
    await waitFor(() => expect(status).toHaveTextContent('paused 2 new while paused · 3 dropped'));
    expect(messages()).toEqual(['first']);
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(messages()).toEqual(['third', 'second', 'first']));
    expect(status).toHaveTextContent('live · 3 dropped');
  });

  it(`keeps only the newest ${MAX_TAIL_LINES} lines`, async () => {
    const stoker = fakeStoker();
    await startTail(stoker);
    act(() => {
      for (let i = 0; i < MAX_TAIL_LINES + 20; i++) stoker.telemetry.tail.send(line('info', `line ${i}`));
    });
    await waitFor(() => expect(messages()[0]).toBe(`line ${MAX_TAIL_LINES + 19}`));
    const shown = messages();
    expect(shown).toHaveLength(MAX_TAIL_LINES);
    expect(shown.at(-1)).toBe('line 20');
  });
});
