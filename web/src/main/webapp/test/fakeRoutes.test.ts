// @vitest-environment node
/**
 * The shared fake back end (test-support/fake/, used by the Vitest fake and the e2e self-test server) against
 * the API contract: every route it serves is an operation of the OpenAPI snapshot with that method, and every
 * GET route answers, on seeded data, a body that the snapshot's schema for that answer accepts. Beyond that,
 * every answer either fake gives in any test is checked the same way (test/setup.ts fails a test on a
 * violation; the e2e server answers 500 instead).
 */
import { describe, expect, it } from 'vitest';
import { contractChecker } from '../../../../test-support/contract.mjs';
import { fakeArtifacts } from '../../../../test-support/fake/artifacts';
import { fakeCore } from '../../../../test-support/fake/core';
import { fakeDocuments, projectSource } from '../../../../test-support/fake/documents';
import { fakeEnvironment, fakeEnvironments, handDriver } from '../../../../test-support/fake/environments';
import { route, router, type Ctx } from '../../../../test-support/fake/http';
import { fakeMembers } from '../../../../test-support/fake/members';
import { fakeOperations } from '../../../../test-support/fake/operations';
import { fakePipelines } from '../../../../test-support/fake/pipelines';
import { fakeProjects } from '../../../../test-support/fake/projects';
import { sharedRoutes } from '../../../../test-support/fake/routes';
import { fakeSecrets } from '../../../../test-support/fake/secrets';
import { fakeGateway, fakeTelemetry } from '../../../../test-support/fake/telemetry';
import openapi from '../api/openapi.json';

const paths = openapi.paths as Record<string, Record<string, unknown>>;

describe('the shared fake back end', () => {
  it('serves only operations the API has, each with its method', () => {
    const routes = sharedRoutes();
    expect(routes.length).toBeGreaterThan(0);
    const missing = routes.filter((r) => !paths[r.template]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.template}`);
    expect(missing, 'routes of the fake that the OpenAPI snapshot does not have').toEqual([]);
  });

  it('declares no route twice', () => {
    const keys = sharedRoutes().map((r) => `${r.method} ${r.template}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('routes by method and template, with decoded path parameters', () => {
    const handle = router([route('GET', '/api/v1/things/{id}', (_c, _x, p) => new Response(p.id)), route('DELETE', '/api/v1/things/{id}', () => new Response('gone'))]);
    const call = (method: string, path: string) => handle({ method, path, query: new URLSearchParams(), body: undefined, auth: null }, {} as Ctx) as Response | undefined;
    expect(call('GET', '/api/v1/things/a%2Fb')).toBeInstanceOf(Response);
    return Promise.all([
      call('GET', '/api/v1/things/a%20b')!.text().then((t) => expect(t).toBe('a b')),
      call('DELETE', '/api/v1/things/x')!.text().then((t) => expect(t).toBe('gone')),
    ]).then(() => {
      expect(call('POST', '/api/v1/things/x')).toBeUndefined();
      expect(call('GET', '/api/v1/things/x/y')).toBeUndefined();
    });
  });

  it('answers every GET route, on seeded data, with a body its schema accepts', async () => {
    const now = () => new Date().toISOString();
    const platform = { id: 'ignition', displayName: 'Ignition', vendor: 'IA', adapterVersion: '0.1.0', versions: [{ line: '8.3', defaultVersion: '8.3.4', defaultImage: 'ia/ignition:8.3.4' }], capabilities: ['RUNTIME'] };
    const core = fakeCore({ now, platforms: [platform] });
    const secrets = fakeSecrets({ now });
    const projects = fakeProjects({ now, platforms: () => ['ignition'] });
    const pipelines = fakePipelines(projects.exists);
    const operations = fakeOperations({ now });
    const artifacts = fakeArtifacts({ now });
    const environments = fakeEnvironments({ now, state: core.state, operations, secretExists: secrets.exists, driver: handDriver() });
    const telemetry = fakeTelemetry({ now });
    const members = fakeMembers({ now, exists: projects.exists });
    const documents = fakeDocuments({ now, source: projectSource(projects) });
    const parts = router([...secrets.routes, ...pipelines.routes, ...operations.routes, ...artifacts.routes, ...environments.routes, ...projects.routes, ...members.routes, ...telemetry.routes, ...documents.routes]);
    core.addUser('admin', 'admin');
    const auth = `Bearer ${core.session('admin')}`;
    const serve = async (method: string, path: string, query = '', body?: unknown) => {
      const answer = await core.serve({ method, path, query: new URLSearchParams(query), body, auth }, parts).answer;
      expect(answer, `${method} ${path}`).toBeInstanceOf(Response);
      return answer!;
    };
    // one of everything
    await serve('POST', '/api/v1/tokens', '', { name: 'ci', scopes: ['read'], expiresInDays: 30 });
    secrets.seed('workspace', 'db/pw', 'PASSWORD', { expires: '2027-01-01T00:00:00Z' });
    projects.addProject('line3');
    const r1 = projects.commit('line3', 'main', 'first', { 'project.json': '{}', 'v/w/Main/resource.json': '{"a":1}', 'tags.json': '{"tags":[]}' });
    projects.commit('line3', 'feature', 'second', { 'project.json': '{}', 'v/w/Main/resource.json': '{"a":2}' });
    const merge = await serve('POST', '/api/v1/projects/line3/merges', '', { source: 'feature', target: 'main' }).then((a) => a.json());
    await serve('POST', '/api/v1/projects/line3/releases', '', { name: 'v1', rev: 'main' });
    const run = pipelines.addRun('line3', 'alice');
    pipelines.waitForApproval(run);
    pipelines.deployments.push({ id: 'd1', environment: 'env-1', environmentName: 'gw', stage: 'dev', project: 'line3', commit: 'c'.repeat(40), release: null, artifactDigest: 'a'.repeat(64), runId: run.id, deployedBy: 'alice', approvedBy: [], at: now(), status: 'DEPLOYED' });
    const env = fakeEnvironment('gw');
    environments.environments.push(env);
    environments.logs.set(env.id, 'gateway started\n');
    const op = operations.newOperation('environment.create', env.id, 'admin');
    const backup = await artifacts.store(new TextEncoder().encode('PK-backup'), 'gw.gwbk', 'admin');
    environments.backups.set(env.id, [{ id: 'b1', environmentId: env.id, sha256: backup.sha256, size: backup.size, image: 'ia/ignition:8.3.4', version: '8.3.4', createdBy: 'admin', created: now() }]);
    await artifacts.store(new TextEncoder().encode('PK-module'), 'extra.modl', 'admin');
    operations.orphans.push({ runtimeHost: 'local', container: { id: 'c1', name: 'left', image: 'ia/ignition:8.3.4', running: false, ports: {}, labels: {} }, reason: 'no environment' });
    await serve('PUT', '/api/v1/projects/line3/members', '', { group: 'plant-ops', role: 'lead', stage: 'staging' });
    await serve('POST', '/api/v1/service-accounts', '', { name: 'ci-build', role: 'engineer' });
    await serve('POST', '/api/v1/service-accounts/ci-build/tokens', '', { name: 'jenkins', scopes: ['read'], expiresInDays: 30 });
    telemetry.gateways.push(fakeGateway(env.id, 'gw'), fakeGateway('env-down', 'down', { up: false, lastUp: null, error: 'no answer', metrics: {} }));
    telemetry.alerts.push({ id: 'a1', rule: 'r1', ruleName: 'down', kind: 'gateway-down', severity: 'critical', target: 'env-down', state: 'firing', value: 0, message: 'down', silenced: false, since: now(), firedAt: now(), resolvedAt: null, history: [{ state: 'firing', time: now(), message: 'down' }] });
    const rule = await serve('POST', '/api/v1/alert-rules', '', { name: 'down', kind: 'gateway-down', forSeconds: 30 }).then((a) => a.json());
    telemetry.logs.push({ id: 'l1', environment: env.id, stage: 'dev', time: now(), level: 'warn', logger: 'Gateway', message: 'started' });
    const doc = documents.write('line3', 'change-summary', { from: r1.id });
    const step = run.stages[0].steps[0].name;
    const params: Record<string, string> = { p: 'line3', step, name: 'ci-build' };
    const idOf: Record<string, string> = { platforms: 'ignition', operations: op.id, runs: run.id, environments: env.id, projects: merge.id, alerts: 'a1', 'alert-rules': rule.id, documents: doc.id };
    const queries: Record<string, string> = { '/api/v1/operations': `target=${env.id}`, '/api/v1/secrets/metadata': 'scope=workspace&path=db/pw', '/api/v1/secrets/versions': 'scope=workspace&path=db/pw', '/api/v1/projects/{p}/file': 'path=v/w/Main/resource.json', '/api/v1/projects/{p}/diff': `from=${r1.id}&to=feature`, '/api/v1/environments/{id}/metrics/history': 'name=stoker_gateway_cpu_ratio', '/api/v1/projects/{p}/search': 'q=main view' };
    const contract = contractChecker(openapi);
    // event streams never end: they are tested where a test pushes their frames
    const gets = sharedRoutes().filter((r) => r.method === 'GET' && !r.template.endsWith('/events') && !r.template.endsWith('/logs/tail'));
    for (const r of gets) {
      const path = r.template.replace(/\{(\w+)\}/g, (_, n: string) => (n === 'id' ? idOf[r.template.split('/')[3]] : params[n]));
      const answer = await serve('GET', path, queries[r.template]);
      expect(answer.status, `GET ${path}`).toBe(200);
      const type = answer.headers.get('Content-Type') ?? '';
      if (type === 'application/zip') continue;
      const text = await answer.text();
      expect(contract.check('GET', path, 200, /json/.test(type) ? JSON.parse(text) : text, type), `GET ${path}`).toBeNull();
    }
    expect(gets.length).toBeGreaterThan(30);
  });
});

