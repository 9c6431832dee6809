import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeEnvironment, fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

const frame = (event: string, op: object) => `event: ${event}\ndata: ${JSON.stringify(op)}\n\n`;

describe('environments list', () => {
  it('lists environments with state in words, a gateway link and paging', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    for (let i = 0; i < 27; i++) stoker.environments.push(fakeEnvironment(`gw${String(i).padStart(2, '0')}`, i === 0 ? 'FAILED' : 'RUNNING'));
    renderApp('/environments', { stoker });
    const row = (await screen.findByRole('link', { name: 'gw00' }, { timeout: 5000 })).closest('tr')!;
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(within(row).getByText('the gateway reports FAULTED')).toBeInTheDocument();
    const running = screen.getByRole('link', { name: 'gw01' }).closest('tr')!;
    expect(within(running).getByText('Running')).toBeInTheDocument();
    expect(within(running).getByRole('link', { name: /127\.0\.0\.1:40001/ })).toHaveAttribute('href', 'http://127.0.0.1:40001');
    expect(screen.getByText('1–25 of 27')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('26–27 of 27', {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('says how to create one when there are none, and offers it to engineers only', async () => {
    renderApp('/environments', { as: 'engineer' });
    expect(await screen.findByText('No environments yet', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create the first environment' })).toHaveAttribute('href', '/environments/new');
    expect(screen.queryByRole('region', { name: 'Orphan containers' })).not.toBeInTheDocument();
  });

  it('gives a viewer no way to change anything', async () => {
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    stoker.logs.set('env-gw', 'gateway started\n');
    renderApp('/environments', { as: 'viewer', stoker });
    await screen.findByRole('link', { name: 'gw' });
    expect(screen.queryByRole('link', { name: /New environment/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'gw' }));
    expect(await screen.findByTestId('logs')).toHaveTextContent('gateway started');
    for (const name of [/start/i, /stop/i, /restart/i, /destroy/i]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('shows admins orphan containers and removes one after confirmation', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.orphans.push({
      runtimeHost: 'local',
      container: { id: 'c0ffee1234567890', name: 'stoker-old', image: 'ignition:8.3.4', running: false, ports: {}, labels: {} },
      reason: 'environment x was destroyed',
    });
    renderApp('/environments', { stoker });
    const panel = await screen.findByRole('region', { name: 'Orphan containers' });
    expect(await within(panel).findByText('environment x was destroyed')).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Remove stoker-old' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remove stoker-old?' })).getByRole('button', { name: 'Remove container' }));
    expect(await within(panel).findByText('Container stoker-old removed.')).toBeInTheDocument();
    expect(await within(panel).findByText('No orphan containers')).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/environments/orphans/local/c0ffee1234567890')).toBe(true);
  });
});

describe('new environment form', () => {
  it('offers the live platforms and versions, validates as you type and opens the new environment', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.state.platforms[0].versions.push({ line: '8.1', defaultVersion: '8.1.47', defaultImage: 'inductiveautomation/ignition:8.1.47' });
    renderApp('/environments/new', { as: 'engineer', stoker });
    const name = await screen.findByLabelText('Name');
    expect(screen.getByLabelText('Platform')).toHaveDisplayValue('Ignition');
    const version = screen.getByLabelText('Version');
    expect(within(version).getAllByRole('option').map((o) => o.textContent)).toEqual(['8.3.4 (8.3 line)', '8.1.47 (8.1 line)', 'Another version…']);
    await user.type(name, 'E2e');
    expect(screen.getByText('Use lower-case letters only.')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await user.clear(name);
    await user.type(name, 'e2e-gw-');
    expect(screen.getByText('End with a letter or digit.')).toBeInTheDocument();
    await user.type(name, '1');
    expect(name).not.toHaveAttribute('aria-invalid');
    await user.selectOptions(version, '8.1.47');
    await user.click(screen.getByText(/Image, ports, limits/));
    await user.type(screen.getByLabelText('Memory limit in MB (optional)'), '100');
    expect(screen.getByText('Between 256 and 1048576 MB.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Memory limit in MB (optional)'), '0');
    await user.click(screen.getByRole('button', { name: 'Create environment' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/environments/env-e2e-gw-1?operation=op1'));
    expect(await screen.findByRole('heading', { level: 1, name: 'e2e-gw-1' })).toBeInTheDocument();
    expect(screen.getByText(/Environment requested/)).toBeInTheDocument();
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/environments');
    expect(post?.body).toEqual({ name: 'e2e-gw-1', platform: 'ignition', version: '8.1.47', stage: 'dev', memoryMb: 1000 });
  });

  it('puts server field errors on their inputs', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('taken'));
    renderApp('/environments/new', { stoker });
    await user.type(await screen.findByLabelText('Name'), 'taken');
    await user.click(screen.getByRole('button', { name: 'Create environment' }));
    expect(await screen.findByText("name: an environment named 'taken' already exists")).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveFocus());
  });

  it('says what happened when the runtime host is down', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.state.runtimeDown = true;
    renderApp('/environments/new', { stoker });
    await user.type(await screen.findByLabelText('Name'), 'fresh');
    await user.click(screen.getByRole('button', { name: 'Create environment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/not available.*Nothing was created/);
  });

  it('does not submit an invalid form and tells a viewer they need a role', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/environments/new');
    await user.click(await screen.findByRole('button', { name: 'Create environment' }));
    expect(screen.getByText('Enter a name, e.g. line3-dev.')).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/environments')).toBe(false);
    renderApp('/environments/new', { as: 'viewer' });
    expect(await screen.findByText('Creating environments needs the engineer role')).toBeInTheDocument();
  });
});

describe('environment detail', () => {
  it('renders live progress from the event stream and refreshes when done', async () => {
    const stoker = fakeStoker();
    const env = fakeEnvironment('e2e-gw', 'PROVISIONING', { endpoints: {} });
    stoker.environments.push(env);
    const op = stoker.newOperation('environment.create', env.id, 'admin');
    renderApp(`/environments/${env.id}?operation=${op.id}`, { stoker });
    expect(await screen.findByRole('heading', { level: 1, name: 'e2e-gw' })).toBeInTheDocument();
    await waitFor(() => expect(stoker.sse.isOpen(op.id)).toBe(true));

    const running = { ...op, status: 'RUNNING', step: 'image', percent: 10, message: 'making sure image ignition:8.3.4 is on local' };
    // a frame cut in two, then a keep-alive and two events in one chunk
    const first = frame('progress', running);
    act(() => stoker.sse.send(op.id, first.slice(0, 20)));
    act(() => stoker.sse.send(op.id, first.slice(20)));
    const bar = await screen.findByRole('progressbar', { name: 'Provisioning' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '10'));
    expect(screen.getByText(/making sure image ignition:8.3.4 is on local/)).toHaveTextContent('image — making sure image');

    act(() =>
      stoker.sse.send(
        op.id,
        `: keep-alive\n\n${frame('progress', { ...running, step: 'container', percent: 50, message: 'creating the gateway container' })}${frame('progress', { ...running, step: 'probe', percent: 85, message: 'gateway COMMISSIONING' })}`,
      ),
    );
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '85'));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '85%, probe: gateway COMMISSIONING');

    // the environment is up: the server says so, then the stream ends with `done`
    env.state = 'RUNNING';
    env.stateReason = 'gateway RUNNING';
    env.endpoints = { http: 'http://127.0.0.1:40001' };
    stoker.logs.set(env.id, 'Ignition Gateway started\n');
    act(() => {
      stoker.sse.send(op.id, frame('done', { ...running, status: 'SUCCEEDED', step: 'done', percent: 100, message: 'gateway RUNNING', finished: '2026-01-05T10:03:00Z' }));
      stoker.sse.close(op.id);
    });
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100'));
    expect(screen.getByText('Succeeded')).toBeInTheDocument();
    const state = screen.getByRole('region', { name: 'State' });
    expect(await within(state).findByText('Running')).toBeInTheDocument();
    expect(within(state).getByRole('link', { name: /http:\/\/127\.0\.0\.1:40001/ })).toHaveAttribute('href', 'http://127.0.0.1:40001');
    expect(await screen.findByTestId('logs')).toHaveTextContent('Ignition Gateway started');
  });

  it('stops the event stream when leaving the page', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    const env = fakeEnvironment('gw', 'PROVISIONING', { endpoints: {} });
    stoker.environments.push(env);
    const op = stoker.newOperation('environment.create', env.id, 'admin');
    renderApp(`/environments/${env.id}?operation=${op.id}`, { stoker });
    await waitFor(() => expect(stoker.sse.isOpen(op.id)).toBe(true));
    await user.click(await screen.findByRole('link', { name: 'All environments' }));
    await waitFor(() => expect(stoker.sse.isOpen(op.id)).toBe(false));
  });

  it('offers only the actions the state allows, each after a confirmation', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    const env = fakeEnvironment('gw', 'RUNNING');
    stoker.environments.push(env);
    stoker.logs.set(env.id, 'log line\n');
    renderApp(`/environments/${env.id}`, { as: 'engineer', stoker });
    const actions = await screen.findByRole('group', { name: 'Environment actions' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Stop', 'Restart', 'Destroy…', 'Upgrade…', 'Back up now', 'Restore…', 'Roll back…']);

    await user.click(within(actions).getByRole('button', { name: 'Stop' }));
    const dialog = screen.getByRole('dialog', { name: 'Stop gw?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/operation=op1/));
    expect(screen.getByText('Stopping gw…')).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'POST' && c.path === `/api/v1/environments/${env.id}/stop`)).toBe(true);
    await waitFor(() => expect(stoker.sse.isOpen('op1')).toBe(true));
    env.state = 'STOPPED';
    act(() => {
      stoker.sse.send('op1', frame('done', { ...stoker.operations.get('op1'), status: 'SUCCEEDED', percent: 100, step: 'done' }));
      stoker.sse.close('op1');
    });
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'Environment actions' })).getAllByRole('button').map((b) => b.textContent)).toEqual(['Start', 'Restart', 'Destroy…', 'Upgrade…', 'Restore…', 'Roll back…']));

    await user.click(screen.getByRole('button', { name: 'Destroy…' }));
    const destroy = screen.getByRole('dialog', { name: 'Destroy gw?' });
    expect(within(destroy).getByRole('radio', { name: /Keep the data volume/ })).toBeChecked();
    await user.click(within(destroy).getByRole('radio', { name: /Delete the data volume/ }));
    await user.click(within(destroy).getByRole('button', { name: 'Destroy environment' }));
    await waitFor(() => expect(stoker.calls.some((c) => c.method === 'DELETE' && c.query.get('volume') === 'delete')).toBe(true));
    expect(await screen.findByText('Destroying gw and its data volume…')).toBeInTheDocument();
  });

  it('shows a 409 in the dialog and a missing environment as such', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    const env = fakeEnvironment('gw', 'RUNNING');
    stoker.environments.push(env);
    stoker.logs.set(env.id, 'x\n');
    renderApp(`/environments/${env.id}`, { stoker });
    await user.click(await screen.findByRole('button', { name: 'Restart' }));
    env.state = 'PROVISIONING'; // changed behind our back
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Restart' }));
    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent('cannot restart an environment that is PROVISIONING');

    renderApp('/environments/nope', { stoker });
    expect(await screen.findByText('No such environment')).toBeInTheDocument();
  });
});

describe('dashboard', () => {
  it('counts environments by state', async () => {
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('a', 'RUNNING'), fakeEnvironment('b', 'RUNNING'), fakeEnvironment('c', 'FAILED'), fakeEnvironment('d', 'DESTROYED'));
    renderApp('/', { stoker });
    const card = await screen.findByRole('region', { name: 'Environments by state' });
    const items = await within(card).findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['● Running2', '✕ Failed1']);
    expect(within(card).getByText(/3 environments in all/)).toBeInTheDocument();
  });
});
