/** Small display pieces: badges, times, page headers, role gates. */
import type { ReactNode } from 'react';
import type { Permission, Action } from '../auth/permissions';
import { can } from '../auth/permissions';
import { useAuth } from '../auth/AuthContext';
import { capitalize, formatRelative, formatTime } from '../lib/format';

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function statusTone(status: string): Tone {
  switch (status.toUpperCase()) {
    case 'UP':
    case 'SUCCESS':
    case 'ACTIVE':
      return 'ok';
    case 'DEGRADED':
    case 'DENIED':
    case 'EXPIRED':
      return 'warn';
    case 'DOWN':
    case 'FAILED':
      return 'bad';
    default:
      return 'neutral';
  }
}

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{capitalize(status)}</Badge>;
}

export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={role === 'admin' ? 'info' : 'neutral'}>{role}</Badge>;
}

export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatRelative(iso)}>
      {formatTime(iso)}
    </time>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

/** Renders its children only for callers allowed to do `action`: hidden, not disabled. */
export function Allowed({ action, children, fallback = null }: { action: Action | Permission; children: ReactNode; fallback?: ReactNode }) {
  const { me } = useAuth();
  return <>{can(me, action) ? children : fallback}</>;
}
