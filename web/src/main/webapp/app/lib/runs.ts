/** Pipeline runs for display: status words, marks and tones, what a run waits on, and the editor's errors. */
import type { Tone } from '../components/Bits';
import type { DeploymentStatus, PipelineError, Run, RunStatus, StepStatus } from '../api/types';

export const RUN_ENDED: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export const runEnded = (status: string) => (RUN_ENDED as readonly string[]).includes(status);

/** Tone of a run, stage or step status. */
export function runTone(status: RunStatus | StepStatus | string): Tone {
  switch (status) {
    case 'SUCCEEDED':
      return 'ok';
    case 'FAILED':
      return 'bad';
    case 'WAITING_APPROVAL':
    case 'WAITING':
      return 'warn';
    case 'RUNNING':
    case 'QUEUED':
      return 'info';
    default:
      return 'neutral';
  }
}

/** A mark per status, so that a badge does not rely on colour alone. */
export function runSymbol(status: string): string {
  switch (status) {
    case 'SUCCEEDED':
      return '✓';
    case 'FAILED':
      return '✕';
    case 'CANCELLED':
      return '⊘';
    case 'WAITING_APPROVAL':
    case 'WAITING':
      return '‖';
    case 'RUNNING':
      return '▶';
    case 'SKIPPED':
      return '↷';
    default:
      return '○';
  }
}

const WORDS: Record<string, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  WAITING_APPROVAL: 'Waiting for approval',
  WAITING: 'Waiting',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  PENDING: 'Pending',
  SKIPPED: 'Skipped',
};

export const runWords = (status: string) => WORDS[status] ?? status;

export function deploymentTone(status: DeploymentStatus | string): Tone {
  return status === 'DEPLOYED' ? 'ok' : status === 'FAILED' ? 'bad' : status === 'ROLLED_BACK' ? 'warn' : 'neutral';
}

/** The stage a WAITING_APPROVAL run waits on (its first WAITING stage, or the stage of its first WAITING step). */
export function waitingStage(run: Run): string | null {
  if (run.status !== 'WAITING_APPROVAL') return null;
  const stage = run.stages.find((s) => s.status === 'WAITING') ?? run.stages.find((s) => s.steps.some((x) => x.status === 'WAITING'));
  return stage?.name ?? null;
}

/** The step whose log to show first: the running or waiting one, else the first that failed, else none. */
export function activeStep(run: Run): string | null {
  const steps = run.stages.flatMap((s) => s.steps);
  return (steps.find((x) => x.status === 'RUNNING' || x.status === 'WAITING') ?? steps.find((x) => x.status === 'FAILED'))?.name ?? null;
}

/** May the run be cancelled, or retried (from its failed stage), as the server allows. */
export const mayCancel = (run: Run) => !runEnded(run.status);
export const mayRetry = (run: Run) => run.status === 'FAILED' || run.status === 'CANCELLED';

/** Duration between two instants in words (`1 min 5 s`), '' when either is missing. */
export function duration(from: string | null, to: string | null, now = Date.now()): string {
  if (!from) return '';
  const start = new Date(from).getTime();
  const end = to ? new Date(to).getTime() : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  const s = Math.max(0, Math.round((end - start) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** The line a save refusal names (`… line 7 …` in the detail), 0 when none. */
export function lineOf(detail: string): number {
  const m = /\bline (\d+)/i.exec(detail);
  return m ? Number(m[1]) : 0;
}

/** Editor errors for display: by line (unknown lines last), then column; one line per error. */
export function sortErrors(errors: PipelineError[]): PipelineError[] {
  const key = (e: PipelineError) => (e.line > 0 ? e.line : Number.MAX_SAFE_INTEGER);
  return [...errors].sort((a, b) => key(a) - key(b) || (a.column ?? 0) - (b.column ?? 0));
}

/** The lines (1-based) that carry an error. */
export const errorLines = (errors: PipelineError[]) => new Set(errors.filter((e) => e.line > 0).map((e) => e.line));
