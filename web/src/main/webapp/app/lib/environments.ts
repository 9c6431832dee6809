/** Environment states: what they look like, what they allow, and how long things are. */
import type { EnvironmentState, OperationStatus } from '../api/types';
import type { Tone } from '../components/Bits';

export const ENVIRONMENT_STATES: readonly EnvironmentState[] = [
  'REQUESTED',
  'PROVISIONING',
  'STARTING',
  'RUNNING',
  'STOPPED',
  'FAILED',
  'DESTROYED',
];

export type LifecycleButton = 'start' | 'stop' | 'restart' | 'destroy';

/**
 * The lifecycle actions the server accepts in `state`; keep in step with
 * EnvironmentServiceImpl.change in dev.stoker.environments.
 */
export function allowedActions(state: EnvironmentState | string | null | undefined): LifecycleButton[] {
  switch (String(state ?? '').toUpperCase()) {
    case 'RUNNING':
      return ['stop', 'restart', 'destroy'];
    case 'STARTING':
      return ['stop', 'destroy'];
    case 'STOPPED':
      return ['start', 'restart', 'destroy'];
    case 'FAILED':
      return ['start', 'stop', 'restart', 'destroy'];
    case 'REQUESTED':
    case 'PROVISIONING':
      return ['destroy'];
    default:
      return []; // DESTROYED or unknown
  }
}

/** States that change by themselves soon: worth watching. */
export function isTransient(state: EnvironmentState | string | null | undefined): boolean {
  return ['REQUESTED', 'PROVISIONING', 'STARTING'].includes(String(state ?? '').toUpperCase());
}

export function stateTone(state: string): Tone {
  switch (state.toUpperCase()) {
    case 'RUNNING':
      return 'ok';
    case 'REQUESTED':
    case 'PROVISIONING':
    case 'STARTING':
      return 'info';
    case 'FAILED':
      return 'bad';
    case 'STOPPED':
      return 'warn';
    default:
      return 'neutral';
  }
}

/** A mark that tells states apart without colour. */
export function stateSymbol(state: string): string {
  switch (state.toUpperCase()) {
    case 'RUNNING':
      return '●';
    case 'REQUESTED':
    case 'PROVISIONING':
    case 'STARTING':
      return '◐';
    case 'STOPPED':
      return '■';
    case 'FAILED':
      return '✕';
    default:
      return '○';
  }
}

export function operationDone(status: OperationStatus | string | null | undefined): boolean {
  return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(String(status ?? '').toUpperCase());
}

export function operationTone(status: string): Tone {
  switch (status.toUpperCase()) {
    case 'SUCCEEDED':
      return 'ok';
    case 'FAILED':
      return 'bad';
    case 'CANCELLED':
      return 'warn';
    default:
      return 'info';
  }
}

/**
 * A duration as the server sends it, in words: an ISO-8601 string ("PT1H30M") or a number of seconds
 * (Jackson's default for java.time.Duration). Null/unset gives "—".
 */
export function formatDuration(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (/^-?\d+(\.\d+)?$/.test(value)) seconds = Number(value);
  else {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
    if (!m) return value;
    seconds = Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  }
  if (!Number.isFinite(seconds)) return String(value);
  const total = Math.round(seconds);
  const parts: string[] = [];
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (min) parts.push(`${min} min`);
  if (s || parts.length === 0) parts.push(`${s} s`);
  return parts.join(' ');
}

export function formatBytes(bytes: number | null | undefined): string {
  if (!bytes) return '—';
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GiB` : `${Math.round(mb)} MiB`;
}

export type MaintenanceButton = 'upgrade' | 'backup' | 'restore' | 'rollback';

/**
 * Upgrade, backup, restore and rollback the state allows (EnvironmentServiceImpl): a backup is taken
 * from a RUNNING gateway; restore, rollback and upgrade replace the container of a RUNNING, STOPPED
 * or FAILED one.
 */
export function maintenanceActions(state: EnvironmentState | string | null | undefined): MaintenanceButton[] {
  const s = String(state ?? '').toUpperCase();
  const out: MaintenanceButton[] = [];
  if (['RUNNING', 'STOPPED', 'FAILED'].includes(s)) out.push('upgrade');
  if (s === 'RUNNING') out.push('backup');
  if (['RUNNING', 'STOPPED', 'FAILED'].includes(s)) out.push('restore', 'rollback');
  return out;
}

/** The first characters of a digest, enough to tell files apart. */
export function shortSha(sha256: string | null | undefined, n = 12): string {
  return (sha256 ?? '').slice(0, n);
}

/** A file size in B, KiB, MiB or GiB (one decimal above bytes). */
export function formatSize(bytes: number | null | undefined): string {
  const b = Number(bytes ?? 0);
  if (!Number.isFinite(b) || b < 0) return '—';
  if (b < 1024) return `${b} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = b / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
