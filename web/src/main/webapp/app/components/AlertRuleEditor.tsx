/** The form of an alert rule: every kind's fields, the server's refusal shown at the field it names. */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { RULE_KINDS, type AlertRule, type AlertRuleSpec, type RuleKind, type Severity } from '../api/telemetryTypes';
import { Field } from './Field';
import { FormError } from './States';

const KIND_HELP: Record<RuleKind, string> = {
  'gateway-down': 'fires when a running gateway has been down for the delay',
  'metric-above': 'fires when a gateway series stays above the threshold for the delay',
  'metric-below': 'fires when a gateway series stays below the threshold for the delay',
  'volume-full': 'fires when a data volume is fuller than the threshold (a share, default 0.9)',
  'secret-expiring': 'fires when a certificate or licence expires within the threshold (days, default 14)',
  'pipeline-failed': 'fires when a pipeline run fails (environment: a project id)',
};

interface Draft {
  name: string;
  kind: RuleKind;
  environment: string;
  metric: string;
  threshold: string;
  forSeconds: string;
  severity: Severity;
  enabled: boolean;
}

const draftOf = (r?: AlertRule): Draft => ({
  name: r?.name ?? '',
  kind: r?.kind ?? 'gateway-down',
  environment: r?.environment ?? '',
  metric: r?.metric ?? '',
  threshold: r?.threshold == null ? '' : String(r.threshold),
  forSeconds: String(r?.forSeconds ?? 60),
  severity: r?.severity ?? 'warning',
  enabled: r?.enabled ?? true,
});

/** The spec the server takes: fields a kind does not use are left out. */
export function specOf(d: Draft): AlertRuleSpec {
  const metric = d.kind === 'metric-above' || d.kind === 'metric-below';
  const spec: AlertRuleSpec = { name: d.name.trim(), kind: d.kind, severity: d.severity, enabled: d.enabled };
  if (d.environment.trim() && d.kind !== 'secret-expiring') spec.environment = d.environment.trim();
  if (metric) spec.metric = d.metric.trim();
  if (d.threshold.trim() && d.kind !== 'gateway-down' && d.kind !== 'pipeline-failed') spec.threshold = Number(d.threshold);
  if (d.kind !== 'pipeline-failed') spec.forSeconds = Number(d.forSeconds || 0);
  return spec;
}

export function AlertRuleEditor({ rule, onSave, onCancel }: { rule?: AlertRule; onSave: (spec: AlertRuleSpec) => Promise<unknown>; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(rule));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((old) => ({ ...old, [k]: v }));
  const at = (field: string) => (error?.field === field ? error.detail : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSave(specOf(d));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ status: 0, title: 'Error', detail: String(err) }));
    } finally {
      setBusy(false);
    }
  };
  const metric = d.kind === 'metric-above' || d.kind === 'metric-below';
  const thresholded = metric || d.kind === 'volume-full' || d.kind === 'secret-expiring';
  return (
    <form className="form" onSubmit={submit} aria-label={rule ? `Edit rule ${rule.name}` : 'New alert rule'}>
      <Field label="Name" error={at('name')}>
        <input value={d.name} onChange={(e) => set('name', e.target.value)} required maxLength={100} />
      </Field>
      <Field label="Kind" hint={KIND_HELP[d.kind]} error={at('kind')}>
        <select value={d.kind} onChange={(e) => set('kind', e.target.value as RuleKind)}>
          {RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </Field>
      {d.kind !== 'secret-expiring' && (
        <Field label={d.kind === 'pipeline-failed' ? 'Project (optional)' : 'Environment (optional)'} hint="empty: every one" error={at('environment')}>
          <input value={d.environment} onChange={(e) => set('environment', e.target.value)} />
        </Field>
      )}
      {metric && (
        <Field label="Series" hint="e.g. stoker_gateway_cpu_ratio" error={at('metric')}>
          <input value={d.metric} onChange={(e) => set('metric', e.target.value)} required />
        </Field>
      )}
      {thresholded && (
        <Field label={d.kind === 'secret-expiring' ? 'Days ahead' : 'Threshold'} error={at('threshold')}>
          <input type="number" step="any" value={d.threshold} onChange={(e) => set('threshold', e.target.value)} required={metric} />
        </Field>
      )}
      {d.kind !== 'pipeline-failed' && (
        <Field label="For (seconds)" hint="how long the condition must hold before it fires" error={at('forSeconds')}>
          <input type="number" min={0} value={d.forSeconds} onChange={(e) => set('forSeconds', e.target.value)} />
        </Field>
      )}
      <Field label="Severity" error={at('severity')}>
        <select value={d.severity} onChange={(e) => set('severity', e.target.value as Severity)}>
          <option value="info">info</option>
          <option value="warning">warning</option>
          <option value="critical">critical</option>
        </select>
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
      </label>
      {error && !error.field && <FormError message={error.detail} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save rule
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
