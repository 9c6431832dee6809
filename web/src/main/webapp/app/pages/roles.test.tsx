import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { ComingSoon } from './Placeholders';

const nav = () => within(screen.getByRole('navigation', { name: 'Main' }));

describe('role-aware console', () => {
  it('shows admins every page', async () => {
    renderApp('/');
    await screen.findByRole('heading', { name: 'Dashboard' });
    for (const name of ['Dashboard', 'Platforms', 'Audit log', 'Users', 'API tokens']) {
      expect(nav().getByRole('link', { name })).toBeInTheDocument();
    }
    for (const name of ['Environments', 'Projects', 'Secrets']) {
      expect(nav().getByRole('link', { name })).not.toHaveTextContent('soon');
    }
  });

  it('hides users, audit and secrets from a viewer, and their pages say why', async () => {
    renderApp('/users', { as: 'viewer' });
    expect(await screen.findByText('User administration needs the admin role')).toBeInTheDocument();
    expect(nav().queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(nav().queryByRole('link', { name: 'Audit log' })).not.toBeInTheDocument();
    expect(nav().queryByRole('link', { name: 'Secrets' })).not.toBeInTheDocument();
    expect(nav().getByRole('link', { name: 'Projects' })).toBeInTheDocument();
  });

  it('gives a viewer a read-only tokens page without create or revoke buttons', async () => {
    const { stoker } = renderApp('/tokens', { as: 'viewer' });
    stoker.tokens.push({ id: 'v1', owner: 'viewer', name: 'old', scopes: ['read'], created: '2026-01-01T00:00:00Z', expires: null, revoked: null, parent: null });
    expect(await screen.findByText(/read-only/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /create/i })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();
  });

  it('lets a lead read the audit log but not verify the chain', async () => {
    renderApp('/audit', { as: 'lead' });
    expect(await screen.findAllByText('auth.login')).not.toHaveLength(0);
    expect(screen.queryByText(/Chain intact/)).not.toBeInTheDocument();
    expect(nav().getByRole('link', { name: 'Audit log' })).toBeInTheDocument();
  });

  it('shows a coming-soon state for services not yet installed, and a not-found page', async () => {
    render(
      <MemoryRouter>
        <ComingSoon title="Pipelines" service="pipeline" what="Pipelines will live here." />
      </MemoryRouter>,
    );
    expect(screen.getByText('Coming with the pipeline service')).toBeInTheDocument();
    renderApp('/nowhere');
    expect(await screen.findByText('There is no page at this address')).toBeInTheDocument();
  });
});
