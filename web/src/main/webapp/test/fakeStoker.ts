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
import { fakeEnvironment, fakeEnvironments, handDriver, type FakeEnvironment } from '../../../../test-support/fake/environments';
import { problem, router, type Call } from '../../../../test-support/fake/http';
import { fakeArtifacts } from '../../../../test-support/fake/artifacts';
import { fakeOperations, type FakeOperation } from '../../../../test-support/fake/operations';
import { fakeSecrets } from '../../../../test-support/fake/secrets';
import { fakePipelines } from '../../../../test-support/fake/pipelines';
import { fakeProjects } from '../../../../test-support/fake/projects';
import { fakeMembers } from '../../../../test-support/fake/members';
import { fakeTelemetry } from '../../../../test-support/fake/telemetry';
import { fakeDocuments, projectSource } from '../../../../test-support/fake/documents';

export type { Call };

export type { FakeEnvironment, FakeOperation };
export { fakeEnvironment };

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
  /** the core's state, and: when `runtimeDown` is set, creating an environment answers 503; `backupApiKeySecret`: the configured key of backups */
  const state = Object.assign(core.state, { runtimeDown: false, backupApiKeySecret: null as string | null });
  // secrets are written a minute apart from 2026-01-10 09:00 on, so lists sort the same every run
  let clock = Date.UTC(2026, 0, 10, 9, 0, 0);
  const secrets = fakeSecrets({ now: () => new Date((clock += 60_000)).toISOString() });
  // revisions are made an hour apart from 2026-01-12 09:00 on
  let hours = Date.UTC(2026, 0, 12, 8, 0, 0);
  const projects = fakeProjects({ now: () => new Date((hours += 3_600_000)).toISOString(), platforms: () => state.platforms.map((p) => p.id) });
  const pipelines = fakePipelines(projects.exists);
  const members = fakeMembers({ now: () => '2026-01-05T10:00:00Z', exists: projects.exists });
  // operations all start at 2026-01-05 10:00 (the list orders equal times by id, newest first)
  const ops = fakeOperations({ now: () => '2026-01-05T10:00:00Z' });
  const uploads = fakeArtifacts({ now: () => '2026-01-05T10:00:00Z' });
  const { artifacts } = uploads;
  // environments: operations stay where a test puts them; tests push event frames with `sse.send`
  const driver = handDriver();
  const { sse } = driver;
  const envs = fakeEnvironments({ now: () => '2026-01-05T10:00:00Z', state, operations: ops, secretExists: secrets.exists, driver, newId: (name) => `env-${name}` });
  const { environments, logs, backups, metrics, previous } = envs;
  const { operations, orphans, newOperation } = ops;

  // monitoring: the fleet, alerts, rules and logs tests set; rules may name any environment the fake has
  const telemetry = fakeTelemetry({ now: () => '2026-01-05T10:00:00Z', environmentExists: (id) => environments.some((e) => e.id === id) || telemetry.gateways.some((g) => g.environment === id) });

  // documents: written by the template writer from the fake projects' commits and resources
  let docClock = Date.UTC(2026, 0, 20, 9, 0, 0);
  const documents = fakeDocuments({ now: () => new Date((docClock += 60_000)).toISOString(), source: projectSource(projects) });

  addUser('admin', 'admin');

  const handle = router([...ops.routes, ...uploads.routes, ...envs.routes, ...secrets.routes, ...pipelines.routes, ...projects.routes, ...members.routes, ...telemetry.routes, ...documents.routes]);

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

  return { api, users, tokens, calls, state, addUser, session, ssoHandoff: core.ssoHandoff, fetch: fetchImpl, environments, operations, orphans, logs, metrics, sse, newOperation, previous, secrets, projects, members: members.members, pipelines, backups, artifacts, telemetry, documents };
}

export type FakeStoker = ReturnType<typeof fakeStoker>;
