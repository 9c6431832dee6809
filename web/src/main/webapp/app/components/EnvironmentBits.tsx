/** Display pieces for environments: the state badge and the operation progress bar. */
import type { Operation } from '../api/types';
import { capitalize } from '../lib/format';
import { operationTone, stateSymbol, stateTone } from '../lib/environments';
import { Badge } from './Bits';

/** The state in words, with a mark so it does not rely on colour alone. */
export function EnvironmentStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={stateTone(state)}>
      <span aria-hidden="true" className="state-mark">
        {stateSymbol(state)}
      </span>{' '}
      {capitalize(state)}
    </Badge>
  );
}

export function OperationStatusBadge({ status }: { status: string }) {
  return <Badge tone={operationTone(status)}>{capitalize(status)}</Badge>;
}

/** A labelled progress bar for an operation: percent, step and message. */
export function OperationProgress({ operation, label }: { operation: Operation; label: string }) {
  const percent = Math.max(0, Math.min(100, operation.percent));
  const tone = operationTone(operation.status);
  const text = [operation.step, operation.message].filter(Boolean).join(': ');
  return (
    <div className="progress-block" data-testid="operation-progress">
      <div className="progress-head">
        <span className="progress-label">{label}</span>
        <OperationStatusBadge status={operation.status} />
        <span className="progress-percent">{percent}%</span>
      </div>
      <div
        className={`progress progress-${tone}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%${text ? `, ${text}` : ''}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-step" aria-live="polite">
        {operation.step && <strong>{operation.step}</strong>}
        {operation.step && operation.message && ' — '}
        {operation.message}
      </p>
    </div>
  );
}
