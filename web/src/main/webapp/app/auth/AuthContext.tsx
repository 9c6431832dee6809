/**
 * Holds who is signed in. Restores the session from sessionStorage on load, signs in and out, and
 * drops to "signed out" whenever the API answers 401, so the route guard can send the user to
 * sign-in with the page they were on.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { loadToken, saveSession } from '../api/session';
import type { StokerApi } from '../api/stoker';
import type { Me } from '../api/types';
import { endSession, onSessionEnd, type EndReason } from './sessionEvents';

export type AuthStatus = 'loading' | 'signedOut' | 'signedIn' | 'unavailable';

interface AuthState {
  status: AuthStatus;
  me: Me | null;
  /** Why the user was sent to sign-in, shown there. */
  notice: string | null;
  /** Why the session could not be restored (server unreachable), shown with a retry. */
  error: ApiError | null;
  /** How the last session ended: after a deliberate sign-out, sign-in starts afresh (no deep link). */
  ended: EndReason | null;
}

export interface AuthValue extends AuthState {
  api: StokerApi;
  /** @returns whether the user must set their own password before going on */
  signIn: (username: string, password: string) => Promise<boolean>;
  /** Finishes a single sign-on: trades the code the provider's round trip ended with for a session. */
  signInWithCode: (code: string) => Promise<void>;
  signOut: () => void;
  retry: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export const SESSION_ENDED_NOTICE = 'Your session has ended. Sign in again to continue.';

export function AuthProvider({ api, children }: { api: StokerApi; children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() => ({
    status: loadToken() ? 'loading' : 'signedOut',
    me: null,
    notice: null,
    error: null,
    ended: null,
  }));
  const [attempt, setAttempt] = useState(0);

  useEffect(
    () =>
      onSessionEnd((reason) =>
        setState({
          status: 'signedOut',
          me: null,
          error: null,
          ended: reason,
          notice: reason === 'expired' ? SESSION_ENDED_NOTICE : null,
        }),
      ),
    [],
  );

  // Restore a session left in sessionStorage (reload, deep link).
  useEffect(() => {
    if (!loadToken()) return;
    let live = true;
    api
      .me()
      .then((me) => live && setState({ status: 'signedIn', me, notice: null, error: null, ended: null }))
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) return; // the session-end signal handled it
        setState({ status: 'unavailable', me: null, notice: null, error: asApiError(e), ended: null });
      });
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const answer = await api.signIn(username, password);
      saveSession(answer.access_token, answer.expires_in);
      if (answer.password_change_required) return true; // signed in, but the sign-in page asks for a password first
      const me = await api.me();
      setState({ status: 'signedIn', me, notice: null, error: null, ended: null });
      return false;
    },
    [api],
  );

  const signInWithCode = useCallback(
    async (code: string) => {
      const answer = await api.ssoSession(code);
      saveSession(answer.access_token, answer.expires_in);
      const me = await api.me();
      setState({ status: 'signedIn', me, notice: null, error: null, ended: null });
    },
    [api],
  );

  // The server ends the user's sessions; the console forgets its own either way (even if the call fails).
  const signOut = useCallback(() => {
    api.signOut().catch(() => undefined);
    endSession('signedOut');
  }, [api]);

  const retry = useCallback(() => {
    setState((s) => ({ ...s, status: loadToken() ? 'loading' : 'signedOut', error: null }));
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ ...state, api, signIn, signInWithCode, signOut, retry }),
    [state, api, signIn, signInWithCode, signOut, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}

export function useApi(): StokerApi {
  return useAuth().api;
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ status: -1, title: 'Error', detail: e instanceof Error ? e.message : String(e) });
}
