import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeGateway } from '../../../../../test-support/fake/telemetry';
import { fakeEnvironment, fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

const firing = (target: string) => ({
  id: `a-${target}`,
  rule: 'r1',
  ruleName: 'gateway down',
  kind: 'gateway-down',
  severity: 'critical',
  target,
  state: 'firing',
  value: 0,
  message: `gateway of ${target} is down`,
  silenced: false,
  since: '2026-01-05T09:59:00Z',
  firedAt: '2026-01-05T10:00:00Z',
  resolvedAt: null,
  history: [],
});

describe('fleet view', () => {
  it('lists every gateway with its state, up, sparklines and firing alerts', async () => {
    const stoker = fakeStoker();
    stoker.telemetry.gateways.push(fakeGateway('env-a', 'plant-a'), fakeGateway('env-b', 'plant-b', { up: false, state: 'STARTING', error: 'no answer within 5 s', metrics: {} }));
    stoker.telemetry.alerts.push(firing('env-b'));
    renderApp('/fleet', { as: 'viewer', stoker });
    const table = await screen.findByRole('table', { name: 'Gateways' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('link', { name: 'plant-a' })).toHaveAttribute('href', '/environments/env-a');
    expect(within(rows[0]).getByText('up')).toBeInTheDocument();
    expect(within(rows[0]).getByText('none')).toBeInTheDocument();
    expect(within(rows[1]).getByText('down')).toHaveAttribute('title', 'no answer within 5 s');
    expect(within(rows[1]).getByText('gateway down')).toBeInTheDocument();
    // sparklines come from the recorded history of the last hour
    expect(await within(rows[0]).findByRole('img', { name: /Heap of plant-a over the last hour: now \d/ })).toBeInTheDocument();
    expect(await within(rows[0]).findByRole('img', { name: /CPU of plant-a over the last hour: now \d+(\.\d)? ?%/ })).toBeInTheDocument();
    const asked = stoker.calls.filter((c) => c.path === '/api/v1/environments/env-a/metrics/history').map((c) => c.query.get('name'));
    expect(asked.sort()).toEqual(['stoker_gateway_cpu_ratio', 'stoker_gateway_memory_used_bytes']);
  });

  it('says so when nothing runs', async () => {
    renderApp('/fleet', { as: 'viewer' });
    expect(await screen.findByText('No running gateways')).toBeInTheDocument();
  });
});

describe('alerts page', () => {
  it('filters alerts by state and lets a lead create, refuse and edit a rule', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.telemetry.gateways.push(fakeGateway('env-a', 'plant-a'));
    stoker.telemetry.alerts.push(firing('env-a'), { ...firing('env-z'), id: 'a-old', state: 'resolved', resolvedAt: '2026-01-05T10:05:00Z' });
    renderApp('/alerts', { as: 'lead', stoker });
    const alerts = await screen.findByRole('table', { name: 'Alerts' });
    expect(within(alerts).getAllByRole('row')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'firing' }));
    expect(await screen.findByText('gateway of env-a is down')).toBeInTheDocument();
    expect(screen.queryByText('gateway of env-z is down')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New rule' }));
    const form = screen.getByRole('form', { name: 'New alert rule' });
    await user.type(within(form).getByLabelText('Name'), 'disk nearly full');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'volume-full');
    await user.type(within(form).getByLabelText('Threshold'), '1.5');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));
    // the server's refusal lands at the field it names
    expect(await within(form).findByText(/above 0 and at most 1/)).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Threshold'));
    await user.type(within(form).getByLabelText('Threshold'), '0.8');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));
    const rules = await screen.findByRole('table', { name: 'Alert rules' });
    expect(within(rules).getByText('disk nearly full')).toBeInTheDocument();
    expect(within(rules).getByText('threshold 0.8, for 60 s')).toBeInTheDocument();
    const post = stoker.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/alert-rules').at(-1);
    expect(post?.body).toEqual({ name: 'disk nearly full', kind: 'volume-full', severity: 'warning', enabled: true, threshold: 0.8, forSeconds: 60 });

    await user.click(within(rules).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByRole('form', { name: 'Edit rule disk nearly full' });
    await user.selectOptions(within(edit).getByLabelText('Severity'), 'critical');
    await user.click(within(edit).getByRole('button', { name: 'Save rule' }));
    expect(await within(await screen.findByRole('table', { name: 'Alert rules' })).findByText('critical')).toBeInTheDocument();
  });

  it('offers viewers no rule changes', async () => {
    const stoker = fakeStoker();
    stoker.telemetry.rules.set('r1', { id: 'r1', name: 'down', kind: 'gateway-down', environment: null, metric: null, threshold: null, forSeconds: 30, severity: 'warning', enabled: true, createdBy: 'lea', createdAt: '2026-01-05T10:00:00Z', updatedAt: '2026-01-05T10:00:00Z' });
    renderApp('/alerts', { as: 'viewer', stoker });
    expect(await screen.findByRole('table', { name: 'Alert rules' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New rule' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });
});

describe('log search', () => {
  it('searches by words and level and shows the lines newest first', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.telemetry.logs.push(
      { id: 'l1', environment: 'env-a', stage: 'dev', time: '2026-01-05T10:00:00Z', level: 'info', logger: 'Gateway', message: 'Started in 400 ms' },
      { id: 'l2', environment: 'env-a', stage: 'dev', time: '2026-01-05T10:01:00Z', level: 'warn', logger: 'ModuleManager', message: 'Module quarantined' },
      { id: 'l3', environment: 'env-b', stage: 'prod', time: '2026-01-05T10:02:00Z', level: 'error', logger: 'ProjectManager', message: 'Project could not be loaded' },
    );
    renderApp('/logs', { as: 'viewer', stoker });
    const table = await screen.findByRole('table', { name: 'Log lines' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[4].textContent)).toEqual(['Project could not be loaded', 'Module quarantined', 'Started in 400 ms']);
    await user.selectOptions(screen.getByLabelText('Level'), 'warn');
    await user.type(screen.getByLabelText('Environment'), 'env-a');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('Module quarantined')).toBeInTheDocument();
    expect(screen.queryByText('Started in 400 ms')).not.toBeInTheDocument();
    expect(screen.queryByText('Project could not be loaded')).not.toBeInTheDocument();
    const last = stoker.calls.filter((c) => c.path === '/api/v1/logs').at(-1);
    expect(last?.query.get('level')).toBe('warn');
    expect(last?.query.get('environment')).toBe('env-a');
  });
});

describe('gateway diagnostics on the environment page', () => {
  it('shows database connections, tag providers, sessions and alarms as last polled', async () => {
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    const d = (name: string, labels: Record<string, string>, value: number) => ({ name, labels, value });
    stoker.telemetry.gateways.push(
      fakeGateway('env-gw', 'gw', {
        diagnostics: [
          d('db.connection.up', { connection: 'plant_db' }, 1),
          d('db.connections.active', { connection: 'plant_db' }, 2),
          d('db.connections.max', { connection: 'plant_db' }, 8),
          d('db.connection.up', { connection: 'mes' }, 0),
          d('tag.provider.up', { provider: 'default' }, 1),
          d('tag.provider.tags', { provider: 'default' }, 42),
          d('perspective.sessions', {}, 3),
          d('alarms', { state: 'ActiveUnacked' }, 1),
        ],
      }),
    );
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    const dbs = await screen.findByRole('table', { name: 'Database connections' });
    const rows = within(dbs).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['plant_db', 'valid', '2', '8'],
      ['mes', 'faulted', '—', '—'],
    ]);
    const providers = screen.getByRole('table', { name: 'Tag providers' });
    expect(within(providers).getAllByRole('cell').map((c) => c.textContent)).toEqual(['default', 'running', '42']);
    const section = screen.getByRole('region', { name: 'Gateway diagnostics' });
    expect(section).toHaveTextContent('Perspective sessions3');
    expect(section).toHaveTextContent('Alarms ActiveUnacked1');
  });

  it('says so when the gateway reported none', async () => {
    const stoker = fakeStoker();
    stoker.environments.push(fakeEnvironment('gw', 'RUNNING'));
    stoker.telemetry.gateways.push(fakeGateway('env-gw', 'gw', { error: 'diagnostics not read: timeout' }));
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    expect(await screen.findByText('The gateway reported no diagnostics (diagnostics not read: timeout).')).toBeInTheDocument();
  });
});
