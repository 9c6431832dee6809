import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { loadToken } from '../api/session';
import { renderApp } from '../../test/render';
import { fakeStoker } from '../../test/fakeStoker';
import { safeNext, signInPath } from './RequireAuth';

const location = () => screen.getByTestId('location').textContent;

describe('sign-in and the 401 redirect', () => {
  it('sends a signed-out deep link to sign-in and returns there afterwards', async () => {
    const user = userEvent.setup();
    renderApp('/users?offset=0', { as: null });
    await waitFor(() => expect(location()).toBe('/signin?next=%2Fusers%3Foffset%3D0'));
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(location()).toBe('/users?offset=0'));
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeInTheDocument();
    expect(loadToken()).toBe('tok-admin');
  });

  it('asks for an own password after a sign-in with the generated one, then goes on', async () => {
    const user = userEvent.setup();
    const stoker = fakeStoker();
    stoker.users.get('admin')!.mustChange = true;
    renderApp('/signin?next=%2Fusers', { as: null, stoker });
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Set your password' })).toBeInTheDocument();
    expect(location()).toBe('/signin?next=%2Fusers');

    await user.type(screen.getByLabelText('New password'), 'my-own-password-1');
    await user.type(screen.getByLabelText('Repeat the new password'), 'my-own-password-2');
    await user.click(screen.getByRole('button', { name: 'Set password and continue' }));
    expect(screen.getByText('The two entries differ.')).toBeInTheDocument();
    expect(stoker.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Repeat the new password'));
    await user.type(screen.getByLabelText('Repeat the new password'), 'my-own-password-1');
    await user.click(screen.getByRole('button', { name: 'Set password and continue' }));
    await waitFor(() => expect(location()).toBe('/users'));
    expect(stoker.users.get('admin')!.password).toBe('my-own-password-1');
    expect(stoker.users.get('admin')!.mustChange).toBe(false);
  });

  it('says so on wrong credentials and keeps the user on the form', async () => {
    const user = userEvent.setup();
    renderApp('/signin', { as: null });
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong user name or password');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(location()).toBe('/signin');
  });

  it('asks for missing fields without calling the server', async () => {
    const user = userEvent.setup();
    const { stoker } = renderApp('/signin', { as: null });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your user name.')).toBeInTheDocument();
    expect(screen.getByLabelText('User name')).toHaveAttribute('aria-invalid', 'true');
    expect(stoker.calls.filter((c) => c.path === '/api/v1/auth/token')).toHaveLength(0);
  });

  it('goes back to sign-in, keeping the page, when the API answers 401 mid-session', async () => {
    const { stoker } = renderApp('/platforms');
    expect(await screen.findByRole('heading', { name: 'Ignition' })).toBeInTheDocument();
    stoker.state.expireAll = true;
    await act(async () => screen.getByRole('button', { name: 'Refresh' }).click());
    await waitFor(() => expect(location()).toBe('/signin?next=%2Fplatforms'));
    expect(screen.getByText(/Your session has ended/)).toBeInTheDocument();
    expect(loadToken()).toBeNull();
  });

  it('restores a session on reload and signs out to a clean sign-in page', async () => {
    const user = userEvent.setup();
    renderApp('/tokens', { as: 'engineer' });
    expect(await screen.findByTestId('current-user')).toHaveTextContent('engineer');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(location()).toBe('/signin'));
    expect(loadToken()).toBeNull();
    expect(screen.queryByText(/session has ended/)).not.toBeInTheDocument();
  });

  it('offers a retry when Stoker cannot be reached while restoring', async () => {
    const stoker = fakeStoker();
    const original = stoker.api.me;
    let fail = true;
    stoker.api.me = () => (fail ? Promise.reject(new TypeError('boom')) : original());
    renderApp('/', { stoker });
    expect(await screen.findByText('Cannot restore your session')).toBeInTheDocument();
    fail = false;
    await act(async () => screen.getByRole('button', { name: 'Retry' }).click());
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
  });
});

describe('safeNext', () => {
  it('follows only paths inside the console', () => {
    expect(safeNext('/users?x=1')).toBe('/users?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil')).toBe('/');
    expect(safeNext('/signin?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
    expect(signInPath('/')).toBe('/signin');
    expect(signInPath('/audit', '?actor=a')).toBe('/signin?next=%2Faudit%3Factor%3Da');
  });
});
