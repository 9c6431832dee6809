import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

describe('dashboard', () => {
  it('shows component health, platforms and recent activity to an admin', async () => {
    const { stoker } = renderApp('/');
    const health = await screen.findByRole('region', { name: 'Stoker health' });
    expect(await within(health).findByText('database')).toBeInTheDocument();
    // Stoker shows the components only to signed-in callers: the console asks with its session
    expect(stoker.calls.find((c) => c.path === '/api/v1/health')?.auth).toBe('Bearer tok-admin');
    expect(within(health).getAllByText('Up')).toHaveLength(2);
    const platforms = screen.getByRole('region', { name: 'Platforms available' });
    expect(await within(platforms).findByText('Ignition')).toBeInTheDocument();
    const activity = screen.getByRole('region', { name: 'Recent activity' });
    expect(await within(activity).findAllByRole('row')).toHaveLength(9);
  });

  it('still shows health when Stoker answers 503 DOWN', async () => {
    const stoker = fakeStoker();
    stoker.state.healthStatus = 503;
    stoker.state.health = { status: 'DOWN', components: [{ component: 'database', status: 'DOWN', detail: 'connection refused' }] };
    renderApp('/', { stoker });
    expect(await screen.findByText('connection refused')).toBeInTheDocument();
    expect(screen.getAllByText('Down')).toHaveLength(2);
  });

  it('hides recent activity from engineers and explains an empty platform list', async () => {
    const stoker = fakeStoker();
    stoker.state.platforms = [];
    renderApp('/', { as: 'engineer', stoker });
    expect(await screen.findByText('No platform adapter installed')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Recent activity' })).not.toBeInTheDocument();
  });
});
