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
import { json, problem, type Call } from '../../../../test-support/fake/http';
import { fakeSecrets } from '../../../../test-support/fake/secrets';
import { fakePipelines } from '../../../../test-support/fake/pipelines';
import { fakeProjects } from './fakeProjects';

type RoleName = 'admin' | 'lead' | 'engineer' | 'viewer';
interface FakeUser {
  username: string;
  role: RoleName;
  password: string;
  created: string;
  createdBy: string;
  /** signs in with a generated password: the token answer asks for a new one */
  mustChange?: boolean;
}
interface FakeToken {
  id: string;
  owner: string;
  name: string;
  scopes: string[];
  created: string;
  expires: string | null;
  revoked: string | null;
  parent: string | null;
}

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

export interface FakeOperation {
  id: string;
  kind: string;
  target: string;
  status: string;
  step: string;
  percent: number;
  message: string;
  startedBy: string;
  started: string;
  finished: string | null;
}

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

const RANK: Record<RoleName, number> = { viewer: 0, engineer: 1, lead: 2, admin: 3 };

export function fakeStoker() {
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, string>(); // bearer -> username
  const tokens: FakeToken[] = [];
  const calls: Call[] = [];
  const audit = Array.from({ length: 120 }, (_, i) => ({
    seq: 120 - i,
    time: new Date(Date.UTC(2026, 0, 1, 12, 0, 120 - i)).toISOString(),
    record: { actor: i % 2 ? 'alice' : 'admin', action: i % 3 ? 'auth.login' : 'POST /api/v1/users', target: '', sourceAddress: '10.0.0.1', outcome: i % 5 ? 'SUCCESS' : 'DENIED', detail: '' },
    previousHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  }));
  const state = {
    health: { status: 'UP', components: [{ component: 'database', status: 'UP', detail: 'H2 embedded' }] } as unknown,
    healthStatus: 200,
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
    chain: { intact: true, checked: 120, firstBrokenSeq: null, reason: null } as unknown,
    /** when set, every authenticated call answers 401 (expired session) */
    expireAll: false,
    /** when set, creating an environment answers 503 */
    runtimeDown: false,
  };
  const environments: FakeEnvironment[] = [];
  // secrets are written a minute apart from 2026-01-10 09:00 on, so lists sort the same every run
  let clock = Date.UTC(2026, 0, 10, 9, 0, 0);
  const secrets = fakeSecrets({ now: () => new Date((clock += 60_000)).toISOString() });
  const projects = fakeProjects();
  const pipelines = fakePipelines((p) => projects.projects.some((x) => x.name === p));
  const operations = new Map<string, FakeOperation>();
  const orphans: { runtimeHost: string; container: Record<string, unknown> & { id: string }; reason: string }[] = [];
  const logs = new Map<string, string>();
  /** backups by environment id, newest first (server shape) */
  const backups = new Map<string, Record<string, unknown>[]>();
  const artifacts: Record<string, unknown>[] = [];
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
  let opSeq = 0;
  const newOperation = (kind: string, target: string, by: string): FakeOperation => {
    const op: FakeOperation = {
      id: `op${++opSeq}`,
      kind,
      target,
      status: 'QUEUED',
      step: 'queued',
      percent: 0,
      message: 'waiting for a worker',
      startedBy: by,
      started: '2026-01-05T10:00:00Z',
      finished: null,
    };
    operations.set(op.id, op);
    return op;
  };
  const ACTIONS_ALLOWED: Record<string, string[]> = {
    start: ['STOPPED', 'FAILED'],
    stop: ['RUNNING', 'STARTING', 'FAILED'],
    restart: ['RUNNING', 'FAILED', 'STOPPED'],
  };

  const addUser = (username: string, role: RoleName, password = 'correct horse battery') => {
    users.set(username, { username, role, password, created: '2026-01-01T10:00:00Z', createdBy: 'system' });
  };
  addUser('admin', 'admin');

  /** Makes `username` signed in: stores a bearer in sessionStorage like a real sign-in. */
  const session = (username: string) => {
    const bearer = `tok-${username}`;
    sessions.set(bearer, username);
    return bearer;
  };

  const view = (u: FakeUser) => ({ username: u.username, role: u.role.toUpperCase(), created: u.created, createdBy: u.createdBy, disabled: false });

  const handle = (call: Call): Response => {
    const { method, path, query, body } = call;
    if (path === '/api/v1/health' && method === 'GET') return json(state.healthStatus, state.health);
    if (path === '/api/v1/auth/token' && method === 'POST') {
      const b = body as { username?: string; password?: string };
      if (!b?.username) return problem(400, 'required', 'username');
      const u = users.get(b.username);
      if (!u || u.password !== b.password) return problem(401, 'invalid user name or password');
      return json(200, { access_token: session(u.username), token_type: 'Bearer', expires_in: 3600, password_change_required: !!u.mustChange });
    }
    const bearer = call.auth?.startsWith('Bearer ') ? call.auth.slice(7) : null;
    const me = bearer && !state.expireAll ? users.get(sessions.get(bearer) ?? '') : undefined;
    if (!me) return problem(401, 'token expired or unknown');
    const need = (role: RoleName) => RANK[me.role] >= RANK[role];
    const forbid = (role: RoleName) => problem(403, `needs role '${role}' or higher; you are '${me.role}'`);

    if (path === '/api/v1/auth/me') return json(200, { username: me.username, role: me.role, scopes: [] });
    if (path === '/api/v1/platforms') return json(200, { items: state.platforms });
    const platformMatch = path.match(/^\/api\/v1\/platforms\/([^/]+)$/);
    if (platformMatch) {
      const p = state.platforms.find((x) => x.id === decodeURIComponent(platformMatch[1]));
      return p ? json(200, p) : problem(404, `platform '${platformMatch[1]}' not found`);
    }
    if (path === '/api/v1/artifacts' && method === 'POST') {
      if (!need('engineer')) return forbid('engineer');
      const file = body instanceof FormData ? body.get('file') : null;
      if (!(file instanceof File)) return problem(400, "file: a multipart form with a 'file' part is required", 'file');
      const kinds: Record<string, string> = { modl: 'module', jar: 'jdbc', gwbk: 'backup' };
      const kind = kinds[file.name.split('.').pop() ?? ''];
      if (!kind) return problem(400, `fileName: '${file.name}' is not a .modl, .jar or .gwbk file`, 'fileName');
      if (file.name.includes('broken')) return problem(400, `file: ${file.name} is not a ${kind}: no ${kind === 'module' ? 'module.xml' : 'content'} inside`, 'file');
      const sha256 = (file.name.replace(/[^a-z0-9]/gi, '') + '0'.repeat(64)).slice(0, 64).toLowerCase();
      const attributes: Record<string, string> =
        kind === 'module' ? { moduleId: 'com.example.mod', moduleName: 'Example', moduleVersion: '1.2.0' } : kind === 'jdbc' ? { driverClasses: 'org.postgresql.Driver' } : { ignitionVersion: '8.3.4' };
      const a = { sha256, size: file.size, fileName: file.name, kind, attributes, createdBy: me.username, created: '2026-01-05T10:00:00Z' };
      artifacts.unshift(a);
      return json(201, a);
    }
    if (path === '/api/v1/users' && method === 'GET') {
      if (!need('admin')) return forbid('admin');
      const all = [...users.values()].sort((a, b) => a.username.localeCompare(b.username));
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: all.slice(offset, offset + limit).map(view), offset, limit, total: all.length });
    }
    if (path === '/api/v1/users' && method === 'POST') {
      if (!need('admin')) return forbid('admin');
      const b = body as { username: string; role: string; password: string };
      if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(b.username ?? '')) return problem(400, 'username: 2-64 characters', 'username');
      if (users.has(b.username)) return problem(409, `username: user '${b.username}' already exists`, 'username');
      if ((b.password ?? '').length < 12) return problem(400, 'password: at least 12 characters', 'password');
      addUser(b.username, b.role.toLowerCase() as RoleName, b.password);
      return json(201, view(users.get(b.username)!));
    }
    const userMatch = path.match(/^\/api\/v1\/users\/([^/]+)$/);
    if (userMatch) {
      if (!need('admin')) return forbid('admin');
      const name = decodeURIComponent(userMatch[1]);
      const u = users.get(name);
      if (!u) return problem(404, `user '${name}' not found`);
      if (method === 'DELETE') {
        if (name === me.username) return problem(409, 'username: you cannot delete yourself', 'username');
        users.delete(name);
        return new Response(null, { status: 204 });
      }
      if (method === 'PATCH') {
        const b = body as { role?: string; password?: string };
        if (b.role) u.role = b.role as RoleName;
        if (b.password) {
          u.password = b.password;
          u.mustChange = false;
        }
        return json(200, view(u));
      }
    }
    if (path === '/api/v1/tokens' && method === 'GET') {
      const all = query.get('all') === 'true';
      if (all && !need('admin')) return problem(403, "only admins may list everyone's tokens");
      return json(200, { items: tokens.filter((t) => all || t.owner === me.username).map((t) => ({ ...t })) });
    }
    if (path === '/api/v1/tokens' && method === 'POST') {
      const b = body as { name: string; scopes: string[]; expiresInDays?: number };
      if (!b.name) return problem(400, "name: 1-100 letters, digits, spaces, '.', '_' or '-'", 'name');
      const id = `id${tokens.length + 1}`;
      const t: FakeToken = {
        id,
        owner: me.username,
        name: b.name,
        scopes: b.scopes,
        created: '2026-01-02T10:00:00Z',
        expires: b.expiresInDays ? '2099-01-01T00:00:00Z' : null,
        revoked: null,
        parent: null,
      };
      tokens.push(t);
      return json(201, { token: t, secret: `stk_${id}_s3cr3t` });
    }
    const tokenMatch = path.match(/^\/api\/v1\/tokens\/([^/]+)$/);
    if (tokenMatch && method === 'DELETE') {
      const t = tokens.find((x) => x.id === tokenMatch[1]);
      if (!t) return problem(404, 'token not found');
      t.revoked = '2026-01-03T10:00:00Z';
      return new Response(null, { status: 204 });
    }
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
    if (path === '/api/v1/environments/orphans') {
      if (!need('admin')) return forbid('admin');
      return json(200, { items: orphans });
    }
    const orphanMatch = path.match(/^\/api\/v1\/environments\/orphans\/([^/]+)\/([^/]+)$/);
    if (orphanMatch && method === 'DELETE') {
      if (!need('admin')) return forbid('admin');
      const i = orphans.findIndex((o) => o.runtimeHost === decodeURIComponent(orphanMatch[1]) && o.container.id === decodeURIComponent(orphanMatch[2]));
      if (i < 0) return problem(404, 'no orphan container');
      orphans.splice(i, 1);
      return new Response(null, { status: 204 });
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
    if (path === '/api/v1/operations' && method === 'GET') {
      const target = query.get('target');
      if (!target) return problem(400, 'required: the id of the environment the operations work on', 'target');
      // newest first, like the server (ORDER BY started DESC; later ids first on equal times)
      const all = [...operations.values()].filter((o) => o.target === target).reverse().sort((a, b) => b.started.localeCompare(a.started));
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: all.slice(offset, offset + limit), offset, limit, total: all.length });
    }
    const opMatch = path.match(/^\/api\/v1\/operations\/([^/]+)(\/events)?$/);
    if (opMatch && method === 'GET') {
      const op = operations.get(decodeURIComponent(opMatch[1]));
      if (!op) return problem(404, `operation '${opMatch[1]}' not found`);
      if (!opMatch[2]) return json(200, op);
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
    if (path === '/api/v1/audit/verify') return need('admin') ? json(200, state.chain) : forbid('admin');
    if (path === '/api/v1/audit') {
      if (!need('lead')) return forbid('lead');
      const outcome = query.get('outcome');
      if (outcome && !['success', 'denied', 'failed'].includes(outcome.toLowerCase())) {
        return problem(400, 'one of success, denied, failed', 'outcome');
      }
      const items = audit.filter(
        (e) =>
          (!query.get('actor') || e.record.actor === query.get('actor')) &&
          (!outcome || e.record.outcome === outcome.toUpperCase()) &&
          (!query.get('action') || e.record.action.startsWith(query.get('action')!)),
      );
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json(200, { items: items.slice(offset, offset + limit), offset, limit, total: items.length });
    }
    const ctx = { user: me.username, need, forbid };
    return (
      secrets.handle(call, ctx) ??
      pipelines.handle(call, ctx) ??
      projects.handle(call, ctx) ??
      problem(404, `no route ${method} ${path}`)
    );
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
    const answer = handle(call);
    await checkAnswer(call, answer);
    return answer;
  };

  const api = stokerApi(
    createClient({ getToken: () => loadToken(), onUnauthorized: () => endSession('expired'), fetchImpl: fetchImpl as typeof fetch }),
  );

  return { api, users, tokens, calls, state, addUser, session, fetch: fetchImpl, environments, operations, orphans, logs, metrics, sse, newOperation, secrets, projects, pipelines, backups, artifacts };
}

export type FakeStoker = ReturnType<typeof fakeStoker>;
