/** Loading, error and empty states that tell the user what to do next. */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{what}…</span>
    </div>
  );
}

/** What to do about an error, by its status. */
export function nextStep(error: ApiError): string {
  if (error.offline) return 'Check that Stoker is running and reachable, then retry.';
  switch (error.status) {
    case 403:
      return 'Ask an admin for a role that allows this.';
    case 404:
      return 'It may have been removed. Go back to the list and reload.';
    case 503:
      return 'Stoker is starting or a service it needs is down. Retry in a moment; the dashboard shows which component is affected.';
    default:
      return error.status >= 500 ? 'Retry; if it persists, check the Stoker log (log:display in the Karaf shell).' : 'Retry.';
  }
}

export function ErrorPanel({ error, onRetry, title = 'Could not load this' }: { error: ApiError; onRetry?: () => void; title?: string }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p>{error.detail}</p>
      <p className="muted">{nextStep(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="muted">{children}</div>}
      {action && <div className="state-action">{action}</div>}
    </div>
  );
}

/** A failed form submission: the server's detail, in an alert. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}
