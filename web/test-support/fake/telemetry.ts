/**
 * Monitoring of the fake Stoker, after GatewayResource, MetricsHistoryResource, AlertResource, AlertRuleResource
 * and LogResource: the fleet's last polls, a generated history per gateway series, alerts, alert rules (checked
 * field by field like AlertRules; leads and admins write) and collected log lines with the server's filters.
 * The data is set by tests (`gateways`, `alerts`, `logs`; `running` adds gateways of the environments a
 * simulation runs); it is not a specification.
 */
import { Bad, json, noContent, page, problem, route, type Call, type Ctx, type Route } from './http';

export interface FakeGateway {
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
  diagnostics: { name: string; labels: Record<string, string>; value: number }[];
}

export interface FakeAlert {
  id: string;
  rule: string;
  ruleName: string;
  kind: string;
  severity: string;
  target: string;
  state: string;
  value: number | null;
  message: string;
  silenced: boolean;
  since: string;
  firedAt: string | null;
  resolvedAt: string | null;
  history: { state: string; time: string; message: string }[];
}

export interface FakeRule {
  id: string;
  name: string;
  kind: string;
  environment: string | null;
  metric: string | null;
  threshold: number | null;
  forSeconds: number;
  severity: string;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeLogLine {
  id: string;
  environment: string;
  stage: string;
  time: string;
  level: string;
  logger: string;
  message: string;
}

const KINDS = ['gateway-down', 'metric-above', 'metric-below', 'pipeline-failed', 'volume-full', 'secret-expiring'];
const SEVERITIES = ['info', 'warning', 'critical'];
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._:/()-]{0,99}$/u;

/** A gateway as the fake polls it: up, with heap and CPU figures. */
export function fakeGateway(environment: string, name: string, over: Partial<FakeGateway> = {}): FakeGateway {
  return { environment, name, stage: 'dev', platform: 'ignition', host: 'local', up: true, checked: '2026-01-05T10:00:00Z', lastUp: '2026-01-05T10:00:00Z', state: 'READY', error: null, metrics: { 'memory.used.bytes': 268435456, 'memory.max.bytes': 1073741824, 'cpu.usage': 0.12 }, diagnostics: [], ...over };
}

/** What the rule checks of the server refuse, by field. */
function checkRule(body: Record<string, unknown>, environmentExists: (id: string) => boolean) {
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) throw new Bad(400, 'name', 'required');
  if (!NAME.test(name)) throw new Bad(400, 'name', '1 to 100 letters, digits, spaces and . _ : / ( ) -, starting with a letter or digit');
  if (typeof body.kind !== 'string' || !KINDS.includes(body.kind)) throw new Bad(400, 'kind', `one of ${KINDS.join(', ')}`);
  const env = typeof body.environment === 'string' && body.environment ? body.environment : null;
  if (env && body.kind === 'secret-expiring') throw new Bad(400, 'environment', 'a secret rule watches the secrets of every scope: leave it out');
  if (env && body.kind !== 'pipeline-failed' && !environmentExists(env)) throw new Bad(400, 'environment', `no environment '${env}'`);
  const metricKind = body.kind === 'metric-above' || body.kind === 'metric-below';
  if (metricKind && (typeof body.metric !== 'string' || !body.metric.startsWith('stoker_gateway_'))) throw new Bad(400, 'metric', 'a gateway series (stoker_gateway_...)');
  if (!metricKind && body.metric != null) throw new Bad(400, 'metric', 'only for metric-above and metric-below');
  let threshold = typeof body.threshold === 'number' && Number.isFinite(body.threshold) ? body.threshold : null;
  if (metricKind && threshold === null) throw new Bad(400, 'threshold', 'a finite number is required');
  if (body.kind === 'volume-full') {
    if (threshold !== null && (threshold <= 0 || threshold > 1)) throw new Bad(400, 'threshold', 'the used share of the volume that fires, above 0 and at most 1 (default 0.9)');
    threshold ??= 0.9;
  }
  if (body.kind === 'secret-expiring') {
    if (threshold !== null && (threshold < 1 || threshold > 3650)) throw new Bad(400, 'threshold', 'days ahead, 1 to 3650 (default 14)');
    threshold ??= 14;
  }
  if (['gateway-down', 'pipeline-failed'].includes(body.kind) && body.threshold != null) throw new Bad(400, 'threshold', 'only for metric-above, metric-below, volume-full and secret-expiring');
  const forSeconds = body.forSeconds == null ? 0 : Number(body.forSeconds);
  if (!Number.isInteger(forSeconds) || forSeconds < 0 || forSeconds > 604800) throw new Bad(400, 'forSeconds', 'between 0 and 604800');
  const severity = body.severity == null ? 'warning' : String(body.severity);
  if (!SEVERITIES.includes(severity)) throw new Bad(400, 'severity', `one of ${SEVERITIES.join(', ')}`);
  return { name, kind: body.kind, environment: env, metric: metricKind ? (body.metric as string) : null, threshold, forSeconds, severity, enabled: body.enabled !== false };
}

export function fakeTelemetry(opts: { now: () => string; environmentExists?: (id: string) => boolean; running?: () => FakeGateway[] }) {
  const gateways: FakeGateway[] = [];
  const alerts: FakeAlert[] = [];
  const rules = new Map<string, FakeRule>();
  const logs: FakeLogLine[] = [];
  let next = 1;
  const exists = opts.environmentExists ?? ((id: string) => gateways.some((g) => g.environment === id));
  const writing = (ctx: Ctx) => (ctx.need('lead') ? null : ctx.forbid('lead'));
  const bodyOf = (call: Call) => (call.body && typeof call.body === 'object' ? (call.body as Record<string, unknown>) : {});

  /** A smooth made-up history of a gateway's series between two instants, one point a step. */
  const history = (id: string, name: string, from: number, to: number, step: number) => {
    const g = [...gateways, ...(opts.running?.() ?? [])].find((x) => x.environment === id);
    if (!g) return [];
    const base = name.includes('memory') ? (g.metrics['memory.used.bytes'] ?? 2e8) : (g.metrics['cpu.usage'] ?? 0.1);
    const points = [];
    for (let t = from; t <= to && points.length < 500; t += step) points.push({ time: new Date(t).toISOString(), value: base * (1 + 0.2 * Math.sin(t / 600_000)) });
    return [{ name, labels: { environment: id, stage: g.stage, platform: g.platform, host: g.host }, points }];
  };

  /** Open live tails (`GET /logs/tail`): each with its filter; `tail.send` pushes a line to those it matches. */
  const tails = new Set<{ controller: ReadableStreamDefaultController<Uint8Array>; env: string | null; min: number; q: string[] }>();
  const encoder = new TextEncoder();
  const matches = (l: FakeLogLine, env: string | null, min: number, q: string[]) =>
    (!env || l.environment === env) && LEVELS.indexOf(l.level) >= min && q.every((w) => `${l.logger} ${l.message}`.toLowerCase().includes(w));
  const words = (query: URLSearchParams) => (query.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const minLevel = (query: URLSearchParams) => {
    const level = query.get('level');
    if (level && !LEVELS.includes(level.toLowerCase())) throw new Bad(400, 'level', `one of ${LEVELS.join(', ')}`);
    return level ? LEVELS.indexOf(level.toLowerCase()) : 0;
  };
  const tail = {
    /** how many tails are open */
    open: () => tails.size,
    /** the line is collected: stored, and sent to every open tail it matches */
    send: (line: FakeLogLine) => {
      logs.push(line);
      for (const t of tails) if (matches(line, t.env, t.min, t.q)) t.controller.enqueue(encoder.encode(`event: log\ndata: ${JSON.stringify(line)}\n\n`));
    },
    /** a raw frame to every open tail (e.g. `event: dropped`) */
    frame: (text: string) => tails.forEach((t) => t.controller.enqueue(encoder.encode(text))),
  };

  const routes: Route[] = [
    route('GET', '/api/v1/gateways', () => json(200, { items: [...gateways, ...(opts.running?.() ?? [])].sort((a, b) => a.environment.localeCompare(b.environment)) })),
    route('GET', '/api/v1/environments/{id}/metrics/history', ({ query }, _ctx, { id }) => {
      const name = query.get('name');
      if (!name) throw new Bad(400, 'name', 'required');
      const to = Date.parse(query.get('to') ?? opts.now());
      const from = Date.parse(query.get('from') ?? new Date(to - 3_600_000).toISOString());
      if (Number.isNaN(from)) throw new Bad(400, 'from', 'an ISO-8601 instant (2026-01-05T10:00:00Z) or epoch seconds');
      if (Number.isNaN(to)) throw new Bad(400, 'to', 'an ISO-8601 instant (2026-01-05T10:00:00Z) or epoch seconds');
      const step = Math.max(10_000, Math.round((to - from) / 240));
      return json(200, { environment: id, name, from: new Date(from).toISOString(), to: new Date(to).toISOString(), step: `PT${step / 1000}S`, series: history(id, name, from, to, step) });
    }),
    route('GET', '/api/v1/alerts', ({ query }) => {
      const state = query.get('state');
      if (state && !['pending', 'firing', 'resolved'].includes(state)) throw new Bad(400, 'state', 'one of pending, firing, resolved');
      return json(200, { items: alerts.filter((a) => !state || a.state === state).slice(0, Number(query.get('limit') ?? 100)) });
    }),
    route('GET', '/api/v1/alerts/{id}', (_call, _ctx, { id }) => {
      const a = alerts.find((x) => x.id === id);
      return a ? json(200, a) : problem(404, `alert '${id}' not found`);
    }),
    route('GET', '/api/v1/alert-rules', () => json(200, { items: [...rules.values()].sort((a, b) => a.name.localeCompare(b.name)) })),
    route('GET', '/api/v1/alert-rules/{id}', (_call, _ctx, { id }) => {
      const r = rules.get(id);
      return r ? json(200, r) : problem(404, `no alert rule '${id}'`);
    }),
    route('POST', '/api/v1/alert-rules', (call, ctx) => {
      const denied = writing(ctx);
      if (denied) return denied;
      const checked = checkRule(bodyOf(call), exists);
      if ([...rules.values()].some((r) => r.name === checked.name)) throw new Bad(409, 'name', `an alert rule named '${checked.name}' exists`);
      const r: FakeRule = { id: `rule-${next++}`, ...checked, createdBy: ctx.user, createdAt: opts.now(), updatedAt: opts.now() };
      rules.set(r.id, r);
      return json(201, r);
    }),
    route('PUT', '/api/v1/alert-rules/{id}', (call, ctx, { id }) => {
      const denied = writing(ctx);
      if (denied) return denied;
      const old = rules.get(id);
      if (!old) return problem(404, `no alert rule '${id}'`);
      const checked = checkRule(bodyOf(call), exists);
      if ([...rules.values()].some((r) => r.name === checked.name && r.id !== id)) throw new Bad(409, 'name', `an alert rule named '${checked.name}' exists`);
      const r: FakeRule = { ...old, ...checked, updatedAt: opts.now() };
      rules.set(id, r);
      return json(200, r);
    }),
    route('DELETE', '/api/v1/alert-rules/{id}', (_call, ctx, { id }) => {
      const denied = writing(ctx);
      if (denied) return denied;
      return rules.delete(id) ? noContent() : problem(404, `no alert rule '${id}'`);
    }),
    route('GET', '/api/v1/logs/tail', ({ query }) => {
      const entry = { env: query.get('environment'), min: minLevel(query), q: words(query) } as { controller: ReadableStreamDefaultController<Uint8Array>; env: string | null; min: number; q: string[] };
      const stream = new ReadableStream<Uint8Array>({
        start: (controller) => {
          entry.controller = controller;
          tails.add(entry);
        },
        cancel: () => void tails.delete(entry),
      });
      return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } });
    }),
    route('GET', '/api/v1/logs', ({ query }) => {
      const q = words(query);
      const env = query.get('environment');
      const min = minLevel(query);
      const since = query.get('since') ? Date.parse(query.get('since')!) : undefined;
      if (since !== undefined && Number.isNaN(since)) throw new Bad(400, 'since', 'an ISO-8601 instant (2026-01-05T10:00:00Z) or epoch seconds');
      const found = logs
        .filter((l) => matches(l, env, min, q) && (since === undefined || Date.parse(l.time) >= since))
        .sort((a, b) => b.time.localeCompare(a.time));
      return page(found, query, 500);
    }),
  ];
  return { routes, gateways, alerts, rules, logs, tail };
}
