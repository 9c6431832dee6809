/** Sign-in with a Stoker user; returns to the deep link the user came from. */
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth, asApiError } from '../auth/AuthContext';
import { safeNext } from '../auth/RequireAuth';
import { Field } from '../components/Field';
import { FormError } from '../components/States';
import { usePageTitle } from '../lib/usePageTitle';

type Fields = 'username' | 'password';

export function SignIn() {
  usePageTitle('Sign in');
  const { status, notice, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (status === 'signedIn') return <Navigate to={next} replace />;

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
      await signIn(username.trim(), password);
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
      </form>
    </div>
  );
}
