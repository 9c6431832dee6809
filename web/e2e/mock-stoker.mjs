// A small stand-in for a Stoker distribution, for the e2e script's self-test mode only:
// serves dist/ at /console (same fallback rules as ConsoleServlet) and an in-memory /api/v1.
// It is not a specification of the API; dev.stoker.rest is. The parts of the fake back end that Vitest and
// this server share (test-support/fake/, TypeScript) are answered through `relay`; so this file runs under
// vite-node (`npm run mock`, `npm run e2e:self-test`) or Vitest (test/mockContract.test.ts).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractChecker, loadContract } from '../test-support/contract.mjs';
import { mockProjects } from './mock-projects.mjs';
import { fakeArtifacts } from '../test-support/fake/artifacts.ts';
import { fakeCore } from '../test-support/fake/core.ts';
import { router } from '../test-support/fake/http.ts';
import { fakeOperations } from '../test-support/fake/operations.ts';
import { fakePipelines } from '../test-support/fake/pipelines.ts';
import { fakeSecrets } from '../test-support/fake/secrets.ts';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const RANK = { viewer: 0, engineer: 1, lead: 2, admin: 3 };
// Every JSON answer is checked against the API contract (the OpenAPI snapshot): one that does not fit is
// answered 500 with the reasons instead, which fails the browser test (and the contract test in Vitest).
const contract = contractChecker(loadContract());

export function startMockStoker({ port = 0, adminPassword = 'admin-password-e2e' } = {}) {
  const now = () => new Date().toISOString();
  const secrets = fakeSecrets({ now });
  const projects = mockProjects({ now });
  // pipelines are not simulated (e2e/pipeline.e2e.mjs runs against a real Stoker): nothing runs by itself
  const pipelines = fakePipelines((name) => projects.exists(name));

  // Environments: provisioning and lifecycle work is simulated with timers (a few seconds each).
  const environments = [];
  const { operations, orphans, newOperation: newOp, routes: operationRoutes } = fakeOperations({ now });
  // artifacts: uploads and the backups Stoker took
  const uploads = fakeArtifacts({ now });
  const shared = router([...secrets.routes, ...pipelines.routes, ...operationRoutes, ...uploads.routes]);
  const logs = new Map();
  orphans.push({ runtimeHost: 'local', container: { id: 'deadbeefcafe0001', name: 'stoker-leftover', image: 'inductiveautomation/ignition:8.3.4', running: false, ports: {}, labels: { 'dev.stoker.environment': 'gone' } }, reason: 'no environment gone is recorded' });
  let nextPort = 40001;
  // Backups by environment id, newest first.
  const backups = new Map();
  const PLATFORM = { id: 'ignition', displayName: 'Ignition', vendor: 'Inductive Automation', adapterVersion: '0.1.0', versions: [{ line: '8.3', defaultVersion: '8.3.4', defaultImage: 'inductiveautomation/ignition:8.3.4' }, { line: '8.1', defaultVersion: '8.1.47', defaultImage: 'inductiveautomation/ignition:8.1.47' }], capabilities: ['RUNTIME', 'GATEWAY_CLIENT', 'PROJECT_CODEC', 'SEMANTIC_MERGE', 'TAGS', 'BACKUP', 'METRICS'] };
  // sign-in, users, tokens, platforms, health and the audit log (test-support/fake/core.ts)
  const core = fakeCore({ now, platforms: [PLATFORM] });
  core.addUser('admin', 'admin', adminPassword);
  core.state.health = { status: 'UP', components: [{ component: 'adapters', status: 'UP', detail: '1 platform adapter(s): ignition' }, { component: 'security', status: 'UP', detail: 'users, tokens and audit log available' }] };
  const { record } = core;
  const STEP_MS = Number(process.env.MOCK_STEP_MS ?? 600);
  const ALLOWED = { start: ['STOPPED', 'FAILED'], stop: ['RUNNING', 'STARTING', 'FAILED'], restart: ['RUNNING', 'FAILED', 'STOPPED'] };
  const log = (env, line) => logs.set(env.id, `${logs.get(env.id) ?? ''}${new Date().toISOString()} INFO  [${env.spec.name}] ${line}\n`);
  const setState = (env, state, reason) => {
    if (state === 'RUNNING' && env.state !== 'RUNNING') env.runningSince = Date.now();
    env.state = state; env.stateReason = reason; env.updated = now();
  };
  const run = (op, env, steps) => {
    let i = 0;
    const tick = () => {
      const [step, percent, message, fn] = steps[i++];
      Object.assign(op, { status: 'RUNNING', step, percent, message });
      fn?.();
      if (i < steps.length) setTimeout(tick, STEP_MS);
      else Object.assign(op, { status: 'SUCCEEDED', step: 'done', percent: 100, finished: now() });
    };
    setTimeout(tick, STEP_MS);
  };
  const provision = (op, env) => run(op, env, [
    ['start', 1, 'worker picked it up', () => setState(env, 'PROVISIONING', 'provisioning')],
    ['image', 10, `making sure image ${env.spec.image ?? 'inductiveautomation/ignition:' + env.spec.version} is on local`],
    ['volume', 25, `data volume stoker-${env.spec.name}-data`],
    ['container', 50, 'creating the gateway container', () => { env.endpoints = { http: `http://127.0.0.1:${env.port}`, https: `https://127.0.0.1:${env.port + 1}`, gan: `tcp://127.0.0.1:${env.port + 2}` }; setState(env, 'STARTING', 'starting the gateway'); log(env, 'Starting Ignition Gateway'); }],
    ['probe', 70, 'gateway STARTING', () => log(env, 'Gateway state STARTING')],
    ['probe', 85, 'gateway COMMISSIONING', () => log(env, 'Gateway state COMMISSIONING')],
    ['probe', 95, 'gateway RUNNING', () => { setState(env, 'RUNNING', 'gateway RUNNING'); log(env, 'Ignition Gateway RUNNING'); }],
  ]);
  const lifecycle = (op, env, action) => {
    if (action === 'stop') return run(op, env, [['stop', 30, 'stopping the gateway', () => log(env, 'Shutting down')], ['stop', 80, 'stopped', () => setState(env, 'STOPPED', `stopped by ${op.startedBy}`)]]);
    if (action === 'start' || action === 'restart') return run(op, env, [['start', 40, 'starting the gateway', () => setState(env, 'STARTING', 'starting')], ['probe', 80, 'gateway RUNNING', () => { setState(env, 'RUNNING', 'gateway RUNNING'); log(env, 'Ignition Gateway RUNNING'); }]]);
    if (action === 'backup') return run(op, env, [['download', 30, 'downloading the gateway backup'], ['store', 80, 'checking and storing it', () => {
      const bytes = new TextEncoder().encode(`PK gateway backup of ${env.spec.name} at ${now()}`);
      uploads.store(bytes, `${env.spec.name}-${now().replace(/[:.]/g, '')}.gwbk`, op.startedBy).then((a) => {
        const list = backups.get(env.id) ?? [];
        list.unshift({ id: `bk-${Math.random().toString(16).slice(2, 10)}`, environmentId: env.id, sha256: a.sha256, size: a.size, image: env.spec.image ?? `inductiveautomation/ignition:${env.spec.version}`, version: env.spec.version, createdBy: op.startedBy, created: now() });
        backups.set(env.id, list);
        op.message = `backup ${a.sha256.slice(0, 12)} stored`;
      });
    }]]);
    if (action === 'restore' || action === 'rollback' || action === 'upgrade') {
      return run(op, env, [
        ['image', 20, action === 'upgrade' ? `making sure image ${op.target_image} is on local` : 'preparing a fresh data volume', () => setState(env, 'STARTING', `${action} by ${op.startedBy}`)],
        ['container', 50, 'recreating the gateway container', () => {
          if (action === 'upgrade') { env.previous = { version: env.spec.version, image: env.spec.image }; Object.assign(env.spec, op.params); }
          if (action === 'rollback') { Object.assign(env.spec, env.previous); env.previous = null; }
          log(env, `Starting Ignition Gateway (${action})`);
        }],
        ['probe', 90, 'gateway RUNNING', () => { setState(env, 'RUNNING', 'gateway RUNNING'); log(env, 'Ignition Gateway RUNNING'); }],
      ]);
    }
    return run(op, env, [['remove', 40, 'removing the container'], ['remove', 80, action === 'destroy-with-volume' ? 'removing the data volume' : 'keeping the data volume', () => { setState(env, 'DESTROYED', `destroyed by ${op.startedBy}`); env.endpoints = {}; }]]);
  };

  // Live metrics like GatewayMetricsResource: 409 unless RUNNING; the gateway (an emulator) answers only
  // with the API key it was given (EMULATOR_API_KEYS=ignition/api-token) and Stoker only finds it as
  // the secret ignition/api-token; otherwise 502. Values wander plausibly from sample to sample.
  function metrics(res, env) {
    if (env.state !== 'RUNNING') return problem(res, 409, `environment '${env.spec.name}' is ${env.state}; metrics come from a RUNNING gateway`);
    const path = `${env.spec.platform}/api-token`;
    const hasKey = ['workspace', `stage:${env.spec.stage.toLowerCase()}`, `environment:${env.id}`].some((scope) => secrets.exists(scope, path));
    const given = Object.entries(env.spec.secrets ?? {}).some(([k, v]) => k === 'EMULATOR_API_KEYS' && v === path);
    if (!hasKey || !given) {
      return problem(res, 502, `the gateway did not give its metrics: HTTP 401 from ${env.endpoints.http}/data/api/v1/gateway-info${hasKey ? '' : ` (no secret ${path} in the environment's scopes)`}`);
    }
    const t = (Date.now() - (env.runningSince ?? Date.now())) / 1000;
    const max = env.spec.limits?.memoryBytes || 1024 * 1048576;
    const used = Math.round(max * (0.32 + 0.08 * Math.sin(t / 20) + 0.04 * Math.random()));
    const cpu = Math.min(1, Math.max(0, 0.12 + 0.08 * Math.sin(t / 9) + 0.05 * Math.random()));
    return send(res, 200, {
      environment: env.id,
      time: now(),
      metrics: {
        'memory.used.bytes': used,
        'memory.committed.bytes': Math.round(max * 0.5),
        'memory.max.bytes': max,
        'cpu.usage': Number(cpu.toFixed(4)),
        'cpu.system.usage': Number(Math.min(1, cpu + 0.1 + 0.05 * Math.random()).toFixed(4)),
        'cpu.processors': 4,
        threads: 80 + Math.round(6 * Math.random()),
        'uptime.seconds': Math.round(t),
      },
    });
  }

  function events(req, res, op) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    let last = '';
    let lastWrite = Date.now();
    const timer = setInterval(() => {
      const json = JSON.stringify(op);
      if (json !== last) {
        const done = ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(op.status);
        // one event cut into two writes, to exercise chunk boundaries in the client
        const text = `event: ${done ? 'done' : 'progress'}\ndata: ${json}\n\n`;
        res.write(text.slice(0, 17));
        res.write(text.slice(17));
        last = json;
        lastWrite = Date.now();
        if (done) { clearInterval(timer); res.end(); }
      } else if (Date.now() - lastWrite > 1000) {
        res.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
    }, 100);
    req.on('close', () => clearInterval(timer));
  }

  // GET /environments/{id}/logs?follow=true: the tail, then new lines as `log` events; `end` when it stops.
  function followLog(req, res, env, tail) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    const lines = () => (logs.get(env.id) ?? '').split('\n').filter(Boolean);
    for (const l of tail > 0 ? lines().slice(-tail) : []) res.write(`event: log\ndata: ${l}\n\n`);
    let seen = lines().length;
    let beat = 0;
    const timer = setInterval(() => {
      const all = lines();
      for (const l of all.slice(seen)) res.write(`event: log\ndata: ${l}\n\n`);
      seen = all.length;
      if (++beat % 5 === 0) log(env, `heartbeat ${beat / 5}`);
      if (!['RUNNING', 'STARTING'].includes(env.state)) { clearInterval(timer); res.end('event: end\ndata: the container stopped\n\n'); }
    }, 200);
    req.on('close', () => clearInterval(timer));
  }

  const send = (res, status, body, type = 'application/json') => {
    const errors = res.req ? contract.check(res.req.method, new URL(res.req.url, 'http://mock').pathname, status, body ?? null, type) : null;
    if (errors) {
      console.error(`mock Stoker breaks the API contract:\n  ${errors.join('\n  ')}`);
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end(`the mock's answer does not fit the API contract:\n${errors.join('\n')}\n`);
    }
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  // An answer of the shared fake (a fetch Response) written to `res`; JSON goes through `send`'s contract check.
  const relay = async (res, answer) => {
    const type = answer.headers.get('Content-Type') ?? '';
    const text = await answer.text();
    if (/json/.test(type)) return send(res, answer.status, text ? JSON.parse(text) : undefined, type);
    res.writeHead(answer.status, type ? { 'Content-Type': type } : {});
    return res.end(text || undefined);
  };
  const problem = (res, status, detail, field) => send(res, status, { type: 'about:blank', title: String(status), status, detail, field }, 'application/problem+json');
  const view = (u) => ({ username: u.username, role: u.role.toUpperCase(), created: u.created, createdBy: u.createdBy, disabled: false });
  // the request's bytes, read once (api() reads them first); body: its JSON ({} when empty, null when malformed)
  const read = (req) => new Promise((ok, fail) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => ok(Buffer.concat(chunks))); req.on('error', fail); });
  const raw = async (req) => (req.bytes ??= await read(req));
  const body = async (req) => { const s = (await raw(req)).toString('utf8'); try { return s ? JSON.parse(s) : {}; } catch { return null; } };

  async function api(req, res, url) {
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const q = url.searchParams;
    // the shared fake answers first: open routes, authentication, and the parts it has (test-support/fake/)
    const type = req.headers['content-type'] ?? '';
    const form = async () => new Response(await raw(req), { headers: { 'Content-Type': type } }).formData().catch(() => null);
    const call = { method: req.method, path: url.pathname, query: q, body: /json/.test(type) ? await body(req) : /^multipart\/form-data/.test(type) ? await form() : undefined, auth: req.headers.authorization ?? null };
    const { answer, user: me } = core.serve(call, shared);
    if (answer) return relay(res, await answer);
    const need = (role) => RANK[me.role] >= RANK[role] || (problem(res, 403, `needs role '${role}' or higher; you are '${me.role}'`), false);
    const mx = path.match(/^\/environments\/([^/]+)\/(backups|restore|rollback|upgrade)$/);
    if (mx) {
      const env = environments.find((e) => e.id === decodeURIComponent(mx[1]));
      if (!env || env.state === 'DESTROYED') return problem(res, 404, `environment '${mx[1]}' not found`);
      const list = backups.get(env.id) ?? [];
      if (mx[2] === 'backups' && req.method === 'GET') {
        const offset = Number(q.get('offset') ?? 0), limit = Number(q.get('limit') ?? 50);
        return send(res, 200, { items: list.slice(offset, offset + limit), offset, limit, total: list.length });
      }
      if (req.method !== 'POST') return problem(res, 405, 'method not allowed');
      if (!need('engineer')) return;
      const b = (await body(req)) ?? {};
      const busy = [...operations.values()].some((o) => o.target === env.id && !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(o.status));
      if (busy) return problem(res, 409, `another operation on '${env.spec.name}' is running`);
      if (mx[2] === 'backups') {
        if (env.state !== 'RUNNING') return problem(res, 409, `cannot back up an environment that is ${env.state}`);
        if (!b.apiKeySecret) return problem(res, 400, 'apiKeySecret: required (no backupApiKeySecret is configured)', 'apiKeySecret');
        const colon = b.apiKeySecret.lastIndexOf(':');
        if (colon < 0 || !secrets.exists(b.apiKeySecret.slice(0, colon), b.apiKeySecret.slice(colon + 1))) return problem(res, 400, `apiKeySecret: no secret ${b.apiKeySecret}`, 'apiKeySecret');
      } else {
        if (!['RUNNING', 'STOPPED', 'FAILED'].includes(env.state)) return problem(res, 409, `cannot ${mx[2]} an environment that is ${env.state}`);
        if (mx[2] === 'upgrade') {
          if (!b.version && !b.image) return problem(res, 400, 'version: a version or an image is required', 'version');
          if ((b.version && b.version === env.spec.version) || (b.image && b.image === env.spec.image)) return problem(res, 400, 'version: the environment already runs it', 'version');
        } else {
          if (!list.some((x) => x.id === b.backup || x.sha256 === b.backup)) return problem(res, 400, `backup: no backup '${b.backup}'`, 'backup');
          if (mx[2] === 'rollback' && !env.previous) return problem(res, 409, `'${env.spec.name}' was never upgraded`);
        }
      }
      const action = mx[2] === 'backups' ? 'backup' : mx[2];
      const op = newOp(`environment.${action}`, env.id, me.username);
      Object.defineProperty(op, 'params', { value: b.version ? { version: b.version, image: null } : { image: b.image ?? null }, enumerable: false });
      Object.defineProperty(op, 'target_image', { value: b.image ?? `inductiveautomation/ignition:${b.version}`, enumerable: false });
      lifecycle(op, env, action);
      record(me.username, `POST /api/v1/environments/${env.id}/${mx[2]}`, env.id);
      return send(res, 202, op);
    }
    let m;
    if (path === '/environments' && req.method === 'GET') {
      const live = environments.filter((e) => e.state !== 'DESTROYED');
      const offset = Number(q.get('offset') ?? 0), limit = Number(q.get('limit') ?? 50);
      return send(res, 200, { items: live.slice(offset, offset + limit).map(({ port: _p, runningSince: _r, ...e }) => e), offset, limit, total: live.length });
    }
    if (path === '/environments' && req.method === 'POST') {
      if (!need('engineer')) return;
      const b = await body(req);
      if (!b) return problem(res, 400, 'malformed JSON');
      if (!/^[a-z][a-z0-9-]{1,40}[a-z0-9]$/.test(b.name ?? '')) return problem(res, 400, "name: 3-42 characters, lower-case letters, digits and '-', starting with a letter", 'name');
      if (b.platform !== 'ignition') return problem(res, 400, `platform: '${b.platform}' is not installed [ignition]`, 'platform');
      if (!['dev', 'test', 'staging', 'qa', 'prod'].includes(String(b.stage ?? '').toLowerCase())) return problem(res, 400, 'one of dev, test, staging, qa, prod', 'stage');
      if (!b.version && !b.image) return problem(res, 400, 'version: required unless image is given', 'version');
      if (b.memoryMb !== undefined && (b.memoryMb < 256 || b.memoryMb > 1048576)) return problem(res, 400, 'between 256 and 1048576', 'memoryMb');
      if (environments.some((e) => e.spec.name === b.name && e.state !== 'DESTROYED')) return problem(res, 409, `name: an environment named '${b.name}' already exists`, 'name');
      const port = nextPort; nextPort += 10;
      const env = { id: crypto.randomUUID(), spec: { name: b.name, platform: b.platform, version: b.version ?? null, image: b.image ?? null, stage: String(b.stage).toUpperCase(), modules: [], jdbcDrivers: [], secrets: b.secrets ?? {}, restoreBackup: null, ports: b.ports ?? {}, limits: { memoryBytes: (b.memoryMb ?? 0) * 1048576, cpus: b.cpus ?? 0 }, ttl: b.ttlMinutes ? `PT${b.ttlMinutes}M` : null, idleTimeout: b.idleTimeoutMinutes ? `PT${b.idleTimeoutMinutes}M` : null, labels: b.labels ?? {}, host: b.host ?? null }, state: 'REQUESTED', stateReason: `requested by ${me.username}`, runtimeHost: 'local', endpoints: {}, createdBy: me.username, created: now(), updated: now(), port };
      environments.unshift(env);
      const op = newOp('environment.create', env.id, me.username);
      provision(op, env);
      record(me.username, 'POST /api/v1/environments', env.id);
      const { port: _p, runningSince: _r, ...shown } = env;
      res.setHeader('Location', `/api/v1/operations/${op.id}`);
      return send(res, 202, { environment: shown, operation: op });
    }
    m = path.match(/^\/environments\/([^/]+)\/metrics$/);
    if (m && req.method === 'GET') {
      const env = environments.find((e) => e.id === decodeURIComponent(m[1]));
      if (!env) return problem(res, 404, `environment '${m[1]}' not found`);
      return metrics(res, env);
    }
    m = path.match(/^\/environments\/([^/]+)(?:\/(start|stop|restart|logs))?$/);
    if (m) {
      const env = environments.find((e) => e.id === decodeURIComponent(m[1]));
      if (!env) return problem(res, 404, `environment '${m[1]}' not found`);
      const { port: _p, runningSince: _r, ...shown } = env;
      if (!m[2] && req.method === 'GET') return send(res, 200, shown);
      if (m[2] === 'logs' && req.method === 'GET') {
        const text = logs.get(env.id);
        if (text === undefined) return problem(res, 404, `environment '${env.id}' has no container`);
        if (q.get('follow') === 'true') return followLog(req, res, env, Number(q.get('tail') ?? 200));
        const tail = Number(q.get('tail') ?? 200);
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end(text.split('\n').slice(-tail - 1).join('\n'));
      }
      if (!need('engineer')) return;
      if (m[2] && req.method === 'POST') {
        if (!ALLOWED[m[2]].includes(env.state)) return problem(res, 409, `action: cannot ${m[2]} an environment that is ${env.state}`, 'action');
        const op = newOp(`environment.${m[2]}`, env.id, me.username);
        lifecycle(op, env, m[2]);
        return send(res, 202, op);
      }
      if (!m[2] && req.method === 'DELETE') {
        const volume = q.get('volume') ?? 'keep';
        if (!['keep', 'delete'].includes(volume)) return problem(res, 400, 'volume: keep (default) or delete', 'volume');
        if (env.state === 'DESTROYED') return problem(res, 404, `environment '${env.id}' not found`);
        const action = volume === 'delete' ? 'destroy-with-volume' : 'destroy';
        const op = newOp(`environment.${action}`, env.id, me.username);
        lifecycle(op, env, action);
        return send(res, 202, op);
      }
    }
    m = path.match(/^\/operations\/([^/]+)\/events$/);
    if (m && req.method === 'GET') {
      const op = operations.get(decodeURIComponent(m[1]));
      if (!op) return problem(res, 404, `operation '${m[1]}' not found`);
      return events(req, res, op);
    }
    const ctx = { req, res, path, q, me, need, send, problem, body, raw };
    if (path === '/projects' || path.startsWith('/projects/')) return projects.handle(ctx);
    return problem(res, 404, `no such endpoint ${req.method} ${url.pathname}`);
  }

  async function console_(req, res, url) {
    if (url.pathname === '/console') { res.writeHead(302, { Location: `/console/${url.search}` }); return res.end(); }
    const rel = decodeURIComponent(url.pathname.slice('/console/'.length));
    if (rel.split('/').some((s) => s === '..' || s === '.')) { res.writeHead(404); return res.end('Not found\n'); }
    const file = normalize(join(DIST, rel));
    let target = join(DIST, 'index.html');
    if (rel && file.startsWith(DIST)) {
      const st = await stat(file).catch(() => null);
      if (st?.isFile()) target = file;
      else if (rel.startsWith('assets/') || TYPES[extname(rel)]) { res.writeHead(404); return res.end('Not found\n'); }
    }
    const headers = { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream', 'Cache-Control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable' };
    if (target.endsWith('index.html')) headers['Content-Security-Policy'] = CSP;
    res.writeHead(200, headers);
    res.end(await readFile(target));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const handler = url.pathname.startsWith('/api/v1/') ? api : url.pathname === '/console' || url.pathname.startsWith('/console/') ? console_ : null;
    if (!handler) { res.writeHead(404); return res.end('Not found\n'); }
    handler(req, res, url).catch((e) => { res.writeHead(500); res.end(String(e)); });
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${server.address().port}`, adminPassword, close: () => new Promise((done) => server.close(done)) })));
}

// run as a program (`npm run mock`: vite-node leaves the script's path out of process.argv)
if (process.argv[1] === fileURLToPath(import.meta.url) || process.env.MOCK_STOKER_MAIN === '1') {
  const s = await startMockStoker({ port: Number(process.env.PORT ?? 8199) });
  console.log(`mock Stoker at ${s.url}/console/ (admin / ${s.adminPassword})`);
}
