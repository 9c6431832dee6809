/**
 * The status timeline of an environment: its operations (`GET /operations?target=`) in words, newest
 * first, with the current state on top.
 */
import type { Environment, Operation } from '../api/types';
import type { Tone } from '../components/Bits';
import { capitalize } from './format';
import { formatDuration, operationTone, stateSymbol, stateTone } from './environments';

/** How many entries the timeline shows at first, and how many more each "Show more" adds. */
export const TIMELINE_PAGE = 10;

export interface TimelineEntry {
  key: string;
  /** what happened, with its outcome in words: "Started", "Start failed", "Stopping…" */
  title: string;
  tone: Tone;
  /** a mark that tells outcomes apart without colour (decorative: the title says it) */
  mark: string;
  /** when it started (or since when the state holds) */
  time: string;
  /** how long it took, in words, once finished */
  took?: string;
  by?: string;
  /** why it failed (the operation's message or the state's reason) */
  reason?: string;
  /** a neutral remark (last step of a finished operation, current state's reason) */
  note?: string;
  current?: boolean;
}

/** [done, failed, cancelled, in progress, queued] wording per operation kind (without `environment.`). */
const WORDS: Record<string, [string, string, string, string, string]> = {
  create: ['Created', 'Creation failed', 'Creation cancelled', 'Being created', 'Creation queued'],
  start: ['Started', 'Start failed', 'Start cancelled', 'Starting', 'Start queued'],
  stop: ['Stopped', 'Stop failed', 'Stop cancelled', 'Stopping', 'Stop queued'],
  restart: ['Restarted', 'Restart failed', 'Restart cancelled', 'Restarting', 'Restart queued'],
  destroy: ['Destroyed (data volume kept)', 'Destroy failed', 'Destroy cancelled', 'Being destroyed', 'Destroy queued'],
  'destroy-with-volume': ['Destroyed with its data volume', 'Destroy failed', 'Destroy cancelled', 'Being destroyed', 'Destroy queued'],
  backup: ['Backed up', 'Backup failed', 'Backup cancelled', 'Backing up', 'Backup queued'],
  restore: ['Restored from a backup', 'Restore failed', 'Restore cancelled', 'Restoring', 'Restore queued'],
  upgrade: ['Upgraded', 'Upgrade failed', 'Upgrade cancelled', 'Upgrading', 'Upgrade queued'],
  rollback: ['Rolled back', 'Rollback failed', 'Rollback cancelled', 'Rolling back', 'Rollback queued'],
};

const OUTCOME_MARK: Record<string, string> = { SUCCEEDED: '✓', FAILED: '✕', CANCELLED: '–', RUNNING: '◐', QUEUED: '○' };

export function operationTitle(op: Pick<Operation, 'kind' | 'status' | 'percent'>): string {
  const what = op.kind.replace(/^environment\./, '');
  const w = WORDS[what] ?? [
    `${capitalize(what.replace(/[-_.]/g, ' '))} succeeded`,
    `${capitalize(what.replace(/[-_.]/g, ' '))} failed`,
    `${capitalize(what.replace(/[-_.]/g, ' '))} cancelled`,
    `${capitalize(what.replace(/[-_.]/g, ' '))} in progress`,
    `${capitalize(what.replace(/[-_.]/g, ' '))} queued`,
  ];
  switch (op.status) {
    case 'SUCCEEDED':
      return w[0];
    case 'FAILED':
      return w[1];
    case 'CANCELLED':
      return w[2];
    case 'QUEUED':
      return w[4];
    default:
      return `${w[3]}… (${op.percent}%)`;
  }
}

function took(op: Operation): string | undefined {
  if (!op.finished) return undefined;
  const ms = new Date(op.finished).getTime() - new Date(op.started).getTime();
  return Number.isFinite(ms) && ms >= 0 ? formatDuration(Math.max(1, Math.round(ms / 1000))) : undefined;
}

export function operationEntry(op: Operation): TimelineEntry {
  const failed = op.status === 'FAILED' || op.status === 'CANCELLED';
  const at = op.step && op.step !== 'done' ? `at step ${op.step}` : '';
  return {
    key: op.id,
    title: operationTitle(op),
    tone: operationTone(op.status),
    mark: OUTCOME_MARK[op.status] ?? '○',
    time: op.started,
    took: took(op),
    by: op.startedBy || undefined,
    reason: failed ? [at && capitalize(at), op.message].filter(Boolean).join(': ') || 'No reason was given.' : undefined,
    note: !failed && op.status === 'SUCCEEDED' && op.message ? op.message : undefined,
  };
}

const ms = (iso: string | null | undefined) => {
  const t = iso ? new Date(iso).getTime() : NaN;
  return Number.isNaN(t) ? 0 : t;
};

/**
 * The entries, newest first: the current state, then the operations. When `complete` (every operation
 * is loaded) and none created the environment, the request itself closes the list.
 */
export function timelineEntries(env: Environment, operations: readonly Operation[], complete: boolean): TimelineEntry[] {
  const ops = [...operations].sort((a, b) => ms(b.started) - ms(a.started));
  const entries: TimelineEntry[] = [
    {
      key: 'now',
      title: `Now ${capitalize(env.state)}`,
      tone: stateTone(env.state),
      mark: stateSymbol(env.state),
      time: env.updated,
      current: true,
      reason: env.state === 'FAILED' ? env.stateReason || 'No reason was given.' : undefined,
      note: env.state !== 'FAILED' ? env.stateReason || undefined : undefined,
    },
    ...ops.map(operationEntry),
  ];
  if (complete && !ops.some((o) => o.kind === 'environment.create')) {
    entries.push({ key: 'requested', title: 'Requested', tone: 'neutral', mark: '○', time: env.created, by: env.createdBy || undefined });
  }
  return entries;
}
