import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';
import { tokenState } from './Tokens';

describe('API tokens', () => {
  it('creates a token with scopes and expiry, shows the secret once, then revokes it', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/tokens', { as: 'engineer' });
    expect(await screen.findByText('No API tokens yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    const form = screen.getByRole('form', { name: 'New API token' });
    expect(within(form).queryByLabelText(/admin/)).not.toBeInTheDocument(); // engineers cannot grant admin
    await user.type(within(form).getByLabelText('Name'), 'CI pipeline');
    await user.click(within(form).getByRole('checkbox', { name: /write/ }));
    await user.selectOptions(within(form).getByLabelText('Expires'), 'custom');
    await user.type(within(form).getByLabelText('Days until it expires'), '0');
    expect(within(form).getByText('Between 1 and 3650 days.')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Days until it expires'));
    await user.type(within(form).getByLabelText('Days until it expires'), '14');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));

    expect(await screen.findByTestId('token-secret')).toHaveTextContent('stk_id1_s3cr3t');
    const post = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/tokens');
    expect(post?.body).toEqual({ name: 'CI pipeline', scopes: ['read', 'write'], expiresInDays: 14 });
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('token-secret')).not.toBeInTheDocument();

    expect(await screen.findByText('Active')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Revoke CI pipeline' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Revoke "CI pipeline"?' })).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('Token "CI pipeline" revoked.')).toBeInTheDocument();
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Revoke CI/ })).not.toBeInTheDocument();
  });

  it('requires a name and a scope before sending', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/tokens', { as: 'engineer' });
    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    const form = screen.getByRole('form', { name: 'New API token' });
    await user.click(within(form).getByRole('checkbox', { name: /read/ }));
    expect(within(form).getByText('Pick at least one scope.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(within(form).getByText(/Give the token a name/)).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it("lets admins list everyone's tokens", async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.tokens.push({ id: 'x1', owner: 'carol', name: 'carol laptop', scopes: ['read'], created: '2026-01-01T00:00:00Z', expires: null, revoked: null, parent: null });
    renderApp('/tokens', { stoker });
    expect(await screen.findByText('No API tokens yet')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: "Show everyone's tokens" }));
    expect(await screen.findByText('carol laptop')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke carol laptop' })).toBeInTheDocument();
    expect(stoker.calls.at(-1)?.query.get('all')).toBe('true');
  });

  it('tells active, expired and revoked apart', () => {
    const t = { id: 'a', owner: 'o', name: 'n', scopes: [], created: '2026-01-01T00:00:00Z', expires: null, revoked: null, parent: null };
    expect(tokenState(t).label).toBe('Active');
    expect(tokenState({ ...t, expires: '2000-01-01T00:00:00Z' }).label).toBe('Expired');
    expect(tokenState({ ...t, revoked: '2026-01-02T00:00:00Z' }).label).toBe('Revoked');
  });
});
