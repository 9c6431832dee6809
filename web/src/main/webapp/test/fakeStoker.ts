/**
 * An in-memory stand-in for Stoker's REST API, answering the console's fetch calls the way
 * dev.stoker.rest does (JSON, problem+json errors, 401 for unknown tokens, enum names in upper case).
 */
import { createClient } from '../app/api/client';
import { loadToken } from '../app/api/session';
import { stokerApi } from '../app/api/stoker';
import { endSession } from '../app/auth/sessionEvents';
import { contractChecker } from '../../../../test-support/contract.mjs';
import openapi from '../api/openapi.json';
import { fakeCore } from '../../../../test-support/fake/core';
import { json, problem, type Answer, type Call, type Ctx } from '../../../../test-support/fake/http';
import { fakeArtifacts } from '../../../../test-support/fake/artifacts';
import { fakeOperations, type FakeOperation } from '../../../../test-support/fake/operations';
import { fakeSecrets } from '../../../../test-support/fake/secrets';
import { fakePipelines } from '../../../../test-support/fake/pipelines';
import { fakeProjects } from './fakeProjects';

export type { Call };

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

export type { FakeOperation };

/** A server-shaped environment record (enum names in upper case), for tests to put into the fake. */
export function fakeEnvironment(name: string, state = 'RUNNING', extra: Partial<FakeEnvironment> = {}): FakeEnvironment {
  return {
    id: `env-${name}`,
    spec: {
      name,
      platform: 'ignition',
      version: '8.3.4',
      image: null,
      stage: 'DEV',
      modules: [],
      jdbcDrivers: [],
      secrets: {},
      restoreBackup: null,
      ports: {},
      limits: { memoryBytes: 0, cpus: 0 },
      ttl: null,
      idleTimeout: null,
      labels: {},
      host: null,
    },
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

/**
 * Every answer of every fake is checked against the API contract (the OpenAPI snapshot); what does not
 * fit is collected here and fails the test (test/setup.ts).
 */
const contract = contractChecker(openapi);
export const contractViolations: string[] = [];

async function checkAnswer(call: Call, answer: Response) {
  const type = answer.headers.get('Content-Type') ?? '';
  if (!/json/.test(type)) return;
  const text = await answer.clone().text();
  const errors = contract.check(call.method, call.path, answer.status, text ? JSON.parse(text) : null, type);
  if (errors) contractViolations.push(...errors);
}

export function fakeStoker() {
  const calls: Call[] = [];
  const core = fakeCore({
    now: () => new Date().toISOString(),
    platforms: [
      {
        id: 'ignition',
        displayName: 'Ignition',
        vendor: 'Inductive Automation',
        adapterVersion: '0.1.0',
        versions: [{ line: '8.3', defaultVersion: '8.3.4', defaultImage: 'inductiveautomation/ignition:8.3.4' }],
        capabilities: ['RUNTIME', 'BACKUP'],
      },
    ],
  });
  const { users, tokens, addUser, session } = core;
  // an audit log of 120 entries (two and a half pages), newest first
  core.audit.push(
    ...Array.from({ length: 120 }, (_, i) => ({
      seq: 120 - i,
      time: new Date(Date.UTC(2026, 0, 1, 12, 0, 120 - i)).toISOString(),
      record: { actor: i % 2 ? 'alice' : 'admin', action: i % 3 ? 'auth.login' : 'POST /api/v1/users', target: '', sourceAddress: '10.0.0.1', outcome: i % 5 ? 'SUCCESS' : 'DENIED', detail: '' },
      previousHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    })),
  );
  /** the core's state, and: when `runtimeDown` is set, creating an environment answers 503 */
  const state = Object.assign(core.state, { runtimeDown: false });
  const environments: FakeEnvironment[] = [];
  // secrets are written a minute apart from 2026-01-10 09:00 on, so lists sort the same every run
  let clock = Date.UTC(2026, 0, 10, 9, 0, 0);
  const secrets = fakeSecrets({ now: () => new Date((clock += 60_000)).toISOString() });
  const projects = fakeProjects();
  const pipelines = fakePipelines((p) => projects.projects.some((x) => x.name === p));
  // operations all start at 2026-01-05 10:00 (the list orders equal times by id, newest first)
  const { operations, orphans, newOperation, ...ops } = fakeOperations({ now: () => '2026-01-05T10:00:00Z' });
  const logs = new Map<string, string>();
  /** backups by environment id, newest first (server shape) */
  const backups = new Map<string, Record<string, unknown>[]>();
  const uploads = fakeArtifacts({ now: () => '2026-01-05T10:00:00Z' });
  const { artifacts } = uploads;
  /**
   * What GET /environments/{id}/metrics answers, by environment id, while it is RUNNING: a sample's
   * `metrics`, or a problem (`status`, `detail`). Unset: a fixed healthy sample.
   */
  const metrics = new Map<string, { metrics?: Record<string, number>; status?: number; detail?: string }>();
  /** open event streams by operation id: tests push frames with `sse.send` */
  const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  const sse = {
    isOpen: (opId: string) => streams.has(opId),
    send: (opId: string, text: string) => streams.get(opId)?.enqueue(encoder.encode(text)),
    close: (opId: string) => {
      streams.get(opId)?.close();
      streams.delete(opId);
    },
  };
  const ACTIONS_ALLOWED: Record<string, string[]> = {
    start: ['STOPPED', 'FAILED'],
    stop: ['RUNNING', 'STARTING', 'FAILED'],
    restart: ['RUNNING', 'FAILED', 'STOPPED'],
  };

  addUser('admin', 'admin');

  /** The shared operations and artifacts, then what the shared parts do not serve yet: environments (and projects). */
  const handle = (call: Call, ctx: Ctx): Answer | undefined => {
    const shared = ops.handle(call, ctx) ?? uploads.handle(call, ctx);
    if (shared) return shared;
    const { method, path, query, body } = call;
    const me = { username: ctx.user };
    const { need, forbid } = ctx;
    if (path === '/api/v1/environments' && method === 'GET') {
      const live = environments.filter((e) => e.state !== 'DESTROYED');
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: live.slice(offset, offset + limit), offset, limit, total: live.length });
    }
    if (path === '/api/v1/environments' && method === 'POST') {
      if (!need('engineer')) return forbid('engineer');
      const b = body as Record<string, unknown>;
      const known = ['name', 'platform', 'version', 'image', 'stage', 'modules', 'jdbcDrivers', 'secrets', 'restoreBackup', 'ports', 'memoryMb', 'cpus', 'ttlMinutes', 'idleTimeoutMinutes', 'labels', 'host'];
      const unknown = Object.keys(b ?? {}).find((k) => !known.includes(k));
      if (unknown) return problem(400, `${unknown}: unknown field`, unknown);
      if (!/^[a-z][a-z0-9-]{1,40}[a-z0-9]$/.test(String(b.name ?? ''))) return problem(400, "name: 3-42 characters, lower-case letters, digits and '-', starting with a letter", 'name');
      if (!state.platforms.some((p) => p.id === b.platform)) return problem(400, `platform: '${b.platform}' is not installed`, 'platform');
      if (!['dev', 'test', 'staging', 'qa', 'prod'].includes(String(b.stage ?? '').toLowerCase())) return problem(400, 'one of dev, test, staging, qa, prod', 'stage');
      if (b.memoryMb !== undefined && (Number(b.memoryMb) < 256 || Number(b.memoryMb) > 1048576)) return problem(400, 'between 256 and 1048576', 'memoryMb');
      if (environments.some((e) => e.spec.name === b.name && e.state !== 'DESTROYED')) return problem(409, `name: an environment named '${b.name}' already exists`, 'name');
      if (state.runtimeDown) return problem(503, "runtime host 'local' is not available");
      const env = fakeEnvironment(String(b.name), 'REQUESTED', { endpoints: {}, createdBy: me.username, stateReason: `requested by ${me.username}` });
      env.spec = { ...env.spec, version: b.version ?? null, image: b.image ?? null, stage: String(b.stage).toUpperCase(), ports: (b.ports as object) ?? {}, labels: (b.labels as object) ?? {}, secrets: (b.secrets as object) ?? {} };
      environments.unshift(env);
      const op = newOperation('environment.create', env.id, me.username);
      return json(202, { environment: env, operation: op });
    }
    const metricsMatch = path.match(/^\/api\/v1\/environments\/([^/]+)\/metrics$/);
    if (metricsMatch && method === 'GET') {
      const env = environments.find((e) => e.id === decodeURIComponent(metricsMatch[1]));
      if (!env) return problem(404, `environment '${metricsMatch[1]}' not found`);
      if (env.state !== 'RUNNING') return problem(409, `environment '${env.spec.name}' is ${env.state}; metrics come from a RUNNING gateway`);
      const answer = metrics.get(env.id) ?? {
        metrics: { 'memory.used.bytes': 268435456, 'memory.committed.bytes': 402653184, 'memory.max.bytes': 1073741824, 'cpu.usage': 0.125, 'cpu.system.usage': 0.3, 'cpu.processors': 4, threads: 87, 'uptime.seconds': 3723 },
      };
      if (answer.status) return problem(answer.status, answer.detail ?? 'failed');
      return json(200, { environment: env.id, time: new Date().toISOString(), metrics: answer.metrics ?? {} });
    }
    const maintenanceMatch = path.match(/^\/api\/v1\/environments\/([^/]+)\/(backups|restore|rollback|upgrade)$/);
    if (maintenanceMatch) {
      const env = environments.find((e) => e.id === decodeURIComponent(maintenanceMatch[1]));
      if (!env) return problem(404, `environment '${maintenanceMatch[1]}' not found`);
      const what = maintenanceMatch[2];
      const list = backups.get(env.id) ?? [];
      if (what === 'backups' && method === 'GET') {
        const offset = Number(query.get('offset') ?? 0);
        const limit = Number(query.get('limit') ?? 50);
        return json(200, { items: list.slice(offset, offset + limit), offset, limit, total: list.length });
      }
      if (method !== 'POST') return problem(405, 'method not allowed');
      if (!need('engineer')) return forbid('engineer');
      const b = (body ?? {}) as Record<string, string>;
      if (what === 'backups') {
        if (env.state !== 'RUNNING') return problem(409, `cannot back up an environment that is ${env.state}`);
        if (b.apiKeySecret !== undefined && !/^[a-z]+(:[^:]*)?:.+$/.test(b.apiKeySecret)) return problem(400, 'apiKeySecret: scope:path', 'apiKeySecret');
        return json(202, newOperation('environment.backup', env.id, me.username));
      }
      if (what === 'upgrade') {
        if (!b.version && !b.image) return problem(400, 'version: a version or an image is required', 'version');
        if (b.version && b.version === env.spec.version) return problem(400, 'version: the environment already runs it', 'version');
        return json(202, newOperation('environment.upgrade', env.id, me.username));
      }
      if (!list.some((x) => x.id === b.backup || x.sha256 === b.backup)) return problem(400, `backup: no backup '${b.backup}'`, 'backup');
      return json(202, newOperation(`environment.${what}`, env.id, me.username));
    }
    const envMatch = path.match(/^\/api\/v1\/environments\/([^/]+)(?:\/(start|stop|restart|logs))?$/);
    if (envMatch) {
      const env = environments.find((e) => e.id === decodeURIComponent(envMatch[1]));
      if (!env) return problem(404, `environment '${envMatch[1]}' not found`);
      const action = envMatch[2];
      if (!action && method === 'GET') return json(200, env);
      if (action === 'logs' && method === 'GET' && query.get('follow') === 'true') {
        const key = `logs:${env.id}`;
        const stream = new ReadableStream<Uint8Array>({
          start: (controller) => {
            streams.set(key, controller);
          },
          cancel: () => {
            streams.delete(key);
          },
        });
        return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }
      if (action === 'logs' && method === 'GET') {
        const text = logs.get(env.id);
        if (text === undefined) return problem(404, `environment '${env.id}' has no container`);
        return new Response(text, { status: 200, headers: { 'Content-Type': 'text/plain' } });
      }
      if (!need('engineer')) return forbid('engineer');
      if (action && method === 'POST') {
        if (!ACTIONS_ALLOWED[action]?.includes(env.state)) return problem(409, `action: cannot ${action} an environment that is ${env.state}`, 'action');
        return json(202, newOperation(`environment.${action}`, env.id, me.username));
      }
      if (!action && method === 'DELETE') {
        const volume = query.get('volume') ?? 'keep';
        if (!['keep', 'delete'].includes(volume)) return problem(400, 'keep (default) or delete', 'volume');
        if (env.state === 'DESTROYED') return problem(404, 'not found');
        return json(202, newOperation(volume === 'delete' ? 'environment.destroy-with-volume' : 'environment.destroy', env.id, me.username));
      }
    }
    const opMatch = path.match(/^\/api\/v1\/operations\/([^/]+)\/events$/);
    if (opMatch && method === 'GET') {
      const op = operations.get(decodeURIComponent(opMatch[1]));
      if (!op) return problem(404, `operation '${opMatch[1]}' not found`);
      const id = op.id;
      const stream = new ReadableStream<Uint8Array>({
        start: (controller) => {
          streams.set(id, controller);
        },
        cancel: () => {
          streams.delete(id);
        },
      });
      return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    return secrets.handle(call, ctx) ?? pipelines.handle(call, ctx) ?? projects.handle(call, ctx);
  };

  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://stoker.test');
    const headers = (init.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : (init.body ?? undefined),
      auth: headers.Authorization ?? null,
    };
    calls.push(call);
    const answer = await (core.serve(call, handle).answer ?? problem(404, `no route ${call.method} ${call.path}`));
    await checkAnswer(call, answer);
    return answer;
  };

  const api = stokerApi(
    createClient({ getToken: () => loadToken(), onUnauthorized: () => endSession('expired'), fetchImpl: fetchImpl as typeof fetch }),
  );

  return { api, users, tokens, calls, state, addUser, session, fetch: fetchImpl, environments, operations, orphans, logs, metrics, sse, newOperation, secrets, projects, pipelines, backups, artifacts };
}

export type FakeStoker = ReturnType<typeof fakeStoker>;
