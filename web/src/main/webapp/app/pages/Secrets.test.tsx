import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

const DAY = 24 * 3600 * 1000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();

describe('secrets list', () => {
  it('lists secrets of a scope with expiry badges in words and paging', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.secrets.seed('workspace', 'a/expired', 'LICENSE_KEY', { expires: inDays(-2) });
    stoker.secrets.seed('workspace', 'b/soon', 'API_TOKEN', { expires: inDays(10.3) });
    stoker.secrets.seed('workspace', 'c/later', 'PASSWORD', { expires: inDays(90) });
    stoker.secrets.seed('workspace', 'd/never', 'PASSWORD');
    for (let i = 0; i < 24; i++) stoker.secrets.seed('workspace', `z/${String(i).padStart(2, '0')}`);
    stoker.secrets.seed('project:line3', 'db/password');
    renderApp('/secrets', { as: 'lead', stoker });

    const row = async (path: string) => (await screen.findByRole('link', { name: path })).closest('tr')!;
    expect(within(await row('a/expired')).getByText('Expired')).toBeInTheDocument();
    expect(within(await row('b/soon')).getByText('Expires in 10 days')).toBeInTheDocument();
    expect(within(await row('c/later')).getByText('OK')).toBeInTheDocument();
    expect(within(await row('d/never')).getByText('No expiry')).toBeInTheDocument();
    expect(within(await row('b/soon')).getByText('API token')).toBeInTheDocument();
    expect(screen.getByText('1–25 of 28')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('26–28 of 28')).toBeInTheDocument();

    // another scope
    const scope = screen.getByRole('form', { name: 'Scope' });
    await user.selectOptions(within(scope).getByLabelText('Scope'), 'PROJECT');
    await user.click(within(scope).getByRole('button', { name: 'Show secrets' }));
    expect(within(scope).getByText('Enter the project id.')).toBeInTheDocument();
    await user.type(within(scope).getByLabelText('Project id'), 'line3');
    await user.click(within(scope).getByRole('button', { name: 'Show secrets' }));
    expect(await screen.findByRole('link', { name: 'db/password' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/secrets?scope=project%3Aline3');
    expect(stoker.calls.some((c) => c.path === '/api/v1/secrets' && c.query.get('scope') === 'project:line3')).toBe(true);
  });

  it('gives engineers metadata without any button that writes, and viewers no secrets at all', async () => {
    const stoker = fakeStoker();
    stoker.secrets.seed('workspace', 'db/pw');
    renderApp('/secrets', { as: 'engineer', stoker });
    await userEvent.click(await screen.findByRole('link', { name: 'db/pw' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'db/pw' })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Versions' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Secret actions' })).not.toBeInTheDocument();
    for (const name of [/new/i, /rotate/i, /roll back/i, /delete/i, /save/i, /set a new value/i]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByRole('link', { name: /new secret/i })).not.toBeInTheDocument();

    renderApp('/secrets', { as: 'viewer', stoker });
    expect(await screen.findByText('Secrets needs the engineer role')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /new secret/i })).not.toBeInTheDocument();
  });

  it('offers no create form to engineers', async () => {
    renderApp('/secrets/new', { as: 'engineer' });
    expect(await screen.findByText('Creating secrets needs the lead role')).toBeInTheDocument();
  });
});

describe('new secret form', () => {
  it('validates as you type, sends the value once and never shows it again', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    renderApp('/secrets/new?scope=stage%3Adev', { as: 'lead', stoker });
    const form = await screen.findByRole('form', { name: 'Secret' });
    expect(within(form).getByLabelText('Scope')).toHaveDisplayValue('stage');
    expect(within(form).getByLabelText('Stage id')).toHaveValue('dev');
    expect(within(form).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(
      expect.arrayContaining(['PASSWORD', 'KEY_VALUE', 'API_TOKEN', 'LICENSE_KEY', 'ACTIVATION_TOKEN', 'CERTIFICATE', 'SSH_KEY']),
    );

    const path = within(form).getByLabelText('Path');
    await user.type(path, 'db//pw');
    expect(within(form).getByText("Segments separated by single '/', none empty.")).toBeInTheDocument();
    expect(path).toHaveAttribute('aria-invalid', 'true');
    await user.clear(path);
    await user.type(path, 'db/main/password');
    expect(path).not.toHaveAttribute('aria-invalid');

    const value = within(form).getByLabelText('Value');
    expect(value).toHaveAttribute('type', 'password');
    await user.type(value, 'a');
    await user.clear(value);
    expect(within(form).getByText('Enter the value.')).toBeInTheDocument();
    await user.type(value, 'correct-horse-42');
    await user.type(within(form).getByLabelText('Rotate every (days, optional)'), '9999');
    expect(within(form).getByText('At most 3650 days.')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Rotate every (days, optional)'));
    await user.type(within(form).getByLabelText('Rotate every (days, optional)'), '30');
    await user.click(within(form).getByRole('button', { name: 'Create secret' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/secrets/view?scope=stage%3Adev&path=db%2Fmain%2Fpassword'));
    expect(await screen.findByText(/Secret db\/main\/password created \(version 1\)/)).toBeInTheDocument();
    expect(await screen.findByText('every 30 days')).toBeInTheDocument();
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/secrets');
    expect(post?.body).toEqual({ scope: 'stage:dev', path: 'db/main/password', type: 'password', value: 'correct-horse-42', rotationDays: 30 });
    expect(document.body.innerHTML).not.toContain('correct-horse-42');
  });

  it('does not submit an invalid form, and puts server errors on their input', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    renderApp('/secrets/new', { as: 'lead', stoker });
    const form = await screen.findByRole('form', { name: 'Secret' });
    await user.click(within(form).getByRole('button', { name: 'Create secret' }));
    expect(within(form).getByText('Enter a path, e.g. db/main/password.')).toBeInTheDocument();
    expect(within(form).getByText('Enter the value.')).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'POST')).toBe(false);

    await user.selectOptions(within(form).getByLabelText('Type'), 'CERTIFICATE');
    await user.type(within(form).getByLabelText('Path'), 'tls/gateway');
    await user.type(within(form).getByLabelText('Value'), '-----BEGIN PRIVATE KEY----- only');
    await user.click(within(form).getByRole('button', { name: 'Create secret' }));
    expect(await within(form).findByText('value: not a PEM certificate (no CERTIFICATE block found)')).toBeInTheDocument();
    expect(within(form).getByLabelText('Value')).toHaveAttribute('aria-invalid', 'true');
  });

  it('uploads a PKCS#12 file as base64 with its import password', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    renderApp('/secrets/new', { as: 'admin', stoker });
    const form = await screen.findByRole('form', { name: 'Secret' });
    await user.type(within(form).getByLabelText('Path'), 'tls/p12');
    await user.selectOptions(within(form).getByLabelText('Type'), 'CERTIFICATE');
    await user.click(within(form).getByRole('radio', { name: /PKCS#12 file/ }));
    await user.upload(within(form).getByLabelText('PKCS#12 file'), new File([new Uint8Array([0, 1, 2, 250])], 'gw.p12', { type: 'application/x-pkcs12' }));
    await waitFor(() => expect(within(form).getByText('Chosen: gw.p12')).toBeInTheDocument());
    await user.type(within(form).getByLabelText('Import password (optional)'), 'p12-pass');
    await user.click(within(form).getByRole('button', { name: 'Create secret' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/secrets/view?scope=workspace&path=tls%2Fp12'));
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/secrets');
    expect(post?.body).toEqual({ scope: 'workspace', path: 'tls/p12', type: 'certificate', valueBase64: 'AAEC+g==', importPassword: 'p12-pass' });
  });
});

describe('secret detail', () => {
  it('writes a new value, rotates and rolls back, each behind a confirmation, without showing values', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.secrets.seed('workspace', 'db/pw', 'PASSWORD', { value: 'first-value-1' });
    renderApp('/secrets/view?scope=workspace&path=db%2Fpw', { as: 'lead', stoker });
    const actions = await screen.findByRole('group', { name: 'Secret actions' });

    await user.click(within(actions).getByRole('button', { name: 'Set a new value' }));
    const form = screen.getByRole('form', { name: 'New value' });
    await user.type(within(form).getByLabelText('Value'), 'second-value-2');
    await user.click(within(form).getByRole('button', { name: 'Save new value' }));
    expect(await screen.findByText('New value saved as version 2. It is not shown.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New value' })).not.toBeInTheDocument();

    await user.click(within(actions).getByRole('button', { name: 'Rotate now…' }));
    const rotate = screen.getByRole('dialog', { name: 'Rotate db/pw now?' });
    expect(within(rotate).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(rotate).getByRole('button', { name: 'Rotate now' }));
    expect(await screen.findByText('Rotated: version 3 holds a newly generated value (not shown).')).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Roll back to version 1' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Roll back to version 1?' })).getByRole('button', { name: 'Roll back' }));
    expect(await screen.findByText('Rolled back: version 4 has the value of version 1.')).toBeInTheDocument();
    const versions = screen.getByRole('region', { name: 'Versions' });
    await waitFor(() => expect(within(versions).getAllByRole('row')).toHaveLength(5));
    expect(within(versions).getByText('rolled-back')).toBeInTheDocument();
    expect(within(versions).getByText('rotated')).toBeInTheDocument();
    expect(stoker.calls.find((c) => c.path === '/api/v1/secrets/rotate')?.body).toEqual({ scope: 'workspace', path: 'db/pw' });
    expect(stoker.calls.find((c) => c.path === '/api/v1/secrets/rollback')?.body).toEqual({ scope: 'workspace', path: 'db/pw', version: 1 });
    expect(document.body.innerHTML).not.toMatch(/first-value-1|second-value-2|generated-/);
  });

  it('offers no rotation for types Stoker cannot generate, deletes after confirmation and says when a secret is missing', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.secrets.seed('workspace', 'lic', 'LICENSE_KEY', { value: 'ABCD-1234' });
    renderApp('/secrets/view?scope=workspace&path=lic', { as: 'lead', stoker });
    const actions = await screen.findByRole('group', { name: 'Secret actions' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Set a new value', 'Delete…']);
    await user.click(within(actions).getByRole('button', { name: 'Delete…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete lic?' })).getByRole('button', { name: 'Delete secret' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/secrets\?scope=workspace$/));
    expect(await screen.findByText('Secret lic deleted with all its versions.')).toBeInTheDocument();

    renderApp('/secrets/view?scope=workspace&path=nope', { as: 'lead', stoker });
    expect(await screen.findByText('No such secret')).toBeInTheDocument();
  });
});
