import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { fakeStoker } from '../../test/fakeStoker';

describe('service accounts page', () => {
  it('lets a lead create an account, issue an expiring token shown once, and revoke it', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/service-accounts', { as: 'lead' });
    expect(await screen.findByRole('heading', { name: 'Service accounts' })).toBeInTheDocument();
    // a lead cannot pick admin for an account
    expect(within(screen.getByLabelText('Role')).queryByRole('option', { name: 'admin' })).toBeNull();
    await user.type(screen.getByLabelText('Account name'), 'ci-build');
    await user.selectOptions(screen.getByLabelText('Role'), 'engineer');
    await user.click(screen.getByRole('button', { name: 'Create service account' }));
    expect(await screen.findByText('ci-build')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tokens of ci-build' }));
    await user.type(screen.getByLabelText('Token name'), 'jenkins');
    await user.click(screen.getByRole('button', { name: 'Issue token' }));
    expect(await screen.findByTestId('token-secret')).toHaveTextContent(/^stk_/);
    const issue = stoker.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/service-accounts/ci-build/tokens');
    expect((issue?.body as { expiresInDays: number }).expiresInDays).toBe(30);

    await user.click(await screen.findByRole('button', { name: 'Revoke jenkins' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke jenkins' })).toBeNull());
    expect(stoker.calls.some((c) => c.method === 'DELETE' && c.path.startsWith('/api/v1/service-accounts/ci-build/tokens/'))).toBe(true);
  });

  it('is not offered to engineers', async () => {
    renderApp('/', { as: 'engineer', stoker: fakeStoker() });
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Service accounts' })).toBeNull();
  });
});
