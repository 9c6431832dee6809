import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { loadToken } from '../api/session';
import { renderApp } from '../../test/render';
import { fakeStoker } from '../../test/fakeStoker';

const location = () => screen.getByTestId('location').textContent;

describe('single sign-on on the sign-in page', () => {
  it('offers a button per provider that starts the round trip at the API, remembering the deep link', async () => {
    const stoker = fakeStoker();
    stoker.state.ssoProviders = [{ name: 'corp', displayName: 'Corporate SSO' }];
    renderApp('/signin?next=%2Faudit', { as: null, stoker });
    const button = await screen.findByRole('link', { name: 'Sign in with Corporate SSO' });
    expect(button).toHaveAttribute('href', '/api/v1/auth/oidc/corp/login');
    button.addEventListener('click', (e) => e.preventDefault()); // jsdom does not navigate
    await userEvent.setup().click(button);
    expect(window.sessionStorage.getItem('stoker.sso.next')).toBe('/audit');
  });

  it('shows no provider buttons when none is configured', async () => {
    renderApp('/signin', { as: null });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();
  });

  it('trades the one-time code the callback hands over for a session and goes to the remembered page', async () => {
    const stoker = fakeStoker();
    stoker.addUser('carol', 'engineer');
    const code = stoker.ssoHandoff('carol');
    window.sessionStorage.setItem('stoker.sso.next', '/environments');
    renderApp(`/signin?sso=${code}`, { as: null, stoker });
    await waitFor(() => expect(location()).toBe('/environments'));
    expect(loadToken()).toBe('tok-carol');
    expect(stoker.calls.filter((c) => c.path === '/api/v1/auth/oidc/session')).toHaveLength(1);
  });

  it('says why when the code is unknown or used', async () => {
    const stoker = fakeStoker();
    renderApp('/signin?sso=made-up', { as: null, stoker });
    expect(await screen.findByText(/Single sign-on did not finish: code: unknown, used or expired/)).toBeInTheDocument();
    expect(loadToken()).toBeNull();
  });

  it('shows the reason a provider round trip ended without a session', async () => {
    renderApp('/signin?sso_error=the%20identity%20provider%20answered%3A%20access_denied', { as: null });
    expect(await screen.findByText(/answered: access_denied/)).toBeInTheDocument();
  });

  it('signing out ends the session on the server too', async () => {
    const stoker = fakeStoker();
    renderApp('/', { stoker });
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(location()).toBe('/signin'));
    await waitFor(() => expect(stoker.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/auth/logout')).toBe(true));
    const old = await stoker.fetch('/api/v1/auth/me', { headers: { Authorization: 'Bearer tok-admin' } });
    expect(old.status).toBe(401);
  });
});
