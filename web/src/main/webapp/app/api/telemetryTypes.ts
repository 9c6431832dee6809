/**
 * Shapes of the monitoring part of Stoker's REST API (gateways, metric history, alerts, alert rules, logs), as
 * the console uses them. Not yet held against the OpenAPI snapshot by types.test-d.ts: /gateways and /logs are
 * newer than the snapshot (refresh it with `npm run api:snapshot`, then move these into types.ts).
 */

export interface GatewayStatus {
  environment: string;
  name: string;
  stage: string;
  platform: string;
  host: string;
  up: boolean;
  checked: string;
  lastUp: string | null;
  state: string;
  error: string | null;
  metrics: Record<string, number>;
  /** labelled figures of the last answer: database connections, tag providers, sessions, alarms (adapter names) */
  diagnostics: GatewayDiagnostic[];
}

export interface GatewayDiagnostic {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface HistoryPoint {
  time: string;
  value: number;
}

export interface MetricHistory {
  environment: string;
  name: string;
  from: string;
  to: string;
  series: { name: string; labels: Record<string, string>; points: HistoryPoint[] }[];
}

export type AlertState = 'pending' | 'firing' | 'resolved';
export type Severity = 'info' | 'warning' | 'critical';

export interface Alert {
  id: string;
  rule: string;
  ruleName: string;
  kind: string;
  severity: Severity;
  target: string;
  state: AlertState;
  value: number | null;
  message: string;
  silenced: boolean;
  since: string;
  firedAt: string | null;
  resolvedAt: string | null;
  history: { state: AlertState; time: string; message: string }[];
}

export const RULE_KINDS = ['gateway-down', 'metric-above', 'metric-below', 'volume-full', 'secret-expiring', 'pipeline-failed'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface AlertRuleSpec {
  name: string;
  kind: RuleKind;
  environment?: string;
  metric?: string;
  threshold?: number;
  forSeconds?: number;
  severity?: Severity;
  enabled?: boolean;
}

export interface AlertRule extends Required<Pick<AlertRuleSpec, 'name' | 'kind' | 'forSeconds' | 'severity' | 'enabled'>> {
  id: string;
  environment: string | null;
  metric: string | null;
  threshold: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  id: string;
  environment: string;
  stage: string;
  time: string;
  level: LogLevel;
  logger: string;
  message: string;
}

export interface LogFilter {
  q?: string;
  environment?: string;
  level?: string;
  since?: string;
}
