import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render';
import { fakeStoker } from '../../../test/fakeStoker';

describe('project members tab', () => {
  it('lets a lead add a user and a stage group, shows what the server refuses, and removes a member', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.projects.addProject('line3');
    renderApp('/projects/line3?tab=members', { as: 'lead', stoker });
    expect(await screen.findByRole('heading', { name: 'Members' })).toBeInTheDocument();
    expect(await screen.findByText('No members yet')).toBeInTheDocument();

    await user.type(screen.getByLabelText('User name'), 'erin');
    await user.selectOptions(screen.getByLabelText('Member role'), 'engineer');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('button', { name: 'Remove user erin' })).toBeInTheDocument();
    expect(screen.getByText(/Only these members/)).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Member is a'), 'group');
    await user.type(screen.getByLabelText('Group name'), 'plant-ops');
    await user.selectOptions(screen.getByLabelText('Member role'), 'lead');
    await user.selectOptions(screen.getByLabelText('On stage'), 'staging');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('button', { name: 'Remove group plant-ops on staging' })).toBeInTheDocument();
    const put = stoker.calls.filter((c) => c.method === 'PUT' && c.path === '/api/v1/projects/line3/members').map((c) => c.body);
    expect(put).toEqual([
      { user: 'erin', role: 'engineer' },
      { group: 'plant-ops', role: 'lead', stage: 'staging' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Remove user erin' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove user erin' })).toBeNull());
    expect(stoker.calls.some((c) => c.method === 'DELETE' && c.query.get('user') === 'erin')).toBe(true);
    expect(stoker.members.map((m) => `${m.kind} ${m.name} ${m.role} ${m.stage}`)).toEqual(['GROUP plant-ops LEAD STAGING']);
  });

  it('names the field the server refuses', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.projects.addProject('line3');
    renderApp('/projects/line3?tab=members', { as: 'lead', stoker });
    await user.click(await screen.findByRole('button', { name: 'Add member' }));
    expect(await screen.findByText('The user name.')).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('shows engineers the members without the controls', async () => {
    const stoker = fakeStoker();
    stoker.projects.addProject('line3');
    stoker.members.push({ project: 'line3', kind: 'USER', name: 'vic', role: 'VIEWER', stage: null, createdBy: 'admin', created: '2026-01-05T10:00:00Z' });
    renderApp('/projects/line3?tab=members', { as: 'engineer', stoker });
    expect(await screen.findByText('vic')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add member' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });
});
