/**
 * Environments of the fake Stoker, after EnvironmentResource, EnvironmentMaintenanceResource,
 * GatewayMetricsResource and the event stream of OperationResource: the records, their logs, backups and
 * metrics, and the rules for changing them (the server's: a backup needs an API key secret that exists, one
 * maintenance action at a time, a rollback only after an upgrade, …). Every change starts an operation
 * (test-support/fake/operations.ts); what then happens over time is the driver's business:
 * - Vitest (src/main/webapp/test/fakeStoker.ts) leaves operations where they are and pushes event frames by
 *   hand (`handDriver` below);
 * - the e2e self-test server (e2e/simulation.mjs) moves them with timers and streams what changes.
 */
import type { FakePlatform } from './core';
import { Bad, json, page, problem, route, router, type Route } from './http';
import type { FakeOperation, fakeOperations } from './operations';

export interface FakeEnvironment {
  id: string;
  spec: Record<string, unknown> & { name: string };
  state: string;
  stateReason: string | null;
  runtimeHost: string;
  endpoints: Record<string, string>;
  createdBy: string;
  created: string;
  updated: string;
}

/** What GET /environments/{id}/metrics answers for a RUNNING environment: a sample's `metrics`, or a problem. */
export interface MetricsAnswer {
  metrics?: Record<string, number>;
  status?: number;
  detail?: string;
}

/** Moves operations along and streams what happens (by hand in Vitest, by timers in the e2e server). */
export interface EnvironmentsDriver {
  /** An operation was started on `env` (`action`: create, start, stop, …, backup, restore, destroy-with-volume). */
  started(op: FakeOperation, env: FakeEnvironment, action: string, params: Record<string, unknown>): void;
  /** The event stream of an operation (`progress` and `done` events). */
  events(op: FakeOperation): Response;
  /** GET /environments/{id}/logs?follow=true: the last `tail` lines, then new ones as `log` events. */
  follow(env: FakeEnvironment, tail: number): Response;
  /** The metrics of a RUNNING environment no test has set an answer for. */
  sample(env: FakeEnvironment): MetricsAnswer;
}

/** A server-shaped environment record (enum names in upper case), for tests to put into the fake. */
export function fakeEnvironment(name: string, state = 'RUNNING', extra: Partial<FakeEnvironment> = {}): FakeEnvironment {
  return {
    id: `env-${name}`,
    spec: { name, platform: 'ignition', version: '8.3.4', image: null, stage: 'DEV', modules: [], jdbcDrivers: [], secrets: {}, restoreBackup: null, ports: {}, limits: { memoryBytes: 0, cpus: 0 }, ttl: null, idleTimeout: null, labels: {}, host: null },
    state,
    stateReason: state === 'FAILED' ? 'the gateway reports FAULTED' : `requested by admin`,
    runtimeHost: 'local',
    endpoints: { http: 'http://127.0.0.1:40001' },
    createdBy: 'admin',
    created: '2026-01-05T10:00:00Z',
    updated: '2026-01-05T10:01:00Z',
    ...extra,
  };
}

const FIELDS = ['name', 'platform', 'version', 'image', 'stage', 'modules', 'jdbcDrivers', 'secrets', 'restoreBackup', 'ports', 'memoryMb', 'cpus', 'ttlMinutes', 'idleTimeoutMinutes', 'labels', 'host'];
const STAGES = ['dev', 'test', 'staging', 'qa', 'prod'];
const ALLOWED: Record<string, string[]> = { start: ['STOPPED', 'FAILED'], stop: ['RUNNING', 'STARTING', 'FAILED'], restart: ['RUNNING', 'FAILED', 'STOPPED'] };
const DONE = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export interface EnvironmentsDeps {
  now: () => string;
  /**
   * the core's state: installed `platforms`; when `runtimeDown` is set, creating an environment answers 503;
   * `backupApiKeySecret` is the configured key secret a backup uses when the request names none
   */
  state: { platforms: FakePlatform[]; runtimeDown?: boolean; backupApiKeySecret?: string | null };
  operations: ReturnType<typeof fakeOperations>;
  /** whether a secret exists (the backup's API key must) */
  secretExists: (scope: string, path: string) => boolean;
  record?: (actor: string, action: string, target: string) => void;
  driver: EnvironmentsDriver;
  /** the id of a new environment (the server's are UUIDs) */
  newId?: (name: string) => string;
}

export function fakeEnvironments({ now, state, operations, secretExists, record = () => {}, driver, newId = () => crypto.randomUUID() }: EnvironmentsDeps) {
  /** newest first */
  const environments: FakeEnvironment[] = [];
  /** container log text by environment id (none: the environment has no container) */
  const logs = new Map<string, string>();
  /** backups by environment id, newest first (server shape) */
  const backups = new Map<string, Record<string, unknown>[]>();
  /** set answers of GET /environments/{id}/metrics by environment id; unset: the driver's sample */
  const metrics = new Map<string, MetricsAnswer>();
  /** the version and image an environment ran before its last upgrade (what a rollback returns to) */
  const previous = new Map<string, { version: unknown; image: unknown }>();

  const find = (id: string, live = false) => {
    const env = environments.find((e) => e.id === id);
    if (!env || (live && env.state === 'DESTROYED')) throw new Bad(404, 'id', `environment '${id}' not found`);
    return env;
  };
  const start = (env: FakeEnvironment, action: string, by: string, params: Record<string, unknown> = {}) => {
    const op = operations.newOperation(`environment.${action}`, env.id, by);
    driver.started(op, env, action, params);
    return op;
  };
  const busy = (env: FakeEnvironment) => [...operations.operations.values()].some((o) => o.target === env.id && !DONE.includes(o.status));

  const create: Route['handle'] = ({ body }, ctx) => {
    if (!ctx.need('engineer')) return ctx.forbid('engineer');
    if (!body || typeof body !== 'object') throw new Bad(400, 'body', 'a JSON object is required');
    const b = body as Record<string, unknown>;
    const unknown = Object.keys(b).find((k) => !FIELDS.includes(k));
    if (unknown) throw new Bad(400, unknown, 'unknown field');
    if (!/^[a-z][a-z0-9-]{1,40}[a-z0-9]$/.test(String(b.name ?? ''))) throw new Bad(400, 'name', "3-42 characters, lower-case letters, digits and '-', starting with a letter");
    if (!state.platforms.some((p) => p.id === b.platform)) throw new Bad(400, 'platform', `'${b.platform}' is not installed [${state.platforms.map((p) => p.id).join(', ')}]`);
    if (!STAGES.includes(String(b.stage ?? '').toLowerCase())) throw new Bad(400, 'stage', STAGES.join(', '));
    if (!b.version && !b.image) throw new Bad(400, 'version', 'required unless image is given');
    if (b.memoryMb !== undefined && (Number(b.memoryMb) < 256 || Number(b.memoryMb) > 1048576)) throw new Bad(400, 'memoryMb', 'between 256 and 1048576');
    if (environments.some((e) => e.spec.name === b.name && e.state !== 'DESTROYED')) throw new Bad(409, 'name', `an environment named '${b.name}' already exists`);
    if (state.runtimeDown) return problem(503, "runtime host 'local' is not available");
    const name = String(b.name);
    const env = fakeEnvironment(name, 'REQUESTED', { id: newId(name), endpoints: {}, createdBy: ctx.user, stateReason: `requested by ${ctx.user}`, created: now(), updated: now() });
    Object.assign(env.spec, {
      platform: b.platform,
      version: b.version ?? null,
      image: b.image ?? null,
      stage: String(b.stage).toUpperCase(),
      secrets: b.secrets ?? {},
      ports: b.ports ?? {},
      limits: { memoryBytes: Number(b.memoryMb ?? 0) * 1048576, cpus: b.cpus ?? 0 },
      ttl: b.ttlMinutes ? `PT${b.ttlMinutes}M` : null,
      idleTimeout: b.idleTimeoutMinutes ? `PT${b.idleTimeoutMinutes}M` : null,
      labels: b.labels ?? {},
      host: b.host ?? null,
    });
    environments.unshift(env);
    const op = start(env, 'create', ctx.user);
    record(ctx.user, 'POST /api/v1/environments', env.id);
    const answer = json(202, { environment: env, operation: op });
    answer.headers.set('Location', `/api/v1/operations/${op.id}`);
    return answer;
  };

  /** POST backups, restore, rollback, upgrade: one at a time, each with the server's preconditions. */
  const maintain =
    (what: 'backups' | 'restore' | 'rollback' | 'upgrade'): Route['handle'] =>
    ({ body }, ctx, { id }) => {
      const env = find(id, true);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const b = (body ?? {}) as Record<string, string>;
      if (busy(env)) return problem(409, `another operation on '${env.spec.name}' is running`);
      if (what === 'backups') {
        if (env.state !== 'RUNNING') return problem(409, `cannot back up an environment that is ${env.state}`);
        // Ignition 8.1 cannot hand out a backup: the server snapshots its data volume, no API key needed
        const snapshot = env.spec.platform === 'ignition' && /^8\.1\./.test(env.spec.version ?? env.spec.image?.split(':').pop() ?? '');
        if (!snapshot) {
          const key = b.apiKeySecret ?? state.backupApiKeySecret;
          if (!key) throw new Bad(400, 'apiKeySecret', 'required (no backupApiKeySecret is configured)');
          if (!/^[a-z]+(:[^:]*)?:.+$/.test(key)) throw new Bad(400, 'apiKeySecret', 'scope:path');
          const colon = key.lastIndexOf(':');
          if (!secretExists(key.slice(0, colon), key.slice(colon + 1))) throw new Bad(400, 'apiKeySecret', `no secret ${key}`);
        }
      } else {
        if (!['RUNNING', 'STOPPED', 'FAILED'].includes(env.state)) return problem(409, `cannot ${what} an environment that is ${env.state}`);
        if (what === 'upgrade') {
          if (!b.version && !b.image) throw new Bad(400, 'version', 'a version or an image is required');
          if ((b.version && b.version === env.spec.version) || (b.image && b.image === env.spec.image)) throw new Bad(400, 'version', 'the environment already runs it');
        } else {
          if (!(backups.get(env.id) ?? []).some((x) => x.id === b.backup || x.sha256 === b.backup)) throw new Bad(400, 'backup', `no backup '${b.backup}'`);
          if (what === 'rollback' && !previous.has(env.id)) return problem(409, `'${env.spec.name}' was never upgraded`);
        }
      }
      const op = start(env, what === 'backups' ? 'backup' : what, ctx.user, b.version ? { version: b.version, image: null } : { image: b.image ?? null });
      record(ctx.user, `POST /api/v1/environments/${env.id}/${what}`, env.id);
      return json(202, op);
    };

  const act =
    (action: 'start' | 'stop' | 'restart'): Route['handle'] =>
    (_call, ctx, { id }) => {
      const env = find(id);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      if (!ALLOWED[action].includes(env.state)) throw new Bad(409, 'action', `cannot ${action} an environment that is ${env.state}`);
      return json(202, start(env, action, ctx.user));
    };

  const routes: Route[] = [
    route('GET', '/api/v1/environments', ({ query }) => page(environments.filter((e) => e.state !== 'DESTROYED'), query)),
    route('POST', '/api/v1/environments', create),
    route('GET', '/api/v1/environments/{id}', (_call, _ctx, { id }) => json(200, find(id))),
    route('DELETE', '/api/v1/environments/{id}', ({ query }, ctx, { id }) => {
      const env = find(id);
      if (!ctx.need('engineer')) return ctx.forbid('engineer');
      const volume = query.get('volume') ?? 'keep';
      if (!['keep', 'delete'].includes(volume)) throw new Bad(400, 'volume', 'keep (default) or delete');
      if (env.state === 'DESTROYED') throw new Bad(404, 'id', `environment '${env.id}' not found`);
      return json(202, start(env, volume === 'delete' ? 'destroy-with-volume' : 'destroy', ctx.user));
    }),
    route('POST', '/api/v1/environments/{id}/start', act('start')),
    route('POST', '/api/v1/environments/{id}/stop', act('stop')),
    route('POST', '/api/v1/environments/{id}/restart', act('restart')),
    route('GET', '/api/v1/environments/{id}/logs', ({ query }, _ctx, { id }) => {
      const env = find(id);
      const text = logs.get(env.id);
      if (text === undefined) return problem(404, `environment '${env.id}' has no container`);
      const tail = Number(query.get('tail') ?? 200);
      if (query.get('follow') === 'true') return driver.follow(env, tail);
      return new Response(text.split('\n').slice(-tail - 1).join('\n'), { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }),
    route('GET', '/api/v1/environments/{id}/metrics', (_call, _ctx, { id }) => {
      const env = find(id);
      if (env.state !== 'RUNNING') return problem(409, `environment '${env.spec.name}' is ${env.state}; metrics come from a RUNNING gateway`);
      const answer = metrics.get(env.id) ?? driver.sample(env);
      if (answer.status) return problem(answer.status, answer.detail ?? 'failed');
      return json(200, { environment: env.id, time: now(), metrics: answer.metrics ?? {} });
    }),
    route('GET', '/api/v1/environments/{id}/backups', ({ query }, _ctx, { id }) => page(backups.get(find(id, true).id) ?? [], query)),
    route('POST', '/api/v1/environments/{id}/backups', maintain('backups')),
    route('POST', '/api/v1/environments/{id}/restore', maintain('restore')),
    route('POST', '/api/v1/environments/{id}/rollback', maintain('rollback')),
    route('POST', '/api/v1/environments/{id}/upgrade', maintain('upgrade')),
    route('GET', '/api/v1/operations/{id}/events', (_call, _ctx, { id }) => {
      const op = operations.operations.get(id);
      return op ? driver.events(op) : problem(404, `operation '${id}' not found`);
    }),
  ];

  return { environments, logs, backups, metrics, previous, routes, handle: router(routes) };
}

export const EVENT_STREAM = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' };

/**
 * The Vitest driver: operations stay where a test puts them; each open event stream (by operation id, or
 * `logs:<environment id>` for a followed log) takes the frames a test pushes with `sse.send`.
 */
export function handDriver(): EnvironmentsDriver & { sse: { isOpen: (key: string) => boolean; send: (key: string, text: string) => void; close: (key: string) => void } } {
  const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  const open = (key: string) =>
    new Response(
      new ReadableStream<Uint8Array>({
        start: (controller) => void streams.set(key, controller),
        cancel: () => void streams.delete(key),
      }),
      { status: 200, headers: EVENT_STREAM },
    );
  return {
    started: () => {},
    events: (op) => open(op.id),
    follow: (env) => open(`logs:${env.id}`),
    sample: () => ({ metrics: { 'memory.used.bytes': 268435456, 'memory.committed.bytes': 402653184, 'memory.max.bytes': 1073741824, 'cpu.usage': 0.125, 'cpu.system.usage': 0.3, 'cpu.processors': 4, threads: 87, 'uptime.seconds': 3723 } }),
    sse: {
      isOpen: (key) => streams.has(key),
      send: (key, text) => streams.get(key)?.enqueue(encoder.encode(text)),
      close: (key) => {
        streams.get(key)?.close();
        streams.delete(key);
      },
    },
  };
}
