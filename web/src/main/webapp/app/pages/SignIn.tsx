/**
 * Sign-in with a Stoker user or through an OpenID Connect provider; returns to the deep link the user came
 * from. A provider's round trip ends here with `?sso=<one-time code>` (or `?sso_error=<why>`).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { API_BASE } from '../api/client';
import type { SsoProvider } from '../api/types';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth, asApiError, useApi } from '../auth/AuthContext';
import { safeNext } from '../auth/RequireAuth';
import { Field } from '../components/Field';
import { FormError } from '../components/States';
import { usePageTitle } from '../lib/usePageTitle';

type Fields = 'username' | 'password';

/** Where to go after a provider's round trip (the page is left for the provider meanwhile). */
const SSO_NEXT = 'stoker.sso.next';
/** Codes already traded: each is good once, and effects may run twice. */
const tradedCodes = new Set<string>();

function ssoNext(): string {
  try {
    const next = window.sessionStorage.getItem(SSO_NEXT);
    window.sessionStorage.removeItem(SSO_NEXT);
    return safeNext(next);
  } catch {
    return '/';
  }
}

function rememberNext(next: string) {
  try {
    window.sessionStorage.setItem(SSO_NEXT, next);
  } catch {
    // storage disabled: the user lands on the dashboard
  }
}

export function SignIn() {
  usePageTitle('Sign in');
  const { status, notice, signIn, signInWithCode } = useAuth();
  const api = useApi();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // set when the server says the password used is a generated one: the user sets their own before going on
  const [mustChange, setMustChange] = useState<string | null>(null);
  const [providers, setProviders] = useState<SsoProvider[]>([]);
  const ssoCode = params.get('sso');
  const ssoError = params.get('sso_error');

  useEffect(() => {
    let live = true;
    api
      .ssoProviders()
      .then((list) => live && setProviders(list))
      .catch(() => undefined); // no buttons: the form still works
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    if (ssoError) setFormError(`Single sign-on did not finish: ${ssoError}`);
  }, [ssoError]);

  useEffect(() => {
    if (!ssoCode || tradedCodes.has(ssoCode)) return;
    tradedCodes.add(ssoCode);
    setBusy(true);
    signInWithCode(ssoCode)
      .then(() => navigate(ssoNext(), { replace: true }))
      .catch((err: unknown) => {
        setFormError(`Single sign-on did not finish: ${asApiError(err).detail}`);
        setBusy(false);
      });
  }, [ssoCode, signInWithCode, navigate]);

  if (status === 'signedIn' && !ssoCode) return <Navigate to={next} replace />;
  if (mustChange) {
    return <SetOwnPassword username={mustChange} onDone={() => navigate(next, { replace: true })} />;
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Partial<Record<Fields, string>> = {};
    if (!username.trim()) missing.username = 'Enter your user name.';
    if (!password) missing.password = 'Enter your password.';
    setErrors(missing);
    setFormError(undefined);
    if (Object.keys(missing).length) {
      document.getElementById(missing.username ? 'signin-username' : 'signin-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      if (await signIn(username.trim(), password)) {
        setMustChange(username.trim());
        setBusy(false);
        return;
      }
      navigate(next, { replace: true });
    } catch (err) {
      const error = asApiError(err);
      setPassword('');
      if (error.status === 401) {
        setFormError('Wrong user name or password. Check both and try again.');
      } else if (error.field === 'username' || error.field === 'password') {
        setErrors({ [error.field]: error.detail });
      } else if (error.status === 503) {
        setFormError(`${error.detail} Stoker may still be starting; try again in a moment.`);
      } else {
        setFormError(error.detail);
      }
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <form className="signin-card" onSubmit={onSubmit} noValidate aria-labelledby="signin-title">
        <div className="signin-brand" aria-hidden="true">
          <span className="brand-mark">▲</span> Stoker
        </div>
        <h1 id="signin-title">Sign in</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <FormError message={formError} />
        <Field label="User name" error={errors.username}>
          <input
            id="signin-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label="Password" error={errors.password}>
          <input
            id="signin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {providers.length > 0 && (
          <div className="signin-sso" aria-label="Single sign-on">
            <p className="signin-or">or</p>
            {providers.map((p) => (
              <a
                key={p.name}
                className="btn btn-block"
                href={`${API_BASE}/auth/oidc/${encodeURIComponent(p.name)}/login`}
                onClick={() => rememberNext(next)}
              >
                Sign in with {p.displayName}
              </a>
            ))}
          </div>
        )}
      </form>
    </div>
  );
}

/**
 * Asked right after signing in with a generated password (the first admin's): the new password replaces it,
 * which ends the session made with the old one, so the user is signed in again with the new one.
 */
function SetOwnPassword({ username, onDone }: { username: string; onDone: () => void }) {
  usePageTitle('Set your password');
  const api = useApi();
  const { signIn } = useAuth();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found: { password?: string; repeat?: string } = {};
    if (password.length < 12) found.password = 'At least 12 characters.';
    else if (password !== repeat) found.repeat = 'The two entries differ.';
    setErrors(found);
    setFormError(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.changeUser(username, { password });
      await signIn(username, password);
      onDone();
    } catch (err) {
      const error = asApiError(err);
      if (error.field === 'password') setErrors({ password: error.detail });
      else setFormError(error.detail);
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <form className="signin-card" onSubmit={onSubmit} noValidate aria-labelledby="setpw-title">
        <h1 id="setpw-title">Set your password</h1>
        <p className="notice" role="status">
          You signed in with the password Stoker generated at its first start. Choose your own; the generated
          one stops working and its file is deleted.
        </p>
        <FormError message={formError} />
        <Field label="New password" error={errors.password}>
          <input
            id="setpw-password"
            name="new-password"
            type="password"
            autoComplete="new-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Field label="Repeat the new password" error={errors.repeat}>
          <input
            id="setpw-repeat"
            name="repeat-password"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Saving…' : 'Set password and continue'}
        </button>
      </form>
    </div>
  );
}
