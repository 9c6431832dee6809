import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

describe('users', () => {
  it('validates the new user as you type and creates it', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/users');
    await user.click(await screen.findByRole('button', { name: 'Create user' }));
    const name = screen.getByLabelText('User name');
    await user.type(name, 'Jane');
    expect(screen.getByText('Use lower-case letters only.')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await user.clear(name);
    await user.type(name, 'jane.doe');
    expect(name).not.toHaveAttribute('aria-invalid');
    const password = screen.getByLabelText('Initial password');
    await user.type(password, 'short');
    expect(screen.getByText('At least 12 characters (7 more).')).toBeInTheDocument();
    await user.type(password, ' but long enough');
    await user.selectOptions(screen.getByLabelText('Role'), 'engineer');
    const form = screen.getByRole('form', { name: 'New user' });
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User jane.doe created with the engineer role.')).toBeInTheDocument();
    expect(stoker.users.get('jane.doe')?.role).toBe('engineer');
    expect(await screen.findByRole('cell', { name: 'jane.doe' })).toBeInTheDocument();
  });

  it('highlights the field the server names', async () => {
    const user = userEvent.setup();
    renderApp('/users');
    await user.click(await screen.findByRole('button', { name: 'Create user' }));
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Initial password'), 'long enough password');
    await user.click(within(screen.getByRole('form', { name: 'New user' })).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText("username: user 'admin' already exists")).toBeInTheDocument();
    expect(screen.getByLabelText('User name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('User name')).toHaveFocus();
  });

  it('does not submit an invalid form', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/users');
    await user.click(await screen.findByRole('button', { name: 'Create user' }));
    await user.click(within(screen.getByRole('form', { name: 'New user' })).getByRole('button', { name: 'Create user' }));
    expect(screen.getByText('Enter a user name.')).toBeInTheDocument();
    expect(screen.getByText('Enter a password.')).toBeInTheDocument();
    expect(stoker.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/users')).toBe(false);
  });

  it('changes a role and deletes after confirmation; never offers to delete yourself', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.addUser('bob', 'viewer');
    renderApp('/users', { stoker });
    await screen.findByRole('cell', { name: 'bob' });
    expect(screen.queryByRole('button', { name: 'Delete admin' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit bob' });
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'lead');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('bob: role is now lead.')).toBeInTheDocument();
    expect(stoker.users.get('bob')?.role).toBe('lead');

    await user.click(screen.getByRole('button', { name: 'Delete bob' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete bob?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(stoker.users.has('bob')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Delete bob' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete user' }));
    expect(await screen.findByText('User bob deleted.')).toBeInTheDocument();
    expect(stoker.users.has('bob')).toBe(false);
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'bob' })).not.toBeInTheDocument());
  });

  it('pages through users with the offset in the address', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    for (let i = 0; i < 30; i++) stoker.addUser(`user${String(i).padStart(2, '0')}`, 'viewer');
    renderApp('/users', { stoker });
    expect(await screen.findByText('1–25 of 31')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('26–31 of 31')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/users?offset=25&limit=25');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });
});
