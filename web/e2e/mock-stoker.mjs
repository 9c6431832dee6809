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
import { simulation } from './simulation.mjs';
import { fakeArtifacts } from '../test-support/fake/artifacts.ts';
import { fakeCore } from '../test-support/fake/core.ts';
import { fakeDocuments, projectSource } from '../test-support/fake/documents.ts';
import { fakeEnvironments } from '../test-support/fake/environments.ts';
import { router } from '../test-support/fake/http.ts';
import { fakeOperations } from '../test-support/fake/operations.ts';
import { fakePipelines } from '../test-support/fake/pipelines.ts';
import { fakeProjects } from '../test-support/fake/projects.ts';
import { fakeSecrets } from '../test-support/fake/secrets.ts';
import { fakeGateway, fakeTelemetry } from '../test-support/fake/telemetry.ts';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
// Every JSON answer is checked against the API contract (the OpenAPI snapshot): one that does not fit is
// answered 500 with the reasons instead, which fails the browser test (and the contract test in Vitest).
const contract = contractChecker(loadContract());

export function startMockStoker({ port = 0, adminPassword = 'admin-password-e2e' } = {}) {
  const now = () => new Date().toISOString();
  const secrets = fakeSecrets({ now });
  // pipelines are not simulated (e2e/pipeline.e2e.mjs runs against a real Stoker): nothing runs by itself
  const projects = fakeProjects({ now, platforms: () => core.state.platforms.map((p) => p.id) });
  const pipelines = fakePipelines(projects.exists);

  const ops = fakeOperations({ now });
  const { orphans } = ops;
  // artifacts: uploads and the backups Stoker took
  const uploads = fakeArtifacts({ now });
  orphans.push({ runtimeHost: 'local', container: { id: 'deadbeefcafe0001', name: 'stoker-leftover', image: 'inductiveautomation/ignition:8.3.4', running: false, ports: {}, labels: { 'dev.stoker.environment': 'gone' } }, reason: 'no environment gone is recorded' });
  const PLATFORM = { id: 'ignition', displayName: 'Ignition', vendor: 'Inductive Automation', adapterVersion: '0.1.0', versions: [{ line: '8.3', defaultVersion: '8.3.4', defaultImage: 'inductiveautomation/ignition:8.3.4' }, { line: '8.1', defaultVersion: '8.1.47', defaultImage: 'inductiveautomation/ignition:8.1.47' }], capabilities: ['RUNTIME', 'GATEWAY_CLIENT', 'PROJECT_CODEC', 'SEMANTIC_MERGE', 'TAGS', 'BACKUP', 'METRICS'] };
  // sign-in, users, tokens, platforms, health and the audit log (test-support/fake/core.ts)
  const core = fakeCore({ now, platforms: [PLATFORM] });
  core.addUser('admin', 'admin', adminPassword);
  core.state.health = { status: 'UP', components: [{ component: 'adapters', status: 'UP', detail: '1 platform adapter(s): ignition' }, { component: 'security', status: 'UP', detail: 'users, tokens and audit log available' }] };
  // environments: the shared rules, moved along by timers (e2e/simulation.mjs)
  const sim = simulation({ now, secrets, uploads });
  const environments = fakeEnvironments({ now, state: core.state, operations: ops, secretExists: secrets.exists, record: core.record, driver: sim });
  sim.attach(environments);
  const telemetry = fakeTelemetry({ now, running: () => environments.environments.filter((e) => e.state === 'RUNNING').map((e) => fakeGateway(e.id, e.spec.name, { stage: String(e.spec.stage ?? 'dev').toLowerCase(), checked: now(), lastUp: now() })) });
  // monitoring: two gateways (one down), a firing alert and some log lines, for the fleet, alerts and logs pages
  telemetry.gateways.push(fakeGateway('env-plant-a', 'plant-a'), fakeGateway('env-plant-b', 'plant-b', { stage: 'prod', up: false, state: 'STARTING', error: 'no answer within 5 s', metrics: {} }));
  telemetry.alerts.push({ id: 'alert-1', rule: 'rule-0', ruleName: 'gateway down', kind: 'gateway-down', severity: 'critical', target: 'env-plant-b', state: 'firing', value: 0, message: "gateway of environment 'plant-b' (env-plant-b) is down: no answer within 5 s", silenced: false, since: now(), firedAt: now(), resolvedAt: null, history: [{ state: 'pending', time: now(), message: 'down' }, { state: 'firing', time: now(), message: 'down' }] });
  telemetry.logs.push(
    { id: 'log-1', environment: 'env-plant-a', stage: 'dev', time: now(), level: 'info', logger: 'Gateway', message: 'Started in 403 ms; state STARTING for 2000 ms' },
    { id: 'log-2', environment: 'env-plant-b', stage: 'prod', time: now(), level: 'warn', logger: 'ModuleManager', message: "GATEWAY_MODULES_ENABLED names 'perspective', which is not a module id" },
  );
  const documents = fakeDocuments({ now, source: projectSource(projects) });
  const shared = router([...secrets.routes, ...pipelines.routes, ...ops.routes, ...uploads.routes, ...environments.routes, ...projects.routes, ...telemetry.routes, ...documents.routes]);

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
  // An event stream is passed on as it comes, until either side ends it.
  const relay = async (res, answer) => {
    const type = answer.headers.get('Content-Type') ?? '';
    const location = answer.headers.get('Location');
    if (location) res.setHeader('Location', location);
    if (type === 'text/event-stream') {
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      const reader = answer.body.getReader();
      res.req.on('close', () => reader.cancel());
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
      return res.end();
    }
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (/json/.test(type) && !answer.headers.has('Content-Disposition')) return send(res, answer.status, bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined, type);
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    return res.end(bytes.length ? bytes : undefined);
  };
  const problem = (res, status, detail, field) => send(res, status, { type: 'about:blank', title: String(status), status, detail, field }, 'application/problem+json');
  // the request's bytes, read once (api() reads them first); body: its JSON ({} when empty, null when malformed)
  const read = (req) => new Promise((ok, fail) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => ok(Buffer.concat(chunks))); req.on('error', fail); });
  const raw = async (req) => (req.bytes ??= await read(req));
  const body = async (req) => { const s = (await raw(req)).toString('utf8'); try { return s ? JSON.parse(s) : {}; } catch { return null; } };

  async function api(req, res, url) {
    const q = url.searchParams;
    // the shared fake answers (test-support/fake/): open routes, authentication, and every part
    const type = req.headers['content-type'] ?? '';
    const form = async () => new Response(await raw(req), { headers: { 'Content-Type': type } }).formData().catch(() => null);
    const call = { method: req.method, path: url.pathname, query: q, body: /json/.test(type) ? await body(req) : /^multipart\/form-data/.test(type) ? await form() : undefined, auth: req.headers.authorization ?? null };
    const { answer } = core.serve(call, shared);
    if (answer) return relay(res, await answer);
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
