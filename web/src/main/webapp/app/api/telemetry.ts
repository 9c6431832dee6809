/** Typed calls of the monitoring API over one {@link ApiClient}: the fleet, history, alerts and rules, logs. */
import type { ApiClient } from './client';
import type { Page } from './types';
import type { Alert, AlertRule, AlertRuleSpec, AlertState, GatewayStatus, LogEntry, LogFilter, MetricHistory } from './telemetryTypes';

const env = (id: string) => `/environments/${encodeURIComponent(id)}`;
const rule = (id: string) => `/alert-rules/${encodeURIComponent(id)}`;
const items = <T>(answer: T[] | { items?: T[] } | undefined): T[] => (Array.isArray(answer) ? answer : (answer?.items ?? []));

export function telemetryApi(client: ApiClient) {
  return {
    /** Every running environment's gateway as last polled. */
    gateways: async (signal?: AbortSignal): Promise<GatewayStatus[]> =>
      items(await client.request<{ items: GatewayStatus[] }>('GET', '/gateways', { signal })).map((g) => ({ ...g, metrics: g.metrics ?? {}, diagnostics: g.diagnostics ?? [] })),
    /** Recorded history of one gateway series between two instants. */
    metricHistory: async (id: string, name: string, from: string, to: string, step?: string, signal?: AbortSignal): Promise<MetricHistory> => {
      const h = await client.request<MetricHistory>('GET', `${env(id)}/metrics/history`, { query: { name, from, to, step }, signal });
      return { ...h, series: h.series ?? [] };
    },
    alerts: async (state: AlertState | undefined, limit = 200): Promise<Alert[]> =>
      items(await client.request<{ items: Alert[] }>('GET', '/alerts', { query: { state, limit } })).map((a) => ({ ...a, history: a.history ?? [] })),
    alertRules: async (): Promise<AlertRule[]> => items(await client.request<{ items: AlertRule[] } | AlertRule[]>('GET', '/alert-rules')),
    createAlertRule: (spec: AlertRuleSpec) => client.request<AlertRule>('POST', '/alert-rules', { body: spec }),
    updateAlertRule: (id: string, spec: AlertRuleSpec) => client.request<AlertRule>('PUT', rule(id), { body: spec }),
    deleteAlertRule: (id: string) => client.request<void>('DELETE', rule(id)),
    /** Collected gateway log lines, newest first. */
    logs: async (filter: LogFilter, offset: number, limit: number): Promise<Page<LogEntry>> => {
      const p = await client.request<Page<LogEntry>>('GET', '/logs', { query: { ...filter, offset, limit } });
      return { ...p, items: p.items ?? [], total: p.total ?? p.items?.length ?? 0 };
    },
    /** Lines collected from now on that match (`GET /logs/tail`, server-sent events: `log`, `dropped`, `end`), unread. */
    logTail: (filter: Omit<LogFilter, 'since'>, signal?: AbortSignal): Promise<Response> =>
      client.raw('GET', '/logs/tail', { query: { ...filter }, accept: 'text/event-stream, application/problem+json', signal }),
  };
}

export type TelemetryApi = ReturnType<typeof telemetryApi>;
