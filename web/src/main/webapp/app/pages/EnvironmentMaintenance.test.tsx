import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeEnvironment, fakeStoker, type FakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

const backup = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `b${i}`,
  environmentId: 'env-gw',
  sha256: `${String(i).padStart(2, '0')}ab${'c'.repeat(60)}`,
  size: 2_621_440 + i,
  image: 'inductiveautomation/ignition:8.3.4',
  version: '8.3.4',
  createdBy: i % 2 ? 'alice' : 'bob',
  created: `2026-01-05T${String(10 + (i % 10)).padStart(2, '0')}:00:00Z`,
  ...extra,
});

function withEnv(state = 'RUNNING', backups = 2): FakeStoker {
  const stoker = fakeStoker();
  stoker.environments.push(fakeEnvironment('gw', state));
  stoker.logs.set('env-gw', 'line 1\nline 2\n');
  stoker.backups.set('env-gw', Array.from({ length: backups }, (_, i) => backup(i + 1)));
  // the server's rules: a backup's API key secret must exist (the configured one when none is given) …
  stoker.secrets.seed('workspace', 'ignition/api-token', 'API_TOKEN');
  stoker.state.backupApiKeySecret = 'workspace:ignition/api-token';
  // … and a rollback returns to what ran before an upgrade
  stoker.previous.set('env-gw', { version: '8.3.3', image: null });
  return stoker;
}

const actions = () => screen.findByRole('group', { name: 'Environment actions' }, { timeout: 3000 });
const posts = (stoker: FakeStoker, suffix: string) => stoker.calls.filter((c) => c.method === 'POST' && c.path.endsWith(suffix));
const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('environment maintenance actions', () => {
  it('are offered to engineers as the state allows, and not to viewers', async () => {
    const stoker = withEnv('RUNNING');
    const view = renderApp('/environments/env-gw', { as: 'engineer', stoker });
    const group = await actions();
    for (const name of ['Upgrade…', 'Back up now', 'Restore…', 'Roll back…']) expect(within(group).getByRole('button', { name })).toBeInTheDocument();
    view.unmount();

    const stopped = withEnv('STOPPED');
    const second = renderApp('/environments/env-gw', { as: 'engineer', stoker: stopped });
    const group2 = await actions();
    expect(within(group2).queryByRole('button', { name: 'Back up now' })).not.toBeInTheDocument();
    expect(within(group2).getByRole('button', { name: 'Restore…' })).toBeInTheDocument();
    second.unmount();

    renderApp('/environments/env-gw', { as: 'viewer', stoker: withEnv('RUNNING') });
    await screen.findByRole('region', { name: 'Backups' }, { timeout: 3000 });
    expect(screen.queryByRole('group', { name: 'Environment actions' })).not.toBeInTheDocument();
    for (const name of [/Upgrade/, /Back up/, /Restore/, /Roll back/]) expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
  });

  it('backs up an Ignition 8.1 gateway as a snapshot of its data volume, saying it stops, without an API key', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING');
    stoker.environments[0].spec.version = '8.1.44';
    stoker.state.backupApiKeySecret = null; // no key anywhere: 8.1 needs none
    renderApp('/environments/env-gw', { as: 'engineer', stoker });
    await user.click(within(await actions()).getByRole('button', { name: 'Back up now' }));
    const dialog = screen.getByRole('dialog', { name: 'Back up gw?' });
    expect(dialog).toHaveTextContent('stops the gateway');
    expect(within(dialog).queryByLabelText('API key secret (optional)')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/environments/env-gw?operation=op1'));
    expect(posts(stoker, '/backups')[0].body).toEqual({});
  });

  it('backs up with the API key secret given and follows the operation', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING');
    renderApp('/environments/env-gw', { as: 'engineer', stoker });
    await user.click(within(await actions()).getByRole('button', { name: 'Back up now' }));
    const dialog = screen.getByRole('dialog', { name: 'Back up gw?' });
    expect(dialog).toHaveTextContent('the gateway is not stopped');
    await user.type(within(dialog).getByLabelText('API key secret (optional)'), 'workspace:ignition/api-token');
    await user.click(within(dialog).getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/environments/env-gw?operation=op1'));
    expect(posts(stoker, '/backups')[0].body).toEqual({ apiKeySecret: 'workspace:ignition/api-token' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Backing up gw…')).toBeInTheDocument();
    await waitFor(() => expect(stoker.sse.isOpen('op1')).toBe(true));
    const listed = stoker.calls.filter((c) => c.path.endsWith('/backups') && c.method === 'GET').length;
    act(() => {
      stoker.sse.send('op1', frame('progress', { ...stoker.operations.get('op1'), status: 'RUNNING', step: 'download', percent: 40 }));
    });
    expect(await screen.findByRole('progressbar', { name: 'Backing up' })).toHaveAttribute('aria-valuenow', '40');
    stoker.backups.get('env-gw')!.unshift(backup(9, { createdBy: 'engineer' }));
    act(() => {
      stoker.sse.send('op1', frame('done', { ...stoker.operations.get('op1'), status: 'SUCCEEDED', step: 'done', percent: 100 }));
      stoker.sse.close('op1');
    });
    // the list is read again when the operation is over
    await waitFor(() => expect(stoker.calls.filter((c) => c.path.endsWith('/backups') && c.method === 'GET').length).toBeGreaterThan(listed));
    const table = await screen.findByRole('table', { name: 'Backups of gw' });
    await waitFor(() => expect(within(table).getAllByTestId('backup-row')).toHaveLength(3));
  });

  it('without a secret sends an empty body, and shows the server refusal in the dialog', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING');
    renderApp('/environments/env-gw', { as: 'engineer', stoker });
    await user.click(within(await actions()).getByRole('button', { name: 'Back up now' }));
    let dialog = screen.getByRole('dialog', { name: 'Back up gw?' });
    await user.type(within(dialog).getByLabelText('API key secret (optional)'), 'nonsense');
    await user.click(within(dialog).getByRole('button', { name: 'Back up now' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('apiKeySecret: scope:path');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(await actions()).getByRole('button', { name: 'Back up now' }));
    dialog = screen.getByRole('dialog', { name: 'Back up gw?' });
    await user.click(within(dialog).getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('operation=op1'));
    expect(posts(stoker, '/backups').at(-1)?.body).toEqual({});
  });

  it('restores the backup picked from the list', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('STOPPED', 3);
    renderApp('/environments/env-gw', { as: 'engineer', stoker });
    await user.click(within(await actions()).getByRole('button', { name: 'Restore…' }));
    const dialog = screen.getByRole('dialog', { name: 'Restore gw?' });
    expect(dialog).toHaveTextContent('fresh data volume');
    const radios = await within(dialog).findAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(radios[0]).toBeChecked();
    expect(radios[1].closest('label')).toHaveTextContent('02abcccccccc');
    await user.click(radios[1]);
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('operation=op1'));
    expect(posts(stoker, '/restore')[0].body).toEqual({ backup: 'b2' });
    expect(stoker.operations.get('op1')?.kind).toBe('environment.restore');
  });

  it('rolls back to the previous image with a chosen backup, and says when there is none', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING', 1);
    const view = renderApp('/environments/env-gw', { as: 'engineer', stoker });
    await user.click(within(await actions()).getByRole('button', { name: 'Roll back…' }));
    const dialog = screen.getByRole('dialog', { name: 'Roll back gw?' });
    expect(dialog).toHaveTextContent('previous image');
    await within(dialog).findByRole('radio');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('operation=op1'));
    expect(posts(stoker, '/rollback')[0].body).toEqual({ backup: 'b1' });
    view.unmount();

    const empty = withEnv('RUNNING', 0);
    renderApp('/environments/env-gw', { as: 'engineer', stoker: empty });
    await user.click(within(await actions()).getByRole('button', { name: 'Roll back…' }));
    const d2 = screen.getByRole('dialog', { name: 'Roll back gw?' });
    expect(await within(d2).findByText('No backups yet')).toBeInTheDocument();
    await user.click(within(d2).getByRole('button', { name: 'Roll back' }));
    expect(within(d2).getByRole('alert')).toHaveTextContent('Pick a backup.');
    expect(posts(empty, '/rollback')).toHaveLength(0);
  });

  it('upgrades to another version the platform lists (data volume kept) or to an image', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING');
    stoker.state.platforms[0].versions.push({ line: '8.3-next', defaultVersion: '8.3.5', defaultImage: 'inductiveautomation/ignition:8.3.5' });
    const view = renderApp('/environments/env-gw', { as: 'engineer', stoker });
    await user.click(within(await actions()).getByRole('button', { name: 'Upgrade…' }));
    const dialog = screen.getByRole('dialog', { name: 'Upgrade gw?' });
    expect(dialog).toHaveTextContent('same data volume');
    expect(dialog).toHaveTextContent('kept');
    const select = await within(dialog).findByLabelText('New version');
    // the version it runs is not offered
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['8.3.5 (8.3-next line)', 'An image…']);
    await user.click(within(dialog).getByRole('button', { name: 'Upgrade' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('operation=op1'));
    expect(posts(stoker, '/upgrade')[0].body).toEqual({ version: '8.3.5' });
    expect(stoker.calls.some((c) => c.path === '/api/v1/platforms/ignition')).toBe(true);
    view.unmount();

    const other = withEnv('STOPPED');
    renderApp('/environments/env-gw', { as: 'engineer', stoker: other });
    await user.click(within(await actions()).getByRole('button', { name: 'Upgrade…' }));
    const d2 = screen.getByRole('dialog', { name: 'Upgrade gw?' });
    await within(d2).findByLabelText('New version');
    await user.click(within(d2).getByRole('button', { name: 'Upgrade' }));
    expect(within(d2).getByRole('alert')).toHaveTextContent('Enter an image');
    await user.type(within(d2).getByLabelText('Image'), 'registry.local/ignition:8.3.4-patched');
    await user.click(within(d2).getByRole('button', { name: 'Upgrade' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('operation=op1'));
    expect(posts(other, '/upgrade')[0].body).toEqual({ image: 'registry.local/ignition:8.3.4-patched' });
  });
});

describe('backups panel', () => {
  it('lists backups with time, who, size, version and a short digest, a page at a time', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING', 30);
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    const table = await screen.findByRole('table', { name: 'Backups of gw' }, { timeout: 3000 });
    const rows = within(table).getAllByTestId('backup-row');
    expect(rows).toHaveLength(25);
    expect(rows[0]).toHaveTextContent('alice');
    expect(rows[0]).toHaveTextContent('2.5 MiB');
    expect(rows[0]).toHaveTextContent('8.3.4');
    expect(rows[0]).toHaveTextContent('inductiveautomation/ignition:8.3.4');
    expect(within(rows[0]).getByText('01abcccccccc')).toHaveAttribute('title', `01ab${'c'.repeat(60)}`);
    expect(within(rows[0]).getByRole('time')).toHaveAttribute('dateTime', '2026-01-05T11:00:00Z');
    const region = screen.getByRole('region', { name: 'Backups' });
    expect(within(region).getByText('1–25 of 30')).toBeInTheDocument();
    await user.click(within(region).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Backups of gw' })).getAllByTestId('backup-row')).toHaveLength(5));
    expect(stoker.calls.some((c) => c.path === '/api/v1/environments/env-gw/backups' && c.query.get('offset') === '25')).toBe(true);
  });

  it('says when there are none', async () => {
    renderApp('/environments/env-gw', { as: 'viewer', stoker: withEnv('RUNNING', 0) });
    const region = await screen.findByRole('region', { name: 'Backups' }, { timeout: 3000 });
    expect(await within(region).findByText('No backups yet')).toBeInTheDocument();
  });
});

describe('log follow', () => {
  it('switches the log to the live stream, appends lines and stops at the end event', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING');
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    await screen.findByTestId('logs', {}, { timeout: 3000 });
    await user.click(screen.getByRole('checkbox', { name: 'Follow' }));
    const key = 'logs:env-gw';
    await waitFor(() => expect(stoker.sse.isOpen(key)).toBe(true));
    const call = stoker.calls.find((c) => c.path.endsWith('/logs') && c.query.get('follow') === 'true');
    expect(call?.query.get('tail')).toBe('200');
    expect(call?.auth).toMatch(/^Bearer /);
    expect(screen.queryByRole('button', { name: 'Refresh log' })).not.toBeInTheDocument();
    act(() => stoker.sse.send(key, 'event: log\ndata: first line\n\n: keep-alive\n\nevent: log\ndata: sec'));
    act(() => stoker.sse.send(key, 'ond line\n\n'));
    const live = await screen.findByTestId('logs-live');
    await waitFor(() => expect(live.textContent).toBe('first line\nsecond line'));
    expect(screen.getByText(/Following: new lines appear/)).toBeInTheDocument();
    act(() => stoker.sse.send(key, 'event: end\ndata: stopped\n\n'));
    expect(await screen.findByText(/The log stream ended/)).toBeInTheDocument();
    await waitFor(() => expect(stoker.sse.isOpen(key)).toBe(false));
    // back to the tail
    await user.click(screen.getByRole('checkbox', { name: 'Follow' }));
    expect(await screen.findByTestId('logs')).toHaveTextContent('line 2');
  });

  it('keeps at most 1000 lines', async () => {
    const user = userEvent.setup();
    const stoker = withEnv('RUNNING');
    renderApp('/environments/env-gw', { as: 'viewer', stoker });
    await screen.findByTestId('logs', {}, { timeout: 3000 });
    await user.click(screen.getByRole('checkbox', { name: 'Follow' }));
    await waitFor(() => expect(stoker.sse.isOpen('logs:env-gw')).toBe(true));
    act(() => stoker.sse.send('logs:env-gw', Array.from({ length: 1200 }, (_, i) => `event: log\ndata: l${i}\n\n`).join('')));
    const live = await screen.findByTestId('logs-live');
    await waitFor(() => expect(live.textContent?.split('\n')).toHaveLength(1000));
    expect(live.textContent?.startsWith('l200\n')).toBe(true);
    expect(live.textContent?.endsWith('l1199')).toBe(true);
  });
});

describe('new environment: modules, JDBC drivers and a backup to restore', () => {
  it('uploads each file at once, shows its kind and size, refuses wrong ones and sends the references', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const stoker = fakeStoker();
    renderApp('/environments/new', { as: 'engineer', stoker });
    await user.type(await screen.findByLabelText('Name', {}, { timeout: 3000 }), 'gw-mods');
    const modules = screen.getByLabelText('Modules');
    await user.upload(modules, [new File(['PK-module'], 'perspective-extra.modl'), new File(['nope'], 'broken.modl')]);
    const list = await screen.findByRole('list', { name: 'Modules: uploaded' });
    expect(within(list).getByTestId('artifact')).toHaveTextContent('perspective-extra.modl · module · 9 B · Example 1.2.0');
    expect(await screen.findByText('broken.modl: file: broken.modl is not a module: no module.xml inside')).toBeInTheDocument();
    expect(modules).toHaveAttribute('aria-invalid', 'true');
    // a backup where a JDBC driver belongs is refused
    await user.upload(screen.getByLabelText('JDBC drivers'), new File(['PK'], 'site.gwbk'));
    expect(await screen.findByText('site.gwbk is a gateway backup, not a JDBC driver (.jar).')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'JDBC drivers: uploaded' })).not.toBeInTheDocument();
    await user.upload(screen.getByLabelText('JDBC drivers'), new File(['PK-jar'], 'postgresql.jar'));
    expect(await screen.findByRole('list', { name: 'JDBC drivers: uploaded' })).toHaveTextContent('JDBC driver · 6 B · org.postgresql.Driver');
    await user.upload(screen.getByLabelText('Backup to restore'), new File(['PK-backup'], 'site.gwbk'));
    expect(await screen.findByRole('list', { name: 'Backup to restore: uploaded' })).toHaveTextContent('gateway backup · 9 B · Ignition 8.3.4');
    const upload = stoker.calls.find((c) => c.path === '/api/v1/artifacts');
    expect(upload?.body).toBeInstanceOf(FormData);
    expect(((upload?.body as FormData).get('file') as File).name).toBe('perspective-extra.modl');

    await user.click(screen.getByRole('button', { name: 'Create environment' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('operation=op1'));
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/environments')?.body as Record<string, unknown>;
    const sha = (name: string) => stoker.artifacts.find((a) => a.fileName === name)?.sha256;
    expect(post.modules).toEqual([{ sha256: sha('perspective-extra.modl'), fileName: 'perspective-extra.modl' }]);
    expect(post.jdbcDrivers).toEqual([{ sha256: sha('postgresql.jar'), fileName: 'postgresql.jar' }]);
    expect(post.restoreBackup).toEqual({ sha256: sha('site.gwbk'), fileName: 'site.gwbk' });
  });

  it('uploads for the project chosen, so that only its members see and use the files', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const stoker = fakeStoker();
    stoker.projects.addProject('line3');
    renderApp('/environments/new', { as: 'engineer', stoker });
    await user.type(await screen.findByLabelText('Name', {}, { timeout: 3000 }), 'gw-line3');
    const forProject = screen.getByLabelText('Uploads are for');
    expect(forProject).toHaveValue('');
    await screen.findByRole('option', { name: 'Project line3' });
    await user.selectOptions(forProject, 'line3');
    await user.upload(screen.getByLabelText('Modules'), new File(['PK-module'], 'line3.modl'));
    expect(await screen.findByRole('list', { name: 'Modules: uploaded' })).toHaveTextContent('for project line3');
    const upload = stoker.calls.find((c) => c.path === '/api/v1/artifacts');
    expect(upload?.query.get('project')).toBe('line3');
    expect(stoker.artifacts[0]).toMatchObject({ fileName: 'line3.modl', project: 'line3' });

    await user.selectOptions(forProject, '');
    await user.upload(screen.getByLabelText('JDBC drivers'), new File(['PK-jar'], 'pg.jar'));
    await screen.findByRole('list', { name: 'JDBC drivers: uploaded' });
    const second = stoker.calls.filter((c) => c.path === '/api/v1/artifacts')[1];
    expect(second.query.has('project')).toBe(false);
  });

  it('sends no artifact fields when none were uploaded', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    renderApp('/environments/new', { as: 'engineer', stoker });
    await user.type(await screen.findByLabelText('Name', {}, { timeout: 3000 }), 'gw-plain');
    await user.click(screen.getByRole('button', { name: 'Create environment' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('operation=op1'));
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/environments')?.body as Record<string, unknown>;
    expect(Object.keys(post)).not.toContain('modules');
    expect(Object.keys(post)).not.toContain('restoreBackup');
  });
});
